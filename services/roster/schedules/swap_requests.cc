#include "services/roster/schedules/swap_requests.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/filter.h"
#include "common/api/page.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/request_ids.h"
#include "services/roster/api/directory_fields.h"
#include "services/roster/api/list_query.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/api/resource_writes.h"
#include "services/roster/directory/directory_refs.h"
#include "services/roster/lines/lines.h"
#include "services/roster/roster_version.h"
#include "services/roster/schedule/interval_set.h"
#include "services/roster/schedules/line_children.h"
#include "services/roster/schedules/line_overrides.h"

namespace samspar::roster {
namespace {

constexpr absl::Duration kLongestSwap = absl::Hours(92 * 24);

const std::vector<api::FilterField>& Filterable() {
  static const auto* fields = new std::vector<api::FilterField>{
      {"state", api::FieldKind::kEnum, "state", "", v1::SwapRequestState_descriptor()},
      {"requester", api::FieldKind::kText, "requester"},
      {"counterpart", api::FieldKind::kText, "counterpart"},
      {"create_time", api::FieldKind::kTimestamp, "create_time"},
  };
  return *fields;
}

const std::vector<api::OrderField>& Sortable() {
  static const auto* fields =
      new std::vector<api::OrderField>{{"create_time", "create_time"}, {"requester_interval.start_time", "start_time"}};
  return *fields;
}

absl::Status SwapNotFound(absl::string_view name) {
  return Error(absl::StatusCode::kNotFound, "SWAP_REQUEST_NOT_FOUND", absl::StrCat("no swap request ", name));
}

bool IsPending(v1::SwapRequestState state) {
  return state == v1::SWAP_REQUEST_STATE_PENDING_COUNTERPART || state == v1::SWAP_REQUEST_STATE_PENDING_APPROVAL;
}

// When the first of the swap's windows begins: after it, the swap would
// rewrite who was on call.
absl::Time FirstStart(const v1::SwapRequest& swap) {
  absl::Time first = FromProto(swap.requester_interval().start_time());
  if (swap.has_counterpart_interval()) first = std::min(first, FromProto(swap.counterpart_interval().start_time()));
  return first;
}

// A pending request whose window has begun was not decided in time.
void ExpireIfDue(v1::SwapRequest& swap, absl::Time now) {
  if (IsPending(swap.state()) && FirstStart(swap) <= now) swap.set_state(v1::SWAP_REQUEST_STATE_EXPIRED);
}

absl::Status NotPending(const v1::SwapRequest& swap) {
  return Error(absl::StatusCode::kFailedPrecondition, "SWAP_NOT_PENDING",
               absl::StrCat(swap.name(), " is ", v1::SwapRequestState_Name(swap.state()), ", no longer pending"));
}

store::Columns ColumnsOf(const v1::SwapRequest& swap) {
  return {{"state", static_cast<int>(swap.state())},
          {"requester", swap.requester().name()},
          {"counterpart", swap.counterpart().name()},
          {"start_time", InstantColumn(FirstStart(swap))}};
}

// Records who decided, when and why.
void Decide(v1::SwapRequest& swap, v1::SwapRequestState state, const v1::Actor& decider, absl::Time now,
            const std::string& note = "") {
  swap.set_state(state);
  *swap.mutable_decided_by() = decider;
  *swap.mutable_decide_time() = ToProto(now);
  swap.set_decision_note(note);
}

}  // namespace

SwapRequests::SwapRequests(sql::Database& database, ScheduleCache& schedules)
    : database_(database), schedules_(schedules) {}

const store::MessageTable<v1::SwapRequest>& SwapRequests::Table() {
  static const auto* table = new store::MessageTable<v1::SwapRequest>("swap_requests");
  return *table;
}

absl::Status SwapRequests::CheckOnCall(const std::string& line, const std::string& hsa_id, const v1::Interval& window,
                                       absl::string_view reason, absl::string_view who) {
  SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> loaded, schedules_.Line(line));
  const calendar::Interval wanted{FromProto(window.start_time()), FromProto(window.end_time())};
  std::vector<calendar::Interval> covered;
  for (const Duty& duty : loaded->schedule->DutiesIn(wanted)) {
    if (duty.practitioner == hsa_id) covered.push_back(duty.interval);
  }
  if (!CoversAll(Union(std::move(covered)), wanted)) {
    return Error(absl::StatusCode::kFailedPrecondition, reason,
                 absl::StrCat("the ", who, " is not on call on the line for the whole window"));
  }
  return absl::OkStatus();
}

