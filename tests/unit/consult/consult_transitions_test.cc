#include "services/consult/lifecycle/consult_transitions.h"

#include <algorithm>
#include <deque>
#include <ostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::consult {
namespace {

using ::testing::HasSubstr;
using v1::ConsultState;

struct NamedEvent {
  ConsultEvent event;
  const char* name;
};

void PrintTo(const NamedEvent& named, std::ostream* out) { *out << named.name; }

// Every event, with a name for the test's log.
const NamedEvent kEvents[] = {
    {ConsultEvent::kRoutedOffered, "RoutedOffered"},
    {ConsultEvent::kRoutingRefused, "RoutingRefused"},
    {ConsultEvent::kAccepted, "Accepted"},
    {ConsultEvent::kMovedOn, "MovedOn"},
    {ConsultEvent::kNobodyLeft, "NobodyLeft"},
    {ConsultEvent::kDeclinedNotForThisLine, "DeclinedNotForThisLine"},
    {ConsultEvent::kAnswerOverdue, "AnswerOverdue"},
    {ConsultEvent::kReassignRequested, "ReassignRequested"},
    {ConsultEvent::kReassignMovedOn, "ReassignMovedOn"},
    {ConsultEvent::kReassignFailed, "ReassignFailed"},
    {ConsultEvent::kAnswered, "Answered"},
    {ConsultEvent::kClosed, "Closed"},
    {ConsultEvent::kCancelled, "Cancelled"},
};

// Every value of ConsultState the API defines, UNSPECIFIED included.
std::vector<ConsultState> AllStates() {
  std::vector<ConsultState> states;
  const google::protobuf::EnumDescriptor* descriptor = v1::ConsultState_descriptor();
  for (int i = 0; i < descriptor->value_count(); ++i) {
    states.push_back(static_cast<ConsultState>(descriptor->value(i)->number()));
  }
  return states;
}

struct Row {
  std::vector<ConsultState> from;
  ConsultEvent event;
  ConsultState to;
};

// The transition table of consult.proto (ConsultState), transcribed row by
// row; creation rows have no source state and are not transitions.
const std::vector<Row>& ContractTable() {
  static const auto* const table = new std::vector<Row>{
      {{v1::CONSULT_STATE_CREATED}, ConsultEvent::kRoutedOffered, v1::CONSULT_STATE_OFFERED},
      {{v1::CONSULT_STATE_CREATED}, ConsultEvent::kRoutingRefused, v1::CONSULT_STATE_UNANSWERED},
      {{v1::CONSULT_STATE_OFFERED, v1::CONSULT_STATE_ESCALATED},
       ConsultEvent::kAccepted,
       v1::CONSULT_STATE_ACCEPTED},
      {{v1::CONSULT_STATE_OFFERED, v1::CONSULT_STATE_ESCALATED},
       ConsultEvent::kMovedOn,
       v1::CONSULT_STATE_ESCALATED},
      {{v1::CONSULT_STATE_OFFERED, v1::CONSULT_STATE_ESCALATED},
       ConsultEvent::kNobodyLeft,
       v1::CONSULT_STATE_UNANSWERED},
      {{v1::CONSULT_STATE_OFFERED, v1::CONSULT_STATE_ESCALATED},
       ConsultEvent::kDeclinedNotForThisLine,
       v1::CONSULT_STATE_DECLINED},
      {{v1::CONSULT_STATE_ACCEPTED}, ConsultEvent::kAnswerOverdue, v1::CONSULT_STATE_ACCEPTED},
      {{v1::CONSULT_STATE_ACCEPTED}, ConsultEvent::kReassignRequested,
       v1::CONSULT_STATE_REASSIGNED},
      {{v1::CONSULT_STATE_REASSIGNED}, ConsultEvent::kAccepted, v1::CONSULT_STATE_ACCEPTED},
      {{v1::CONSULT_STATE_REASSIGNED}, ConsultEvent::kReassignMovedOn,
       v1::CONSULT_STATE_REASSIGNED},
      {{v1::CONSULT_STATE_REASSIGNED}, ConsultEvent::kReassignFailed, v1::CONSULT_STATE_ACCEPTED},
      {{v1::CONSULT_STATE_ACCEPTED}, ConsultEvent::kAnswered, v1::CONSULT_STATE_ANSWERED},
      {{v1::CONSULT_STATE_ANSWERED}, ConsultEvent::kClosed, v1::CONSULT_STATE_CLOSED},
      {{v1::CONSULT_STATE_CREATED, v1::CONSULT_STATE_OFFERED, v1::CONSULT_STATE_ESCALATED,
        v1::CONSULT_STATE_ACCEPTED, v1::CONSULT_STATE_REASSIGNED},
       ConsultEvent::kCancelled,
       v1::CONSULT_STATE_CANCELLED},
  };
  return *table;
}

// The contract's target for the pair, or nothing when the pair is illegal.
const ConsultState* ContractTarget(ConsultState from, ConsultEvent event) {
  for (const Row& row : ContractTable()) {
    if (row.event == event && std::find(row.from.begin(), row.from.end(), from) != row.from.end()) {
      return &row.to;
    }
  }
  return nullptr;
}

void ExpectRefusedNamingState(const absl::Status& status, ConsultState state,
                              absl::string_view reason) {
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(ReasonOf(status), reason) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr(v1::ConsultState_Name(state)));
  if (reason == "INVALID_STATE_TRANSITION") {
    EXPECT_EQ(MetadataOf(status, "state"), v1::ConsultState_Name(state)) << status;
  }
}

