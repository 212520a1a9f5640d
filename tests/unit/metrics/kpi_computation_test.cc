// The KPIs of metrics.proto (enum Kpi, "Small counts", "Periods", KpiTarget)
// computed from events of Region Dalarna, each expected value worked out by
// hand from the events in the comment beside it.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "common/status/errors.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/metrics/kpi/kpi_queries.h"
#include "services/metrics/kpi/subject_facts.h"
#include "tests/unit/common/calendar/calendar_testing.h"

namespace samspar::metrics {
namespace {

using calendar::testutil::Local;
using calendar::testutil::Stockholm;
using calendar::testutil::Utc;

// Region Dalarna's units and lines that the events name.
constexpr char kFalun[] = "regions/06/units/SE2321000057-V001";             // a health centre
constexpr char kMora[] = "regions/06/units/SE2321000057-V002";              // a health centre with a GP line
constexpr char kAmbulanceStation[] = "regions/06/units/SE2321000057-A001";  // an ambulance station
constexpr char kMedicineClinic[] = "regions/06/units/SE2321000057-K001";    // a hospital clinic
constexpr char kMedicineLine[] = "regions/06/lines/medicine-on-call";       // owned by kMedicineClinic
constexpr char kGpLine[] = "regions/06/lines/gp-on-call";                   // owned by kMora

// When the reports are asked for: after every event of the tests.
const absl::Time kNow = Utc(2026, 11, 15, 12, 0);

// Who asks and who answers a consult.
struct Route {
  v1::Track track;
  const char* requester_unit;
  v1::UnitType requester_unit_type;
  const char* line;
  const char* target_unit;
};

constexpr Route kSemiAcuteFromFalun{v1::TRACK_SEMI_ACUTE, kFalun, v1::UNIT_TYPE_HEALTH_CENTRE, kMedicineLine,
                                    kMedicineClinic};
constexpr Route kAcuteFromFalun{v1::TRACK_ACUTE, kFalun, v1::UNIT_TYPE_HEALTH_CENTRE, kMedicineLine, kMedicineClinic};
constexpr Route kAcuteFromMora{v1::TRACK_ACUTE, kMora, v1::UNIT_TYPE_HEALTH_CENTRE, kMedicineLine, kMedicineClinic};
constexpr Route kAmbulanceToGp{v1::TRACK_ACCESSIBLE_PRIMARY_CARE, kAmbulanceStation, v1::UNIT_TYPE_AMBULANCE_STATION,
                               kGpLine, kMora};

// One event, as the consult and conference services send it. Consult events
// default to the acute track from Falun, conference events to a conference
// requested from Falun; neither names a line until Routed().
class EventBuilder {
 public:
  EventBuilder(v1::EventType type, absl::Time when, int subject) {
    event_.set_event_id(
        absl::StrFormat("%08x-%04x-4000-8000-%012x", subject, static_cast<int>(type), absl::ToUnixSeconds(when)));
    event_.set_type(type);
    *event_.mutable_event_time() = api::ToProto(when);
    event_.set_region("regions/06");
    event_.set_subject_key(absl::StrFormat("%064x", subject));
    const bool conference = type >= v1::EVENT_TYPE_CONFERENCE_REQUESTED;
    event_.set_track(conference ? v1::TRACK_MULTIDISCIPLINARY_CONFERENCE : v1::TRACK_ACUTE);
    event_.set_requester_unit(kFalun);
    event_.set_requester_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE);
    event_.set_source(conference ? "samspar.v1.ConferenceService" : "samspar.v1.ConsultService");
  }

  // The route's track and requester.
  EventBuilder& From(const Route& route) {
    event_.set_track(route.track);
    event_.set_requester_unit(route.requester_unit);
    event_.set_requester_unit_type(route.requester_unit_type);
    return *this;
  }
  // The route's track and requester, and its line with the unit owning it.
  EventBuilder& Routed(const Route& route) {
    From(route);
    event_.set_line(route.line);
    event_.set_target_unit(route.target_unit);
    return *this;
  }
  EventBuilder& Outcome(v1::ConsultOutcome outcome) {
    event_.set_outcome(outcome);
    return *this;
  }
  EventBuilder& TimeToAccept(absl::Duration duration) {
    *event_.mutable_time_to_accept() = api::ToProtoDuration(duration);
    return *this;
  }
  EventBuilder& TimeToAnswer(absl::Duration duration) {
    *event_.mutable_time_to_answer() = api::ToProtoDuration(duration);
    return *this;
  }
  EventBuilder& Escalations(int count) {
    event_.set_escalation_count(count);
    return *this;
  }
  EventBuilder& Overdue() {
    event_.set_answer_overdue(true);
    return *this;
  }
  EventBuilder& LeadTime(absl::Duration duration) {
    *event_.mutable_lead_time() = api::ToProtoDuration(duration);
    return *this;
  }

  const v1::Event& event() const { return event_; }

 private:
  v1::Event event_;
};

v1::LocalDate Date(absl::CivilDay day) { return api::ToProto(day); }

v1::QueryKpiReportRequest ReportRequest(v1::PeriodKind kind, absl::CivilDay anchor, std::vector<v1::Kpi> kpis = {}) {
  v1::QueryKpiReportRequest request;
  request.set_parent("regions/06");
  request.mutable_period()->set_kind(kind);
  *request.mutable_period()->mutable_anchor_date() = Date(anchor);
  for (v1::Kpi kpi : kpis) request.add_kpis(kpi);
  return request;
}

v1::QueryKpiReportRequest MonthRequest(int year, int month, std::vector<v1::Kpi> kpis = {}) {
  return ReportRequest(v1::PERIOD_KIND_MONTH, absl::CivilDay(year, month, 1), std::move(kpis));
}

v1::ListKpiSeriesRequest SeriesRequest(v1::PeriodKind granularity, absl::CivilDay first, absl::CivilDay last,
                                       std::vector<v1::Kpi> kpis) {
  v1::ListKpiSeriesRequest request;
  request.set_parent("regions/06");
  for (v1::Kpi kpi : kpis) request.add_kpis(kpi);
  request.set_granularity(granularity);
  *request.mutable_range()->mutable_start_date() = Date(first);
  *request.mutable_range()->mutable_end_date() = Date(last);
  return request;
}

v1::KpiTarget Target(v1::Kpi kpi) {
  v1::KpiTarget target;
  target.set_kpi(kpi);
  return target;
}
v1::KpiTarget ValueTarget(v1::Kpi kpi, double value) {
  v1::KpiTarget target = Target(kpi);
  target.set_value(value);
  return target;
}
v1::KpiTarget RelativeTarget(v1::Kpi kpi, double change) {
  v1::KpiTarget target = Target(kpi);
  target.set_relative_change(change);
  return target;
}
v1::KpiTargets Targets(std::vector<v1::KpiTarget> list) {
  v1::KpiTargets targets;
  targets.set_name("regions/06/kpiTargets");
  for (v1::KpiTarget& target : list) *targets.add_targets() = std::move(target);
  return targets;
}

std::string Number(double value) { return absl::StrFormat("%.6g", value); }

// A value as an analyst reads it: "<5" when withheld; "13/18 0.722222 n=18"
// for a ratio; "62 n=62" for a count; "90 n=10" for seconds; "no value"
// where there is none. Anything a withheld value leaks shows up too.
std::string Shown(const v1::KpiValue& value) {
  std::vector<std::string> parts;
  if (value.suppressed()) parts.push_back("<5");
  if (value.has_numerator() || value.has_denominator()) {
    parts.push_back(absl::StrCat(value.numerator(), "/", value.denominator()));
  }
  if (value.has_value()) {
    parts.push_back(Number(value.value()));
  } else if (!value.suppressed()) {
    parts.push_back("no value");
  }
  if (value.has_sample_size()) parts.push_back(absl::StrCat("n=", value.sample_size()));
  return absl::StrJoin(parts, " ");
}

std::string StatusName(v1::TargetStatus status) {
  return std::string(absl::StripPrefix(v1::TargetStatus_Name(status), "TARGET_STATUS_"));
}

// How a value is judged: "previous 8, target 10, ON_TRACK, MORE".
std::string Judged(const v1::KpiValue& value) {
  return absl::StrCat("previous ", value.has_previous_value() ? Number(value.previous_value()) : "none", ", target ",
                      value.has_target() ? Number(value.target()) : "none", ", ", StatusName(value.target_status()),
                      ", ", absl::StripPrefix(v1::KpiDirection_Name(value.direction()), "KPI_DIRECTION_"));
}

// A series point: "2026-03-01: 10 n=10, target 10, ON_TRACK".
std::string Shown(const v1::KpiPoint& point) {
  std::vector<std::string> parts;
  if (point.suppressed()) parts.push_back("<5");
  if (point.has_value()) {
    parts.push_back(Number(point.value()));
  } else if (!point.suppressed()) {
    parts.push_back("no value");
  }
  if (point.has_sample_size()) parts.push_back(absl::StrCat("n=", point.sample_size()));
  const v1::LocalDate& start = point.period_start_date();
  return absl::StrFormat("%04d-%02d-%02d: %s, target %s, %s", start.year(), start.month(), start.day(),
                         absl::StrJoin(parts, " "), point.has_target() ? Number(point.target()) : "none",
                         StatusName(point.target_status()));
}

std::vector<std::string> Points(const v1::KpiSeries& series) {
  std::vector<std::string> points;
  for (const v1::KpiPoint& point : series.points()) points.push_back(Shown(point));
  return points;
}

std::string DateText(const v1::LocalDate& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}
std::string DatesText(const v1::LocalDateRange& range) {
  return absl::StrCat(DateText(range.start_date()), "..", DateText(range.end_date()));
}

v1::KpiValue ValueOf(const v1::KpiRow& row, v1::Kpi kpi) {
  for (const v1::KpiValue& value : row.values()) {
    if (value.kpi() == kpi) return value;
  }
  ADD_FAILURE() << "the row has no " << v1::Kpi_Name(kpi);
  return {};
}

// A grouped row as "Akut / regions/06/units/…: 27 n=27".
std::string RowText(const v1::KpiRow& row, v1::Kpi kpi) {
  std::vector<std::string> keys;
  for (const v1::GroupKey& key : row.keys()) keys.push_back(key.display_name());
  return absl::StrCat(absl::StrJoin(keys, " / "), ": ", Shown(ValueOf(row, kpi)));
}
std::vector<std::string> Rows(const v1::KpiReport& report, v1::Kpi kpi) {
  std::vector<std::string> rows;
  for (const v1::KpiRow& row : report.rows()) rows.push_back(RowText(row, kpi));
  return rows;
}

// "FIELD_INVALID kpis[0]", or "OK".
std::string Refusal(const absl::Status& status) {
  if (status.ok()) return "OK";
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  return absl::StrCat(ReasonOf(status).value_or("?"), " ", FieldOf(status).value_or("?"));
}

class KpiComputationTest : public ::testing::Test {
 protected:
  void Add(const EventBuilder& event) { events_.push_back(event.event()); }

