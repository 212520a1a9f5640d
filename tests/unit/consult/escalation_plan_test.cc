#include "services/consult/routing/escalation_plan.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::consult {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string Doctor(const std::string& id) { return "regions/06/practitioners/SE2321000057-" + id; }

v1::OnCallContact Contact(const std::string& id, v1::PresenceState presence = v1::PRESENCE_STATE_AVAILABLE) {
  v1::OnCallContact contact;
  contact.mutable_practitioner()->set_name(Doctor(id));
  contact.set_presence(presence);
  contact.set_routable(presence != v1::PRESENCE_STATE_OFFLINE);
  return contact;
}

v1::ResolvedStep OnCall(std::vector<v1::OnCallContact> contacts, absl::Duration ack_timeout = absl::Minutes(5)) {
  v1::ResolvedStep step;
  step.mutable_policy_step()->set_target(v1::ESCALATION_TARGET_ON_CALL);
  step.mutable_policy_step()->mutable_ack_timeout()->set_seconds(absl::ToInt64Seconds(ack_timeout));
  for (v1::OnCallContact& contact : contacts) *step.add_contacts() = std::move(contact);
  return step;
}

v1::ResolvedStep Switchboard() {
  v1::ResolvedStep step;
  step.mutable_policy_step()->set_target(v1::ESCALATION_TARGET_SWITCHBOARD);
  return step;
}

// The answer for a line with these steps, numbered in order.
v1::OnCallAnswer Line(std::vector<v1::ResolvedStep> steps) {
  v1::OnCallAnswer answer;
  answer.set_line("regions/06/lines/01j5q2r7kx9m4t3c8v6wzfhn2b");
  answer.set_within_hours(true);
  answer.set_fallback_phone("+46361020000");
  for (v1::ResolvedStep& step : steps) {
    step.set_escalation_step(answer.steps_size());
    *answer.add_steps() = std::move(step);
  }
  return answer;
}

// "D001 step 0 round 0" for an offer of D001's, "nobody" for none.
std::string Describe(const EscalationDecision& decision) {
  if (!decision.offer.has_value()) return "nobody";
  const std::string& name = decision.offer->practitioner.name();
  return name.substr(name.rfind('-') + 1) + " step " + std::to_string(decision.offer->step) + " round " +
         std::to_string(decision.offer->round);
}

// Every offer a consult gets when each one is declined and the answer stays
// the same, ending with "nobody", and how routing ended.
struct Escalation {
  std::vector<std::string> offers;
  bool reached_switchboard = false;
};

Escalation RunToTheEnd(const v1::OnCallAnswer& answer, int repeat_count) {
  Escalation escalation;
  EscalationPosition position;
  for (int call = 0; call < 100; ++call) {
    const EscalationDecision decision = NextOffer(answer, repeat_count, position);
    escalation.offers.push_back(Describe(decision));
    if (!decision.offer.has_value()) {
      escalation.reached_switchboard = decision.reached_switchboard;
      break;
    }
    position = decision.position;
  }
  return escalation;
}

TEST(NextOffer, FirstOfferIsTheFirstRoutableContactOfStepZero) {
  const v1::OnCallAnswer answer =
      Line({OnCall({Contact("D001", v1::PRESENCE_STATE_BUSY), Contact("D002")}, absl::Minutes(3)),
            OnCall({Contact("D003")})});

  const EscalationDecision decision = NextOffer(answer, 0, EscalationPosition{});

  ASSERT_TRUE(decision.offer.has_value());
  EXPECT_EQ(decision.offer->practitioner.name(), "regions/06/practitioners/SE2321000057-D001");
  EXPECT_EQ(decision.offer->step, 0);
  EXPECT_EQ(decision.offer->round, 0);
  EXPECT_EQ(decision.offer->ack_timeout, absl::Minutes(3));
  EXPECT_EQ(decision.offer->presence, v1::PRESENCE_STATE_BUSY);
  EXPECT_THAT(decision.skipped, IsEmpty());
  EXPECT_FALSE(decision.reached_switchboard);
  EXPECT_EQ(decision.position.step, 0);
  EXPECT_EQ(decision.position.round, 0);
  EXPECT_THAT(decision.position.offered_in_round, ElementsAre(Doctor("D001")));
}

