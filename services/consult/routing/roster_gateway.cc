#include "services/consult/routing/roster_gateway.h"

#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/client/channel.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "google/protobuf/util/time_util.h"
#include "services/consult/routing/escalation_plan.h"

namespace samspar::consult {
namespace {

using google::protobuf::util::TimeUtil;

// When to ask again if the roster gave no hint of its own.
constexpr absl::Duration kRetryAfter = absl::Seconds(5);
// The roster's largest page: a region's lines of one track or unit fit in
// it many times over, and the roster orders lines before paging, so the
// first page holds the best ones.
constexpr int kAllLines = 1000;

google::protobuf::Timestamp AsTimestamp(absl::Time time) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
}

template <typename Request, typename Response>
using RosterMethod = grpc::Status (v1::RosterService::Stub::*)(grpc::ClientContext*, const Request&, Response*);

// Anything that is not an answer about what was asked (the roster down,
// slow, overloaded, or refusing this service's token) is
// ROSTER_UNAVAILABLE: the consult is stored and routing retries, rather
// than the requester getting an error they can do nothing about.
absl::Status AnswerOrUnavailable(absl::Status answer) {
  const absl::StatusCode code = answer.code();
  if (code == absl::StatusCode::kNotFound || code == absl::StatusCode::kFailedPrecondition ||
      code == absl::StatusCode::kInvalidArgument || ReasonOf(answer) == "REGION_MISMATCH") {
    return answer;
  }
  return RetryableError(
      absl::StatusCode::kUnavailable, "ROSTER_UNAVAILABLE",
      absl::StrCat("the roster could not answer (", absl::StatusCodeToString(code), ": ", answer.message(), ")"),
      RetryDelayOf(answer).value_or(kRetryAfter));
}

// One question to the roster for a consult of `region`, made of calls that
// share one deadline.
class Exchange {
 public:
  Exchange(v1::RosterService::Stub& stub, const RosterGateway::RegionTokens& tokens, absl::string_view region,
           absl::Duration timeout)
      : stub_(stub), tokens_(tokens), region_(region), deadline_(absl::Now() + timeout) {}

  const std::string& region() const { return region_; }

  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(RosterMethod<Request, Response> method, const Request& request) {
    absl::StatusOr<std::string> token = tokens_(region_)();
    if (!token.ok()) {
      return RetryableError(absl::StatusCode::kUnavailable, "ROSTER_UNAVAILABLE",
                            absl::StrCat("no token to ask the roster with: ", token.status().message()), kRetryAfter);
    }
    auto context = client::ContextWithToken(deadline_ - absl::Now(), *token);
    Response response;
    grpc::Status status = (stub_.*method)(context.get(), request, &response);
    if (!status.ok()) return AnswerOrUnavailable(FromGrpcStatus(status));
    return response;
  }

