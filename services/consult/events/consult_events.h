#ifndef SAMSPAR_SERVICES_CONSULT_EVENTS_CONSULT_EVENTS_H_
#define SAMSPAR_SERVICES_CONSULT_EVENTS_CONSULT_EVENTS_H_

// The business event a consult's change sends to metrics through the outbox
// (metrics.proto, Event): what the KPIs are grouped and computed by, and
// nothing of the patient, the practitioners or the consult's resource name.

#include <string>

#include "absl/time/time.h"
#include "samspar/v1/consult.pb.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::consult {

// What the consult service knows beyond the Consult message.
struct EventFacts {
  // The consult's pseudonymous key (common/events/subject_keys.h), 64 hex
  // digits; the consult's name itself never leaves the service.
  std::string subject_key;
  // The unit owning the event's line (from the roster); empty when no line.
  std::string target_unit;
  // The line's specialty code; may be empty.
  std::string specialty;
  // CONSULT_REASSIGNED to another line only: the routed line before.
  std::string previous_line;
  // CONSULT_ACCEPTED: whether this is the consult's first acceptance, the
  // only one that carries time_to_accept.
  bool first_acceptance = false;
};

// The event for `type` after the change that left `consult` as it is, at
// `time`. The event_id is left empty: the outbox row's id becomes it.
v1::Event MetricsEventOf(v1::EventType type, const v1::Consult& consult, const EventFacts& facts, absl::Time time);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_EVENTS_CONSULT_EVENTS_H_
