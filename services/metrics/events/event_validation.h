#ifndef SAMSPAR_SERVICES_METRICS_EVENTS_EVENT_VALIDATION_H_
#define SAMSPAR_SERVICES_METRICS_EVENTS_EVENT_VALIDATION_H_

// Whether one ingested event may be stored (metrics.proto, Event): each
// event of a batch is judged on its own, so one bad event does not cost the
// sender the others.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::metrics {

// Why an event is refused, as EventResult reports it. `description` never
// quotes a value of the event.
struct EventRejection {
  std::string reason;  // FIELD_REQUIRED, FIELD_INVALID, UNKNOWN_EVENT_TYPE, ...
  std::string field;   // e.g. "event_time"
  std::string description;
};

// How far ahead of the server's clock an event_time may be: the senders'
// clocks drift a little.
inline constexpr absl::Duration kFutureSkew = absl::Minutes(5);

bool IsConsultEvent(v1::EventType type);
bool IsConferenceEvent(v1::EventType type);

// The first thing wrong with `event` from a caller serving `caller_region`
// at `now`, or nullopt when it may be stored. Something shaped like a
// personnummer in any text field is found before anything else is checked.
absl::optional<EventRejection> ValidateEvent(const v1::Event& event, absl::string_view caller_region, absl::Time now);

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_EVENTS_EVENT_VALIDATION_H_
