// The consult's streams over real gRPC, as an app sees them: WatchConsult
// follows one consult for its requester from the first offer to the closed
// loop, and WatchMyOffers rings a doctor's app for new offers, stops it for
// withdrawn ones, and tells of assignments and messages. Each stream is read
// by its own thread; every wait is bounded, and the test cancels the stream
// when it is done with it.

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "absl/types/optional.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/consult/consult_fixture.h"

namespace samspar::consult::testing {
namespace {

using roster::testing::Reason;

constexpr absl::Duration kPatience = absl::Seconds(10);

// A server stream read by its own thread into a queue the test takes from.
template <typename Response>
class Stream {
 public:
  using Opener = std::function<std::unique_ptr<grpc::ClientReader<Response>>(grpc::ClientContext*)>;

  Stream(std::unique_ptr<grpc::ClientContext> context, const Opener& open) : context_(std::move(context)) {
    reader_ = open(context_.get());
    thread_ = std::thread([this] {
      Response response;
      while (reader_->Read(&response)) {
        absl::MutexLock lock(&mutex_);
        received_.push_back(response);
      }
      const grpc::Status status = reader_->Finish();
      absl::MutexLock lock(&mutex_);
      status_ = status;
      ended_ = true;
    });
  }

  ~Stream() {
    context_->TryCancel();
    thread_.join();
  }

  // The next message, or nothing when none came within `timeout` or the
  // stream ended first.
  absl::optional<Response> Next(absl::Duration timeout = kPatience) {
    absl::MutexLock lock(&mutex_);
    mutex_.AwaitWithTimeout(absl::Condition(this, &Stream::HasNextOrEnded), timeout);
    if (received_.empty()) return absl::nullopt;
    Response next = std::move(received_.front());
    received_.pop_front();
    return next;
  }

  // How the stream ended; nothing when it had not ended within `timeout`.
  absl::optional<grpc::Status> End(absl::Duration timeout = kPatience) {
    absl::MutexLock lock(&mutex_);
    mutex_.AwaitWithTimeout(absl::Condition(this, &Stream::HasEnded), timeout);
    if (!ended_) return absl::nullopt;
    return status_;
  }

  // Messages that came and were not taken.
  size_t Pending() {
    absl::MutexLock lock(&mutex_);
    return received_.size();
  }

 private:
  bool HasNextOrEnded() const { return !received_.empty() || ended_; }
  bool HasEnded() const { return ended_; }

  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientReader<Response>> reader_;
  absl::Mutex mutex_;
  std::deque<Response> received_ ABSL_GUARDED_BY(mutex_);
  bool ended_ ABSL_GUARDED_BY(mutex_) = false;
  grpc::Status status_ ABSL_GUARDED_BY(mutex_);
  std::thread thread_;
};

class ConsultWatchTest : public ConsultFixture {
 protected:
  std::unique_ptr<Stream<v1::WatchConsultResponse>> WatchConsult(const std::string& name, const identity::Person& as) {
    v1::WatchConsultRequest request;
    request.set_name(name);
    return std::make_unique<Stream<v1::WatchConsultResponse>>(
        As(as), [&](grpc::ClientContext* context) { return Consults().WatchConsult(context, request); });
  }

  std::unique_ptr<Stream<v1::WatchMyOffersResponse>> WatchMyOffers(const std::string& practitioner,
                                                                   const identity::Person& as) {
    v1::WatchMyOffersRequest request;
    request.set_practitioner(practitioner);
    return std::make_unique<Stream<v1::WatchMyOffersResponse>>(
        As(as), [&](grpc::ClientContext* context) { return Consults().WatchMyOffers(context, request); });
  }

  // The next message of `stream`, which must be the change `action`.
  static void ExpectChange(Stream<v1::WatchConsultResponse>& stream, v1::ConsultHistoryAction action,
                           v1::ConsultState state) {
    absl::optional<v1::WatchConsultResponse> next = stream.Next();
    ASSERT_TRUE(next.has_value()) << "no message for " << v1::ConsultHistoryAction_Name(action);
    EXPECT_EQ(next->change().action(), action);
    EXPECT_EQ(next->consult().state(), state);
    EXPECT_FALSE(next->has_message());
  }

