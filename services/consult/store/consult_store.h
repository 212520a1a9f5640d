#ifndef SAMSPAR_SERVICES_CONSULT_STORE_CONSULT_STORE_H_
#define SAMSPAR_SERVICES_CONSULT_STORE_CONSULT_STORE_H_

// The consults as stored: the resource (patient data included: the service
// withholds it from non-participants when it answers), where its escalation
// stands, when its next timer is due, and everyone who takes or took part.
// Every change is a compare-and-set on the etag, so that of two replicas (or
// two doctors accepting at once) exactly one change wins.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/sql/database.h"
#include "samspar/v1/consult.pb.h"
#include "services/consult/routing/escalation_plan.h"

namespace samspar::consult {

// What routing learnt of a line when it offered the consult on it: the
// timers and metrics events that follow need it without asking the roster.
struct LineFacts {
  std::string name;  // the line's resource name
  std::string display_name;
  std::string unit;       // the owning unit's resource name
  std::string specialty;  // its specialty code
  absl::Duration answer_timeout = absl::ZeroDuration();
  absl::Duration auto_close_delay = absl::ZeroDuration();

  friend bool operator==(const LineFacts&, const LineFacts&) = default;
};

struct StoredConsult {
  v1::Consult consult;  // name, state, etag and times set by the caller
  // Where escalation stands on the line being offered on: the routed line,
  // or while REASSIGNED, the handover's.
  EscalationPosition escalation = {};
  LineFacts routed_line = {};
  // While a handover to another line is pending: that line's facts, which
  // become `routed_line` when someone there accepts.
  absl::optional<LineFacts> handover_line = {};
  // Whether metrics has been sent the consult's CONSULT_CREATED event. A
  // consult stored while the directory could not be asked waits for its
  // requester unit's type, which metrics groups by.
  bool created_event_sent = true;
  // The number of the write that stored this version, in commit order across
  // all consults (set by the store; 0 before the first write).
  int64_t change_seq = 0;
  absl::optional<absl::Time> due_time = {};  // the next timer, if any
  // Practitioners (resource names) who took part for good: the requester
  // and every past or present assignee (an offered contact is a participant
  // only while the offer is pending, which the consult itself says). Only
  // ever added to.
  std::vector<std::string> participants = {};
};

// Inserts a new consult. AlreadyExists if its name is taken.
absl::Status InsertConsult(sql::Executor& tx, const StoredConsult& stored);

// The consult of `name` (`regions/{region}/consults/{id}`), or nullopt.
absl::StatusOr<absl::optional<StoredConsult>> GetConsult(sql::Executor& executor, absl::string_view name);

// Stores `stored` over the consult of its name if that still has
// `expected_etag`; ABORTED (CONCURRENT_MODIFICATION) when another change came
// first, and nothing is written.
absl::Status ReplaceConsult(sql::Executor& tx, const StoredConsult& stored, absl::string_view expected_etag);

// The search key of a patient identifier, under which ListConsults finds a
// patient's consults by any identifier they had.
// Held as a digest, so that the index names no patient; INVALID_ARGUMENT
// (INVALID_PATIENT_IDENTIFIER at `field`) for an identifier that is not one.
absl::StatusOr<std::string> PatientSearchKey(const v1::PatientIdentifier& patient, absl::string_view field);

// The change number the consult of `name` was last written under.
absl::StatusOr<int64_t> ChangeSeqOf(sql::Executor& executor, absl::string_view name);

// The consults changed under numbers after `after`, oldest change first, at
// most `limit`; and the highest number there is, for an `after` to start at.
absl::StatusOr<std::vector<std::string>> ChangedAfter(sql::Executor& executor, int64_t after, int limit);
absl::StatusOr<int64_t> LastChangeSeq(sql::Executor& executor);

// Moves the consult's timer to `due` without changing its version: for a
// timer whose change keeps failing, so that it does not hold up the others.
absl::Status PostponeTimer(sql::Executor& executor, absl::string_view name, absl::Time due);

// The consults whose timer is due at `now`, soonest first, at most `limit`.
absl::StatusOr<std::vector<std::string>> DueConsults(sql::Executor& executor, absl::Time now, int limit);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_STORE_CONSULT_STORE_H_
