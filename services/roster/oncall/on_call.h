#ifndef SAMSPAR_SERVICES_ROSTER_ONCALL_ON_CALL_H_
#define SAMSPAR_SERVICES_ROSTER_ONCALL_ON_CALL_H_

// The roster's answers (roster.proto, "Who is on call" and "Coverage"):
// who is on call on a line now, which lines answer for a track or a unit,
// the duties of a window, and where nobody is. Every answer comes from the
// one resolver (services/roster/schedule) over the cached schedules, with
// presence from Redis when it can be read and without it when not: an
// answer never fails because presence is unavailable. Callers are
// authorised before these are called.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/availability/presence_cache.h"
#include "services/roster/oncall/on_call_answer.h"
#include "services/roster/oncall/schedule_cache.h"

namespace samspar::roster {

class OnCall {
 public:
  OnCall(sql::Database& database, PresenceCache& presence, absl::TimeZone zone);

  absl::StatusOr<v1::ResolveOnCallResponse> Resolve(const v1::ResolveOnCallRequest& request, absl::Time now);
  absl::StatusOr<v1::FindOnCallResponse> Find(const std::string& region, const v1::FindOnCallRequest& request,
                                              absl::Time now);
  absl::StatusOr<v1::ListDutiesResponse> ListDuties(const v1::ListDutiesRequest& request);
  absl::StatusOr<v1::ListCoverageGapsResponse> ListCoverageGaps(const v1::ListCoverageGapsRequest& request,
                                                                absl::Time now);
  absl::StatusOr<v1::CoverageReport> ComputeCoverageReport(const std::string& region,
                                                           const v1::ComputeCoverageReportRequest& request,
                                                           absl::Time now);

  // The answer for one loaded line at `at`, for Resolve, Find and the
  // presence watch.
  v1::OnCallAnswer AnswerFor(const LoadedLine& line, absl::Time at, absl::Time now);

  ScheduleCache& schedules() { return schedules_; }

 private:
  // Presence is read only for answers about now: the past and the future
  // have none.
  PresenceView ReadPresence(const std::string& region, const std::vector<std::string>& people, absl::Time at,
                            absl::Time now);
  // The line, or every line of the region in `states` matching `filter`
  // when `parent` is `lines/-`.
  absl::StatusOr<std::vector<std::shared_ptr<const LoadedLine>>> LinesOf(const std::string& parent,
                                                                         absl::string_view filter,
                                                                         const std::vector<v1::LineState>& states = {
                                                                             v1::LINE_STATE_ACTIVE});

  sql::Database& database_;
  PresenceCache& presence_;
  ScheduleCache schedules_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ONCALL_ON_CALL_H_