  // The next message of `stream`, which must be of `kind` about `consult`.
  static absl::optional<v1::WatchMyOffersResponse> ExpectOffer(Stream<v1::WatchMyOffersResponse>& stream,
                                                               v1::OfferEventKind kind, const std::string& consult) {
    absl::optional<v1::WatchMyOffersResponse> next = stream.Next();
    EXPECT_TRUE(next.has_value()) << "no " << v1::OfferEventKind_Name(kind);
    if (!next.has_value()) return absl::nullopt;
    EXPECT_EQ(next->kind(), kind) << v1::OfferEventKind_Name(next->kind());
    EXPECT_EQ(next->consult().name(), consult);
    return next;
  }
};

TEST_F(ConsultWatchTest, TheRequesterFollowsTheConsultUntilTheLoopIsClosed) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name())));
  auto stream = WatchConsult(created.name(), kGpRequester);
  absl::optional<v1::WatchConsultResponse> first = stream->Next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->consult().name(), created.name());
  EXPECT_EQ(first->consult().state(), v1::CONSULT_STATE_OFFERED);
  EXPECT_EQ(first->consult().current_offer().practitioner().name(), Doctor("D001"));
  EXPECT_FALSE(first->has_change());
  EXPECT_FALSE(first->has_message());

  ASSERT_TRUE(Accept(created.name(), DoctorCaller("D001")).ok());
  ExpectChange(*stream, v1::CONSULT_HISTORY_ACTION_ACCEPTED, v1::CONSULT_STATE_ACCEPTED);

  v1::ConsultMessage said;
  ASSERT_TRUE(Say(created.name(), DoctorCaller("D001"), "Finns det ett färskt EKG?", &said).ok());
  absl::optional<v1::WatchConsultResponse> message = stream->Next();
  ASSERT_TRUE(message.has_value());
  EXPECT_FALSE(message->has_change());
  EXPECT_EQ(message->message().name(), said.name());
  EXPECT_EQ(message->message().text(), "Finns det ett färskt EKG?");
  EXPECT_EQ(message->message().author_role(), v1::CONSULT_PARTICIPANT_ROLE_ASSIGNEE);
  EXPECT_EQ(message->consult().message_count(), 1);

  ASSERT_TRUE(Answer(created.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_DIRECT_ADMISSION).ok());
  ExpectChange(*stream, v1::CONSULT_HISTORY_ACTION_ANSWERED, v1::CONSULT_STATE_ANSWERED);
  ASSERT_TRUE(Close(created.name(), kGpRequester).ok());
  ExpectChange(*stream, v1::CONSULT_HISTORY_ACTION_CLOSED, v1::CONSULT_STATE_CLOSED);

  const absl::optional<grpc::Status> end = stream->End();
  ASSERT_TRUE(end.has_value()) << "the stream did not complete after CLOSED";
  EXPECT_TRUE(end->ok()) << end->error_message();
  EXPECT_EQ(stream->Pending(), 0u);
}

TEST_F(ConsultWatchTest, OnlyParticipantsMayWatchAConsult) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name())));
  for (const identity::Person& outsider : {DoctorCaller("D005"), kCoordinator}) {
    auto stream = WatchConsult(created.name(), outsider);
    EXPECT_FALSE(stream->Next().has_value()) << outsider.hsa_id;
    const absl::optional<grpc::Status> end = stream->End();
    ASSERT_TRUE(end.has_value()) << outsider.hsa_id;
    EXPECT_EQ(end->error_code(), grpc::StatusCode::PERMISSION_DENIED) << outsider.hsa_id;
    EXPECT_EQ(Reason(*end), "NOT_A_PARTICIPANT") << outsider.hsa_id;
  }
}

