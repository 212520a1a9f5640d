#include "tools/samspar/kpi_demo_events.h"

#include <openssl/sha.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "common/calendar/stockholm_time.h"
#include "common/calendar/swedish_holidays.h"
#include "google/protobuf/util/json_util.h"

namespace samspar::cli {
namespace {

constexpr char kRegion[] = "regions/06";
constexpr char kUnits[] = "regions/06/units/SE2321000057-";
constexpr int kBatch = 1000;  // IngestEvents' largest batch
// Event ids number the days from here...
constexpr absl::CivilDay kFirstIdDay(2020, 1, 1);
// ...and give every day room for this many consults and conferences, each
// with this many events.
constexpr int64_t kSubjectsPerDay = 1000;
constexpr int64_t kEventsPerSubject = 16;
// The collaboration matures over this stretch of days, then holds: a day's
// figures depend on its date only, so they are the same at every load.
constexpr absl::CivilDay kTrendStart(2025, 9, 1);
constexpr double kTrendDays = 3 * 365;

// splitmix64: the same numbers on every platform and library, which the
// standard distributions do not promise.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Between(double low, double high) { return low + (high - low) * Uniform(); }
  bool Chance(double probability) { return Uniform() < probability; }
  int Poisson(double mean) {
    const double limit = std::exp(-mean);
    int count = 0;
    for (double product = Uniform(); product > limit; product *= Uniform()) ++count;
    return count;
  }
  // Skewed like waiting times: half below `median`, a long tail above.
  double LogNormal(double median, double spread) {
    const double normal = std::sqrt(-2 * std::log(1 - Uniform())) * std::cos(2 * std::numbers::pi * Uniform());
    return median * std::exp(spread * normal);
  }
  template <typename T>
  const T& Pick(const std::vector<std::pair<T, double>>& weighted) {
    double total = 0;
    for (const auto& [value, weight] : weighted) total += weight;
    double point = Uniform() * total;
    for (const auto& [value, weight] : weighted) {
      if ((point -= weight) < 0) return value;
    }
    return weighted.back().first;
  }