  // Created at `created` (naming no line yet) and answered `time_to_answer`
  // later on the route's line.
  void AddAnswered(int subject, const Route& route, absl::Time created, v1::ConsultOutcome outcome,
                   absl::Duration time_to_answer = absl::Minutes(10)) {
    Add(EventBuilder(v1::EVENT_TYPE_CONSULT_CREATED, created, subject).From(route));
    Add(EventBuilder(v1::EVENT_TYPE_CONSULT_ANSWERED, created + time_to_answer, subject)
            .Routed(route)
            .Outcome(outcome)
            .TimeToAnswer(time_to_answer));
  }

  void AddCreated(int subject, absl::Time created) {
    Add(EventBuilder(v1::EVENT_TYPE_CONSULT_CREATED, created, subject).From(kAcuteFromFalun));
  }

  // March 2026: 62 consults, each answered ten minutes after it was created,
  // on the medicine line (the ambulance's on the GP line).
  //   subjects  track                    from               latest outcome
  //    1– 5     semi-acute               Falun              advice given, referral avoided
  //    6– 8     semi-acute               Falun              stays in primary care
  //    9–12     semi-acute               Falun              referral needed
  //   13        semi-acute               Falun              advice given, corrected to referral needed
  //   14–18     semi-acute               Falun              planned specialist visit
  //   19–23     semi-acute               Falun              direct to radiology
  //   24–28     acute                    Mora               direct admission
  //   29–33     acute                    Mora               planned specialist visit
  //   34–38     acute                    Mora               advice given, referral avoided
  //   39–45     acute                    Mora               sent to the ED
  //   46–49     accessible primary care  ambulance station  treated on scene
  //   50–52     accessible primary care  ambulance station  to the health centre
  //   53–57     accessible primary care  ambulance station  to the ED
  //   58–62     acute                    Falun              conference requested
  void AddMarchOutcomes() {
    auto answered = [&](int first, int last, const Route& route, v1::ConsultOutcome outcome) {
      for (int subject = first; subject <= last; ++subject) {
        AddAnswered(subject, route, Local(2026, 3, 2 + subject % 25, 9, subject % 60), outcome);
      }
    };
    answered(1, 5, kSemiAcuteFromFalun, v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED);
    answered(6, 8, kSemiAcuteFromFalun, v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE);
    answered(9, 12, kSemiAcuteFromFalun, v1::CONSULT_OUTCOME_REFERRAL_NEEDED);
    answered(13, 13, kSemiAcuteFromFalun, v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED);
    Add(EventBuilder(v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED, Local(2026, 3, 17, 11, 0), 13)
            .Routed(kSemiAcuteFromFalun)
            .Outcome(v1::CONSULT_OUTCOME_REFERRAL_NEEDED));
    answered(14, 18, kSemiAcuteFromFalun, v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT);
    answered(19, 23, kSemiAcuteFromFalun, v1::CONSULT_OUTCOME_DIRECT_TO_RADIOLOGY);
    answered(24, 28, kAcuteFromMora, v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
    answered(29, 33, kAcuteFromMora, v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT);
    answered(34, 38, kAcuteFromMora, v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED);
    answered(39, 45, kAcuteFromMora, v1::CONSULT_OUTCOME_SENT_TO_ED);
    answered(46, 49, kAmbulanceToGp, v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE);
    answered(50, 52, kAmbulanceToGp, v1::CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE);
    answered(53, 57, kAmbulanceToGp, v1::CONSULT_OUTCOME_AMBULANCE_TO_ED);
    answered(58, 62, kAcuteFromFalun, v1::CONSULT_OUTCOME_CONFERENCE_REQUESTED);
  }

  // March 2026, acute consults from Falun on the medicine line:
  //   101–110 accepted and answered; seconds to accept 30, 300, 45, 120, 60,
  //           600, 90, 15, 240, 180 and to answer 900, 1200, 600, 3000, 1500,
  //           2400, 1800, 300, 7200, 2100; 101–103 had moved on once before
  //           they were accepted; 106–110 were answered after their deadline;
  //           101 is accepted a second time after a handover.
  //   111–115 unanswered after moving on twice.
  //   116–120 declined, without moving on.
  //   121     cancelled by the requester.
  void AddMarchResponses() {
    const int accept_seconds[] = {30, 300, 45, 120, 60, 600, 90, 15, 240, 180};
    const int answer_seconds[] = {900, 1200, 600, 3000, 1500, 2400, 1800, 300, 7200, 2100};
    for (int i = 0; i < 10; ++i) {
      const int subject = 101 + i;
      const absl::Time created = Local(2026, 3, 10 + i, 14, 0);
      const int escalations = i < 3 ? 1 : 0;
      Add(EventBuilder(v1::EVENT_TYPE_CONSULT_CREATED, created, subject).From(kAcuteFromFalun));
      Add(EventBuilder(v1::EVENT_TYPE_CONSULT_ACCEPTED, created + absl::Seconds(accept_seconds[i]), subject)
              .Routed(kAcuteFromFalun)
              .TimeToAccept(absl::Seconds(accept_seconds[i]))
              .Escalations(escalations));
      EventBuilder answered(v1::EVENT_TYPE_CONSULT_ANSWERED, created + absl::Seconds(answer_seconds[i]), subject);
      answered.Routed(kAcuteFromFalun)
          .Outcome(v1::CONSULT_OUTCOME_HANDED_BACK_TO_PRIMARY_CARE)
          .TimeToAnswer(absl::Seconds(answer_seconds[i]))
          .Escalations(escalations);
      if (i >= 5) answered.Overdue();
      Add(answered);
    }
    Add(EventBuilder(v1::EVENT_TYPE_CONSULT_ACCEPTED, Local(2026, 3, 10, 18, 0), 101).Routed(kAcuteFromFalun));
    for (int subject = 111; subject <= 115; ++subject) {
      const absl::Time created = Local(2026, 3, 20, 8, subject - 100);
      Add(EventBuilder(v1::EVENT_TYPE_CONSULT_CREATED, created, subject).From(kAcuteFromFalun));
      Add(EventBuilder(v1::EVENT_TYPE_CONSULT_OFFERED, created + absl::Minutes(1), subject).Routed(kAcuteFromFalun));
      Add(EventBuilder(v1::EVENT_TYPE_CONSULT_UNANSWERED, created + absl::Minutes(30), subject)
              .Routed(kAcuteFromFalun)
              .Escalations(2));
    }
    for (int subject = 116; subject <= 120; ++subject) {
      const absl::Time created = Local(2026, 3, 21, 8, subject - 100);
      Add(EventBuilder(v1::EVENT_TYPE_CONSULT_CREATED, created, subject).From(kAcuteFromFalun));
      Add(EventBuilder(v1::EVENT_TYPE_CONSULT_DECLINED, created + absl::Minutes(5), subject).Routed(kAcuteFromFalun));
    }
    Add(EventBuilder(v1::EVENT_TYPE_CONSULT_CREATED, Local(2026, 3, 22, 8, 0), 121).From(kAcuteFromFalun));
    Add(EventBuilder(v1::EVENT_TYPE_CONSULT_CANCELLED, Local(2026, 3, 22, 8, 3), 121).From(kAcuteFromFalun));
  }

  // March 2026, conferences requested from Falun:
  //   201–210 requested on 2–11 March, booked 24, 48, 2, 72, 12, 6, 36, 4, 96
  //           and 18 hours later, held on 20–24 March;
  //   201–205 given a plan on 25 March and followed up on 27 March; 201's
  //           plan is recorded again on 30 March.
  void AddMarchConferences() {
    const int lead_hours[] = {24, 48, 2, 72, 12, 6, 36, 4, 96, 18};
    for (int i = 0; i < 10; ++i) {
      const int subject = 201 + i;
      const absl::Time requested = Local(2026, 3, 2 + i, 10, 0);
      Add(EventBuilder(v1::EVENT_TYPE_CONFERENCE_REQUESTED, requested, subject));
      Add(EventBuilder(v1::EVENT_TYPE_CONFERENCE_BOOKED, requested + absl::Hours(lead_hours[i]), subject)
              .LeadTime(absl::Hours(lead_hours[i])));
      Add(EventBuilder(v1::EVENT_TYPE_CONFERENCE_HELD, Local(2026, 3, 20 + i / 2, 13, i), subject));
      if (i < 5) {
        Add(EventBuilder(v1::EVENT_TYPE_CONFERENCE_PLAN_RECORDED, Local(2026, 3, 25, 9, i), subject));
        Add(EventBuilder(v1::EVENT_TYPE_CONFERENCE_FOLLOWED_UP, Local(2026, 3, 27, 9, i), subject));
      }
    }
    Add(EventBuilder(v1::EVENT_TYPE_CONFERENCE_PLAN_RECORDED, Local(2026, 3, 30, 9, 0), 201));
  }

  // Acute consults from Falun, each answered ten minutes after creation:
  //   301–308 on 10–17 February, all sent to the ED;
  //   311–320 on 10–19 March: 311–315 sent to the ED, 316–320 admitted
  //           directly.
  void AddFebruaryAndMarch() {
    for (int i = 0; i < 8; ++i) {
      AddAnswered(301 + i, kAcuteFromFalun, Local(2026, 2, 10 + i, 9, 0), v1::CONSULT_OUTCOME_SENT_TO_ED);
    }
    for (int i = 0; i < 10; ++i) {
      AddAnswered(311 + i, kAcuteFromFalun, Local(2026, 3, 10 + i, 9, 0),
                  i < 5 ? v1::CONSULT_OUTCOME_SENT_TO_ED : v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
    }
  }

  // Consults created around the clocks' changes of 2026:
  //   401–405 on Saturday 28 March at 23:59 (CET, 22:59 UTC);
  //   406–408 on Sunday 29 March at 01:59 (CET, 00:59 UTC), just before the
  //           clocks go forward, and 409–411 at 03:00 (CEST, 01:00 UTC), just
  //           after;
  //   412–416 on 31 March at 23:30 (CEST, 21:30 UTC);
  //   421–425 on 25 October at 02:30 the first time (CEST, 00:30 UTC) and
  //   426–430 at 02:30 the second time (CET, 01:30 UTC);
  //   431–435 on 26 October at 00:30 (CET, 25 October 23:30 UTC).
  void AddAroundTheClockChanges() {
    for (int subject = 401; subject <= 405; ++subject) AddCreated(subject, Utc(2026, 3, 28, 22, 59));
    for (int subject = 406; subject <= 408; ++subject) AddCreated(subject, Utc(2026, 3, 29, 0, 59));
    for (int subject = 409; subject <= 411; ++subject) AddCreated(subject, Utc(2026, 3, 29, 1, 0));
    for (int subject = 412; subject <= 416; ++subject) AddCreated(subject, Utc(2026, 3, 31, 21, 30));
    for (int subject = 421; subject <= 425; ++subject) AddCreated(subject, Utc(2026, 10, 25, 0, 30));
    for (int subject = 426; subject <= 430; ++subject) AddCreated(subject, Utc(2026, 10, 25, 1, 30));
    for (int subject = 431; subject <= 435; ++subject) AddCreated(subject, Utc(2026, 10, 25, 23, 30));
  }

  RegionFacts Facts() const {
    RegionFacts facts;
    for (const v1::Event& event : events_) facts.Add(event);
    return facts;
  }

  v1::KpiReport Report(const v1::QueryKpiReportRequest& request, const v1::KpiTargets& targets = {}) const {
    const absl::StatusOr<ReportQuery> query = ReadReportQuery(request, kNow, Stockholm());
    EXPECT_TRUE(query.ok()) << query.status();
    if (!query.ok()) return {};
    return ComputeReport(Facts(), targets, *query, kNow);
  }

  // The region's total for one KPI in a month.
  v1::KpiValue Total(int year, int month, v1::Kpi kpi, const v1::KpiTargets& targets = {}) const {
    return ValueOf(Report(MonthRequest(year, month, {kpi}), targets).total(), kpi);
  }

  std::vector<v1::KpiSeries> Series(const v1::ListKpiSeriesRequest& request, const v1::KpiTargets& targets = {}) const {
    const absl::StatusOr<SeriesQuery> query = ReadSeriesQuery(request, Stockholm());
    EXPECT_TRUE(query.ok()) << query.status();
    if (!query.ok()) return {};
    return ComputeSeries(Facts(), targets, *query);
  }

  std::vector<v1::Event> events_;
};

// ---------------------------------------------------------------------------
// Every KPI from a known month
// ---------------------------------------------------------------------------

TEST_F(KpiComputationTest, ReferralsAreCountedByEachConsultsLatestOutcome) {
  AddMarchOutcomes();
  const v1::KpiRow total = Report(MonthRequest(2026, 3)).total();
  // 62 consults, all created and answered in March.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONSULTS_CREATED)), "62 n=62");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONSULTS_ANSWERED)), "62 n=62");
  // Avoided: 1–5 advice, 6–8 stays, 34–38 advice = 13; 13's advice was
  // corrected, so it counts as needed with 9–12: 5.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_REFERRALS_AVOIDED)), "13 n=13");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_REFERRALS_NEEDED)), "5 n=5");
  // 13 / (13 + 5) = 0.722…; the difference 5 is not small.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_REFERRAL_AVOIDED_SHARE)), "13/18 0.722222 n=18");
  // 24–28 admitted directly (acute), 19–23 to radiology (semi-acute: any track).
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_DIRECT_ADMISSIONS)), "5 n=5");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_DIRECT_TO_RADIOLOGY)), "5 n=5");
  // 58–62's outcome CONFERENCE_REQUESTED is not a conference.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONFERENCES_REQUESTED)), "0 n=0");
}

