// Presence over real gRPC with a real Redis: practitioners set their own
// presence, it expires without a heartbeat, watch streams follow a line's
// people across handovers and changes, and Redis going away and coming back
// never stops the on-call answers.

#include <map>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/roster/on_call_fixture.h"
#include "tests/support/test_patients.h"

namespace samspar::roster {
namespace {

using testing::Between;
using testing::Doctor;
using testing::kAdmin;
using testing::kClinician;
using testing::PersonWith;
using testing::Reason;

// Whether `message` shows practitioner `id` in `state`, as a change or in a
// snapshot (a stream sends a fresh one when it begins to follow Redis).
bool Shows(const v1::WatchPresenceResponse& message, const std::string& id, v1::PresenceState state) {
  for (const v1::Presence& presence : message.presences()) {
    if (presence.practitioner().hsa_id() == "SE2321000057-" + id && presence.state() == state) return true;
  }
  return false;
}

identity::Person DoctorPerson(const std::string& id) {
  return PersonWith("SE2321000057-" + id, identity::Role::kClinician);
}

class PresenceApiTest : public testing::OnCallFixture {
 protected:
  void SetUp() override {
    OnCallFixture::SetUp();
    line_ = MustCreateLine(testing::AcuteLine());
    const absl::Time now = absl::Now();
    v1::Shift shift;
    ASSERT_TRUE(
        CreateShift(line_.name(), Doctor("D001"), Between(now - absl::Hours(1), now + absl::Hours(8)), shift).ok());
    ASSERT_TRUE(CreateShift(line_.name(), Doctor("D002"), Between(now - absl::Hours(1), now + absl::Hours(8)), shift,
                            v1::ON_CALL_TIER_BACKUP)
                    .ok());
  }

  grpc::Status Update(const std::string& id, v1::PresenceState state, v1::Presence& presence,
                      absl::optional<absl::Duration> ttl = absl::nullopt, const std::string& note = "",
                      const identity::Person* as = nullptr) {
    v1::UpdatePresenceRequest request;
    request.mutable_presence()->set_name(Doctor(id) + "/presence");
    request.mutable_presence()->set_state(state);
    request.mutable_presence()->set_note(note);
    if (ttl.has_value()) *request.mutable_ttl() = ToProtoDuration(*ttl);
    return stub_->UpdatePresence(As(as != nullptr ? *as : DoctorPerson(id)).get(), request, &presence);
  }

  v1::Presence Get(const std::string& id) {
    v1::GetPresenceRequest request;
    request.set_name(Doctor(id) + "/presence");
    v1::Presence presence;
    EXPECT_TRUE(stub_->GetPresence(As(kClinician).get(), request, &presence).ok());
    return presence;
  }

  v1::OnCallAnswer Resolve(absl::Duration deadline = absl::Seconds(10)) {
    v1::ResolveOnCallRequest request;
    request.set_name(line_.name());
    v1::ResolveOnCallResponse response;
    auto context = As(kClinician);
    context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(deadline));
    grpc::Status status = stub_->ResolveOnCall(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.answer();
  }

  // A watch stream as `kClinician`, ended by the test or after a minute.
  struct Watch {
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<grpc::ClientReader<v1::WatchPresenceResponse>> stream;
  };
  Watch Open(v1::WatchPresenceRequest request) {
    request.set_parent("regions/06");
    Watch watch{As(kClinician), nullptr};
    watch.context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(90));
    watch.stream = stub_->WatchPresence(watch.context.get(), request);
    return watch;
  }
  Watch OpenOnLine() {
    v1::WatchPresenceRequest request;
    request.set_line(line_.name());
    return Open(request);
  }

  // Reads the stream until `done` says so, or fails after `patience`.
  template <typename Done>
  std::vector<v1::WatchPresenceResponse> ReadUntil(grpc::ClientReader<v1::WatchPresenceResponse>& stream, Done done,
                                                   absl::Duration patience = absl::Seconds(20)) {
    std::vector<v1::WatchPresenceResponse> seen;
    const absl::Time give_up = absl::Now() + patience;
    v1::WatchPresenceResponse message;
    while (absl::Now() < give_up && stream.Read(&message)) {
      seen.push_back(message);
      if (done(message)) return seen;
    }
    ADD_FAILURE() << "the stream did not bring what was awaited; messages seen: " << seen.size();
    return seen;
  }