 private:
  v1::RosterService::Stub& stub_;
  const RosterGateway::RegionTokens& tokens_;
  const std::string region_;
  const absl::Time deadline_;
};

// A line as a person reads it in a message: "Kardiologkonsult (regions/06/lines/...)".
std::string Described(const v1::Line& line) { return absl::StrCat(line.display_name(), " (", line.name(), ")"); }

absl::Status LineError(absl::string_view reason, const v1::Line& line, absl::string_view why) {
  return WithMetadata(Error(absl::StatusCode::kFailedPrecondition, reason, absl::StrCat(Described(line), " ", why)),
                      "line", line.name());
}

bool Serves(const v1::Line& line, v1::Track track) { return absl::c_linear_search(line.tracks(), track); }

absl::StatusOr<v1::Line> GetLine(Exchange& exchange, absl::string_view name) {
  v1::GetLineRequest request;
  request.set_name(std::string(name));
  return exchange.Call(&v1::RosterService::Stub::GetLine, request);
}

// A line the consult may be routed to at all, whatever the time.
absl::StatusOr<v1::Line> RoutableLine(Exchange& exchange, absl::string_view name, v1::Track track) {
  SAMSPAR_ASSIGN_OR_RETURN(v1::Line line, GetLine(exchange, name));
  if (line.state() != v1::LINE_STATE_ACTIVE) return LineError("LINE_NOT_ACTIVE", line, "is not in service");
  if (!Serves(line, track)) {
    return LineError("TRACK_NOT_SERVED", line, absl::StrCat("does not serve the track ", v1::Track_Name(track)));
  }
  return line;
}

absl::StatusOr<RoutedLine> ResolveOn(Exchange& exchange, v1::Line line, absl::Time at) {
  v1::ResolveOnCallRequest request;
  request.set_name(line.name());
  *request.mutable_resolve_time() = AsTimestamp(at);
  absl::StatusOr<v1::ResolveOnCallResponse> resolved = exchange.Call(&v1::RosterService::Stub::ResolveOnCall, request);
  // Retired between reading the line and resolving it.
  if (!resolved.ok() && ReasonOf(resolved.status()) == "LINE_RETIRED") {
    return LineError("LINE_NOT_ACTIVE", line, "is retired");
  }
  if (!resolved.ok()) return resolved.status();
  return RoutedLine{.line = std::move(line), .answer = std::move(*resolved->mutable_answer())};
}

v1::FindOnCallRequest FindRequest(const Exchange& exchange, absl::Time at) {
  v1::FindOnCallRequest request;
  request.set_parent(absl::StrCat("regions/", exchange.region()));
  *request.mutable_resolve_time() = AsTimestamp(at);
  request.set_page_size(kAllLines);
  return request;
}

v1::FindOnCallRequest ByTrack(const Exchange& exchange, v1::Track track, absl::string_view specialty, absl::Time at) {
  v1::FindOnCallRequest request = FindRequest(exchange, at);
  request.mutable_track_specialty()->set_track(track);
  request.mutable_track_specialty()->set_specialty(std::string(specialty));
  return request;
}

v1::FindOnCallRequest ByUnit(const Exchange& exchange, absl::string_view unit, absl::Time at) {
  v1::FindOnCallRequest request = FindRequest(exchange, at);
  request.set_unit(std::string(unit));
  return request;
}

// Of the active lines the roster finds for a target, the one serving the
// track that can take the consult now; else the first serving it, which the
// roster orders within hours first, so that its refusal is the one that
// matters (NO_ONE_ON_CALL over LINE_CLOSED).
absl::StatusOr<RoutedLine> FoundLine(Exchange& exchange, const v1::FindOnCallRequest& request, v1::Track track,
                                     absl::string_view target) {
  SAMSPAR_ASSIGN_OR_RETURN(v1::FindOnCallResponse found, exchange.Call(&v1::RosterService::Stub::FindOnCall, request));
  v1::OnCallMatch* chosen = nullptr;
  for (v1::OnCallMatch& match : *found.mutable_matches()) {
    if (!Serves(match.line(), track)) continue;
    if (chosen == nullptr) chosen = &match;
    if (match.answer().within_hours() && HasRoutableContact(match.answer())) {
      chosen = &match;
      break;
    }
  }
  if (chosen == nullptr) {
    return Error(absl::StatusCode::kFailedPrecondition, "NO_LINE_FOR_TARGET",
                 absl::StrCat("no active line of ", target, " serves the track ", v1::Track_Name(track)));
  }
  return RoutedLine{.line = std::move(*chosen->mutable_line()), .answer = std::move(*chosen->mutable_answer())};
}

// The first line open now among those `request` finds, other than
// `closed`, of `specialty` if one is open; nothing when the roster cannot
// say, since the alternative is a hint on a refusal that stands anyway.
absl::optional<v1::Line> FirstOpen(Exchange& exchange, const v1::FindOnCallRequest& request, const std::string& closed,
                                   const std::string& specialty) {
  absl::StatusOr<v1::FindOnCallResponse> found = exchange.Call(&v1::RosterService::Stub::FindOnCall, request);
  if (!found.ok()) return absl::nullopt;
  absl::optional<v1::Line> open;
  for (const v1::OnCallMatch& match : found->matches()) {
    if (match.line().name() == closed || !match.answer().within_hours()) continue;
    if (match.line().specialty() == specialty) return match.line();
    if (!open.has_value()) open = match.line();
  }
  return open;
}

// Where to turn instead of a closed line (consult.proto, LINE_CLOSED): an
// open line of its specialty on the same track, else one on the acute
// track, of its specialty if one is open.
absl::optional<v1::Line> AlternativeTo(Exchange& exchange, const v1::Line& closed, v1::Track track, absl::Time now) {
  absl::optional<v1::Line> same =
      FirstOpen(exchange, ByTrack(exchange, track, closed.specialty(), now), closed.name(), closed.specialty());
  if (same.has_value() || track == v1::TRACK_ACUTE) return same;
  return FirstOpen(exchange, ByTrack(exchange, v1::TRACK_ACUTE, "", now), closed.name(), closed.specialty());
}

absl::Status LineClosed(Exchange& exchange, const RoutedLine& routed, v1::Track track, absl::Time now) {
  std::string message = absl::StrCat(Described(routed.line), " is outside its hours");
  std::string opens;
  if (routed.answer.has_next_open_time()) {
    opens = TimeUtil::ToString(routed.answer.next_open_time());
    absl::StrAppend(&message, " until ", opens);
  }
  absl::optional<v1::Line> alternative = AlternativeTo(exchange, routed.line, track, now);
  if (alternative.has_value()) absl::StrAppend(&message, "; ", Described(*alternative), " is open now");
  absl::Status closed =
      WithMetadata(Error(absl::StatusCode::kFailedPrecondition, "LINE_CLOSED", message), "line", routed.line.name());
  if (!opens.empty()) closed = WithMetadata(closed, "next_open_time", opens);
  if (alternative.has_value()) closed = WithMetadata(closed, "alternative_line", alternative->name());
  return closed;
}

// Whether the consult can be offered on the routed line now: within its
// hours, with someone routable on a step.
absl::Status OpenWithContact(Exchange& exchange, const RoutedLine& routed, v1::Track track, absl::Time now) {
  if (!routed.answer.within_hours()) return LineClosed(exchange, routed, track, now);
  if (!HasRoutableContact(routed.answer)) {
    return WithMetadata(LineError("NO_ONE_ON_CALL", routed.line,
                                  "has nobody who can be offered the consult now; call its fallback phone"),
                        "fallback_phone", routed.answer.fallback_phone());
  }
  return absl::OkStatus();
}

absl::StatusOr<NamedPractitioner> FindPractitioner(Exchange& exchange, absl::string_view name) {
  v1::GetPractitionerRequest get;
  get.set_name(std::string(name));
  SAMSPAR_ASSIGN_OR_RETURN(v1::Practitioner practitioner,
                           exchange.Call(&v1::RosterService::Stub::GetPractitioner, get));
  if (practitioner.state() == v1::DIRECTORY_STATE_INACTIVE) {
    return Error(absl::StatusCode::kFailedPrecondition, "PRACTITIONER_INACTIVE",
                 absl::StrCat(practitioner.name(), " is inactive in the directory"));
  }
  v1::GetPresenceRequest presence;
  presence.set_name(absl::StrCat(practitioner.name(), "/presence"));
  SAMSPAR_ASSIGN_OR_RETURN(v1::Presence now, exchange.Call(&v1::RosterService::Stub::GetPresence, presence));
  return NamedPractitioner{.practitioner = std::move(practitioner), .presence = now.state()};
}

absl::StatusOr<RoutedLine> ToPractitioner(Exchange& exchange, const v1::PractitionerRef& target, v1::Track track,
                                          absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(NamedPractitioner named, FindPractitioner(exchange, target.name()));
  if (named.practitioner.units().empty()) {
    return Error(absl::StatusCode::kFailedPrecondition, "NO_LINE_FOR_TARGET",
                 absl::StrCat(named.practitioner.name(), " works for no unit with a line"));
  }
  const std::string& primary_unit = named.practitioner.units(0).name();
  SAMSPAR_ASSIGN_OR_RETURN(RoutedLine routed,
                           FoundLine(exchange, ByUnit(exchange, primary_unit, now), track, primary_unit));
  // Offered to the practitioner first: the line's hours and contacts
  // matter now only if the practitioner cannot be offered it.
  if (named.presence == v1::PRESENCE_STATE_OFFLINE) {
    SAMSPAR_RETURN_IF_ERROR(OpenWithContact(exchange, routed, track, now));
  }
  routed.named = std::move(named);
  return routed;
}

absl::StatusOr<RoutedLine> ToTarget(Exchange& exchange, v1::Track track, const v1::ConsultTarget& target,
                                    absl::Time now) {
  switch (target.target_case()) {
    case v1::ConsultTarget::kLine: {
      SAMSPAR_ASSIGN_OR_RETURN(v1::Line line, RoutableLine(exchange, target.line(), track));
      return ResolveOn(exchange, std::move(line), now);
    }
    case v1::ConsultTarget::kSpecialty:
      // An empty specialty would find every line of the track.
      if (target.specialty().empty()) {
        return FieldError("target.specialty", "FIELD_REQUIRED", "a specialty code is required");
      }
      return FoundLine(exchange, ByTrack(exchange, track, target.specialty(), now), track,
                       absl::StrCat("specialty ", target.specialty()));
    case v1::ConsultTarget::kUnit:
      return FoundLine(exchange, ByUnit(exchange, target.unit().name(), now), track, target.unit().name());
    case v1::ConsultTarget::kPractitioner:
      return ToPractitioner(exchange, target.practitioner(), track, now);
    case v1::ConsultTarget::TARGET_NOT_SET:
      break;
  }
  return FieldError("target", "FIELD_REQUIRED", "a line, specialty, unit or practitioner is required");
}

}  // namespace