TEST_F(KpiComputationTest, EdVisitsAvoidedCountStayingAtTheCareLevelOnlyOnTheAcuteTracks) {
  AddMarchOutcomes();
  v1::QueryKpiReportRequest request = MonthRequest(
      2026, 3,
      {v1::KPI_ED_VISITS_AVOIDED, v1::KPI_ED_VISITS_SENT, v1::KPI_ED_AVOIDED_SHARE, v1::KPI_ADMISSIONS_AVOIDED});
  request.add_group_by(v1::KPI_DIMENSION_TRACK);
  const v1::KpiReport report = Report(request);
  // Avoided: direct 19–23 and 24–28 (any track) = 10, acute planned visits
  // 29–33 and acute advice 34–38 = 10, ambulance steered 46–52 = 7: 27.
  // Not: semi-acute planned visits 14–18, semi-acute advice or stays 1–8.
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_ED_VISITS_AVOIDED)), "27 n=27");
  // Sent: 39–45 to the ED, 53–57 ambulance to the ED.
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_ED_VISITS_SENT)), "12 n=12");
  // 27 / (27 + 12) = 0.6923…
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_ED_AVOIDED_SHARE)), "27/39 0.692308 n=39");
  // On the acute tracks only: 29–33, 34–38, 46–52.
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_ADMISSIONS_AVOIDED)), "17 n=17");

  // The semi-acute track keeps only its radiology (19–23) as avoided.
  EXPECT_EQ(Rows(report, v1::KPI_ED_VISITS_AVOIDED),
            (std::vector<std::string>{"Akut: 15 n=15", "Halvakut: 5 n=5", "Tillgänglig primärvård: 7 n=7"}));
  EXPECT_EQ(Rows(report, v1::KPI_ADMISSIONS_AVOIDED),
            (std::vector<std::string>{"Akut: 10 n=10", "Halvakut: 0 n=0", "Tillgänglig primärvård: 7 n=7"}));
  EXPECT_EQ(Rows(report, v1::KPI_ED_VISITS_SENT),
            (std::vector<std::string>{"Akut: 7 n=7", "Halvakut: 0 n=0", "Tillgänglig primärvård: 5 n=5"}));
}

TEST_F(KpiComputationTest, AmbulanceConsultsAreAccessiblePrimaryCareConsultsFromAnAmbulanceStation) {
  AddMarchOutcomes();
  const v1::KpiRow total = Report(MonthRequest(2026, 3)).total();
  // 46–57; steered: treated on scene 46–49 and to the health centre 50–52.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_AMBULANCE_CONSULTS)), "12 n=12");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_AMBULANCE_STEERED)), "7 n=7");
  // 7 / 12, difference 5.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_AMBULANCE_STEERED_SHARE)), "7/12 0.583333 n=12");
}

