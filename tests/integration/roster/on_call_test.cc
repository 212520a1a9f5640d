// Who is on call, over real gRPC with presence in a real Redis: the
// contacts per escalation step with their reasons, the order routing will
// offer them in, what a change to the schedule does at once, lines found by
// track and unit, duties, gaps and the coverage report.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/roster/on_call_fixture.h"

namespace samspar::roster {
namespace {

using testing::Between;
using testing::Doctor;
using testing::kAdmin;
using testing::kClinician;
using testing::PersonWith;
using testing::Reason;

absl::CivilDay DaysFromToday(int days) {
  absl::TimeZone zone;
  absl::LoadTimeZone("Europe/Stockholm", &zone);
  return absl::ToCivilDay(absl::Now(), zone) + days;
}

std::vector<std::string> HsaIdsOf(const v1::ResolvedStep& step) {
  std::vector<std::string> ids;
  for (const v1::OnCallContact& contact : step.contacts()) ids.push_back(contact.practitioner().hsa_id());
  return ids;
}

class OnCallTest : public testing::OnCallFixture {
 protected:
  void SetUp() override {
    OnCallFixture::SetUp();
    line_ = MustCreateLine(testing::AcuteLine());
    rotation_ = MustCreateRotation(line_.name(), testing::DailyRotation({Doctor("D001")}, DaysFromToday(-10)));
    const absl::Time now = absl::Now();
    v1::Shift backup;
    ASSERT_TRUE(CreateShift(line_.name(), Doctor("D002"), Between(now - absl::Hours(24), now + absl::Hours(24)), backup,
                            v1::ON_CALL_TIER_BACKUP)
                    .ok());
  }

