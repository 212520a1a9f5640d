// Event ingestion and KPI reports of the metrics service, each against a
// baseline measured in the same run: the service over real gRPC on a
// loopback port with its own SQLite settings (WAL, synchronous=FULL), as the
// integration tests run it, and bearer tokens from the test PKI.
//
//   metrics_bench [--ingest_events=100000] [--year_events=1000000] [--warm_calls=20]
//
// Ingestion: the consult service's outbox (CREATED, OFFERED, ACCEPTED,
// ANSWERED of each consult) sent through IngestEvents in batches of 500 and
// of 50, from one and from two clients, each run into a new database file.
// The same batches are then sent again: every event is then a DUPLICATE, so
// the call costs the RPC, the token check, validation and the lookup of the
// stored events but writes nothing. The ratio of the two rates is what the
// durable write costs.
//
// Reports: a region's year of events (consults of every track from health
// centres, ambulance stations and municipal units to several lines, and
// conferences) is written through the event store in transactions of 1000,
// as IngestEvents writes accepted events, which loads a year much faster
// than the API and also allows a year whose last weeks are still ahead of
// the clock. Each report shape is then asked of a replica that has just
// started, so that its first call reads every event from SQLite (from the
// operating system's cache: the file was just written) into the in-memory
// facts, and again warm. ListKpiDefinitions on the same channel,
// a call that computes nothing, is the baseline.
//
// Tokens are minted before each call or run is timed (each is accepted
// once, as in production), so that signing does not count as the server's
// time. The figures are wall-clock times on a machine whose cores the
// clients share with the server.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
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
#include "common/http/metrics_registry.h"
#include "common/server/call_guard.h"
#include "common/server/grpc_server.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "samspar/v1/metrics.grpc.pb.h"
#include "services/metrics/api/metrics_service.h"
#include "tests/bench/bench_support.h"
#include "services/metrics/events/event_store.h"
#include "services/metrics/events/event_validation.h"
#include "services/metrics/metrics_schema.h"
#include "tests/support/service_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_identity_provider.h"

ABSL_FLAG(int, ingest_events, 100000, "events sent through IngestEvents in each ingestion run");
ABSL_FLAG(int, year_events, 1000000, "events of the region's year that the reports are computed from");
ABSL_FLAG(int, warm_calls, 20, "calls of each report shape after the first");

namespace samspar::metrics {
namespace {

using bench::Percentile;

constexpr char kUsage[] =
    "IngestEvents and QueryKpiReport of the metrics service over loopback gRPC, each against a baseline "
    "measured in the same run.\n\n"
    "  metrics_bench [--ingest_events=100000] [--year_events=1000000] [--warm_calls=20]";
constexpr char kRegion[] = "regions/06";
constexpr int kYear = 2026;
constexpr int kEventsPerSubject = 5;
// One subject in this many is a conference, the rest are consults.
constexpr int kConferenceEvery = 25;
constexpr size_t kStoreBatch = 1000;

const identity::Person kAnalyst = {
    .hsa_id = "SE2321000057-9200", .unit_hsa_id = "SE2321000057-0001", .roles = {identity::Role::kAnalyst}};
const identity::System kConsultService = {.client_id = "samspar-consult", .scopes = {"metrics.ingest"}};

// ---------------------------------------------------------------------------
// The region's traffic
// ---------------------------------------------------------------------------

struct Requester {
  std::string unit;
  v1::UnitType type;
  v1::CallerRole role;
};

struct Line {
  std::string name;
  std::string target_unit;
  std::string specialty;
};

std::string Unit(absl::string_view letter, int number) {
  return absl::StrFormat("%s/units/SE2321000057-%s%03d", kRegion, letter, number);
}

// Health centres, ambulance stations and municipal units asking; hospital
// clinics and, on accessible primary care, health centres answering.
class RegionShape {
 public:
  RegionShape() {
    for (int i = 1; i <= 24; ++i) {
      health_centres_.push_back({Unit("V", i), v1::UNIT_TYPE_HEALTH_CENTRE, v1::CALLER_ROLE_CLINICIAN});
    }
    for (int i = 1; i <= 6; ++i) {
      ambulance_stations_.push_back(
          {Unit("A", i), v1::UNIT_TYPE_AMBULANCE_STATION, v1::CALLER_ROLE_AMBULANCE_CLINICIAN});
      municipal_units_.push_back({Unit("M", i), v1::UNIT_TYPE_MUNICIPAL_UNIT, v1::CALLER_ROLE_MUNICIPAL_NURSE});
    }
    auto line = [](absl::string_view id, std::string target_unit, std::string specialty) {
      return Line{absl::StrCat(kRegion, "/lines/", id), std::move(target_unit), std::move(specialty)};
    };
    acute_lines_ = {line("bakjour-internmedicin", Unit("K", 1), "internal-medicine"),
                    line("bakjour-kirurgi", Unit("K", 2), "surgery"),
                    line("bakjour-ortopedi", Unit("K", 3), "orthopaedics")};
    semi_acute_lines_ = {line("geriatrik-radgivning", Unit("K", 4), "geriatrics"),
                         line("psykiatri-konsult", Unit("K", 5), "psychiatry"),
                         line("barnmedicin-konsult", Unit("K", 6), "paediatrics")};
    primary_care_lines_ = {line("tillganglig-primarvard-jonkoping", Unit("V", 1), "general-practice"),
                           line("tillganglig-primarvard-varnamo", Unit("V", 9), "general-practice"),
                           line("tillganglig-primarvard-nassjo", Unit("V", 17), "general-practice")};
  }