TEST_F(KpiComputationTest, ConsultsByOutcomeCountEachConsultUnderItsLatestOutcome) {
  AddMarchOutcomes();
  v1::QueryKpiReportRequest request = MonthRequest(2026, 3, {v1::KPI_CONSULTS_ANSWERED});
  request.add_group_by(v1::KPI_DIMENSION_OUTCOME);
  const v1::KpiReport report = Report(request);
  // Ordered by the Swedish names; 13 is under "Remiss behövs" with 9–12.
  EXPECT_EQ(Rows(report, v1::KPI_CONSULTS_ANSWERED), (std::vector<std::string>{
                                                         "Ambulans: behandlad på plats: <5",     // 46–49
                                                         "Ambulans: till akuten: 5 n=5",         // 53–57
                                                         "Ambulans: till vårdcentral: <5",       // 50–52
                                                         "Direkt till röntgen: 5 n=5",           // 19–23
                                                         "Direktinläggning: 5 n=5",              // 24–28
                                                         "Konferens begärd: 5 n=5",              // 58–62
                                                         "Planerat specialistbesök: 10 n=10",    // 14–18, 29–33
                                                         "Remiss behövs: 5 n=5",                 // 9–13
                                                         "Råd givet, remiss undviken: 10 n=10",  // 1–5, 34–38
                                                         "Skickad till akuten: 7 n=7",           // 39–45
                                                         "Stannar i primärvården: <5",           // 6–8
                                                     }));
  ASSERT_GT(report.rows_size(), 0);
  EXPECT_EQ(report.rows(0).keys(0).value(), "CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE");
}

TEST_F(KpiComputationTest, ACorrectedOutcomeCountsInThePeriodOfTheAnswer) {
  // 501–505 answered on 31 March with advice, corrected on 2 April to
  // referral needed; 505's correction arrives before its answer.
  for (int subject = 501; subject <= 505; ++subject) {
    const absl::Time correction = Local(2026, 4, 2, 10, subject - 500);
    if (subject == 505) {
      Add(EventBuilder(v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED, correction, subject)
              .Routed(kAcuteFromFalun)
              .Outcome(v1::CONSULT_OUTCOME_REFERRAL_NEEDED));
    }
    AddAnswered(subject, kAcuteFromFalun, Local(2026, 3, 31, 15, 0), v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED);
    if (subject != 505) {
      Add(EventBuilder(v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED, correction, subject)
              .Routed(kAcuteFromFalun)
              .Outcome(v1::CONSULT_OUTCOME_REFERRAL_NEEDED));
    }
  }
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_REFERRALS_NEEDED)), "5 n=5");
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_REFERRALS_AVOIDED)), "0 n=0");
  EXPECT_EQ(Shown(Total(2026, 4, v1::KPI_REFERRALS_NEEDED)), "0 n=0");
  EXPECT_EQ(Shown(Total(2026, 4, v1::KPI_CONSULTS_ANSWERED)), "0 n=0");
}

TEST_F(KpiComputationTest, TimesToAcceptAndAnswerAreNearestRankMediansAndNinetiethPercentiles) {
  AddMarchResponses();
  const v1::KpiRow total = Report(MonthRequest(2026, 3)).total();
  // To accept, sorted: 15 30 45 60 [90] 120 180 240 [300] 600: the median is
  // the 5th of 10, the 90th percentile the 9th. 101's second acceptance adds
  // nothing.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_TIME_TO_ACCEPT_MEDIAN)), "90 n=10");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_TIME_TO_ACCEPT_P90)), "300 n=10");
  // To answer, sorted: 300 600 900 1200 [1500] 1800 2100 2400 [3000] 7200.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_TIME_TO_ANSWER_MEDIAN)), "1500 n=10");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_TIME_TO_ANSWER_P90)), "3000 n=10");
}

TEST_F(KpiComputationTest, UnansweredAndEscalatedSharesAreOfConsultsSettledInThePeriod) {
  AddMarchResponses();
  const v1::KpiRow total = Report(MonthRequest(2026, 3)).total();
  // 101–121 created; 101–110 answered.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONSULTS_CREATED)), "21 n=21");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONSULTS_ANSWERED)), "10 n=10");
  // Settled: 10 first accepted + 5 unanswered + 5 declined = 20 (121 was
  // cancelled and is not among them). Unanswered 111–115: 5 / 20.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_UNANSWERED_SHARE)), "5/20 0.25 n=20");
  // Moved on: 101–103 and 111–115: 8 / 20.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_ESCALATED_SHARE)), "8/20 0.4 n=20");
  // Answered after the deadline: 106–110, 5 / 10.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_ANSWER_OVERDUE_SHARE)), "5/10 0.5 n=10");
}

TEST_F(KpiComputationTest, ConferenceKpisCountConferenceEvents) {
  AddMarchConferences();
  const v1::KpiRow total = Report(MonthRequest(2026, 3)).total();
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONFERENCES_REQUESTED)), "10 n=10");
  // Lead times in hours, sorted: 2 4 6 12 [18] 24 36 48 72 96: 18 h = 64800 s.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONFERENCE_LEAD_TIME_MEDIAN)), "64800 n=10");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONFERENCES_HELD)), "10 n=10");
  // 201–205; 201's second plan is not a second conference with a plan.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONFERENCES_WITH_PLAN)), "5 n=5");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONFERENCE_PLAN_SHARE)), "5/10 0.5 n=10");
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONFERENCES_FOLLOWED_UP)), "5 n=5");
  // Conferences are not consults.
  EXPECT_EQ(Shown(ValueOf(total, v1::KPI_CONSULTS_CREATED)), "0 n=0");
}

// ---------------------------------------------------------------------------
// Empty periods, one event, small counts
// ---------------------------------------------------------------------------

TEST_F(KpiComputationTest, AMonthWithoutEventsShowsZeroCountsAndNoRatiosOrDurations) {
  const v1::KpiReport report = Report(MonthRequest(2026, 3));
  const std::vector<v1::Kpi> ratios = {v1::KPI_REFERRAL_AVOIDED_SHARE,  v1::KPI_ED_AVOIDED_SHARE,
                                       v1::KPI_AMBULANCE_STEERED_SHARE, v1::KPI_UNANSWERED_SHARE,
                                       v1::KPI_ESCALATED_SHARE,         v1::KPI_ANSWER_OVERDUE_SHARE,
                                       v1::KPI_CONFERENCE_PLAN_SHARE};
  const std::vector<v1::Kpi> durations = {v1::KPI_TIME_TO_ACCEPT_MEDIAN, v1::KPI_TIME_TO_ACCEPT_P90,
                                          v1::KPI_TIME_TO_ANSWER_MEDIAN, v1::KPI_TIME_TO_ANSWER_P90,
                                          v1::KPI_CONFERENCE_LEAD_TIME_MEDIAN};
  // No KPI asked: all 27, in Kpi order.
  ASSERT_EQ(report.total().values_size(), 27);
  for (int i = 0; i < 27; ++i) {
    const v1::KpiValue& value = report.total().values(i);
    const auto kpi = static_cast<v1::Kpi>(i + 1);
    SCOPED_TRACE(v1::Kpi_Name(kpi));
    ASSERT_EQ(value.kpi(), kpi);
    const bool ratio = std::find(ratios.begin(), ratios.end(), kpi) != ratios.end();
    const bool duration = std::find(durations.begin(), durations.end(), kpi) != durations.end();
    if (ratio) {
      EXPECT_EQ(value.unit(), v1::KPI_UNIT_RATIO);
      EXPECT_EQ(Shown(value), "0/0 no value n=0");
    } else if (duration) {
      EXPECT_EQ(value.unit(), v1::KPI_UNIT_SECONDS);
      EXPECT_EQ(Shown(value), "no value n=0");
    } else {
      EXPECT_EQ(value.unit(), v1::KPI_UNIT_COUNT);
      EXPECT_EQ(Shown(value), "0 n=0");
    }
    // A count of 0 is as good as February's 0; nothing else can be judged.
    EXPECT_EQ(value.target_status(), ratio || duration ? v1::TARGET_STATUS_NO_DATA : v1::TARGET_STATUS_ON_TRACK);
    EXPECT_EQ(value.has_previous_value(), !ratio && !duration);
  }
  EXPECT_EQ(Judged(ValueOf(report.total(), v1::KPI_ED_VISITS_SENT)), "previous 0, target none, ON_TRACK, FEWER");
  EXPECT_EQ(Judged(ValueOf(report.total(), v1::KPI_TIME_TO_ANSWER_MEDIAN)),
            "previous none, target none, NO_DATA, FEWER");
  EXPECT_EQ(report.rows_size(), 0);
  EXPECT_EQ(report.total().keys_size(), 0);
  EXPECT_FALSE(report.has_latest_event_time());
}

