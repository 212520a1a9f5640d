// What a client is told about a consult request that cannot be taken as it
// is (consult.proto, common.proto): the code, the reason and the field, and
// that nothing a client sent as patient identity comes back in the error.

#include "services/consult/api/consult_requests.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/test_patients.h"

namespace samspar::consult {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kRegion[] = "regions/06";
constexpr char kConsult[] = "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0d";
constexpr char kLine[] = "regions/06/lines/01j5q2r7kx9m4t3c8v6wzfhn2b";
constexpr char kOtherRegionLine[] = "regions/13/lines/01j5q2r7kx9m4t3c8v6wzfhn2b";
constexpr char kHealthCentre[] = "regions/06/units/SE2321000057-E7RT";
constexpr char kOtherRegionUnit[] = "regions/13/units/SE2321000057-E7RT";
constexpr char kPractitioner[] = "regions/06/practitioners/SE2321000057-P4K2";
constexpr char kOtherRegionPractitioner[] = "regions/13/practitioners/SE2321000057-P4K2";
constexpr char kRequestId[] = "123e4567-e89b-12d3-a456-426614174000";

// A patient number from Skatteverket's list of test personnummer.
std::string TestNumber(size_t index = 0) {
  std::vector<std::string> numbers = testing::SkatteverketTestNumbers(index + 1);
  return numbers.size() > index ? numbers[index] : std::string();
}

// A test number with its check digit changed: the shape of a personnummer,
// yet no one's.
std::string WithWrongCheckDigit(std::string number) {
  number.back() = number.back() == '9' ? '0' : static_cast<char>(number.back() + 1);
  return number;
}

// `count` characters of Swedish text, each two bytes in UTF-8.
std::string SwedishText(size_t count) {
  std::string text;
  const char* const letters[] = {"å", "ä", "ö"};
  for (size_t i = 0; i < count; ++i) text += letters[i % 3];
  return text;
}

v1::DocumentReference Document(absl::string_view uri) {
  v1::DocumentReference document;
  document.set_system("Cosmic");
  document.set_id("DOC-4711");
  document.set_display_name("Epikris 2026-03-12");
  document.set_uri(std::string(uri));
  return document;
}

// A GP's acute consult to the medicine line, with nothing but what is
// required.
v1::CreateConsultRequest MinimalCreate() {
  v1::CreateConsultRequest request;
  request.set_parent(kRegion);
  request.set_request_id(kRequestId);
  v1::Consult& consult = *request.mutable_consult();
  consult.set_track(v1::TRACK_ACUTE);
  consult.mutable_target()->set_line(kLine);
  consult.set_question("Bröstsmärta sedan två timmar, EKG utan ST-höjning. Direktinläggning eller akuten?");
  return request;
}

// The same consult with every optional field a client may set.
v1::CreateConsultRequest FullCreate() {
  v1::CreateConsultRequest request = MinimalCreate();
  v1::Consult& consult = *request.mutable_consult();
  consult.mutable_requester_unit()->set_name(kHealthCentre);
  v1::ContactPoint& callback = *consult.add_requester_callback();
  callback.set_kind(v1::CONTACT_POINT_KIND_MOBILE);
  callback.set_value("+46701234567");
  callback.set_label("Ambulans 3410");
  consult.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  consult.mutable_patient()->set_value(TestNumber());
  consult.set_priority(v1::PRIORITY_COLOUR_RED);
  v1::ConsultContext& context = *consult.mutable_context();
  context.set_rub_band(v1::RUB_BAND_4);
  context.set_ambulance_mission_id("U-2026-0312-17");
  *context.add_ehr_documents() = Document("https://cosmic.rjl.se/documents/DOC-4711");
  *context.add_ehr_documents() = Document("cosmic://open?document=DOC-4711");
  return request;
}

v1::CreateConsultMessageRequest MinimalMessage() {
  v1::CreateConsultMessageRequest request;
  request.set_parent(kConsult);
  request.set_request_id(kRequestId);
  request.mutable_message()->set_text("Troponin 45, stigande. Kommer ni?");
  return request;
}

// What the client is told: the code, the reason and the field.
struct Refusal {
  absl::StatusCode code = absl::StatusCode::kInvalidArgument;
  std::string reason;
  std::string field;
};

void PrintTo(const Refusal& refusal, std::ostream* out) {
  *out << absl::StatusCodeToString(refusal.code) << " " << refusal.reason << " at " << refusal.field;
}

Refusal Invalid(std::string reason, std::string field) {
  return Refusal{absl::StatusCode::kInvalidArgument, std::move(reason), std::move(field)};
}

Refusal OtherRegion(std::string field) {
  return Refusal{absl::StatusCode::kPermissionDenied, "REGION_MISMATCH", std::move(field)};
}

MATCHER_P(IsRefused, refusal, "") {
  const absl::Status& status = arg;
  *result_listener << "got " << status;
  return status.code() == refusal.code && ReasonOf(status) == refusal.reason && FieldOf(status) == refusal.field;
}

// Whether any part of `status` (message or payload) holds `text`.
bool Carries(const absl::Status& status, const std::string& text) {
  bool found = absl::StrContains(status.message(), text);
  status.ForEachPayload([&](absl::string_view, const absl::Cord& value) {
    found = found || absl::StrContains(std::string(value), text);
  });
  return found;
}

// The number in every form it may have been sent in, and its digits alone.
void ExpectNoPatientNumber(const absl::Status& status, const std::string& number) {
  ASSERT_FALSE(number.empty());
  for (const std::string& form : testing::WrittenForms(number)) {
    EXPECT_FALSE(Carries(status, form)) << status;
  }
  EXPECT_FALSE(Carries(status, number.substr(2, 6))) << status;  // YYMMDD
}

// ---------------------------------------------------------------------------
// CreateConsult
// ---------------------------------------------------------------------------

TEST(CheckCreateConsult, TakesAMinimalConsult) { EXPECT_TRUE(CheckCreateConsult(MinimalCreate()).ok()); }

TEST(CheckCreateConsult, TakesAConsultWithEveryOptionalField) {
  EXPECT_TRUE(CheckCreateConsult(FullCreate()).ok()) << CheckCreateConsult(FullCreate());
}

TEST(CheckCreateConsult, TakesEachTrackThatIsAskedAsAConsult) {
  for (v1::Track track : {v1::TRACK_ACUTE, v1::TRACK_SEMI_ACUTE, v1::TRACK_ACCESSIBLE_PRIMARY_CARE}) {
    v1::CreateConsultRequest request = MinimalCreate();
    request.mutable_consult()->set_track(track);
    EXPECT_TRUE(CheckCreateConsult(request).ok()) << v1::Track_Name(track);
  }
}

TEST(CheckCreateConsult, TakesEachWayToNameTheTarget) {
  std::vector<std::function<void(v1::ConsultTarget&)>> targets = {
      [](v1::ConsultTarget& target) { target.set_line(kLine); },
      [](v1::ConsultTarget& target) { target.set_specialty("internal-medicine"); },
      [](v1::ConsultTarget& target) { target.mutable_unit()->set_name(kHealthCentre); },
      [](v1::ConsultTarget& target) { target.mutable_practitioner()->set_name(kPractitioner); },
  };
  for (size_t i = 0; i < targets.size(); ++i) {
    v1::CreateConsultRequest request = MinimalCreate();
    targets[i](*request.mutable_consult()->mutable_target());
    EXPECT_TRUE(CheckCreateConsult(request).ok()) << "target " << i << ": " << CheckCreateConsult(request);
  }
}

TEST(CheckCreateConsult, TakesThePatientInEveryTwelveDigitFormAndAsCentenarian) {
  const std::string number = TestNumber();
  for (const std::string& form : {number, number.substr(0, 8) + "-" + number.substr(8),
                                  number.substr(2, 6) + "+" + number.substr(8)}) {
    v1::CreateConsultRequest request = FullCreate();
    request.mutable_consult()->mutable_patient()->set_value(form);
    EXPECT_TRUE(CheckCreateConsult(request).ok()) << CheckCreateConsult(request);
  }
}

TEST(CheckCreateConsult, TakesAReserveNumberOfAnotherRegion) {
  v1::CreateConsultRequest request = FullCreate();
  v1::PatientIdentifier& patient = *request.mutable_consult()->mutable_patient();
  patient.set_kind(v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  patient.set_value("RES-2026-0042");
  patient.set_issuing_region("regions/13");
  EXPECT_TRUE(CheckCreateConsult(request).ok()) << CheckCreateConsult(request);
}

TEST(CheckCreateConsult, IgnoresOutputOnlyFields) {
  v1::CreateConsultRequest request = FullCreate();
  v1::Consult& consult = *request.mutable_consult();
  consult.set_name("not a name");
  consult.mutable_requester()->set_name("not a name either");
  consult.mutable_requester_unit()->set_hsa_id("anything");
  consult.mutable_requester_unit()->set_display_name("Vårdcentralen Bra Liv Gislaved");
  consult.mutable_target()->set_line(kLine);
  consult.set_requester_unit_type(static_cast<v1::UnitType>(99));
  consult.set_requester_role(v1::CALLER_ROLE_REGION_ADMIN);
  consult.set_state(v1::CONSULT_STATE_CLOSED);
  consult.set_answer("Svar som bara servern sätter");
  consult.set_outcome(static_cast<v1::ConsultOutcome>(99));
  consult.set_cancel_reason(std::string(5000, 'x'));
  consult.set_escalation_count(-3);
  consult.set_etag("\"7\"");
  EXPECT_TRUE(CheckCreateConsult(request).ok()) << CheckCreateConsult(request);
}

TEST(CheckCreateConsult, TakesAQuestionOf4000SwedishCharactersAndNoMore) {
  v1::CreateConsultRequest request = MinimalCreate();
  request.mutable_consult()->set_question(SwedishText(4000));
  EXPECT_TRUE(CheckCreateConsult(request).ok()) << CheckCreateConsult(request);

  request.mutable_consult()->set_question(SwedishText(4001));
  EXPECT_THAT(CheckCreateConsult(request), IsRefused(Invalid("FIELD_INVALID", "consult.question")));
}

TEST(CheckCreateConsult, TakesTwentyDocumentsAndNoMore) {
  v1::CreateConsultRequest request = MinimalCreate();
  for (int i = 0; i < 20; ++i) *request.mutable_consult()->mutable_context()->add_ehr_documents() = Document("");
  EXPECT_TRUE(CheckCreateConsult(request).ok()) << CheckCreateConsult(request);

  *request.mutable_consult()->mutable_context()->add_ehr_documents() = Document("");
  EXPECT_THAT(CheckCreateConsult(request), IsRefused(Invalid("FIELD_INVALID", "consult.context.ehr_documents")));
}

TEST(CheckCreateConsult, TakesARequestIdInCapitals) {
  v1::CreateConsultRequest request = MinimalCreate();
  request.set_request_id("123E4567-E89B-12D3-A456-426614174000");
  EXPECT_TRUE(CheckCreateConsult(request).ok());
}

TEST(CheckCreateConsult, TakesDocumentLinksOfHttpsAndOfAnEhrsOwnScheme) {
  for (const char* uri : {"https://ehr.example.se/doc/1", "HTTPS://ehr.example.se", "cosmic://open?doc=1",
                          "takecare:document/1", "x-millennium+launch:doc"}) {
    v1::CreateConsultRequest request = MinimalCreate();
    *request.mutable_consult()->mutable_context()->add_ehr_documents() = Document(uri);
    EXPECT_TRUE(CheckCreateConsult(request).ok()) << uri << ": " << CheckCreateConsult(request);
  }
}

struct CreateCase {
  const char* name;
  std::function<void(v1::CreateConsultRequest&)> change;
  Refusal refusal;
};

void PrintTo(const CreateCase& c, std::ostream* out) { *out << c.name; }

v1::Consult& ConsultOf(v1::CreateConsultRequest& request) { return *request.mutable_consult(); }

// Three documents, the third as `change` leaves it.
std::function<void(v1::CreateConsultRequest&)> ThirdDocument(std::function<void(v1::DocumentReference&)> change) {
  return [change](v1::CreateConsultRequest& request) {
    v1::ConsultContext& context = *ConsultOf(request).mutable_context();
    for (int i = 0; i < 3; ++i) *context.add_ehr_documents() = Document("https://ehr.example.se/doc");
    change(*context.mutable_ehr_documents(2));
  };
}

std::function<void(v1::CreateConsultRequest&)> DocumentUri(const char* uri) {
  return ThirdDocument([uri](v1::DocumentReference& document) { document.set_uri(uri); });
}

// A second callback, as `change` leaves it.
std::function<void(v1::CreateConsultRequest&)> SecondCallback(std::function<void(v1::ContactPoint&)> change) {
  return [change](v1::CreateConsultRequest& request) {
    v1::ContactPoint& callback = *ConsultOf(request).add_requester_callback();
    callback.set_kind(v1::CONTACT_POINT_KIND_WORK_PHONE);
    callback.set_value("+46361234567");
    change(callback);
  };
}

std::function<void(v1::CreateConsultRequest&)> CallbackNumber(const char* number) {
  return SecondCallback([number](v1::ContactPoint& callback) { callback.set_value(number); });
}

std::function<void(v1::CreateConsultRequest&)> Patient(std::function<void(v1::PatientIdentifier&)> change) {
  return [change](v1::CreateConsultRequest& request) {
    v1::PatientIdentifier& patient = *ConsultOf(request).mutable_patient();
    patient.set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
    patient.set_value(TestNumber());
    change(patient);
  };
}

std::function<void(v1::CreateConsultRequest&)> Question(std::string question) {
  return [question](v1::CreateConsultRequest& request) { ConsultOf(request).set_question(question); };
}

std::function<void(v1::CreateConsultRequest&)> TargetLine(std::string line) {
  return [line](v1::CreateConsultRequest& request) { ConsultOf(request).mutable_target()->set_line(line); };
}

std::function<void(v1::CreateConsultRequest&)> TargetUnit(std::string unit) {
  return [unit](v1::CreateConsultRequest& request) {
    ConsultOf(request).mutable_target()->mutable_unit()->set_name(unit);
  };
}

std::function<void(v1::CreateConsultRequest&)> TargetPractitioner(std::string practitioner) {
  return [practitioner](v1::CreateConsultRequest& request) {
    ConsultOf(request).mutable_target()->mutable_practitioner()->set_name(practitioner);
  };
}

std::function<void(v1::CreateConsultRequest&)> TargetSpecialty(std::string specialty) {
  return [specialty](v1::CreateConsultRequest& request) {
    ConsultOf(request).mutable_target()->set_specialty(specialty);
  };
}

std::function<void(v1::CreateConsultRequest&)> RequesterUnit(std::string unit) {
  return [unit](v1::CreateConsultRequest& request) { ConsultOf(request).mutable_requester_unit()->set_name(unit); };
}

const CreateCase kCreateCases[] = {
    {"NoParent", [](v1::CreateConsultRequest& r) { r.clear_parent(); }, Invalid("FIELD_REQUIRED", "parent")},
    {"ParentNotARegion", [](v1::CreateConsultRequest& r) { r.set_parent("regions/06/units/SE2321000057-E7RT"); },
     Invalid("INVALID_NAME", "parent")},
    {"ParentNotACountyCode", [](v1::CreateConsultRequest& r) { r.set_parent("regions/jonkoping"); },
     Invalid("INVALID_NAME", "parent")},
    {"NoConsult", [](v1::CreateConsultRequest& r) { r.clear_consult(); }, Invalid("FIELD_REQUIRED", "consult")},
    {"NoRequestId", [](v1::CreateConsultRequest& r) { r.clear_request_id(); },
     Invalid("FIELD_REQUIRED", "request_id")},
    {"RequestIdNotAUuid", [](v1::CreateConsultRequest& r) { r.set_request_id("ambulans-3410-retry-1"); },
     Invalid("FIELD_INVALID", "request_id")},
    {"RequestIdWithoutHyphens", [](v1::CreateConsultRequest& r) { r.set_request_id("123e4567e89b12d3a456426614174000"); },
     Invalid("FIELD_INVALID", "request_id")},

    {"NoTrack", [](v1::CreateConsultRequest& r) { ConsultOf(r).clear_track(); },
     Invalid("FIELD_REQUIRED", "consult.track")},
    {"ConferenceTrack",
     [](v1::CreateConsultRequest& r) { ConsultOf(r).set_track(v1::TRACK_MULTIDISCIPLINARY_CONFERENCE); },
     Invalid("TRACK_NOT_ALLOWED", "consult.track")},
    {"UnknownTrack", [](v1::CreateConsultRequest& r) { ConsultOf(r).set_track(static_cast<v1::Track>(9)); },
     Invalid("FIELD_INVALID", "consult.track")},

    {"NoTarget", [](v1::CreateConsultRequest& r) { ConsultOf(r).clear_target(); },
     Invalid("FIELD_REQUIRED", "consult.target")},
    {"EmptyTarget", [](v1::CreateConsultRequest& r) { ConsultOf(r).mutable_target()->clear_target(); },
     Invalid("FIELD_REQUIRED", "consult.target")},
    {"EmptyLine", TargetLine(""), Invalid("FIELD_REQUIRED", "consult.target.line")},
    {"LineWithoutRegion", TargetLine("lines/01j5q2r7kx9m4t3c8v6wzfhn2b"), Invalid("INVALID_NAME", "consult.target.line")},
    {"LineThatIsAUnit", TargetLine(kHealthCentre), Invalid("INVALID_NAME", "consult.target.line")},
    {"LineUnderALine", TargetLine(absl::StrCat(kLine, "/rotations/r1")), Invalid("INVALID_NAME", "consult.target.line")},
    {"LineOfAnotherRegion", TargetLine(kOtherRegionLine), OtherRegion("consult.target.line")},
    {"LineIdShapedLikeAPersonnummer", TargetLine(absl::StrCat("regions/06/lines/", TestNumber())),
     Invalid("INVALID_NAME", "consult.target.line")},
    {"EmptySpecialty", TargetSpecialty(""), Invalid("FIELD_REQUIRED", "consult.target.specialty")},
    {"SpecialtyInCapitals", TargetSpecialty("Kardiologi"), Invalid("FIELD_INVALID", "consult.target.specialty")},
    {"SpecialtyWithSpace", TargetSpecialty("internal medicine"), Invalid("FIELD_INVALID", "consult.target.specialty")},
    {"SpecialtyStartingWithHyphen", TargetSpecialty("-cardiology"),
     Invalid("FIELD_INVALID", "consult.target.specialty")},
    {"SpecialtyOf61Characters", TargetSpecialty(std::string(61, 'k')),
     Invalid("FIELD_INVALID", "consult.target.specialty")},
    {"SpecialtyShapedLikeAPersonnummer", TargetSpecialty(TestNumber()),
     Invalid("FIELD_INVALID", "consult.target.specialty")},
    {"UnitWithoutName", [](v1::CreateConsultRequest& r) { ConsultOf(r).mutable_target()->mutable_unit(); },
     Invalid("FIELD_REQUIRED", "consult.target.unit.name")},
    {"UnitThatIsALine", TargetUnit(kLine), Invalid("INVALID_NAME", "consult.target.unit.name")},
    {"UnitIdNotAnHsaId", TargetUnit("regions/06/units/vc-mora"), Invalid("INVALID_HSA_ID", "consult.target.unit.name")},
    {"UnitHsaIdWithWrongCheckDigit", TargetUnit("regions/06/units/SE2321000058-E7RT"),
     Invalid("INVALID_HSA_ID", "consult.target.unit.name")},
    {"UnitOfAnotherRegion", TargetUnit(kOtherRegionUnit), OtherRegion("consult.target.unit.name")},
    {"PractitionerWithoutName",
     [](v1::CreateConsultRequest& r) { ConsultOf(r).mutable_target()->mutable_practitioner()->set_hsa_id("x"); },
     Invalid("FIELD_REQUIRED", "consult.target.practitioner.name")},
    {"PractitionerThatIsAUnit", TargetPractitioner(kHealthCentre),
     Invalid("INVALID_NAME", "consult.target.practitioner.name")},
    {"PractitionerIdNotAnHsaId", TargetPractitioner("regions/06/practitioners/anna-berg"),
     Invalid("INVALID_HSA_ID", "consult.target.practitioner.name")},
    {"PractitionerOfAnotherRegion", TargetPractitioner(kOtherRegionPractitioner),
     OtherRegion("consult.target.practitioner.name")},

    {"NoQuestion", Question(""), Invalid("FIELD_REQUIRED", "consult.question")},
    {"BlankQuestion", Question(" \n\t "), Invalid("FIELD_REQUIRED", "consult.question")},
    {"QuestionOf4001Characters", Question(std::string(4001, 'a')), Invalid("FIELD_INVALID", "consult.question")},
    {"QuestionNotUtf8", Question("Fr\xE5ga"), Invalid("FIELD_INVALID", "consult.question")},
    {"QuestionWithThePatientsNumber", Question(absl::StrCat("Gäller ", TestNumber(), ", 84 år, dyspné.")),
     Invalid("FIELD_INVALID", "consult.question")},
    {"QuestionWithAShortPatientNumber",
     Question(absl::StrCat("Pat ", TestNumber().substr(2, 6), "-", TestNumber().substr(8), " har feber")),
     Invalid("FIELD_INVALID", "consult.question")},

    {"UnknownPriority", [](v1::CreateConsultRequest& r) { ConsultOf(r).set_priority(static_cast<v1::PriorityColour>(4)); },
     Invalid("FIELD_INVALID", "consult.priority")},
    {"UnknownRubBand",
     [](v1::CreateConsultRequest& r) { ConsultOf(r).mutable_context()->set_rub_band(static_cast<v1::RubBand>(6)); },
     Invalid("FIELD_INVALID", "consult.context.rub_band")},

    {"DocumentWithoutSystem", ThirdDocument([](v1::DocumentReference& d) { d.clear_system(); }),
     Invalid("FIELD_REQUIRED", "consult.context.ehr_documents[2].system")},
    {"DocumentWithoutId", ThirdDocument([](v1::DocumentReference& d) { d.clear_id(); }),
     Invalid("FIELD_REQUIRED", "consult.context.ehr_documents[2].id")},
    {"DocumentNamedWithThePatientsNumber",
     ThirdDocument([](v1::DocumentReference& d) { d.set_display_name(absl::StrCat("Journal ", TestNumber())); }),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].display_name")},
    {"DocumentLinkOverHttp", DocumentUri("http://ehr.example.se/doc/1"),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},
    {"DocumentLinkRunningScript", DocumentUri("javascript:alert(1)"),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},
    {"DocumentLinkRunningScriptInCapitals", DocumentUri("JavaScript:alert(1)"),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},
    {"DocumentLinkWithInlineContent", DocumentUri("data:text/html;base64,PHNjcmlwdD4="),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},
    {"DocumentLinkToALocalFile", DocumentUri("file:///C:/journal.pdf"),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},
    {"DocumentLinkWithoutScheme", DocumentUri("ehr.example.se/doc/1"),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},
    {"DocumentLinkWithSchemeStartingWithDigit", DocumentUri("1ehr:doc"),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},
    {"DocumentLinkHttpsWithoutHost", DocumentUri("https:///doc/1"),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},
    {"DocumentLinkHttpsWithoutSlashes", DocumentUri("https:ehr.example.se/doc"),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},
    {"DocumentLinkWithSpace", DocumentUri("https://ehr.example.se/doc 1"),
     Invalid("FIELD_INVALID", "consult.context.ehr_documents[2].uri")},

    {"CallbackWithoutKind", SecondCallback([](v1::ContactPoint& c) { c.clear_kind(); }),
     Invalid("FIELD_REQUIRED", "consult.requester_callback[1].kind")},
    {"CallbackToAPager", SecondCallback([](v1::ContactPoint& c) { c.set_kind(v1::CONTACT_POINT_KIND_PAGER); }),
     Invalid("FIELD_INVALID", "consult.requester_callback[1].kind")},
    {"CallbackByEmail",
     SecondCallback([](v1::ContactPoint& c) {
       c.set_kind(v1::CONTACT_POINT_KIND_EMAIL);
       c.set_value("ambulans@rjl.se");
     }),
     Invalid("FIELD_INVALID", "consult.requester_callback[1].kind")},
    {"CallbackWithoutNumber", CallbackNumber(""), Invalid("FIELD_REQUIRED", "consult.requester_callback[1].value")},
    {"CallbackInNationalForm", CallbackNumber("036-123456"),
     Invalid("INVALID_PHONE_NUMBER", "consult.requester_callback[1].value")},
    {"CallbackWithSpaces", CallbackNumber("+46 36 123456"),
     Invalid("INVALID_PHONE_NUMBER", "consult.requester_callback[1].value")},
    {"CallbackWithTrunkZero", CallbackNumber("+046361234567"),
     Invalid("INVALID_PHONE_NUMBER", "consult.requester_callback[1].value")},
    {"CallbackTooShort", CallbackNumber("+461234"),
     Invalid("INVALID_PHONE_NUMBER", "consult.requester_callback[1].value")},
    {"CallbackTooLong", CallbackNumber("+4636123456789012"),
     Invalid("INVALID_PHONE_NUMBER", "consult.requester_callback[1].value")},
    {"CallbackLabelOf61Characters", SecondCallback([](v1::ContactPoint& c) { c.set_label(SwedishText(61)); }),
     Invalid("FIELD_INVALID", "consult.requester_callback[1].label")},

    {"PatientWithoutKind", Patient([](v1::PatientIdentifier& p) { p.clear_kind(); }),
     Invalid("FIELD_REQUIRED", "consult.patient.kind")},
    {"PatientOfUnknownKind",
     Patient([](v1::PatientIdentifier& p) { p.set_kind(static_cast<v1::PatientIdentifierKind>(7)); }),
     Invalid("FIELD_INVALID", "consult.patient.kind")},
    {"PatientWithoutNumber", Patient([](v1::PatientIdentifier& p) { p.clear_value(); }),
     Invalid("FIELD_REQUIRED", "consult.patient.value")},
    {"PatientNumberWithWrongCheckDigit",
     Patient([](v1::PatientIdentifier& p) { p.set_value(WithWrongCheckDigit(TestNumber())); }),
     Invalid("INVALID_PATIENT_IDENTIFIER", "consult.patient.value")},
    {"PersonnummerSentAsSamordningsnummer",
     Patient([](v1::PatientIdentifier& p) { p.set_kind(v1::PATIENT_IDENTIFIER_KIND_SAMORDNINGSNUMMER); }),
     Invalid("INVALID_PATIENT_IDENTIFIER", "consult.patient.value")},
    {"PersonnummerWithIssuer", Patient([](v1::PatientIdentifier& p) { p.set_issuing_region(kRegion); }),
     Invalid("FIELD_INVALID", "consult.patient.issuing_region")},
    {"ReserveNumberWithoutIssuer",
     Patient([](v1::PatientIdentifier& p) {
       p.set_kind(v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
       p.set_value("RES-2026-0042");
     }),
     Invalid("FIELD_REQUIRED", "consult.patient.issuing_region")},

    {"RequesterUnitWithoutName",
     [](v1::CreateConsultRequest& r) { ConsultOf(r).mutable_requester_unit()->clear_name(); },
     Invalid("FIELD_REQUIRED", "consult.requester_unit.name")},
    {"RequesterUnitThatIsAPractitioner", RequesterUnit(kPractitioner),
     Invalid("INVALID_NAME", "consult.requester_unit.name")},
    {"RequesterUnitOfAnotherRegion", RequesterUnit(kOtherRegionUnit), OtherRegion("consult.requester_unit.name")},
};

class CreateConsultRefusal : public ::testing::TestWithParam<CreateCase> {};

TEST_P(CreateConsultRefusal, NamesTheReasonAndField) {
  v1::CreateConsultRequest request = FullCreate();
  GetParam().change(request);
  EXPECT_THAT(CheckCreateConsult(request), IsRefused(GetParam().refusal));
}

TEST_P(CreateConsultRefusal, NeverCarriesThePatientsNumber) {
  v1::CreateConsultRequest request = FullCreate();
  GetParam().change(request);
  const absl::Status status = CheckCreateConsult(request);
  ASSERT_FALSE(status.ok());
  ExpectNoPatientNumber(status, TestNumber());
  ExpectNoPatientNumber(status, WithWrongCheckDigit(TestNumber()));
}

INSTANTIATE_TEST_SUITE_P(EveryRule, CreateConsultRefusal, ::testing::ValuesIn(kCreateCases),
                         [](const ::testing::TestParamInfo<CreateCase>& param) { return param.param.name; });

// ---------------------------------------------------------------------------
// Names of consults
// ---------------------------------------------------------------------------

// Each request that names a consult, checked with `name` and otherwise valid.
struct NamedRequest {
  const char* rpc;
  std::function<absl::Status(const std::string& name)> check;
};

std::vector<NamedRequest> RequestsNamingAConsult() {
  return {
      {"AcceptConsult",
       [](const std::string& name) {
         v1::AcceptConsultRequest request;
         request.set_name(name);
         return CheckAcceptConsult(request);
       }},
      {"DeclineConsult",
       [](const std::string& name) {
         v1::DeclineConsultRequest request;
         request.set_name(name);
         request.set_reason(v1::DECLINE_REASON_BUSY);
         return CheckDeclineConsult(request);
       }},
      {"AnswerConsult",
       [](const std::string& name) {
         v1::AnswerConsultRequest request;
         request.set_name(name);
         request.set_answer("Direktinläggning på medicinavdelning 3.");
         request.set_outcome(v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
         return CheckAnswerConsult(request);
       }},
      {"RecordConsultOutcome",
       [](const std::string& name) {
         v1::RecordConsultOutcomeRequest request;
         request.set_name(name);
         request.set_outcome(v1::CONSULT_OUTCOME_SENT_TO_ED);
         return CheckRecordConsultOutcome(request);
       }},
      {"CloseConsult",
       [](const std::string& name) {
         v1::CloseConsultRequest request;
         request.set_name(name);
         return CheckCloseConsult(request);
       }},
      {"CancelConsult",
       [](const std::string& name) {
         v1::CancelConsultRequest request;
         request.set_name(name);
         request.set_reason("Patienten har åkt till akuten");
         return CheckCancelConsult(request);
       }},
      {"ReassignConsult",
       [](const std::string& name) {
         v1::ReassignConsultRequest request;
         request.set_name(name);
         request.set_practitioner(kPractitioner);
         request.set_note("Skiftbyte 17:00; troponin tas om 18:00.");
         return CheckReassignConsult(request);
       }},
      {"IdentifyConsultPatient",
       [](const std::string& name) {
         v1::IdentifyConsultPatientRequest request;
         request.set_name(name);
         request.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
         request.mutable_patient()->set_value(TestNumber());
         return CheckIdentifyConsultPatient(request);
       }},
  };
}

TEST(ConsultNames, EachRequestTakesAConsultName) {
  for (const NamedRequest& request : RequestsNamingAConsult()) {
    EXPECT_TRUE(request.check(kConsult).ok()) << request.rpc << ": " << request.check(kConsult);
  }
}

TEST(ConsultNames, EachRequestRefusesAMissingOrMalformedName) {
  for (const NamedRequest& request : RequestsNamingAConsult()) {
    EXPECT_THAT(request.check(""), IsRefused(Invalid("FIELD_REQUIRED", "name"))) << request.rpc;
    for (const std::string& name :
         {std::string("01j5q3v8ht2m9kx4c7r6wfzn0d"), std::string("regions/06/consults"),
          std::string("regions/06/conferences/01j5q3v8ht2m9kx4c7r6wfzn0d"),
          std::string("regions/6/consults/01j5q3v8ht2m9kx4c7r6wfzn0d"), absl::StrCat(kConsult, "/messages/m1")}) {
      EXPECT_THAT(request.check(name), IsRefused(Invalid("INVALID_NAME", "name"))) << request.rpc << " " << name;
    }
  }
}

TEST(ConsultNames, AnIdShapedLikeAPersonnummerIsNoNameAndIsNotRepeated) {
  const std::string name = absl::StrCat("regions/06/consults/", TestNumber());
  for (const NamedRequest& request : RequestsNamingAConsult()) {
    const absl::Status status = request.check(name);
    EXPECT_THAT(status, IsRefused(Invalid("INVALID_NAME", "name"))) << request.rpc;
    ExpectNoPatientNumber(status, TestNumber());
  }
}

// ---------------------------------------------------------------------------
// DeclineConsult
// ---------------------------------------------------------------------------

v1::DeclineConsultRequest NotForThisLine() {
  v1::DeclineConsultRequest request;
  request.set_name(kConsult);
  request.set_reason(v1::DECLINE_REASON_NOT_FOR_THIS_LINE);
  request.set_note("Frågan hör till kardiologjouren.");
  request.set_suggested_line(kLine);
  return request;
}

TEST(CheckDeclineConsult, TakesEachReasonWithANote) {
  for (v1::DeclineReason reason : {v1::DECLINE_REASON_BUSY, v1::DECLINE_REASON_NOT_ON_DUTY,
                                   v1::DECLINE_REASON_NOT_FOR_THIS_LINE, v1::DECLINE_REASON_OTHER}) {
    v1::DeclineConsultRequest request = NotForThisLine();
    request.set_reason(reason);
    request.clear_suggested_line();
    EXPECT_TRUE(CheckDeclineConsult(request).ok()) << v1::DeclineReason_Name(reason);
  }
}

TEST(CheckDeclineConsult, TakesBusyAndNotOnDutyWithoutANote) {
  for (v1::DeclineReason reason : {v1::DECLINE_REASON_BUSY, v1::DECLINE_REASON_NOT_ON_DUTY}) {
    v1::DeclineConsultRequest request;
    request.set_name(kConsult);
    request.set_reason(reason);
    EXPECT_TRUE(CheckDeclineConsult(request).ok()) << v1::DeclineReason_Name(reason);
  }
}

TEST(CheckDeclineConsult, RequiresAReason) {
  v1::DeclineConsultRequest request = NotForThisLine();
  request.clear_reason();
  EXPECT_THAT(CheckDeclineConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "reason")));
  request.set_reason(static_cast<v1::DeclineReason>(5));
  EXPECT_THAT(CheckDeclineConsult(request), IsRefused(Invalid("FIELD_INVALID", "reason")));
}

TEST(CheckDeclineConsult, RequiresANoteForNotForThisLineAndOther) {
  for (v1::DeclineReason reason : {v1::DECLINE_REASON_NOT_FOR_THIS_LINE, v1::DECLINE_REASON_OTHER}) {
    v1::DeclineConsultRequest request = NotForThisLine();
    request.set_reason(reason);
    request.clear_suggested_line();
    request.clear_note();
    EXPECT_THAT(CheckDeclineConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "note")))
        << v1::DeclineReason_Name(reason);
    request.set_note("   ");
    EXPECT_THAT(CheckDeclineConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "note")))
        << v1::DeclineReason_Name(reason);
  }
}

