// Shift swaps over real gRPC: asked by the practitioner on call, accepted by
// the counterpart, approved by a region admin where the line says so, and
// then in every on-call answer as the overrides they became.

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

identity::Person Dr(const std::string& id) { return PersonWith("SE2321000057-" + id, identity::Role::kClinician); }

class SwapsTest : public testing::OnCallFixture {
 protected:
  void SetUp() override {
    OnCallFixture::SetUp();
    day_ = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) / 3600 * 3600) + absl::Hours(24);
    v1::Line line = testing::AcuteLine();
    line.set_swap_requires_approval(true);
    approved_line_ = MustCreateLine(line).name();
    line_ = MustCreateLine(testing::AcuteLine("Bakjour utan godkännande")).name();
    for (const std::string& on : {line_, approved_line_}) {
      v1::Shift shift;
      ASSERT_TRUE(CreateShift(on, Doctor("D001"), Between(day_, day_ + absl::Hours(24)), shift).ok());
      ASSERT_TRUE(CreateShift(on, Doctor("D002"), Between(day_ + absl::Hours(48), day_ + absl::Hours(72)), shift).ok());
    }
  }

  grpc::Status Ask(const std::string& line, const identity::Person& as, const std::string& counterpart,
                   v1::Interval given, v1::SwapRequest& created, absl::optional<v1::Interval> taken = absl::nullopt,
                   const std::string& requester = "") {
    v1::CreateSwapRequestRequest request;
    request.set_parent(line);
    if (!requester.empty()) request.mutable_swap_request()->mutable_requester()->set_name(requester);
    request.mutable_swap_request()->mutable_counterpart()->set_name(counterpart);
    *request.mutable_swap_request()->mutable_requester_interval() = std::move(given);
    if (taken.has_value()) *request.mutable_swap_request()->mutable_counterpart_interval() = *taken;
    request.mutable_swap_request()->set_note("Kan du ta mitt pass?");
    return stub_->CreateSwapRequest(As(as).get(), request, &created);
  }

  std::string OnCallAt(const std::string& line, absl::Time at) {
    v1::ResolveOnCallRequest request;
    request.set_name(line);
    *request.mutable_resolve_time() = ToProto(at);
    v1::ResolveOnCallResponse response;
    EXPECT_TRUE(stub_->ResolveOnCall(As(kClinician).get(), request, &response).ok());
    const auto& contacts = response.answer().steps(0).contacts();
    return contacts.empty() ? "" : contacts.Get(0).practitioner().hsa_id();
  }

  absl::Time day_;
  std::string line_;
  std::string approved_line_;
};