TEST_F(KpiComputationTest, OneEventAloneIsWithheldYetDatesTheLatestEvent) {
  AddCreated(1, Local(2026, 3, 10, 9, 0));
  const v1::KpiReport report = Report(MonthRequest(2026, 3));
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_CONSULTS_CREATED)), "<5");
  EXPECT_EQ(Judged(ValueOf(report.total(), v1::KPI_CONSULTS_CREATED)), "previous 0, target none, NO_DATA, MORE");
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_CONSULTS_ANSWERED)), "0 n=0");
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_UNANSWERED_SHARE)), "0/0 no value n=0");
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_TIME_TO_ACCEPT_MEDIAN)), "no value n=0");
  EXPECT_EQ(api::FromProto(report.latest_event_time()), Local(2026, 3, 10, 9, 0));
}

TEST_F(KpiComputationTest, CountsOfOneToFourAreWithheldAndFiveIsShown) {
  for (int count = 1; count <= 5; ++count) {
    SCOPED_TRACE(absl::StrCat(count, " consults created"));
    events_.clear();
    for (int subject = 1; subject <= count; ++subject) AddCreated(subject, Local(2026, 3, 10, 9, subject));
    const v1::KpiValue created = Total(2026, 3, v1::KPI_CONSULTS_CREATED);
    EXPECT_EQ(Shown(created), count < 5 ? "<5" : "5 n=5");
    EXPECT_EQ(created.suppressed(), count < 5);
    EXPECT_EQ(created.has_value(), count == 5);
    EXPECT_EQ(created.has_sample_size(), count == 5);
    // None answered: zero is shown.
    EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_CONSULTS_ANSWERED)), "0 n=0");
  }
}

TEST_F(KpiComputationTest, ARatioIsWithheldWhenItsNumeratorDenominatorOrTheirDifferenceIsOneToFour) {
  struct Case {
    int steered;
    int consults;
    std::string shown;
  };
  const Case cases[] = {
      {7, 10, "<5"},             // difference 3
      {6, 10, "<5"},             // difference 4
      {5, 10, "5/10 0.5 n=10"},  // numerator and difference 5
      {3, 10, "<5"},             // numerator 3
      {4, 4, "<5"},              // denominator 4
      {10, 10, "10/10 1 n=10"},  // difference 0
      {0, 10, "0/10 0 n=10"},    // numerator 0
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.steered, " of ", c.consults, " ambulance consults steered"));
    events_.clear();
    for (int i = 0; i < c.consults; ++i) {
      AddAnswered(1 + i, kAmbulanceToGp, Local(2026, 3, 10, 9, i),
                  i < c.steered ? v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE : v1::CONSULT_OUTCOME_AMBULANCE_TO_ED);
    }
    EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_AMBULANCE_STEERED_SHARE)), c.shown);
  }
}

TEST_F(KpiComputationTest, SteeredAmbulanceConsultsAreWithheldWhenTheOthersAreFewBesideTheirTotal) {
  // 10 ambulance consults, 7 steered: beside the 10, a 7 would show that 3
  // went to the ED.
  for (int i = 0; i < 10; ++i) {
    AddAnswered(1 + i, kAmbulanceToGp, Local(2026, 3, 10, 9, i),
                i < 7 ? v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE : v1::CONSULT_OUTCOME_AMBULANCE_TO_ED);
  }
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_AMBULANCE_CONSULTS)), "10 n=10");
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_AMBULANCE_STEERED)), "<5");
}

TEST_F(KpiComputationTest, ADurationFromFourConsultsIsWithheldAndFromFiveShown) {
  // Answered after 5, 1, 4 and 2 minutes.
  const int minutes[] = {5, 1, 4, 2, 3};
  for (int i = 0; i < 4; ++i) {
    AddAnswered(1 + i, kAcuteFromFalun, Local(2026, 3, 10, 9, i), v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE,
                absl::Minutes(minutes[i]));
  }
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_TIME_TO_ANSWER_MEDIAN)), "<5");
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_TIME_TO_ANSWER_P90)), "<5");

  // And a fifth after 3 minutes: sorted 60 120 [180] 240 [300]; the median is
  // the 3rd of 5 (rank ⌈2.5⌉), the 90th percentile the 5th (rank ⌈4.5⌉).
  AddAnswered(5, kAcuteFromFalun, Local(2026, 3, 10, 9, 4), v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE,
              absl::Minutes(minutes[4]));
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_TIME_TO_ANSWER_MEDIAN)), "180 n=5");
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_TIME_TO_ANSWER_P90)), "300 n=5");
}

TEST_F(KpiComputationTest, NearestRankPercentilesRoundTheRankUpAndNeverInterpolate) {
  // Answered after 7, 3, 5, 1, 6, 2 and 4 minutes: sorted 60 … 420 s. The
  // median's rank is ⌈0.5 × 7⌉ = 4 (240 s); the 90th percentile's is
  // ⌈0.9 × 7⌉ = ⌈6.3⌉ = 7 (420 s), not the 6th.
  const int minutes[] = {7, 3, 5, 1, 6, 2, 4};
  for (int i = 0; i < 7; ++i) {
    AddAnswered(1 + i, kAcuteFromFalun, Local(2026, 3, 10, 9, i), v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE,
                absl::Minutes(minutes[i]));
  }
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_TIME_TO_ANSWER_MEDIAN)), "240 n=7");
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_TIME_TO_ANSWER_P90)), "420 n=7");
}

TEST_F(KpiComputationTest, AWithheldPreviousPeriodGivesNoPreviousValueAndNoStatus) {
  // 3 answered in February, 6 in March.
  for (int i = 0; i < 3; ++i) {
    AddAnswered(1 + i, kAcuteFromFalun, Local(2026, 2, 10 + i, 9, 0), v1::CONSULT_OUTCOME_SENT_TO_ED);
  }
  for (int i = 0; i < 6; ++i) {
    AddAnswered(11 + i, kAcuteFromFalun, Local(2026, 3, 10 + i, 9, 0), v1::CONSULT_OUTCOME_SENT_TO_ED);
  }
  const v1::KpiValue answered = Total(2026, 3, v1::KPI_CONSULTS_ANSWERED);
  EXPECT_EQ(Shown(answered), "6 n=6");
  EXPECT_EQ(Judged(answered), "previous none, target none, NO_DATA, MORE");
}

// ---------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------

TEST_F(KpiComputationTest, ACountTargetIsADailyRateScaledByThePeriodsDays) {
  AddFebruaryAndMarch();
  const v1::KpiTargets targets = Targets({ValueTarget(v1::KPI_CONSULTS_CREATED, 2)});
  // March, 31 days: 2 × 31 = 62; 10 created against February's 8.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_CONSULTS_CREATED, targets)), "previous 8, target 62, OFF_TRACK, MORE");
  // February, 28 days: 56.
  EXPECT_EQ(Judged(Total(2026, 2, v1::KPI_CONSULTS_CREATED, targets)), "previous 0, target 56, OFF_TRACK, MORE");
  // The ISO week 9–15 March: 2 × 7 = 14; 311–316 created on 10–15 March.
  const v1::KpiValue week = ValueOf(
      Report(ReportRequest(v1::PERIOD_KIND_WEEK, absl::CivilDay(2026, 3, 11), {v1::KPI_CONSULTS_CREATED}), targets)
          .total(),
      v1::KPI_CONSULTS_CREATED);
  EXPECT_EQ(Shown(week), "6 n=6");
  EXPECT_EQ(Judged(week), "previous 0, target 14, OFF_TRACK, MORE");

  // 0.25 a day is 7.75 in March, which 10 meets.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_CONSULTS_CREATED, Targets({ValueTarget(v1::KPI_CONSULTS_CREATED, 0.25)}))),
            "previous 8, target 7.75, ON_TRACK, MORE");
}

TEST_F(KpiComputationTest, RatioAndDurationTargetsAreTakenAsTheyAre) {
  AddFebruaryAndMarch();
  const v1::KpiTargets targets =
      Targets({ValueTarget(v1::KPI_ED_AVOIDED_SHARE, 0.6), ValueTarget(v1::KPI_ANSWER_OVERDUE_SHARE, 0.1),
               ValueTarget(v1::KPI_TIME_TO_ANSWER_MEDIAN, 900)});
  // March: 316–320 admitted of 10: 5 / 10 = 0.5 < 0.6. February: 0 / 8.
  const v1::KpiValue ed = Total(2026, 3, v1::KPI_ED_AVOIDED_SHARE, targets);
  EXPECT_EQ(Shown(ed), "5/10 0.5 n=10");
  EXPECT_EQ(Judged(ed), "previous 0, target 0.6, OFF_TRACK, MORE");
  // None overdue: 0 / 10 ≤ 0.1.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_ANSWER_OVERDUE_SHARE, targets)), "previous 0, target 0.1, ON_TRACK, FEWER");
  // Every answer after 600 s ≤ 900 s.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_TIME_TO_ANSWER_MEDIAN, targets)),
            "previous 600, target 900, ON_TRACK, FEWER");
}

