#ifndef SAMSPAR_TOOLS_SAMSPAR_RPC_CALL_H_
#define SAMSPAR_TOOLS_SAMSPAR_RPC_CALL_H_

// One unary call of any method of the suite's API, named as
// `RosterService.CreateLine`, with the request and response as protobuf
// messages: what `samspar call` and the roster commands share. The call
// carries a fresh token for the identity the flags name.

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "tools/samspar/cli_options.h"

namespace samspar::cli {

// `method` is `Service.Method` of package samspar.v1. The error says the
// service's status with its reason.
absl::Status CallRpc(const CliOptions& options, const std::string& method, const google::protobuf::Message& request,
                     google::protobuf::Message& response);

// `samspar call Service.Method [JSON]`: the request as proto3 JSON (the
// argument, or standard input when absent); prints the response as JSON.
int RunCallCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                   std::ostream& err);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_RPC_CALL_H_
