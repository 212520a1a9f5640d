#include "services/metrics/period/report_period.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "tests/unit/common/calendar/calendar_testing.h"

namespace samspar::metrics {

void PrintTo(const Period& period, std::ostream* os) {
  *os << period.first_day << ".." << period.last_day << " ";
  calendar::PrintTo(period.interval, os);
}

namespace {

using calendar::testutil::Stockholm;
using calendar::testutil::Utc;

// A summer afternoon, for requests that give their own dates.
const absl::Time kNow = Utc(2026, 6, 15, 12, 0);

v1::LocalDate Date(int year, int month, int day) {
  v1::LocalDate date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

v1::ReportPeriod Around(v1::PeriodKind kind, const v1::LocalDate& anchor) {
  v1::ReportPeriod period;
  period.set_kind(kind);
  *period.mutable_anchor_date() = anchor;
  return period;
}

v1::ReportPeriod Custom(const v1::LocalDate& start, const v1::LocalDate& end) {
  v1::ReportPeriod period;
  period.set_kind(v1::PERIOD_KIND_CUSTOM);
  *period.mutable_custom_range()->mutable_start_date() = start;
  *period.mutable_custom_range()->mutable_end_date() = end;
  return period;
}

Period Resolve(const v1::ReportPeriod& period, absl::Time now = kNow) {
  const absl::StatusOr<Period> resolved = ResolvePeriod(period, now, Stockholm());
  EXPECT_TRUE(resolved.ok()) << resolved.status();
  return resolved.value_or(Period{});
}

// What a client is told about a refused period: "field REASON".
std::string Refusal(const v1::ReportPeriod& period) {
  const absl::StatusOr<Period> resolved = ResolvePeriod(period, kNow, Stockholm());
  if (resolved.ok()) return "accepted";
  EXPECT_EQ(resolved.status().code(), absl::StatusCode::kInvalidArgument) << resolved.status();
  return absl::StrCat(FieldOf(resolved.status()).value_or("(no field)"), " ",
                      ReasonOf(resolved.status()).value_or("(no reason)"));
}

Period Days(absl::CivilDay first, absl::CivilDay last, absl::Time start, absl::Time end) {
  return Period{first, last, calendar::Interval{start, end}};
}

TEST(ResolvePeriod, DayWhenTheClocksGoForwardIs23Hours) {
  const Period day = Resolve(Around(v1::PERIOD_KIND_DAY, Date(2026, 3, 29)));
  EXPECT_EQ(day, Days(absl::CivilDay(2026, 3, 29), absl::CivilDay(2026, 3, 29), Utc(2026, 3, 28, 23, 0),
                      Utc(2026, 3, 29, 22, 0)));
  EXPECT_EQ(day.interval.length(), absl::Hours(23));
}

TEST(ResolvePeriod, DayWhenTheClocksGoBackIs25Hours) {
  const Period day = Resolve(Around(v1::PERIOD_KIND_DAY, Date(2026, 10, 25)));
  EXPECT_EQ(day, Days(absl::CivilDay(2026, 10, 25), absl::CivilDay(2026, 10, 25), Utc(2026, 10, 24, 22, 0),
                      Utc(2026, 10, 25, 23, 0)));
  EXPECT_EQ(day.interval.length(), absl::Hours(25));
}

TEST(ResolvePeriod, IsoWeekWithTheSpringChangeIs167Hours) {
  const Period week = Resolve(Around(v1::PERIOD_KIND_WEEK, Date(2026, 3, 29)));
  EXPECT_EQ(week, Days(absl::CivilDay(2026, 3, 23), absl::CivilDay(2026, 3, 29), Utc(2026, 3, 22, 23, 0),
                       Utc(2026, 3, 29, 22, 0)));
  EXPECT_EQ(week.interval.length(), absl::Hours(167));
  // Monday and Sunday are both in it: the week runs Monday to Sunday.
  EXPECT_EQ(Resolve(Around(v1::PERIOD_KIND_WEEK, Date(2026, 3, 23))), week);
}

TEST(ResolvePeriod, IsoWeekWithTheAutumnChangeIs169Hours) {
  const Period week = Resolve(Around(v1::PERIOD_KIND_WEEK, Date(2026, 10, 25)));
  EXPECT_EQ(week, Days(absl::CivilDay(2026, 10, 19), absl::CivilDay(2026, 10, 25), Utc(2026, 10, 18, 22, 0),
                       Utc(2026, 10, 25, 23, 0)));
  EXPECT_EQ(week.interval.length(), absl::Hours(169));
}

TEST(ResolvePeriod, IsoWeekRunsAcrossTheNewYear) {
  const Period week = Resolve(Around(v1::PERIOD_KIND_WEEK, Date(2026, 12, 31)));
  EXPECT_EQ(week, Days(absl::CivilDay(2026, 12, 28), absl::CivilDay(2027, 1, 3), Utc(2026, 12, 27, 23, 0),
                       Utc(2027, 1, 3, 23, 0)));
  EXPECT_EQ(Resolve(Around(v1::PERIOD_KIND_WEEK, Date(2027, 1, 3))), week);
}

TEST(ResolvePeriod, MarchIsOneHourShortOf31Days) {
  const Period march = Resolve(Around(v1::PERIOD_KIND_MONTH, Date(2026, 3, 17)));
  EXPECT_EQ(march, Days(absl::CivilDay(2026, 3, 1), absl::CivilDay(2026, 3, 31), Utc(2026, 2, 28, 23, 0),
                        Utc(2026, 3, 31, 22, 0)));
  EXPECT_EQ(march.interval.length(), absl::Hours(31 * 24 - 1));
}

TEST(ResolvePeriod, CustomRangeRunsFromMidnightToMidnight) {
  EXPECT_EQ(Resolve(Custom(Date(2026, 3, 1), Date(2026, 3, 31))),
            Days(absl::CivilDay(2026, 3, 1), absl::CivilDay(2026, 3, 31), Utc(2026, 2, 28, 23, 0),
                 Utc(2026, 3, 31, 22, 0)));
  // A single day is a range too.
  EXPECT_EQ(Resolve(Custom(Date(2026, 10, 25), Date(2026, 10, 25))).interval.length(), absl::Hours(25));
}

TEST(ResolvePeriod, DefaultAnchorIsTodayInStockholmNotInUtc) {
  // 23:30 UTC on 30 June is 01:30 on 1 July in Stockholm (summer time).
  v1::ReportPeriod today;
  today.set_kind(v1::PERIOD_KIND_DAY);
  EXPECT_EQ(Resolve(today, Utc(2026, 6, 30, 23, 30)),
            Days(absl::CivilDay(2026, 7, 1), absl::CivilDay(2026, 7, 1), Utc(2026, 6, 30, 22, 0),
                 Utc(2026, 7, 1, 22, 0)));

  v1::ReportPeriod this_month;
  this_month.set_kind(v1::PERIOD_KIND_MONTH);
  EXPECT_EQ(Resolve(this_month, Utc(2026, 6, 30, 23, 30)).first_day, absl::CivilDay(2026, 7, 1));
  EXPECT_EQ(Resolve(this_month, Utc(2026, 6, 30, 21, 30)).first_day, absl::CivilDay(2026, 6, 1));
}

TEST(ResolvePeriod, CustomRangeOfAtMost366Days) {
  EXPECT_EQ(Refusal(Custom(Date(2028, 1, 1), Date(2028, 12, 31))), "accepted");  // a leap year
  EXPECT_EQ(Refusal(Custom(Date(2026, 1, 1), Date(2027, 1, 1))), "accepted");
  EXPECT_EQ(Refusal(Custom(Date(2026, 1, 1), Date(2027, 1, 2))), "period.custom_range INVALID_TIME_RANGE");
  EXPECT_EQ(Refusal(Custom(Date(2026, 3, 2), Date(2026, 3, 1))), "period.custom_range INVALID_TIME_RANGE");
}

TEST(ResolvePeriod, RefusesDatesThatDoNotExistNamingTheField) {
  EXPECT_EQ(Refusal(Around(v1::PERIOD_KIND_DAY, Date(2026, 2, 29))), "period.anchor_date FIELD_INVALID");
  EXPECT_EQ(Refusal(Around(v1::PERIOD_KIND_WEEK, Date(2026, 13, 1))), "period.anchor_date FIELD_INVALID");
  EXPECT_EQ(Refusal(Around(v1::PERIOD_KIND_MONTH, Date(2026, 0, 10))), "period.anchor_date FIELD_INVALID");
  EXPECT_EQ(Refusal(Around(v1::PERIOD_KIND_DAY, Date(1999, 12, 31))), "period.anchor_date FIELD_INVALID");
  EXPECT_EQ(Refusal(Around(v1::PERIOD_KIND_DAY, Date(2200, 1, 1))), "period.anchor_date FIELD_INVALID");
  EXPECT_EQ(Refusal(Custom(Date(2026, 4, 1), Date(2026, 4, 31))), "period.custom_range.end_date FIELD_INVALID");
  EXPECT_EQ(Refusal(Custom(Date(2026, 4, 0), Date(2026, 4, 30))), "period.custom_range.start_date FIELD_INVALID");
  EXPECT_EQ(Refusal(Around(v1::PERIOD_KIND_DAY, Date(2028, 2, 29))), "accepted");
}

TEST(ResolvePeriod, RefusesAKindWithoutItsFields) {
  v1::ReportPeriod period;
  EXPECT_EQ(Refusal(period), "period.kind FIELD_REQUIRED");
  period.set_kind(static_cast<v1::PeriodKind>(42));
  EXPECT_EQ(Refusal(period), "period.kind FIELD_INVALID");

  period.set_kind(v1::PERIOD_KIND_CUSTOM);
  EXPECT_EQ(Refusal(period), "period.custom_range FIELD_REQUIRED");
  period.mutable_custom_range()->mutable_end_date()->CopyFrom(Date(2026, 3, 31));
  EXPECT_EQ(Refusal(period), "period.custom_range.start_date FIELD_REQUIRED");

  v1::ReportPeriod custom_with_anchor = Custom(Date(2026, 3, 1), Date(2026, 3, 31));
  *custom_with_anchor.mutable_anchor_date() = Date(2026, 3, 15);
  EXPECT_EQ(Refusal(custom_with_anchor), "period.anchor_date FIELD_INVALID");

  v1::ReportPeriod day_with_range = Custom(Date(2026, 3, 1), Date(2026, 3, 31));
  day_with_range.set_kind(v1::PERIOD_KIND_DAY);
  EXPECT_EQ(Refusal(day_with_range), "period.custom_range FIELD_INVALID");
}

TEST(PreviousPeriod, MonthBeforeIsTheWholeCalendarMonth) {
  const Period february =
      PreviousPeriod(Resolve(Around(v1::PERIOD_KIND_MONTH, Date(2026, 3, 1))), v1::PERIOD_KIND_MONTH, Stockholm());
  EXPECT_EQ(february, Days(absl::CivilDay(2026, 2, 1), absl::CivilDay(2026, 2, 28), Utc(2026, 1, 31, 23, 0),
                           Utc(2026, 2, 28, 23, 0)));
  EXPECT_EQ(february.interval.length(), absl::Hours(28 * 24));

  const Period december =
      PreviousPeriod(Resolve(Around(v1::PERIOD_KIND_MONTH, Date(2027, 1, 20))), v1::PERIOD_KIND_MONTH, Stockholm());
  EXPECT_EQ(december, Days(absl::CivilDay(2026, 12, 1), absl::CivilDay(2026, 12, 31), Utc(2026, 11, 30, 23, 0),
                           Utc(2026, 12, 31, 23, 0)));
}

TEST(PreviousPeriod, DayAndWeekBeforeEndWhereTheyStart) {
  const Period monday = Resolve(Around(v1::PERIOD_KIND_DAY, Date(2026, 3, 30)));
  const Period sunday = PreviousPeriod(monday, v1::PERIOD_KIND_DAY, Stockholm());
  EXPECT_EQ(sunday, Resolve(Around(v1::PERIOD_KIND_DAY, Date(2026, 3, 29))));
  EXPECT_EQ(sunday.interval.end, monday.interval.start);

  const Period week = Resolve(Around(v1::PERIOD_KIND_WEEK, Date(2027, 1, 5)));
  EXPECT_EQ(PreviousPeriod(week, v1::PERIOD_KIND_WEEK, Stockholm()),
            Resolve(Around(v1::PERIOD_KIND_WEEK, Date(2026, 12, 31))));
}

TEST(PreviousPeriod, CustomIsTheSameNumberOfDaysBefore) {
  const Period march = Resolve(Custom(Date(2026, 3, 1), Date(2026, 3, 31)));
  EXPECT_EQ(PreviousPeriod(march, v1::PERIOD_KIND_CUSTOM, Stockholm()),
            Days(absl::CivilDay(2026, 1, 29), absl::CivilDay(2026, 2, 28), Utc(2026, 1, 28, 23, 0),
                 Utc(2026, 2, 28, 23, 0)));
}

TEST(PeriodOf, EventLateInTheUtcEveningBelongsToTheNextLocalDay) {
  const absl::Time event = Utc(2026, 6, 30, 23, 30);
  EXPECT_EQ(PeriodOf(v1::PERIOD_KIND_DAY, event, Stockholm()),
            Days(absl::CivilDay(2026, 7, 1), absl::CivilDay(2026, 7, 1), Utc(2026, 6, 30, 22, 0),
                 Utc(2026, 7, 1, 22, 0)));
  EXPECT_EQ(PeriodOf(v1::PERIOD_KIND_MONTH, event, Stockholm()).first_day, absl::CivilDay(2026, 7, 1));
  EXPECT_EQ(PeriodOf(v1::PERIOD_KIND_DAY, Utc(2026, 6, 30, 21, 59), Stockholm()).first_day,
            absl::CivilDay(2026, 6, 30));
}

TEST(PeriodOf, RepeatedHourBelongsToTheDayItIsOn) {
  // 02:30 occurs twice on 2026-10-25; both are that Sunday, in its ISO week.
  const Period week = Resolve(Around(v1::PERIOD_KIND_WEEK, Date(2026, 10, 25)));
  EXPECT_EQ(PeriodOf(v1::PERIOD_KIND_WEEK, Utc(2026, 10, 25, 0, 30), Stockholm()), week);
  EXPECT_EQ(PeriodOf(v1::PERIOD_KIND_WEEK, Utc(2026, 10, 25, 1, 30), Stockholm()), week);
  EXPECT_TRUE(week.interval.Contains(Utc(2026, 10, 25, 1, 30)));
}

TEST(PeriodsBetween, MonthsAreWholeAndContiguous) {
  const std::vector<Period> months =
      PeriodsBetween(v1::PERIOD_KIND_MONTH, absl::CivilDay(2026, 1, 15), absl::CivilDay(2026, 3, 2), Stockholm());
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0], Days(absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 31), Utc(2025, 12, 31, 23, 0),
                            Utc(2026, 1, 31, 23, 0)));
  EXPECT_EQ(months[1].first_day, absl::CivilDay(2026, 2, 1));
  EXPECT_EQ(months[2], Days(absl::CivilDay(2026, 3, 1), absl::CivilDay(2026, 3, 31), Utc(2026, 2, 28, 23, 0),
                            Utc(2026, 3, 31, 22, 0)));
  EXPECT_EQ(months[1].interval.start, months[0].interval.end);
  EXPECT_EQ(months[2].interval.start, months[1].interval.end);
}