TEST_F(KpiComputationTest, ARelativeTargetIsThePreviousValueChangedInTheKpisDirection) {
  AddFebruaryAndMarch();
  const v1::KpiTargets targets =
      Targets({RelativeTarget(v1::KPI_CONSULTS_ANSWERED, 0.25), RelativeTarget(v1::KPI_ED_VISITS_SENT, 0.25),
               RelativeTarget(v1::KPI_CONSULTS_CREATED, 0.5)});
  // More: 8 × 1.25 = 10, met by 10.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_CONSULTS_ANSWERED, targets)), "previous 8, target 10, ON_TRACK, MORE");
  // Fewer: 8 × 0.75 = 6; 311–315 sent, 5 ≤ 6.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_ED_VISITS_SENT, targets)), "previous 8, target 6, ON_TRACK, FEWER");
  // More: 8 × 1.5 = 12, not met by 10.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_CONSULTS_CREATED, targets)), "previous 8, target 12, OFF_TRACK, MORE");
}

TEST_F(KpiComputationTest, ATargetsDirectionOverridesTheKpisDefault) {
  AddFebruaryAndMarch();
  v1::KpiTarget more_sent = RelativeTarget(v1::KPI_ED_VISITS_SENT, 0.25);
  more_sent.set_direction(v1::KPI_DIRECTION_MORE);
  v1::KpiTarget fewer_answered = Target(v1::KPI_CONSULTS_ANSWERED);
  fewer_answered.set_direction(v1::KPI_DIRECTION_FEWER);
  const v1::KpiTargets targets = Targets({more_sent, fewer_answered});
  // 8 × 1.25 = 10 sent wanted; 5 is short of it.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_ED_VISITS_SENT, targets)), "previous 8, target 10, OFF_TRACK, MORE");
  // No threshold, fewer is better: 10 answered is worse than February's 8.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_CONSULTS_ANSWERED, targets)), "previous 8, target none, OFF_TRACK, FEWER");
}

TEST_F(KpiComputationTest, WithoutAThresholdAKpiIsOnTrackWhenAtLeastAsGoodAsThePreviousPeriod) {
  AddFebruaryAndMarch();
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_CONSULTS_ANSWERED)), "previous 8, target none, ON_TRACK, MORE");
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_ED_VISITS_SENT)), "previous 8, target none, ON_TRACK, FEWER");
  // Equal is on track: every answer after 600 s in both months.
  EXPECT_EQ(Judged(Total(2026, 3, v1::KPI_TIME_TO_ANSWER_MEDIAN)), "previous 600, target none, ON_TRACK, FEWER");
  // April has none of March's 10.
  EXPECT_EQ(Judged(Total(2026, 4, v1::KPI_CONSULTS_ANSWERED)), "previous 10, target none, OFF_TRACK, MORE");
}

TEST_F(KpiComputationTest, AWithheldValueHasNoStatusEvenAgainstATarget) {
  AddFebruaryAndMarch();
  // Two conferences requested in March.
  Add(EventBuilder(v1::EVENT_TYPE_CONFERENCE_REQUESTED, Local(2026, 3, 12, 10, 0), 601));
  Add(EventBuilder(v1::EVENT_TYPE_CONFERENCE_REQUESTED, Local(2026, 3, 13, 10, 0), 602));
  const v1::KpiTargets targets = Targets({ValueTarget(v1::KPI_CONFERENCES_REQUESTED, 0.1)});
  const v1::KpiValue requested = Total(2026, 3, v1::KPI_CONFERENCES_REQUESTED, targets);
  EXPECT_EQ(Shown(requested), "<5");
  // 0.1 × 31 = 3.1.
  EXPECT_EQ(Judged(requested), "previous 0, target 3.1, NO_DATA, MORE");
}

// ---------------------------------------------------------------------------
// Periods in Stockholm time
// ---------------------------------------------------------------------------

TEST_F(KpiComputationTest, TheDayTheClocksGoForwardIsMidnightToMidnightLocalAnd23Hours) {
  AddAroundTheClockChanges();
  const v1::KpiReport saturday =
      Report(ReportRequest(v1::PERIOD_KIND_DAY, absl::CivilDay(2026, 3, 28), {v1::KPI_CONSULTS_CREATED}));
  const v1::KpiReport sunday =
      Report(ReportRequest(v1::PERIOD_KIND_DAY, absl::CivilDay(2026, 3, 29), {v1::KPI_CONSULTS_CREATED}));
  // 401–405 at 23:59 on the 28th; 406–411 at 01:59 CET and 03:00 CEST on the 29th.
  EXPECT_EQ(Shown(ValueOf(saturday.total(), v1::KPI_CONSULTS_CREATED)), "5 n=5");
  EXPECT_EQ(Shown(ValueOf(sunday.total(), v1::KPI_CONSULTS_CREATED)), "6 n=6");
  EXPECT_EQ(api::FromProto(sunday.interval().start_time()), Utc(2026, 3, 28, 23, 0));
  EXPECT_EQ(api::FromProto(sunday.interval().end_time()), Utc(2026, 3, 29, 22, 0));
  EXPECT_EQ(DatesText(sunday.dates()), "2026-03-29..2026-03-29");
  EXPECT_EQ(DatesText(sunday.previous_dates()), "2026-03-28..2026-03-28");
  EXPECT_EQ(Judged(ValueOf(sunday.total(), v1::KPI_CONSULTS_CREATED)), "previous 5, target none, ON_TRACK, MORE");
}

TEST_F(KpiComputationTest, TheDayTheClocksGoBackIs25HoursAndHoldsBothHalfPastTwos) {
  AddAroundTheClockChanges();
  const v1::KpiReport day =
      Report(ReportRequest(v1::PERIOD_KIND_DAY, absl::CivilDay(2026, 10, 25), {v1::KPI_CONSULTS_CREATED}));
  // 421–425 at the first 02:30 (CEST), 426–430 at the second (CET).
  EXPECT_EQ(Shown(ValueOf(day.total(), v1::KPI_CONSULTS_CREATED)), "10 n=10");
  EXPECT_EQ(api::FromProto(day.interval().start_time()), Utc(2026, 10, 24, 22, 0));
  EXPECT_EQ(api::FromProto(day.interval().end_time()), Utc(2026, 10, 25, 23, 0));
  // 431–435 at 00:30 local on the 26th, still the 25th in UTC.
  EXPECT_EQ(
      Shown(ValueOf(
          Report(ReportRequest(v1::PERIOD_KIND_DAY, absl::CivilDay(2026, 10, 26), {v1::KPI_CONSULTS_CREATED})).total(),
          v1::KPI_CONSULTS_CREATED)),
      "5 n=5");
}

TEST_F(KpiComputationTest, HalfPastElevenOnTheLastEveningOfMarchIsInMarch) {
  AddAroundTheClockChanges();
  ASSERT_EQ(Utc(2026, 3, 31, 21, 30), Local(2026, 3, 31, 23, 30));
  // March: 401–411 and 412–416.
  EXPECT_EQ(Shown(Total(2026, 3, v1::KPI_CONSULTS_CREATED)), "16 n=16");
  EXPECT_EQ(Shown(Total(2026, 4, v1::KPI_CONSULTS_CREATED)), "0 n=0");
}

TEST_F(KpiComputationTest, AnIsoWeekOverTheClockChangeIs167Hours) {
  AddAroundTheClockChanges();
  const v1::KpiReport week =
      Report(ReportRequest(v1::PERIOD_KIND_WEEK, absl::CivilDay(2026, 3, 25), {v1::KPI_CONSULTS_CREATED}));
  EXPECT_EQ(DatesText(week.dates()), "2026-03-23..2026-03-29");
  EXPECT_EQ(api::FromProto(week.interval().start_time()), Utc(2026, 3, 22, 23, 0));
  EXPECT_EQ(api::FromProto(week.interval().end_time()), Utc(2026, 3, 29, 22, 0));
  // 401–411 on the Saturday and Sunday.
  EXPECT_EQ(Shown(ValueOf(week.total(), v1::KPI_CONSULTS_CREATED)), "11 n=11");
  // 412–416 on Tuesday 31 March are in the next week.
  const v1::KpiReport next =
      Report(ReportRequest(v1::PERIOD_KIND_WEEK, absl::CivilDay(2026, 3, 30), {v1::KPI_CONSULTS_CREATED}));
  EXPECT_EQ(DatesText(next.dates()), "2026-03-30..2026-04-05");
  EXPECT_EQ(Shown(ValueOf(next.total(), v1::KPI_CONSULTS_CREATED)), "5 n=5");
  EXPECT_EQ(Judged(ValueOf(next.total(), v1::KPI_CONSULTS_CREATED)), "previous 11, target none, OFF_TRACK, MORE");
}

TEST_F(KpiComputationTest, AWeekIsComparedWithThePreviousIsoWeek) {
  AddFebruaryAndMarch();
  const v1::KpiReport week =
      Report(ReportRequest(v1::PERIOD_KIND_WEEK, absl::CivilDay(2026, 3, 17), {v1::KPI_CONSULTS_ANSWERED}));
  EXPECT_EQ(DatesText(week.dates()), "2026-03-16..2026-03-22");
  EXPECT_EQ(DatesText(week.previous_dates()), "2026-03-09..2026-03-15");
  // 317–320 on 16–19 March; 311–316 on 10–15 March.
  const v1::KpiValue answered = ValueOf(week.total(), v1::KPI_CONSULTS_ANSWERED);
  EXPECT_EQ(Shown(answered), "<5");
  EXPECT_EQ(Judged(answered), "previous 6, target none, NO_DATA, MORE");
}