TEST(CheckDeclineConsult, TakesANoteOf2000CharactersAndNoMore) {
  v1::DeclineConsultRequest request = NotForThisLine();
  request.set_note(SwedishText(2000));
  EXPECT_TRUE(CheckDeclineConsult(request).ok());
  request.set_note(SwedishText(2001));
  EXPECT_THAT(CheckDeclineConsult(request), IsRefused(Invalid("FIELD_INVALID", "note")));
  // An optional note is held to the same length.
  request.set_reason(v1::DECLINE_REASON_BUSY);
  request.clear_suggested_line();
  EXPECT_THAT(CheckDeclineConsult(request), IsRefused(Invalid("FIELD_INVALID", "note")));
}

TEST(CheckDeclineConsult, RefusesANoteNamingThePatient) {
  v1::DeclineConsultRequest request = NotForThisLine();
  request.set_note(absl::StrCat("Skicka ", TestNumber(), " till akuten."));
  const absl::Status status = CheckDeclineConsult(request);
  EXPECT_THAT(status, IsRefused(Invalid("FIELD_INVALID", "note")));
  ExpectNoPatientNumber(status, TestNumber());
}

TEST(CheckDeclineConsult, TakesASuggestedLineOnlyWithNotForThisLine) {
  for (v1::DeclineReason reason : {v1::DECLINE_REASON_BUSY, v1::DECLINE_REASON_NOT_ON_DUTY, v1::DECLINE_REASON_OTHER}) {
    v1::DeclineConsultRequest request = NotForThisLine();
    request.set_reason(reason);
    EXPECT_THAT(CheckDeclineConsult(request), IsRefused(Invalid("FIELD_INVALID", "suggested_line")))
        << v1::DeclineReason_Name(reason);
  }
}