  const std::vector<Requester>& health_centres() const { return health_centres_; }
  const std::vector<Requester>& ambulance_stations() const { return ambulance_stations_; }
  const std::vector<Requester>& municipal_units() const { return municipal_units_; }
  const std::vector<Line>& LinesOf(v1::Track track) const {
    if (track == v1::TRACK_ACUTE) return acute_lines_;
    if (track == v1::TRACK_SEMI_ACUTE) return semi_acute_lines_;
    return primary_care_lines_;
  }

 private:
  std::vector<Requester> health_centres_;
  std::vector<Requester> ambulance_stations_;
  std::vector<Requester> municipal_units_;
  std::vector<Line> acute_lines_;
  std::vector<Line> semi_acute_lines_;
  std::vector<Line> primary_care_lines_;
};

// How a consult's life goes; each but kAnswered is five events.
enum class ConsultLife {
  kAnswered,             // created, offered, accepted, answered
  kAnsweredClosed,       // ... and closed
  kOutcomeCorrected,     // ... and its outcome corrected the next day
  kEscalatedAnswered,    // created, offered, escalated, accepted, answered
  kEscalatedUnanswered,  // created, offered, escalated, offered again, unanswered
};

// Consults and conferences as the consult and conference services report
// them, with random ids and subject keys from a seeded generator, so that a
// run is repeatable.
class Traffic {
 public:
  explicit Traffic(uint64_t seed) : random_(seed) {}

  void AppendConsult(absl::Time created, ConsultLife life, std::vector<v1::Event>& out) {
    const Subject consult = NewConsult();
    const absl::Duration to_accept = LogNormal(absl::Minutes(2), 0.8, absl::Hours(2));
    const absl::Duration to_answer = to_accept + LogNormal(absl::Minutes(10), 0.6, absl::Hours(4));
    const bool escalated = life == ConsultLife::kEscalatedAnswered || life == ConsultLife::kEscalatedUnanswered;
    const int escalations = escalated ? 1 : 0;
    out.push_back(EventOf(consult, v1::EVENT_TYPE_CONSULT_CREATED, created, /*routed=*/false));
    v1::Event& offered = out.emplace_back(EventOf(consult, v1::EVENT_TYPE_CONSULT_OFFERED, created + absl::Seconds(3)));
    offered.set_escalation_step(0);
    offered.set_escalation_round(0);
    if (escalated) {
      v1::Event& moved_on =
          out.emplace_back(EventOf(consult, v1::EVENT_TYPE_CONSULT_ESCALATED, created + absl::Minutes(5)));
      moved_on.set_escalation_step(0);
      moved_on.set_escalation_round(0);
      moved_on.set_escalation_count(1);
    }
    if (life == ConsultLife::kEscalatedUnanswered) {
      v1::Event& again = out.emplace_back(
          EventOf(consult, v1::EVENT_TYPE_CONSULT_OFFERED, created + absl::Minutes(5) + absl::Seconds(3)));
      again.set_escalation_step(1);
      again.set_escalation_round(0);
      again.set_escalation_count(1);
      out.push_back(EventOf(consult, v1::EVENT_TYPE_CONSULT_UNANSWERED, created + absl::Minutes(20)));
      out.back().set_escalation_count(1);
      return;
    }
    const absl::Duration waited = escalated ? absl::Minutes(5) : absl::ZeroDuration();
    v1::Event& accepted =
        out.emplace_back(EventOf(consult, v1::EVENT_TYPE_CONSULT_ACCEPTED, created + waited + to_accept));
    *accepted.mutable_time_to_accept() = api::ToProtoDuration(waited + to_accept);
    accepted.set_escalation_count(escalations);
    v1::Event& answered =
        out.emplace_back(EventOf(consult, v1::EVENT_TYPE_CONSULT_ANSWERED, created + waited + to_answer));
    answered.set_outcome(Outcome(consult));
    *answered.mutable_time_to_answer() = api::ToProtoDuration(waited + to_answer);
    answered.set_escalation_count(escalations);
    answered.set_answer_overdue(Chance(0.05));
    if (life == ConsultLife::kAnsweredClosed) {
      out.push_back(EventOf(consult, v1::EVENT_TYPE_CONSULT_CLOSED, created + to_answer + absl::Hours(2)));
    } else if (life == ConsultLife::kOutcomeCorrected) {
      v1::Event& corrected =
          out.emplace_back(EventOf(consult, v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED, created + absl::Hours(26)));
      corrected.set_outcome(Outcome(consult));
    }
  }