TEST_F(KpiComputationTest, AMonthIsComparedWithThePreviousCalendarMonth) {
  AddFebruaryAndMarch();
  const v1::KpiReport march = Report(MonthRequest(2026, 3, {v1::KPI_CONSULTS_ANSWERED, v1::KPI_ED_VISITS_SENT}));
  EXPECT_EQ(DatesText(march.dates()), "2026-03-01..2026-03-31");
  EXPECT_EQ(DatesText(march.previous_dates()), "2026-02-01..2026-02-28");
  EXPECT_EQ(api::FromProto(march.interval().start_time()), Utc(2026, 2, 28, 23, 0));
  EXPECT_EQ(api::FromProto(march.interval().end_time()), Utc(2026, 3, 31, 22, 0));
  // 301–308 in February.
  EXPECT_EQ(ValueOf(march.total(), v1::KPI_CONSULTS_ANSWERED).previous_value(), 8);
  EXPECT_EQ(ValueOf(march.total(), v1::KPI_ED_VISITS_SENT).previous_value(), 8);
}

// ---------------------------------------------------------------------------
// Groups and filters
// ---------------------------------------------------------------------------

TEST_F(KpiComputationTest, RowsByTrackAreOrderedByTheTracksNames) {
  AddMarchOutcomes();
  AddMarchConferences();
  v1::QueryKpiReportRequest request = MonthRequest(2026, 3, {v1::KPI_CONSULTS_ANSWERED, v1::KPI_CONFERENCES_REQUESTED});
  request.add_group_by(v1::KPI_DIMENSION_TRACK);
  const v1::KpiReport report = Report(request);
  // Acute 24–45 and 58–62; semi-acute 1–23; ambulance 46–57; conferences 201–210.
  EXPECT_EQ(Rows(report, v1::KPI_CONSULTS_ANSWERED),
            (std::vector<std::string>{"Akut: 27 n=27", "Halvakut: 23 n=23", "Multidisciplinär konferens: 0 n=0",
                                      "Tillgänglig primärvård: 12 n=12"}));
  EXPECT_EQ(Rows(report, v1::KPI_CONFERENCES_REQUESTED),
            (std::vector<std::string>{"Akut: 0 n=0", "Halvakut: 0 n=0", "Multidisciplinär konferens: 10 n=10",
                                      "Tillgänglig primärvård: 0 n=0"}));
  ASSERT_EQ(report.rows_size(), 4);
  EXPECT_EQ(report.rows(0).keys(0).dimension(), v1::KPI_DIMENSION_TRACK);
  EXPECT_EQ(report.rows(0).keys(0).value(), "TRACK_ACUTE");
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_CONSULTS_ANSWERED)), "62 n=62");
}

TEST_F(KpiComputationTest, RowsByRequesterUnitTypeSeparateAmbulanceStationsFromHealthCentres) {
  AddMarchOutcomes();
  AddMarchConferences();
  v1::QueryKpiReportRequest request = MonthRequest(2026, 3, {v1::KPI_CONSULTS_ANSWERED, v1::KPI_CONFERENCES_REQUESTED});
  request.add_group_by(v1::KPI_DIMENSION_REQUESTER_UNIT_TYPE);
  const v1::KpiReport report = Report(request);
  // 46–57 from the ambulance station; the rest, and the conferences, from
  // Falun's and Mora's health centres.
  EXPECT_EQ(Rows(report, v1::KPI_CONSULTS_ANSWERED),
            (std::vector<std::string>{"Ambulansstation: 12 n=12", "Vårdcentral: 50 n=50"}));
  EXPECT_EQ(Rows(report, v1::KPI_CONFERENCES_REQUESTED),
            (std::vector<std::string>{"Ambulansstation: 0 n=0", "Vårdcentral: 10 n=10"}));
  ASSERT_EQ(report.rows_size(), 2);
  EXPECT_EQ(report.rows(1).keys(0).value(), "UNIT_TYPE_HEALTH_CENTRE");
}

TEST_F(KpiComputationTest, ConferencesHaveNoLineAndAreGroupedUnderAnEmptyKey) {
  AddMarchOutcomes();
  AddMarchConferences();
  v1::QueryKpiReportRequest request =
      MonthRequest(2026, 3, {v1::KPI_CONSULTS_CREATED, v1::KPI_CONSULTS_ANSWERED, v1::KPI_CONFERENCES_REQUESTED});
  request.add_group_by(v1::KPI_DIMENSION_LINE);
  const v1::KpiReport report = Report(request);
  EXPECT_EQ(Rows(report, v1::KPI_CONFERENCES_REQUESTED),
            (std::vector<std::string>{"(ingen): 10 n=10", "regions/06/lines/gp-on-call: 0 n=0",
                                      "regions/06/lines/medicine-on-call: 0 n=0"}));
  EXPECT_EQ(Rows(report, v1::KPI_CONSULTS_ANSWERED),
            (std::vector<std::string>{"(ingen): 0 n=0", "regions/06/lines/gp-on-call: 12 n=12",
                                      "regions/06/lines/medicine-on-call: 50 n=50"}));
  // A consult created without a line counts under the line it was routed to.
  EXPECT_EQ(Rows(report, v1::KPI_CONSULTS_CREATED),
            (std::vector<std::string>{"(ingen): 0 n=0", "regions/06/lines/gp-on-call: 12 n=12",
                                      "regions/06/lines/medicine-on-call: 50 n=50"}));
  ASSERT_EQ(report.rows_size(), 3);
  EXPECT_EQ(report.rows(0).keys(0).value(), "");
}

TEST_F(KpiComputationTest, RowsByTwoDimensionsAreOrderedByTheFirstThenTheSecond) {
  AddMarchOutcomes();
  v1::QueryKpiReportRequest request = MonthRequest(2026, 3, {v1::KPI_CONSULTS_ANSWERED});
  request.add_group_by(v1::KPI_DIMENSION_TRACK);
  request.add_group_by(v1::KPI_DIMENSION_REQUESTER_UNIT);
  const v1::KpiReport report = Report(request);
  // Acute: 58–62 from Falun (V001), 24–45 from Mora (V002).
  EXPECT_EQ(Rows(report, v1::KPI_CONSULTS_ANSWERED),
            (std::vector<std::string>{
                "Akut / regions/06/units/SE2321000057-V001: 5 n=5",
                "Akut / regions/06/units/SE2321000057-V002: 22 n=22",
                "Halvakut / regions/06/units/SE2321000057-V001: 23 n=23",
                "Tillgänglig primärvård / regions/06/units/SE2321000057-A001: 12 n=12",
            }));
  ASSERT_EQ(report.group_by_size(), 2);
  ASSERT_EQ(report.rows_size(), 4);
  EXPECT_EQ(report.rows(0).keys(1).dimension(), v1::KPI_DIMENSION_REQUESTER_UNIT);
}

TEST_F(KpiComputationTest, FiltersNarrowTheConsultsCounted) {
  AddMarchOutcomes();
  AddMarchConferences();
  auto answered_with = [&](const v1::KpiFilter& filter) {
    v1::QueryKpiReportRequest request = MonthRequest(2026, 3, {v1::KPI_CONSULTS_ANSWERED});
    *request.mutable_filter() = filter;
    return Shown(ValueOf(Report(request).total(), v1::KPI_CONSULTS_ANSWERED));
  };
  v1::KpiFilter acute;
  acute.add_tracks(v1::TRACK_ACUTE);
  EXPECT_EQ(answered_with(acute), "27 n=27");  // 24–45, 58–62
  v1::KpiFilter from_mora;
  from_mora.add_requester_units(kMora);
  EXPECT_EQ(answered_with(from_mora), "22 n=22");  // 24–45
  v1::KpiFilter on_gp_line;
  on_gp_line.add_lines(kGpLine);
  EXPECT_EQ(answered_with(on_gp_line), "12 n=12");  // 46–57
  v1::KpiFilter acute_from_falun;
  acute_from_falun.add_tracks(v1::TRACK_ACUTE);
  acute_from_falun.add_requester_units(kFalun);
  EXPECT_EQ(answered_with(acute_from_falun), "5 n=5");  // 58–62
}

TEST_F(KpiComputationTest, AFilterOnAUnitOrLineTheRegionNeverSawMatchesNothing) {
  AddMarchOutcomes();
  AddMarchConferences();
  v1::QueryKpiReportRequest request =
      MonthRequest(2026, 3, {v1::KPI_CONSULTS_CREATED, v1::KPI_CONSULTS_ANSWERED, v1::KPI_CONFERENCES_REQUESTED});
  request.mutable_filter()->add_lines("regions/06/lines/never-used");
  v1::KpiReport report = Report(request);
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_CONSULTS_CREATED)), "0 n=0");
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_CONSULTS_ANSWERED)), "0 n=0");
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_CONFERENCES_REQUESTED)), "0 n=0");

  request.clear_filter();
  request.mutable_filter()->add_requester_units("regions/06/units/SE2321000057-X999");
  report = Report(request);
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_CONSULTS_ANSWERED)), "0 n=0");
  EXPECT_EQ(Shown(ValueOf(report.total(), v1::KPI_CONFERENCES_REQUESTED)), "0 n=0");
}