TEST(CheckDeclineConsult, RefusesASuggestedLineThatIsNoLineOfTheRegion) {
  v1::DeclineConsultRequest request = NotForThisLine();
  request.set_suggested_line(kHealthCentre);
  EXPECT_THAT(CheckDeclineConsult(request), IsRefused(Invalid("INVALID_NAME", "suggested_line")));
  request.set_suggested_line(kOtherRegionLine);
  EXPECT_THAT(CheckDeclineConsult(request), IsRefused(OtherRegion("suggested_line")));
}

// ---------------------------------------------------------------------------
// AnswerConsult and RecordConsultOutcome
// ---------------------------------------------------------------------------

v1::AnswerConsultRequest Answer() {
  v1::AnswerConsultRequest request;
  request.set_name(kConsult);
  request.set_answer("Skicka direkt till röntgen för DT thorax; jag ringer avdelningen.");
  request.set_outcome(v1::CONSULT_OUTCOME_DIRECT_TO_RADIOLOGY);
  request.set_outcome_note("DT bokad 14:30.");
  return request;
}

TEST(CheckAnswerConsult, TakesAnAnswerWithItsOutcome) { EXPECT_TRUE(CheckAnswerConsult(Answer()).ok()); }

TEST(CheckAnswerConsult, RequiresAnAnswerOf1To4000Characters) {
  v1::AnswerConsultRequest request = Answer();
  request.clear_answer();
  EXPECT_THAT(CheckAnswerConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "answer")));
  request.set_answer(SwedishText(4000));
  EXPECT_TRUE(CheckAnswerConsult(request).ok());
  request.set_answer(SwedishText(4001));
  EXPECT_THAT(CheckAnswerConsult(request), IsRefused(Invalid("FIELD_INVALID", "answer")));
  request.set_answer(absl::StrCat("Gäller ", TestNumber()));
  EXPECT_THAT(CheckAnswerConsult(request), IsRefused(Invalid("FIELD_INVALID", "answer")));
}

