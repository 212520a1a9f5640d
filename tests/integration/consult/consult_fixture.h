#ifndef SAMSPAR_TESTS_INTEGRATION_CONSULT_CONSULT_FIXTURE_H_
#define SAMSPAR_TESTS_INTEGRATION_CONSULT_CONSULT_FIXTURE_H_

// The consult service over real gRPC, routing with the real roster service
// (presence in a real redis-server), on its own SQLite file, with a clock
// the test moves: timers run when the test sweeps them (RunDueTimers) and
// events are delivered when it says (DeliverEvents). A replica is another
// ConsultServiceImpl on the same database file; a restart is a new one.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "common/api/proto_time.h"
#include "common/audit/access_log.h"
#include "common/ids/resource_id.h"
#include "common/server/grpc_server.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "samspar/v1/consult.grpc.pb.h"
#include "services/consult/api/consult_service.h"
#include "services/consult/consult_schema.h"
#include "services/metrics/events/event_validation.h"
#include "tests/integration/consult/consult_roster_fixture.h"
#include "tests/support/test_patients.h"

namespace samspar::consult::testing {

// A GP at a health centre asking; their token names their unit.
inline const identity::Person kGpRequester{
    .hsa_id = "SE2321000057-1001", .unit_hsa_id = "SE2321000057-0001", .roles = {identity::Role::kClinician}};
// An ambulance nurse from a station.
inline const identity::Person kAmbulanceCrew{
    .hsa_id = "SE2321000057-A101", .unit_hsa_id = "SE2321000057-A001", .roles = {identity::Role::kAmbulance}};
// A municipal nurse.
inline const identity::Person kMunicipalNurse{
    .hsa_id = "SE2321000057-M101", .unit_hsa_id = "SE2321000057-M001", .roles = {identity::Role::kMunicipalNurse}};
inline const identity::Person kCoordinator{
    .hsa_id = "SE2321000057-C101", .unit_hsa_id = "SE2321000057-0001", .roles = {identity::Role::kCareCoordinator}};

// A doctor of the clinic (on_call_fixture.h) as a caller.
inline identity::Person DoctorCaller(const std::string& id) {
  return {.hsa_id = "SE2321000057-" + id, .unit_hsa_id = "SE2321000057-K001", .roles = {identity::Role::kClinician}};
}

inline constexpr char kSwitchboard[] = "+46101010000";

// The clock of the consult service under test.
class TestClock {
 public:
  absl::Time Now() {
    absl::MutexLock lock(&mutex_);
    return now_;
  }
  void Advance(absl::Duration by) {
    absl::MutexLock lock(&mutex_);
    now_ += by;
  }
  // Moves the clock to `to`, e.g. to a Saturday when a weekday line is closed.
  void Set(absl::Time to) {
    absl::MutexLock lock(&mutex_);
    now_ = to;
  }

 private:
  absl::Mutex mutex_;
  // Whole seconds: the API's times carry microseconds.
  absl::Time now_ = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
};

// One consult service process: its implementation and its gRPC server.
struct ConsultReplica {
  std::unique_ptr<sql::Database> database;
  http::MetricsRegistry registry;
  std::unique_ptr<server::ServiceContext> context;
  std::unique_ptr<ConsultServiceImpl> service;
  std::unique_ptr<server::GrpcServer> server;
  std::unique_ptr<v1::ConsultService::Stub> stub;

  ~ConsultReplica() {
    if (server != nullptr) server->Shutdown(absl::Seconds(1));
  }
};

class ConsultFixture : public ConsultRosterFixture {
 protected:
  void SetUp() override {
    ConsultRosterFixture::SetUp();
    if (HasFatalFailure()) return;
    CreateUnit("SE2321000057-0001", v1::UNIT_TYPE_HEALTH_CENTRE);
    CreateUnit("SE2321000057-A001", v1::UNIT_TYPE_AMBULANCE_STATION);
    CreateUnit("SE2321000057-M001", v1::UNIT_TYPE_MUNICIPAL_UNIT);
    patients_ = samspar::testing::SkatteverketTestNumbers(4);
    replica_ = StartReplica();
    ASSERT_NE(replica_, nullptr);
  }

  void TearDown() override {
    replica_.reset();
    ConsultRosterFixture::TearDown();
  }