// ---------------------------------------------------------------------------
// Every state × every event.

using Pair = std::tuple<ConsultState, NamedEvent>;

class EveryPair : public ::testing::TestWithParam<Pair> {};

TEST_P(EveryPair, FollowsTheContractTable) {
  const auto& [from, named] = GetParam();
  const absl::StatusOr<ConsultState> next = NextState(from, named.event);
  if (const ConsultState* expected = ContractTarget(from, named.event)) {
    ASSERT_TRUE(next.ok()) << next.status();
    EXPECT_EQ(*next, *expected) << v1::ConsultState_Name(*next);
  } else {
    ASSERT_FALSE(next.ok()) << "moved to " << v1::ConsultState_Name(*next);
    ExpectRefusedNamingState(next.status(), from, "INVALID_STATE_TRANSITION");
  }
}

INSTANTIATE_TEST_SUITE_P(
    ConsultTransitions, EveryPair,
    ::testing::Combine(::testing::ValuesIn(AllStates()), ::testing::ValuesIn(kEvents)),
    [](const ::testing::TestParamInfo<Pair>& pair) {
      const std::string state = absl::StrReplaceAll(
          v1::ConsultState_Name(std::get<0>(pair.param)), {{"CONSULT_STATE_", ""}});
      return absl::StrCat(state, "_", std::get<1>(pair.param).name);
    });

// ---------------------------------------------------------------------------
// Properties of the table as a whole.

TEST(ConsultTransitions, TheContractTableCoversEveryEvent) {
  // Guards the transcription above: an event no row mentions would make its
  // every pair "refused" without the contract saying so.
  for (const NamedEvent& named : kEvents) {
    const bool mentioned = std::any_of(ContractTable().begin(), ContractTable().end(),
                                       [&](const Row& row) { return row.event == named.event; });
    EXPECT_TRUE(mentioned) << named.name;
  }
}

TEST(ConsultTransitions, FinalStatesAcceptNoEvent) {
  for (ConsultState state : {v1::CONSULT_STATE_CLOSED, v1::CONSULT_STATE_CANCELLED,
                             v1::CONSULT_STATE_UNANSWERED, v1::CONSULT_STATE_DECLINED}) {
    for (const NamedEvent& named : kEvents) {
      SCOPED_TRACE(absl::StrCat(v1::ConsultState_Name(state), " ", named.name));
      const absl::StatusOr<ConsultState> next = NextState(state, named.event);
      ASSERT_FALSE(next.ok());
      ExpectRefusedNamingState(next.status(), state, "INVALID_STATE_TRANSITION");
    }
  }
}