RosterGateway::RosterGateway(std::shared_ptr<grpc::Channel> roster, RegionTokens tokens, absl::Duration timeout)
    : stub_(v1::RosterService::NewStub(std::move(roster))), tokens_(std::move(tokens)), timeout_(timeout) {}

absl::StatusOr<RoutedLine> RosterGateway::Route(absl::string_view region, v1::Track track,
                                                const v1::ConsultTarget& target, absl::Time now) {
  Exchange exchange(*stub_, tokens_, region, timeout_);
  SAMSPAR_ASSIGN_OR_RETURN(RoutedLine routed, ToTarget(exchange, track, target, now));
  if (!routed.named.has_value()) SAMSPAR_RETURN_IF_ERROR(OpenWithContact(exchange, routed, track, now));
  return routed;
}

absl::StatusOr<RoutedLine> RosterGateway::Resolve(absl::string_view region, absl::string_view line, absl::Time now) {
  Exchange exchange(*stub_, tokens_, region, timeout_);
  SAMSPAR_ASSIGN_OR_RETURN(v1::Line found, GetLine(exchange, line));
  return ResolveOn(exchange, std::move(found), now);
}

absl::StatusOr<NamedPractitioner> RosterGateway::Practitioner(absl::string_view region, absl::string_view name) {
  Exchange exchange(*stub_, tokens_, region, timeout_);
  return FindPractitioner(exchange, name);
}