absl::Status SwapRequests::CheckStillValid(const std::string& line, const v1::SwapRequest& swap) {
  SAMSPAR_RETURN_IF_ERROR(
      CheckOnCall(line, swap.requester().hsa_id(), swap.requester_interval(), "SWAP_NO_LONGER_VALID", "requester"));
  if (swap.has_counterpart_interval()) {
    SAMSPAR_RETURN_IF_ERROR(CheckOnCall(line, swap.counterpart().hsa_id(), swap.counterpart_interval(),
                                        "SWAP_NO_LONGER_VALID", "counterpart"));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::SwapRequest> SwapRequests::Create(const v1::CreateSwapRequestRequest& request,
                                                     const std::string& requester, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request.parent(), false, "parent"));
  SAMSPAR_RETURN_IF_ERROR(store::ValidateRequestId(request.request_id()));
  if (!request.has_swap_request()) return FieldError("swap_request", "FIELD_REQUIRED", "swap_request is required");
  v1::SwapRequest swap = request.swap_request();
  if (swap.requester().name().empty()) {
    if (requester.empty()) {
      return FieldError("swap_request.requester", "FIELD_REQUIRED",
                        "swap_request.requester is required when the caller is not that practitioner");
    }
    swap.mutable_requester()->set_name(PractitionerName(parent.region, requester));
  }
  if (swap.counterpart().name().empty()) {
    return FieldError("swap_request.counterpart", "FIELD_REQUIRED", "swap_request.counterpart is required");
  }
  if (swap.counterpart().name() == swap.requester().name()) {
    return FieldError("swap_request.counterpart", "FIELD_INVALID", "requester and counterpart must be different");
  }
  if (!swap.has_requester_interval()) {
    return FieldError("swap_request.requester_interval", "FIELD_REQUIRED",
                      "swap_request.requester_interval is required");
  }
  SAMSPAR_ASSIGN_OR_RETURN(calendar::Interval given,
                           ReadInterval(swap.requester_interval(), kLongestSwap, "swap_request.requester_interval"));
  absl::Time earliest = given.start;
  if (swap.has_counterpart_interval()) {
    SAMSPAR_ASSIGN_OR_RETURN(calendar::Interval taken, ReadInterval(swap.counterpart_interval(), kLongestSwap,
                                                                    "swap_request.counterpart_interval"));
    earliest = std::min(earliest, taken.start);
  }
  if (earliest <= now) {
    return Error(absl::StatusCode::kFailedPrecondition, "WINDOW_IN_PAST",
                 "a swap is for on-call time that has not begun");
  }
  SAMSPAR_RETURN_IF_ERROR(CheckText(swap.note(), false, 500, "swap_request.note"));
  store::RequestKey key{parent.region, "CreateSwapRequest", request.request_id(), api::RequestFingerprint(request)};
  return CreateOnce<v1::SwapRequest>(
      database_, Table(), key, SwapNotFound,
      [&](sql::Transaction& tx, v1::SwapRequest& created) -> absl::Status {
        SAMSPAR_RETURN_IF_ERROR(Lines::OpenForSchedules(tx, parent.line).status());
        created = swap;
        SAMSPAR_RETURN_IF_ERROR(FillPractitionerRef(tx, parent.region, *created.mutable_requester(),
                                                    RequireActive::kYes, "swap_request.requester"));
        SAMSPAR_RETURN_IF_ERROR(FillPractitionerRef(tx, parent.region, *created.mutable_counterpart(),
                                                    RequireActive::kYes, "swap_request.counterpart"));
        SAMSPAR_RETURN_IF_ERROR(CheckOnCall(parent.line, created.requester().hsa_id(), created.requester_interval(),
                                            "NOT_ON_CALL_IN_WINDOW", "requester"));
        if (created.has_counterpart_interval()) {
          SAMSPAR_RETURN_IF_ERROR(CheckOnCall(parent.line, created.counterpart().hsa_id(),
                                              created.counterpart_interval(), "NOT_ON_CALL_IN_WINDOW", "counterpart"));
        }
        created.set_name(NewChildName(parent.line, "swapRequests", now));
        created.set_state(v1::SWAP_REQUEST_STATE_PENDING_COUNTERPART);
        created.clear_decided_by();
        created.clear_decide_time();
        created.clear_decision_note();
        created.clear_overrides();
        return SaveResource(tx, Table(), created, absl::optional<v1::SwapRequest>(), parent.region, ColumnsOf(created),
                            now, parent.line);
      },
      now);
}

absl::StatusOr<v1::SwapRequest> SwapRequests::Get(const std::string& name, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(v1::SwapRequest swap, GetResource(database_, Table(), name, SwapNotFound));
  ExpireIfDue(swap, now);
  return swap;
}

