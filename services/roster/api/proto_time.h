#ifndef SAMSPAR_SERVICES_ROSTER_API_PROTO_TIME_H_
#define SAMSPAR_SERVICES_ROSTER_API_PROTO_TIME_H_

// Time in the API's messages (Timestamp, Duration, Interval, LocalDate,
// LocalTimeOfDay, WeeklyHours) to and from the resolver's types, with the
// contract's checks and errors.

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "common/calendar/interval.h"
#include "common/calendar/local_hours.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "samspar/v1/common.pb.h"
#include "services/roster/schedule/weekly_hours.h"

namespace samspar::roster {

using api::FromProto;
using api::ToProto;
using api::ToProtoDuration;

// FIELD_REQUIRED for a missing end; INVALID_TIME_RANGE (field `field`) for an
// end not after the start or an interval longer than `longest`.
absl::StatusOr<calendar::Interval> ReadInterval(const v1::Interval& interval, absl::Duration longest,
                                                absl::string_view field);

// `allow_midnight_end`: 24:00 is allowed (the end of a window).
absl::StatusOr<calendar::TimeOfDay> ReadTimeOfDay(const v1::LocalTimeOfDay& time, bool allow_midnight_end,
                                                  absl::string_view field);

absl::StatusOr<WeeklyHours> ReadWeeklyHours(const v1::WeeklyHours& hours, absl::string_view field);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_API_PROTO_TIME_H_