// ---------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------

TEST_F(KpiComputationTest, AMonthlySeriesHasAPointForEveryMonthAndJudgesTheFirstAgainstTheMonthBefore) {
  AddFebruaryAndMarch();
  // 331–336 answered on 10–15 December 2025.
  for (int i = 0; i < 6; ++i) {
    AddAnswered(331 + i, kAcuteFromFalun, Local(2025, 12, 10 + i, 9, 0), v1::CONSULT_OUTCOME_SENT_TO_ED);
  }
  // 15 January to 2 April: January to April, whole months.
  const v1::ListKpiSeriesRequest request =
      SeriesRequest(v1::PERIOD_KIND_MONTH, absl::CivilDay(2026, 1, 15), absl::CivilDay(2026, 4, 2),
                    {v1::KPI_CONSULTS_ANSWERED, v1::KPI_CONSULTS_CREATED});
  const v1::KpiTargets targets =
      Targets({RelativeTarget(v1::KPI_CONSULTS_ANSWERED, 0.25), ValueTarget(v1::KPI_CONSULTS_CREATED, 0.5)});
  const std::vector<v1::KpiSeries> series = Series(request, targets);
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].kpi(), v1::KPI_CONSULTS_ANSWERED);
  EXPECT_EQ(series[0].unit(), v1::KPI_UNIT_COUNT);
  EXPECT_EQ(series[0].direction(), v1::KPI_DIRECTION_MORE);
  EXPECT_FALSE(series[0].has_group());
  // January against December's 6: 6 × 1.25 = 7.5; then 0 × 1.25, 8 × 1.25,
  // 10 × 1.25.
  EXPECT_EQ(Points(series[0]), (std::vector<std::string>{
                                   "2026-01-01: 0 n=0, target 7.5, OFF_TRACK",
                                   "2026-02-01: 8 n=8, target 0, ON_TRACK",
                                   "2026-03-01: 10 n=10, target 10, ON_TRACK",
                                   "2026-04-01: 0 n=0, target 12.5, OFF_TRACK",
                               }));
  // Half a consult a day: 31, 28, 31 and 30 days.
  EXPECT_EQ(Points(series[1]), (std::vector<std::string>{
                                   "2026-01-01: 0 n=0, target 15.5, OFF_TRACK",
                                   "2026-02-01: 8 n=8, target 14, OFF_TRACK",
                                   "2026-03-01: 10 n=10, target 15.5, OFF_TRACK",
                                   "2026-04-01: 0 n=0, target 15, OFF_TRACK",
                               }));
  // Without targets each point is judged against the one before, the first
  // against December.
  EXPECT_EQ(Points(Series(request)[0]), (std::vector<std::string>{
                                            "2026-01-01: 0 n=0, target none, OFF_TRACK",
                                            "2026-02-01: 8 n=8, target none, ON_TRACK",
                                            "2026-03-01: 10 n=10, target none, ON_TRACK",
                                            "2026-04-01: 0 n=0, target none, OFF_TRACK",
                                        }));
}

TEST_F(KpiComputationTest, AWeeklySeriesRangeIsWidenedToWholeIsoWeeks) {
  // Wednesday 11 March to Tuesday 17 March.
  const absl::StatusOr<SeriesQuery> query =
      ReadSeriesQuery(SeriesRequest(v1::PERIOD_KIND_WEEK, absl::CivilDay(2026, 3, 11), absl::CivilDay(2026, 3, 17),
                                    {v1::KPI_CONSULTS_ANSWERED}),
                      Stockholm());
  ASSERT_TRUE(query.ok()) << query.status();
  ASSERT_EQ(query->points.size(), 2u);
  EXPECT_EQ(query->points[0].first_day, absl::CivilDay(2026, 3, 9));
  EXPECT_EQ(query->points[0].last_day, absl::CivilDay(2026, 3, 15));
  EXPECT_EQ(query->points[1].first_day, absl::CivilDay(2026, 3, 16));
  EXPECT_EQ(query->points[1].last_day, absl::CivilDay(2026, 3, 22));
  EXPECT_EQ(query->before_first.first_day, absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(query->before_first.last_day, absl::CivilDay(2026, 3, 8));
}

TEST_F(KpiComputationTest, AWeeklySeriesCountsEachWholeWeek) {
  AddFebruaryAndMarch();
  const std::vector<v1::KpiSeries> series = Series(SeriesRequest(
      v1::PERIOD_KIND_WEEK, absl::CivilDay(2026, 3, 11), absl::CivilDay(2026, 3, 17), {v1::KPI_CONSULTS_ANSWERED}));
  ASSERT_EQ(series.size(), 1u);
  // 311–316 on 10–15 March against none in 2–8 March; 317–320 on 16–19 March.
  EXPECT_EQ(Points(series[0]), (std::vector<std::string>{
                                   "2026-03-09: 6 n=6, target none, ON_TRACK",
                                   "2026-03-16: <5, target none, NO_DATA",
                               }));
}

TEST_F(KpiComputationTest, ASeriesOfMoreThan366PointsIsRefused) {
  // 2024 has 366 days: allowed.
  EXPECT_EQ(Refusal(ReadSeriesQuery(SeriesRequest(v1::PERIOD_KIND_DAY, absl::CivilDay(2024, 1, 1),
                                                  absl::CivilDay(2024, 12, 31), {v1::KPI_CONSULTS_ANSWERED}),
                                    Stockholm())
                        .status()),
            "OK");
  // 1 January 2025 to 2 January 2026: 367 days.
  EXPECT_EQ(Refusal(ReadSeriesQuery(SeriesRequest(v1::PERIOD_KIND_DAY, absl::CivilDay(2025, 1, 1),
                                                  absl::CivilDay(2026, 1, 2), {v1::KPI_CONSULTS_ANSWERED}),
                                    Stockholm())
                        .status()),
            "INVALID_TIME_RANGE range");
}

// ---------------------------------------------------------------------------
// Arrival order
// ---------------------------------------------------------------------------

TEST_F(KpiComputationTest, EventsArrivingInReverseOrderGiveTheSameReport) {
  AddMarchOutcomes();
  AddMarchResponses();
  AddMarchConferences();
  AddFebruaryAndMarch();
  AddAroundTheClockChanges();
  v1::QueryKpiReportRequest request = MonthRequest(2026, 3);
  request.add_group_by(v1::KPI_DIMENSION_TRACK);
  request.add_group_by(v1::KPI_DIMENSION_OUTCOME);
  v1::KpiReport in_order = Report(request);
  std::reverse(events_.begin(), events_.end());
  v1::KpiReport reversed = Report(request);
  in_order.clear_compute_time();
  reversed.clear_compute_time();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(in_order, reversed))
      << "in order:\n"
      << in_order.DebugString() << "\nreversed:\n"
      << reversed.DebugString();
  // The report is not trivially empty: 13's correction holds either way.
  EXPECT_GT(in_order.rows_size(), 5);
  EXPECT_EQ(Shown(ValueOf(reversed.total(), v1::KPI_REFERRALS_NEEDED)), "5 n=5");
}

// ---------------------------------------------------------------------------
// Requests refused
// ---------------------------------------------------------------------------

TEST_F(KpiComputationTest, AReportRequestNamingSomethingUnknownIsRefusedAtThatField) {
  auto refusal = [](const v1::QueryKpiReportRequest& request) {
    return Refusal(ReadReportQuery(request, kNow, Stockholm()).status());
  };
  v1::QueryKpiReportRequest unknown_kpi = MonthRequest(2026, 3);
  unknown_kpi.add_kpis(static_cast<v1::Kpi>(999));
  EXPECT_EQ(refusal(unknown_kpi), "FIELD_INVALID kpis[0]");

  v1::QueryKpiReportRequest three_dimensions = MonthRequest(2026, 3);
  three_dimensions.add_group_by(v1::KPI_DIMENSION_TRACK);
  three_dimensions.add_group_by(v1::KPI_DIMENSION_LINE);
  three_dimensions.add_group_by(v1::KPI_DIMENSION_OUTCOME);
  EXPECT_EQ(refusal(three_dimensions), "FIELD_INVALID group_by");

  v1::QueryKpiReportRequest twice = MonthRequest(2026, 3);
  twice.add_group_by(v1::KPI_DIMENSION_TRACK);
  twice.add_group_by(v1::KPI_DIMENSION_TRACK);
  EXPECT_EQ(refusal(twice), "FIELD_INVALID group_by[1]");

  v1::QueryKpiReportRequest unknown_track = MonthRequest(2026, 3);
  unknown_track.mutable_filter()->add_tracks(v1::TRACK_ACUTE);
  unknown_track.mutable_filter()->add_tracks(static_cast<v1::Track>(42));
  EXPECT_EQ(refusal(unknown_track), "FIELD_INVALID filter.tracks[1]");

  EXPECT_EQ(refusal(MonthRequest(2026, 3)), "OK");
}

}  // namespace
}  // namespace samspar::metrics