 private:
  uint64_t state_;
};

// A figure that moves from `start` to `end` as the collaboration matures.
struct Trend {
  double start;
  double end;
  double At(double progress) const { return start + (end - start) * progress; }
};

// What a line sees: who asks, how fast it is answered, what comes of it.
struct ConsultKind {
  v1::Track track;
  std::string line;
  std::string target_unit;
  std::string specialty;
  std::vector<std::pair<std::pair<std::string, v1::UnitType>, double>> requesters;
  v1::CallerRole role;
  double weekday_rate;       // consults a weekday, 08-17
  double out_of_hours_rate;  // consults a day outside them (the round-the-clock line)
  Trend accept_median;       // seconds from creation
  Trend talk_median;         // seconds from acceptance to answer
  double answer_deadline;    // seconds from creation
  std::vector<std::pair<v1::PriorityColour, double>> priorities;
  std::vector<std::pair<v1::ConsultOutcome, Trend>> outcomes;  // weights
};

std::vector<ConsultKind> ConsultKinds(const DemoLines& lines) {
  const std::pair<std::string, v1::UnitType> gislaved{"V001", v1::UNIT_TYPE_HEALTH_CENTRE};
  const std::pair<std::string, v1::UnitType> anderstorp{"V002", v1::UNIT_TYPE_HEALTH_CENTRE_FILIAL};
  const std::pair<std::string, v1::UnitType> ambulance{"A001", v1::UNIT_TYPE_AMBULANCE_STATION};
  return {
      {.track = v1::TRACK_ACUTE,
       .line = lines.acute,
       .target_unit = "K001",
       .specialty = "internal-medicine",
       .requesters = {{gislaved, 0.6}, {anderstorp, 0.4}},
       .role = v1::CALLER_ROLE_CLINICIAN,
       .weekday_rate = 8,
       .out_of_hours_rate = 1.5,
       .accept_median = {180, 80},
       .talk_median = {720, 420},
       .answer_deadline = 1800,
       .priorities = {{v1::PRIORITY_COLOUR_RED, 0.2},
                      {v1::PRIORITY_COLOUR_YELLOW, 0.6},
                      {v1::PRIORITY_COLOUR_WHITE, 0.2}},
       .outcomes = {{v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED, {20, 28}},
                    {v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE, {10, 16}},
                    {v1::CONSULT_OUTCOME_DIRECT_ADMISSION, {16, 22}},
                    {v1::CONSULT_OUTCOME_DIRECT_TO_RADIOLOGY, {7, 10}},
                    {v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT, {8, 9}},
                    {v1::CONSULT_OUTCOME_REFERRAL_NEEDED, {12, 6}},
                    {v1::CONSULT_OUTCOME_SENT_TO_ED, {25, 8}},
                    {v1::CONSULT_OUTCOME_CONFERENCE_REQUESTED, {1, 1}},
                    {v1::CONSULT_OUTCOME_HANDED_BACK_TO_PRIMARY_CARE, {1, 1}}}},
      {.track = v1::TRACK_SEMI_ACUTE,
       .line = lines.semi_acute,
       .target_unit = "K002",
       .specialty = "cardiology",
       .requesters = {{gislaved, 0.6}, {anderstorp, 0.4}},
       .role = v1::CALLER_ROLE_CLINICIAN,
       .weekday_rate = 4.5,
       .out_of_hours_rate = 0,
       .accept_median = {540, 240},
       .talk_median = {3300, 1800},
       .answer_deadline = 7200,
       .priorities = {{v1::PRIORITY_COLOUR_YELLOW, 0.3}, {v1::PRIORITY_COLOUR_WHITE, 0.7}},
       .outcomes = {{v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED, {26, 38}},
                    {v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE, {12, 17}},
                    {v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT, {14, 15}},
                    {v1::CONSULT_OUTCOME_REFERRAL_NEEDED, {34, 17}},
                    {v1::CONSULT_OUTCOME_DIRECT_TO_RADIOLOGY, {5, 6}},
                    {v1::CONSULT_OUTCOME_DIRECT_ADMISSION, {3, 3}},
                    {v1::CONSULT_OUTCOME_SENT_TO_ED, {5, 2}},
                    {v1::CONSULT_OUTCOME_HANDED_BACK_TO_PRIMARY_CARE, {2, 1}}}},
      {.track = v1::TRACK_ACCESSIBLE_PRIMARY_CARE,
       .line = lines.ambulance,
       .target_unit = "V001",
       .specialty = "general-practice",
       .requesters = {{ambulance, 1}},
       .role = v1::CALLER_ROLE_AMBULANCE_CLINICIAN,
       .weekday_rate = 3,
       .out_of_hours_rate = 0,
       .accept_median = {90, 40},
       .talk_median = {420, 240},
       .answer_deadline = 900,
       .priorities = {{v1::PRIORITY_COLOUR_RED, 0.15},
                      {v1::PRIORITY_COLOUR_YELLOW, 0.5},
                      {v1::PRIORITY_COLOUR_WHITE, 0.35}},
       .outcomes = {{v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE, {22, 38}},
                    {v1::CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE, {16, 30}},
                    {v1::CONSULT_OUTCOME_AMBULANCE_TO_ED, {62, 32}}}},
  };
}

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  std::string hex;
  for (unsigned char byte : digest) absl::StrAppendFormat(&hex, "%02x", byte);
  return hex;
}

google::protobuf::Duration Seconds(double seconds) {
  google::protobuf::Duration duration;
  duration.set_seconds(std::llround(seconds));
  return duration;
}

// One day of the demo: its rhythm and its own random numbers.
struct Day {
  absl::CivilDay date;
  absl::TimeZone zone;
  absl::Time now;
  double progress;  // 0 to 1: how far the collaboration has come
  double volume;    // the season and the growth of use
  Random random;
  int64_t number;  // days since kFirstIdDay
  int64_t next_subject = 0;
  std::vector<v1::Event>* out;

  // A local time of day between the hours `from` and `to`.
  absl::Time Between(double from, double to) {
    return absl::FromCivil(absl::CivilSecond(date) + std::llround(random.Between(from, to) * 3600), zone);
  }
};

// A consult's or conference's events, each a copy of `base` as it is when
// the event is added, ids and subject key from the day's counters. Those
// that have happened by `now` join the day's events when it is done.
class Subject {
 public:
  Subject(Day& day, v1::Event base) : day_(day), base_(std::move(base)) {
    const int64_t subject = day.number * kSubjectsPerDay + day.next_subject++;
    first_id_ = subject * kEventsPerSubject;
    base_.set_subject_key(Sha256Hex(absl::StrCat("samspar-demo-", kRegion, "-", subject)));
  }
  ~Subject() {
    for (v1::Event& event : events_) {
      if (event.event_time().seconds() <= absl::ToUnixSeconds(day_.now)) day_.out->push_back(std::move(event));
    }
  }

  v1::Event& base() { return base_; }
  v1::Event& Add(v1::EventType type, absl::Time time) {
    v1::Event& event = events_.emplace_back(base_);
    event.set_event_id(absl::StrFormat("de305a30-0006-4000-8000-%012x", first_id_ + next_event_++));
    event.set_type(type);
    event.mutable_event_time()->set_seconds(absl::ToUnixSeconds(time));
    return event;
  }