  v1::Line line_;
};

TEST_F(PresenceApiTest, PractitionersSetTheirOwnPresenceWithDefaultLifetimes) {
  v1::Presence presence;
  const absl::Time before = absl::Now();
  ASSERT_TRUE(Update("D001", v1::PRESENCE_STATE_AVAILABLE, presence, absl::nullopt, "På avdelning 3").ok());
  EXPECT_EQ(presence.state(), v1::PRESENCE_STATE_AVAILABLE);
  EXPECT_NEAR(absl::ToDoubleSeconds(FromProto(presence.expire_time()) - before), 600, 5);
  EXPECT_EQ(Get("D001").note(), "På avdelning 3");
  // A state alone keeps the note.
  ASSERT_TRUE(Update("D001", v1::PRESENCE_STATE_BUSY, presence).ok());
  EXPECT_EQ(presence.note(), "På avdelning 3");
  ASSERT_TRUE(Update("D001", v1::PRESENCE_STATE_OFFLINE, presence).ok());
  EXPECT_NEAR(absl::ToDoubleSeconds(FromProto(presence.expire_time()) - before), 12 * 3600, 5);

  grpc::Status other = Update("D002", v1::PRESENCE_STATE_AVAILABLE, presence, absl::nullopt, "", &testing::kClinician);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(other), "NOT_SELF");
  EXPECT_EQ(Reason(Update("D001", v1::PRESENCE_STATE_UNKNOWN, presence)), "FIELD_INVALID");
  EXPECT_EQ(Reason(Update("D001", v1::PRESENCE_STATE_BUSY, presence, absl::Seconds(10))), "FIELD_INVALID");
  EXPECT_EQ(Reason(Update("D001", v1::PRESENCE_STATE_BUSY, presence, absl::Hours(13))), "FIELD_INVALID");
  const std::string patient = samspar::testing::SkatteverketTestNumbers(1).front();
  grpc::Status patient_note = Update("D001", v1::PRESENCE_STATE_BUSY, presence, absl::nullopt, "Med " + patient);
  EXPECT_EQ(Reason(patient_note), "FIELD_INVALID");
  EXPECT_THAT(patient_note.error_message(), ::testing::Not(::testing::HasSubstr(patient)));
  EXPECT_EQ(Get("D001").state(), v1::PRESENCE_STATE_OFFLINE);

  v1::BatchGetPresenceRequest batch;
  batch.set_parent("regions/06");
  batch.add_names(Doctor("D001") + "/presence");
  batch.add_names(Doctor("D003") + "/presence");
  v1::BatchGetPresenceResponse read;
  ASSERT_TRUE(stub_->BatchGetPresence(As(kClinician).get(), batch, &read).ok());
  EXPECT_TRUE(read.presence_known());
  ASSERT_EQ(read.presences_size(), 2);
  EXPECT_EQ(read.presences(0).state(), v1::PRESENCE_STATE_OFFLINE);
  EXPECT_EQ(read.presences(1).state(), v1::PRESENCE_STATE_UNKNOWN);
  batch.add_names(Doctor("N404") + "/presence");
  EXPECT_EQ(Reason(stub_->BatchGetPresence(As(kClinician).get(), batch, &read)), "PRACTITIONER_NOT_FOUND");
}

TEST_F(PresenceApiTest, PresenceExpiresWithoutAHeartbeatAndTheWatchSaysSo) {
  v1::WatchPresenceRequest request;
  request.mutable_practitioners()->add_practitioners(Doctor("D001"));
  Watch watch = Open(request);
  grpc::ClientReader<v1::WatchPresenceResponse>* stream = watch.stream.get();
  ReadUntil(*stream, [](const v1::WatchPresenceResponse& m) { return m.snapshot(); });

  v1::Presence presence;
  ASSERT_TRUE(Update("D001", v1::PRESENCE_STATE_AVAILABLE, presence, absl::Seconds(30)).ok());
  ReadUntil(*stream, [](const v1::WatchPresenceResponse& m) { return Shows(m, "D001", v1::PRESENCE_STATE_AVAILABLE); });
  v1::HeartbeatRequest heartbeat;
  heartbeat.set_name(Doctor("D001") + "/presence");
  ASSERT_TRUE(stub_->Heartbeat(As(DoctorPerson("D001")).get(), heartbeat, &presence).ok());
  EXPECT_EQ(presence.state(), v1::PRESENCE_STATE_AVAILABLE);

  // Thirty seconds without a heartbeat: the watch hears of the expiry.
  ReadUntil(
      *stream, [](const v1::WatchPresenceResponse& m) { return Shows(m, "D001", v1::PRESENCE_STATE_UNKNOWN); },
      absl::Seconds(60));
  EXPECT_EQ(Get("D001").state(), v1::PRESENCE_STATE_UNKNOWN);
  EXPECT_EQ(Resolve().steps(0).contacts(0).presence(), v1::PRESENCE_STATE_UNKNOWN);
  grpc::Status late = stub_->Heartbeat(As(DoctorPerson("D001")).get(), heartbeat, &presence);
  EXPECT_EQ(late.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(late), "PRESENCE_EXPIRED");
  watch.context->TryCancel();
}

