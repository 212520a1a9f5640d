#include "services/consult/events/consult_events.h"

#include "absl/strings/string_view.h"
#include "common/api/proto_time.h"

namespace samspar::consult {
namespace {

constexpr absl::string_view kSource = "samspar.v1.ConsultService";

// `regions/{region}` of `regions/{region}/consults/{consult}`; empty for a
// name of another shape, which metrics then refuses rather than misfiles.
std::string RegionOf(absl::string_view consult_name) {
  constexpr absl::string_view kPrefix = "regions/";
  if (consult_name.substr(0, kPrefix.size()) != kPrefix) return "";
  const size_t end = consult_name.find('/', kPrefix.size());
  if (end == absl::string_view::npos || end == kPrefix.size()) return "";
  return std::string(consult_name.substr(0, end));
}

// An offer or a handover counts under the line it is made on; everything
// else under the line routing settled on, so that an answer counts for the
// line that gave it.
bool CountsUnderOfferLine(v1::EventType type) {
  return type == v1::EVENT_TYPE_CONSULT_OFFERED || type == v1::EVENT_TYPE_CONSULT_ESCALATED ||
         type == v1::EVENT_TYPE_CONSULT_REASSIGNED;
}

}  // namespace

v1::Event MetricsEventOf(v1::EventType type, const v1::Consult& consult, const EventFacts& facts, absl::Time time) {
  v1::Event event;
  event.set_type(type);
  *event.mutable_event_time() = api::ToProto(time);
  event.set_region(RegionOf(consult.name()));
  event.set_subject_key(facts.subject_key);
  event.set_track(consult.track());
  event.set_requester_unit(consult.requester_unit().name());
  event.set_requester_unit_type(consult.requester_unit_type());
  event.set_requester_role(consult.requester_role());
  event.set_line(CountsUnderOfferLine(type) ? consult.current_offer().line() : consult.routed_line());
  if (!event.line().empty()) event.set_target_unit(facts.target_unit);
  if (type == v1::EVENT_TYPE_CONSULT_REASSIGNED) event.set_previous_line(facts.previous_line);
  event.set_specialty(facts.specialty);
  event.set_priority(consult.priority());
  event.set_escalation_count(consult.escalation_count());
  event.set_answer_overdue(consult.answer_overdue());
  event.set_source(std::string(kSource));

  switch (type) {
    case v1::EVENT_TYPE_CONSULT_OFFERED:
    case v1::EVENT_TYPE_CONSULT_ESCALATED:
      // An offer to a named practitioner is on no step, and so in no round.
      if (consult.current_offer().has_escalation_step()) {
        event.set_escalation_step(consult.current_offer().escalation_step());
        if (consult.current_offer().has_escalation_round()) {
          event.set_escalation_round(consult.current_offer().escalation_round());
        }
      }
      break;
    case v1::EVENT_TYPE_CONSULT_ACCEPTED:
      // Only the first acceptance measures how fast the consult was taken;
      // one after a handover would count the consult twice.
      if (facts.first_acceptance && consult.has_time_to_accept()) {
        *event.mutable_time_to_accept() = consult.time_to_accept();
      }
      break;
    case v1::EVENT_TYPE_CONSULT_ANSWERED:
      event.set_outcome(consult.outcome());
      if (consult.has_time_to_answer()) *event.mutable_time_to_answer() = consult.time_to_answer();
      break;
    case v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED:
      event.set_outcome(consult.outcome());
      break;
    default:
      break;
  }
  return event;
}

}  // namespace samspar::consult
