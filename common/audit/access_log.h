#ifndef SAMSPAR_COMMON_AUDIT_ACCESS_LOG_H_
#define SAMSPAR_COMMON_AUDIT_ACCESS_LOG_H_

// The access log's store: appending entries and reading them back, on the
// table of access_log_schema.h.
//
// When to record. Patientdatalagen wants every access to patient data
// followed up, so an entry must exist whenever the access happened:
// - a change (create, update, identify) is recorded in the same transaction
//   as the change, so both commit or neither does;
// - a read is recorded, and committed, before the data leaves the service:
//   record and read in one transaction and answer only once it committed.
// A refused attempt is recorded too (outcome DENIED, basis NONE) when it
// named a valid patient in the log's own region; a refusal for another region
// is not, as a region's log holds neither other regions' patients nor their
// callers.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/audit/access_record.h"
#include "common/sql/database.h"

namespace samspar::audit {

// Appends `record` to its region's log under a new entry id (record.id is
// ignored). Never updates or removes an entry: the log is append-only.
absl::Status RecordAccess(sql::Transaction& transaction, const AccessRecord& record);

// One search of one region's log: exactly one subject, a time window, and
// where the previous page ended.
struct AccessLogQuery {
  std::string region = {};
  QueryKind subject = QueryKind::kByPatient;
  // kByPatient: the patient under this identifier and every identifier
  // linked to it (see ReadAccessLog).
  PatientId patient = {};
  // kByUser: the person's accesses, in person or through a system acting for
  // them.
  std::string hsa_id = {};
  // kByClient: the system's accesses, on its own or for a person.
  std::string client_id = {};
  absl::Time since = {};                  // inclusive
  absl::optional<absl::Time> until = {};  // exclusive; open-ended when unset
  int limit = 50;
  // Keyset pagination: continue after this entry, which must itself be one
  // the query selects.
  absl::optional<std::string> after_entry_id = {};
};

struct AccessLogPage {
  std::vector<AccessRecord> entries = {};  // newest first, ties by entry id
  bool more = false;                       // older entries remain after the last
};

// The entries `query` selects, newest first, at most query.limit of them.
// A patient's identifiers are linked by the log's own IDENTIFY_PATIENT
// entries (written with each replacement of a reserve number): a search
// under any of them finds the entries under all of them, each showing the
// identifier in use at the time. NotFound when after_entry_id is not an
// entry of this query (the query changed between pages).
absl::StatusOr<AccessLogPage> ReadAccessLog(sql::Executor& executor, const AccessLogQuery& query);

// The patient's identity as one searchable text: kind and value, and for a
// reserve number its issuing region (reserve numbers are unique only within
// a region).
std::string PatientKey(const PatientId& patient);

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_ACCESS_LOG_H_