  v1::OnCallAnswer Resolve(absl::optional<absl::Time> at = absl::nullopt, const std::string& line = "") {
    v1::ResolveOnCallRequest request;
    request.set_name(line.empty() ? line_.name() : line);
    if (at.has_value()) *request.mutable_resolve_time() = ToProto(*at);
    v1::ResolveOnCallResponse response;
    grpc::Status status = stub_->ResolveOnCall(As(kClinician).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.answer();
  }

  void SetPresence(const std::string& id, v1::PresenceState state) {
    v1::UpdatePresenceRequest request;
    request.mutable_presence()->set_name(Doctor(id) + "/presence");
    request.mutable_presence()->set_state(state);
    v1::Presence presence;
    grpc::Status status = stub_->UpdatePresence(As(PersonWith("SE2321000057-" + id, identity::Role::kClinician)).get(),
                                                request, &presence);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  v1::Override Override(v1::OverrideKind kind, const std::string& who, const std::string& replaced,
                        calendar::Interval window) {
    v1::Override override_;
    override_.set_kind(kind);
    override_.mutable_practitioner()->set_name(who);
    if (!replaced.empty()) override_.mutable_replaced_practitioner()->set_name(replaced);
    *override_.mutable_interval() = Between(window.start, window.end);
    override_.set_reason("Sjuk");
    v1::Override created;
    grpc::Status status = CreateOverride(line_.name(), override_, created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  v1::Line line_;
  v1::Rotation rotation_;
};

TEST_F(OnCallTest, TheAnswerNamesEachStepsContactsAndWhyTheyAreThere) {
  v1::OnCallAnswer answer = Resolve();
  EXPECT_TRUE(answer.within_hours());
  EXPECT_FALSE(answer.gap());
  EXPECT_TRUE(answer.presence_known());
  EXPECT_EQ(answer.fallback_phone(), "+46361020000");
  ASSERT_EQ(answer.steps_size(), 3);
  ASSERT_THAT(HsaIdsOf(answer.steps(0)), ::testing::ElementsAre("SE2321000057-D001"));
  const v1::OnCallContact& on_call = answer.steps(0).contacts(0);
  EXPECT_EQ(on_call.practitioner().display_name(), "Dr Berg");
  EXPECT_EQ(on_call.presence(), v1::PRESENCE_STATE_UNKNOWN);
  EXPECT_TRUE(on_call.routable());
  ASSERT_EQ(on_call.contact_points_size(), 1);
  EXPECT_EQ(on_call.reason().kind(), v1::ON_CALL_REASON_KIND_ROTATION);
  EXPECT_EQ(on_call.reason().source(), rotation_.name());
  EXPECT_THAT(HsaIdsOf(answer.steps(1)), ::testing::ElementsAre("SE2321000057-D002"));
  EXPECT_EQ(answer.steps(1).contacts(0).reason().kind(), v1::ON_CALL_REASON_KIND_SHIFT);
  EXPECT_EQ(answer.steps(2).policy_step().target(), v1::ESCALATION_TARGET_SWITCHBOARD);
  EXPECT_EQ(answer.steps(2).contacts_size(), 0);

  // The daily rotation hands over at 08:00 local time: the answer says when
  // it next changes, at the latest then.
  ASSERT_TRUE(answer.has_next_change_time());
  const absl::Time next_change = FromProto(answer.next_change_time());
  EXPECT_GT(next_change, absl::Now());
  EXPECT_LE(next_change, absl::Now() + absl::Hours(25));
}

TEST_F(OnCallTest, ContactsComeInTheOrderRoutingOffersThem) {
  const absl::Time now = absl::Now();
  Override(v1::OVERRIDE_KIND_ADD, Doctor("D003"), "", {now - absl::Hours(1), now + absl::Hours(2)});
  Override(v1::OVERRIDE_KIND_ADD, Doctor("D004"), "", {now - absl::Hours(1), now + absl::Hours(2)});
  // Unknown presence sorts by family name: Berg, Ek, Falk.
  EXPECT_THAT(HsaIdsOf(Resolve().steps(0)),
              ::testing::ElementsAre("SE2321000057-D001", "SE2321000057-D003", "SE2321000057-D004"));
  SetPresence("D001", v1::PRESENCE_STATE_OFFLINE);
  SetPresence("D003", v1::PRESENCE_STATE_AWAY);
  SetPresence("D004", v1::PRESENCE_STATE_AVAILABLE);
  v1::OnCallAnswer answer = Resolve();
  EXPECT_THAT(HsaIdsOf(answer.steps(0)),
              ::testing::ElementsAre("SE2321000057-D004", "SE2321000057-D003", "SE2321000057-D001"));
  EXPECT_EQ(answer.steps(0).contacts(0).presence(), v1::PRESENCE_STATE_AVAILABLE);
  EXPECT_TRUE(answer.steps(0).contacts(0).has_presence_expire_time());
  EXPECT_FALSE(answer.steps(0).contacts(2).routable());
  EXPECT_TRUE(answer.steps(0).contacts(1).routable());
}

TEST_F(OnCallTest, AnOverrideChangesTheAnswerAtOnceAndSaysWhom) {
  const absl::Time now = absl::Now();
  ASSERT_THAT(HsaIdsOf(Resolve().steps(0)), ::testing::ElementsAre("SE2321000057-D001"));
  v1::Override sick =
      Override(v1::OVERRIDE_KIND_REPLACE, Doctor("D005"), Doctor("D001"), {now - absl::Hours(1), now + absl::Hours(3)});
  v1::OnCallAnswer answer = Resolve();
  ASSERT_THAT(HsaIdsOf(answer.steps(0)), ::testing::ElementsAre("SE2321000057-D005"));
  const v1::OnCallReason& reason = answer.steps(0).contacts(0).reason();
  EXPECT_EQ(reason.kind(), v1::ON_CALL_REASON_KIND_OVERRIDE_REPLACE);
  EXPECT_EQ(reason.source(), sick.name());
  EXPECT_EQ(reason.replaced_practitioner().hsa_id(), "SE2321000057-D001");
  EXPECT_FALSE(reason.description().empty());
  // The replacement ends with the override.
  EXPECT_LE(FromProto(answer.next_change_time()), now + absl::Hours(3));
  EXPECT_THAT(HsaIdsOf(Resolve(now + absl::Hours(3) + absl::Minutes(1)).steps(0)),
              ::testing::ElementsAre("SE2321000057-D001"));
}

TEST_F(OnCallTest, RemovingTheOnlyOnCallIsAGapAndTheBackupStillAnswers) {
  const absl::Time now = absl::Now();
  Override(v1::OVERRIDE_KIND_REMOVE, Doctor("D001"), "", {now - absl::Hours(1), now + absl::Hours(4)});
  v1::OnCallAnswer answer = Resolve();
  EXPECT_TRUE(answer.gap());
  EXPECT_EQ(answer.steps(0).contacts_size(), 0);
  EXPECT_THAT(HsaIdsOf(answer.steps(1)), ::testing::ElementsAre("SE2321000057-D002"));

  v1::ListCoverageGapsRequest gaps;
  gaps.set_parent(line_.name());
  *gaps.mutable_window() = Between(now - absl::Hours(2), now + absl::Hours(6));
  v1::ListCoverageGapsResponse listed;
  ASSERT_TRUE(stub_->ListCoverageGaps(As(kClinician).get(), gaps, &listed).ok());
  ASSERT_EQ(listed.gaps_size(), 1);
  EXPECT_EQ(FromProto(listed.gaps(0).interval().start_time()),
            absl::FromUnixMicros(absl::ToUnixMicros(now - absl::Hours(1))));
  EXPECT_TRUE(listed.gaps(0).later_step_covered());
  EXPECT_EQ(listed.gaps(0).line_display_name(), "Bakjour internmedicin");
}

TEST_F(OnCallTest, AWeekdayLineIsClosedOnChristmasDayAndItIsNoGap) {
  v1::Line weekday = MustCreateLine(testing::WeekdayLine());
  MustCreateRotation(weekday.name(),
                     testing::DailyRotation({Doctor("D003"), Doctor("D004")}, absl::CivilDay(2026, 12, 1)));
  v1::OnCallAnswer christmas = Resolve(testing::Stockholm(2026, 12, 25, 10), weekday.name());
  EXPECT_FALSE(christmas.within_hours());
  EXPECT_FALSE(christmas.gap());
  EXPECT_EQ(FromProto(christmas.next_open_time()), testing::Stockholm(2026, 12, 28, 8));
  EXPECT_TRUE(Resolve(testing::Stockholm(2026, 12, 28, 8), weekday.name()).within_hours());
}

TEST_F(OnCallTest, LinesAreFoundByTrackAndByUnitAnsweringLinesFirst) {
  v1::Line second = MustCreateLine(testing::AcuteLine("Akut A-linje"));
  MustCreateRotation(second.name(), testing::DailyRotation({Doctor("D005")}, DaysFromToday(-3)));
  MustCreateLine(testing::WeekdayLine());
  SetPresence("D001", v1::PRESENCE_STATE_AVAILABLE);

  v1::FindOnCallRequest find;
  find.set_parent("regions/06");
  find.mutable_track_specialty()->set_track(v1::TRACK_ACUTE);
  v1::FindOnCallResponse found;
  ASSERT_TRUE(stub_->FindOnCall(As(kClinician).get(), find, &found).ok());
  ASSERT_EQ(found.matches_size(), 2);
  // "Akut A-linje" sorts first by name, but only Bakjour has someone available.
  EXPECT_EQ(found.matches(0).line().name(), line_.name());
  EXPECT_EQ(found.matches(1).line().name(), second.name());

  find.mutable_track_specialty()->set_specialty("cardiology\" OR unit = \"x");
  EXPECT_EQ(Reason(stub_->FindOnCall(As(kClinician).get(), find, &found)), "FIELD_INVALID");
  find.mutable_track_specialty()->set_specialty("cardiology");
  ASSERT_TRUE(stub_->FindOnCall(As(kClinician).get(), find, &found).ok());
  EXPECT_EQ(found.matches_size(), 0);
  find.set_unit(testing::kClinic);
  ASSERT_TRUE(stub_->FindOnCall(As(kClinician).get(), find, &found).ok());
  EXPECT_EQ(found.matches_size(), 3);
  find.set_unit("regions/06/units/SE2321000057-N404");
  EXPECT_EQ(Reason(stub_->FindOnCall(As(kClinician).get(), find, &found)), "UNIT_NOT_FOUND");
  find.clear_query();
  EXPECT_EQ(Reason(stub_->FindOnCall(As(kClinician).get(), find, &found)), "FIELD_REQUIRED");
}

TEST_F(OnCallTest, ADutyKeepsItsIdWhateverTheWindow) {
  v1::ListDutiesRequest request;
  request.set_parent("regions/06/lines/-");
  request.add_practitioners(Doctor("D001"));
  const absl::Time now = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
  *request.mutable_window() = Between(now, now + absl::Hours(72));
  v1::ListDutiesResponse wide, narrow;
  ASSERT_TRUE(stub_->ListDuties(As(kClinician).get(), request, &wide).ok());
  ASSERT_GE(wide.duties_size(), 3);
  for (const v1::Duty& duty : wide.duties()) EXPECT_EQ(duty.practitioner().hsa_id(), "SE2321000057-D001");
  *request.mutable_window() = Between(now + absl::Hours(1), now + absl::Hours(2));
  ASSERT_TRUE(stub_->ListDuties(As(kClinician).get(), request, &narrow).ok());
  ASSERT_EQ(narrow.duties_size(), 1);
  EXPECT_EQ(narrow.duties(0).id(), wide.duties(0).id());
  EXPECT_EQ(FromProto(narrow.duties(0).interval().start_time()), now + absl::Hours(1));
  EXPECT_EQ(narrow.duties(0).reason().duty().SerializeAsString(), wide.duties(0).reason().duty().SerializeAsString());

  *request.mutable_window() = Between(now, now + absl::Hours(93 * 24));
  EXPECT_EQ(Reason(stub_->ListDuties(As(kClinician).get(), request, &wide)), "INVALID_TIME_RANGE");
}

TEST_F(OnCallTest, TheCoverageReportPutsLinesWithGapsFirst) {
  v1::Line uncovered = MustCreateLine(testing::AcuteLine("Ögonjour"));
  v1::ComputeCoverageReportRequest request;
  request.set_parent("regions/06");
  v1::CoverageReport report;
  ASSERT_TRUE(stub_->ComputeCoverageReport(As(kClinician).get(), request, &report).ok());
  ASSERT_EQ(report.lines_size(), 2);
  EXPECT_EQ(report.lines(0).line(), uncovered.name());
  EXPECT_EQ(report.lines(0).gap_count(), 1);
  EXPECT_EQ(FromProto(report.lines(0).uncovered()), absl::Hours(14 * 24));
  EXPECT_EQ(report.lines(1).line(), line_.name());
  EXPECT_EQ(report.lines(1).gap_count(), 0);
  EXPECT_EQ(FromProto(report.lines(1).required()), absl::Hours(14 * 24));
}

TEST_F(OnCallTest, ARetiredLineHasNoAnswer) {
  ASSERT_TRUE(SetLineState(line_.name(), v1::LINE_STATE_RETIRED).ok());
  v1::ResolveOnCallRequest request;
  request.set_name(line_.name());
  v1::ResolveOnCallResponse response;
  grpc::Status status = stub_->ResolveOnCall(As(kClinician).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "LINE_RETIRED");
  request.set_name("regions/06/lines/nosuchline");
  EXPECT_EQ(Reason(stub_->ResolveOnCall(As(kClinician).get(), request, &response)), "LINE_NOT_FOUND");
}

}  // namespace
}  // namespace samspar::roster
