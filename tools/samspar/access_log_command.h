#ifndef SAMSPAR_TOOLS_SAMSPAR_ACCESS_LOG_COMMAND_H_
#define SAMSPAR_TOOLS_SAMSPAR_ACCESS_LOG_COMMAND_H_

// `samspar access-log`: an auditor's follow-up of the patient-data access
// log. With --patient, the patient's complete log extract: the union of
// the consult and conference services' logs, newest first; with --user, what
// one person accessed.

#include <ostream>

#include "tools/samspar/cli_options.h"

namespace samspar::cli {

int RunAccessLogCommand(const CliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_ACCESS_LOG_COMMAND_H_
