#include "common/audit/access_log_proto.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/auth/role_set.h"

namespace samspar::audit {
namespace {

// The domain's enums are numbered as the API's (see access_record.h).
template <typename ApiEnum, typename Enum>
ApiEnum ToApi(Enum value) {
  return static_cast<ApiEnum>(static_cast<int>(value));
}

absl::Time FromProto(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

void ToProto(absl::Time time, google::protobuf::Timestamp& timestamp) {
  const int64_t seconds = absl::ToUnixSeconds(time);
  timestamp.set_seconds(seconds);
  timestamp.set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
}

}  // namespace

RequestedPatient FromProto(const v1::PatientIdentifier& patient) {
  RequestedPatient requested{.value = patient.value(),
                             .issuing_region = patient.issuing_region(),
                             .issuing_unit = patient.issuing_unit()};
  switch (patient.kind()) {
    case v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER:
      requested.kind = PatientKind::kPersonnummer;
      break;
    case v1::PATIENT_IDENTIFIER_KIND_SAMORDNINGSNUMMER:
      requested.kind = PatientKind::kSamordningsnummer;
      break;
    case v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER:
      requested.kind = PatientKind::kReservnummer;
      break;
    default:  // unspecified, or a kind this server does not know
      break;
  }
  return requested;
}

void ToProto(const PatientId& patient, v1::PatientIdentifier& identifier) {
  identifier.set_kind(ToApi<v1::PatientIdentifierKind>(patient.kind));
  identifier.set_value(patient.value);
  if (!patient.issuing_region.empty()) {
    identifier.set_issuing_region(absl::StrCat("regions/", patient.issuing_region));
    if (!patient.issuing_unit.empty()) {
      identifier.set_issuing_unit(
          absl::StrCat("regions/", patient.issuing_region, "/units/", patient.issuing_unit));
    }
  }
}

// The practitioners and units of an entry are in the log's region: only its
// own callers reach it.
v1::Actor ToProto(const Actor& actor, absl::string_view region) {
  v1::Actor out;
  out.set_kind(ToApi<v1::ActorKind>(actor.kind));
  if (!actor.hsa_id.empty()) {
    out.mutable_practitioner()->set_name(
        absl::StrCat("regions/", region, "/practitioners/", actor.hsa_id));
    out.mutable_practitioner()->set_hsa_id(actor.hsa_id);
  }
  out.set_client_id(actor.client_id);
  for (identity::Role role : actor.roles) {
    v1::CallerRole api_role = v1::CALLER_ROLE_UNSPECIFIED;
    if (v1::CallerRole_Parse(absl::StrCat("CALLER_ROLE_", auth::RoleName(role)), &api_role)) {
      out.add_roles(api_role);
    }
  }
  if (!actor.unit_hsa_id.empty()) {
    out.mutable_unit()->set_name(absl::StrCat("regions/", region, "/units/", actor.unit_hsa_id));
    out.mutable_unit()->set_hsa_id(actor.unit_hsa_id);
  }
  return out;
}

SearchRequest FromProto(const v1::SearchAccessLogRequest& request) {
  SearchRequest plain{.parent = request.parent(),
                      .filter = request.filter(),
                      .page_size = request.page_size(),
                      .page_token = request.page_token()};
  switch (request.subject_case()) {
    case v1::SearchAccessLogRequest::kPatient:
      plain.subject = QueryKind::kByPatient;
      plain.patient = FromProto(request.patient());
      break;
    case v1::SearchAccessLogRequest::kUserHsaId:
      plain.subject = QueryKind::kByUser;
      plain.user_hsa_id = request.user_hsa_id();
      break;
    case v1::SearchAccessLogRequest::kClientId:
      plain.subject = QueryKind::kByClient;
      plain.client_id = request.client_id();
      break;
    case v1::SearchAccessLogRequest::SUBJECT_NOT_SET:
      break;
  }
  if (request.has_time_range()) {
    SearchRequest::Interval& range = plain.time_range.emplace();
    if (request.time_range().has_start_time()) {
      range.start_time = FromProto(request.time_range().start_time());
    }
    if (request.time_range().has_end_time()) {
      range.end_time = FromProto(request.time_range().end_time());
    }
  }
  return plain;
}

v1::AccessLogEntry ToProto(const AccessRecord& record, absl::string_view log) {
  v1::AccessLogEntry entry;
  entry.set_name(
      absl::StrCat("regions/", record.region, "/services/", log, "/accessLogEntries/", record.id));
  ToProto(record.time, *entry.mutable_access_time());
  *entry.mutable_actor() = ToProto(record.actor, record.region);
  if (record.patient.has_value()) ToProto(*record.patient, *entry.mutable_patient());
  if (record.previous_patient.has_value()) {
    ToProto(*record.previous_patient, *entry.mutable_previous_patient());
  }
  entry.set_resource(record.resource);
  entry.set_action(ToApi<v1::AccessAction>(record.action));
  entry.set_query_kind(ToApi<v1::AccessLogQueryKind>(record.query_kind));
  entry.set_method(record.method);
  entry.set_service(record.service);
  entry.set_basis(ToApi<v1::AccessBasis>(record.basis));
  entry.set_outcome(ToApi<v1::AccessOutcome>(record.outcome));
  entry.set_peer(record.peer);
  entry.set_trace_id(record.trace_id);
  return entry;
}

}  // namespace samspar::audit
