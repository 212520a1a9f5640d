// The consult service's gateway to the roster against the real roster
// service over gRPC: each kind of target resolved to a line and who is on
// call on it, each refusal CreateConsult passes on to the requester, and the
// roster going away turned into ROSTER_UNAVAILABLE within the timeout.

#include "services/consult/routing/roster_gateway.h"

#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/roster/on_call_fixture.h"

namespace samspar::consult {
namespace {

using roster::testing::Doctor;
using roster::testing::kAdmin;
using roster::testing::kClinic;
using roster::testing::PersonWith;
using roster::testing::Stockholm;

constexpr absl::Duration kTimeout = absl::Seconds(3);
constexpr char kHealthCentre[] = "regions/06/units/SE2321000057-V001";
constexpr char kFilial[] = "regions/06/units/SE2321000057-F001";
constexpr char kGp[] = "regions/06/practitioners/SE2321000057-G001";

// What the consult service is to the roster: a system with the read scopes
// of the directory and the roster.
const identity::System kConsultService{.client_id = "samspar-consult", .scopes = {"roster.read", "directory.read"}};

absl::CivilDay DaysFromToday(int days) {
  absl::TimeZone zone;
  absl::LoadTimeZone("Europe/Stockholm", &zone);
  return absl::ToCivilDay(absl::Now(), zone) + days;
}

v1::ConsultTarget LineTarget(const std::string& line) {
  v1::ConsultTarget target;
  target.set_line(line);
  return target;
}

v1::ConsultTarget PractitionerTarget(const std::string& practitioner) {
  v1::ConsultTarget target;
  target.mutable_practitioner()->set_name(practitioner);
  return target;
}

std::string FirstOnCall(const v1::OnCallAnswer& answer) {
  if (answer.steps().empty() || answer.steps(0).contacts().empty()) return "";
  return answer.steps(0).contacts(0).practitioner().name();
}

std::string Metadata(const absl::Status& status, absl::string_view key) { return MetadataOf(status, key).value_or(""); }

class RosterGatewayTest : public roster::testing::OnCallFixture {
 protected:
  void SetUp() override {
    OnCallFixture::SetUp();
    if (HasFatalFailure()) return;
    auto tokens = [this](const std::string& region) -> client::TokenSource {
      return [this, region]() -> absl::StatusOr<std::string> {
        return identity_provider_.TokenForSystem(kConsultService, region);
      };
    };
    gateway_ =
        std::make_unique<RosterGateway>(samspar::testing::LoopbackChannel(server_->grpc_port()), tokens, kTimeout);
  }

  // An acute 24/7 internal-medicine line with Dr Berg on call by rotation.
  v1::Line StaffedAcuteLine(const std::string& display_name = "Bakjour internmedicin") {
    v1::Line line = MustCreateLine(roster::testing::AcuteLine(display_name));
    MustCreateRotation(line.name(), roster::testing::DailyRotation({Doctor("D001")}, DaysFromToday(-10)));
    return line;
  }