TEST_F(SwapsTest, AnAcceptedSwapHandsTheTimeOverAndNothingElse) {
  v1::SwapRequest asked;
  ASSERT_TRUE(Ask(line_, Dr("D001"), Doctor("D003"), Between(day_, day_ + absl::Hours(12)), asked).ok());
  EXPECT_EQ(asked.state(), v1::SWAP_REQUEST_STATE_PENDING_COUNTERPART);
  EXPECT_EQ(asked.requester().hsa_id(), "SE2321000057-D001");
  EXPECT_EQ(OnCallAt(line_, day_ + absl::Hours(1)), "SE2321000057-D001");

  v1::AcceptSwapRequestRequest accept;
  accept.set_name(asked.name());
  accept.set_etag(asked.etag());
  v1::SwapRequest accepted;
  grpc::Status status = stub_->AcceptSwapRequest(As(Dr("D003")).get(), accept, &accepted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(accepted.state(), v1::SWAP_REQUEST_STATE_APPLIED);
  ASSERT_EQ(accepted.overrides_size(), 1);
  EXPECT_EQ(accepted.decided_by().practitioner().hsa_id(), "SE2321000057-D003");
  EXPECT_EQ(OnCallAt(line_, day_ + absl::Hours(1)), "SE2321000057-D003");
  EXPECT_EQ(OnCallAt(line_, day_ + absl::Hours(13)), "SE2321000057-D001");

  v1::GetOverrideRequest get;
  get.set_name(accepted.overrides(0));
  v1::Override override_;
  ASSERT_TRUE(stub_->GetOverride(As(kClinician).get(), get, &override_).ok());
  EXPECT_EQ(override_.swap_request(), asked.name());
  EXPECT_EQ(override_.kind(), v1::OVERRIDE_KIND_REPLACE);
  // Accepting twice is refused, and changes nothing.
  EXPECT_EQ(Reason(stub_->AcceptSwapRequest(As(Dr("D003")).get(), accept, &accepted)), "ETAG_MISMATCH");
  accept.clear_etag();
  EXPECT_EQ(Reason(stub_->AcceptSwapRequest(As(Dr("D003")).get(), accept, &accepted)), "SWAP_NOT_PENDING");
}

TEST_F(SwapsTest, OnlyTimeTheRequesterHasInTheFutureCanBeGivenAway) {
  v1::SwapRequest asked;
  grpc::Status not_mine =
      Ask(line_, Dr("D001"), Doctor("D003"), Between(day_ + absl::Hours(48), day_ + absl::Hours(50)), asked);
  EXPECT_EQ(not_mine.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(not_mine), "NOT_ON_CALL_IN_WINDOW");
  EXPECT_EQ(Reason(Ask(line_, Dr("D001"), Doctor("D003"), Between(day_ - absl::Hours(30), day_), asked)),
            "WINDOW_IN_PAST");
  EXPECT_EQ(Reason(Ask(line_, Dr("D001"), Doctor("D001"), Between(day_, day_ + absl::Hours(2)), asked)),
            "FIELD_INVALID");
  grpc::Status for_another = Ask(line_, Dr("D002"), Doctor("D003"), Between(day_, day_ + absl::Hours(2)), asked,
                                 absl::nullopt, Doctor("D001"));
  EXPECT_EQ(for_another.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(for_another), "NOT_SELF");
  // A region admin may ask on someone's behalf.
  EXPECT_TRUE(
      Ask(line_, kAdmin, Doctor("D003"), Between(day_, day_ + absl::Hours(2)), asked, absl::nullopt, Doctor("D001"))
          .ok());
}

TEST_F(SwapsTest, AnExchangeWaitsForTheAdminWhereTheLineSaysSo) {
  v1::SwapRequest asked;
  ASSERT_TRUE(Ask(approved_line_, Dr("D001"), Doctor("D002"), Between(day_, day_ + absl::Hours(24)), asked,
                  Between(day_ + absl::Hours(48), day_ + absl::Hours(72)))
                  .ok());
  v1::AcceptSwapRequestRequest accept;
  accept.set_name(asked.name());
  v1::SwapRequest state;
  grpc::Status elsewhere = stub_->AcceptSwapRequest(As(Dr("D002"), "08").get(), accept, &state);
  EXPECT_EQ(Reason(elsewhere), "REGION_MISMATCH");
  grpc::Status stranger = stub_->AcceptSwapRequest(As(Dr("D004")).get(), accept, &state);
  EXPECT_EQ(stranger.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(stranger), "NOT_A_PARTICIPANT");
  ASSERT_TRUE(stub_->AcceptSwapRequest(As(Dr("D002")).get(), accept, &state).ok());
  EXPECT_EQ(state.state(), v1::SWAP_REQUEST_STATE_PENDING_APPROVAL);
  EXPECT_EQ(OnCallAt(approved_line_, day_ + absl::Hours(1)), "SE2321000057-D001");

  v1::ListSwapRequestsRequest queue;
  queue.set_parent("regions/06/lines/-");
  queue.set_filter("state = SWAP_REQUEST_STATE_PENDING_APPROVAL");
  v1::ListSwapRequestsResponse listed;
  ASSERT_TRUE(stub_->ListSwapRequests(As(kAdmin).get(), queue, &listed).ok());
  ASSERT_EQ(listed.swap_requests_size(), 1);

  v1::ApproveSwapRequestRequest approve;
  approve.set_name(asked.name());
  EXPECT_EQ(Reason(stub_->ApproveSwapRequest(As(Dr("D001")).get(), approve, &state)), "ROLE_NOT_ALLOWED");
  ASSERT_TRUE(stub_->ApproveSwapRequest(As(kAdmin).get(), approve, &state).ok());
  EXPECT_EQ(state.state(), v1::SWAP_REQUEST_STATE_APPLIED);
  EXPECT_EQ(state.overrides_size(), 2);
  EXPECT_EQ(OnCallAt(approved_line_, day_ + absl::Hours(1)), "SE2321000057-D002");
  EXPECT_EQ(OnCallAt(approved_line_, day_ + absl::Hours(49)), "SE2321000057-D001");
  ASSERT_TRUE(stub_->ListSwapRequests(As(kAdmin).get(), queue, &listed).ok());
  EXPECT_EQ(listed.swap_requests_size(), 0);
}

TEST_F(SwapsTest, DeclinedCancelledAndOutdatedRequestsStayAsTheyWere) {
  v1::SwapRequest first, second;
  ASSERT_TRUE(Ask(line_, Dr("D001"), Doctor("D003"), Between(day_, day_ + absl::Hours(6)), first).ok());
  ASSERT_TRUE(
      Ask(line_, Dr("D001"), Doctor("D004"), Between(day_ + absl::Hours(6), day_ + absl::Hours(12)), second).ok());
  v1::DeclineSwapRequestRequest decline;
  decline.set_name(first.name());
  decline.set_note("Jag är bortrest");
  v1::SwapRequest state;
  ASSERT_TRUE(stub_->DeclineSwapRequest(As(Dr("D003")).get(), decline, &state).ok());
  EXPECT_EQ(state.state(), v1::SWAP_REQUEST_STATE_DECLINED);
  EXPECT_EQ(state.decision_note(), "Jag är bortrest");
  v1::CancelSwapRequestRequest cancel;
  cancel.set_name(first.name());
  EXPECT_EQ(Reason(stub_->CancelSwapRequest(As(Dr("D001")).get(), cancel, &state)), "SWAP_NOT_PENDING");

  // The schedule changes under the second request: it no longer fits.
  v1::Override removed;
  removed.set_kind(v1::OVERRIDE_KIND_REMOVE);
  removed.mutable_practitioner()->set_name(Doctor("D001"));
  *removed.mutable_interval() = Between(day_, day_ + absl::Hours(24));
  v1::Override created;
  ASSERT_TRUE(CreateOverride(line_, removed, created).ok());
  v1::AcceptSwapRequestRequest accept;
  accept.set_name(second.name());
  grpc::Status outdated = stub_->AcceptSwapRequest(As(Dr("D004")).get(), accept, &state);
  EXPECT_EQ(outdated.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(outdated), "SWAP_NO_LONGER_VALID");
  v1::GetSwapRequestRequest get;
  get.set_name(second.name());
  ASSERT_TRUE(stub_->GetSwapRequest(As(kClinician).get(), get, &state).ok());
  EXPECT_EQ(state.state(), v1::SWAP_REQUEST_STATE_PENDING_COUNTERPART);
  EXPECT_EQ(state.etag(), second.etag());
  cancel.set_name(second.name());
  EXPECT_EQ(Reason(stub_->CancelSwapRequest(As(Dr("D004")).get(), cancel, &state)), "NOT_A_PARTICIPANT");
  ASSERT_TRUE(stub_->CancelSwapRequest(As(Dr("D001")).get(), cancel, &state).ok());
  EXPECT_EQ(state.state(), v1::SWAP_REQUEST_STATE_CANCELLED);
}

TEST_F(SwapsTest, ARequestNotDecidedBeforeItsWindowExpires) {
  const absl::Time now = absl::Now();
  v1::Shift shift;
  ASSERT_TRUE(CreateShift(line_, Doctor("D005"), Between(now - absl::Minutes(1), now + absl::Hours(1)), shift).ok());
  v1::SwapRequest asked;
  ASSERT_TRUE(
      Ask(line_, Dr("D005"), Doctor("D003"), Between(now + absl::Seconds(2), now + absl::Hours(1)), asked).ok());
  absl::SleepFor(absl::Seconds(3));  // the window begins
  v1::AcceptSwapRequestRequest accept;
  accept.set_name(asked.name());
  v1::SwapRequest state;
  EXPECT_EQ(Reason(stub_->AcceptSwapRequest(As(Dr("D003")).get(), accept, &state)), "SWAP_NOT_PENDING");
  v1::GetSwapRequestRequest get;
  get.set_name(asked.name());
  ASSERT_TRUE(stub_->GetSwapRequest(As(kClinician).get(), get, &state).ok());
  EXPECT_EQ(state.state(), v1::SWAP_REQUEST_STATE_EXPIRED);
  EXPECT_EQ(OnCallAt(line_, absl::Now()), "SE2321000057-D005");
}

}  // namespace
}  // namespace samspar::roster
