// samspar: the command-line client of the Samspår suite.
//
//   samspar [flags] health      health of the four services
//   samspar [flags] token       a short-lived bearer token (local identity provider)
//   samspar [flags] jwks        the public keys that verify those tokens
//   samspar [flags] access-log  an auditor's search of the patient-data access log
//   samspar [flags] oncall, presence, lines, coverage, import-directory   the roster
//   samspar [flags] kpi report, series, export, definitions, targets, set-target, dashboard
//   samspar [flags] consult ask, show, list, accept, decline, answer, outcome, close, cancel,
//                   reassign, identify, message, messages, watch, offers
//   samspar [flags] call Service.Method [JSON]   any unary method of the API

#include <iostream>
#include <string>
#include <vector>

#include "common/config/flags.h"
#include "tools/samspar/access_log_command.h"
#include "tools/samspar/cli_options.h"
#include "tools/samspar/consult_commands.h"
#include "tools/samspar/health_command.h"
#include "tools/samspar/kpi_commands.h"
#include "tools/samspar/roster_commands.h"
#include "tools/samspar/rpc_call.h"
#include "tools/samspar/token_commands.h"

namespace {

constexpr char kUsage[] =
    "samspar [flags] <command>\n"
    "\n"
    "commands:\n"
    "  health    checks that roster, consult, conference and metrics are SERVING\n"
    "  token     prints a bearer token for --as=HSA-ID (a person), --client_id=ID (a\n"
    "            system) or both (a system acting for the person), signed with\n"
    "            --signing_key_file: for local development and tests\n"
    "  jwks      prints the public JWKS of --signing_key_file, for the services'\n"
    "            --jwks_file\n"
    "  access-log  --patient=PERSONNUMMER: the patient's log extract from consult and\n"
    "            conference, newest first; --user=HSA-ID: what that person accessed\n"
    "            (for auditors: --as=HSA-ID --roles=auditor)\n"
    "  oncall <line>  who is on call now on a line (resource name, id or part of its\n"
    "            name), step by step; --track=acute [--specialty=CODE] or\n"
    "            --find_unit=HSA-ID instead of a line finds the lines\n"
    "  presence set available|busy|away|offline [--ttl=10m] [--note=TEXT],\n"
    "            presence heartbeat, presence get [HSA-ID]: the --as person's presence\n"
    "  lines     the region's on-call lines\n"
    "  coverage  the region's coverage report, --days=14 ahead\n"
    "  import-directory --units_csv=FILE --practitioners_csv=FILE [--validate_only]\n"
    "  kpi report  the region's KPIs for a --period=day|week|month (a --date in it) or\n"
    "            --from=DATE --to=DATE, against the targets; [--group_by=track,...]\n"
    "            [--kpis=REFERRALS_AVOIDED,...] [--filter_track=...] [--filter_requester_unit=...]\n"
    "  kpi series --kpis=... [--granularity=day|week|month] [--from --to] [--group_by=...]\n"
    "  kpi export  a report's or (with --granularity) a series' CSV, [--dialect=excel-sv]\n"
    "            [--out=FILE]\n"
    "  kpi definitions [KPI], kpi targets, kpi dashboard (a link to the region's dashboard)\n"
    "  kpi set-target KPI [--target_value=N | --relative_change=0.1] [--direction=more|fewer]\n"
    "            | --clear  (region admins); KPIs are read by --roles=analyst or region_admin\n"
    "  consult ask --consult_track=acute|semi-acute|primary-care (--line=LINE |\n"
    "            --consult_specialty=CODE | --consult_unit=HSA-ID | --practitioner=HSA-ID)\n"
    "            --question=TEXT [--consult_patient=PERSONNUMMER | --reserve_number=X\n"
    "            --reserve_region=06] [--priority=red|yellow|white] [--rub_band=1..5]\n"
    "            [--mission=ID] [--requester_unit=HSA-ID] [--callback=+46...] [--request_id=UUID]\n"
    "  consult show ID, consult list [--relation=requested|assigned|offered|participating|units]\n"
    "            [--filter=TEXT] [--consult_patient=PERSONNUMMER] [--page_size=N]\n"
    "  consult accept ID, consult close ID, consult decline ID\n"
    "            --reason=busy|not-on-duty|not-for-this-line|other [--consult_note=TEXT]\n"
    "            [--suggested_line=LINE]\n"
    "  consult answer ID --answer=TEXT --outcome=OUTCOME [--outcome_note=TEXT],\n"
    "            consult outcome ID --outcome=OUTCOME [--outcome_note=TEXT]\n"
    "            (OUTCOME e.g. advice-given-referral-avoided; a wrong one lists them all)\n"
    "  consult cancel ID --reason=TEXT, consult identify ID --consult_patient=PERSONNUMMER\n"
    "  consult reassign ID (--to_practitioner=HSA-ID | --to_line=LINE) --consult_note=TEXT\n"
    "  consult message ID --text=TEXT, consult messages ID: the consult's conversation\n"
    "  consult watch ID, consult offers (the --as person's offers): a line per event until\n"
    "            the stream ends or Ctrl-C; [--max_events=N] stops after N\n"
    "            (ID: regions/06/consults/X or X in the --region; LINE: a line's name or id)\n"
    "  call Service.Method [JSON]  any unary method, e.g. RosterService.CreateLine,\n"
    "            with the request as JSON (or on stdin); prints the response as JSON\n"
    "\n"
    "Every flag can also be set as SAMSPAR_<FLAG> in the environment.";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args = samspar::config::ParseFlagsOrExit(argc, argv, kUsage);
  if (args.size() < 2) {
    std::cerr << "usage: " << kUsage << "\n";
    return 2;
  }
  const std::string& command = args[1];
  samspar::cli::CliOptions options = samspar::cli::CliOptionsFromFlags();
  if (command == "health") return samspar::cli::RunHealthCommand(options, std::cout);
  if (command == "token") return samspar::cli::RunTokenCommand(std::cout, std::cerr);
  if (command == "jwks") return samspar::cli::RunJwksCommand(std::cout, std::cerr);
  if (command == "access-log") {
    return samspar::cli::RunAccessLogCommand(options, std::cout, std::cerr);
  }
  if (command == "oncall") return samspar::cli::RunOnCallCommand(options, args, std::cout, std::cerr);
  if (command == "presence") return samspar::cli::RunPresenceCommand(options, args, std::cout, std::cerr);
  if (command == "lines") return samspar::cli::RunLinesCommand(options, std::cout, std::cerr);
  if (command == "coverage") return samspar::cli::RunCoverageCommand(options, std::cout, std::cerr);
  if (command == "import-directory") return samspar::cli::RunImportDirectoryCommand(options, std::cout, std::cerr);
  if (command == "kpi") return samspar::cli::RunKpiCommand(options, args, std::cout, std::cerr);
  if (command == "consult") return samspar::cli::RunConsultCommand(options, args, std::cout, std::cerr);
  if (command == "call") return samspar::cli::RunCallCommand(options, args, std::cout, std::cerr);
  std::cerr << "samspar: unknown command \"" << command << "\" (see samspar --help)\n";
  return 2;
}
