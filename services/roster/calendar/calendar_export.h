#ifndef SAMSPAR_SERVICES_ROSTER_CALENDAR_CALENDAR_EXPORT_H_
#define SAMSPAR_SERVICES_ROSTER_CALENDAR_CALENDAR_EXPORT_H_

// ExportCalendar (roster.proto, "Calendar interop") and the subscribable
// feed behind it: a practitioner's duties on the region's active lines, or
// everyone's on one line, as an iCalendar document from the one resolver.
// Each event is a whole duty, whatever part of it the window covers, with
// the UID `<Duty.id>@samspar.se`, so that a calendar program that reads the
// feed again updates its events instead of duplicating them. Callers are
// authorised before these are called.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/oncall/schedule_cache.h"

namespace samspar::roster {

class CalendarExport {
 public:
  // `database` is read for the practitioner a calendar is of, who may be on
  // no line at all; `zone` is Europe/Stockholm, the zone the events are
  // written in.
  CalendarExport(sql::Database& database, ScheduleCache& schedules, absl::TimeZone zone);

  // The calendar of `request`'s subject in `region`, with `ical` and
  // `file_name` set (the feed's URL is the caller's to add).
  absl::StatusOr<v1::ExportCalendarResponse> Export(const std::string& region, const v1::ExportCalendarRequest& request,
                                                    absl::Time now);

  // The feed of a line or practitioner of `region`, named by its resource
  // name `subject_name`: its calendar from 7 days before `now` to 90 days
  // after. NOT_FOUND (LINE_NOT_FOUND, PRACTITIONER_NOT_FOUND) for a subject
  // that does not exist in `region`.
  absl::StatusOr<std::string> FeedDocument(const std::string& region, bool is_line, const std::string& subject_name,
                                           absl::Time now);

 private:
  sql::Database& database_;
  ScheduleCache& schedules_;
  const absl::TimeZone zone_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_CALENDAR_CALENDAR_EXPORT_H_