TEST(CheckAnswerConsult, RequiresAKnownOutcome) {
  v1::AnswerConsultRequest request = Answer();
  request.clear_outcome();
  EXPECT_THAT(CheckAnswerConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "outcome")));
  request.set_outcome(static_cast<v1::ConsultOutcome>(13));
  EXPECT_THAT(CheckAnswerConsult(request), IsRefused(Invalid("FIELD_INVALID", "outcome")));
}

TEST(CheckAnswerConsult, TakesAnOutcomeNoteOf2000CharactersAndNoMore) {
  v1::AnswerConsultRequest request = Answer();
  request.set_outcome_note(SwedishText(2000));
  EXPECT_TRUE(CheckAnswerConsult(request).ok());
  request.set_outcome_note(SwedishText(2001));
  EXPECT_THAT(CheckAnswerConsult(request), IsRefused(Invalid("FIELD_INVALID", "outcome_note")));
}

TEST(CheckRecordConsultOutcome, TakesAnOutcomeAloneOrWithANote) {
  v1::RecordConsultOutcomeRequest request;
  request.set_name(kConsult);
  request.set_outcome(v1::CONSULT_OUTCOME_AMBULANCE_TO_ED);
  EXPECT_TRUE(CheckRecordConsultOutcome(request).ok());
  request.set_outcome_note("Kördes till akuten efter förnyad bedömning.");
  EXPECT_TRUE(CheckRecordConsultOutcome(request).ok());
}