// What a watching app knows: a snapshot replaces everything, later messages
// change or remove single people.
class WatchedView {
 public:
  void Apply(const v1::WatchPresenceResponse& message) {
    if (message.snapshot()) states_.clear();
    for (const v1::Presence& presence : message.presences())
      states_[presence.practitioner().hsa_id()] = presence.state();
    for (const std::string& removed : message.removed_practitioners()) {
      states_.erase(removed.substr(removed.rfind('/') + 1));
    }
  }
  const std::map<std::string, v1::PresenceState>& states() const { return states_; }

 private:
  std::map<std::string, v1::PresenceState> states_;
};

TEST_F(PresenceApiTest, AWatchOnALineFollowsItsPeopleThroughAChange) {
  Watch watch = OpenOnLine();
  grpc::ClientReader<v1::WatchPresenceResponse>* stream = watch.stream.get();
  WatchedView view;
  auto until = [&](std::map<std::string, v1::PresenceState> wanted) {
    return [&view, wanted](const v1::WatchPresenceResponse& m) {
      view.Apply(m);
      return view.states() == wanted;
    };
  };
  std::vector<v1::WatchPresenceResponse> first = ReadUntil(
      *stream,
      until({{"SE2321000057-D001", v1::PRESENCE_STATE_UNKNOWN}, {"SE2321000057-D002", v1::PRESENCE_STATE_UNKNOWN}}));
  ASSERT_TRUE(first.front().snapshot());
  EXPECT_TRUE(first.front().presence_known());

  v1::Presence presence;
  ASSERT_TRUE(Update("D002", v1::PRESENCE_STATE_BUSY, presence).ok());
  ReadUntil(*stream,
            until({{"SE2321000057-D001", v1::PRESENCE_STATE_UNKNOWN}, {"SE2321000057-D002", v1::PRESENCE_STATE_BUSY}}));
  // Somebody else is not watched.
  ASSERT_TRUE(Update("D004", v1::PRESENCE_STATE_AVAILABLE, presence).ok());

  ASSERT_TRUE(Update("D005", v1::PRESENCE_STATE_AVAILABLE, presence).ok());
  const absl::Time now = absl::Now();
  v1::Override sick;
  sick.set_kind(v1::OVERRIDE_KIND_REPLACE);
  sick.mutable_practitioner()->set_name(Doctor("D005"));
  sick.mutable_replaced_practitioner()->set_name(Doctor("D001"));
  *sick.mutable_interval() = Between(now - absl::Minutes(1), now + absl::Hours(2));
  v1::Override created;
  ASSERT_TRUE(CreateOverride(line_.name(), sick, created).ok());
  std::vector<v1::WatchPresenceResponse> change = ReadUntil(
      *stream,
      until({{"SE2321000057-D002", v1::PRESENCE_STATE_BUSY}, {"SE2321000057-D005", v1::PRESENCE_STATE_AVAILABLE}}));
  if (!change.back().snapshot()) {
    EXPECT_THAT(change.back().removed_practitioners(), ::testing::ElementsAre(Doctor("D001")));
  }
  for (const v1::WatchPresenceResponse& message : change) {
    for (const v1::Presence& p : message.presences()) EXPECT_NE(p.practitioner().hsa_id(), "SE2321000057-D004");
  }
  watch.context->TryCancel();
}