 private:
  Day& day_;
  v1::Event base_;
  int64_t first_id_ = 0;
  int64_t next_event_ = 0;
  std::vector<v1::Event> events_;
};

void AddConsult(Day& day, const ConsultKind& kind, absl::Time created) {
  Random& random = day.random;
  const double progress = day.progress;
  const auto& [unit, unit_type] = random.Pick(kind.requesters);
  v1::Event base;
  base.set_region(kRegion);
  base.set_track(kind.track);
  base.set_requester_unit(absl::StrCat(kUnits, unit));
  base.set_requester_unit_type(unit_type);
  base.set_requester_role(kind.role);
  base.set_target_unit(absl::StrCat(kUnits, kind.target_unit));
  base.set_line(kind.line);
  base.set_specialty(kind.specialty);
  base.set_priority(random.Pick(kind.priorities));
  base.set_source("samspar.v1.ConsultService");
  Subject consult(day, base);
  consult.Add(v1::EVENT_TYPE_CONSULT_CREATED, created);
  v1::Event& offer = consult.Add(v1::EVENT_TYPE_CONSULT_OFFERED, created + absl::Seconds(1));
  offer.set_escalation_step(0);
  offer.set_escalation_round(0);

  auto escalate = [&](int step, absl::Duration after) {
    consult.base().set_escalation_count(step);
    v1::Event& moved = consult.Add(v1::EVENT_TYPE_CONSULT_ESCALATED, created + after);
    moved.set_escalation_step(step);
    moved.set_escalation_round(0);
  };
  const double fate = random.Uniform();
  if (fate < 0.02) {
    consult.Add(v1::EVENT_TYPE_CONSULT_CANCELLED, created + absl::Seconds(random.Between(60, 240)));
    return;
  }
  if (fate < 0.03) {
    consult.Add(v1::EVENT_TYPE_CONSULT_DECLINED, created + absl::Seconds(random.Between(60, 300)));
    return;
  }
  if (fate < 0.03 + Trend{0.035, 0.01}.At(progress)) {
    escalate(1, absl::Seconds(300));
    escalate(2, absl::Seconds(600));
    consult.Add(v1::EVENT_TYPE_CONSULT_UNANSWERED, created + absl::Seconds(900));
    return;
  }
  double accept = random.LogNormal(kind.accept_median.At(progress), 0.6);
  if (random.Chance(Trend{0.16, 0.05}.At(progress))) {
    escalate(1, absl::Seconds(300));
    accept += 300;
  }
  consult.Add(v1::EVENT_TYPE_CONSULT_ACCEPTED, created + absl::Seconds(std::round(accept)))
      .mutable_time_to_accept()
      ->CopyFrom(Seconds(accept));
  const double answer = accept + random.LogNormal(kind.talk_median.At(progress), 0.6);
  const bool overdue = answer > kind.answer_deadline;
  if (overdue) consult.Add(v1::EVENT_TYPE_CONSULT_ANSWER_OVERDUE, created + absl::Seconds(kind.answer_deadline));
  std::vector<std::pair<v1::ConsultOutcome, double>> outcomes;
  for (const auto& [outcome, weight] : kind.outcomes) outcomes.emplace_back(outcome, weight.At(progress));
  const absl::Time answered = created + absl::Seconds(std::round(answer));
  v1::Event& answer_event = consult.Add(v1::EVENT_TYPE_CONSULT_ANSWERED, answered);
  answer_event.set_outcome(random.Pick(outcomes));
  *answer_event.mutable_time_to_answer() = Seconds(answer);
  answer_event.set_answer_overdue(overdue);
  consult.Add(v1::EVENT_TYPE_CONSULT_CLOSED, answered + absl::Seconds(std::round(random.LogNormal(1800, 0.8))));
}