  // Requested, booked, held, its plan recorded, followed up.
  void AppendConference(absl::Time requested, std::vector<v1::Event>& out) {
    const Subject conference = NewConference();
    const absl::Duration lead_time = absl::Hours(2) + Uniform(absl::Hours(5 * 24));
    const absl::Time held = requested + lead_time + absl::Hours(24) + Uniform(absl::Hours(13 * 24));
    const int practitioners = std::uniform_int_distribution<int>(3, 7)(random_);
    out.push_back(EventOf(conference, v1::EVENT_TYPE_CONFERENCE_REQUESTED, requested));
    v1::Event& booked = out.emplace_back(EventOf(conference, v1::EVENT_TYPE_CONFERENCE_BOOKED, requested + lead_time));
    *booked.mutable_lead_time() = api::ToProtoDuration(lead_time);
    out.push_back(EventOf(conference, v1::EVENT_TYPE_CONFERENCE_HELD, held));
    out.push_back(EventOf(conference, v1::EVENT_TYPE_CONFERENCE_PLAN_RECORDED, held + absl::Hours(1)));
    out.push_back(EventOf(conference, v1::EVENT_TYPE_CONFERENCE_FOLLOWED_UP, held + absl::Hours(24 * 14) +
                                                                                 Uniform(absl::Hours(24 * 28))));
    for (size_t i = out.size() - kEventsPerSubject; i < out.size(); ++i) out[i].set_practitioner_count(practitioners);
  }

  // The lives of a year's consults: most answered, some escalated, a few
  // unanswered or with a corrected outcome.
  ConsultLife YearLife() {
    static const std::vector<ConsultLife> kLives = {ConsultLife::kAnsweredClosed, ConsultLife::kEscalatedAnswered,
                                                    ConsultLife::kEscalatedUnanswered, ConsultLife::kOutcomeCorrected};
    std::discrete_distribution<int> pick({80, 7, 8, 5});
    return kLives[pick(random_)];
  }

  // An instant of local day `day` (0-based) of the year, mostly in the
  // daytime.
  absl::Time InYear(int day, absl::TimeZone zone) {
    std::discrete_distribution<int> hour({1, 1, 1, 1, 1, 1, 2, 4, 8, 9, 9, 9, 8, 8, 9, 8, 7, 5, 4, 3, 3, 2, 2, 1});
    return absl::FromCivil(absl::CivilSecond(kYear, 1, 1 + day, hour(random_),
                                             std::uniform_int_distribution<int>(0, 59)(random_),
                                             std::uniform_int_distribution<int>(0, 59)(random_)),
                           zone);
  }

  absl::Duration Uniform(absl::Duration up_to) {
    return absl::Seconds(std::uniform_int_distribution<int64_t>(0, absl::ToInt64Seconds(up_to))(random_));
  }

 private:
  struct Subject {
    std::string key = {};
    v1::Track track = v1::TRACK_UNSPECIFIED;
    Requester requester = {};
    Line line = {};
    v1::PriorityColour priority = v1::PRIORITY_COLOUR_UNSPECIFIED;
  };

  bool Chance(double p) { return std::bernoulli_distribution(p)(random_); }

  template <typename T>
  const T& OneOf(const std::vector<T>& items) {
    return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(random_)];
  }

  absl::Duration LogNormal(absl::Duration median, double sigma, absl::Duration at_most) {
    std::lognormal_distribution<double> draw(std::log(absl::ToDoubleSeconds(median)), sigma);
    return std::min(absl::Seconds(static_cast<int64_t>(draw(random_))), at_most);
  }

  std::string Hex(int digits) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text(digits, '0');
    for (char& c : text) c = kDigits[random_() & 15];
    return text;
  }

  // A random (version 4) UUID, as the outbox gives its rows.
  std::string Uuid() {
    std::string id = absl::StrCat(Hex(8), "-", Hex(4), "-4", Hex(3), "-", Hex(4), "-", Hex(12));
    id[19] = "89ab"[random_() & 3];
    return id;
  }

  Subject NewConsult() {
    Subject consult{.key = Hex(64)};
    std::discrete_distribution<int> track({35, 30, 35});
    switch (track(random_)) {
      case 0:
        consult.track = v1::TRACK_ACUTE;
        consult.requester = OneOf(shape_.health_centres());
        break;
      case 1:
        consult.track = v1::TRACK_SEMI_ACUTE;
        consult.requester = OneOf(Chance(0.7) ? shape_.health_centres() : shape_.municipal_units());
        break;
      default:
        consult.track = v1::TRACK_ACCESSIBLE_PRIMARY_CARE;
        consult.requester = OneOf(Chance(0.6) ? shape_.ambulance_stations() : shape_.municipal_units());
    }
    consult.line = OneOf(shape_.LinesOf(consult.track));
    static const std::vector<v1::PriorityColour> kPriorities = {
        v1::PRIORITY_COLOUR_RED, v1::PRIORITY_COLOUR_YELLOW, v1::PRIORITY_COLOUR_YELLOW, v1::PRIORITY_COLOUR_WHITE};
    consult.priority = consult.track == v1::TRACK_SEMI_ACUTE ? v1::PRIORITY_COLOUR_UNSPECIFIED : OneOf(kPriorities);
    return consult;
  }

