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

struct StoredConsult {
  v1::Consult consult;  // name, state, etag and times set by the caller
  EscalationPosition escalation = {};
  absl::optional<absl::Time> due_time = {};  // the next timer, if any
  // Practitioners (resource names) who take part now or did: the requester,
  // every assignee, the contact of a pending offer. Only ever added to.
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

// The consults whose timer is due at `now`, soonest first, at most `limit`.
absl::StatusOr<std::vector<std::string>> DueConsults(sql::Executor& executor, absl::Time now, int limit);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_STORE_CONSULT_STORE_H_