absl::StatusOr<RequesterFacts> RosterGateway::RequesterUnit(absl::string_view region, absl::string_view unit,
                                                            absl::string_view requester) {
  Exchange exchange(*stub_, tokens_, region, timeout_);
  v1::GetUnitRequest get_unit;
  get_unit.set_name(std::string(unit));
  SAMSPAR_ASSIGN_OR_RETURN(v1::Unit found, exchange.Call(&v1::RosterService::Stub::GetUnit, get_unit));
  v1::GetPractitionerRequest get_requester;
  get_requester.set_name(std::string(requester));
  absl::StatusOr<v1::Practitioner> listed = exchange.Call(&v1::RosterService::Stub::GetPractitioner, get_requester);
  if (!listed.ok() && ReasonOf(listed.status()) == "PRACTITIONER_NOT_FOUND") return RequesterFacts{.unit = found};
  if (!listed.ok()) return listed.status();
  if (absl::c_none_of(listed->units(), [&](const v1::UnitRef& ref) { return ref.name() == found.name(); })) {
    return Error(absl::StatusCode::kPermissionDenied, "REQUESTER_UNIT_MISMATCH",
                 absl::StrCat("the requester does not work for ", found.name(), " according to the directory"));
  }
  return RequesterFacts{.unit = std::move(found), .display_name = listed->display_name()};
}

}  // namespace samspar::consult
