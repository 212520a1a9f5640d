// GetConsult and ListConsults: whole for participants, patient data
// withheld for the other readers; each shown patient in the access log,
// committed before the answer leaves.

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/region_names.h"
#include "common/audit/access_log.h"
#include "common/audit/access_log_proto.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/consult/api/consult_parts.h"
#include "services/consult/api/consult_service.h"
#include "services/consult/store/consult_list.h"

namespace samspar::consult {

absl::StatusOr<v1::Consult> ConsultServiceImpl::Get(const identity::Caller& caller,
                                                    const grpc::CallbackServerContext& context,
                                                    const v1::GetConsultRequest& request) {
  constexpr char kRpc[] = "GetConsult";
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName name, api::ParseRegional(request.name(), "consults", "name"));
  SAMSPAR_RETURN_IF_ERROR(Allow(caller, kRpc, name.region, true).status());
  v1::Consult seen;
  SAMSPAR_RETURN_IF_ERROR(database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(const absl::optional<StoredConsult> stored, consult::GetConsult(tx, request.name()));
    if (!stored.has_value()) {
      return Error(absl::StatusCode::kNotFound, "CONSULT_NOT_FOUND", absl::StrCat(request.name(), " does not exist"));
    }
    const bool participant = IsParticipant(stored->consult, PractitionerOf(caller));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, kRpc, name.region, participant).status());
    seen = AsSeenBy(stored->consult, caller);
    if (participant) {
      if (absl::optional<audit::AccessRecord> access =
              AccessOf(caller, context.peer(), kRpc, stored->consult, audit::AccessAction::kRead)) {
        SAMSPAR_RETURN_IF_ERROR(audit::RecordAccess(tx, *access));
      }
    }
    return absl::OkStatus();
  }));
  return seen;
}

absl::Status ConsultServiceImpl::List(const identity::Caller& caller, const grpc::CallbackServerContext& context,
                                      const v1::ListConsultsRequest& request, v1::ListConsultsResponse& response) {
  constexpr char kRpc[] = "ListConsults";
  SAMSPAR_ASSIGN_OR_RETURN(const std::string region, api::ParseRegion(request.parent(), "parent"));
  SAMSPAR_RETURN_IF_ERROR(Allow(caller, kRpc, region, absl::nullopt).status());
  if (!v1::ConsultRelation_IsValid(request.relation())) {
    return FieldError("relation", "FIELD_INVALID", "is not a ConsultRelation");
  }
  ConsultListQuery query{
      .region = region, .relation = request.relation(), .caller = PractitionerOf(caller), .request = &request};
  if (caller.person.has_value() && !caller.person->unit_hsa_id.empty()) {
    query.caller_units.push_back(absl::StrCat("regions/", region, "/units/", caller.person->unit_hsa_id));
  }
  absl::optional<audit::PatientId> patient;
  if (request.has_patient()) {
    SAMSPAR_ASSIGN_OR_RETURN(query.patient_key, PatientSearchKey(request.patient(), "patient"));
    SAMSPAR_ASSIGN_OR_RETURN(patient, audit::CheckPatient(audit::FromProto(request.patient()), "patient"));
  }
  return database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    response.Clear();  // the transaction may run again
    SAMSPAR_ASSIGN_OR_RETURN(ConsultListPage page, consult::ListConsults(tx, query));
    // A patient's search is an access in itself, whatever it finds.
    if (patient.has_value()) {
      audit::AccessRecord search{.region = region,
                                 .time = Now(),
                                 .actor = audit::ActorOf(caller),
                                 .patient = patient,
                                 .resource = request.parent(),
                                 .action = audit::AccessAction::kList,
                                 .method = "/samspar.v1.ConsultService/ListConsults",
                                 .service = "samspar.v1.ConsultService",
                                 .basis = audit::AccessBasis::kRequester,
                                 .peer = context.peer()};
      SAMSPAR_RETURN_IF_ERROR(audit::RecordAccess(tx, search));
    }
    for (StoredConsult& stored : page.consults) {
      v1::Consult& consult = *response.add_consults();
      consult = AsSeenBy(stored.consult, caller);
      consult.clear_history();
      if (!consult.patient_data_withheld()) {
        if (absl::optional<audit::AccessRecord> access =
                AccessOf(caller, context.peer(), kRpc, stored.consult, audit::AccessAction::kList)) {
          SAMSPAR_RETURN_IF_ERROR(audit::RecordAccess(tx, *access));
        }
      }
    }
    response.set_next_page_token(std::move(page.next_page_token));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::GetConsult(grpc::CallbackServerContext* context,
                                                         const v1::GetConsultRequest* request, v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(*response, Get(caller, *context, *request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::ListConsults(grpc::CallbackServerContext* context,
                                                           const v1::ListConsultsRequest* request,
                                                           v1::ListConsultsResponse* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    return List(caller, *context, *request, *response);
  });
}

}  // namespace samspar::consult
