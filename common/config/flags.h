#ifndef SAMSPAR_COMMON_CONFIG_FLAGS_H_
#define SAMSPAR_COMMON_CONFIG_FLAGS_H_

// Every binary of the suite is configured the same way: absl flags, each of
// which can also be set from the environment as SAMSPAR_<FLAG NAME IN UPPER
// CASE> (e.g. --database=/data/roster.db or SAMSPAR_DATABASE=/data/roster.db),
// which is how a Kubernetes Deployment sets it. The command line wins over
// the environment, which wins over the flag's default.

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"

namespace samspar::config {

// The environment variable that sets flag `flag_name`.
std::string EnvironmentVariableFor(absl::string_view flag_name);

// Sets every defined flag whose environment variable is present. The error
// names the variable and says what is wrong with its value.
absl::Status ApplyEnvironment();

// Sets the usage text, applies the environment, then parses the command line.
// Returns the positional arguments (argv[0] first). On any error it prints
// one line saying what is wrong to standard error and exits with status 2.
std::vector<std::string> ParseFlagsOrExit(int argc, char** argv, absl::string_view usage);

}  // namespace samspar::config

#endif  // SAMSPAR_COMMON_CONFIG_FLAGS_H_
