// Who-is-on-call and presence heartbeats against the same server's health
// check, in one run: the roster service over real gRPC on a loopback port,
// with its SQLite file and a real redis-server, as the integration tests
// run it. Each phase runs closed-loop callers for a fixed time and reports
// calls per second and latency; the on-call and heartbeat phases are also
// given as a share of the health check's rate, so that a noisy machine
// compares like with like. An authenticated read of one row shows what
// the token check every such call needs costs on its own.
//
//   roster_bench [--seconds=5] [--callers=8] [--token_algorithm=ES256|RS256]
//
// Tokens are minted before each phase (each is accepted once, as in
// production), so the client's signing does not compete with the server
// for the cores while it is measured; the server verifies every one.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "common/calendar/stockholm_time.h"
#include "common/client/channel.h"
#include "common/http/metrics_registry.h"
#include "common/server/grpc_server.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "samspar/v1/roster.grpc.pb.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/roster_schema.h"
#include "services/roster/roster_service.h"
#include "tests/support/redis_server.h"
#include "tests/support/service_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_identity_provider.h"

ABSL_FLAG(int, seconds, 5, "how long each phase runs");
ABSL_FLAG(int, callers, 8, "concurrent callers, each waiting for its answer before the next call");
ABSL_FLAG(std::string, token_algorithm, "ES256",
          "how the identity provider signs tokens: ES256 (the local run's key) or RS256 (RSA 2048, as many "
          "regional identity providers do); the server verifies one on every call");