TEST(NextOffer, OfflineContactIsListedButNeverOffered) {
  // Listed first here, so the routable flag and not the roster's order is
  // what keeps them out.
  const v1::OnCallAnswer answer =
      Line({OnCall({Contact("D001", v1::PRESENCE_STATE_OFFLINE), Contact("D002", v1::PRESENCE_STATE_UNKNOWN)})});

  const EscalationDecision decision = NextOffer(answer, 0, EscalationPosition{});

  ASSERT_TRUE(decision.offer.has_value());
  EXPECT_EQ(decision.offer->practitioner.name(), Doctor("D002"));
  EXPECT_EQ(decision.offer->presence, v1::PRESENCE_STATE_UNKNOWN);
  EXPECT_THAT(RunToTheEnd(answer, 0).offers, ElementsAre("D002 step 0 round 0", "nobody"));
}

TEST(NextOffer, DeclineOrTimeoutMovesToTheNextContactOnTheSameStep) {
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001"), Contact("D002")}), OnCall({Contact("D003")})});
  const EscalationPosition after_d001 = NextOffer(answer, 0, EscalationPosition{}).position;

  const EscalationDecision decision = NextOffer(answer, 0, after_d001);

  EXPECT_EQ(Describe(decision), "D002 step 0 round 0");
  EXPECT_THAT(decision.position.offered_in_round, ElementsAre(Doctor("D001"), Doctor("D002")));
}

TEST(NextOffer, AfterTheLastContactOfAStepComesTheNextStepWithItsAckTimeout) {
  const v1::OnCallAnswer answer =
      Line({OnCall({Contact("D001")}, absl::Minutes(5)), OnCall({Contact("D002")}, absl::Minutes(10))});
  const EscalationPosition after_d001 = NextOffer(answer, 0, EscalationPosition{}).position;

  const EscalationDecision decision = NextOffer(answer, 0, after_d001);

  EXPECT_EQ(Describe(decision), "D002 step 1 round 0");
  EXPECT_EQ(decision.offer->ack_timeout, absl::Minutes(10));
  // The step that ran out was not skipped.
  EXPECT_THAT(decision.skipped, IsEmpty());
}

TEST(NextOffer, StepWithNobodyRoutableIsSkippedAndReported) {
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001")}), OnCall({}),
                                        OnCall({Contact("D002", v1::PRESENCE_STATE_OFFLINE)}),
                                        OnCall({Contact("D003")})});
  const EscalationPosition after_d001 = NextOffer(answer, 0, EscalationPosition{}).position;

  const EscalationDecision decision = NextOffer(answer, 0, after_d001);

  EXPECT_EQ(Describe(decision), "D003 step 3 round 0");
  EXPECT_THAT(decision.skipped, ElementsAre(SkippedStep{.step = 1, .round = 0}, SkippedStep{.step = 2, .round = 0}));
}

TEST(NextOffer, EmptyFirstStepIsSkippedOnTheFirstOffer) {
  const v1::OnCallAnswer answer = Line({OnCall({}), OnCall({Contact("D002")})});

  const EscalationDecision decision = NextOffer(answer, 0, EscalationPosition{});

  EXPECT_EQ(Describe(decision), "D002 step 1 round 0");
  EXPECT_THAT(decision.skipped, ElementsAre(SkippedStep{.step = 0, .round = 0}));
}