  // What each replica is started with; a test may change it first.
  ConsultOptions Options() {
    ConsultOptions options;
    options.roster =
        roster_channel_ != nullptr ? roster_channel_ : samspar::testing::LoopbackChannel(server_->grpc_port());
    options.roster_tokens = [this](const std::string& region) { return ConsultSystemTokens(region); };
    options.metrics = metrics_channel_;
    options.metrics_tokens = options.roster_tokens;
    options.subject_keys = *events::SubjectKeys::FromSecrets({{"06", std::string(64, 'a')}});
    options.switchboards = {{"06", kSwitchboard}};
    options.roster_timeout = absl::Seconds(2);
    options.timer_interval = absl::ZeroDuration();
    options.delivery_interval = absl::ZeroDuration();
    options.watch_poll_interval = absl::Milliseconds(100);
    options.clock = [this] { return clock_.Now(); };
    return options;
  }

  // A consult service on the fixture's consult database.
  std::unique_ptr<ConsultReplica> StartReplica() {
    auto replica = std::make_unique<ConsultReplica>();
    auto database = sql::OpenDatabase(dir_.File("consult.db"));
    EXPECT_TRUE(database.ok()) << database.status();
    if (!database.ok()) return nullptr;
    replica->database = std::move(*database);
    EXPECT_TRUE(sql::ApplyMigrations(*replica->database, "consult", kConsultMigrations).ok());
    replica->context = std::make_unique<server::ServiceContext>(
        server::ServiceContext{*replica->database, replica->registry, *guard_});
    replica->service = std::make_unique<ConsultServiceImpl>(*replica->context, Options());
    server::ServerOptions options;
    options.grpc_address = {"127.0.0.1", 0};
    options.http_address = {"127.0.0.1", 0};
    options.plaintext = true;
    auto server = server::GrpcServer::Start(
        options, {{replica->service.get(), v1::ConsultService::service_full_name(), {}}}, replica->registry);
    EXPECT_TRUE(server.ok()) << server.status();
    if (!server.ok()) return nullptr;
    replica->server = std::move(*server);
    replica->stub = v1::ConsultService::NewStub(samspar::testing::LoopbackChannel(replica->server->grpc_port()));
    return replica;
  }

  // Stops the service and starts it again on the same database.
  void Restart() {
    replica_.reset();
    replica_ = StartReplica();
    ASSERT_NE(replica_, nullptr);
  }

  v1::ConsultService::Stub& Consults() { return *replica_->stub; }
  ConsultServiceImpl& Service() { return *replica_->service; }

  v1::CreateConsultRequest Ask(v1::Track track, v1::ConsultTarget target, const std::string& question = "") {
    v1::CreateConsultRequest request;
    request.set_parent("regions/06");
    request.set_request_id(ids::NewUuid());
    v1::Consult& consult = *request.mutable_consult();
    consult.set_track(track);
    *consult.mutable_target() = std::move(target);
    consult.set_question(question.empty() ? "Bröstsmärta sedan i morse, normalt EKG. Inläggning?" : question);
    consult.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
    consult.mutable_patient()->set_value(patients_[0]);
    consult.set_priority(v1::PRIORITY_COLOUR_YELLOW);
    return request;
  }

  grpc::Status Create(const v1::CreateConsultRequest& request, v1::Consult& created,
                      const identity::Person& as = kGpRequester) {
    return Consults().CreateConsult(As(as).get(), request, &created);
  }

