#include "services/consult/api/consult_requests.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "common/api/contact_codes.h"
#include "common/api/region_names.h"
#include "common/api/utf8.h"
#include "common/audit/access_log_proto.h"
#include "common/audit/patient_identifier.h"
#include "common/ids/hsa_id.h"
#include "common/privacy/redact.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/request_ids.h"

namespace samspar::consult {
namespace {

constexpr size_t kMaxLongText = 4000;  // question, answer, message text
constexpr size_t kMaxNote = 2000;      // decline, handover and outcome notes
constexpr size_t kMaxCancelReason = 500;
constexpr size_t kMaxLabel = 60;  // ContactPoint.label
constexpr int kMaxDocuments = 20;
// As the roster stores specialty codes, so that a code it could never hold
// is refused here rather than found nowhere.

enum class Presence { kRequired, kOptional };

absl::Status Required(absl::string_view field) { return FieldError(field, "FIELD_REQUIRED", "is required"); }

// Text a person writes. Whitespace alone is no answer to a required field.
// Lengths are in characters (code points), so å, ä and ö count once.
absl::Status CheckFreeText(absl::string_view text, Presence presence, absl::optional<size_t> max_characters,
                           absl::string_view field) {
  if (absl::StripAsciiWhitespace(text).empty()) {
    return presence == Presence::kRequired ? Required(field) : absl::OkStatus();
  }
  if (api::FirstInvalidUtf8(text).has_value()) return FieldError(field, "FIELD_INVALID", "is not valid UTF-8");
  if (max_characters.has_value() && api::CountCharacters(text) > *max_characters) {
    return FieldError(field, "FIELD_INVALID", absl::StrCat("may be at most ", *max_characters, " characters"));
  }
  if (privacy::ContainsPatientIdentity(text)) {
    return FieldError(field, "FIELD_INVALID",
                      "must not contain a personnummer or samordningsnummer; the patient belongs in `patient`");
  }
  return absl::OkStatus();
}

// The region of `name`, a resource of `collection` directly in a region.
// Names never carry patient identity (common.proto), so an id shaped like a
// personnummer names nothing and must not travel on into other messages.
absl::StatusOr<std::string> RegionOfName(absl::string_view name, absl::string_view collection,
                                         absl::string_view field) {
  if (name.empty()) return Required(field);
  SAMSPAR_ASSIGN_OR_RETURN(api::RegionalName parsed, api::ParseRegional(name, collection, field));
  if (privacy::ContainsPatientIdentity(parsed.id)) {
    return FieldError(field, "INVALID_NAME", "an id never holds a personnummer or samordningsnummer");
  }
  if (collection == "units" || collection == "practitioners") {
    absl::StatusOr<ids::HsaId> hsa_id = ids::HsaId::Parse(parsed.id);
    // The parser's message says what is wrong without quoting the id.
    if (!hsa_id.ok()) return FieldError(field, "INVALID_HSA_ID", hsa_id.status().message());
  }
  return parsed.region;
}

// A reference from a request about `region` to a resource that must be in
// the same region: another region's name is the caller's region mismatch,
// whether or not the resource exists.
absl::Status CheckReference(absl::string_view name, absl::string_view collection, absl::string_view region,
                            absl::string_view field) {
  SAMSPAR_ASSIGN_OR_RETURN(std::string named_region, RegionOfName(name, collection, field));
  if (named_region == region) return absl::OkStatus();
  return AtField(Error(absl::StatusCode::kPermissionDenied, "REGION_MISMATCH",
                       absl::StrCat("must be in the request's region, ", api::RegionName(region))),
                 field);
}

absl::Status CheckRequestId(absl::string_view request_id) {
  if (request_id.empty()) return Required("request_id");
  return store::ValidateRequestId(request_id);
}

// Where to call the requester back: phones only, since the field holds
// E.164 numbers (a pager number or an e-mail address is not one).
absl::Status CheckCallbacks(const google::protobuf::RepeatedPtrField<v1::ContactPoint>& callbacks,
                            absl::string_view field) {
  for (int i = 0; i < callbacks.size(); ++i) {
    const v1::ContactPoint& callback = callbacks[i];
    const std::string at = absl::StrCat(field, "[", i, "]");
    switch (callback.kind()) {
      case v1::CONTACT_POINT_KIND_MOBILE:
      case v1::CONTACT_POINT_KIND_WORK_PHONE:
      case v1::CONTACT_POINT_KIND_SWITCHBOARD:
        break;
      case v1::CONTACT_POINT_KIND_UNSPECIFIED:
        return Required(absl::StrCat(at, ".kind"));
      default:
        return FieldError(absl::StrCat(at, ".kind"), "FIELD_INVALID",
                          "a callback is a phone: MOBILE, WORK_PHONE or SWITCHBOARD");
    }
    const std::string value_field = absl::StrCat(at, ".value");
    if (callback.value().empty()) return Required(value_field);
    SAMSPAR_RETURN_IF_ERROR(api::CheckPhone(callback.value(), value_field));
    SAMSPAR_RETURN_IF_ERROR(
        CheckFreeText(callback.label(), Presence::kOptional, kMaxLabel, absl::StrCat(at, ".label")));
  }
  return absl::OkStatus();
}

// An RFC 3986 scheme: a letter, then letters, digits, '+', '-' or '.'.
bool IsScheme(absl::string_view scheme) {
  if (scheme.empty() || !absl::ascii_isalpha(static_cast<unsigned char>(scheme[0]))) return false;
  for (char c : scheme) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Schemes that are never an EHR's: unencrypted transfer of patient data,
// or content that runs in or reads from the viewer's own machine.
bool IsRefusedScheme(absl::string_view scheme) {
  for (absl::string_view refused : {"http", "ftp", "javascript", "vbscript", "data", "blob", "file"}) {
    if (scheme == refused) return true;
  }
  return false;
}

// A link that opens the document: https with a host, or an EHR's own
// registered scheme (such as a desktop client's deep link).
absl::Status CheckDocumentUri(absl::string_view uri, absl::string_view field) {
  for (char c : uri) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) || absl::ascii_iscntrl(static_cast<unsigned char>(c))) {
      return FieldError(field, "FIELD_INVALID", "must not contain spaces or control characters");
    }
  }
  const size_t colon = uri.find(':');
  const std::string scheme =
      colon == absl::string_view::npos ? std::string() : absl::AsciiStrToLower(uri.substr(0, colon));
  if (!IsScheme(scheme)) {
    return FieldError(field, "FIELD_INVALID", "must be an absolute link: https://… or an EHR's own scheme");
  }
  if (IsRefusedScheme(scheme)) {
    return FieldError(field, "FIELD_INVALID",
                      absl::StrCat("may not use the ", scheme, " scheme; use https or an EHR's own scheme"));
  }
  if (scheme == "https") {
    const absl::string_view rest = uri.substr(colon + 1);
    if (rest.size() < 3 || rest.substr(0, 2) != "//" || rest[2] == '/') {
      return FieldError(field, "FIELD_INVALID", "an https link must name a host: https://host/…");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckDocuments(const google::protobuf::RepeatedPtrField<v1::DocumentReference>& documents,
                            absl::string_view field) {
  if (documents.size() > kMaxDocuments) {
    return FieldError(field, "FIELD_INVALID", absl::StrCat("may hold at most ", kMaxDocuments, " documents"));
  }
  for (int i = 0; i < documents.size(); ++i) {
    const v1::DocumentReference& document = documents[i];
    const std::string at = absl::StrCat(field, "[", i, "]");
    if (document.system().empty()) return Required(absl::StrCat(at, ".system"));
    if (document.id().empty()) return Required(absl::StrCat(at, ".id"));
    // The contract sets no length for a document's name; the message size bounds it.
    SAMSPAR_RETURN_IF_ERROR(
        CheckFreeText(document.display_name(), Presence::kOptional, absl::nullopt, absl::StrCat(at, ".display_name")));
    if (!document.uri().empty()) SAMSPAR_RETURN_IF_ERROR(CheckDocumentUri(document.uri(), absl::StrCat(at, ".uri")));
  }
  return absl::OkStatus();
}

absl::Status CheckTrack(v1::Track track, absl::string_view field) {
  switch (track) {
    case v1::TRACK_ACUTE:
    case v1::TRACK_SEMI_ACUTE:
    case v1::TRACK_ACCESSIBLE_PRIMARY_CARE:
      return absl::OkStatus();
    case v1::TRACK_UNSPECIFIED:
      return Required(field);
    case v1::TRACK_MULTIDISCIPLINARY_CONFERENCE:
      return FieldError(field, "TRACK_NOT_ALLOWED",
                        "a multidisciplinary conference is requested with ConferenceService.RequestConference");
    default:
      return FieldError(field, "FIELD_INVALID", "must be ACUTE, SEMI_ACUTE or ACCESSIBLE_PRIMARY_CARE");
  }
}

// A specialty code, which must carry no patient identity either.
absl::Status CheckTargetSpecialty(absl::string_view code, absl::string_view field) {
  if (code.empty()) return Required(field);
  if (privacy::ContainsPatientIdentity(code)) {
    return FieldError(field, "FIELD_INVALID",
                      "must be a specialty code of lowercase letters, digits and '-', e.g. internal-medicine");
  }
  return api::CheckSpecialty(code, field);
}

absl::Status CheckTarget(const v1::Consult& consult, absl::string_view region) {
  const v1::ConsultTarget& target = consult.target();
  switch (target.target_case()) {
    case v1::ConsultTarget::kLine:
      return CheckReference(target.line(), "lines", region, "consult.target.line");
    case v1::ConsultTarget::kSpecialty:
      return CheckTargetSpecialty(target.specialty(), "consult.target.specialty");
    case v1::ConsultTarget::kUnit:
      return CheckReference(target.unit().name(), "units", region, "consult.target.unit.name");
    case v1::ConsultTarget::kPractitioner:
      return CheckReference(target.practitioner().name(), "practitioners", region, "consult.target.practitioner.name");
    case v1::ConsultTarget::TARGET_NOT_SET:
      break;
  }
  return FieldError("consult.target", "FIELD_REQUIRED", "a line, specialty, unit or practitioner is required");
}

absl::Status CheckPatientIdentifier(const v1::PatientIdentifier& patient, absl::string_view field) {
  if (!v1::PatientIdentifierKind_IsValid(patient.kind())) {
    return FieldError(absl::StrCat(field, ".kind"), "FIELD_INVALID",
                      "must be PERSONNUMMER, SAMORDNINGSNUMMER or RESERVNUMMER");
  }
  return audit::CheckPatient(audit::FromProto(patient), field).status();
}

absl::Status CheckContext(const v1::ConsultContext& context) {
  if (!v1::RubBand_IsValid(context.rub_band())) {
    return FieldError("consult.context.rub_band", "FIELD_INVALID", "must be a RUB band from 1 to 5, or unset");
  }
  return CheckDocuments(context.ehr_documents(), "consult.context.ehr_documents");
}

absl::Status CheckOutcome(v1::ConsultOutcome outcome) {
  if (outcome == v1::CONSULT_OUTCOME_UNSPECIFIED) return Required("outcome");
  if (!v1::ConsultOutcome_IsValid(outcome)) return FieldError("outcome", "FIELD_INVALID", "is not a known outcome");
  return absl::OkStatus();
}

bool IsAmbulanceOutcome(v1::ConsultOutcome outcome) {
  return outcome == v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE ||
         outcome == v1::CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE || outcome == v1::CONSULT_OUTCOME_AMBULANCE_TO_ED;
}

}  // namespace

absl::Status CheckCreateConsult(const v1::CreateConsultRequest& request) {
  if (request.parent().empty()) return Required("parent");
  SAMSPAR_ASSIGN_OR_RETURN(std::string region, api::ParseRegion(request.parent(), "parent"));
  if (!request.has_consult()) return Required("consult");
  const v1::Consult& consult = request.consult();
  SAMSPAR_RETURN_IF_ERROR(CheckTrack(consult.track(), "consult.track"));
  if (consult.has_requester_unit()) {
    SAMSPAR_RETURN_IF_ERROR(
        CheckReference(consult.requester_unit().name(), "units", region, "consult.requester_unit.name"));
  }
  SAMSPAR_RETURN_IF_ERROR(CheckCallbacks(consult.requester_callback(), "consult.requester_callback"));
  SAMSPAR_RETURN_IF_ERROR(CheckTarget(consult, region));
  if (consult.has_patient()) SAMSPAR_RETURN_IF_ERROR(CheckPatientIdentifier(consult.patient(), "consult.patient"));
  if (!v1::PriorityColour_IsValid(consult.priority())) {
    return FieldError("consult.priority", "FIELD_INVALID", "must be RED, YELLOW or WHITE, or unset");
  }
  SAMSPAR_RETURN_IF_ERROR(CheckFreeText(consult.question(), Presence::kRequired, kMaxLongText, "consult.question"));
  SAMSPAR_RETURN_IF_ERROR(CheckContext(consult.context()));
  return CheckRequestId(request.request_id());
}

absl::Status CheckAcceptConsult(const v1::AcceptConsultRequest& request) {
  return RegionOfName(request.name(), "consults", "name").status();
}

absl::Status CheckDeclineConsult(const v1::DeclineConsultRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(std::string region, RegionOfName(request.name(), "consults", "name"));
  Presence note = Presence::kOptional;
  switch (request.reason()) {
    case v1::DECLINE_REASON_BUSY:
    case v1::DECLINE_REASON_NOT_ON_DUTY:
      break;
    case v1::DECLINE_REASON_NOT_FOR_THIS_LINE:
    case v1::DECLINE_REASON_OTHER:
      note = Presence::kRequired;  // the requester needs to know where to turn, or why
      break;
    case v1::DECLINE_REASON_UNSPECIFIED:
      return Required("reason");
    default:
      return FieldError("reason", "FIELD_INVALID", "must be BUSY, NOT_ON_DUTY, NOT_FOR_THIS_LINE or OTHER");
  }
  SAMSPAR_RETURN_IF_ERROR(CheckFreeText(request.note(), note, kMaxNote, "note"));
  if (request.suggested_line().empty()) return absl::OkStatus();
  if (request.reason() != v1::DECLINE_REASON_NOT_FOR_THIS_LINE) {
    return FieldError("suggested_line", "FIELD_INVALID", "is given only with reason NOT_FOR_THIS_LINE");
  }
  return CheckReference(request.suggested_line(), "lines", region, "suggested_line");
}

absl::Status CheckAnswerConsult(const v1::AnswerConsultRequest& request) {
  SAMSPAR_RETURN_IF_ERROR(RegionOfName(request.name(), "consults", "name").status());
  SAMSPAR_RETURN_IF_ERROR(CheckFreeText(request.answer(), Presence::kRequired, kMaxLongText, "answer"));
  SAMSPAR_RETURN_IF_ERROR(CheckOutcome(request.outcome()));
  return CheckFreeText(request.outcome_note(), Presence::kOptional, kMaxNote, "outcome_note");
}

absl::Status CheckRecordConsultOutcome(const v1::RecordConsultOutcomeRequest& request) {
  SAMSPAR_RETURN_IF_ERROR(RegionOfName(request.name(), "consults", "name").status());
  SAMSPAR_RETURN_IF_ERROR(CheckOutcome(request.outcome()));
  return CheckFreeText(request.outcome_note(), Presence::kOptional, kMaxNote, "outcome_note");
}

absl::Status CheckCloseConsult(const v1::CloseConsultRequest& request) {
  return RegionOfName(request.name(), "consults", "name").status();
}

absl::Status CheckCancelConsult(const v1::CancelConsultRequest& request) {
  SAMSPAR_RETURN_IF_ERROR(RegionOfName(request.name(), "consults", "name").status());
  return CheckFreeText(request.reason(), Presence::kRequired, kMaxCancelReason, "reason");
}

absl::Status CheckReassignConsult(const v1::ReassignConsultRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(std::string region, RegionOfName(request.name(), "consults", "name"));
  switch (request.to_case()) {
    case v1::ReassignConsultRequest::kPractitioner:
      SAMSPAR_RETURN_IF_ERROR(CheckReference(request.practitioner(), "practitioners", region, "practitioner"));
      break;
    case v1::ReassignConsultRequest::kLine:
      SAMSPAR_RETURN_IF_ERROR(CheckReference(request.line(), "lines", region, "line"));
      break;
    case v1::ReassignConsultRequest::TO_NOT_SET:
      return FieldError("to", "FIELD_REQUIRED", "a practitioner or a line is required");
  }
  return CheckFreeText(request.note(), Presence::kRequired, kMaxNote, "note");
}

absl::Status CheckIdentifyConsultPatient(const v1::IdentifyConsultPatientRequest& request) {
  SAMSPAR_RETURN_IF_ERROR(RegionOfName(request.name(), "consults", "name").status());
  if (!request.has_patient()) return Required("patient");
  if (request.patient().kind() == v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER) {
    return FieldError("patient.kind", "FIELD_INVALID",
                      "must be PERSONNUMMER or SAMORDNINGSNUMMER: a reserve number is what gets replaced");
  }
  return CheckPatientIdentifier(request.patient(), "patient");
}

absl::Status CheckCreateConsultMessage(const v1::CreateConsultMessageRequest& request) {
  SAMSPAR_RETURN_IF_ERROR(RegionOfName(request.parent(), "consults", "parent").status());
  if (!request.has_message()) return Required("message");
  SAMSPAR_RETURN_IF_ERROR(CheckFreeText(request.message().text(), Presence::kRequired, kMaxLongText, "message.text"));
  SAMSPAR_RETURN_IF_ERROR(CheckDocuments(request.message().documents(), "message.documents"));
  return CheckRequestId(request.request_id());
}

absl::Status CheckOutcomeFits(v1::ConsultOutcome outcome, v1::Track track, v1::UnitType requester_unit_type) {
  const bool from_ambulance =
      track == v1::TRACK_ACCESSIBLE_PRIMARY_CARE && requester_unit_type == v1::UNIT_TYPE_AMBULANCE_STATION;
  if (from_ambulance == IsAmbulanceOutcome(outcome)) return absl::OkStatus();
  return FieldError("outcome", "OUTCOME_NOT_FOR_REQUESTER",
                    from_ambulance ? "an ambulance consult to primary care takes an AMBULANCE_* outcome"
                                   : "AMBULANCE_* outcomes are for ambulance consults to primary care only");
}

}  // namespace samspar::consult