TEST_F(PresenceApiTest, AChangeMadeThroughOneReplicaReachesAWatchOnAnother) {
  // A second replica of the service: its own server and Redis connections,
  // the same database and Redis.
  RosterServiceImpl replica(*context_, options_);
  server::ServerOptions server_options;
  server_options.grpc_address = {"127.0.0.1", 0};
  server_options.http_address = {"127.0.0.1", 0};
  server_options.plaintext = true;
  auto server =
      server::GrpcServer::Start(server_options, {{&replica, v1::RosterService::service_full_name()}}, registry_);
  ASSERT_TRUE(server.ok()) << server.status();
  auto other = v1::RosterService::NewStub(samspar::testing::LoopbackChannel((*server)->grpc_port()));

  v1::WatchPresenceRequest request;
  request.set_parent("regions/06");
  request.set_line(line_.name());
  auto context = As(kClinician);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  std::unique_ptr<grpc::ClientReader<v1::WatchPresenceResponse>> stream = other->WatchPresence(context.get(), request);
  ReadUntil(*stream, [](const v1::WatchPresenceResponse& m) { return m.snapshot() && m.presence_known(); });
  v1::Presence presence;
  ASSERT_TRUE(Update("D001", v1::PRESENCE_STATE_AVAILABLE, presence).ok());  // through the first replica
  ReadUntil(*stream, [](const v1::WatchPresenceResponse& m) { return Shows(m, "D001", v1::PRESENCE_STATE_AVAILABLE); });
  // The other replica's answers follow too (it keeps presence it has read,
  // kept current by the same events).
  v1::ResolveOnCallRequest resolve;
  resolve.set_name(line_.name());
  v1::ResolveOnCallResponse answer;
  ASSERT_TRUE(other->ResolveOnCall(As(kClinician).get(), resolve, &answer).ok());
  EXPECT_EQ(answer.answer().steps(0).contacts(0).presence(), v1::PRESENCE_STATE_AVAILABLE);
  ASSERT_TRUE(Update("D001", v1::PRESENCE_STATE_BUSY, presence).ok());
  ReadUntil(*stream, [](const v1::WatchPresenceResponse& m) { return Shows(m, "D001", v1::PRESENCE_STATE_BUSY); });
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  v1::PresenceState seen = v1::PRESENCE_STATE_UNSPECIFIED;
  while (seen != v1::PRESENCE_STATE_BUSY && absl::Now() < give_up) {
    ASSERT_TRUE(other->ResolveOnCall(As(kClinician).get(), resolve, &answer).ok());
    seen = answer.answer().steps(0).contacts(0).presence();
  }
  EXPECT_EQ(seen, v1::PRESENCE_STATE_BUSY);
  context->TryCancel();
  (*server)->Shutdown(absl::Seconds(1));
}

TEST_F(PresenceApiTest, AnswersKeepComingWhileRedisIsDownAndRecoverWhenItReturns) {
  v1::Presence presence;
  ASSERT_TRUE(Update("D001", v1::PRESENCE_STATE_AVAILABLE, presence).ok());
  ASSERT_EQ(Resolve().steps(0).contacts(0).presence(), v1::PRESENCE_STATE_AVAILABLE);
  Watch watch = OpenOnLine();
  grpc::ClientReader<v1::WatchPresenceResponse>* stream = watch.stream.get();
  ReadUntil(*stream, [](const v1::WatchPresenceResponse& m) { return m.snapshot() && m.presence_known(); });

  ASSERT_TRUE(redis_.Stop().ok());
  // Every answer comes, within a deadline a router would set, from the
  // roster alone.
  int unknown_answers = 0;
  for (int i = 0; i < 20; ++i) {
    v1::OnCallAnswer answer = Resolve(absl::Seconds(1));
    ASSERT_EQ(answer.steps(0).contacts_size(), 1);
    EXPECT_EQ(answer.steps(0).contacts(0).practitioner().hsa_id(), "SE2321000057-D001");
    if (!answer.presence_known()) {
      ++unknown_answers;
      EXPECT_EQ(answer.steps(0).contacts(0).presence(), v1::PRESENCE_STATE_UNKNOWN);
      EXPECT_TRUE(answer.steps(0).contacts(0).routable());
    }
  }
  EXPECT_EQ(unknown_answers, 20);
  ReadUntil(*stream, [](const v1::WatchPresenceResponse& m) { return !m.presence_known(); });
  EXPECT_EQ(Reason(Update("D001", v1::PRESENCE_STATE_BUSY, presence)), "PRESENCE_STORE_UNAVAILABLE");

  ASSERT_TRUE(redis_.Start().ok());
  // Recovery needs nobody: within a few seconds presence is known again
  // (the restarted Redis kept nothing, so presence is UNKNOWN but known).
  const absl::Time give_up = absl::Now() + absl::Seconds(15);
  bool recovered = false;
  while (!recovered && absl::Now() < give_up) {
    recovered = Resolve(absl::Seconds(1)).presence_known();
    if (!recovered) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(recovered);
  ReadUntil(*stream, [](const v1::WatchPresenceResponse& m) { return m.snapshot() && m.presence_known(); });
  ASSERT_TRUE(Update("D001", v1::PRESENCE_STATE_BUSY, presence).ok());
  EXPECT_EQ(Resolve().steps(0).contacts(0).presence(), v1::PRESENCE_STATE_BUSY);
  watch.context->TryCancel();
}

}  // namespace
}  // namespace samspar::roster
