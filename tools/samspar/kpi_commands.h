#ifndef SAMSPAR_TOOLS_SAMSPAR_KPI_COMMANDS_H_
#define SAMSPAR_TOOLS_SAMSPAR_KPI_COMMANDS_H_

// The region's goals in numbers from the command line, for analysts and
// region admins (`--as=HSA-ID --roles=analyst`, or a system with
// `--client_id=ID --scopes=metrics.read`):
//
//   samspar kpi report [--period=day|week|month|custom] [--date=YYYY-MM-DD]
//                      [--from=YYYY-MM-DD --to=YYYY-MM-DD] [--group_by=track,...]
//                      [--kpis=REFERRALS_AVOIDED,...] [--filter_track=acute,...]
//                      [--filter_requester_unit=HSA-ID,...]
//   samspar kpi series --kpis=... [--granularity=day|week|month] --from --to [--group_by=...]
//   samspar kpi export (report flags | series flags with --granularity)
//                      [--dialect=rfc4180|excel-sv] [--out=FILE]
//   samspar kpi definitions [KPI]
//   samspar kpi targets
//   samspar kpi set-target KPI [--target_value=N | --relative_change=0.1]
//                      [--direction=more|fewer] | --clear
//   samspar kpi dashboard
//
// The figures are the API's, small counts suppressed as it suppresses them.
// The region is the caller's (--region).

#include <ostream>
#include <string>
#include <vector>

#include "tools/samspar/cli_options.h"

namespace samspar::cli {

// `args` are the positional arguments, "samspar" and "kpi" first. Exit
// status 0 on success, 1 when a call fails (the status and its reason on
// `err`), 2 for a usage error.
int RunKpiCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                  std::ostream& err);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_KPI_COMMANDS_H_
