// Routing and escalation over real gRPC with the roster running, on a clock
// the test moves: offers time out and move on, declines move on, the steps
// repeat, then UNANSWERED with the switchboard; a restart in the middle of
// an escalation continues it exactly once, two replicas on one database
// never take a step twice, and of simultaneous accepts exactly one wins.

#include <atomic>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/consult/consult_fixture.h"

namespace samspar::consult::testing {
namespace {

using ::testing::ElementsAre;

constexpr absl::Duration kAckTimeout = absl::Minutes(5);  // each step of AcuteLine

class ConsultEscalationTest : public ConsultFixture {
 protected:
  // The acute line: Dr Berg (D001) on call, Dr Dahl (D002) as backup, then
  // the switchboard; the steps run twice (repeat_count 1).
  v1::Line Line() {
    v1::Line line = StaffedAcuteLine();
    AddBackup(line.name(), Doctor("D002"));
    return line;
  }

  int Sweep() {
    absl::StatusOr<int> swept = Service().RunDueTimers();
    EXPECT_TRUE(swept.ok()) << swept.status();
    return swept.ok() ? *swept : -1;
  }

  // Moves the clock past the pending offer's ack timeout and sweeps.
  v1::Consult TimeOut(const std::string& name) {
    clock_.Advance(kAckTimeout + absl::Seconds(1));
    EXPECT_EQ(Sweep(), 1);
    return Get(name);
  }

  static std::string OfferedTo(const v1::Consult& consult) { return consult.current_offer().practitioner().name(); }

  static int Count(const v1::Consult& consult, v1::ConsultHistoryAction action) {
    int count = 0;
    for (const v1::ConsultHistoryEntry& entry : consult.history()) count += entry.action() == action;
    return count;
  }
};

TEST_F(ConsultEscalationTest, ACreatedConsultIsOfferedToTheOnCallWithTheStepsAckTimeout) {
  const v1::Line line = Line();
  const v1::Consult consult = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name())));
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_OFFERED);
  EXPECT_EQ(OfferedTo(consult), Doctor("D001"));
  EXPECT_EQ(consult.current_offer().escalation_step(), 0);
  EXPECT_EQ(consult.current_offer().escalation_round(), 0);
  EXPECT_EQ(api::FromProto(consult.current_offer().expire_time()), clock_.Now() + kAckTimeout);
  EXPECT_EQ(consult.routed_line(), line.name());
  EXPECT_EQ(consult.requester_unit_type(), v1::UNIT_TYPE_HEALTH_CENTRE);
  EXPECT_THAT(Actions(consult), ElementsAre(v1::CONSULT_HISTORY_ACTION_CREATED, v1::CONSULT_HISTORY_ACTION_OFFERED));
  EXPECT_THAT(OutboxEvents(), ElementsAre(v1::EVENT_TYPE_CONSULT_CREATED, v1::EVENT_TYPE_CONSULT_OFFERED));
}

TEST_F(ConsultEscalationTest, NothingMovesBeforeTheAckTimeout) {
  const v1::Consult consult = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(Line().name())));
  clock_.Advance(kAckTimeout - absl::Seconds(1));
  EXPECT_EQ(Sweep(), 0);
  EXPECT_EQ(Get(consult.name()).etag(), consult.etag());
}