TEST(NextOffer, AfterAHandoverTheNewOnCallIsOfferedButNotTheOneAlreadyOffered) {
  const EscalationPosition after_d001 =
      NextOffer(Line({OnCall({Contact("D001")}), OnCall({Contact("D005")})}), 0, EscalationPosition{}).position;
  // D009 took over step 0 between the two offers; D001 is still listed.
  const v1::OnCallAnswer after_handover =
      Line({OnCall({Contact("D001"), Contact("D009")}), OnCall({Contact("D005")})});

  const EscalationDecision decision = NextOffer(after_handover, 0, after_d001);
  EXPECT_EQ(Describe(decision), "D009 step 0 round 0");

  EXPECT_EQ(Describe(NextOffer(after_handover, 0, decision.position)), "D005 step 1 round 0");
}

TEST(NextOffer, SomeoneWhoComesOntoAnEarlierStepWaitsForTheNextRound) {
  const v1::OnCallAnswer before = Line({OnCall({Contact("D001")}), OnCall({Contact("D002"), Contact("D003")})});
  EscalationPosition position = NextOffer(before, 1, EscalationPosition{}).position;
  position = NextOffer(before, 1, position).position;  // D002 on step 1
  const v1::OnCallAnswer after_handover =
      Line({OnCall({Contact("D009")}), OnCall({Contact("D002"), Contact("D003")})});

  const EscalationDecision decision = NextOffer(after_handover, 1, position);
  EXPECT_EQ(Describe(decision), "D003 step 1 round 0");
  EXPECT_EQ(Describe(NextOffer(after_handover, 1, decision.position)), "D009 step 0 round 1");
}

TEST(NextOffer, SomeoneOnTwoStepsIsOfferedOnceARound) {
  // A small health centre: the same GP is on call and backup.
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001")}), OnCall({Contact("D001"), Contact("D002")})});

  EXPECT_THAT(RunToTheEnd(answer, 0).offers, ElementsAre("D001 step 0 round 0", "D002 step 1 round 0", "nobody"));
}

TEST(NextOffer, WithOneRepeatTheStepsRunTwiceThenNobodyIsLeft) {
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001")}), OnCall({Contact("D002")})});

  EXPECT_THAT(RunToTheEnd(answer, 1).offers, ElementsAre("D001 step 0 round 0", "D002 step 1 round 0",
                                                      "D001 step 0 round 1", "D002 step 1 round 1", "nobody"));
}

TEST(NextOffer, ANewRoundStartsWithNobodyOffered) {
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001")}), OnCall({Contact("D002")})});
  const EscalationPosition end_of_round_0{
      .step = 1, .round = 0, .offered_in_round = {Doctor("D001"), Doctor("D002")}};

  const EscalationDecision decision = NextOffer(answer, 1, end_of_round_0);

  EXPECT_EQ(Describe(decision), "D001 step 0 round 1");
  EXPECT_THAT(decision.position.offered_in_round, ElementsAre(Doctor("D001")));
}

TEST(NextOffer, WithoutRepeatsTheStepsRunOnce) {
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001")}), OnCall({Contact("D002")})});

  EXPECT_THAT(RunToTheEnd(answer, 0).offers, ElementsAre("D001 step 0 round 0", "D002 step 1 round 0", "nobody"));
}

TEST(NextOffer, RunningOutOfStepsIsNotTheSwitchboard) {
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001")})});
  const EscalationPosition after_d001 = NextOffer(answer, 0, EscalationPosition{}).position;

  const EscalationDecision decision = NextOffer(answer, 0, after_d001);

  EXPECT_FALSE(decision.offer.has_value());
  EXPECT_FALSE(decision.reached_switchboard);
  // Kept as it was: there is nothing further to store.
  EXPECT_EQ(decision.position.step, 0);
  EXPECT_THAT(decision.position.offered_in_round, ElementsAre(Doctor("D001")));
}

