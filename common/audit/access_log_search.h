#ifndef SAMSPAR_COMMON_AUDIT_ACCESS_LOG_SEARCH_H_
#define SAMSPAR_COMMON_AUDIT_ACCESS_LOG_SEARCH_H_

// SearchAccessLog as the domain decides it, for the service whose log this
// server holds: the caller from the token, the request in plain C++, where
// the call came from; the entries of one page out.
//
// In this order:
// 1. `parent` must be regions/{region}/services/{service} (INVALID_NAME);
// 2. the caller is authorized for the region named (auth::Authorize with the
//    SearchAccessLog rule): another region is refused with REGION_MISMATCH
//    before anything else is looked at, and nothing is written, since this
//    region's log must not name another region's callers or patients;
// 3. a parent naming another service's log is SERVICE_MISMATCH;
// 4. a caller of the region who may not search (ROLE_NOT_ALLOWED,
//    PERSON_REQUIRED) is refused, and when the request is otherwise valid the
//    attempt is recorded (outcome DENIED, with the patient for a search by
//    patient), so that an attempt to read a patient's log is followed up like
//    any other access; a request that is also invalid named nobody and is
//    refused without a record;
// 5. the request is checked (subject, time range, page size, filter, page
//    token) and refused with INVALID_ARGUMENT when wrong, without a record;
// 6. in one transaction the search itself is recorded first (action
//    SEARCH_ACCESS_LOG, basis AUDIT, outcome GRANTED, the patient for a
//    search by patient) and then the page is read, so the entry is committed
//    before any data leaves, and a patient's extract always shows the search
//    that produced it: the first search of a patient returns one entry,
//    itself. A page token that no longer fits the request rolls it all back.
// So every call of the region that names a valid subject leaves exactly one
// entry.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/audit/access_record.h"
#include "common/audit/patient_identifier.h"
#include "common/identity/caller.h"
#include "common/sql/database.h"

namespace samspar::audit {

inline constexpr char kSearchAccessLogMethod[] = "/samspar.v1.AccessLogService/SearchAccessLog";

// samspar.v1.SearchAccessLogRequest in plain C++.
struct SearchRequest {
  std::string parent = {};
  // Which member of the request's `subject` oneof is set (kNone: none).
  QueryKind subject = QueryKind::kNone;
  RequestedPatient patient = {};
  std::string user_hsa_id = {};
  std::string client_id = {};
  struct Interval {
    absl::optional<absl::Time> start_time = {};
    absl::optional<absl::Time> end_time = {};
  };
  absl::optional<Interval> time_range = {};
  std::string filter = {};
  int page_size = 0;
  std::string page_token = {};
};

// Where the call came from, for the entry the search leaves.
struct CallOrigin {
  std::string peer = {};
  std::string trace_id = {};
};

struct SearchResult {
  std::string region = {};
  std::vector<AccessRecord> entries = {};  // newest first
  std::string next_page_token = {};        // empty on the last page
};

class AccessLogSearch {
 public:
  // `log` names the service whose log this server holds ("consult",
  // "conference"), as parents do; `recording_service` is that service's API
  // name ("samspar.v1.ConsultService"), as the entries it writes name it.
  AccessLogSearch(sql::Database& database, std::string log, std::string recording_service);

  absl::StatusOr<SearchResult> Search(const identity::Caller& caller, const SearchRequest& request,
                                      const CallOrigin& origin) const;

 private:
  sql::Database& database_;
  std::string log_;
  std::string recording_service_;
};

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_ACCESS_LOG_SEARCH_H_