TEST_F(ConsultEscalationTest, TimeoutsMoveOnThroughTheStepsAndRoundsToTheSwitchboard) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(Line().name())));
  v1::Consult consult = TimeOut(created.name());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_ESCALATED);
  EXPECT_EQ(OfferedTo(consult), Doctor("D002"));
  EXPECT_EQ(consult.current_offer().escalation_step(), 1);
  EXPECT_EQ(consult.escalation_count(), 1);
  EXPECT_EQ(consult.fallback_phone(), "+46361020000");  // the switchboard, should the wait get long

  consult = TimeOut(created.name());  // the second round, from step 0
  EXPECT_EQ(OfferedTo(consult), Doctor("D001"));
  EXPECT_EQ(consult.current_offer().escalation_round(), 1);
  consult = TimeOut(created.name());
  EXPECT_EQ(OfferedTo(consult), Doctor("D002"));
  EXPECT_EQ(consult.current_offer().escalation_round(), 1);

  consult = TimeOut(created.name());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_UNANSWERED);
  EXPECT_EQ(consult.unanswered_reason(), v1::UNANSWERED_REASON_NOBODY_ACCEPTED);
  EXPECT_EQ(consult.fallback_phone(), "+46361020000");  // the line's switchboard
  EXPECT_FALSE(consult.has_current_offer());
  EXPECT_EQ(Count(consult, v1::CONSULT_HISTORY_ACTION_OFFER_TIMED_OUT), 4);
  EXPECT_EQ(Count(consult, v1::CONSULT_HISTORY_ACTION_OFFERED), 4);
  EXPECT_EQ(consult.history(consult.history_size() - 1).action(), v1::CONSULT_HISTORY_ACTION_UNANSWERED);
  // Nothing is due any more.
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(Sweep(), 0);
  EXPECT_THAT(OutboxEvents(), ElementsAre(v1::EVENT_TYPE_CONSULT_CREATED, v1::EVENT_TYPE_CONSULT_OFFERED,
                                          v1::EVENT_TYPE_CONSULT_ESCALATED, v1::EVENT_TYPE_CONSULT_ESCALATED,
                                          v1::EVENT_TYPE_CONSULT_ESCALATED, v1::EVENT_TYPE_CONSULT_UNANSWERED));
}

TEST_F(ConsultEscalationTest, ADeclineMovesOnAtOnceAndTheDeclinerNoLongerSeesThePatient) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(Line().name())));
  v1::Consult declined;
  grpc::Status status = Decline(created.name(), DoctorCaller("D001"), v1::DECLINE_REASON_BUSY, "", &declined);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(declined.state(), v1::CONSULT_STATE_ESCALATED);
  EXPECT_TRUE(declined.patient_data_withheld());
  EXPECT_FALSE(declined.has_patient());
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(OfferedTo(consult), Doctor("D002"));
  EXPECT_EQ(Count(consult, v1::CONSULT_HISTORY_ACTION_OFFER_DECLINED), 1);
  // The decliner's offer is over: accepting now is refused, and nothing changes.
  status = Accept(created.name(), DoctorCaller("D001"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(roster::testing::Reason(status), "OFFER_EXPIRED");
  EXPECT_EQ(Get(created.name()).etag(), consult.etag());
}

TEST_F(ConsultEscalationTest, NotForThisLineEndsTheConsultDeclinedWithTheNote) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(Line().name())));
  v1::Consult declined;
  ASSERT_TRUE(Decline(created.name(), DoctorCaller("D001"), v1::DECLINE_REASON_NOT_FOR_THIS_LINE,
                      "Ortopedisk fråga: ring ortopedjouren", &declined)
                  .ok());
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_DECLINED);
  EXPECT_EQ(consult.decline().note(), "Ortopedisk fråga: ring ortopedjouren");
  EXPECT_EQ(consult.decline().practitioner().name(), Doctor("D001"));
  EXPECT_TRUE(consult.has_end_time());
}

TEST_F(ConsultEscalationTest, AnOfflineOnCallIsSkippedForTheBackup) {
  const v1::Line line = Line();
  SetPresence("SE2321000057-D001", v1::PRESENCE_STATE_OFFLINE);
  const v1::Consult consult = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name())));
  EXPECT_EQ(OfferedTo(consult), Doctor("D002"));
  EXPECT_EQ(consult.current_offer().escalation_step(), 1);
  EXPECT_EQ(Count(consult, v1::CONSULT_HISTORY_ACTION_STEP_SKIPPED), 1);
}

TEST_F(ConsultEscalationTest, ARestartInTheMiddleOfAnEscalationContinuesItExactlyOnce) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(Line().name())));
  Restart();  // the offer's timer is in the database, not in the process
  clock_.Advance(kAckTimeout + absl::Seconds(1));
  EXPECT_EQ(Sweep(), 1);
  Restart();
  EXPECT_EQ(Sweep(), 0);  // the step was taken: nothing is due until the next timeout
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(OfferedTo(consult), Doctor("D002"));
  EXPECT_EQ(Count(consult, v1::CONSULT_HISTORY_ACTION_OFFER_TIMED_OUT), 1);
  EXPECT_EQ(Count(consult, v1::CONSULT_HISTORY_ACTION_OFFERED), 2);
}

