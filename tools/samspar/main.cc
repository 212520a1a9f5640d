// samspar: the command-line client of the Samspår suite.
//
//   samspar [flags] health      health of the four services
//   samspar [flags] token       a short-lived bearer token (local identity provider)
//   samspar [flags] jwks        the public keys that verify those tokens
//   samspar [flags] access-log  an auditor's search of the patient-data access log

#include <iostream>
#include <string>
#include <vector>

#include "common/config/flags.h"
#include "tools/samspar/access_log_command.h"
#include "tools/samspar/cli_options.h"
#include "tools/samspar/health_command.h"
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
  std::cerr << "samspar: unknown command \"" << command << "\" (see samspar --help)\n";
  return 2;
}
