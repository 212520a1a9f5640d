#ifndef SAMSPAR_SERVICES_ROSTER_CALENDAR_CALENDAR_IMPORT_H_
#define SAMSPAR_SERVICES_ROSTER_CALENDAR_CALENDAR_IMPORT_H_

// ImportShifts (roster.proto, "Calendar interop"): a line's explicit shifts
// from an iCalendar file, all or nothing. Each event of the window (each
// instance of a recurring one) is a shift with source ICALENDAR, kept by
// its UID (and instance), so that importing the file again updates what
// changed and leaves the rest alone. Every shift is checked and written as
// CreateShift writes one (Shifts::Write), in one transaction that is rolled
// back when any event is invalid or the call only validates. As for
// UpdateShift and DeleteShift, history stays as it was: a shift that has
// ended is not changed (the event is an error), and with `delete_missing` a
// shift of the window that has begun is ended rather than deleted (and
// counted as updated). `delete_missing` acts on the shifts of the imported
// tier only, so that a line's primary and backup rosters can come from
// separate files. Callers are authorised before this is called.

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

class CalendarImport {
 public:
  explicit CalendarImport(sql::Database& database);

  // The status fails only for the call as a whole (see the RPC); event
  // errors are in the response, which then counts nothing, since nothing
  // was changed.
  absl::StatusOr<v1::ImportShiftsResponse> Import(const v1::ImportShiftsRequest& request, absl::Time now);

 private:
  sql::Database& database_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_CALENDAR_CALENDAR_IMPORT_H_