  v1::Consult MustCreate(const v1::CreateConsultRequest& request, const identity::Person& as = kGpRequester) {
    v1::Consult created;
    grpc::Status status = Create(request, created, as);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  v1::Consult Get(const std::string& name, const identity::Person& as = kGpRequester) {
    v1::GetConsultRequest request;
    request.set_name(name);
    v1::Consult consult;
    grpc::Status status = Consults().GetConsult(As(as).get(), request, &consult);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return consult;
  }

  grpc::Status Accept(const std::string& name, const identity::Person& as, v1::Consult* accepted = nullptr) {
    v1::AcceptConsultRequest request;
    request.set_name(name);
    v1::Consult response;
    grpc::Status status = Consults().AcceptConsult(As(as).get(), request, &response);
    if (accepted != nullptr) *accepted = response;
    return status;
  }

  grpc::Status Decline(const std::string& name, const identity::Person& as, v1::DeclineReason reason,
                       const std::string& note = "", v1::Consult* declined = nullptr) {
    v1::DeclineConsultRequest request;
    request.set_name(name);
    request.set_reason(reason);
    request.set_note(note);
    v1::Consult response;
    grpc::Status status = Consults().DeclineConsult(As(as).get(), request, &response);
    if (declined != nullptr) *declined = response;
    return status;
  }

  grpc::Status Answer(const std::string& name, const identity::Person& as, v1::ConsultOutcome outcome,
                      v1::Consult* answered = nullptr) {
    v1::AnswerConsultRequest request;
    request.set_name(name);
    request.set_answer("Skicka in för inläggning via akutmottagningen, ring mig vid försämring.");
    request.set_outcome(outcome);
    v1::Consult response;
    grpc::Status status = Consults().AnswerConsult(As(as).get(), request, &response);
    if (answered != nullptr) *answered = response;
    return status;
  }

  grpc::Status Close(const std::string& name, const identity::Person& as, v1::Consult* closed = nullptr) {
    v1::CloseConsultRequest request;
    request.set_name(name);
    v1::Consult response;
    grpc::Status status = Consults().CloseConsult(As(as).get(), request, &response);
    if (closed != nullptr) *closed = response;
    return status;
  }

  grpc::Status Cancel(const std::string& name, const identity::Person& as, v1::Consult* cancelled = nullptr) {
    v1::CancelConsultRequest request;
    request.set_name(name);
    request.set_reason("Patienten har åkt till akuten");
    v1::Consult response;
    grpc::Status status = Consults().CancelConsult(As(as).get(), request, &response);
    if (cancelled != nullptr) *cancelled = response;
    return status;
  }

  // Adds `text` to the consult's conversation; a retry passes the first
  // call's request_id.
  grpc::Status Say(const std::string& consult, const identity::Person& as, const std::string& text,
                   v1::ConsultMessage* said = nullptr, const std::string& request_id = "") {
    v1::CreateConsultMessageRequest request;
    request.set_parent(consult);
    request.set_request_id(request_id.empty() ? ids::NewUuid() : request_id);
    request.mutable_message()->set_text(text);
    v1::ConsultMessage response;
    grpc::Status status = Consults().CreateConsultMessage(As(as).get(), request, &response);
    if (said != nullptr) *said = response;
    return status;
  }

  // The history's actions, oldest first.
  static std::vector<v1::ConsultHistoryAction> Actions(const v1::Consult& consult) {
    std::vector<v1::ConsultHistoryAction> actions;
    for (const v1::ConsultHistoryEntry& entry : consult.history()) actions.push_back(entry.action());
    return actions;
  }

  // The metrics events waiting in the consult database's outbox, by type;
  // each must pass the metrics service's own checks.
  std::vector<v1::EventType> OutboxEvents() {
    std::vector<v1::EventType> types;
    auto rows = replica_->database->Query("SELECT payload FROM outbox ORDER BY rowid", {});
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok()) return types;
    for (const sql::Row& row : *rows) {
      v1::Event event;
      EXPECT_TRUE(event.ParseFromString(*row.GetBlob(0)));
      event.set_event_id(ids::NewUuid());  // as the relay sends it
      const absl::optional<metrics::EventRejection> rejected =
          metrics::ValidateEvent(event, "06", clock_.Now() + absl::Minutes(1));
      EXPECT_FALSE(rejected.has_value()) << v1::EventType_Name(event.type()) << ": " << rejected->reason << " "
                                         << rejected->field << " " << rejected->description;
      types.push_back(event.type());
    }
    return types;
  }

  // The consult database's access log of `patient`, under every identifier
  // linked to it, newest first.
  std::vector<audit::AccessRecord> AccessLogOf(const audit::PatientId& patient) {
    audit::AccessLogQuery query{
        .region = "06", .subject = audit::QueryKind::kByPatient, .patient = patient, .since = absl::UnixEpoch()};
    query.limit = 100;
    absl::StatusOr<audit::AccessLogPage> page = audit::ReadAccessLog(*replica_->database, query);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->entries : std::vector<audit::AccessRecord>{};
  }

  TestClock clock_;
  std::vector<std::string> patients_;
  // Set before StartReplica to route elsewhere (e.g. a roster that is down)
  // or to deliver events to a metrics service.
  std::shared_ptr<grpc::Channel> roster_channel_;
  std::shared_ptr<grpc::Channel> metrics_channel_;
  std::unique_ptr<ConsultReplica> replica_;
};

}  // namespace samspar::consult::testing

#endif  // SAMSPAR_TESTS_INTEGRATION_CONSULT_CONSULT_FIXTURE_H_