  Subject NewConference() {
    static const std::vector<std::string> kSpecialties = {"geriatrics", "psychiatry", "palliative-care",
                                                          "internal-medicine"};
    Subject conference{.key = Hex(64), .track = v1::TRACK_MULTIDISCIPLINARY_CONFERENCE};
    conference.requester = OneOf(Chance(0.7) ? shape_.health_centres() : shape_.municipal_units());
    conference.line.specialty = OneOf(kSpecialties);
    return conference;
  }

  // Answers by the kind of consult: an ambulance's consult on accessible
  // primary care ends on scene, at a health centre or in the ED.
  v1::ConsultOutcome Outcome(const Subject& consult) {
    if (consult.track == v1::TRACK_ACCESSIBLE_PRIMARY_CARE &&
        consult.requester.type == v1::UNIT_TYPE_AMBULANCE_STATION) {
      static const std::vector<v1::ConsultOutcome> kAmbulance = {v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE,
                                                                 v1::CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE,
                                                                 v1::CONSULT_OUTCOME_AMBULANCE_TO_ED};
      return kAmbulance[std::discrete_distribution<int>({45, 30, 25})(random_)];
    }
    static const std::vector<v1::ConsultOutcome> kOthers = {
        v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED, v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE,
        v1::CONSULT_OUTCOME_DIRECT_ADMISSION,              v1::CONSULT_OUTCOME_DIRECT_TO_RADIOLOGY,
        v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT,      v1::CONSULT_OUTCOME_REFERRAL_NEEDED,
        v1::CONSULT_OUTCOME_SENT_TO_ED};
    return kOthers[std::discrete_distribution<int>({30, 20, 12, 6, 12, 10, 10})(random_)];
  }

  // An event of `subject`; a consult's event names its line once routed.
  v1::Event EventOf(const Subject& subject, v1::EventType type, absl::Time time, bool routed = true) {
    v1::Event event;
    event.set_event_id(Uuid());
    event.set_type(type);
    *event.mutable_event_time() = api::ToProto(time);
    event.set_region(kRegion);
    event.set_subject_key(subject.key);
    event.set_track(subject.track);
    event.set_requester_unit(subject.requester.unit);
    event.set_requester_unit_type(subject.requester.type);
    event.set_specialty(subject.line.specialty);
    event.set_priority(subject.priority);
    if (subject.track == v1::TRACK_MULTIDISCIPLINARY_CONFERENCE) {
      event.set_source("samspar.v1.ConferenceService");
      return event;
    }
    event.set_requester_role(subject.requester.role);
    if (routed) {
      event.set_target_unit(subject.line.target_unit);
      event.set_line(subject.line.name);
    }
    event.set_source("samspar.v1.ConsultService");
    return event;
  }

  std::mt19937_64 random_;
  RegionShape shape_;
};

// ---------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------

// One replica of the metrics service on its database file, as main.cc
// wires it.
class Replica {
 public:
  static absl::StatusOr<std::unique_ptr<Replica>> Start(const std::string& database_file, server::CallGuard& guard) {
    auto replica = std::unique_ptr<Replica>(new Replica());
    absl::StatusOr<std::unique_ptr<sql::Database>> database = sql::OpenDatabase(database_file);
    if (!database.ok()) return database.status();
    replica->database_ = std::move(*database);
    if (absl::StatusOr<int> migrated = sql::ApplyMigrations(*replica->database_, "metrics", kMetricsMigrations);
        !migrated.ok()) {
      return migrated.status();
    }
    absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
    if (!zone.ok()) return zone.status();
    replica->context_ = std::make_unique<server::ServiceContext>(
        server::ServiceContext{*replica->database_, replica->registry_, guard});
    replica->service_ = std::make_unique<MetricsServiceImpl>(*replica->context_, MetricsOptions{.zone = *zone});
    server::ServerOptions options;
    options.grpc_address = {"127.0.0.1", 0};
    options.http_address = {"127.0.0.1", 0};
    options.plaintext = true;
    absl::StatusOr<std::unique_ptr<server::GrpcServer>> server = server::GrpcServer::Start(
        options,
        {{replica->service_.get(), v1::MetricsService::service_full_name(), replica->service_->HttpRoutes()}},
        replica->registry_);
    if (!server.ok()) return server.status();
    replica->server_ = std::move(*server);
    return replica;
  }

  ~Replica() {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  }