TEST_F(ConsultWatchTest, AnOfferedDoctorsWatchEndsWhenTheirOfferEnds) {
  const v1::Line line = StaffedAcuteLine();
  AddBackup(line.name(), Doctor("D002"));
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name())));
  auto stream = WatchConsult(created.name(), DoctorCaller("D001"));
  absl::optional<v1::WatchConsultResponse> first = stream->Next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->consult().patient().value(), patients_[0]);
  ASSERT_TRUE(Decline(created.name(), DoctorCaller("D001"), v1::DECLINE_REASON_BUSY).ok());
  const absl::optional<grpc::Status> end = stream->End();
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(end->error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(*end), "NOT_A_PARTICIPANT");
  EXPECT_EQ(stream->Pending(), 0u);  // nothing of the patient after the offer ended
}

TEST_F(ConsultWatchTest, ADoctorsAppRingsForOffersStopsForWithdrawnOnesAndHearsOfAssignmentsAndMessages) {
  const v1::Line line = StaffedAcuteLine();
  const v1::Consult held = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name()), "Fråga ett: svimning."));
  ASSERT_TRUE(Accept(held.name(), DoctorCaller("D001")).ok());

  auto stream = WatchMyOffers(Doctor("D001"), DoctorCaller("D001"));
  absl::optional<v1::WatchMyOffersResponse> snapshot = ExpectOffer(*stream, v1::OFFER_EVENT_KIND_SNAPSHOT, held.name());
  ASSERT_TRUE(snapshot.has_value());
  EXPECT_EQ(snapshot->consult().state(), v1::CONSULT_STATE_ACCEPTED);
  EXPECT_EQ(snapshot->consult().question(), "Fråga ett: svimning.");
  absl::optional<v1::WatchMyOffersResponse> end = stream->Next();
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(end->kind(), v1::OFFER_EVENT_KIND_SNAPSHOT_END);
  EXPECT_FALSE(end->has_consult());

  // A new consult rings; cancelled by the GP, it stops ringing and its
  // patient is no longer shown.
  v1::CreateConsultRequest another_patient = Ask(v1::TRACK_ACUTE, LineTarget(line.name()), "Fråga två: feber.");
  another_patient.mutable_consult()->mutable_patient()->set_value(patients_[1]);
  const v1::Consult cancelled = MustCreate(another_patient);
  absl::optional<v1::WatchMyOffersResponse> offered =
      ExpectOffer(*stream, v1::OFFER_EVENT_KIND_OFFERED, cancelled.name());
  ASSERT_TRUE(offered.has_value());
  EXPECT_FALSE(offered->consult().patient_data_withheld());
  EXPECT_EQ(offered->consult().question(), "Fråga två: feber.");
  ASSERT_TRUE(Cancel(cancelled.name(), kGpRequester).ok());
  absl::optional<v1::WatchMyOffersResponse> withdrawn =
      ExpectOffer(*stream, v1::OFFER_EVENT_KIND_OFFER_WITHDRAWN, cancelled.name());
  ASSERT_TRUE(withdrawn.has_value());
  EXPECT_EQ(withdrawn->consult().state(), v1::CONSULT_STATE_CANCELLED);
  EXPECT_TRUE(withdrawn->consult().patient_data_withheld());
  EXPECT_FALSE(withdrawn->consult().has_patient());
  EXPECT_TRUE(withdrawn->consult().question().empty());
  // The app was shown the patient once, when it rang; that is in the log.
  int shown = 0;
  for (const audit::AccessRecord& access :
       AccessLogOf({.kind = audit::PatientKind::kPersonnummer, .value = patients_[1]})) {
    shown += access.action == audit::AccessAction::kStream && access.actor.hsa_id == "SE2321000057-D001";
  }
  EXPECT_EQ(shown, 1);

  // Another rings, and he takes it.
  const v1::Consult taken = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name()), "Fråga tre: yrsel."));
  ExpectOffer(*stream, v1::OFFER_EVENT_KIND_OFFERED, taken.name());
  ASSERT_TRUE(Accept(taken.name(), DoctorCaller("D001")).ok());
  absl::optional<v1::WatchMyOffersResponse> assigned =
      ExpectOffer(*stream, v1::OFFER_EVENT_KIND_ASSIGNED, taken.name());
  ASSERT_TRUE(assigned.has_value());
  EXPECT_EQ(assigned->consult().assignee().name(), Doctor("D001"));

  // The GP writes on the first.
  v1::ConsultMessage said;
  ASSERT_TRUE(Say(held.name(), kGpRequester, "Patienten svimmade igen.", &said).ok());
  absl::optional<v1::WatchMyOffersResponse> message =
      ExpectOffer(*stream, v1::OFFER_EVENT_KIND_MESSAGE_CREATED, held.name());
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(message->message().name(), said.name());
  EXPECT_EQ(message->message().author_role(), v1::CONSULT_PARTICIPANT_ROLE_REQUESTER);
  EXPECT_EQ(stream->Pending(), 0u);
}

