#include "tools/samspar/roster_commands.h"

#include <fstream>
#include <sstream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "samspar/v1/roster.pb.h"
#include "tools/samspar/rpc_call.h"

ABSL_FLAG(std::string, track, "", "oncall: find the lines of a track (acute, semi-acute, ...)");
ABSL_FLAG(std::string, specialty, "", "oncall: with --track, only lines of this specialty code");
ABSL_FLAG(std::string, find_unit, "", "oncall: find the lines of this unit (HSA-id or resource name)");
ABSL_FLAG(absl::Duration, ttl, absl::ZeroDuration(), "presence: time-to-live (default 10m, 12h for offline)");
ABSL_FLAG(std::string, note, "", "presence set: a short status text (never patient data)");
ABSL_FLAG(int, days, 14, "coverage: how many days ahead");
ABSL_FLAG(std::string, units_csv, "", "import-directory: a CSV file of care units");
ABSL_FLAG(std::string, practitioners_csv, "", "import-directory: a CSV file of practitioners");
ABSL_FLAG(bool, validate_only, false, "import-directory: check every row, change nothing");
ABSL_DECLARE_FLAG(std::string, as);

namespace samspar::cli {
namespace {

std::string Region(const CliOptions& options) { return absl::StrCat("regions/", options.region); }

std::string Local(const google::protobuf::Timestamp& time) {
  absl::TimeZone zone;
  absl::LoadTimeZone("Europe/Stockholm", &zone);
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(time.seconds()), zone);
}

// The enum value without its prefix, in lower case: PRESENCE_STATE_BUSY -> busy.
template <typename Enum>
std::string Short(const std::string& name, absl::string_view prefix) {
  return absl::AsciiStrToLower(absl::StripPrefix(name, prefix));
}

int Fail(std::ostream& err, absl::string_view command, const absl::Status& status) {
  err << "samspar " << command << ": " << status.message() << "\n";
  return 1;
}

void PrintAnswer(const v1::OnCallAnswer& answer, const std::string& title, std::ostream& out) {
  out << title << "  (" << Local(answer.resolve_time()) << ")\n";
  if (!answer.within_hours()) {
    out << "  closed now" << (answer.has_next_open_time() ? ", opens " + Local(answer.next_open_time()) : "") << "\n";
  } else if (answer.gap()) {
    out << "  NOBODY on the first step: a coverage gap\n";
  }
  for (const v1::ResolvedStep& step : answer.steps()) {
    const std::string target =
        Short<v1::EscalationTarget>(v1::EscalationTarget_Name(step.policy_step().target()), "ESCALATION_TARGET_");
    if (step.policy_step().target() == v1::ESCALATION_TARGET_SWITCHBOARD) {
      out << absl::StrFormat("  step %d  switchboard  %s\n", step.escalation_step() + 1, answer.fallback_phone());
      continue;
    }
    out << absl::StrFormat("  step %d  %s\n", step.escalation_step() + 1, target);
    if (step.contacts().empty()) out << "          nobody\n";
    for (const v1::OnCallContact& contact : step.contacts()) {
      std::string phone = contact.contact_points().empty() ? "" : contact.contact_points(0).value();
      out << absl::StrFormat("          %-32s %-10s %-14s %s\n", contact.practitioner().display_name(),
                             Short<v1::PresenceState>(v1::PresenceState_Name(contact.presence()), "PRESENCE_STATE_"),
                             phone, contact.reason().description());
    }
  }
  if (!answer.presence_known()) out << "  presence unknown right now (the roster's answer is complete)\n";
  if (answer.has_next_change_time()) out << "  next change " << Local(answer.next_change_time()) << "\n";
}

}  // namespace

absl::StatusOr<std::string> FindLine(const CliOptions& options, const std::string& wanted) {
  if (absl::StartsWith(wanted, "regions/")) return wanted;
  v1::ListLinesRequest request;
  request.set_parent(Region(options));
  request.set_page_size(1000);
  v1::ListLinesResponse lines;
  if (absl::Status status = CallRpc(options, "RosterService.ListLines", request, lines); !status.ok()) return status;
  std::vector<const v1::Line*> matches;
  for (const v1::Line& line : lines.lines()) {
    if (absl::EndsWith(line.name(), "/" + wanted)) return line.name();
    if (absl::StrContains(absl::AsciiStrToLower(line.display_name()), absl::AsciiStrToLower(wanted))) matches.push_back(&line);
  }
  if (matches.size() == 1) return matches.front()->name();
  if (matches.empty()) return absl::NotFoundError(absl::StrCat("no line is called \"", wanted, "\""));
  std::vector<std::string> names;
  for (const v1::Line* line : matches) names.push_back(line->display_name());
  return absl::InvalidArgumentError(absl::StrCat("\"", wanted, "\" names several lines: ", absl::StrJoin(names, "; ")));
}

int RunOnCallCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                     std::ostream& err) {
  const std::string track = absl::GetFlag(FLAGS_track);
  const std::string unit = absl::GetFlag(FLAGS_find_unit);
  if (args.size() == 3 && track.empty() && unit.empty()) {
    absl::StatusOr<std::string> line = FindLine(options, args[2]);
    if (!line.ok()) return Fail(err, "oncall", line.status());
    v1::ResolveOnCallRequest request;
    request.set_name(*line);
    v1::ResolveOnCallResponse response;
    if (absl::Status status = CallRpc(options, "RosterService.ResolveOnCall", request, response); !status.ok()) {
      return Fail(err, "oncall", status);
    }
    v1::GetLineRequest get;
    get.set_name(*line);
    v1::Line described;
    std::string title =
        CallRpc(options, "RosterService.GetLine", get, described).ok() ? described.display_name() : *line;
    PrintAnswer(response.answer(), title, out);
    return 0;
  }
  if (args.size() != 2 || track.empty() == unit.empty()) {
    err << "usage: samspar oncall <line> | samspar --track=acute [--specialty=CODE] oncall | samspar "
           "--find_unit=HSA-ID oncall\n";
    return 2;
  }
  v1::FindOnCallRequest request;
  request.set_parent(Region(options));
  if (!track.empty()) {
    v1::Track parsed;
    std::string name = absl::StrCat("TRACK_", absl::AsciiStrToUpper(track));
    absl::StrReplaceAll({{"-", "_"}}, &name);
    if (!v1::Track_Parse(name, &parsed)) return Fail(err, "oncall", absl::InvalidArgumentError("unknown --track"));
    request.mutable_track_specialty()->set_track(parsed);
    request.mutable_track_specialty()->set_specialty(absl::GetFlag(FLAGS_specialty));
  } else {
    request.set_unit(absl::StartsWith(unit, "regions/") ? unit : absl::StrCat(Region(options), "/units/", unit));
  }
  v1::FindOnCallResponse response;
  if (absl::Status status = CallRpc(options, "RosterService.FindOnCall", request, response); !status.ok()) {
    return Fail(err, "oncall", status);
  }
  if (response.matches().empty()) out << "no active line matches\n";
  for (const v1::OnCallMatch& match : response.matches()) PrintAnswer(match.answer(), match.line().display_name(), out);
  return 0;
}

int RunPresenceCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                       std::ostream& err) {
  const std::string me = absl::GetFlag(FLAGS_as);
  const std::string verb = args.size() >= 3 ? args[2] : "";
  const std::string whose = verb == "get" && args.size() == 4 ? args[3] : me;
  if (whose.empty() || !((verb == "set" && args.size() == 4) || (verb == "heartbeat" && args.size() == 3) ||
                         (verb == "get" && args.size() <= 4))) {
    err << "usage: samspar --as=HSA-ID presence set available|busy|away|offline [--ttl=10m] [--note=TEXT]\n"
           "       samspar --as=HSA-ID presence heartbeat | samspar presence get [HSA-ID]\n";
    return 2;
  }
  const std::string name = absl::StrCat(Region(options), "/practitioners/", whose, "/presence");
  v1::Presence presence;
  absl::Status status;
  if (verb == "set") {
    v1::UpdatePresenceRequest request;
    request.mutable_presence()->set_name(name);
    v1::PresenceState state;
    if (!v1::PresenceState_Parse(absl::StrCat("PRESENCE_STATE_", absl::AsciiStrToUpper(args[3])), &state)) {
      return Fail(err, "presence", absl::InvalidArgumentError("the state is available, busy, away or offline"));
    }
    request.mutable_presence()->set_state(state);
    request.mutable_presence()->set_note(absl::GetFlag(FLAGS_note));
    if (absl::GetFlag(FLAGS_ttl) > absl::ZeroDuration()) {
      request.mutable_ttl()->set_seconds(absl::ToInt64Seconds(absl::GetFlag(FLAGS_ttl)));
    }
    status = CallRpc(options, "RosterService.UpdatePresence", request, presence);
  } else if (verb == "heartbeat") {
    v1::HeartbeatRequest request;
    request.set_name(name);
    if (absl::GetFlag(FLAGS_ttl) > absl::ZeroDuration()) {
      request.mutable_ttl()->set_seconds(absl::ToInt64Seconds(absl::GetFlag(FLAGS_ttl)));
    }
    status = CallRpc(options, "RosterService.Heartbeat", request, presence);
  } else {
    v1::GetPresenceRequest request;
    request.set_name(name);
    status = CallRpc(options, "RosterService.GetPresence", request, presence);
  }
  if (!status.ok()) return Fail(err, "presence", status);
  out << whose << "  " << Short<v1::PresenceState>(v1::PresenceState_Name(presence.state()), "PRESENCE_STATE_");
  if (presence.has_expire_time()) out << "  until " << Local(presence.expire_time());
  if (!presence.note().empty()) out << "  \"" << presence.note() << "\"";
  out << "\n";
  return 0;
}