  sql::Database& database() { return *database_; }
  // A client of its own, on a channel of its own.
  std::unique_ptr<v1::MetricsService::Stub> NewClient() const {
    return v1::MetricsService::NewStub(samspar::testing::LoopbackChannel(server_->grpc_port()));
  }

 private:
  Replica() = default;

  std::unique_ptr<sql::Database> database_;
  http::MetricsRegistry registry_;
  std::unique_ptr<server::ServiceContext> context_;
  std::unique_ptr<MetricsServiceImpl> service_;
  std::unique_ptr<server::GrpcServer> server_;
};

std::unique_ptr<grpc::ClientContext> WithToken(const std::string& bearer) {
  auto call = client::ContextWithTimeout(absl::Seconds(120));
  call->AddMetadata("authorization", bearer);
  return call;
}

double Milliseconds(absl::Duration duration) { return absl::ToDoubleMilliseconds(duration); }

// The process's resident memory, in MiB.
double ResidentMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    long kib = 0;
    if (std::sscanf(line.c_str(), "VmRSS: %ld kB", &kib) == 1) return static_cast<double>(kib) / 1024;
  }
  return 0;
}

double FileMiB(const std::string& path) {
  std::error_code error;
  const uintmax_t bytes = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<double>(bytes) / (1024 * 1024);
}

// ---------------------------------------------------------------------------
// Ingestion
// ---------------------------------------------------------------------------

struct IngestRun {
  int64_t events = 0;
  int64_t calls = 0;
  int64_t failed = 0;  // calls that failed or did not answer every event as expected
  double events_per_second = 0;
  std::vector<double> call_ms;
};

