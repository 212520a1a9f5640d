// Rotations, explicit shifts and overrides over real gRPC: what is refused
// before it could give a wrong answer, and the history rules (a begun
// schedule is ended or shortened, never deleted).

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/roster/on_call_fixture.h"

namespace samspar::roster {
namespace {

using testing::Between;
using testing::Doctor;
using testing::kAdmin;
using testing::kClinician;
using testing::Reason;

class SchedulesTest : public testing::OnCallFixture {
 protected:
  void SetUp() override {
    OnCallFixture::SetUp();
    line_ = MustCreateLine(testing::AcuteLine());
  }

  v1::Line line_;
};

TEST_F(SchedulesTest, ARotationNamesItsParticipantsAndHoursPeriodsMustFitTheDay) {
  v1::Rotation rotation = testing::DailyRotation({Doctor("D001"), Doctor("D002")}, absl::CivilDay(2027, 1, 4));
  v1::Rotation created = MustCreateRotation(line_.name(), rotation);
  EXPECT_THAT(created.name(), ::testing::StartsWith(line_.name() + "/rotations/"));
  EXPECT_EQ(created.participants(1).display_name(), "Dr Dahl");
  EXPECT_EQ(created.tier(), v1::ON_CALL_TIER_PRIMARY);

  rotation.set_period(v1::ROTATION_PERIOD_HOURS);
  for (int hours : {5, 7, 25, 360, 0}) {
    rotation.set_period_hours(hours);
    grpc::Status status = CreateRotation(line_.name(), rotation, created);
    EXPECT_EQ(Reason(status), "FIELD_INVALID") << hours;
    EXPECT_EQ(testing::FieldOfError(status), "rotation.period_hours") << hours;
  }
  for (int hours : {12, 8, 48, 336}) {
    rotation.set_period_hours(hours);
    EXPECT_TRUE(CreateRotation(line_.name(), rotation, created).ok()) << hours;
  }
}

TEST_F(SchedulesTest, ParticipantsMustBeInTheDirectoryAndActive) {
  v1::Rotation created;
  EXPECT_EQ(Reason(CreateRotation(line_.name(), testing::DailyRotation({Doctor("N404")}, absl::CivilDay(2027, 1, 4)),
                                  created)),
            "PRACTITIONER_NOT_FOUND");
  v1::UpdatePractitionerRequest leave;
  leave.mutable_practitioner()->set_name(Doctor("D003"));
  leave.mutable_practitioner()->set_state(v1::DIRECTORY_STATE_INACTIVE);
  leave.mutable_update_mask()->add_paths("state");
  v1::Practitioner left;
  ASSERT_TRUE(stub_->UpdatePractitioner(As(kAdmin).get(), leave, &left).ok());
  grpc::Status status =
      CreateRotation(line_.name(), testing::DailyRotation({Doctor("D003")}, absl::CivilDay(2027, 1, 4)), created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "PRACTITIONER_INACTIVE");
  // A rotation whose participant left can still be ended.
  v1::Rotation running = MustCreateRotation(
      line_.name(), testing::DailyRotation({Doctor("D004"), Doctor("D005")}, absl::CivilDay(2026, 1, 5)));
  leave.mutable_practitioner()->set_name(Doctor("D004"));
  ASSERT_TRUE(stub_->UpdatePractitioner(As(kAdmin).get(), leave, &left).ok());
  v1::UpdateRotationRequest end;
  end.mutable_rotation()->set_name(running.name());
  *end.mutable_rotation()->mutable_end_date() = ToProto(absl::CivilDay(2027, 1, 4));
  end.mutable_update_mask()->add_paths("end_date");
  v1::Rotation ended;
  status = stub_->UpdateRotation(As(kAdmin).get(), end, &ended);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(SchedulesTest, ABegunRotationIsEndedNotDeleted) {
  v1::Rotation past =
      MustCreateRotation(line_.name(), testing::DailyRotation({Doctor("D001")}, absl::CivilDay(2026, 1, 5)));
  v1::Rotation future =
      MustCreateRotation(line_.name(), testing::DailyRotation({Doctor("D002")}, absl::CivilDay(2099, 1, 5)));
  v1::DeleteRotationRequest remove;
  google::protobuf::Empty empty;
  remove.set_name(past.name());
  grpc::Status status = stub_->DeleteRotation(As(kAdmin).get(), remove, &empty);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "ROTATION_STARTED");
  remove.set_name(future.name());
  remove.set_etag("stale");
  EXPECT_EQ(Reason(stub_->DeleteRotation(As(kAdmin).get(), remove, &empty)), "ETAG_MISMATCH");
  remove.set_etag(future.etag());
  EXPECT_TRUE(stub_->DeleteRotation(As(kAdmin).get(), remove, &empty).ok());

  v1::UpdateRotationRequest end;
  end.mutable_rotation()->set_name(past.name());
  *end.mutable_rotation()->mutable_end_date() = ToProto(absl::CivilDay(2026, 2, 1));
  end.mutable_update_mask()->add_paths("end_date");
  v1::Rotation ended;
  ASSERT_TRUE(stub_->UpdateRotation(As(kAdmin).get(), end, &ended).ok());
  v1::ListRotationsRequest list;
  list.set_parent("regions/06/lines/-");
  list.set_filter("active = false");
  v1::ListRotationsResponse listed;
  ASSERT_TRUE(stub_->ListRotations(As(kClinician).get(), list, &listed).ok());
  ASSERT_EQ(listed.rotations_size(), 1);
  EXPECT_EQ(listed.rotations(0).name(), past.name());
}

TEST_F(SchedulesTest, ShiftsAreAtMostAMonthAndHistoryStaysAsItWas) {
  const absl::Time now = absl::Now();
  v1::Shift shift;
  EXPECT_EQ(Reason(CreateShift(line_.name(), Doctor("D001"), Between(now, now + absl::Hours(32 * 24)), shift)),
            "INVALID_TIME_RANGE");
  EXPECT_EQ(Reason(CreateShift(line_.name(), Doctor("D001"), Between(now, now), shift)), "INVALID_TIME_RANGE");

  v1::Shift ended, running, coming;
  ASSERT_TRUE(
      CreateShift(line_.name(), Doctor("D001"), Between(now - absl::Hours(10), now - absl::Hours(2)), ended).ok());
  ASSERT_TRUE(
      CreateShift(line_.name(), Doctor("D002"), Between(now - absl::Hours(1), now + absl::Hours(7)), running).ok());
  ASSERT_TRUE(
      CreateShift(line_.name(), Doctor("D003"), Between(now + absl::Hours(7), now + absl::Hours(15)), coming).ok());
  EXPECT_EQ(running.source(), v1::SHIFT_SOURCE_MANUAL);

  v1::UpdateShiftRequest change;
  change.mutable_shift()->set_name(ended.name());
  change.mutable_shift()->set_note("för sent");
  v1::Shift changed;
  EXPECT_EQ(Reason(stub_->UpdateShift(As(kAdmin).get(), change, &changed)), "SHIFT_ENDED");
  change.mutable_shift()->set_name(running.name());
  *change.mutable_shift()->mutable_interval() = Between(now - absl::Hours(1), now + absl::Hours(3));
  ASSERT_TRUE(stub_->UpdateShift(As(kAdmin).get(), change, &changed).ok());
  EXPECT_EQ(changed.note(), "för sent");

  v1::DeleteShiftRequest remove;
  google::protobuf::Empty empty;
  remove.set_name(running.name());
  EXPECT_EQ(Reason(stub_->DeleteShift(As(kAdmin).get(), remove, &empty)), "SHIFT_STARTED");
  remove.set_name(coming.name());
  EXPECT_TRUE(stub_->DeleteShift(As(kAdmin).get(), remove, &empty).ok());

  v1::ListShiftsRequest list;
  list.set_parent("regions/06/lines/-");
  list.set_filter("interval.end_time > \"" + absl::FormatTime(absl::RFC3339_sec, now, absl::UTCTimeZone()) + "\"");
  v1::ListShiftsResponse listed;
  ASSERT_TRUE(stub_->ListShifts(As(kClinician).get(), list, &listed).ok());
  ASSERT_EQ(listed.shifts_size(), 1);
  EXPECT_EQ(listed.shifts(0).name(), running.name());
}

TEST_F(SchedulesTest, OverridesRecordTheirAuthorAndKeepTheirKind) {
  const absl::Time start = absl::Now() + absl::Hours(24);
  v1::Override replace;
  replace.set_kind(v1::OVERRIDE_KIND_REPLACE);
  replace.mutable_practitioner()->set_name(Doctor("D002"));
  replace.mutable_replaced_practitioner()->set_name(Doctor("D002"));
  *replace.mutable_interval() = Between(start, start + absl::Hours(24));
  replace.set_reason("Sjuk");
  v1::Override created;
  grpc::Status same = CreateOverride(line_.name(), replace, created);
  EXPECT_EQ(Reason(same), "FIELD_INVALID");
  EXPECT_EQ(testing::FieldOfError(same), "override.replaced_practitioner");
  replace.mutable_replaced_practitioner()->set_name(Doctor("D001"));
  *replace.mutable_interval() = Between(start, start + absl::Hours(93 * 24));
  EXPECT_EQ(Reason(CreateOverride(line_.name(), replace, created)), "INVALID_TIME_RANGE");
  *replace.mutable_interval() = Between(start, start + absl::Hours(24));
  ASSERT_TRUE(CreateOverride(line_.name(), replace, created).ok());
  EXPECT_EQ(created.creator().practitioner().hsa_id(), testing::kAdmin.hsa_id);
  EXPECT_EQ(created.replaced_practitioner().display_name(), "Dr Berg");

  v1::UpdateOverrideRequest change;
  change.mutable_override()->set_name(created.name());
  change.mutable_override()->set_kind(v1::OVERRIDE_KIND_ADD);
  change.mutable_update_mask()->add_paths("kind");
  v1::Override changed;
  EXPECT_EQ(Reason(stub_->UpdateOverride(As(kAdmin).get(), change, &changed)), "IMMUTABLE_FIELD");

  v1::DeleteOverrideRequest remove;
  remove.set_name(created.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(stub_->DeleteOverride(As(kAdmin).get(), remove, &empty).ok());
  v1::GetOverrideRequest get;
  get.set_name(created.name());
  EXPECT_EQ(Reason(stub_->GetOverride(As(kAdmin).get(), get, &changed)), "OVERRIDE_NOT_FOUND");
}

TEST_F(SchedulesTest, ListingAnUnknownLineSaysSo) {
  v1::ListShiftsRequest list;
  list.set_parent("regions/06/lines/nosuchline");
  v1::ListShiftsResponse listed;
  grpc::Status status = stub_->ListShifts(As(kClinician).get(), list, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(status), "LINE_NOT_FOUND");
}

}  // namespace
}  // namespace samspar::roster
