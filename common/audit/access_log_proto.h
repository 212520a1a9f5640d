#ifndef SAMSPAR_COMMON_AUDIT_ACCESS_LOG_PROTO_H_
#define SAMSPAR_COMMON_AUDIT_ACCESS_LOG_PROTO_H_

// The access log between its API messages (samspar.v1) and the plain C++ of
// the domain: requests in, entries out. No checks here; the domain makes them.

#include "absl/strings/string_view.h"
#include "common/audit/access_log_search.h"
#include "common/audit/access_record.h"
#include "common/audit/patient_identifier.h"
#include "samspar/v1/access_log.pb.h"

namespace samspar::audit {

SearchRequest FromProto(const v1::SearchAccessLogRequest& request);

// A patient identifier of a request, unchecked (audit::CheckPatient checks
// it); the kind is unset when the request's is unspecified or unknown.
RequestedPatient FromProto(const v1::PatientIdentifier& patient);
void ToProto(const PatientId& patient, v1::PatientIdentifier& identifier);

// Who acted, as every resource that records its author shows it; people and
// units named in `region`.
v1::Actor ToProto(const Actor& actor, absl::string_view region);

// The entry as `regions/{region}/services/{log}/accessLogEntries/{id}`.
v1::AccessLogEntry ToProto(const AccessRecord& record, absl::string_view log);

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_ACCESS_LOG_PROTO_H_