void AddConference(Day& day, absl::Time requested) {
  Random& random = day.random;
  const double progress = day.progress;
  v1::Event base;
  base.set_region(kRegion);
  base.set_track(v1::TRACK_MULTIDISCIPLINARY_CONFERENCE);
  const bool gislaved = random.Chance(0.6);
  base.set_requester_unit(absl::StrCat(kUnits, gislaved ? "V001" : "V002"));
  base.set_requester_unit_type(gislaved ? v1::UNIT_TYPE_HEALTH_CENTRE : v1::UNIT_TYPE_HEALTH_CENTRE_FILIAL);
  base.set_specialty(
      random.Pick<std::string>({{"internal-medicine", 0.5}, {"cardiology", 0.3}, {"general-practice", 0.2}}));
  base.set_practitioner_count(3 + static_cast<int32_t>(random.Next() % 4));
  base.set_source("samspar.v1.ConferenceService");
  Subject conference(day, base);
  conference.Add(v1::EVENT_TYPE_CONFERENCE_REQUESTED, requested);
  const double lead = std::min(random.LogNormal(Trend{4 * 86400, 1.5 * 86400}.At(progress), 0.5), 30.0 * 86400);
  const absl::Time booked = requested + absl::Seconds(std::round(lead));
  *conference.Add(v1::EVENT_TYPE_CONFERENCE_BOOKED, booked).mutable_lead_time() = Seconds(lead);
  const absl::Time held = booked + absl::Seconds(std::round(random.LogNormal(2 * 86400, 0.5)));
  if (random.Chance(0.06)) {
    conference.Add(v1::EVENT_TYPE_CONFERENCE_CANCELLED, booked + (held - booked) / 2);
    return;
  }
  conference.Add(v1::EVENT_TYPE_CONFERENCE_HELD, held);
  if (!random.Chance(Trend{0.72, 0.95}.At(progress))) return;
  conference.Add(v1::EVENT_TYPE_CONFERENCE_PLAN_RECORDED, held + absl::Minutes(random.Between(30, 120)));
  if (random.Chance(Trend{0.5, 0.8}.At(progress))) {
    conference.Add(v1::EVENT_TYPE_CONFERENCE_FOLLOWED_UP, held + absl::Hours(24 * random.Between(14, 28)));
  }
}

void AddDay(Day& day, const std::vector<ConsultKind>& kinds) {
  // Health centres, the cardiology line and the ambulance line keep office
  // hours on weekdays; the round-the-clock line also hears from the health
  // centres' on-call surgeries in the evening and at weekends.
  const bool weekday = calendar::IsWeekday(day.date);
  for (const ConsultKind& kind : kinds) {
    const int office = weekday ? day.random.Poisson(kind.weekday_rate * day.volume) : 0;
    for (int i = 0; i < office; ++i) AddConsult(day, kind, day.Between(8, 17));
    const int out_of_hours = day.random.Poisson(kind.out_of_hours_rate * day.volume);
    for (int i = 0; i < out_of_hours; ++i) AddConsult(day, kind, weekday ? day.Between(17, 22) : day.Between(9, 16));
  }
  const int conferences = weekday ? day.random.Poisson(0.45 * day.volume) : 0;
  for (int i = 0; i < conferences; ++i) AddConference(day, day.Between(9, 16));
}

}  // namespace

std::vector<v1::Event> DemoEvents(const DemoLines& lines, absl::Time now, absl::TimeZone zone) {
  const std::vector<ConsultKind> kinds = ConsultKinds(lines);
  const absl::CivilDay today = absl::ToCivilDay(now, zone);
  std::vector<v1::Event> events;
  for (absl::CivilDay date = today - 364; date <= today; ++date) {
    const double progress = std::clamp((date - kTrendStart) / kTrendDays, 0.0, 1.0);
    // Busier in winter, quiet in the July holidays, and busier as the
    // collaboration takes hold.
    const double season = (1 + 0.06 * std::cos(2 * std::numbers::pi * (absl::GetYearDay(date) - 20) / 365.25)) *
                          (date.month() == 7 ? 0.6 : 1.0);
    const int64_t number = date - kFirstIdDay;
    Day day{.date = date,
            .zone = zone,
            .now = now,
            .progress = progress,
            .volume = season * (0.8 + 0.45 * progress),
            .random = Random(0x5a3d'0006'0000'0000ULL + static_cast<uint64_t>(number)),
            .number = number,
            .out = &events};
    AddDay(day, kinds);
  }
  return events;
}

int RunKpiDemoEvents(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string lines_of = absl::StrCat(kRegion, "/lines/");
  if (args.size() != 6 || !absl::StartsWith(args[3], lines_of) || !absl::StartsWith(args[4], lines_of) ||
      !absl::StartsWith(args[5], lines_of)) {
    err << "usage: samspar kpi demo-events ACUTE_LINE SEMI_ACUTE_LINE AMBULANCE_LINE  (lines of " << kRegion << ")\n";
    return 2;
  }
  absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
  if (!zone.ok()) {
    err << "samspar kpi demo-events: " << zone.status().message() << "\n";
    return 1;
  }
  const std::vector<v1::Event> events = DemoEvents({args[3], args[4], args[5]}, absl::Now(), *zone);
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  for (size_t first = 0; first < events.size(); first += kBatch) {
    v1::IngestEventsRequest batch;
    const size_t end = std::min(events.size(), first + kBatch);
    for (size_t i = first; i < end; ++i) *batch.add_events() = events[i];
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(batch, &json, print).ok()) {
      err << "samspar kpi demo-events: an event could not be written as JSON\n";
      return 1;
    }
    out << json << "\n";
  }
  return 0;
}

}  // namespace samspar::cli
