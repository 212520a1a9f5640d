#ifndef SAMSPAR_TOOLS_SAMSPAR_TOKEN_COMMANDS_H_
#define SAMSPAR_TOOLS_SAMSPAR_TOKEN_COMMANDS_H_

// Tokens for local development and tests, signed with the local identity
// provider's key: the same kind of token a region's identity provider
// issues, verified by the services in the same way.
//
//   samspar jwks                         the public JWKS of --signing_key_file
//   samspar --as=SE2321000057-1001 token a short-lived token for that person
//   samspar --client_id=ehr token        a token for a system
//   samspar --as=... --client_id=ehr token   the system acting for the person

#include <ostream>
#include <string>

#include "absl/status/statusor.h"

namespace samspar::cli {

// A bearer token for the identity the flags name (--as, --unit, --roles,
// --region, --client_id, --scopes), signed with --signing_key_file.
absl::StatusOr<std::string> MintToken();

int RunTokenCommand(std::ostream& out, std::ostream& err);
int RunJwksCommand(std::ostream& out, std::ostream& err);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_TOKEN_COMMANDS_H_
