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
#include "tests/integration/consult/consult_roster_fixture.h"

namespace samspar::consult {
namespace {

using testing::Doctor;
using testing::kAdmin;
using testing::kClinic;
using testing::kFilial;
using testing::kGp;
using testing::LineTarget;
using testing::Metadata;
using testing::PractitionerTarget;
using testing::Stockholm;

constexpr absl::Duration kTimeout = absl::Seconds(3);

std::string FirstOnCall(const v1::OnCallAnswer& answer) {
  if (answer.steps().empty() || answer.steps(0).contacts().empty()) return "";
  return answer.steps(0).contacts(0).practitioner().name();
}

class RosterGatewayTest : public testing::ConsultRosterFixture {
 protected:
  void SetUp() override {
    ConsultRosterFixture::SetUp();
    if (HasFatalFailure()) return;
    gateway_ = std::make_unique<RosterGateway>(
        samspar::testing::LoopbackChannel(server_->grpc_port()),
        [this](const std::string& region) { return ConsultSystemTokens(region); }, kTimeout);
  }

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
  absl::StatusOr<RequesterFacts> unit = gateway_->RequesterUnit("06", kClinic, Doctor("D001"));
  ASSERT_TRUE(unit.ok()) << unit.status();
  EXPECT_EQ(unit->unit.unit_type(), v1::UNIT_TYPE_HOSPITAL_CLINIC);
  EXPECT_EQ(unit->display_name, "Dr Berg");

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
