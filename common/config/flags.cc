#include "common/config/flags.h"

#include <cstdio>
#include <cstdlib>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace samspar::config {

std::string EnvironmentVariableFor(absl::string_view flag_name) {
  return absl::StrCat("SAMSPAR_", absl::AsciiStrToUpper(flag_name));
}

absl::Status ApplyEnvironment() {
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    std::string variable = EnvironmentVariableFor(name);
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(
          absl::StrCat("environment variable ", variable, ": ", error));
    }
  }
  return absl::OkStatus();
}

std::vector<std::string> ParseFlagsOrExit(int argc, char** argv, absl::string_view usage) {
  absl::SetProgramUsageMessage(usage);
  if (absl::Status status = ApplyEnvironment(); !status.ok()) {
    std::fprintf(stderr, "%s: %s\n", argv[0], std::string(status.message()).c_str());
    std::exit(2);
  }
  // absl reports an unknown or malformed flag itself, on one line, and exits.
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  return std::vector<std::string>(positional.begin(), positional.end());
}

}  // namespace samspar::config
