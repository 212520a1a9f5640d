#ifndef SAMSPAR_TESTS_INTEGRATION_ROSTER_ROSTER_BUILDERS_H_
#define SAMSPAR_TESTS_INTEGRATION_ROSTER_ROSTER_BUILDERS_H_

// What the roster's tests build on: a migrated roster database, the lines
// and schedules they put on a clinic (an acute 24/7 line with on-call,
// backup and switchboard; a weekday line closed on public holidays; a daily
// rotation), and times in Stockholm.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/roster_schema.h"
#include "tests/support/temp_dir.h"

namespace samspar::roster::testing {

// A roster database in `dir`, migrated as the service does at start-up.
inline absl::StatusOr<std::unique_ptr<sql::Database>> OpenRosterDatabase(const samspar::testing::TempDir& dir) {
  absl::StatusOr<std::unique_ptr<sql::Database>> database = sql::OpenDatabase(dir.File("roster.db"));
  if (!database.ok()) return database.status();
  absl::StatusOr<int> applied = sql::ApplyMigrations(**database, "roster", kRosterMigrations);
  if (!applied.ok()) return applied.status();
  return database;
}

inline absl::Time Stockholm(int y, int m, int d, int hh, int mm = 0) {
  static const absl::TimeZone zone = [] {
    absl::TimeZone loaded;
    absl::LoadTimeZone("Europe/Stockholm", &loaded);
    return loaded;
  }();
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), zone);
}

inline v1::Interval Between(absl::Time start, absl::Time end) {
  v1::Interval interval;
  *interval.mutable_start_time() = ToProto(start);
  *interval.mutable_end_time() = ToProto(end);
  return interval;
}

inline constexpr char kClinic[] = "regions/06/units/SE2321000057-K001";

inline std::string Doctor(const std::string& id) { return "regions/06/practitioners/SE2321000057-" + id; }

// 24/7: the on-call for 5 minutes, then the backup, then the switchboard.
inline v1::Line AcuteLine(const std::string& display_name = "Bakjour internmedicin") {
  v1::Line line;
  line.set_display_name(display_name);
  line.add_tracks(v1::TRACK_ACUTE);
  line.mutable_unit()->set_name(kClinic);
  line.set_specialty("internal-medicine");
  line.set_state(v1::LINE_STATE_ACTIVE);
  line.mutable_coverage_hours()->set_around_the_clock(true);
  line.set_public_phone("+46361000000");
  line.set_fallback_phone("+46361020000");
  v1::EscalationPolicy& policy = *line.mutable_escalation_policy();
  policy.add_steps()->set_target(v1::ESCALATION_TARGET_ON_CALL);
  *policy.mutable_steps(0)->mutable_ack_timeout() = ToProtoDuration(absl::Minutes(5));
  policy.add_steps()->set_target(v1::ESCALATION_TARGET_BACKUP);
  *policy.mutable_steps(1)->mutable_ack_timeout() = ToProtoDuration(absl::Minutes(5));
  policy.add_steps()->set_target(v1::ESCALATION_TARGET_SWITCHBOARD);
  policy.set_repeat_count(1);
  return line;
}

// Weekdays 08:00-17:00, closed on public holidays.
inline v1::Line WeekdayLine(const std::string& display_name = "Kardiologkonsult") {
  v1::Line line = AcuteLine(display_name);
  line.clear_tracks();
  line.add_tracks(v1::TRACK_SEMI_ACUTE);
  line.set_specialty("cardiology");
  v1::WeeklyHours& hours = *line.mutable_coverage_hours();
  hours.Clear();
  hours.set_public_holidays(v1::PUBLIC_HOLIDAY_RULE_CLOSED);
  v1::HoursWindow& window = *hours.add_windows();
  for (int day = v1::DAY_OF_WEEK_MONDAY; day <= v1::DAY_OF_WEEK_FRIDAY; ++day) {
    window.add_days(static_cast<v1::DayOfWeek>(day));
  }
  window.mutable_start_time()->set_hours(8);
  window.mutable_end_time()->set_hours(17);
  return line;
}

inline v1::Rotation DailyRotation(const std::vector<std::string>& participants, absl::CivilDay start,
                                  int handover_hour = 8) {
  v1::Rotation rotation;
  rotation.set_display_name("Bakjour dygn");
  for (const std::string& participant : participants) rotation.add_participants()->set_name(participant);
  rotation.set_period(v1::ROTATION_PERIOD_DAY);
  rotation.mutable_handover_time()->set_hours(handover_hour);
  *rotation.mutable_start_date() = ToProto(start);
  return rotation;
}

}  // namespace samspar::roster::testing

#endif  // SAMSPAR_TESTS_INTEGRATION_ROSTER_ROSTER_BUILDERS_H_
