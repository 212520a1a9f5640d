#include "tools/samspar/token_commands.h"

#include <set>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/identity/token_profile.h"
#include "common/identity/token_signer.h"

ABSL_FLAG(std::string, signing_key_file, "",
          "PEM private key of the local identity provider (deploy/make-local-pki.sh writes one)");
ABSL_FLAG(std::string, signing_key_id, "local-1", "the key id (kid) tokens are signed under");
ABSL_FLAG(std::string, as, "", "HSA-id of the person to act as");
ABSL_FLAG(std::string, unit, "SE2321000057-0001", "HSA-id of the unit the person works for");
ABSL_FLAG(std::string, roles, "clinician",
          "the person's roles, comma-separated: clinician, ambulance_clinician, "
          "municipal_nurse, care_coordinator, region_admin, analyst, auditor");
ABSL_FLAG(std::string, region, "06", "the caller's region (two-digit county code)");
ABSL_FLAG(std::string, client_id, "",
          "the system calling; with --as, the system acting for that person");
ABSL_FLAG(std::string, scopes, "", "the system's OAuth scopes, comma-separated");
ABSL_FLAG(std::string, token_issuer, "samspar-local", "`iss` of the tokens");
ABSL_FLAG(std::string, token_audience, "samspar", "`aud` of the tokens");
ABSL_FLAG(absl::Duration, token_lifetime, absl::Minutes(5), "how long a token is valid");

namespace samspar::cli {
namespace {

absl::StatusOr<identity::TokenSigner> Signer() {
  std::string file = absl::GetFlag(FLAGS_signing_key_file);
  if (file.empty()) {
    return absl::InvalidArgumentError(
        "--signing_key_file (or SAMSPAR_SIGNING_KEY_FILE) is required to sign tokens");
  }
  return identity::TokenSigner::LoadPemFile(file, absl::GetFlag(FLAGS_signing_key_id));
}

absl::StatusOr<identity::Person> PersonFromFlags() {
  identity::Person person;
  person.hsa_id = absl::GetFlag(FLAGS_as);
  person.unit_hsa_id = absl::GetFlag(FLAGS_unit);
  for (absl::string_view name :
       absl::StrSplit(absl::GetFlag(FLAGS_roles), ',', absl::SkipWhitespace())) {
    absl::optional<identity::Role> role = identity::RoleFromName(name);
    if (!role.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat("--roles: unknown role \"", name, "\""));
    }
    person.roles.insert(*role);
  }
  return person;
}

identity::System SystemFromFlags() {
  identity::System system;
  system.client_id = absl::GetFlag(FLAGS_client_id);
  for (absl::string_view scope :
       absl::StrSplit(absl::GetFlag(FLAGS_scopes), ',', absl::SkipWhitespace())) {
    system.scopes.insert(std::string(scope));
  }
  return system;
}

int Report(const absl::Status& status, std::ostream& err) {
  err << "samspar: " << status.message() << "\n";
  return 1;
}

}  // namespace

absl::StatusOr<std::string> MintToken() {
  absl::StatusOr<identity::TokenSigner> signer = Signer();
  if (!signer.ok()) return signer.status();
  identity::TokenTerms terms{.issuer = absl::GetFlag(FLAGS_token_issuer),
                             .audience = absl::GetFlag(FLAGS_token_audience),
                             .region = absl::GetFlag(FLAGS_region),
                             .issued_at = absl::Now(),
                             .lifetime = absl::GetFlag(FLAGS_token_lifetime)};
  bool person = !absl::GetFlag(FLAGS_as).empty();
  bool system = !absl::GetFlag(FLAGS_client_id).empty();
  absl::StatusOr<nlohmann::json> claims;
  if (person) {
    absl::StatusOr<identity::Person> who = PersonFromFlags();
    if (!who.ok()) return who.status();
    claims = system ? identity::DelegationClaims(terms, *who, SystemFromFlags())
                    : identity::PersonClaims(terms, *who);
  } else if (system) {
    claims = identity::SystemClaims(terms, SystemFromFlags());
  } else {
    return absl::InvalidArgumentError(
        "say who calls: --as=HSA-ID for a person, --client_id=ID for a system, or both");
  }
  if (!claims.ok()) return claims.status();
  return signer->Sign(*claims);
}

int RunTokenCommand(std::ostream& out, std::ostream& err) {
  absl::StatusOr<std::string> token = MintToken();
  if (!token.ok()) return Report(token.status(), err);
  out << *token << "\n";
  return 0;
}

int RunJwksCommand(std::ostream& out, std::ostream& err) {
  absl::StatusOr<identity::TokenSigner> signer = Signer();
  if (!signer.ok()) return Report(signer.status(), err);
  out << signer->PublicJwks().dump(2) << "\n";
  return 0;
}

}  // namespace samspar::cli