// Sends `batches` from `clients` concurrent clients (client c sends batches
// c, c + clients, ...), each waiting for its answer before the next call.
IngestRun SendBatches(const Replica& replica, const std::vector<v1::IngestEventsRequest>& batches, int clients,
                      const samspar::testing::TestIdentityProvider& identity,
                      v1::EventResultStatus expected) {
  std::vector<std::vector<std::string>> tokens(clients);
  for (size_t i = 0; i < batches.size(); ++i) {
    tokens[i % clients].push_back("Bearer " + identity.TokenForSystem(kConsultService, "06"));
  }
  std::vector<std::unique_ptr<v1::MetricsService::Stub>> stubs;
  for (int c = 0; c < clients; ++c) {
    stubs.push_back(replica.NewClient());
    // Connected before the clock starts.
    v1::ListKpiDefinitionsResponse ignored;
    stubs.back()->ListKpiDefinitions(
        WithToken("Bearer " + identity.TokenForSystem(kConsultService, "06")).get(), {}, &ignored);
  }
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<int64_t> failed{0};
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      size_t call = 0;
      for (size_t i = c; i < batches.size(); i += clients, ++call) {
        auto context = WithToken(tokens[c][call]);
        v1::IngestEventsResponse response;
        const absl::Time before = absl::Now();
        const grpc::Status status = stubs[c]->IngestEvents(context.get(), batches[i], &response);
        latencies[c].push_back(Milliseconds(absl::Now() - before));
        const int answered = expected == v1::EVENT_RESULT_STATUS_ACCEPTED ? response.accepted_count()
                                                                         : response.duplicate_count();
        if (!status.ok() || answered != batches[i].events_size()) {
          if (failed.fetch_add(1) == 0) {
            std::fprintf(stderr, "metrics_bench: IngestEvents: %s (%d of %d as expected)\n",
                         status.error_message().c_str(), answered, batches[i].events_size());
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const absl::Duration elapsed = absl::Now() - start;
  IngestRun run;
  for (const v1::IngestEventsRequest& batch : batches) run.events += batch.events_size();
  run.calls = static_cast<int64_t>(batches.size());
  run.failed = failed.load();
  run.events_per_second = static_cast<double>(run.events) / absl::ToDoubleSeconds(elapsed);
  for (const auto& one : latencies) run.call_ms.insert(run.call_ms.end(), one.begin(), one.end());
  return run;
}

// Recent consults of the region (the last 30 days), cut into batches in
// the order the outbox sends them.
std::vector<v1::IngestEventsRequest> OutboxBatches(uint64_t seed, int events, int batch_size) {
  Traffic traffic(seed);
  const absl::Time now = absl::Now();
  std::vector<v1::Event> all;
  all.reserve(events + kEventsPerSubject);
  while (static_cast<int>(all.size()) < events) {
    traffic.AppendConsult(now - absl::Hours(6) - traffic.Uniform(absl::Hours(30 * 24)), ConsultLife::kAnswered, all);
  }
  all.resize(events);
  std::vector<v1::IngestEventsRequest> batches((events + batch_size - 1) / batch_size);
  for (int i = 0; i < events; ++i) *batches[i / batch_size].add_events() = std::move(all[i]);
  return batches;
}

struct IngestRow {
  int batch_size;
  int clients;
  IngestRun durable = {};
  IngestRun duplicate = {};
};

absl::StatusOr<std::vector<IngestRow>> MeasureIngestion(const samspar::testing::TempDir& dir, server::CallGuard& guard,
                                                        const samspar::testing::TestIdentityProvider& identity) {
  std::vector<IngestRow> rows;
  uint64_t seed = 1;
  for (int batch_size : {500, 50}) {
    for (int clients : {1, 2}) {
      const std::string file = dir.File(absl::StrFormat("ingest-%d-%d.db", batch_size, clients));
      absl::StatusOr<std::unique_ptr<Replica>> replica = Replica::Start(file, guard);
      if (!replica.ok()) return replica.status();
      const std::vector<v1::IngestEventsRequest> batches =
          OutboxBatches(seed++, absl::GetFlag(FLAGS_ingest_events), batch_size);
      IngestRow row{.batch_size = batch_size, .clients = clients};
      row.durable = SendBatches(**replica, batches, clients, identity, v1::EVENT_RESULT_STATUS_ACCEPTED);
      row.duplicate = SendBatches(**replica, batches, clients, identity, v1::EVENT_RESULT_STATUS_DUPLICATE);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------

struct YearLoad {
  int64_t events = 0;
  int64_t consults = 0;
  int64_t conferences = 0;
  double events_per_second = 0;
};

// The region's year, written through the event store in transactions of
// kStoreBatch. Every event is first judged as IngestEvents judges it (at
// the end of the year, so that none is ahead of the clock).
absl::StatusOr<YearLoad> LoadYear(sql::Database& database, int events, absl::TimeZone zone) {
  EventStore store(database);
  Traffic traffic(2026);
  const int subjects = events / kEventsPerSubject;
  const int days = static_cast<int>(absl::CivilDay(kYear + 1, 1, 1) - absl::CivilDay(kYear, 1, 1));
  const absl::Time judged_at = absl::FromCivil(absl::CivilDay(kYear + 1, 6, 1), zone);
  YearLoad load;
  std::vector<v1::Event> pending;
  absl::Duration storing;
  auto flush = [&]() -> absl::Status {
    std::vector<const v1::Event*> batch;
    for (const v1::Event& event : pending) {
      if (absl::optional<EventRejection> rejected = ValidateEvent(event, "06", judged_at)) {
        return absl::InternalError(absl::StrCat("a generated event is invalid: ", rejected->description));
      }
      batch.push_back(&event);
    }
    const absl::Time before = absl::Now();
    absl::StatusOr<std::vector<StoreResult>> stored = store.Store(batch, absl::Now());
    storing += absl::Now() - before;
    if (!stored.ok()) return stored.status();
    for (StoreResult result : *stored) {
      if (result != StoreResult::kAdded) return absl::InternalError("a generated event id came twice");
    }
    load.events += static_cast<int64_t>(pending.size());
    pending.clear();
    return absl::OkStatus();
  };
  for (int i = 0; i < subjects; ++i) {
    const absl::Time start = traffic.InYear(static_cast<int>(static_cast<int64_t>(i) * days / subjects), zone);
    if (i % kConferenceEvery == kConferenceEvery - 1) {
      traffic.AppendConference(start, pending);
      ++load.conferences;
    } else {
      traffic.AppendConsult(start, traffic.YearLife(), pending);
      ++load.consults;
    }
    if (pending.size() >= kStoreBatch) {
      if (absl::Status flushed = flush(); !flushed.ok()) return flushed;
    }
  }
  if (!pending.empty()) {
    if (absl::Status flushed = flush(); !flushed.ok()) return flushed;
  }
  load.events_per_second = static_cast<double>(load.events) / absl::ToDoubleSeconds(storing);
  return load;
}

v1::ReportPeriod WholeYear() {
  v1::ReportPeriod period;
  period.set_kind(v1::PERIOD_KIND_CUSTOM);
  *period.mutable_custom_range()->mutable_start_date() = api::ToProto(absl::CivilDay(kYear, 1, 1));
  *period.mutable_custom_range()->mutable_end_date() = api::ToProto(absl::CivilDay(kYear, 12, 31));
  return period;
}

struct ReportShape {
  std::string name;
  v1::QueryKpiReportRequest request = {};
  // The whole year's consults and conferences, to check the report counted
  // them all; 0 for a shorter period.
  int64_t consults = 0;
  int64_t conferences = 0;
};

std::vector<ReportShape> ReportShapes(const YearLoad& load) {
  std::vector<ReportShape> shapes;
  ReportShape month{.name = "MONTH (October)"};
  month.request.set_parent(kRegion);
  month.request.mutable_period()->set_kind(v1::PERIOD_KIND_MONTH);
  *month.request.mutable_period()->mutable_anchor_date() = api::ToProto(absl::CivilDay(kYear, 10, 15));
  shapes.push_back(month);
  ReportShape year{.name = "CUSTOM whole year", .consults = load.consults, .conferences = load.conferences};
  year.request.set_parent(kRegion);
  *year.request.mutable_period() = WholeYear();
  shapes.push_back(year);
  ReportShape grouped = year;
  grouped.name = "whole year by track, requester unit";
  grouped.request.add_group_by(v1::KPI_DIMENSION_TRACK);
  grouped.request.add_group_by(v1::KPI_DIMENSION_REQUESTER_UNIT);
  shapes.push_back(grouped);
  return shapes;
}

absl::optional<double> TotalOf(const v1::KpiReport& report, v1::Kpi kpi) {
  for (const v1::KpiValue& value : report.total().values()) {
    if (value.kpi() == kpi && value.has_value()) return value.value();
  }
  return absl::nullopt;
}

struct QueryRow {
  std::string name;
  double first_ms = 0;
  std::vector<double> warm_ms = {};
  int rows = 0;
  double consults_created = 0;
  int64_t failed = 0;
};

// Times one call of `rpc` with a fresh token minted before the clock
// starts; counts a failure in `row`.
template <typename Rpc>
double TimedCall(const samspar::testing::TestIdentityProvider& identity, QueryRow& row, const Rpc& rpc) {
  auto context = WithToken("Bearer " + identity.TokenFor(kAnalyst, "06"));
  const absl::Time before = absl::Now();
  const grpc::Status status = rpc(context.get());
  const double ms = Milliseconds(absl::Now() - before);
  if (!status.ok() && row.failed++ == 0) {
    std::fprintf(stderr, "metrics_bench: %s: %s\n", row.name.c_str(), status.error_message().c_str());
  }
  return ms;
}

struct ReportResults {
  QueryRow baseline{.name = "ListKpiDefinitions (baseline)"};
  std::vector<QueryRow> reports;
  double rss_after_first_report_mib = 0;
  int64_t mismatches = 0;
};

// Each shape on a replica that has just started on the year's database.
absl::StatusOr<ReportResults> MeasureReports(const std::string& file, server::CallGuard& guard,
                                             const samspar::testing::TestIdentityProvider& identity,
                                             const YearLoad& load) {
  const int warm_calls = absl::GetFlag(FLAGS_warm_calls);
  ReportResults results;
  for (const ReportShape& shape : ReportShapes(load)) {
    absl::StatusOr<std::unique_ptr<Replica>> replica = Replica::Start(file, guard);
    if (!replica.ok()) return replica.status();
    std::unique_ptr<v1::MetricsService::Stub> stub = (*replica)->NewClient();
    auto definitions = [&](grpc::ClientContext* context) {
      v1::ListKpiDefinitionsResponse response;
      return stub->ListKpiDefinitions(context, {}, &response);
    };
    TimedCall(identity, results.baseline, definitions);  // connects
    for (int i = 0; i < warm_calls; ++i) {
      results.baseline.warm_ms.push_back(TimedCall(identity, results.baseline, definitions));
    }
    QueryRow row{.name = shape.name};
    v1::KpiReport report;
    auto query = [&](grpc::ClientContext* context) { return stub->QueryKpiReport(context, shape.request, &report); };
    row.first_ms = TimedCall(identity, row, query);
    if (results.reports.empty()) results.rss_after_first_report_mib = ResidentMiB();
    row.rows = report.rows_size();
    row.consults_created = TotalOf(report, v1::KPI_CONSULTS_CREATED).value_or(-1);
    if (shape.consults > 0 &&
        (row.consults_created != static_cast<double>(shape.consults) ||
         TotalOf(report, v1::KPI_CONFERENCES_REQUESTED).value_or(-1) != static_cast<double>(shape.conferences))) {
      std::fprintf(stderr, "metrics_bench: %s counted %.0f consults created of %lld\n", shape.name.c_str(),
                   row.consults_created, static_cast<long long>(shape.consults));
      ++results.mismatches;
    }
    for (int i = 0; i < warm_calls; ++i) row.warm_ms.push_back(TimedCall(identity, row, query));
    results.reports.push_back(std::move(row));
  }
  return results;
}

// ---------------------------------------------------------------------------

void PrintIngestion(const std::vector<IngestRow>& rows) {
  std::printf("\nIngestEvents: %d events a run, each run into a new SQLite file (WAL, synchronous=FULL)\n",
              absl::GetFlag(FLAGS_ingest_events));
  std::printf("%6s %8s | %13s %9s %9s | %13s %9s %9s | %9s\n", "batch", "clients", "durable ev/s", "p50 ms",
              "p99 ms", "duplicate ev/s", "p50 ms", "p99 ms", "durable/dup");
  for (const IngestRow& row : rows) {
    std::printf("%6d %8d | %13.0f %9.2f %9.2f | %13.0f %9.2f %9.2f | %8.0f%%\n", row.batch_size, row.clients,
                row.durable.events_per_second, Percentile(row.durable.call_ms, 0.5),
                Percentile(row.durable.call_ms, 0.99), row.duplicate.events_per_second,
                Percentile(row.duplicate.call_ms, 0.5), Percentile(row.duplicate.call_ms, 0.99),
                100 * row.durable.events_per_second / row.duplicate.events_per_second);
  }
}

void PrintReports(const ReportResults& results, int warm_calls) {
  std::printf("\nQueryKpiReport, all KPIs, region 06, %d warm calls each after the first (a replica just started, "
              "reading every event from SQLite)\n",
              warm_calls);
  std::printf("%-38s %10s %9s %9s %9s %10s %6s %16s\n", "call", "first ms", "p50 ms", "p90 ms", "max ms",
              "p50/base", "rows", "consults created");
  const double base = Percentile(results.baseline.warm_ms, 0.5);
  std::printf("%-38s %10s %9.2f %9.2f %9.2f %10s %6s %16s\n", results.baseline.name.c_str(), "-", base,
              Percentile(results.baseline.warm_ms, 0.9), Percentile(results.baseline.warm_ms, 1.0), "1x", "-", "-");
  for (const QueryRow& row : results.reports) {
    const double p50 = Percentile(row.warm_ms, 0.5);
    std::printf("%-38s %10.1f %9.2f %9.2f %9.2f %9.0fx %6d %16.0f\n", row.name.c_str(), row.first_ms, p50,
                Percentile(row.warm_ms, 0.9), Percentile(row.warm_ms, 1.0), p50 / base, row.rows,
                row.consults_created);
  }
}

int Run() {
  samspar::testing::TempDir dir;
  samspar::testing::TestIdentityProvider identity;
  if (absl::Status made = identity.Init(dir); !made.ok()) {
    std::fprintf(stderr, "metrics_bench: cannot set up the test PKI: %s\n", made.ToString().c_str());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<server::CallGuard>> guard = identity.Guard();
  absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
  if (!guard.ok() || !zone.ok()) {
    std::fprintf(stderr, "metrics_bench: cannot set up the call guard or the time zone\n");
    return 1;
  }

  // The reports first: the process's memory has then held nothing larger
  // than the facts, so that its growth is theirs.
  const std::string year_file = dir.File("year.db");
  const double rss_before = ResidentMiB();
  absl::StatusOr<YearLoad> load;
  {
    absl::StatusOr<std::unique_ptr<sql::Database>> database = sql::OpenDatabase(year_file);
    if (!database.ok() || !sql::ApplyMigrations(**database, "metrics", kMetricsMigrations).ok()) {
      std::fprintf(stderr, "metrics_bench: cannot open the year's database\n");
      return 1;
    }
    load = LoadYear(**database, absl::GetFlag(FLAGS_year_events), *zone);
  }
  if (!load.ok()) {
    std::fprintf(stderr, "metrics_bench: loading the year: %s\n", load.status().ToString().c_str());
    return 1;
  }
  const double rss_stored = ResidentMiB();
  absl::StatusOr<ReportResults> reports = MeasureReports(year_file, **guard, identity, *load);
  if (!reports.ok()) {
    std::fprintf(stderr, "metrics_bench: reports: %s\n", reports.status().ToString().c_str());
    return 1;
  }

  absl::StatusOr<std::vector<IngestRow>> ingestion = MeasureIngestion(dir, **guard, identity);
  if (!ingestion.ok()) {
    std::fprintf(stderr, "metrics_bench: ingestion: %s\n", ingestion.status().ToString().c_str());
    return 1;
  }

  std::printf("metrics_bench: --ingest_events=%d --year_events=%d --warm_calls=%d, %u cores\n",
              absl::GetFlag(FLAGS_ingest_events), absl::GetFlag(FLAGS_year_events), absl::GetFlag(FLAGS_warm_calls),
              std::thread::hardware_concurrency());
  PrintIngestion(*ingestion);
  std::printf("\nThe year %d of region 06: %lld events (%lld consults, %lld conferences, %d events each), "
              "stored through EventStore::Store in transactions of %zu at %.0f events/s; file %.0f MiB\n",
              kYear, static_cast<long long>(load->events), static_cast<long long>(load->consults),
              static_cast<long long>(load->conferences), kEventsPerSubject, kStoreBatch, load->events_per_second,
              FileMiB(year_file) + FileMiB(year_file + "-wal"));
  std::printf("VmRSS (this process: server and clients): %.0f MiB before loading the year, %.0f MiB after storing "
              "it, %.0f MiB after the first report (the facts in memory)\n",
              rss_before, rss_stored, reports->rss_after_first_report_mib);
  PrintReports(*reports, absl::GetFlag(FLAGS_warm_calls));

  int64_t failed = reports->mismatches + reports->baseline.failed;
  for (const IngestRow& row : *ingestion) failed += row.durable.failed + row.duplicate.failed;
  for (const QueryRow& row : reports->reports) failed += row.failed;
  return failed == 0 ? 0 : 2;
}

}  // namespace
}  // namespace samspar::metrics

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(samspar::metrics::kUsage);
  absl::ParseCommandLine(argc, argv);
  // As the service binaries run (common/server/service_main.cc).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return samspar::metrics::Run();
}