TEST(CheckRecordConsultOutcome, RequiresAKnownOutcomeAndAShortNote) {
  v1::RecordConsultOutcomeRequest request;
  request.set_name(kConsult);
  EXPECT_THAT(CheckRecordConsultOutcome(request), IsRefused(Invalid("FIELD_REQUIRED", "outcome")));
  request.set_outcome(static_cast<v1::ConsultOutcome>(-1));
  EXPECT_THAT(CheckRecordConsultOutcome(request), IsRefused(Invalid("FIELD_INVALID", "outcome")));
  request.set_outcome(v1::CONSULT_OUTCOME_REFERRAL_NEEDED);
  request.set_outcome_note(SwedishText(2001));
  EXPECT_THAT(CheckRecordConsultOutcome(request), IsRefused(Invalid("FIELD_INVALID", "outcome_note")));
}

// ---------------------------------------------------------------------------
// Whether an outcome fits the consult
// ---------------------------------------------------------------------------

std::vector<v1::ConsultOutcome> RecordableOutcomes() {
  std::vector<v1::ConsultOutcome> outcomes;
  const google::protobuf::EnumDescriptor* descriptor = v1::ConsultOutcome_descriptor();
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const auto outcome = static_cast<v1::ConsultOutcome>(descriptor->value(i)->number());
    if (outcome != v1::CONSULT_OUTCOME_UNSPECIFIED) outcomes.push_back(outcome);
  }
  return outcomes;
}

