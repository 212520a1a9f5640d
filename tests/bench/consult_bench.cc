// A consult's life through the consult service, against a plain SQLite
// insert loop of the same durability measured in the same run: the consult
// service over real gRPC on a loopback port with its own SQLite file (WAL,
// synchronous=FULL), routing with the roster service over real gRPC with
// presence in a real redis-server, as the integration tests run them.
//
//   consult_bench [--consults=2000] [--clients=4]
//
// Each consult is created by a GP at a health centre for an acute 24/7
// line, accepted by the doctor on call and answered with an outcome: three
// calls, each one durable commit of the consult with its history, its
// metrics events and its access-log entry. Timers and delivery are off and
// no metrics service is configured, so the events stay in the outbox, as
// they do until a relay sends them. The same number of consults is run from
// one client and from --clients concurrent clients, each into a new
// database file; each client waits for its answer before the next call.
//
// The baseline writes three single-row transactions a consult, each
// inserting a blob about the size of an answered consult, into a file
// opened as the service opens its own, from as many threads. The ratio of
// the two rates is what the service adds to the commits it cannot avoid.
// What a commit costs depends on the disk and on whoever else syncs to it,
// which can change within seconds on a shared machine: the service and the
// baseline therefore take turns, in slices of each run, each going first
// every other turn.
//
// CreateConsult asks the roster twice (the requester's unit, then the
// line's routing); the roster gateway's two calls are also timed on their
// own, as the service makes them.
//
// Tokens of the clients are minted before the clock starts (each is
// accepted once, as in production); the consult service signs its own for
// the roster on every call, as it does in production. The figures are
// wall-clock times on a machine whose cores the clients share with both
// services.

#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "common/api/proto_time.h"
#include "common/calendar/stockholm_time.h"
#include "common/client/channel.h"
#include "common/events/subject_keys.h"
#include "common/http/metrics_registry.h"
#include "common/ids/resource_id.h"
#include "common/server/call_guard.h"
#include "common/server/grpc_server.h"
#include "common/server/service_main.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "samspar/v1/consult.grpc.pb.h"
#include "samspar/v1/roster.grpc.pb.h"
#include "services/consult/api/consult_service.h"
#include "services/consult/consult_options.h"
#include "services/consult/consult_schema.h"
#include "services/consult/routing/roster_gateway.h"
#include "services/roster/roster_service.h"
#include "tests/bench/bench_support.h"
#include "tests/integration/roster/roster_builders.h"
#include "tests/support/redis_server.h"
#include "tests/support/service_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_identity_provider.h"
#include "tests/support/test_patients.h"

ABSL_FLAG(int, consults, 2000, "consults created, accepted and answered in each run, and calls of each roster phase");
ABSL_FLAG(int, clients, 4,
          "concurrent clients of the second run (the first has one), each waiting for its answer before the next call");