TEST_F(ConsultEscalationTest, TwoReplicasOnOneDatabaseNeverTakeTheSameStepTwice) {
  std::vector<std::string> names;
  const v1::Line line = Line();
  for (int i = 0; i < 6; ++i) names.push_back(MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name()))).name());
  std::unique_ptr<ConsultReplica> other = StartReplica();
  ASSERT_NE(other, nullptr);
  clock_.Advance(kAckTimeout + absl::Seconds(1));
  std::atomic<int> changed{0};
  std::vector<std::thread> sweepers;
  for (ConsultServiceImpl* service : {&Service(), other->service.get()}) {
    for (int i = 0; i < 2; ++i) {
      sweepers.emplace_back([service, &changed] {
        absl::StatusOr<int> swept = service->RunDueTimers();
        EXPECT_TRUE(swept.ok()) << swept.status();
        if (swept.ok()) changed += *swept;
      });
    }
  }
  for (std::thread& sweeper : sweepers) sweeper.join();
  EXPECT_EQ(changed.load(), 6);
  for (const std::string& name : names) {
    const v1::Consult consult = Get(name);
    EXPECT_EQ(Count(consult, v1::CONSULT_HISTORY_ACTION_OFFER_TIMED_OUT), 1) << name;
    EXPECT_EQ(consult.escalation_count(), 1) << name;
    EXPECT_EQ(OfferedTo(consult), Doctor("D002")) << name;
  }
  int escalated = 0;
  for (v1::EventType type : OutboxEvents()) escalated += type == v1::EVENT_TYPE_CONSULT_ESCALATED;
  EXPECT_EQ(escalated, 6);
}

TEST_F(ConsultEscalationTest, OfSimultaneousAcceptsAndATimeoutExactlyOneWins) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(Line().name())));
  clock_.Advance(kAckTimeout + absl::Seconds(1));  // the timer races the accepts
  std::atomic<int> accepted{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 6; ++i) {
    callers.emplace_back([&] {
      if (Accept(created.name(), DoctorCaller("D001")).ok()) ++accepted;
    });
  }
  callers.emplace_back([&] { Sweep(); });
  for (std::thread& caller : callers) caller.join();
  const v1::Consult consult = Get(created.name());
  const int acceptances = Count(consult, v1::CONSULT_HISTORY_ACTION_ACCEPTED);
  const int timeouts = Count(consult, v1::CONSULT_HISTORY_ACTION_OFFER_TIMED_OUT);
  // Either Dr Berg holds it (every accept answered with it) or the offer
  // moved on first (every accept refused): never both, never twice.
  EXPECT_EQ(acceptances + timeouts, 1);
  if (acceptances == 1) {
    EXPECT_EQ(consult.assignee().name(), Doctor("D001"));
    EXPECT_EQ(accepted.load(), 6);
  } else {
    EXPECT_EQ(accepted.load(), 0);
    EXPECT_EQ(OfferedTo(consult), Doctor("D002"));
  }
}

TEST_F(ConsultEscalationTest, AnAcceptedConsultIsFlaggedOverdueOnceAndClosesAfterItsAnswer) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(Line().name())));
  v1::Consult accepted;
  ASSERT_TRUE(Accept(created.name(), DoctorCaller("D001"), &accepted).ok());
  EXPECT_EQ(api::FromProto(accepted.answer_due_time()), clock_.Now() + absl::Minutes(30));  // acute default
  clock_.Advance(absl::Minutes(31));
  EXPECT_EQ(Sweep(), 1);
  EXPECT_EQ(Sweep(), 0);
  v1::Consult consult = Get(created.name());
  EXPECT_TRUE(consult.answer_overdue());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_ACCEPTED);
  v1::Consult answered;
  ASSERT_TRUE(Answer(created.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_DIRECT_ADMISSION, &answered).ok());
  EXPECT_TRUE(answered.answer_overdue());
  EXPECT_EQ(api::FromProto(answered.auto_close_time()), clock_.Now() + absl::Hours(72));
  clock_.Advance(absl::Hours(72) + absl::Seconds(1));
  EXPECT_EQ(Sweep(), 1);
  consult = Get(created.name());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_CLOSED);
  EXPECT_EQ(consult.history(consult.history_size() - 1).actor().kind(), v1::ACTOR_KIND_SAMSPAR);
}