bool NamedAmbulance(v1::ConsultOutcome outcome) {
  return absl::StartsWith(v1::ConsultOutcome_Name(outcome), "CONSULT_OUTCOME_AMBULANCE_");
}

TEST(CheckOutcomeFits, AnAmbulanceConsultToPrimaryCareTakesExactlyTheAmbulanceOutcomes) {
  for (v1::ConsultOutcome outcome : RecordableOutcomes()) {
    const absl::Status status =
        CheckOutcomeFits(outcome, v1::TRACK_ACCESSIBLE_PRIMARY_CARE, v1::UNIT_TYPE_AMBULANCE_STATION);
    if (NamedAmbulance(outcome)) {
      EXPECT_TRUE(status.ok()) << v1::ConsultOutcome_Name(outcome);
    } else {
      EXPECT_THAT(status, IsRefused(Invalid("OUTCOME_NOT_FOR_REQUESTER", "outcome")))
          << v1::ConsultOutcome_Name(outcome);
    }
  }
}

TEST(CheckOutcomeFits, EveryOtherConsultTakesEveryOutcomeButTheAmbulanceOnes) {
  for (v1::Track track : {v1::TRACK_ACUTE, v1::TRACK_SEMI_ACUTE, v1::TRACK_ACCESSIBLE_PRIMARY_CARE}) {
    const google::protobuf::EnumDescriptor* unit_types = v1::UnitType_descriptor();
    for (int u = 0; u < unit_types->value_count(); ++u) {
      const auto unit_type = static_cast<v1::UnitType>(unit_types->value(u)->number());
      if (track == v1::TRACK_ACCESSIBLE_PRIMARY_CARE && unit_type == v1::UNIT_TYPE_AMBULANCE_STATION) continue;
      for (v1::ConsultOutcome outcome : RecordableOutcomes()) {
        const absl::Status status = CheckOutcomeFits(outcome, track, unit_type);
        const std::string what = absl::StrCat(v1::Track_Name(track), " from ", v1::UnitType_Name(unit_type), ": ",
                                              v1::ConsultOutcome_Name(outcome));
        if (NamedAmbulance(outcome)) {
          EXPECT_THAT(status, IsRefused(Invalid("OUTCOME_NOT_FOR_REQUESTER", "outcome"))) << what;
        } else {
          EXPECT_TRUE(status.ok()) << what;
        }
      }
    }
  }
}