int RunLinesCommand(const CliOptions& options, std::ostream& out, std::ostream& err) {
  v1::ListLinesRequest request;
  request.set_parent(Region(options));
  request.set_page_size(1000);
  v1::ListLinesResponse response;
  if (absl::Status status = CallRpc(options, "RosterService.ListLines", request, response); !status.ok()) {
    return Fail(err, "lines", status);
  }
  for (const v1::Line& line : response.lines()) {
    std::vector<std::string> tracks;
    for (int track : line.tracks())
      tracks.push_back(Short<v1::Track>(v1::Track_Name(static_cast<v1::Track>(track)), "TRACK_"));
    out << absl::StrFormat("%-40s %-8s %-22s %s\n", line.display_name(),
                           Short<v1::LineState>(v1::LineState_Name(line.state()), "LINE_STATE_"),
                           absl::StrJoin(tracks, ","), line.name());
  }
  return 0;
}

int RunCoverageCommand(const CliOptions& options, std::ostream& out, std::ostream& err) {
  v1::ComputeCoverageReportRequest request;
  request.set_parent(Region(options));
  const absl::Time now = absl::Now();
  request.mutable_window()->mutable_start_time()->set_seconds(absl::ToUnixSeconds(now));
  request.mutable_window()->mutable_end_time()->set_seconds(
      absl::ToUnixSeconds(now + absl::Hours(24) * absl::GetFlag(FLAGS_days)));
  v1::CoverageReport report;
  if (absl::Status status = CallRpc(options, "RosterService.ComputeCoverageReport", request, report); !status.ok()) {
    return Fail(err, "coverage", status);
  }
  out << "coverage " << Local(report.window().start_time()) << " to " << Local(report.window().end_time()) << "\n";
  for (const v1::LineCoverage& line : report.lines()) {
    out << absl::StrFormat("%-40s %4d gaps  %7.1f of %7.1f h uncovered", line.line_display_name(), line.gap_count(),
                           line.uncovered().seconds() / 3600.0, line.required().seconds() / 3600.0);
    if (line.has_first_gap()) out << "  first " << Local(line.first_gap().interval().start_time());
    out << "\n";
  }
  return 0;
}

int RunImportDirectoryCommand(const CliOptions& options, std::ostream& out, std::ostream& err) {
  v1::ImportDirectoryRequest request;
  request.set_parent(Region(options));
  request.set_validate_only(absl::GetFlag(FLAGS_validate_only));
  for (auto [path, kind] :
       {std::pair{absl::GetFlag(FLAGS_units_csv), v1::DIRECTORY_RECORD_KIND_UNIT},
        std::pair{absl::GetFlag(FLAGS_practitioners_csv), v1::DIRECTORY_RECORD_KIND_PRACTITIONER}}) {
    if (path.empty()) continue;
    std::ifstream file(path, std::ios::binary);
    if (!file) return Fail(err, "import-directory", absl::NotFoundError(absl::StrCat("cannot read ", path)));
    std::stringstream content;
    content << file.rdbuf();
    v1::DirectoryCsv& csv = *request.mutable_csv()->add_files();
    csv.set_kind(kind);
    csv.set_content(content.str());
  }
  if (!request.has_csv()) {
    err << "usage: samspar import-directory --units_csv=FILE --practitioners_csv=FILE [--validate_only]\n";
    return 2;
  }
  v1::ImportDirectoryResponse response;
  if (absl::Status status = CallRpc(options, "RosterService.ImportDirectory", request, response); !status.ok()) {
    return Fail(err, "import-directory", status);
  }
  for (const v1::ImportError& error : response.errors()) {
    err << (error.record_kind() == v1::DIRECTORY_RECORD_KIND_UNIT ? "units" : "practitioners") << " line "
        << error.line_number() << " " << error.field() << ": " << error.reason() << " " << error.description() << "\n";
  }
  out << (response.applied() ? "applied" : "not applied") << ": units " << response.units_created() << " created, "
      << response.units_updated() << " updated, " << response.units_unchanged() << " unchanged; practitioners "
      << response.practitioners_created() << " created, " << response.practitioners_updated() << " updated, "
      << response.practitioners_unchanged() << " unchanged\n";
  return response.errors().empty() ? 0 : 1;
}

}  // namespace samspar::cli
