// samspar: the command-line client of the Samspår suite.
//
//   samspar [flags] health      health of the four services

#include <iostream>
#include <string>
#include <vector>

#include "common/config/flags.h"
#include "tools/samspar/cli_options.h"
#include "tools/samspar/health_command.h"

namespace {

constexpr char kUsage[] =
    "samspar [flags] <command>\n"
    "\n"
    "commands:\n"
    "  health    checks that roster, consult, conference and metrics are SERVING\n"
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
  std::cerr << "samspar: unknown command \"" << command << "\" (see samspar --help)\n";
  return 2;
}