TEST(CheckOutcomeFits, TheAmbulanceOutcomesAreThree) {
  int ambulance = 0;
  for (v1::ConsultOutcome outcome : RecordableOutcomes()) ambulance += NamedAmbulance(outcome) ? 1 : 0;
  EXPECT_EQ(ambulance, 3);
}

// ---------------------------------------------------------------------------
// CloseConsult, CancelConsult
// ---------------------------------------------------------------------------

TEST(CheckCancelConsult, RequiresAReasonOfAtMost500Characters) {
  v1::CancelConsultRequest request;
  request.set_name(kConsult);
  EXPECT_THAT(CheckCancelConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "reason")));
  request.set_reason(SwedishText(500));
  EXPECT_TRUE(CheckCancelConsult(request).ok());
  request.set_reason(SwedishText(501));
  EXPECT_THAT(CheckCancelConsult(request), IsRefused(Invalid("FIELD_INVALID", "reason")));
  request.set_reason(absl::StrCat(TestNumber(), " har åkt till akuten"));
  EXPECT_THAT(CheckCancelConsult(request), IsRefused(Invalid("FIELD_INVALID", "reason")));
}

// ---------------------------------------------------------------------------
// ReassignConsult
// ---------------------------------------------------------------------------

v1::ReassignConsultRequest Handover() {
  v1::ReassignConsultRequest request;
  request.set_name(kConsult);
  request.set_line(kLine);
  request.set_note("Skiftbyte 17:00; troponin tas om 18:00.");
  return request;
}

TEST(CheckReassignConsult, TakesALineOrAPractitioner) {
  v1::ReassignConsultRequest request = Handover();
  EXPECT_TRUE(CheckReassignConsult(request).ok());
  request.set_practitioner(kPractitioner);
  EXPECT_TRUE(CheckReassignConsult(request).ok());
}

TEST(CheckReassignConsult, RequiresSomeoneToHandOverTo) {
  v1::ReassignConsultRequest request = Handover();
  request.clear_to();
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "to")));
}