  void CreateUnit(const std::string& hsa_id, v1::UnitType type, const std::string& parent = "") {
    v1::CreateUnitRequest request;
    request.set_parent("regions/06");
    request.mutable_unit()->set_hsa_id(hsa_id);
    request.mutable_unit()->set_display_name("Vårdcentralen " + hsa_id);
    request.mutable_unit()->set_unit_type(type);
    request.mutable_unit()->set_parent_unit(parent);
    v1::Unit created;
    grpc::Status status = stub_->CreateUnit(As(kAdmin).get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // A health centre with a filial, and a GP working at the filial; the
  // health centre's accessible-primary-care line, with Dr Dahl on call.
  v1::Line HealthCentreWithFilial() {
    CreateUnit("SE2321000057-V001", v1::UNIT_TYPE_HEALTH_CENTRE);
    CreateUnit("SE2321000057-F001", v1::UNIT_TYPE_HEALTH_CENTRE_FILIAL, kHealthCentre);
    v1::CreatePractitionerRequest gp;
    gp.set_parent("regions/06");
    gp.mutable_practitioner()->set_hsa_id("SE2321000057-G001");
    gp.mutable_practitioner()->set_given_name("Dr");
    gp.mutable_practitioner()->set_family_name("Gran");
    gp.mutable_practitioner()->set_profession(v1::PROFESSION_PHYSICIAN);
    gp.mutable_practitioner()->add_units()->set_name(kFilial);
    v1::Practitioner created;
    grpc::Status status = stub_->CreatePractitioner(As(kAdmin).get(), gp, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::Line line = roster::testing::AcuteLine("Läkare för ambulansen, Vårdcentralen");
    line.clear_tracks();
    line.add_tracks(v1::TRACK_ACCESSIBLE_PRIMARY_CARE);
    line.mutable_unit()->set_name(kHealthCentre);
    line.set_specialty("general-practice");
    v1::Line health_centre_line = MustCreateLine(line);
    MustCreateRotation(health_centre_line.name(), roster::testing::DailyRotation({Doctor("D002")}, DaysFromToday(-10)));
    return health_centre_line;
  }

  void SetPresence(const std::string& hsa_id, v1::PresenceState state) {
    v1::UpdatePresenceRequest request;
    request.mutable_presence()->set_name("regions/06/practitioners/" + hsa_id + "/presence");
    request.mutable_presence()->set_state(state);
    v1::Presence presence;
    grpc::Status status =
        stub_->UpdatePresence(As(PersonWith(hsa_id, identity::Role::kClinician)).get(), request, &presence);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // A semi-acute weekday line (08-17) of cardiology, and a Saturday morning
  // when it is closed.
  v1::Line WeekdayCardiology() { return MustCreateLine(roster::testing::WeekdayLine("Kardiologkonsult")); }
  const absl::Time saturday_ = Stockholm(2026, 3, 14, 10);

  std::unique_ptr<RosterGateway> gateway_;
};

TEST_F(RosterGatewayTest, ALineTargetIsAnsweredWithTheDoctorOnCall) {
  v1::Line line = StaffedAcuteLine();
  absl::StatusOr<RoutedLine> routed = gateway_->Route("06", v1::TRACK_ACUTE, LineTarget(line.name()), absl::Now());
  ASSERT_TRUE(routed.ok()) << routed.status();
  EXPECT_EQ(routed->line.name(), line.name());
  EXPECT_EQ(routed->line.escalation_policy().repeat_count(), 1);
  EXPECT_EQ(FirstOnCall(routed->answer), Doctor("D001"));
  EXPECT_FALSE(routed->named.has_value());
}

TEST_F(RosterGatewayTest, ASpecialtyTargetGoesToTheLineWithSomeoneOnCall) {
  MustCreateLine(roster::testing::AcuteLine("Akut internmedicin, ingen schemalagd"));  // first by name, unstaffed
  v1::Line staffed = StaffedAcuteLine("Bakjour internmedicin");
  v1::ConsultTarget target;
  target.set_specialty("internal-medicine");
  absl::StatusOr<RoutedLine> routed = gateway_->Route("06", v1::TRACK_ACUTE, target, absl::Now());
  ASSERT_TRUE(routed.ok()) << routed.status();
  EXPECT_EQ(routed->line.name(), staffed.name());
  EXPECT_EQ(FirstOnCall(routed->answer), Doctor("D001"));
}

TEST_F(RosterGatewayTest, ASpecialtyNoLineServesIsNoLineForTarget) {
  StaffedAcuteLine();
  v1::ConsultTarget target;
  target.set_specialty("geriatrics");
  absl::StatusOr<RoutedLine> routed = gateway_->Route("06", v1::TRACK_ACUTE, target, absl::Now());
  EXPECT_EQ(routed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(routed.status()), "NO_LINE_FOR_TARGET");
}

TEST_F(RosterGatewayTest, AFilialTargetReachesItsHealthCentresLine) {
  v1::Line health_centre_line = HealthCentreWithFilial();
  v1::ConsultTarget target;
  target.mutable_unit()->set_name(kFilial);
  absl::StatusOr<RoutedLine> routed = gateway_->Route("06", v1::TRACK_ACCESSIBLE_PRIMARY_CARE, target, absl::Now());
  ASSERT_TRUE(routed.ok()) << routed.status();
  EXPECT_EQ(routed->line.name(), health_centre_line.name());
  EXPECT_EQ(FirstOnCall(routed->answer), Doctor("D002"));

  routed = gateway_->Route("06", v1::TRACK_SEMI_ACUTE, target, absl::Now());
  EXPECT_EQ(ReasonOf(routed.status()), "NO_LINE_FOR_TARGET");
  target.mutable_unit()->set_name("regions/06/units/SE2321000057-NONE");
  routed = gateway_->Route("06", v1::TRACK_ACCESSIBLE_PRIMARY_CARE, target, absl::Now());
  EXPECT_EQ(routed.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(routed.status()), "UNIT_NOT_FOUND");
}

TEST_F(RosterGatewayTest, APractitionerTargetIsNamedWithTheFallbackLineOfTheirHealthCentre) {
  v1::Line health_centre_line = HealthCentreWithFilial();
  absl::StatusOr<RoutedLine> routed =
      gateway_->Route("06", v1::TRACK_ACCESSIBLE_PRIMARY_CARE, PractitionerTarget(kGp), absl::Now());
  ASSERT_TRUE(routed.ok()) << routed.status();
  ASSERT_TRUE(routed->named.has_value());
  EXPECT_EQ(routed->named->practitioner.name(), kGp);
  EXPECT_EQ(routed->named->presence, v1::PRESENCE_STATE_UNKNOWN);
  EXPECT_EQ(routed->line.name(), health_centre_line.name());
  EXPECT_EQ(FirstOnCall(routed->answer), Doctor("D002"));
}

TEST_F(RosterGatewayTest, APractitionerTargetIsRefusedForTheFallbackLineOnlyWhenTheyAreOffline) {
  v1::Line health_centre_line = HealthCentreWithFilial();
  SetPresence("SE2321000057-D002", v1::PRESENCE_STATE_OFFLINE);  // nobody routable on the line
  absl::StatusOr<RoutedLine> routed =
      gateway_->Route("06", v1::TRACK_ACCESSIBLE_PRIMARY_CARE, PractitionerTarget(kGp), absl::Now());
  ASSERT_TRUE(routed.ok()) << routed.status();
  EXPECT_TRUE(routed->named.has_value());

  SetPresence("SE2321000057-G001", v1::PRESENCE_STATE_OFFLINE);
  routed = gateway_->Route("06", v1::TRACK_ACCESSIBLE_PRIMARY_CARE, PractitionerTarget(kGp), absl::Now());
  EXPECT_EQ(ReasonOf(routed.status()), "NO_ONE_ON_CALL");
  EXPECT_EQ(Metadata(routed.status(), "line"), health_centre_line.name());
}

TEST_F(RosterGatewayTest, AnUnknownOrInactivePractitionerIsRefused) {
  HealthCentreWithFilial();
  absl::StatusOr<RoutedLine> routed =
      gateway_->Route("06", v1::TRACK_ACCESSIBLE_PRIMARY_CARE, PractitionerTarget(Doctor("NONE")), absl::Now());
  EXPECT_EQ(routed.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(routed.status()), "PRACTITIONER_NOT_FOUND");

  v1::UpdatePractitionerRequest retire;
  retire.mutable_practitioner()->set_name(kGp);
  retire.mutable_practitioner()->set_state(v1::DIRECTORY_STATE_INACTIVE);
  retire.mutable_update_mask()->add_paths("state");
  v1::Practitioner retired;
  ASSERT_TRUE(stub_->UpdatePractitioner(As(kAdmin).get(), retire, &retired).ok());
  routed = gateway_->Route("06", v1::TRACK_ACCESSIBLE_PRIMARY_CARE, PractitionerTarget(kGp), absl::Now());
  EXPECT_EQ(routed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(routed.status()), "PRACTITIONER_INACTIVE");
  EXPECT_EQ(ReasonOf(gateway_->Practitioner("06", kGp).status()), "PRACTITIONER_INACTIVE");
}

TEST_F(RosterGatewayTest, AnUnknownLineIsLineNotFound) {
  absl::StatusOr<RoutedLine> routed =
      gateway_->Route("06", v1::TRACK_ACUTE, LineTarget("regions/06/lines/nosuchline"), absl::Now());
  EXPECT_EQ(routed.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(routed.status()), "LINE_NOT_FOUND");
}

TEST_F(RosterGatewayTest, ADraftOrRetiredLineIsNotActive) {
  v1::Line draft = roster::testing::AcuteLine("Bakjour under uppbyggnad");
  draft.set_state(v1::LINE_STATE_DRAFT);
  const std::string draft_line = MustCreateLine(draft).name();
  const std::string retired_line = StaffedAcuteLine().name();
  ASSERT_TRUE(SetLineState(retired_line, v1::LINE_STATE_RETIRED).ok());
  for (const std::string& line : {draft_line, retired_line}) {
    absl::StatusOr<RoutedLine> routed = gateway_->Route("06", v1::TRACK_ACUTE, LineTarget(line), absl::Now());
    EXPECT_EQ(routed.status().code(), absl::StatusCode::kFailedPrecondition) << line;
    EXPECT_EQ(ReasonOf(routed.status()), "LINE_NOT_ACTIVE") << line;
  }
  EXPECT_EQ(ReasonOf(gateway_->Resolve("06", retired_line, absl::Now()).status()), "LINE_NOT_ACTIVE");
}

TEST_F(RosterGatewayTest, ALineThatDoesNotServeTheTrackIsRefused) {
  v1::Line line = StaffedAcuteLine();
  absl::StatusOr<RoutedLine> routed = gateway_->Route("06", v1::TRACK_SEMI_ACUTE, LineTarget(line.name()), absl::Now());
  EXPECT_EQ(routed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(routed.status()), "TRACK_NOT_SERVED");
}

TEST_F(RosterGatewayTest, AWeekdayLineOnASaturdayIsClosedAndNamesAnOpenAcuteLine) {
  v1::Line weekday = WeekdayCardiology();
  v1::Line acute = MustCreateLine(roster::testing::AcuteLine("Bakjour internmedicin"));
  absl::StatusOr<RoutedLine> routed =
      gateway_->Route("06", v1::TRACK_SEMI_ACUTE, LineTarget(weekday.name()), saturday_);
  EXPECT_EQ(routed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(routed.status()), "LINE_CLOSED");
  EXPECT_EQ(Metadata(routed.status(), "line"), weekday.name());
  absl::Time opens;
  std::string error;
  ASSERT_TRUE(absl::ParseTime(absl::RFC3339_full, Metadata(routed.status(), "next_open_time"), &opens, &error))
      << error;
  EXPECT_EQ(opens, Stockholm(2026, 3, 16, 8));  // Monday morning
  EXPECT_EQ(Metadata(routed.status(), "alternative_line"), acute.name());
  EXPECT_THAT(std::string(routed.status().message()), ::testing::HasSubstr("Bakjour internmedicin"));
}

TEST_F(RosterGatewayTest, AClosedLinesAlternativeIsAnOpenLineOfItsSpecialtyOnTheSameTrack) {
  v1::Line weekday = WeekdayCardiology();
  MustCreateLine(roster::testing::AcuteLine("Bakjour internmedicin"));
  v1::Line weekend_line = roster::testing::WeekdayLine("Kardiologkonsult helg");
  v1::HoursWindow& window = *weekend_line.mutable_coverage_hours()->mutable_windows(0);
  window.clear_days();
  window.add_days(v1::DAY_OF_WEEK_SATURDAY);
  window.add_days(v1::DAY_OF_WEEK_SUNDAY);
  v1::Line weekend = MustCreateLine(weekend_line);
  absl::StatusOr<RoutedLine> routed =
      gateway_->Route("06", v1::TRACK_SEMI_ACUTE, LineTarget(weekday.name()), saturday_);
  EXPECT_EQ(ReasonOf(routed.status()), "LINE_CLOSED");
  EXPECT_EQ(Metadata(routed.status(), "alternative_line"), weekend.name());
}

TEST_F(RosterGatewayTest, AClosedLinesAcuteAlternativeIsOfItsSpecialtyWhenOneIsOpen) {
  v1::Line weekday = WeekdayCardiology();
  MustCreateLine(roster::testing::AcuteLine("Bakjour internmedicin"));  // first by name
  v1::Line cardiology_on_call = roster::testing::AcuteLine("Kardiologjour");
  cardiology_on_call.set_specialty("cardiology");
  v1::Line acute_cardiology = MustCreateLine(cardiology_on_call);
  absl::StatusOr<RoutedLine> routed =
      gateway_->Route("06", v1::TRACK_SEMI_ACUTE, LineTarget(weekday.name()), saturday_);
  EXPECT_EQ(ReasonOf(routed.status()), "LINE_CLOSED");
  EXPECT_EQ(Metadata(routed.status(), "alternative_line"), acute_cardiology.name());
}

TEST_F(RosterGatewayTest, ALineWithNobodyScheduledIsNoOneOnCallWithTheFallbackPhone) {
  v1::Line line = MustCreateLine(roster::testing::AcuteLine());
  absl::StatusOr<RoutedLine> routed = gateway_->Route("06", v1::TRACK_ACUTE, LineTarget(line.name()), absl::Now());
  EXPECT_EQ(routed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(routed.status()), "NO_ONE_ON_CALL");
  EXPECT_EQ(Metadata(routed.status(), "line"), line.name());
  EXPECT_EQ(Metadata(routed.status(), "fallback_phone"), "+46361020000");
}

TEST_F(RosterGatewayTest, ResolveAnswersForAKnownLineWhateverItsHours) {
  v1::Line weekday = WeekdayCardiology();
  absl::StatusOr<RoutedLine> resolved = gateway_->Resolve("06", weekday.name(), saturday_);
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_EQ(resolved->line.name(), weekday.name());
  EXPECT_FALSE(resolved->answer.within_hours());
}

TEST_F(RosterGatewayTest, TheRequesterUnitMustBeOneTheDirectoryListsForTheRequester) {
  absl::StatusOr<v1::Unit> unit = gateway_->RequesterUnit("06", kClinic, Doctor("D001"));
  ASSERT_TRUE(unit.ok()) << unit.status();
  EXPECT_EQ(unit->unit_type(), v1::UNIT_TYPE_HOSPITAL_CLINIC);

  HealthCentreWithFilial();
  unit = gateway_->RequesterUnit("06", kClinic, kGp);
  EXPECT_EQ(unit.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(unit.status()), "REQUESTER_UNIT_MISMATCH");
  EXPECT_TRUE(gateway_->RequesterUnit("06", kFilial, kGp).ok());
  EXPECT_EQ(ReasonOf(gateway_->RequesterUnit("06", "regions/06/units/SE2321000057-NONE", kGp).status()),
            "UNIT_NOT_FOUND");
}

TEST_F(RosterGatewayTest, TheRosterGoneIsRosterUnavailableWithinTheTimeout) {
  v1::Line line = StaffedAcuteLine();
  server_->Shutdown(absl::ZeroDuration());
  const absl::Time asked = absl::Now();
  absl::StatusOr<RoutedLine> routed = gateway_->Route("06", v1::TRACK_ACUTE, LineTarget(line.name()), absl::Now());
  const absl::Duration took = absl::Now() - asked;
  EXPECT_EQ(routed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ReasonOf(routed.status()), "ROSTER_UNAVAILABLE");
  EXPECT_TRUE(RetryDelayOf(routed.status()).has_value());
  EXPECT_LT(took, kTimeout + absl::Seconds(2));
  EXPECT_EQ(ReasonOf(gateway_->Resolve("06", line.name(), absl::Now()).status()), "ROSTER_UNAVAILABLE");
}

}  // namespace
}  // namespace samspar::consult
