#ifndef SAMSPAR_SERVICES_CONSULT_ROUTING_ROSTER_GATEWAY_H_
#define SAMSPAR_SERVICES_CONSULT_ROUTING_ROSTER_GATEWAY_H_

// The one place where the consult service asks the roster anything: which
// line a consult's target resolves to and who is on call on it
// (consult.proto, "Routing" and "What CreateConsult does"), the named
// practitioner of a target or handover, and the requester's unit.
//
// Every answer comes back in the consult API's words: NOT_FOUND
// (LINE_NOT_FOUND, UNIT_NOT_FOUND, PRACTITIONER_NOT_FOUND),
// FAILED_PRECONDITION (NO_LINE_FOR_TARGET, TRACK_NOT_SERVED, LINE_NOT_ACTIVE,
// LINE_CLOSED, NO_ONE_ON_CALL, PRACTITIONER_INACTIVE), PERMISSION_DENIED
// (REQUESTER_UNIT_MISMATCH, REGION_MISMATCH for a name of another region),
// INVALID_ARGUMENT for a malformed name (the caller checks names first, so
// that the field is the consult request's). Whenever the roster cannot
// answer what was asked within the timeout (down, slow, overloaded, or not
// accepting this service's token) the error is UNAVAILABLE with reason
// ROSTER_UNAVAILABLE and a retry delay: CreateConsult then stores the
// consult CREATED and routing retries, since a create never fails because
// the roster is unavailable.
//
// Each call is made as the system the consult service is, with a fresh
// token for the consult's region (tokens are single-use); the token needs
// scopes `roster.read` (lines, on-call answers, presence) and
// `directory.read` (units, practitioners).

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/client/bearer_token.h"
#include "grpcpp/channel.h"
#include "samspar/v1/consult.pb.h"
#include "samspar/v1/roster.grpc.pb.h"

namespace samspar::consult {

// A practitioner a consult names (a practitioner target, or a handover to a
// person), as routing offers to them.
struct NamedPractitioner {
  v1::Practitioner practitioner = {};
  // Their presence now: routing never offers to an OFFLINE practitioner,
  // and the offer records the presence it was made at.
  v1::PresenceState presence = v1::PRESENCE_STATE_UNKNOWN;
};

// The line routing chose and who is on call on it at the instant asked.
struct RoutedLine {
  // The line as the roster has it now: its escalation policy, answer
  // deadline and auto-close delay apply to the offers made from this answer.
  v1::Line line = {};
  v1::OnCallAnswer answer = {};
  // Set for a practitioner target only. The consult service offers the
  // consult to this practitioner first (unless OFFLINE), with the first-step
  // ack timeout of `line`, their fallback line: the active line serving the
  // track at their primary unit (for a filial, also its health centre's).
  // Because the practitioner is asked first, `line` may be closed or have
  // nobody routable on it; when they do not take the consult, routing goes
  // on by routing to `line` as a line target, which refuses then as it
  // would at creation.
  absl::optional<NamedPractitioner> named = absl::nullopt;
};

// Where a consult is asked from, as the directory has it.
struct RequesterFacts {
  v1::Unit unit = {};
  // The requester's name for display; empty when the directory does not
  // list them.
  std::string display_name = {};
};

class RosterGateway {
 public:
  // The token source for calls about a region (two-digit code), e.g.
  // ServiceTokens::ForRegion.
  using RegionTokens = std::function<client::TokenSource(const std::string& region)>;

  // Each public call gives up after `timeout` in all, however many calls to
  // the roster it takes.
  RosterGateway(std::shared_ptr<grpc::Channel> roster, RegionTokens tokens, absl::Duration timeout);

  // Resolves a consult's target on `track` to a line and who is on call on
  // it at `now`, as CreateConsult and ReassignConsult to a line need it:
  // - a line: that line; LINE_NOT_FOUND, LINE_NOT_ACTIVE (draft or
  //   retired), TRACK_NOT_SERVED;
  // - a specialty: the active lines of the region serving the track and
  //   specialty, the first in the roster's order (someone AVAILABLE first)
  //   that has a routable contact, else the first; NO_LINE_FOR_TARGET;
  // - a unit: likewise among the unit's active lines serving the track (for
  //   a filial, also its health centre's); UNIT_NOT_FOUND,
  //   NO_LINE_FOR_TARGET;
  // - a practitioner: their fallback line, with `named` set;
  //   PRACTITIONER_NOT_FOUND, PRACTITIONER_INACTIVE, NO_LINE_FOR_TARGET.
  // Then the line must be within its hours at `now` (LINE_CLOSED, metadata
  // "line", "next_open_time" in RFC 3339 and, when one is open,
  // "alternative_line") and have a routable contact (NO_ONE_ON_CALL,
  // metadata "line", "fallback_phone"); for a practitioner target only when
  // the practitioner is OFFLINE. The roster reads presence only for an
  // instant within a minute of its clock: pass the present.
  absl::StatusOr<RoutedLine> Route(absl::string_view region, v1::Track track, const v1::ConsultTarget& target,
                                   absl::Time now);

  // Who is on call on a consult's line at `now`, for its next offer: the
  // answer whatever the hours or contacts (escalation decides what to do
  // with it). LINE_NOT_FOUND; LINE_NOT_ACTIVE once the line is retired.
  absl::StatusOr<RoutedLine> Resolve(absl::string_view region, absl::string_view line, absl::Time now);

  // A practitioner from the directory, with their presence now, for a
  // practitioner target or a handover to a person: PRACTITIONER_NOT_FOUND,
  // PRACTITIONER_INACTIVE.
  absl::StatusOr<NamedPractitioner> Practitioner(absl::string_view region, absl::string_view name);

  // The unit a consult is asked from (its type is the consult's
  // `requester_unit_type`): UNIT_NOT_FOUND, or REQUESTER_UNIT_MISMATCH when
  // the directory lists `requester` (a practitioner's resource name) without
  // this unit among the units they work for. A requester the directory does
  // not list is not refused: the directory cannot say where they work.
  absl::StatusOr<RequesterFacts> RequesterUnit(absl::string_view region, absl::string_view unit,
                                               absl::string_view requester);

 private:
  std::unique_ptr<v1::RosterService::Stub> stub_;
  RegionTokens tokens_;
  absl::Duration timeout_;
};

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_ROUTING_ROSTER_GATEWAY_H_