absl::StatusOr<v1::ListSwapRequestsResponse> SwapRequests::List(const v1::ListSwapRequestsRequest& request,
                                                                absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request.parent(), true, "parent"));
  SAMSPAR_ASSIGN_OR_RETURN(ListScope scope, ScopeOfLineChildren(database_, parent));
  // A pending request whose window began is EXPIRED to its readers even
  // before anything stores that: the filter sees it so too.
  const int64_t now_column = InstantColumn(now);
  std::vector<api::FilterField> fields = Filterable();
  fields[0].column = absl::StrCat("(CASE WHEN state IN (1, 2) AND start_time <= ", now_column, " THEN ",
                                  static_cast<int>(v1::SWAP_REQUEST_STATE_EXPIRED), " ELSE state END)");
  SAMSPAR_ASSIGN_OR_RETURN(ListedPage<v1::SwapRequest> page,
                           ListPage(database_, Table(), request, {fields, Sortable(), "create_time DESC", "name"},
                                    scope.where, scope.params, NoListDefaults));
  v1::ListSwapRequestsResponse response;
  for (v1::SwapRequest& swap : page.items) {
    ExpireIfDue(swap, now);
    *response.add_swap_requests() = std::move(swap);
  }
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::Status SwapRequests::Apply(sql::Transaction& tx, const std::string& region, const std::string& line,
                                 v1::SwapRequest& swap, const v1::Actor& decider, absl::Time now) {
  SAMSPAR_RETURN_IF_ERROR(Lines::OpenForSchedules(tx, line).status());
  SAMSPAR_RETURN_IF_ERROR(CheckStillValid(line, swap));
  SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> loaded, schedules_.Line(line));
  // Each half hands over the giver's duties on every tier they hold in it.
  auto hand_over = [&](const v1::PractitionerRef& giver, const v1::PractitionerRef& taker,
                       const v1::Interval& window) -> absl::Status {
    const calendar::Interval wanted{FromProto(window.start_time()), FromProto(window.end_time())};
    absl::flat_hash_set<int> tiers;
    for (const Duty& duty : loaded->schedule->DutiesIn(wanted)) {
      if (duty.practitioner == giver.hsa_id()) tiers.insert(static_cast<int>(duty.tier));
    }
    for (int tier : {static_cast<int>(Tier::kPrimary), static_cast<int>(Tier::kBackup)}) {
      if (!tiers.contains(tier)) continue;
      v1::Override override_;
      override_.set_name(NewChildName(line, "overrides", now));
      override_.set_kind(v1::OVERRIDE_KIND_REPLACE);
      override_.mutable_practitioner()->set_name(taker.name());
      override_.mutable_replaced_practitioner()->set_name(giver.name());
      override_.set_tier(static_cast<v1::OnCallTier>(tier));
      *override_.mutable_interval() = window;
      override_.set_reason("Byte");
      override_.set_swap_request(swap.name());
      *override_.mutable_creator() = decider;
      SAMSPAR_RETURN_IF_ERROR(Overrides::Write(tx, region, line, override_, absl::nullopt, now));
      swap.add_overrides(override_.name());
    }
    return absl::OkStatus();
  };
  SAMSPAR_RETURN_IF_ERROR(hand_over(swap.requester(), swap.counterpart(), swap.requester_interval()));
  if (swap.has_counterpart_interval()) {
    SAMSPAR_RETURN_IF_ERROR(hand_over(swap.counterpart(), swap.requester(), swap.counterpart_interval()));
  }
  swap.set_state(v1::SWAP_REQUEST_STATE_APPLIED);
  return absl::OkStatus();
}

absl::StatusOr<v1::SwapRequest> SwapRequests::Transition(
    const std::string& name, const std::string& etag, absl::Time now,
    const std::function<absl::Status(sql::Transaction&, const std::string& region, const std::string& line,
                                     v1::SwapRequest&)>& change) {
  SAMSPAR_ASSIGN_OR_RETURN(LineChildName parsed, ParseLineChild(name, "swapRequests", "name"));
  v1::SwapRequest changed;
  absl::Status expired;
  SAMSPAR_RETURN_IF_ERROR(database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::SwapRequest> current, Table().Get(tx, name));
    if (!current.has_value()) return SwapNotFound(name);
    SAMSPAR_RETURN_IF_ERROR(CheckEtag(*current, etag));
    changed = *current;
    ExpireIfDue(changed, now);
    if (changed.state() == v1::SWAP_REQUEST_STATE_EXPIRED && current->state() != changed.state()) {
      // Stored as expired; the caller hears why nothing else happened.
      expired = NotPending(changed);
    } else {
      SAMSPAR_RETURN_IF_ERROR(change(tx, parsed.region, parsed.line, changed));
    }
    SAMSPAR_RETURN_IF_ERROR(SaveResource(tx, Table(), changed, current, parsed.region, ColumnsOf(changed), now));
    return BumpRosterVersion(tx);
  }));
  if (!expired.ok()) return expired;
  return changed;
}