namespace samspar::consult {
namespace {

using samspar::testing::TestIdentityProvider;

constexpr char kUsage[] =
    "CreateConsult -> AcceptConsult -> AnswerConsult of the consult service over loopback gRPC, against a plain "
    "SQLite insert loop of the same durability measured in the same run.\n\n"
    "  consult_bench [--consults=2000] [--clients=4]";
constexpr char kRegionCode[] = "06";
constexpr char kRegion[] = "regions/06";
constexpr char kRequesterUnit[] = "regions/06/units/SE2321000057-0001";
constexpr char kRequester[] = "regions/06/practitioners/SE2321000057-1001";
// About an answered consult as its participants read it (the run prints the
// real size).
constexpr size_t kBaselineRowBytes = 2048;
constexpr int kCommitsPerConsult = 3;
// The service and the baseline take turns in this many slices of a run.
constexpr int kTurns = 20;
// The consults name these patients in turn.
constexpr size_t kPatients = 50;
constexpr absl::Duration kCallTimeout = absl::Seconds(30);

const identity::Person kAdmin{
    .hsa_id = "SE2321000057-9100", .unit_hsa_id = "SE2321000057-0001", .roles = {identity::Role::kRegionAdmin}};
// A GP at a health centre; their token names their unit.
const identity::Person kGp{
    .hsa_id = "SE2321000057-1001", .unit_hsa_id = "SE2321000057-0001", .roles = {identity::Role::kClinician}};
// Dr Berg of the clinic, on call on the line around the clock.
const identity::Person kOnCall{
    .hsa_id = "SE2321000057-D001", .unit_hsa_id = "SE2321000057-K001", .roles = {identity::Role::kClinician}};
// What the consult service is to the roster.
const identity::System kConsultSystem{.client_id = "samspar-consult", .scopes = {"roster.read", "directory.read"}};

double Milliseconds(absl::Duration duration) { return absl::ToDoubleMilliseconds(duration); }

// The consult service's tokens for the roster, signed on every call.
RosterGateway::RegionTokens ConsultSystemTokens(const TestIdentityProvider& identity) {
  return [&identity](const std::string& region) -> client::TokenSource {
    return [&identity, region]() -> absl::StatusOr<std::string> {
      return identity.TokenForSystem(kConsultSystem, region);
    };
  };
}

// ---------------------------------------------------------------------------
// The services
// ---------------------------------------------------------------------------

// The roster service on its SQLite file with presence in a redis-server of
// its own.
class Roster {
 public:
  static absl::StatusOr<std::unique_ptr<Roster>> Start(const samspar::testing::TempDir& dir,
                                                       const TestIdentityProvider& identity) {
    auto started = std::unique_ptr<Roster>(new Roster());
    if (absl::Status redis = started->redis_.Start(); !redis.ok()) return redis;
    absl::StatusOr<std::unique_ptr<server::CallGuard>> guard = identity.Guard();
    if (!guard.ok()) return guard.status();
    started->guard_ = std::move(*guard);
    absl::StatusOr<std::unique_ptr<sql::Database>> database = roster::testing::OpenRosterDatabase(dir);
    if (!database.ok()) return database.status();
    started->database_ = std::move(*database);
    absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
    if (!zone.ok()) return zone.status();
    started->context_ = std::make_unique<server::ServiceContext>(
        server::ServiceContext{*started->database_, started->registry_, *started->guard_});
    roster::RosterOptions options;
    options.zone = *zone;
    options.redis.port = started->redis_.port();
    started->service_ = std::make_unique<roster::RosterServiceImpl>(*started->context_, options);
    absl::StatusOr<std::unique_ptr<server::GrpcServer>> server =
        bench::ServeOnLoopback({started->service_.get(), v1::RosterService::service_full_name()}, started->registry_);
    if (!server.ok()) return server.status();
    started->server_ = std::move(*server);
    return started;
  }

  ~Roster() {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  }

  std::shared_ptr<grpc::Channel> NewChannel() const { return samspar::testing::LoopbackChannel(server_->grpc_port()); }

 private:
  Roster() = default;

