#include "services/metrics/events/event_validation.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/privacy/redact.h"

namespace samspar::metrics {
namespace {

using Rejection = absl::optional<EventRejection>;

constexpr absl::Duration kLongestDuration = absl::Hours(366 * 24);
constexpr size_t kLongestName = 300;
constexpr size_t kLongestCode = 64;
constexpr size_t kLongestSource = 200;

Rejection Reject(std::string reason, absl::string_view field, std::string description) {
  return EventRejection{std::move(reason), std::string(field), std::move(description)};
}

Rejection Required(absl::string_view field, absl::string_view when = "") {
  return Reject("FIELD_REQUIRED", field, absl::StrCat(field, " is required", when));
}

Rejection Invalid(absl::string_view field, absl::string_view why) {
  return Reject("FIELD_INVALID", field, absl::StrCat(field, " ", why));
}

Rejection Unexpected(absl::string_view field, v1::EventType type) {
  return Invalid(field, absl::StrCat("must be unset on ", v1::EventType_Name(type), " events"));
}

bool IsLowerHex(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

// 8-4-4-4-12 hexadecimal digits, either case.
bool IsUuid(absl::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !absl::ascii_isxdigit(text[i])) return false;
  }
  return true;
}

// Letters, digits and . _ - only: specialty codes and the like.
bool IsCode(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isalnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

// The free-text-like fields. event_id and subject_key are not among them:
// they must be hexadecimal of a fixed shape (checked below), which carries
// no text, and a random one is sometimes a digit run shaped like a
// personnummer by chance.
Rejection FindPatientIdentity(const v1::Event& event) {
  const std::pair<absl::string_view, const std::string*> fields[] = {
      {"region", &event.region()}, {"requester_unit", &event.requester_unit()}, {"target_unit", &event.target_unit()},
      {"line", &event.line()},     {"previous_line", &event.previous_line()},   {"specialty", &event.specialty()},
      {"source", &event.source()},
  };
  for (const auto& [field, value] : fields) {
    if (privacy::ContainsPatientIdentity(*value)) {
      return Reject("PATIENT_IDENTITY_DETECTED", field,
                    absl::StrCat(field,
                                 " holds something shaped like a personnummer or samordningsnummer: events "
                                 "carry no patient identity"));
    }
  }
  return absl::nullopt;
}

// A resource `regions/{region}/{collection}/{id}` of the event's region.
Rejection CheckRegional(const std::string& name, absl::string_view collection, absl::string_view region,
                        absl::string_view field) {
  if (name.size() > kLongestName) return Invalid(field, absl::StrCat("is longer than ", kLongestName, " characters"));
  absl::StatusOr<api::RegionalName> parsed = api::ParseRegional(name, collection, field);
  if (!parsed.ok()) return Invalid(field, absl::StrCat("must have the form regions/{region}/", collection, "/{id}"));
  if (parsed->region != region) return Invalid(field, "must be in the event's region");
  return absl::nullopt;
}

Rejection CheckDuration(const google::protobuf::Duration& duration, absl::string_view field) {
  if (duration.seconds() < 0 || duration.nanos() < 0 || duration.nanos() >= 1'000'000'000) {
    return Invalid(field, "must be a non-negative duration");
  }
  if (api::FromProto(duration) > kLongestDuration) return Invalid(field, "must be at most 366 days");
  return absl::nullopt;
}

Rejection CheckEventTime(const v1::Event& event, absl::Time now) {
  if (!event.has_event_time()) return Required("event_time");
  const google::protobuf::Timestamp& time = event.event_time();
  // Samspår's first events are of this century; anything earlier is a
  // sender's zero or garbage value.
  constexpr int64_t kYear2000 = 946'684'800;
  if (time.seconds() < kYear2000 || time.nanos() < 0 || time.nanos() >= 1'000'000'000) {
    return Invalid("event_time", "must be a valid instant after 2000-01-01");
  }
  if (api::FromProto(time) > now + kFutureSkew) {
    return Reject("FUTURE_TIMESTAMP", "event_time", "event_time is more than 5 minutes ahead of the server's clock");
  }
  return absl::nullopt;
}

// Events that always concern a line: an offer is made on one, and a
// handover names the line it goes to.
bool IsAboutALine(v1::EventType type) {
  return type == v1::EVENT_TYPE_CONSULT_OFFERED || type == v1::EVENT_TYPE_CONSULT_ESCALATED ||
         type == v1::EVENT_TYPE_CONSULT_REASSIGNED;
}

Rejection CheckWho(const v1::Event& event, absl::string_view region) {
  const bool conference = IsConferenceEvent(event.type());
  if (event.track() == v1::TRACK_UNSPECIFIED) return Required("track");
  if (!v1::Track_IsValid(event.track())) return Invalid("track", "is not a known track");
  if (conference != (event.track() == v1::TRACK_MULTIDISCIPLINARY_CONFERENCE)) {
    return Invalid("track", conference ? "must be TRACK_MULTIDISCIPLINARY_CONFERENCE on conference events"
                                       : "must not be TRACK_MULTIDISCIPLINARY_CONFERENCE on consult events");
  }
  if (event.requester_unit().empty()) return Required("requester_unit");
  if (Rejection bad = CheckRegional(event.requester_unit(), "units", region, "requester_unit")) return bad;
  if (event.requester_unit_type() == v1::UNIT_TYPE_UNSPECIFIED) return Required("requester_unit_type");
  if (!v1::UnitType_IsValid(event.requester_unit_type())) {
    return Invalid("requester_unit_type", "is not a known unit type");
  }
  if (!v1::CallerRole_IsValid(event.requester_role())) return Invalid("requester_role", "is not a known role");
  if (!v1::PriorityColour_IsValid(event.priority())) return Invalid("priority", "is not a known priority colour");

  // The answering side: a routed consult's line and the unit owning it,
  // always together; conferences have neither.
  if (conference) {
    if (!event.target_unit().empty()) return Unexpected("target_unit", event.type());
    if (!event.line().empty()) return Unexpected("line", event.type());
  } else if (IsAboutALine(event.type()) && event.line().empty()) {
    return Required("line", " on offers, escalations and handovers");
  }
  if (!conference && (!event.target_unit().empty() || !event.line().empty())) {
    if (event.target_unit().empty()) return Required("target_unit", " when line is set");
    if (event.line().empty()) return Required("line", " when target_unit is set");
    if (Rejection bad = CheckRegional(event.target_unit(), "units", region, "target_unit")) return bad;
    if (Rejection bad = CheckRegional(event.line(), "lines", region, "line")) return bad;
  }
  if (!event.previous_line().empty()) {
    if (event.type() != v1::EVENT_TYPE_CONSULT_REASSIGNED) return Unexpected("previous_line", event.type());
    if (Rejection bad = CheckRegional(event.previous_line(), "lines", region, "previous_line")) return bad;
  }
  if (event.specialty().size() > kLongestCode || !IsCode(event.specialty())) {
    return Invalid("specialty", "must be a code of at most 64 letters, digits, '.', '_' or '-'");
  }
  if (event.source().size() > kLongestSource) return Invalid("source", "is longer than 200 characters");
  return absl::nullopt;
}

// An AMBULANCE_* outcome belongs to, and only to, an accessible-primary-care
// consult from an ambulance station (common.proto, OUTCOME_NOT_FOR_REQUESTER).
bool IsAmbulanceOutcome(v1::ConsultOutcome outcome) {
  return outcome == v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE ||
         outcome == v1::CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE || outcome == v1::CONSULT_OUTCOME_AMBULANCE_TO_ED;
}

Rejection CheckWhat(const v1::Event& event) {
  const v1::EventType type = event.type();
  const bool takes_outcome = type == v1::EVENT_TYPE_CONSULT_ANSWERED || type == v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED;
  if (takes_outcome) {
    if (event.outcome() == v1::CONSULT_OUTCOME_UNSPECIFIED) return Required("outcome", " on this event type");
    if (!v1::ConsultOutcome_IsValid(event.outcome())) return Invalid("outcome", "is not a known outcome");
    const bool ambulance_consult = event.track() == v1::TRACK_ACCESSIBLE_PRIMARY_CARE &&
                                   event.requester_unit_type() == v1::UNIT_TYPE_AMBULANCE_STATION;
    if (IsAmbulanceOutcome(event.outcome()) != ambulance_consult) {
      return Invalid("outcome", ambulance_consult
                                    ? "must be an AMBULANCE_* outcome for an ambulance station's consult"
                                    : "AMBULANCE_* outcomes are for ambulance stations' accessible-primary-care "
                                      "consults only");
    }
  } else if (event.outcome() != v1::CONSULT_OUTCOME_UNSPECIFIED) {
    return Unexpected("outcome", type);
  }

  if (event.has_time_to_accept()) {
    if (type != v1::EVENT_TYPE_CONSULT_ACCEPTED) return Unexpected("time_to_accept", type);
    if (Rejection bad = CheckDuration(event.time_to_accept(), "time_to_accept")) return bad;
  }
  if (type == v1::EVENT_TYPE_CONSULT_ANSWERED) {
    if (!event.has_time_to_answer()) return Required("time_to_answer", " on CONSULT_ANSWERED events");
    if (Rejection bad = CheckDuration(event.time_to_answer(), "time_to_answer")) return bad;
  } else if (event.has_time_to_answer()) {
    return Unexpected("time_to_answer", type);
  }
  if (event.has_lead_time()) {
    if (type != v1::EVENT_TYPE_CONFERENCE_BOOKED) return Unexpected("lead_time", type);
    if (Rejection bad = CheckDuration(event.lead_time(), "lead_time")) return bad;
  }

  const bool offer = type == v1::EVENT_TYPE_CONSULT_OFFERED || type == v1::EVENT_TYPE_CONSULT_ESCALATED;
  if (event.has_escalation_step()) {
    if (!offer) return Unexpected("escalation_step", type);
    if (event.escalation_step() < 0 || event.escalation_step() > 100) {
      return Invalid("escalation_step", "must be between 0 and 100");
    }
  }
  if (event.has_escalation_round()) {
    if (!event.has_escalation_step()) return Invalid("escalation_round", "must be unset when escalation_step is");
    if (event.escalation_round() < 0 || event.escalation_round() > 100) {
      return Invalid("escalation_round", "must be between 0 and 100");
    }
  }
  if (event.escalation_count() < 0 || event.escalation_count() > 10'000) {
    return Invalid("escalation_count", "must be between 0 and 10000");
  }
  if (event.practitioner_count() < 0 || event.practitioner_count() > 1'000) {
    return Invalid("practitioner_count", "must be between 0 and 1000");
  }
  return absl::nullopt;
}

}  // namespace

bool IsConsultEvent(v1::EventType type) {
  return type >= v1::EVENT_TYPE_CONSULT_CREATED && type <= v1::EVENT_TYPE_CONSULT_CANCELLED;
}

bool IsConferenceEvent(v1::EventType type) {
  return type >= v1::EVENT_TYPE_CONFERENCE_REQUESTED && type <= v1::EVENT_TYPE_CONFERENCE_CANCELLED;
}

absl::optional<EventRejection> ValidateEvent(const v1::Event& event, absl::string_view caller_region, absl::Time now) {
  if (Rejection identity = FindPatientIdentity(event)) return identity;
  if (event.event_id().empty()) return Required("event_id");
  if (!IsUuid(event.event_id())) return Invalid("event_id", "must be a UUID (8-4-4-4-12 hexadecimal digits)");
  if (event.type() == v1::EVENT_TYPE_UNSPECIFIED || !v1::EventType_IsValid(event.type())) {
    return Reject("UNKNOWN_EVENT_TYPE", "type", "type is not an event type this server knows");
  }
  if (Rejection bad = CheckEventTime(event, now)) return bad;
  if (event.region().empty()) return Required("region");
  absl::StatusOr<std::string> region = api::ParseRegion(event.region(), "region");
  if (!region.ok()) return Invalid("region", "must have the form regions/{region}");
  if (*region != caller_region) {
    return Reject("REGION_MISMATCH", "region", "region is not a region the calling service serves");
  }
  if (event.subject_key().empty()) return Required("subject_key");
  if (event.subject_key().size() != 64 || !IsLowerHex(event.subject_key())) {
    return Invalid("subject_key", "must be 64 lowercase hexadecimal digits (an HMAC-SHA-256)");
  }
  if (Rejection bad = CheckWho(event, *region)) return bad;
  return CheckWhat(event);
}

}  // namespace samspar::metrics