TEST(CheckReassignConsult, RefusesWhatIsNoPractitionerOrLineOfTheRegion) {
  v1::ReassignConsultRequest request = Handover();
  request.set_line("");
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "line")));
  request.set_line(kPractitioner);
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(Invalid("INVALID_NAME", "line")));
  request.set_line(kOtherRegionLine);
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(OtherRegion("line")));
  request.set_practitioner("");
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "practitioner")));
  request.set_practitioner(kLine);
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(Invalid("INVALID_NAME", "practitioner")));
  request.set_practitioner("regions/06/practitioners/anna-berg");
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(Invalid("INVALID_HSA_ID", "practitioner")));
  request.set_practitioner(kOtherRegionPractitioner);
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(OtherRegion("practitioner")));
}

TEST(CheckReassignConsult, RequiresANoteOfAtMost2000Characters) {
  v1::ReassignConsultRequest request = Handover();
  request.clear_note();
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(Invalid("FIELD_REQUIRED", "note")));
  request.set_note(SwedishText(2000));
  EXPECT_TRUE(CheckReassignConsult(request).ok());
  request.set_note(SwedishText(2001));
  EXPECT_THAT(CheckReassignConsult(request), IsRefused(Invalid("FIELD_INVALID", "note")));
}

// ---------------------------------------------------------------------------
// IdentifyConsultPatient
// ---------------------------------------------------------------------------

v1::IdentifyConsultPatientRequest Identify(const std::string& number) {
  v1::IdentifyConsultPatientRequest request;
  request.set_name(kConsult);
  request.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  request.mutable_patient()->set_value(number);
  return request;
}

TEST(CheckIdentifyConsultPatient, TakesEachTestPersonnummer) {
  const std::vector<std::string> numbers = testing::SkatteverketTestNumbers(10);
  ASSERT_EQ(numbers.size(), 10u);
  for (const std::string& number : numbers) {
    EXPECT_TRUE(CheckIdentifyConsultPatient(Identify(number)).ok()) << CheckIdentifyConsultPatient(Identify(number));
  }
}

TEST(CheckIdentifyConsultPatient, RequiresAPatient) {
  v1::IdentifyConsultPatientRequest request = Identify(TestNumber());
  request.clear_patient();
  EXPECT_THAT(CheckIdentifyConsultPatient(request), IsRefused(Invalid("FIELD_REQUIRED", "patient")));
}

TEST(CheckIdentifyConsultPatient, RefusesAReserveNumber) {
  v1::IdentifyConsultPatientRequest request = Identify("RES-2026-0042");
  request.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  request.mutable_patient()->set_issuing_region(kRegion);
  EXPECT_THAT(CheckIdentifyConsultPatient(request), IsRefused(Invalid("FIELD_INVALID", "patient.kind")));
}

TEST(CheckIdentifyConsultPatient, RefusesAnInvalidNumberWithoutRepeatingIt) {
  const std::string wrong = WithWrongCheckDigit(TestNumber());
  const absl::Status status = CheckIdentifyConsultPatient(Identify(wrong));
  EXPECT_THAT(status, IsRefused(Invalid("INVALID_PATIENT_IDENTIFIER", "patient.value")));
  ExpectNoPatientNumber(status, wrong);

  v1::IdentifyConsultPatientRequest as_samordningsnummer = Identify(TestNumber());
  as_samordningsnummer.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_SAMORDNINGSNUMMER);
  const absl::Status mismatch = CheckIdentifyConsultPatient(as_samordningsnummer);
  EXPECT_THAT(mismatch, IsRefused(Invalid("INVALID_PATIENT_IDENTIFIER", "patient.value")));
  ExpectNoPatientNumber(mismatch, TestNumber());
}

// ---------------------------------------------------------------------------
// CreateConsultMessage
// ---------------------------------------------------------------------------

TEST(CheckCreateConsultMessage, TakesAMessageWithDocuments) {
  v1::CreateConsultMessageRequest request = MinimalMessage();
  EXPECT_TRUE(CheckCreateConsultMessage(request).ok());
  for (int i = 0; i < 20; ++i) *request.mutable_message()->add_documents() = Document("cosmic://open?doc=1");
  request.mutable_message()->set_name("output only");
  request.mutable_message()->mutable_author()->set_client_id("output only");
  EXPECT_TRUE(CheckCreateConsultMessage(request).ok()) << CheckCreateConsultMessage(request);
}

TEST(CheckCreateConsultMessage, RequiresAConsultParent) {
  v1::CreateConsultMessageRequest request = MinimalMessage();
  request.clear_parent();
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("FIELD_REQUIRED", "parent")));
  request.set_parent(kRegion);
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("INVALID_NAME", "parent")));
  request.set_parent(absl::StrCat(kConsult, "/messages"));
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("INVALID_NAME", "parent")));
}

TEST(CheckCreateConsultMessage, RequiresAUuidRequestId) {
  v1::CreateConsultMessageRequest request = MinimalMessage();
  request.clear_request_id();
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("FIELD_REQUIRED", "request_id")));
  request.set_request_id("1");
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("FIELD_INVALID", "request_id")));
}

TEST(CheckCreateConsultMessage, RequiresText1To4000Characters) {
  v1::CreateConsultMessageRequest request = MinimalMessage();
  request.clear_message();
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("FIELD_REQUIRED", "message")));
  request.mutable_message()->set_text("");
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("FIELD_REQUIRED", "message.text")));
  request.mutable_message()->set_text(SwedishText(4000));
  EXPECT_TRUE(CheckCreateConsultMessage(request).ok());
  request.mutable_message()->set_text(SwedishText(4001));
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("FIELD_INVALID", "message.text")));
  request.mutable_message()->set_text(absl::StrCat("Personnummer ", TestNumber()));
  const absl::Status status = CheckCreateConsultMessage(request);
  EXPECT_THAT(status, IsRefused(Invalid("FIELD_INVALID", "message.text")));
  ExpectNoPatientNumber(status, TestNumber());
}

TEST(CheckCreateConsultMessage, TakesAtMost20DocumentsEachWithSystemIdAndASafeLink) {
  v1::CreateConsultMessageRequest request = MinimalMessage();
  for (int i = 0; i < 21; ++i) *request.mutable_message()->add_documents() = Document("");
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("FIELD_INVALID", "message.documents")));

  request = MinimalMessage();
  *request.mutable_message()->add_documents() = Document("https://ehr.example.se/doc/1");
  *request.mutable_message()->add_documents() = Document("javascript:alert(1)");
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("FIELD_INVALID", "message.documents[1].uri")));
  request.mutable_message()->mutable_documents(1)->set_uri("");
  request.mutable_message()->mutable_documents(1)->clear_id();
  EXPECT_THAT(CheckCreateConsultMessage(request), IsRefused(Invalid("FIELD_REQUIRED", "message.documents[1].id")));
}

}  // namespace
}  // namespace samspar::consult