  samspar::testing::RedisServer redis_;
  std::unique_ptr<server::CallGuard> guard_;
  std::unique_ptr<sql::Database> database_;
  http::MetricsRegistry registry_;
  std::unique_ptr<server::ServiceContext> context_;
  std::unique_ptr<roster::RosterServiceImpl> service_;
  std::unique_ptr<server::GrpcServer> server_;
};

// The GP's health centre, the clinic with Dr Berg (a mobile number to be
// reached on), and the clinic's acute 24/7 line with Dr Berg on call every
// day and AVAILABLE; returns the line's name.
absl::StatusOr<std::string> StaffTheLine(v1::RosterService::Stub& stub, const TestIdentityProvider& identity) {
  auto as = [&](const identity::Person& person) {
    return client::ContextWithToken(kCallTimeout, identity.TokenFor(person, kRegionCode));
  };
  auto failed = [](absl::string_view what, const grpc::Status& status) {
    return absl::InternalError(absl::StrCat(what, ": ", status.error_message()));
  };
  for (const auto& [hsa_id, type] : {std::pair{"SE2321000057-0001", v1::UNIT_TYPE_HEALTH_CENTRE},
                                     std::pair{"SE2321000057-K001", v1::UNIT_TYPE_HOSPITAL_CLINIC}}) {
    v1::CreateUnitRequest unit;
    unit.set_parent(kRegion);
    unit.mutable_unit()->set_hsa_id(hsa_id);
    unit.mutable_unit()->set_display_name(type == v1::UNIT_TYPE_HEALTH_CENTRE ? "Vårdcentralen Ljungarum"
                                                                              : "Medicinkliniken Ryhov");
    unit.mutable_unit()->set_unit_type(type);
    v1::Unit created;
    if (grpc::Status status = stub.CreateUnit(as(kAdmin).get(), unit, &created); !status.ok()) {
      return failed("CreateUnit", status);
    }
  }
  v1::CreatePractitionerRequest doctor;
  doctor.set_parent(kRegion);
  doctor.mutable_practitioner()->set_hsa_id(kOnCall.hsa_id);
  doctor.mutable_practitioner()->set_given_name("Dr");
  doctor.mutable_practitioner()->set_family_name("Berg");
  doctor.mutable_practitioner()->set_profession(v1::PROFESSION_PHYSICIAN);
  doctor.mutable_practitioner()->add_units()->set_name(roster::testing::kClinic);
  v1::ContactPoint& mobile = *doctor.mutable_practitioner()->add_contact_points();
  mobile.set_kind(v1::CONTACT_POINT_KIND_MOBILE);
  mobile.set_value("+46701234149");
  v1::Practitioner created_doctor;
  if (grpc::Status status = stub.CreatePractitioner(as(kAdmin).get(), doctor, &created_doctor); !status.ok()) {
    return failed("CreatePractitioner", status);
  }
  v1::CreateLineRequest line;
  line.set_parent(kRegion);
  *line.mutable_line() = roster::testing::AcuteLine();
  v1::Line created_line;
  if (grpc::Status status = stub.CreateLine(as(kAdmin).get(), line, &created_line); !status.ok()) {
    return failed("CreateLine", status);
  }
  absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
  if (!zone.ok()) return zone.status();
  v1::CreateRotationRequest rotation;
  rotation.set_parent(created_line.name());
  *rotation.mutable_rotation() =
      roster::testing::DailyRotation({created_doctor.name()}, absl::ToCivilDay(absl::Now(), *zone) - 10);
  v1::Rotation created_rotation;
  if (grpc::Status status = stub.CreateRotation(as(kAdmin).get(), rotation, &created_rotation); !status.ok()) {
    return failed("CreateRotation", status);
  }
  v1::UpdatePresenceRequest presence;
  presence.mutable_presence()->set_name(created_doctor.name() + "/presence");
  presence.mutable_presence()->set_state(v1::PRESENCE_STATE_AVAILABLE);
  *presence.mutable_ttl() = api::ToProtoDuration(absl::Hours(12));
  v1::Presence set;
  if (grpc::Status status = stub.UpdatePresence(as(kOnCall).get(), presence, &set); !status.ok()) {
    return failed("UpdatePresence", status);
  }
  return created_line.name();
}

// The consult service on a database file of its own, with timers, delivery
// and metrics off.
class ConsultReplica {
 public:
  static absl::StatusOr<std::unique_ptr<ConsultReplica>> Start(const std::string& database_file,
                                                               const TestIdentityProvider& identity,
                                                               std::shared_ptr<grpc::Channel> roster) {
    auto replica = std::unique_ptr<ConsultReplica>(new ConsultReplica());
    absl::StatusOr<std::unique_ptr<server::CallGuard>> guard = identity.Guard();
    if (!guard.ok()) return guard.status();
    replica->guard_ = std::move(*guard);
    absl::StatusOr<std::unique_ptr<sql::Database>> database = sql::OpenDatabase(database_file);
    if (!database.ok()) return database.status();
    replica->database_ = std::move(*database);
    if (absl::StatusOr<int> migrated = sql::ApplyMigrations(*replica->database_, "consult", kConsultMigrations);
        !migrated.ok()) {
      return migrated.status();
    }
    absl::StatusOr<events::SubjectKeys> subject_keys =
        events::SubjectKeys::FromSecrets({{kRegionCode, std::string(64, 'a')}});
    if (!subject_keys.ok()) return subject_keys.status();
    ConsultOptions options;
    options.roster = std::move(roster);
    options.roster_tokens = ConsultSystemTokens(identity);
    options.subject_keys = *std::move(subject_keys);
    options.switchboards = {{kRegionCode, "+46101010000"}};
    options.timer_interval = absl::ZeroDuration();
    options.delivery_interval = absl::ZeroDuration();
    replica->context_ = std::make_unique<server::ServiceContext>(
        server::ServiceContext{*replica->database_, replica->registry_, *replica->guard_});
    replica->service_ = std::make_unique<ConsultServiceImpl>(*replica->context_, std::move(options));
    absl::StatusOr<std::unique_ptr<server::GrpcServer>> server =
        bench::ServeOnLoopback({replica->service_.get(), v1::ConsultService::service_full_name()}, replica->registry_);
    if (!server.ok()) return server.status();
    replica->server_ = std::move(*server);
    return replica;
  }