TEST_F(ConsultWatchTest, NobodyWatchesAnotherPractitionersOffers) {
  auto stream = WatchMyOffers(Doctor("D002"), DoctorCaller("D001"));
  EXPECT_FALSE(stream->Next().has_value());
  const absl::optional<grpc::Status> end = stream->End();
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(end->error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(*end), "NOT_SELF");
}

TEST_F(ConsultWatchTest, AnAppRingsWhicheverReplicaItsStreamIsOn) {
  const v1::Line line = StaffedAcuteLine();
  AddBackup(line.name(), Doctor("D002"));
  std::unique_ptr<ConsultReplica> other = StartReplica();
  ASSERT_NE(other, nullptr);
  // Dr Dahl's app watches this replica; everything else happens on the other.
  auto stream = WatchMyOffers(Doctor("D002"), DoctorCaller("D002"));
  absl::optional<v1::WatchMyOffersResponse> end = stream->Next();
  ASSERT_TRUE(end.has_value());
  ASSERT_EQ(end->kind(), v1::OFFER_EVENT_KIND_SNAPSHOT_END);
  v1::Consult created;
  ASSERT_TRUE(
      other->stub->CreateConsult(As(kGpRequester).get(), Ask(v1::TRACK_ACUTE, LineTarget(line.name())), &created).ok());
  v1::DeclineConsultRequest decline;
  decline.set_name(created.name());
  decline.set_reason(v1::DECLINE_REASON_BUSY);
  v1::Consult declined;
  ASSERT_TRUE(other->stub->DeclineConsult(As(DoctorCaller("D001")).get(), decline, &declined).ok());
  absl::optional<v1::WatchMyOffersResponse> offered =
      ExpectOffer(*stream, v1::OFFER_EVENT_KIND_OFFERED, created.name());
  ASSERT_TRUE(offered.has_value());
  EXPECT_FALSE(offered->consult().patient_data_withheld());
  EXPECT_EQ(stream->Pending(), 0u);  // told once
}

TEST_F(ConsultWatchTest, OneCallerHoldsAShareOfTheStreamsAndGetsItBackWhenOneCloses) {
  std::vector<std::unique_ptr<Stream<v1::WatchMyOffersResponse>>> streams;
  for (int i = 0; i < 20; ++i) {
    streams.push_back(WatchMyOffers(Doctor("D001"), DoctorCaller("D001")));
    ASSERT_TRUE(streams.back()->Next().has_value()) << "stream " << i;  // the end of its snapshot
  }
  auto refused = WatchMyOffers(Doctor("D001"), DoctorCaller("D001"));
  const absl::optional<grpc::Status> end = refused->End();
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(end->error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Reason(*end), "TOO_MANY_STREAMS");
  // Another doctor is not held up by Dr Berg's streams.
  auto other = WatchMyOffers(Doctor("D002"), DoctorCaller("D002"));
  EXPECT_TRUE(other->Next().has_value());
  // A closed stream gives its place back.
  streams.pop_back();
  absl::optional<v1::WatchMyOffersResponse> first;
  for (int attempt = 0; attempt < 50 && !first.has_value(); ++attempt) {
    auto again = WatchMyOffers(Doctor("D001"), DoctorCaller("D001"));
    first = again->Next(absl::Milliseconds(200));
  }
  EXPECT_TRUE(first.has_value());
}

}  // namespace
}  // namespace samspar::consult::testing
