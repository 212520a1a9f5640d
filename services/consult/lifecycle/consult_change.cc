#include "services/consult/lifecycle/consult_change.h"

#include <utility>

#include "common/api/proto_time.h"
#include "common/ids/resource_id.h"
#include "common/status/macros.h"

namespace samspar::consult {

ConsultChange::ConsultChange(StoredConsult before, absl::Time now, v1::Actor actor)
    : stored_(std::move(before)), now_(now), actor_(std::move(actor)), expected_etag_(stored_.consult.etag()) {}

absl::Status ConsultChange::Apply(ConsultEvent event) {
  SAMSPAR_ASSIGN_OR_RETURN(const v1::ConsultState next, NextState(stored_.consult.state(), event));
  stored_.consult.set_state(next);
  if (IsFinal(next)) {
    *stored_.consult.mutable_end_time() = api::ToProto(now_);
    // Nothing is due on a consult that has ended.
    stored_.due_time = absl::nullopt;
  }
  return absl::OkStatus();
}

v1::ConsultHistoryEntry& ConsultChange::Record(v1::ConsultHistoryAction action) {
  v1::ConsultHistoryEntry& entry = *stored_.consult.add_history();
  *entry.mutable_event_time() = api::ToProto(now_);
  entry.set_action(action);
  entry.set_state(stored_.consult.state());
  *entry.mutable_actor() = actor_;
  return entry;
}

v1::ConsultHistoryEntry& ConsultChange::RecordRouting(v1::ConsultHistoryAction action) {
  v1::ConsultHistoryEntry& entry = Record(action);
  *entry.mutable_actor() = SamsparActor();
  return entry;
}

void ConsultChange::Emit(PendingEvent event) { events_.push_back(std::move(event)); }

void ConsultChange::Emit(v1::EventType type) { Emit(PendingEvent{.type = type}); }

void ConsultChange::Seal() {
  stored_.consult.set_etag(ids::NewResourceId(now_));
  *stored_.consult.mutable_update_time() = api::ToProto(now_);
}

v1::Actor SamsparActor() {
  v1::Actor actor;
  actor.set_kind(v1::ACTOR_KIND_SAMSPAR);
  return actor;
}

}  // namespace samspar::consult