TEST(PeriodsBetween, DaysAcrossTheAutumnChangeLeaveNoGap) {
  const std::vector<Period> days =
      PeriodsBetween(v1::PERIOD_KIND_DAY, absl::CivilDay(2026, 10, 24), absl::CivilDay(2026, 10, 26), Stockholm());
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0].interval.end, days[1].interval.start);
  EXPECT_EQ(days[1].interval.end, days[2].interval.start);
  EXPECT_EQ(days[2].interval.end - days[0].interval.start, absl::Hours(3 * 24 + 1));
}

TEST(PeriodsBetween, WeeksAreWidenedToMondayAndSunday) {
  // Wednesday 2026-12-30 to Tuesday 2027-01-05.
  const std::vector<Period> weeks =
      PeriodsBetween(v1::PERIOD_KIND_WEEK, absl::CivilDay(2026, 12, 30), absl::CivilDay(2027, 1, 5), Stockholm());
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].first_day, absl::CivilDay(2026, 12, 28));
  EXPECT_EQ(weeks[1].last_day, absl::CivilDay(2027, 1, 10));
}

TEST(PeriodsBetween, StopsAtTheLimitAndGivesNoneForAnEmptyRange) {
  const absl::CivilDay first(2026, 1, 1);
  const std::vector<Period> days = PeriodsBetween(v1::PERIOD_KIND_DAY, first, first + 1500, Stockholm());
  ASSERT_EQ(days.size(), kMaxPeriods);
  EXPECT_EQ(days.back().first_day, first + 999);

  EXPECT_TRUE(PeriodsBetween(v1::PERIOD_KIND_MONTH, first, first - 1, Stockholm()).empty());
}

}  // namespace
}  // namespace samspar::metrics
