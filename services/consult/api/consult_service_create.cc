// CreateConsult: checked, routed, stored with its first offer, its events
// and its access-log entry in one transaction; once per request_id.

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/page.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/audit/access_log.h"
#include "common/audit/access_log_proto.h"
#include "common/ids/resource_id.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/request_ids.h"
#include "services/consult/api/consult_parts.h"
#include "services/consult/api/consult_requester.h"
#include "services/consult/api/consult_requests.h"
#include "services/consult/api/consult_service.h"
#include "services/consult/routing/consult_offers.h"

namespace samspar::consult {
namespace {

constexpr char kCreate[] = "CreateConsult";

// The unit asked from: the request's, else the one the token names.
absl::StatusOr<std::string> RequesterUnitOf(const v1::CreateConsultRequest& request, const identity::Caller& caller) {
  if (!request.consult().requester_unit().name().empty()) return request.consult().requester_unit().name();
  if (caller.person.has_value() && !caller.person->unit_hsa_id.empty()) {
    return absl::StrCat("regions/", caller.region, "/units/", caller.person->unit_hsa_id);
  }
  return FieldError("consult.requester_unit", "FIELD_REQUIRED", "the token names no unit: name the unit asked from");
}

// The consult as the request asks it; patient identifiers in their
// canonical form.
absl::StatusOr<v1::Consult> NewConsult(const v1::CreateConsultRequest& request, const identity::Caller& caller,
                                       const std::string& requester_unit, absl::Time now) {
  const v1::Consult& asked = request.consult();
  v1::Consult consult;
  consult.set_name(absl::StrCat(request.parent(), "/consults/", ids::NewResourceId(now)));
  consult.set_track(asked.track());
  consult.mutable_requester()->set_name(PractitionerOf(caller));
  consult.mutable_requester()->set_hsa_id(caller.person->hsa_id);
  consult.mutable_requester_unit()->set_name(requester_unit);
  *consult.mutable_requester_callback() = asked.requester_callback();
  *consult.mutable_target() = asked.target();
  if (asked.has_patient()) {
    SAMSPAR_ASSIGN_OR_RETURN(const audit::PatientId patient,
                             audit::CheckPatient(audit::FromProto(asked.patient()), "consult.patient"));
    audit::ToProto(patient, *consult.mutable_patient());
  }
  consult.set_priority(asked.priority());
  consult.set_question(asked.question());
  *consult.mutable_context() = asked.context();
  consult.set_state(v1::CONSULT_STATE_CREATED);
  *consult.mutable_create_time() = api::ToProto(now);
  return consult;
}

}  // namespace

absl::StatusOr<v1::Consult> ConsultServiceImpl::Create(const identity::Caller& caller,
                                                       const grpc::CallbackServerContext& context,
                                                       const v1::CreateConsultRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(const std::string region, api::ParseRegion(request.parent(), "parent"));
  SAMSPAR_RETURN_IF_ERROR(Allow(caller, kCreate, region, absl::nullopt).status());
  SAMSPAR_RETURN_IF_ERROR(CheckCreateConsult(request));
  const store::RequestKey key{
      .region = region,
      .method = kCreate,
      .request_id = request.request_id(),
      .fingerprint = absl::StrCat(PractitionerOf(caller), ":", api::RequestFingerprint(request))};
  // What the first request with this id created, read again (and logged
  // as read) in `tx`.
  auto earlier_consult = [&](sql::Transaction& tx) -> absl::StatusOr<absl::optional<v1::Consult>> {
    SAMSPAR_ASSIGN_OR_RETURN(const absl::optional<std::string> earlier, store::EarlierResult(tx, key));
    if (!earlier.has_value()) return absl::nullopt;
    SAMSPAR_ASSIGN_OR_RETURN(const absl::optional<StoredConsult> stored, consult::GetConsult(tx, *earlier));
    if (!stored.has_value()) return absl::InternalError("a remembered create names no consult");
    if (absl::optional<audit::AccessRecord> read =
            AccessOf(caller, context.peer(), kCreate, stored->consult, audit::AccessAction::kRead)) {
      SAMSPAR_RETURN_IF_ERROR(audit::RecordAccess(tx, *read));
    }
    return AsSeenBy(stored->consult, caller);
  };
  absl::optional<v1::Consult> earlier;
  SAMSPAR_RETURN_IF_ERROR(database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(earlier, earlier_consult(tx));
    return absl::OkStatus();
  }));
  if (earlier.has_value()) return *std::move(earlier);

  const absl::Time now = Now();
  SAMSPAR_ASSIGN_OR_RETURN(const std::string requester_unit, RequesterUnitOf(request, caller));
  SAMSPAR_ASSIGN_OR_RETURN(v1::Consult consult, NewConsult(request, caller, requester_unit, now));
  consult.set_requester_role(RequesterRole(v1::UNIT_TYPE_UNSPECIFIED, caller));
  absl::StatusOr<RequesterFacts> unit = roster_.RequesterUnit(region, requester_unit, consult.requester().name());
  if (unit.ok()) {
    SetRequester(consult, *unit);
  } else if (unit.status().code() != absl::StatusCode::kUnavailable) {
    return unit.status();
  }
  // Refusals that the roster gives leave nothing stored; its silence stores
  // the consult for routing to retry, since a create never fails for it.
  absl::StatusOr<RoutedLine> routed = unit.ok() ? roster_.Route(region, consult.track(), consult.target(), now)
                                                : absl::StatusOr<RoutedLine>(unit.status());
  if (!routed.ok() && routed.status().code() != absl::StatusCode::kUnavailable) return routed.status();

  StoredConsult stored{.consult = std::move(consult), .participants = {PractitionerOf(caller)}};
  ConsultChange change(std::move(stored), now, audit::ToProto(audit::ActorOf(caller), caller.region));
  change.Record(v1::CONSULT_HISTORY_ACTION_CREATED);
  if (unit.ok()) {
    change.Emit(v1::EVENT_TYPE_CONSULT_CREATED);
  } else {
    change.stored().created_event_sent = false;  // sent once the unit's type is known
  }
  if (routed.ok()) {
    SAMSPAR_RETURN_IF_ERROR(OfferFirst(change, *routed));
  } else {
    change.Record(v1::CONSULT_HISTORY_ACTION_ROUTING_DELAYED);
    change.stored().due_time = now + options_.routing_retry;
  }
  change.Seal();
  std::vector<audit::AccessRecord> accesses;
  if (absl::optional<audit::AccessRecord> access =
          AccessOf(caller, context.peer(), kCreate, change.consult(), audit::AccessAction::kCreate)) {
    accesses.push_back(*std::move(access));
  }
  SAMSPAR_RETURN_IF_ERROR(database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    // A retry that raced the first request finds its consult here.
    SAMSPAR_ASSIGN_OR_RETURN(earlier, earlier_consult(tx));
    if (earlier.has_value()) return absl::OkStatus();
    SAMSPAR_RETURN_IF_ERROR(Write(tx, change, accesses));
    return store::RememberResult(tx, key, change.consult().name(), now);
  }));
  if (earlier.has_value()) return *std::move(earlier);
  hub_.Publish(change.stored());
  return change.consult();
}

grpc::ServerUnaryReactor* ConsultServiceImpl::CreateConsult(grpc::CallbackServerContext* context,
                                                            const v1::CreateConsultRequest* request,
                                                            v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(*response, Create(caller, *context, *request));
    return absl::OkStatus();
  });
}

}  // namespace samspar::consult
