#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULES_SWAP_REQUESTS_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULES_SWAP_REQUESTS_H_

// Shift swaps between practitioners (roster.proto, "Schedules: swap
// requests"): one practitioner asks another to take some of their on-call
// time (optionally for some of theirs); the counterpart accepts or
// declines; where the line says so a region admin approves; an applied swap
// becomes REPLACE overrides. A request not decided before its window starts
// has EXPIRED. Callers are authorised before these are called; the request
// is read first (Get) so that the caller's part in it can be decided.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "common/store/message_table.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/oncall/schedule_cache.h"

namespace samspar::roster {

class SwapRequests {
 public:
  SwapRequests(sql::Database& database, ScheduleCache& schedules);

  // `requester` is the HSA-id of the person asking (empty for a caller who
  // is not a person); a region admin names the requester in the request.
  absl::StatusOr<v1::SwapRequest> Create(const v1::CreateSwapRequestRequest& request, const std::string& requester,
                                         absl::Time now);
  absl::StatusOr<v1::SwapRequest> Get(const std::string& name, absl::Time now);
  absl::StatusOr<v1::ListSwapRequestsResponse> List(const v1::ListSwapRequestsRequest& request, absl::Time now);

  // The transitions; `decider` is who decided, for the request's record and
  // the overrides an applied swap creates.
  absl::StatusOr<v1::SwapRequest> Accept(const v1::AcceptSwapRequestRequest& request, const v1::Actor& decider,
                                         absl::Time now);
  absl::StatusOr<v1::SwapRequest> Decline(const v1::DeclineSwapRequestRequest& request, const v1::Actor& decider,
                                          absl::Time now);
  absl::StatusOr<v1::SwapRequest> Approve(const v1::ApproveSwapRequestRequest& request, const v1::Actor& decider,
                                          absl::Time now);
  absl::StatusOr<v1::SwapRequest> Reject(const v1::RejectSwapRequestRequest& request, const v1::Actor& decider,
                                         absl::Time now);
  absl::StatusOr<v1::SwapRequest> Cancel(const v1::CancelSwapRequestRequest& request, const v1::Actor& decider,
                                         absl::Time now);

  static const store::MessageTable<v1::SwapRequest>& Table();

 private:
  // NOT_ON_CALL_IN_WINDOW (or `reason`) unless `hsa_id` is on call on
  // `line` for all of `window`.
  absl::Status CheckOnCall(const std::string& line, const std::string& hsa_id, const v1::Interval& window,
                           absl::string_view reason, absl::string_view who);
  // Both halves still fit the schedule (SWAP_NO_LONGER_VALID when not).
  absl::Status CheckStillValid(const std::string& line, const v1::SwapRequest& swap);
  // Stores the REPLACE overrides of `swap` and marks it APPLIED.
  absl::Status Apply(sql::Transaction& tx, const std::string& region, const std::string& line, v1::SwapRequest& swap,
                     const v1::Actor& decider, absl::Time now);
  // Runs one transition: the stored request (expired if its window began),
  // its etag checked, `change` applied, the result stored.
  absl::StatusOr<v1::SwapRequest> Transition(
      const std::string& name, const std::string& etag, absl::Time now,
      const std::function<absl::Status(sql::Transaction&, const std::string& region, const std::string& line,
                                       v1::SwapRequest&)>& change);

  sql::Database& database_;
  ScheduleCache& schedules_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULES_SWAP_REQUESTS_H_
