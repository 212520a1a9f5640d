#ifndef SAMSPAR_TOOLS_SAMSPAR_ROSTER_COMMANDS_H_
#define SAMSPAR_TOOLS_SAMSPAR_ROSTER_COMMANDS_H_

// The roster from the command line, for clinicians and admins:
//
//   samspar oncall <line>                   who is on call now, step by step
//   samspar oncall --track=acute [--specialty=internal-medicine]
//   samspar oncall --unit=<unit>            the lines of a unit (and its health centre)
//   samspar presence set available|busy|away|offline [--ttl=10m] [--note=...]
//   samspar presence heartbeat | presence get [HSA-ID]
//   samspar lines                           the region's lines
//   samspar coverage [--days=14]            the region's coverage report
//   samspar import-directory --units_csv=FILE --practitioners_csv=FILE [--validate_only]
//
// A line is named by its resource name, its id, or a unique part of its
// display name. Everything else of the roster's API is reachable with
// `samspar call RosterService.<Method>`.

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

#include "tools/samspar/cli_options.h"

namespace samspar::cli {

// A line of the caller's region by resource name, id, or a part of its
// display name that only one line has (asked of the roster).
absl::StatusOr<std::string> FindLine(const CliOptions& options, const std::string& wanted);

int RunOnCallCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                     std::ostream& err);
int RunPresenceCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                       std::ostream& err);
int RunLinesCommand(const CliOptions& options, std::ostream& out, std::ostream& err);
int RunCoverageCommand(const CliOptions& options, std::ostream& out, std::ostream& err);
int RunImportDirectoryCommand(const CliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_ROSTER_COMMANDS_H_