// Walking the machine from where CreateConsult leaves a consult (CREATED or
// OFFERED): every state is reachable, and from every reachable state some
// sequence of events ends the consult, so none can be stuck.
TEST(ConsultTransitions, EveryStateIsReachableAndEveryConsultCanEnd) {
  std::set<ConsultState> reached = {v1::CONSULT_STATE_CREATED, v1::CONSULT_STATE_OFFERED};
  std::deque<ConsultState> queue(reached.begin(), reached.end());
  while (!queue.empty()) {
    const ConsultState from = queue.front();
    queue.pop_front();
    for (const NamedEvent& named : kEvents) {
      absl::StatusOr<ConsultState> next = NextState(from, named.event);
      if (next.ok() && reached.insert(*next).second) queue.push_back(*next);
    }
  }
  for (ConsultState state : AllStates()) {
    if (state == v1::CONSULT_STATE_UNSPECIFIED) {
      EXPECT_FALSE(reached.count(state));
    } else {
      EXPECT_TRUE(reached.count(state)) << v1::ConsultState_Name(state) << " is unreachable";
    }
  }

  for (ConsultState start : reached) {
    std::set<ConsultState> seen = {start};
    std::deque<ConsultState> frontier = {start};
    bool ends = false;
    while (!frontier.empty() && !ends) {
      const ConsultState from = frontier.front();
      frontier.pop_front();
      ends = IsFinal(from);
      for (const NamedEvent& named : kEvents) {
        absl::StatusOr<ConsultState> next = NextState(from, named.event);
        if (next.ok() && seen.insert(*next).second) frontier.push_back(*next);
      }
    }
    EXPECT_TRUE(ends) << v1::ConsultState_Name(start) << " can never end";
  }
}

TEST(ConsultTransitions, AHandoverThatFailsLeavesTheConsultWithItsAssignee) {
  // Offered, moved on once, accepted, handed over, nobody took it, answered
  // by the original assignee, closed.
  ConsultState state = v1::CONSULT_STATE_OFFERED;
  for (ConsultEvent event :
       {ConsultEvent::kMovedOn, ConsultEvent::kAccepted, ConsultEvent::kAnswerOverdue,
        ConsultEvent::kReassignRequested, ConsultEvent::kReassignMovedOn,
        ConsultEvent::kReassignFailed, ConsultEvent::kAnswered, ConsultEvent::kClosed}) {
    absl::StatusOr<ConsultState> next = NextState(state, event);
    ASSERT_TRUE(next.ok()) << next.status();
    state = *next;
  }
  EXPECT_EQ(state, v1::CONSULT_STATE_CLOSED);
}

TEST(ConsultTransitions, RunningOutOfContactsEndsAnOfferButNotAHandover) {
  EXPECT_EQ(NextState(v1::CONSULT_STATE_ESCALATED, ConsultEvent::kNobodyLeft).value(),
            v1::CONSULT_STATE_UNANSWERED);
  EXPECT_EQ(NextState(v1::CONSULT_STATE_REASSIGNED, ConsultEvent::kReassignFailed).value(),
            v1::CONSULT_STATE_ACCEPTED);
  // The offer events are not the handover's, so a caller that picks the
  // wrong one is told rather than dropping the assignee's consult.
  EXPECT_FALSE(NextState(v1::CONSULT_STATE_REASSIGNED, ConsultEvent::kNobodyLeft).ok());
  EXPECT_FALSE(NextState(v1::CONSULT_STATE_REASSIGNED, ConsultEvent::kMovedOn).ok());
}

TEST(ConsultTransitions, TheRefusalSaysWhatWasRefused) {
  const absl::Status refused =
      NextState(v1::CONSULT_STATE_CLOSED, ConsultEvent::kAccepted).status();
  EXPECT_EQ(refused.message(), "a consult in CONSULT_STATE_CLOSED cannot be accepted");
}

TEST(ConsultTransitions, ValuesOutsideTheEnumsAreRefused) {
  const auto unknown_state = static_cast<ConsultState>(42);
  const absl::StatusOr<ConsultState> from_unknown =
      NextState(unknown_state, ConsultEvent::kCancelled);
  ASSERT_FALSE(from_unknown.ok());
  EXPECT_EQ(ReasonOf(from_unknown.status()), "INVALID_STATE_TRANSITION");
  EXPECT_THAT(std::string(from_unknown.status().message()), HasSubstr("42"));

  const auto unknown_event = static_cast<ConsultEvent>(99);
  const absl::StatusOr<ConsultState> by_unknown =
      NextState(v1::CONSULT_STATE_ACCEPTED, unknown_event);
  ASSERT_FALSE(by_unknown.ok());
  ExpectRefusedNamingState(by_unknown.status(), v1::CONSULT_STATE_ACCEPTED,
                           "INVALID_STATE_TRANSITION");
}

