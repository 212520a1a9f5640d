#ifndef SAMSPAR_TESTS_INTEGRATION_METRICS_METRICS_EVENTS_H_
#define SAMSPAR_TESTS_INTEGRATION_METRICS_METRICS_EVENTS_H_

// Events as the consult and conference services send them, for tests: a
// consult's life in a few lines, with deterministic ids and subject keys.

#include <cstdio>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::metrics::testing {

inline constexpr char kHealthCentre[] = "regions/06/units/SE2321000057-V001";
inline constexpr char kAmbulanceStation[] = "regions/06/units/SE2321000057-A001";
inline constexpr char kClinic[] = "regions/06/units/SE2321000057-K001";
inline constexpr char kAcuteLine[] = "regions/06/lines/bakjour-internmedicin";

// The n-th event id: a UUID that a retried batch repeats exactly.
inline std::string EventId(int n) { return absl::StrFormat("00000000-0000-4000-8000-%012d", n); }

// The pseudonymous key of the n-th consult or conference.
inline std::string SubjectKey(int n) { return absl::StrFormat("%064x", n); }

// An event of consult `subject` on the acute line, asked from a health
// centre at `time`.
inline v1::Event ConsultEvent(int id, int subject, v1::EventType type, absl::Time time) {
  v1::Event event;
  event.set_event_id(EventId(id));
  event.set_type(type);
  *event.mutable_event_time() = api::ToProto(time);
  event.set_region("regions/06");
  event.set_subject_key(SubjectKey(subject));
  event.set_track(v1::TRACK_ACUTE);
  event.set_requester_unit(kHealthCentre);
  event.set_requester_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE);
  event.set_target_unit(kClinic);
  event.set_line(kAcuteLine);
  event.set_specialty("internal-medicine");
  event.set_source("samspar.v1.ConsultService");
  return event;
}

inline v1::Event Answered(int id, int subject, v1::ConsultOutcome outcome, absl::Time time,
                          absl::Duration time_to_answer) {
  v1::Event event = ConsultEvent(id, subject, v1::EVENT_TYPE_CONSULT_ANSWERED, time);
  event.set_outcome(outcome);
  *event.mutable_time_to_answer() = api::ToProtoDuration(time_to_answer);
  return event;
}

}  // namespace samspar::metrics::testing

#endif  // SAMSPAR_TESTS_INTEGRATION_METRICS_METRICS_EVENTS_H_
