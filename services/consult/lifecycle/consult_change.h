#ifndef SAMSPAR_SERVICES_CONSULT_LIFECYCLE_CONSULT_CHANGE_H_
#define SAMSPAR_SERVICES_CONSULT_LIFECYCLE_CONSULT_CHANGE_H_

// One change of one consult, as it is being made: the consult as it will be
// stored, the history entries the change writes, the metrics events it
// sends through the outbox, and the version it was made from, which the
// store compares before it writes (consult_store.h). Whoever makes the
// change (an RPC, a timer, delayed routing) fills one in; the service
// commits it in one transaction or not at all.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "samspar/v1/consult.pb.h"
#include "samspar/v1/metrics.pb.h"
#include "services/consult/lifecycle/consult_transitions.h"
#include "services/consult/store/consult_store.h"

namespace samspar::consult {

// A metrics event the change sends, with what MetricsEventOf needs beyond
// the consult.
struct PendingEvent {
  v1::EventType type = v1::EVENT_TYPE_UNSPECIFIED;
  std::string previous_line = {};  // CONSULT_REASSIGNED to another line
  bool first_acceptance = false;   // CONSULT_ACCEPTED
  // The facts of the event's line when it is not the routed line as the
  // change leaves it (a handover's offer on another line).
  absl::optional<LineFacts> line = absl::nullopt;
  // When it happened, if not at the change (a created event sent late).
  absl::optional<absl::Time> time = absl::nullopt;
};

class ConsultChange {
 public:
  // A change of `before` (a stored consult, or a new one with an empty etag)
  // made at `now` by `actor` (ACTOR_KIND_SAMSPAR for timers and routing).
  ConsultChange(StoredConsult before, absl::Time now, v1::Actor actor);

  StoredConsult& stored() { return stored_; }
  v1::Consult& consult() { return stored_.consult; }
  const v1::Consult& consult() const { return stored_.consult; }
  absl::Time now() const { return now_; }
  const v1::Actor& actor() const { return actor_; }
  // The version the change was made from; empty for a new consult.
  const std::string& expected_etag() const { return expected_etag_; }
  const std::vector<PendingEvent>& events() const { return events_; }

  // Moves the consult to the state `event` leads to (consult_transitions.h),
  // stamping `end_time` when that state is final. On a refusal
  // (INVALID_STATE_TRANSITION) nothing changes.
  absl::Status Apply(ConsultEvent event);

  // A history entry at `now` by the change's actor, in the current state.
  v1::ConsultHistoryEntry& Record(v1::ConsultHistoryAction action);
  // An entry routing writes (an offer, a skipped step, the end of routing):
  // by Samspår, whoever's call led to it.
  v1::ConsultHistoryEntry& RecordRouting(v1::ConsultHistoryAction action);

  // Sends `event` with this change.
  void Emit(PendingEvent event);
  void Emit(v1::EventType type);

  // A new etag and update time: the last step before the change is stored.
  void Seal();

 private:
  StoredConsult stored_;
  const absl::Time now_;
  const v1::Actor actor_;
  const std::string expected_etag_;
  std::vector<PendingEvent> events_;
};

// Samspår itself, the actor of timers and routing.
v1::Actor SamsparActor();

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_LIFECYCLE_CONSULT_CHANGE_H_