TEST(ConsultTransitions, IsFinalOnlyForTheFourEndStates) {
  const std::set<ConsultState> final_states = {
      v1::CONSULT_STATE_CLOSED, v1::CONSULT_STATE_CANCELLED, v1::CONSULT_STATE_UNANSWERED,
      v1::CONSULT_STATE_DECLINED};
  for (ConsultState state : AllStates()) {
    EXPECT_EQ(IsFinal(state), final_states.count(state) == 1) << v1::ConsultState_Name(state);
  }
}

TEST(ConsultTransitions, HasPendingOfferWhileOfferedEscalatedOrReassigned) {
  const std::set<ConsultState> offering = {v1::CONSULT_STATE_OFFERED, v1::CONSULT_STATE_ESCALATED,
                                           v1::CONSULT_STATE_REASSIGNED};
  for (ConsultState state : AllStates()) {
    EXPECT_EQ(HasPendingOffer(state), offering.count(state) == 1) << v1::ConsultState_Name(state);
  }
}

// ---------------------------------------------------------------------------
// RecordConsultOutcome.

const absl::Time kCloseTime =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 14, 30, 0), absl::UTCTimeZone());

v1::Consult ConsultIn(ConsultState state, absl::Time close_time) {
  v1::Consult consult;
  consult.set_state(state);
  consult.mutable_close_time()->set_seconds(absl::ToUnixSeconds(close_time));
  return consult;
}

TEST(CheckCanRecordOutcome, OnlyAnsweredAndClosedConsultsHaveAnOutcomeToChange) {
  const absl::Time now = kCloseTime + absl::Hours(1);
  for (ConsultState state : AllStates()) {
    SCOPED_TRACE(v1::ConsultState_Name(state));
    const absl::Status status = CheckCanRecordOutcome(ConsultIn(state, kCloseTime), now);
    if (state == v1::CONSULT_STATE_ANSWERED || state == v1::CONSULT_STATE_CLOSED) {
      EXPECT_TRUE(status.ok()) << status;
    } else {
      ExpectRefusedNamingState(status, state, "CONSULT_NOT_ANSWERED");
    }
  }
}

TEST(CheckCanRecordOutcome, AClosedConsultsOutcomeLocksAfterThirtyDays) {
  const v1::Consult closed = ConsultIn(v1::CONSULT_STATE_CLOSED, kCloseTime);
  const absl::Duration thirty_days = absl::Hours(24 * 30);

  EXPECT_TRUE(CheckCanRecordOutcome(closed, kCloseTime).ok());
  EXPECT_TRUE(CheckCanRecordOutcome(closed, kCloseTime + absl::Hours(24 * 29 + 23)).ok());
  EXPECT_TRUE(CheckCanRecordOutcome(closed, kCloseTime + thirty_days).ok());

  const absl::Status locked =
      CheckCanRecordOutcome(closed, kCloseTime + thirty_days + absl::Seconds(1));
  EXPECT_EQ(locked.code(), absl::StatusCode::kFailedPrecondition) << locked;
  EXPECT_EQ(ReasonOf(locked), "OUTCOME_LOCKED");
  EXPECT_THAT(std::string(locked.message()), HasSubstr("2026-04-01T14:30:00Z"));  // when it locked
  EXPECT_EQ(ReasonOf(CheckCanRecordOutcome(closed, kCloseTime + absl::Hours(24 * 365))),
            "OUTCOME_LOCKED");
}

TEST(CheckCanRecordOutcome, AnAnsweredConsultNeverLocks) {
  // Not closed yet, so there is no close time to count from.
  v1::Consult answered;
  answered.set_state(v1::CONSULT_STATE_ANSWERED);
  EXPECT_TRUE(CheckCanRecordOutcome(answered, kCloseTime + absl::Hours(24 * 365)).ok());
}

// ---------------------------------------------------------------------------
// CreateConsultMessage.

TEST(CheckConversationOpen, EndsWithTheConsult) {
  const std::set<ConsultState> ended = {v1::CONSULT_STATE_CLOSED, v1::CONSULT_STATE_CANCELLED,
                                        v1::CONSULT_STATE_UNANSWERED, v1::CONSULT_STATE_DECLINED};
  for (ConsultState state : AllStates()) {
    SCOPED_TRACE(v1::ConsultState_Name(state));
    const absl::Status status = CheckConversationOpen(state);
    if (ended.count(state)) {
      ExpectRefusedNamingState(status, state, "CONSULT_ENDED");
    } else {
      EXPECT_TRUE(status.ok()) << status;
    }
  }
}

}  // namespace
}  // namespace samspar::consult