absl::StatusOr<v1::SwapRequest> SwapRequests::Accept(const v1::AcceptSwapRequestRequest& request,
                                                     const v1::Actor& decider, absl::Time now) {
  return Transition(request.name(), request.etag(), now,
                    [&](sql::Transaction& tx, const std::string& region, const std::string& line,
                        v1::SwapRequest& swap) -> absl::Status {
                      if (swap.state() != v1::SWAP_REQUEST_STATE_PENDING_COUNTERPART) return NotPending(swap);
                      SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Line> stored, Lines::Table().Get(tx, line));
                      if (!stored.has_value()) return LineNotFound(line);
                      Decide(swap, v1::SWAP_REQUEST_STATE_PENDING_APPROVAL, decider, now);
                      if (stored->swap_requires_approval()) return CheckStillValid(line, swap);
                      return Apply(tx, region, line, swap, decider, now);
                    });
}

absl::StatusOr<v1::SwapRequest> SwapRequests::Decline(const v1::DeclineSwapRequestRequest& request,
                                                      const v1::Actor& decider, absl::Time now) {
  SAMSPAR_RETURN_IF_ERROR(CheckText(request.note(), false, 500, "note"));
  return Transition(request.name(), request.etag(), now,
                    [&](sql::Transaction&, const std::string&, const std::string&, v1::SwapRequest& swap) {
                      if (swap.state() != v1::SWAP_REQUEST_STATE_PENDING_COUNTERPART) return NotPending(swap);
                      Decide(swap, v1::SWAP_REQUEST_STATE_DECLINED, decider, now, request.note());
                      return absl::OkStatus();
                    });
}

absl::StatusOr<v1::SwapRequest> SwapRequests::Approve(const v1::ApproveSwapRequestRequest& request,
                                                      const v1::Actor& decider, absl::Time now) {
  return Transition(request.name(), request.etag(), now,
                    [&](sql::Transaction& tx, const std::string& region, const std::string& line,
                        v1::SwapRequest& swap) -> absl::Status {
                      if (swap.state() != v1::SWAP_REQUEST_STATE_PENDING_APPROVAL) {
                        return Error(absl::StatusCode::kFailedPrecondition, "SWAP_NOT_AWAITING_APPROVAL",
                                     absl::StrCat(swap.name(), " is not waiting for approval"));
                      }
                      Decide(swap, v1::SWAP_REQUEST_STATE_APPLIED, decider, now);
                      return Apply(tx, region, line, swap, decider, now);
                    });
}

absl::StatusOr<v1::SwapRequest> SwapRequests::Reject(const v1::RejectSwapRequestRequest& request,
                                                     const v1::Actor& decider, absl::Time now) {
  if (request.note().empty()) return FieldError("note", "FIELD_REQUIRED", "note (why) is required to reject");
  SAMSPAR_RETURN_IF_ERROR(CheckText(request.note(), false, 500, "note"));
  return Transition(request.name(), request.etag(), now,
                    [&](sql::Transaction&, const std::string&, const std::string&, v1::SwapRequest& swap) {
                      if (swap.state() != v1::SWAP_REQUEST_STATE_PENDING_APPROVAL) {
                        return Error(absl::StatusCode::kFailedPrecondition, "SWAP_NOT_AWAITING_APPROVAL",
                                     absl::StrCat(swap.name(), " is not waiting for approval"));
                      }
                      Decide(swap, v1::SWAP_REQUEST_STATE_REJECTED, decider, now, request.note());
                      return absl::OkStatus();
                    });
}

absl::StatusOr<v1::SwapRequest> SwapRequests::Cancel(const v1::CancelSwapRequestRequest& request,
                                                     const v1::Actor& decider, absl::Time now) {
  return Transition(request.name(), request.etag(), now,
                    [&](sql::Transaction&, const std::string&, const std::string&, v1::SwapRequest& swap) {
                      if (!IsPending(swap.state())) return NotPending(swap);
                      Decide(swap, v1::SWAP_REQUEST_STATE_CANCELLED, decider, now);
                      return absl::OkStatus();
                    });
}

}  // namespace samspar::roster