  ~ConsultReplica() {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  }

  // A client of its own, on a channel of its own.
  std::unique_ptr<v1::ConsultService::Stub> NewClient() const {
    return v1::ConsultService::NewStub(samspar::testing::LoopbackChannel(server_->grpc_port()));
  }

 private:
  ConsultReplica() = default;

  std::unique_ptr<server::CallGuard> guard_;
  std::unique_ptr<sql::Database> database_;
  http::MetricsRegistry registry_;
  std::unique_ptr<server::ServiceContext> context_;
  std::unique_ptr<ConsultServiceImpl> service_;
  std::unique_ptr<server::GrpcServer> server_;
};

// ---------------------------------------------------------------------------
// Taking turns
// ---------------------------------------------------------------------------

// What the slices of a run add up to.
struct Totals {
  int64_t consults = 0;
  int64_t failed = 0;  // consults with a call or a commit that failed
  absl::Duration elapsed = absl::ZeroDuration();

  double ConsultsPerSecond() const { return static_cast<double>(consults - failed) / absl::ToDoubleSeconds(elapsed); }
};

// `consults` consults from `clients` threads (thread c lives consults c,
// c + clients, ...), each ending one before it starts the next; adds them
// and their wall-clock time to `totals`. The run's first failure is shown.
void RunClients(int clients, int consults, const char* what,
                const std::function<absl::Status(int client, int consult)>& live, Totals& totals) {
  std::atomic<int64_t> failed{0};
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = c; i < consults; i += clients) {
        absl::Status lived = live(c, i);
        if (!lived.ok() && failed.fetch_add(1) == 0 && totals.failed == 0) {
          std::fprintf(stderr, "consult_bench: %s: %s\n", what, lived.ToString().c_str());
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  totals.elapsed += absl::Now() - start;
  totals.consults += consults;
  totals.failed += failed.load();
}

void Append(std::vector<double>& to, const std::vector<double>& from) { to.insert(to.end(), from.begin(), from.end()); }

// ---------------------------------------------------------------------------
// The consult service's clients
// ---------------------------------------------------------------------------

// One consult's calls, with their tokens, made before the clock starts.
struct ConsultScript {
  v1::CreateConsultRequest create;
  std::string gp_token;
  std::string accept_token;
  std::string answer_token;
};

struct RpcTimes {
  std::vector<double> create_ms;
  std::vector<double> accept_ms;
  std::vector<double> answer_ms;
};

// Creates, accepts and answers the consult of `script`, adding each call's
// time to `times`; the first call that fails ends it, with what failed.
absl::Status LiveOneConsult(v1::ConsultService::Stub& stub, const ConsultScript& script, RpcTimes& times,
                            size_t& answered_bytes) {
  auto timed = [](std::vector<double>& into, auto call) {
    const absl::Time before = absl::Now();
    const grpc::Status status = call();
    into.push_back(Milliseconds(absl::Now() - before));
    return status;
  };
  v1::Consult created;
  grpc::Status status = timed(times.create_ms, [&] {
    return stub.CreateConsult(client::ContextWithToken(kCallTimeout, script.gp_token).get(), script.create, &created);
  });
  if (!status.ok()) return absl::InternalError(absl::StrCat("CreateConsult: ", status.error_message()));
  if (created.state() != v1::CONSULT_STATE_OFFERED) {
    return absl::InternalError(absl::StrCat("CreateConsult left the consult ", v1::ConsultState_Name(created.state()),
                                            ", not offered to the doctor on call"));
  }
  v1::AcceptConsultRequest accept;
  accept.set_name(created.name());
  v1::Consult accepted;
  status = timed(times.accept_ms, [&] {
    return stub.AcceptConsult(client::ContextWithToken(kCallTimeout, script.accept_token).get(), accept, &accepted);
  });
  if (!status.ok()) return absl::InternalError(absl::StrCat("AcceptConsult: ", status.error_message()));
  v1::AnswerConsultRequest answer;
  answer.set_name(created.name());
  answer.set_answer("Skicka in för inläggning via akutmottagningen, ring mig vid försämring.");
  answer.set_outcome(v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  v1::Consult answered;
  status = timed(times.answer_ms, [&] {
    return stub.AnswerConsult(client::ContextWithToken(kCallTimeout, script.answer_token).get(), answer, &answered);
  });
  if (!status.ok()) return absl::InternalError(absl::StrCat("AnswerConsult: ", status.error_message()));
  answered_bytes = answered.ByteSizeLong();
  return absl::OkStatus();
}

// Concurrent clients of a consult service of their own, each on a channel
// of its own, as the apps of different callers are.
class ConsultClients {
 public:
  // Starts the service on `database_file`; each client then lives one
  // consult that is not counted, which connects it and the service's
  // channel to the roster.
  static absl::StatusOr<std::unique_ptr<ConsultClients>> Start(const std::string& database_file, int clients,
                                                               const std::string& line,
                                                               const std::vector<std::string>& patients,
                                                               const TestIdentityProvider& identity,
                                                               const Roster& roster) {
    absl::StatusOr<std::unique_ptr<ConsultReplica>> replica =
        ConsultReplica::Start(database_file, identity, roster.NewChannel());
    if (!replica.ok()) return replica.status();
    auto started = std::unique_ptr<ConsultClients>(new ConsultClients(line, patients, identity));
    started->replica_ = std::move(*replica);
    for (int c = 0; c < clients; ++c) {
      started->stubs_.push_back(started->replica_->NewClient());
      RpcTimes ignored;
      size_t bytes = 0;
      if (absl::Status lived = LiveOneConsult(*started->stubs_.back(), started->Scripts(1).front(), ignored, bytes);
          !lived.ok()) {
        return lived;
      }
    }
    return started;
  }

  // `consults` more consults.
  void Run(int consults) {
    const std::vector<ConsultScript> scripts = Scripts(consults);
    std::vector<RpcTimes> times(stubs_.size());
    std::vector<size_t> answered_bytes(stubs_.size(), 0);
    RunClients(
        static_cast<int>(stubs_.size()), consults, "consult service",
        [&](int c, int i) { return LiveOneConsult(*stubs_[c], scripts[i], times[c], answered_bytes[c]); }, totals_);
    for (size_t c = 0; c < stubs_.size(); ++c) {
      Append(times_.create_ms, times[c].create_ms);
      Append(times_.accept_ms, times[c].accept_ms);
      Append(times_.answer_ms, times[c].answer_ms);
      if (answered_bytes[c] > 0) answered_bytes_ = answered_bytes[c];
    }
  }

  const Totals& totals() const { return totals_; }
  const RpcTimes& times() const { return times_; }
  // An answered consult as its participants read it.
  size_t answered_bytes() const { return answered_bytes_; }

 private:
  ConsultClients(std::string line, std::vector<std::string> patients, const TestIdentityProvider& identity)
      : line_(std::move(line)), patients_(std::move(patients)), identity_(identity) {}

  // The calls of `count` consults, with their tokens minted now.
  std::vector<ConsultScript> Scripts(int count) {
    std::vector<ConsultScript> scripts(count);
    for (ConsultScript& script : scripts) {
      script.create.set_parent(kRegion);
      script.create.set_request_id(ids::NewUuid());
      v1::Consult& consult = *script.create.mutable_consult();
      consult.set_track(v1::TRACK_ACUTE);
      consult.mutable_target()->set_line(line_);
      consult.set_question(
          "Bröstsmärta sedan i morse, normalt EKG, troponin 18. Inläggning eller poliklinisk uppföljning?");
      consult.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
      consult.mutable_patient()->set_value(patients_[next_patient_++ % patients_.size()]);
      consult.set_priority(v1::PRIORITY_COLOUR_YELLOW);
      script.gp_token = identity_.TokenFor(kGp, kRegionCode);
      script.accept_token = identity_.TokenFor(kOnCall, kRegionCode);
      script.answer_token = identity_.TokenFor(kOnCall, kRegionCode);
    }
    return scripts;
  }

  const std::string line_;
  const std::vector<std::string> patients_;
  const TestIdentityProvider& identity_;
  std::unique_ptr<ConsultReplica> replica_;
  std::vector<std::unique_ptr<v1::ConsultService::Stub>> stubs_;
  size_t next_patient_ = 0;
  Totals totals_;
  RpcTimes times_;
  size_t answered_bytes_ = 0;
};

// ---------------------------------------------------------------------------
// The baseline
// ---------------------------------------------------------------------------

// kCommitsPerConsult transactions a consult, each inserting one row with a
// blob of kBaselineRowBytes, from as many threads as the service has
// clients, into a file opened as the service opens its own.
class InsertLoop {
 public:
  static absl::StatusOr<std::unique_ptr<InsertLoop>> Open(const std::string& database_file, int clients) {
    absl::StatusOr<std::unique_ptr<sql::Database>> database = sql::OpenDatabase(database_file);
    if (!database.ok()) return database.status();
    if (absl::StatusOr<int64_t> made =
            (*database)->Execute("CREATE TABLE consult_rows (row_id TEXT PRIMARY KEY, body BYTEA NOT NULL)");
        !made.ok()) {
      return made.status();
    }
    return std::unique_ptr<InsertLoop>(new InsertLoop(*std::move(database), clients));
  }

  // `consults` more consults' commits.
  void Run(int consults) {
    const int64_t first = totals_.consults;
    std::vector<std::vector<double>> commit_ms(clients_);
    auto live = [&](int c, int i) -> absl::Status {
      for (int k = 0; k < kCommitsPerConsult; ++k) {
        const std::string row_id = absl::StrCat(first + i, "/", k);
        const absl::Time before = absl::Now();
        absl::Status written = database_->RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
          return tx.Execute("INSERT INTO consult_rows (row_id, body) VALUES (?, ?)", {row_id, blob_}).status();
        });
        commit_ms[c].push_back(Milliseconds(absl::Now() - before));
        if (!written.ok()) return written;
      }
      return absl::OkStatus();
    };
    RunClients(clients_, consults, "baseline", live, totals_);
    for (const std::vector<double>& one : commit_ms) Append(commit_ms_, one);
  }

  const Totals& totals() const { return totals_; }
  const std::vector<double>& commit_ms() const { return commit_ms_; }

 private:
  InsertLoop(std::unique_ptr<sql::Database> database, int clients) : database_(std::move(database)), clients_(clients) {
    std::mt19937_64 random(1);
    blob_.bytes.resize(kBaselineRowBytes);
    for (char& byte : blob_.bytes) byte = static_cast<char>(random() & 0xff);
  }

  std::unique_ptr<sql::Database> database_;
  const int clients_;
  sql::Blob blob_;
  Totals totals_;
  std::vector<double> commit_ms_;
};

// ---------------------------------------------------------------------------
// The roster's share
// ---------------------------------------------------------------------------

struct GatewayRun {
  std::string name;
  int64_t failed = 0;
  std::vector<double> call_ms = {};
};

// `calls` calls of `call` one after the other, after one that connects.
GatewayRun TimeGatewayCalls(const std::string& name, int calls, const std::function<absl::Status()>& call) {
  GatewayRun run{.name = name};
  if (absl::Status warmed = call(); !warmed.ok()) {
    std::fprintf(stderr, "consult_bench: %s: %s\n", name.c_str(), warmed.ToString().c_str());
  }
  for (int i = 0; i < calls; ++i) {
    const absl::Time before = absl::Now();
    const absl::Status status = call();
    run.call_ms.push_back(Milliseconds(absl::Now() - before));
    if (!status.ok() && run.failed++ == 0) {
      std::fprintf(stderr, "consult_bench: %s: %s\n", name.c_str(), status.ToString().c_str());
    }
  }
  return run;
}

// The roster gateway's two calls of CreateConsult, as the service makes
// them: a fresh token each, the line's routing at the present, the
// service's default timeout.
std::vector<GatewayRun> RunGateway(int calls, const std::string& line, const TestIdentityProvider& identity,
                                   const Roster& roster) {
  RosterGateway gateway(roster.NewChannel(), ConsultSystemTokens(identity), ConsultOptions().roster_timeout);
  v1::ConsultTarget target;
  target.set_line(line);
  std::vector<GatewayRun> runs;
  runs.push_back(TimeGatewayCalls("RosterGateway::RequesterUnit", calls, [&] {
    return gateway.RequesterUnit(kRegionCode, kRequesterUnit, kRequester).status();
  }));
  runs.push_back(TimeGatewayCalls("RosterGateway::Route", calls, [&] {
    return gateway.Route(kRegionCode, v1::TRACK_ACUTE, target, absl::Now()).status();
  }));
  return runs;
}

// ---------------------------------------------------------------------------

// One number of clients: the consult service and the baseline, each on a
// new database file, taking turns.
struct PairedRun {
  int clients = 0;
  Totals service = {};
  RpcTimes times = {};
  size_t answered_bytes = 0;
  Totals baseline = {};
  std::vector<double> commit_ms = {};
};

absl::StatusOr<PairedRun> RunInTurns(const samspar::testing::TempDir& dir, int consults, int clients,
                                     const std::string& line, const std::vector<std::string>& patients,
                                     const TestIdentityProvider& identity, const Roster& roster) {
  absl::StatusOr<std::unique_ptr<InsertLoop>> baseline =
      InsertLoop::Open(dir.File(absl::StrFormat("baseline-%d.db", clients)), clients);
  if (!baseline.ok()) return baseline.status();
  absl::StatusOr<std::unique_ptr<ConsultClients>> service = ConsultClients::Start(
      dir.File(absl::StrFormat("consult-%d.db", clients)), clients, line, patients, identity, roster);
  if (!service.ok()) return service.status();
  for (int turn = 0; turn < kTurns; ++turn) {
    const int slice = consults / kTurns + (turn < consults % kTurns ? 1 : 0);
    // Each goes first every other turn, so that a drift favours neither.
    if (turn % 2 == 0) {
      (*baseline)->Run(slice);
      (*service)->Run(slice);
    } else {
      (*service)->Run(slice);
      (*baseline)->Run(slice);
    }
  }
  return PairedRun{.clients = clients,
                   .service = (*service)->totals(),
                   .times = (*service)->times(),
                   .answered_bytes = (*service)->answered_bytes(),
                   .baseline = (*baseline)->totals(),
                   .commit_ms = (*baseline)->commit_ms()};
}

void PrintRunRow(const std::string& name, int clients, const Totals& totals) {
  std::printf("%-34s %8d %8lld %8lld %11.1f %10.0f\n", name.c_str(), clients, static_cast<long long>(totals.consults),
              static_cast<long long>(totals.failed), totals.ConsultsPerSecond(),
              kCommitsPerConsult * totals.ConsultsPerSecond());
}

void PrintLatencyRow(const std::string& name, int clients, const std::vector<double>& ms) {
  std::printf("%-34s %8d %8zu %9.2f %9.2f %9.2f\n", name.c_str(), clients, ms.size(), bench::Percentile(ms, 0.5),
              bench::Percentile(ms, 0.9), bench::Percentile(ms, 0.99));
}

int Run() {
  const int consults = absl::GetFlag(FLAGS_consults);
  const int max_clients = absl::GetFlag(FLAGS_clients);
  if (consults < 1 || max_clients < 1) {
    std::fprintf(stderr, "consult_bench: --consults and --clients must be at least 1\n");
    return 1;
  }
  samspar::testing::TempDir dir;
  TestIdentityProvider identity;
  if (absl::Status made = identity.Init(dir); !made.ok()) {
    std::fprintf(stderr, "consult_bench: cannot set up the test PKI: %s\n", made.ToString().c_str());
    return 1;
  }
  const std::vector<std::string> patients = samspar::testing::SkatteverketTestNumbers(kPatients);
  if (patients.empty()) {
    std::fprintf(stderr, "consult_bench: cannot read Skatteverket's test personnummer\n");
    return 1;
  }
  absl::StatusOr<std::unique_ptr<Roster>> roster = Roster::Start(dir, identity);
  if (!roster.ok()) {
    std::fprintf(stderr, "consult_bench: cannot start the roster: %s\n", roster.status().ToString().c_str());
    return 1;
  }
  absl::StatusOr<std::string> line = StaffTheLine(*v1::RosterService::NewStub((*roster)->NewChannel()), identity);
  if (!line.ok()) {
    std::fprintf(stderr, "consult_bench: setting up the roster: %s\n", line.status().ToString().c_str());
    return 1;
  }

  std::vector<int> client_counts = {1};
  if (max_clients > 1) client_counts.push_back(max_clients);
  std::vector<PairedRun> runs;
  for (int clients : client_counts) {
    absl::StatusOr<PairedRun> run = RunInTurns(dir, consults, clients, *line, patients, identity, **roster);
    if (!run.ok()) {
      std::fprintf(stderr, "consult_bench: %d clients: %s\n", clients, run.status().ToString().c_str());
      return 1;
    }
    runs.push_back(*std::move(run));
  }
  const std::vector<GatewayRun> gateway_runs = RunGateway(consults, *line, identity, **roster);

  const std::string build_type = SAMSPAR_BUILD_TYPE;
  std::printf("consult_bench: --consults=%d --clients=%d, %u cores, %s build\n", consults, max_clients,
              std::thread::hardware_concurrency(), build_type.empty() ? "no build type" : build_type.c_str());
  std::printf(
      "One consult: CreateConsult (a GP) -> AcceptConsult -> AnswerConsult (the doctor on call), "
      "each a durable commit:\n");
  std::printf(
      "the consult service over loopback gRPC (plaintext) on its own SQLite file (WAL, synchronous=FULL), "
      "routing with the\n");
  std::printf(
      "roster service over loopback gRPC (presence in a redis-server); timers, delivery and metrics off "
      "(events stay in the outbox).\n");
  std::printf(
      "An answered consult is about %zu bytes as its participants read it. Baseline: %d single-row INSERT "
      "transactions\n",
      runs.front().answered_bytes, kCommitsPerConsult);
  std::printf(
      "a consult, each of a %zu-byte blob, into a file opened as the service opens its own. Each run into "
      "new database files,\n",
      kBaselineRowBytes);
  std::printf("the service and the baseline taking turns in %d slices.\n", kTurns);

  std::printf("\n%-34s %8s %8s %8s %11s %10s\n", "run", "clients", "consults", "failed", "consults/s", "commits/s");
  for (const PairedRun& run : runs) {
    PrintRunRow("consult service", run.clients, run.service);
    PrintRunRow("SQLite insert loop (baseline)", run.clients, run.baseline);
  }

  std::printf("\n%-34s %8s %8s %9s %9s %9s\n", "latency", "clients", "calls", "p50 ms", "p90 ms", "p99 ms");
  for (const PairedRun& run : runs) {
    PrintLatencyRow("CreateConsult", run.clients, run.times.create_ms);
    PrintLatencyRow("AcceptConsult", run.clients, run.times.accept_ms);
    PrintLatencyRow("AnswerConsult", run.clients, run.times.answer_ms);
    PrintLatencyRow("baseline commit", run.clients, run.commit_ms);
  }
  double roster_p50 = 0;
  int64_t failed = 0;
  for (const GatewayRun& run : gateway_runs) {
    PrintLatencyRow(run.name, 1, run.call_ms);
    roster_p50 += bench::Percentile(run.call_ms, 0.5);
    failed += run.failed;
  }
  const double create_p50 = bench::Percentile(runs.front().times.create_ms, 0.5);
  std::printf(
      "\nThe roster's share of CreateConsult (1 client, p50): RequesterUnit + Route %.2f ms of %.2f ms = "
      "%.0f%%%s\n",
      roster_p50, create_p50, create_p50 > 0 ? 100 * roster_p50 / create_p50 : 0,
      failed > 0 ? " (some roster calls failed)" : "");

  std::printf("\nratio service/baseline (consults/s):");
  for (size_t i = 0; i < runs.size(); ++i) {
    const double ratio = runs[i].service.ConsultsPerSecond() / runs[i].baseline.ConsultsPerSecond();
    std::printf("%s %d %s %.2f (baseline %.1fx)", i == 0 ? "" : ";", runs[i].clients,
                runs[i].clients == 1 ? "client" : "clients", ratio, 1 / ratio);
  }
  std::printf("\n");

  for (const PairedRun& run : runs) failed += run.service.failed + run.baseline.failed;
  return failed == 0 ? 0 : 2;
}

}  // namespace
}  // namespace samspar::consult

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(samspar::consult::kUsage);
  absl::ParseCommandLine(argc, argv);
  // As the service binaries run (common/server/service_main.cc).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return samspar::consult::Run();
}