TEST(NextOffer, SwitchboardStepEndsRouting) {
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001")}), OnCall({Contact("D002")}), Switchboard()});
  EscalationPosition position = NextOffer(answer, 0, EscalationPosition{}).position;
  position = NextOffer(answer, 0, position).position;  // D002 on step 1

  const EscalationDecision decision = NextOffer(answer, 0, position);

  EXPECT_FALSE(decision.offer.has_value());
  EXPECT_TRUE(decision.reached_switchboard);
  EXPECT_THAT(decision.skipped, IsEmpty());
}

TEST(NextOffer, SwitchboardComesAfterTheRepeats) {
  // As roster.proto has it: the repeats run the steps before the
  // switchboard, which ends the policy.
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001")}), OnCall({Contact("D002")}), Switchboard()});
  const Escalation escalation = RunToTheEnd(answer, 1);

  EXPECT_THAT(escalation.offers, ElementsAre("D001 step 0 round 0", "D002 step 1 round 0", "D001 step 0 round 1",
                                             "D002 step 1 round 1", "nobody"));
  EXPECT_TRUE(escalation.reached_switchboard);
}

TEST(NextOffer, ExcludedPractitionerIsNeverOffered) {
  // A handover to the line: the assignee handing over is on step 0 too.
  const v1::OnCallAnswer answer =
      Line({OnCall({Contact("D001"), Contact("D002")}), OnCall({Contact("D001")}), OnCall({Contact("D003")})});

  const EscalationDecision first = NextOffer(answer, 0, EscalationPosition{}, Doctor("D001"));
  EXPECT_EQ(Describe(first), "D002 step 0 round 0");

  const EscalationDecision second = NextOffer(answer, 0, first.position, Doctor("D001"));
  EXPECT_EQ(Describe(second), "D003 step 2 round 0");
  EXPECT_THAT(second.skipped, ElementsAre(SkippedStep{.step = 1, .round = 0}));
}

TEST(NextOffer, RoundWithNobodyToOfferEndsRoutingWithoutReportingItsSteps) {
  const EscalationPosition after_d001 =
      NextOffer(Line({OnCall({Contact("D001")}), OnCall({})}), 5, EscalationPosition{}).position;
  // D001 went offline after declining: none of the five repeats has anyone.
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001", v1::PRESENCE_STATE_OFFLINE)}), OnCall({})});

  const EscalationDecision decision = NextOffer(answer, 5, after_d001);

  EXPECT_FALSE(decision.offer.has_value());
  EXPECT_THAT(decision.skipped, ElementsAre(SkippedStep{.step = 1, .round = 0}));
}

TEST(NextOffer, LineWithNobodyOnAnyStepHasNoFirstOffer) {
  const v1::OnCallAnswer answer = Line({OnCall({}), OnCall({}), Switchboard()});

  const EscalationDecision decision = NextOffer(answer, 2, EscalationPosition{});

  EXPECT_FALSE(decision.offer.has_value());
  EXPECT_THAT(decision.skipped, IsEmpty());
  EXPECT_EQ(decision.position.step, -1);
  EXPECT_FALSE(HasRoutableContact(answer));
}

TEST(HasRoutableContact, FalseWhenEveryoneOnCallIsOffline) {
  const v1::OnCallAnswer answer = Line({OnCall({Contact("D001", v1::PRESENCE_STATE_OFFLINE)}),
                                        OnCall({Contact("D002", v1::PRESENCE_STATE_OFFLINE)}), Switchboard()});

  EXPECT_FALSE(HasRoutableContact(answer));
}

TEST(HasRoutableContact, TrueWhenOnlyALaterStepHasSomeone) {
  const v1::OnCallAnswer answer =
      Line({OnCall({Contact("D001", v1::PRESENCE_STATE_OFFLINE)}), OnCall({Contact("D002", v1::PRESENCE_STATE_AWAY)}),
            Switchboard()});

  EXPECT_TRUE(HasRoutableContact(answer));
}

}  // namespace
}  // namespace samspar::consult