namespace samspar::roster {
namespace {

using Call = std::function<grpc::Status(grpc::ClientContext&, int caller)>;

struct PhaseResult {
  std::string name;
  int64_t calls = 0;
  int64_t failures = 0;
  double qps = 0;
  double p50_us = 0;
  double p99_us = 0;
};

PhaseResult RunPhase(const std::string& name, int callers, absl::Duration length,
                     const std::function<std::unique_ptr<grpc::ClientContext>()>& context_for, const Call& call) {
  std::vector<std::vector<int64_t>> latencies(callers);
  std::atomic<int64_t> failures{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now();
  for (int c = 0; c < callers; ++c) {
    threads.emplace_back([&, c] {
      while (!stop.load(std::memory_order_relaxed)) {
        std::unique_ptr<grpc::ClientContext> context = context_for();
        const absl::Time before = absl::Now();
        grpc::Status status = call(*context, c);
        latencies[c].push_back(absl::ToInt64Nanoseconds(absl::Now() - before));
        if (!status.ok()) failures.fetch_add(1);
      }
    });
  }
  absl::SleepFor(length);
  stop.store(true);
  for (std::thread& thread : threads) thread.join();
  const absl::Duration elapsed = absl::Now() - start;
  std::vector<int64_t> all;
  for (const auto& one : latencies) all.insert(all.end(), one.begin(), one.end());
  std::sort(all.begin(), all.end());
  PhaseResult result{.name = name, .calls = static_cast<int64_t>(all.size()), .failures = failures.load()};
  result.qps = all.size() / absl::ToDoubleSeconds(elapsed);
  if (!all.empty()) {
    result.p50_us = all[all.size() / 2] / 1000.0;
    result.p99_us = all[std::min(all.size() - 1, all.size() * 99 / 100)] / 1000.0;
  }
  return result;
}

int Run() {
  const int callers = absl::GetFlag(FLAGS_callers);
  const absl::Duration length = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  samspar::testing::TempDir dir;
  samspar::testing::TestIdentityProvider identity;
  samspar::testing::RedisServer redis;
  if (absl::GetFlag(FLAGS_token_algorithm) == "RS256") {
    // The local PKI keeps a signing key it finds, and its JWKS names the
    // key's algorithm.
    const std::string pki = dir.File("pki");
    const std::string make_key = absl::StrCat("mkdir -p ", pki, " && openssl genpkey -algorithm RSA -pkeyopt ",
                                              "rsa_keygen_bits:2048 -out ", pki, "/token-signing-key.pem 2>/dev/null");
    if (std::system(make_key.c_str()) != 0) {
      std::fprintf(stderr, "roster_bench: cannot make an RSA signing key\n");
      return 1;
    }
  }
  if (!identity.Init(dir).ok() || !redis.Start().ok()) {
    std::fprintf(stderr, "roster_bench: cannot set up the test PKI or redis-server\n");
    return 1;
  }
  auto guard = identity.Guard();
  auto database = sql::OpenDatabase(dir.File("roster.db"));
  if (!guard.ok() || !database.ok() || !sql::ApplyMigrations(**database, "roster", kRosterMigrations).ok()) {
    std::fprintf(stderr, "roster_bench: cannot open the database\n");
    return 1;
  }
  http::MetricsRegistry registry;
  server::ServiceContext context{**database, registry, **guard};
  RosterOptions options;
  options.zone = calendar::StockholmTimeZone().value();
  options.redis.port = redis.port();
  RosterServiceImpl service(context, options);
  server::ServerOptions server_options;
  server_options.grpc_address = {"127.0.0.1", 0};
  server_options.http_address = {"127.0.0.1", 0};
  server_options.plaintext = true;
  auto server =
      server::GrpcServer::Start(server_options, {{&service, v1::RosterService::service_full_name()}}, registry);
  if (!server.ok()) {
    std::fprintf(stderr, "roster_bench: %s\n", std::string(server.status().message()).c_str());
    return 1;
  }
  std::shared_ptr<grpc::Channel> channel = samspar::testing::LoopbackChannel((*server)->grpc_port());
  auto roster = v1::RosterService::NewStub(channel);
  auto health = grpc::health::v1::Health::NewStub(channel);

  const identity::Person admin{.hsa_id = "SE2321000057-9100", .unit_hsa_id = "SE2321000057-0001",
                               .roles = {identity::Role::kRegionAdmin}};
  const identity::Person clinician{.hsa_id = "SE2321000057-1001", .unit_hsa_id = "SE2321000057-0001",
                                   .roles = {identity::Role::kClinician}};
  const identity::Person doctor{.hsa_id = "SE2321000057-D001", .unit_hsa_id = "SE2321000057-K001",
                                .roles = {identity::Role::kClinician}};
  auto as = [&](const identity::Person& person) {
    auto call = client::ContextWithTimeout(absl::Seconds(10));
    call->AddMetadata("authorization", "Bearer " + identity.TokenFor(person, "06"));
    return call;
  };

  // A clinic, five doctors, a 24/7 line with a daily rotation of all five
  // and a backup shift, as a region's acute line looks.
  v1::CreateUnitRequest unit;
  unit.set_parent("regions/06");
  unit.mutable_unit()->set_hsa_id("SE2321000057-K001");
  unit.mutable_unit()->set_display_name("Medicinkliniken");
  unit.mutable_unit()->set_unit_type(v1::UNIT_TYPE_HOSPITAL_CLINIC);
  v1::Unit created_unit;
  bool ok = roster->CreateUnit(as(admin).get(), unit, &created_unit).ok();
  v1::Rotation rotation;
  rotation.set_period(v1::ROTATION_PERIOD_DAY);
  rotation.mutable_handover_time()->set_hours(8);
  *rotation.mutable_start_date() = ToProto(absl::CivilDay(2026, 1, 5));
  for (int i = 1; i <= 5; ++i) {
    v1::CreatePractitionerRequest practitioner;
    practitioner.set_parent("regions/06");
    practitioner.mutable_practitioner()->set_hsa_id(absl::StrFormat("SE2321000057-D%03d", i));
    practitioner.mutable_practitioner()->set_given_name("Dr");
    practitioner.mutable_practitioner()->set_family_name(absl::StrFormat("Läkare %d", i));
    practitioner.mutable_practitioner()->set_profession(v1::PROFESSION_PHYSICIAN);
    practitioner.mutable_practitioner()->add_units()->set_name(created_unit.name());
    v1::Practitioner created;
    ok = ok && roster->CreatePractitioner(as(admin).get(), practitioner, &created).ok();
    rotation.add_participants()->set_name(created.name());
  }
  v1::CreateLineRequest line;
  line.set_parent("regions/06");
  line.mutable_line()->set_display_name("Bakjour internmedicin");
  line.mutable_line()->add_tracks(v1::TRACK_ACUTE);
  line.mutable_line()->mutable_unit()->set_name(created_unit.name());
  line.mutable_line()->set_specialty("internal-medicine");
  line.mutable_line()->set_state(v1::LINE_STATE_ACTIVE);
  line.mutable_line()->mutable_coverage_hours()->set_around_the_clock(true);
  line.mutable_line()->set_fallback_phone("+46361020000");
  auto* step = line.mutable_line()->mutable_escalation_policy()->add_steps();
  step->set_target(v1::ESCALATION_TARGET_ON_CALL);
  *step->mutable_ack_timeout() = ToProtoDuration(absl::Minutes(5));
  line.mutable_line()->mutable_escalation_policy()->add_steps()->set_target(v1::ESCALATION_TARGET_SWITCHBOARD);
  v1::Line created_line;
  ok = ok && roster->CreateLine(as(admin).get(), line, &created_line).ok();
  v1::CreateRotationRequest create_rotation;
  create_rotation.set_parent(created_line.name());
  *create_rotation.mutable_rotation() = rotation;
  v1::Rotation created_rotation;
  ok = ok && roster->CreateRotation(as(admin).get(), create_rotation, &created_rotation).ok();
  v1::UpdatePresenceRequest presence;
  presence.mutable_presence()->set_name("regions/06/practitioners/SE2321000057-D001/presence");
  presence.mutable_presence()->set_state(v1::PRESENCE_STATE_AVAILABLE);
  *presence.mutable_ttl() = ToProtoDuration(absl::Hours(12));
  v1::Presence set;
  ok = ok && roster->UpdatePresence(as(doctor).get(), presence, &set).ok();
  if (!ok) {
    std::fprintf(stderr, "roster_bench: setting up the roster failed\n");
    return 1;
  }

  // Enough tokens for a phase at well above the rates this machine reaches.
  auto mint = [&](const identity::Person& person) {
    std::vector<std::string> tokens(static_cast<size_t>(absl::ToInt64Seconds(length)) * 40000);
    for (std::string& token : tokens) token = "Bearer " + identity.TokenFor(person, "06");
    return tokens;
  };
  std::atomic<size_t> next_token{0};
  std::vector<std::string> tokens;
  auto with_token = [&] {
    auto call = client::ContextWithTimeout(absl::Seconds(10));
    call->AddMetadata("authorization", tokens[next_token.fetch_add(1) % tokens.size()]);
    return call;
  };

  std::vector<PhaseResult> results;
  grpc::health::v1::HealthCheckRequest check;
  results.push_back(RunPhase(
      "health check", callers, length, [] { return client::ContextWithTimeout(absl::Seconds(10)); },
      [&](grpc::ClientContext& call, int) {
        grpc::health::v1::HealthCheckResponse response;
        return health->Check(&call, check, &response);
      }));
  // The cheapest call that carries a token (one row by its key): what every
  // authenticated call costs before its own work.
  tokens = mint(clinician);
  next_token = 0;
  v1::GetLineRequest get_line;
  get_line.set_name(created_line.name());
  results.push_back(RunPhase("authenticated read (GetLine)", callers, length, with_token,
                             [&](grpc::ClientContext& call, int) {
                               v1::Line response;
                               return roster->GetLine(&call, get_line, &response);
                             }));
  tokens = mint(clinician);
  next_token = 0;
  v1::ResolveOnCallRequest resolve;
  resolve.set_name(created_line.name());
  results.push_back(RunPhase("who is on call (ResolveOnCall)", callers, length, with_token,
                             [&](grpc::ClientContext& call, int) {
                               v1::ResolveOnCallResponse response;
                               return roster->ResolveOnCall(&call, resolve, &response);
                             }));
  tokens = mint(doctor);
  next_token = 0;
  v1::HeartbeatRequest heartbeat;
  heartbeat.set_name(presence.presence().name());
  results.push_back(RunPhase("presence heartbeat (Heartbeat)", callers, length, with_token,
                             [&](grpc::ClientContext& call, int) {
                               v1::Presence response;
                               return roster->Heartbeat(&call, heartbeat, &response);
                             }));
  (*server)->Shutdown(absl::Seconds(1));

  std::printf("roster_bench: %d callers, %lld s a phase, %u cores, %s tokens\n", callers,
              static_cast<long long>(absl::ToInt64Seconds(length)), std::thread::hardware_concurrency(),
              absl::GetFlag(FLAGS_token_algorithm).c_str());
  std::printf("%-34s %10s %9s %10s %10s %10s %9s\n", "phase", "calls", "failed", "calls/s", "p50 ms", "p99 ms",
              "of health");
  for (const PhaseResult& result : results) {
    std::printf("%-34s %10lld %9lld %10.0f %10.3f %10.3f %8.0f%%\n", result.name.c_str(),
                static_cast<long long>(result.calls), static_cast<long long>(result.failures), result.qps,
                result.p50_us / 1000, result.p99_us / 1000, 100 * result.qps / results.front().qps);
  }
  int64_t failed = 0;
  for (const PhaseResult& result : results) failed += result.failures;
  return failed == 0 ? 0 : 2;
}

}  // namespace
}  // namespace samspar::roster

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // As the service binaries run (common/server/service_main.cc).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return samspar::roster::Run();
}