TEST_F(ConsultEscalationTest, TheAnswerDeadlineRunsOnWhileTheConsultIsHandedOver) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(Line().name())));
  ASSERT_TRUE(Accept(created.name(), DoctorCaller("D001")).ok());  // due in 30 minutes
  clock_.Advance(absl::Minutes(28));
  v1::ReassignConsultRequest hand_over;
  hand_over.set_name(created.name());
  hand_over.set_practitioner(Doctor("D003"));
  hand_over.set_note("Skiftbyte: Ek tar över");
  v1::Consult reassigned;
  grpc::Status status = Consults().ReassignConsult(As(DoctorCaller("D001")).get(), hand_over, &reassigned);
  ASSERT_TRUE(status.ok()) << status.error_message();

  clock_.Advance(absl::Minutes(3));  // past the deadline, before the offer to Dr Ek expires
  EXPECT_EQ(Sweep(), 1);
  v1::Consult consult = Get(created.name());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_REASSIGNED);
  EXPECT_TRUE(consult.answer_overdue());
  EXPECT_EQ(OfferedTo(consult), Doctor("D003"));

  clock_.Advance(absl::Minutes(3));  // the offer expires: Dr Berg keeps it
  EXPECT_EQ(Sweep(), 1);
  consult = Get(created.name());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_ACCEPTED);
  EXPECT_EQ(consult.assignee().name(), Doctor("D001"));
  EXPECT_EQ(Count(consult, v1::CONSULT_HISTORY_ACTION_ANSWER_OVERDUE), 1);
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(Sweep(), 0);  // flagged once
  int overdue = 0;
  for (v1::EventType type : OutboxEvents()) overdue += type == v1::EVENT_TYPE_CONSULT_ANSWER_OVERDUE;
  EXPECT_EQ(overdue, 1);
}

TEST_F(ConsultEscalationTest, WithTheRosterDownAConsultIsStoredAndMeetsItsRoutingDeadline) {
  roster_channel_ = samspar::testing::LoopbackChannel(1);  // nobody listens on port 1
  Restart();
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(Line().name())));
  EXPECT_EQ(created.state(), v1::CONSULT_STATE_CREATED);
  EXPECT_THAT(Actions(created),
              ElementsAre(v1::CONSULT_HISTORY_ACTION_CREATED, v1::CONSULT_HISTORY_ACTION_ROUTING_DELAYED));
  clock_.Advance(absl::Minutes(10) + absl::Seconds(1));
  EXPECT_EQ(Sweep(), 1);
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_UNANSWERED);
  EXPECT_EQ(consult.unanswered_reason(), v1::UNANSWERED_REASON_ROUTING_DEADLINE_PASSED);
  EXPECT_EQ(consult.fallback_phone(), kSwitchboard);
}

TEST_F(ConsultEscalationTest, AConsultStoredWhileTheRosterWasDownIsOfferedWhenItAnswers) {
  const v1::Line line = Line();
  roster_channel_ = samspar::testing::LoopbackChannel(1);
  Restart();
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name())));
  ASSERT_EQ(created.state(), v1::CONSULT_STATE_CREATED);
  roster_channel_ = nullptr;  // the roster is back
  Restart();
  clock_.Advance(absl::Seconds(6));
  EXPECT_EQ(Sweep(), 1);
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_OFFERED);
  EXPECT_EQ(OfferedTo(consult), Doctor("D001"));
  EXPECT_EQ(consult.requester_unit_type(), v1::UNIT_TYPE_HEALTH_CENTRE);
}

}  // namespace
}  // namespace samspar::consult::testing
