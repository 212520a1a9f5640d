// On-call lines over real gRPC: what a line needs to be routable, the
// escalation policies that are refused before a consult could get stuck on
// them, and retirement, which is for good.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/roster/on_call_fixture.h"

namespace samspar::roster {
namespace {

using testing::kAdmin;
using testing::kClinician;
using testing::Reason;

class LinesTest : public testing::OnCallFixture {};

TEST_F(LinesTest, ALineIsNamedByTheServerAndItsReferencesFilledIn) {
  v1::Line line = testing::AcuteLine();
  line.clear_state();
  v1::EscalationStep& head = *line.mutable_escalation_policy()->mutable_steps()->Add();
  line.mutable_escalation_policy()->mutable_steps()->SwapElements(2, 3);  // the switchboard stays last
  head.set_target(v1::ESCALATION_TARGET_PRACTITIONER);
  head.mutable_practitioner()->set_name(testing::Doctor("D005"));
  *head.mutable_ack_timeout() = ToProtoDuration(absl::Minutes(10));
  v1::Line created = MustCreateLine(line);
  EXPECT_THAT(created.name(), ::testing::StartsWith("regions/06/lines/"));
  EXPECT_EQ(created.state(), v1::LINE_STATE_DRAFT);
  EXPECT_EQ(created.unit().display_name(), "Medicinkliniken Ryhov");
  EXPECT_EQ(created.escalation_policy().steps(2).practitioner().hsa_id(), "SE2321000057-D005");
  EXPECT_EQ(created.escalation_policy().steps(2).practitioner().display_name(), "Dr Holm");
  EXPECT_FALSE(created.etag().empty());

  v1::GetLineRequest get;
  get.set_name(created.name());
  v1::Line read;
  ASSERT_TRUE(stub_->GetLine(As(kClinician).get(), get, &read).ok());
  EXPECT_EQ(read.SerializeAsString(), created.SerializeAsString());
}

TEST_F(LinesTest, PoliciesRoutingCouldNotFollowAreRefusedNamingTheField) {
  struct Case {
    std::string what;
    std::function<void(v1::EscalationPolicy&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"no steps", [](v1::EscalationPolicy& p) { p.clear_steps(); }, "line.escalation_policy.steps"},
      {"switchboard first", [](v1::EscalationPolicy& p) { p.mutable_steps()->SwapElements(0, 2); },
       "line.escalation_policy.steps[0].target"},
      {"switchboard in the middle", [](v1::EscalationPolicy& p) { p.mutable_steps()->SwapElements(1, 2); },
       "line.escalation_policy.steps[1].target"},
      {"eleven steps",
       [](v1::EscalationPolicy& p) {
         while (p.steps_size() < 11) *p.add_steps() = p.steps(0);
       },
       "line.escalation_policy.steps"},
      {"ack in ten seconds",
       [](v1::EscalationPolicy& p) { *p.mutable_steps(0)->mutable_ack_timeout() = ToProtoDuration(absl::Seconds(10)); },
       "line.escalation_policy.steps[0].ack_timeout"},
      {"no ack timeout", [](v1::EscalationPolicy& p) { p.mutable_steps(1)->clear_ack_timeout(); },
       "line.escalation_policy.steps[1].ack_timeout"},
      {"six repeats", [](v1::EscalationPolicy& p) { p.set_repeat_count(6); }, "line.escalation_policy.repeat_count"},
      {"answer in a minute",
       [](v1::EscalationPolicy& p) { *p.mutable_answer_timeout() = ToProtoDuration(absl::Minutes(1)); },
       "line.escalation_policy.answer_timeout"},
      {"named step without a name",
       [](v1::EscalationPolicy& p) { p.mutable_steps(1)->set_target(v1::ESCALATION_TARGET_PRACTITIONER); },
       "line.escalation_policy.steps[1].practitioner"},
  };
  for (const Case& c : cases) {
    v1::Line line = testing::AcuteLine();
    c.change(*line.mutable_escalation_policy());
    v1::Line created;
    grpc::Status status = CreateLine(line, created);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.what;
    EXPECT_EQ(Reason(status), "INVALID_ESCALATION_POLICY") << c.what;
    EXPECT_EQ(testing::FieldOfError(status), c.field) << c.what;
  }
  v1::ListLinesRequest list;
  list.set_parent("regions/06");
  v1::ListLinesResponse listed;
  ASSERT_TRUE(stub_->ListLines(As(kAdmin).get(), list, &listed).ok());
  EXPECT_EQ(listed.lines_size(), 0);
}

TEST_F(LinesTest, ReferencesAndRequiredFieldsAreChecked) {
  v1::Line created;
  v1::Line named = testing::AcuteLine();
  named.mutable_escalation_policy()->mutable_steps(1)->set_target(v1::ESCALATION_TARGET_PRACTITIONER);
  named.mutable_escalation_policy()->mutable_steps(1)->mutable_practitioner()->set_name(testing::Doctor("N404"));
  EXPECT_EQ(Reason(CreateLine(named, created)), "PRACTITIONER_NOT_FOUND");
  v1::Line elsewhere = testing::AcuteLine();
  elsewhere.mutable_unit()->set_name("regions/06/units/SE2321000057-N404");
  EXPECT_EQ(Reason(CreateLine(elsewhere, created)), "UNIT_NOT_FOUND");
  v1::Line no_switchboard = testing::AcuteLine();
  no_switchboard.clear_fallback_phone();
  EXPECT_EQ(Reason(CreateLine(no_switchboard, created)), "FIELD_REQUIRED");
  v1::Line bad_phone = testing::AcuteLine();
  bad_phone.set_public_phone("036-100000");
  EXPECT_EQ(Reason(CreateLine(bad_phone, created)), "INVALID_PHONE_NUMBER");
  v1::Line conference = testing::AcuteLine();
  conference.add_tracks(v1::TRACK_MULTIDISCIPLINARY_CONFERENCE);
  EXPECT_EQ(Reason(CreateLine(conference, created)), "FIELD_INVALID");
  v1::CreateLineRequest as_clinician;
  as_clinician.set_parent("regions/06");
  *as_clinician.mutable_line() = testing::AcuteLine();
  EXPECT_EQ(Reason(stub_->CreateLine(As(kClinician).get(), as_clinician, &created)), "ROLE_NOT_ALLOWED");
}

TEST_F(LinesTest, ARetriedCreateMakesOneLine) {
  const std::string id = "5c0a3d9e-2f41-4b8a-9c6d-7e8f9a0b1c2d";
  v1::Line first, second, third;
  ASSERT_TRUE(CreateLine(testing::AcuteLine(), first, id).ok());
  ASSERT_TRUE(CreateLine(testing::AcuteLine(), second, id).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(Reason(CreateLine(testing::AcuteLine("Annan"), third, id)), "REQUEST_ID_REUSED");
}

TEST_F(LinesTest, ListsFilterByTrackAndLeaveRetiredLinesOut) {
  v1::Line acute = MustCreateLine(testing::AcuteLine());
  v1::Line weekday = MustCreateLine(testing::WeekdayLine());
  ASSERT_TRUE(SetLineState(weekday.name(), v1::LINE_STATE_RETIRED).ok());

  v1::ListLinesRequest list;
  list.set_parent("regions/06");
  v1::ListLinesResponse listed;
  ASSERT_TRUE(stub_->ListLines(As(kClinician).get(), list, &listed).ok());
  ASSERT_EQ(listed.lines_size(), 1);
  EXPECT_EQ(listed.lines(0).name(), acute.name());
  list.set_filter("tracks: TRACK_SEMI_ACUTE AND state = LINE_STATE_RETIRED");
  ASSERT_TRUE(stub_->ListLines(As(kClinician).get(), list, &listed).ok());
  ASSERT_EQ(listed.lines_size(), 1);
  EXPECT_EQ(listed.lines(0).name(), weekday.name());
}

TEST_F(LinesTest, ARetiredLineStaysRetiredAndItsSchedulesNoLongerChange) {
  v1::Line line = MustCreateLine(testing::AcuteLine());
  ASSERT_TRUE(SetLineState(line.name(), v1::LINE_STATE_RETIRED).ok());
  grpc::Status back = SetLineState(line.name(), v1::LINE_STATE_ACTIVE);
  EXPECT_EQ(back.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(back), "LINE_RETIRED");
  v1::Rotation rotation;
  EXPECT_EQ(Reason(CreateRotation(
                line.name(), testing::DailyRotation({testing::Doctor("D001")}, absl::CivilDay(2027, 1, 4)), rotation)),
            "LINE_RETIRED");
}

TEST_F(LinesTest, AStaleEtagIsRefusedAndTheLineKeepsTheOtherChange) {
  v1::Line line = MustCreateLine(testing::AcuteLine());
  v1::UpdateLineRequest first;
  first.mutable_line()->set_name(line.name());
  first.mutable_line()->set_etag(line.etag());
  first.mutable_line()->set_public_phone("+46361000001");
  first.mutable_update_mask()->add_paths("public_phone");
  v1::Line updated;
  ASSERT_TRUE(stub_->UpdateLine(As(kAdmin).get(), first, &updated).ok());
  first.mutable_line()->set_public_phone("+46361000002");
  grpc::Status stale = stub_->UpdateLine(As(kAdmin).get(), first, &updated);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Reason(stale), "ETAG_MISMATCH");
  v1::GetLineRequest get;
  get.set_name(line.name());
  ASSERT_TRUE(stub_->GetLine(As(kAdmin).get(), get, &updated).ok());
  EXPECT_EQ(updated.public_phone(), "+46361000001");
}

}  // namespace
}  // namespace samspar::roster
