#include "common/identity/token_profile.h"

#include <openssl/rand.h>

#include <algorithm>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/identity/openssl_ptr.h"
#include "common/identity/strict_json.h"
#include "common/identity/token_errors.h"
#include "common/ids/hsa_id.h"

namespace samspar::identity {
namespace {

using nlohmann::json;

constexpr size_t kMaxClientIdLength = 255;
constexpr size_t kTokenIdBytes = 16;

constexpr std::pair<Role, absl::string_view> kRoleNames[] = {
    {Role::kClinician, "clinician"},
    {Role::kAmbulance, "ambulance_clinician"},
    {Role::kMunicipalNurse, "municipal_nurse"},
    {Role::kCareCoordinator, "care_coordinator"},
    {Role::kRegionAdmin, "region_admin"},
    {Role::kAnalyst, "analyst"},
    {Role::kAuditor, "auditor"},
};

bool IsClientId(absl::string_view id) {
  return !id.empty() && id.size() <= kMaxClientIdLength &&
         std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c <= '~'; });
}

// A scope-token of RFC 6749 §3.3: printable ASCII except space, '"' and '\'.
bool IsScopeToken(absl::string_view scope) {
  return std::all_of(scope.begin(), scope.end(),
                     [](char c) { return c > ' ' && c <= '~' && c != '"' && c != '\\'; });
}

// A role name may be repeated in a message only when it cannot be anything
// personal: lower-case letters and underscores, as the known names are.
bool IsQuotableRoleName(absl::string_view name) {
  return !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_islower(static_cast<unsigned char>(c)) || c == '_';
  });
}

// The HSA-id in claim `name`; `what` names the claim in messages.
absl::StatusOr<std::string> HsaIdClaim(const json& claims, const char* name,
                                       absl::string_view what) {
  const std::string* text = StringMember(claims, name);
  if (text == nullptr) return TokenInvalid(absl::StrCat("token has no ", what));
  // The parser's INVALID_ARGUMENT is not passed on: to the caller this is a
  // bad token, not a bad request field.
  absl::StatusOr<ids::HsaId> id = ids::HsaId::Parse(*text);
  if (!id.ok()) return TokenInvalid(absl::StrCat("token ", what, " is not a valid HSA-id"));
  return id->value();
}

absl::StatusOr<std::set<std::string>> Scopes(const json& claims, absl::string_view kind) {
  const std::string* text = StringMember(claims, "scope");
  if (text == nullptr) return TokenInvalid(absl::StrCat(kind, " token has no scope"));
  std::set<std::string> scopes;
  for (absl::string_view scope : absl::StrSplit(*text, ' ', absl::SkipEmpty())) {
    if (!IsScopeToken(scope)) {
      return TokenInvalid("token scope is not a space-separated list of OAuth scopes");
    }
    scopes.emplace(scope);
  }
  return scopes;
}

absl::StatusOr<std::set<Role>> Roles(const json& claims) {
  const json* claim = Member(claims, "roles");
  const json::array_t* roles = claim == nullptr ? nullptr : ArrayOf(*claim);
  if (roles == nullptr) return TokenInvalid("person token has no roles array");
  std::set<Role> result;
  for (const json& name : *roles) {
    const std::string* text = name.get_ptr<const std::string*>();
    if (text == nullptr) return TokenInvalid("token roles must be strings");
    absl::optional<Role> role = RoleFromName(*text);
    if (!role.has_value()) {
      return TokenInvalid(IsQuotableRoleName(*text)
                              ? absl::StrCat("token role ", *text, " is not known")
                              : std::string("token has a role that is not known"));
    }
    result.insert(*role);
  }
  return result;
}

absl::StatusOr<System> SystemCaller(const json& claims, const std::string& client_id) {
  if (Member(claims, "roles") != nullptr) {
    return TokenInvalid("system token must not carry roles");
  }
  if (Member(claims, "act") != nullptr) return TokenInvalid("system token must not carry act");
  absl::StatusOr<std::set<std::string>> scopes = Scopes(claims, "system");
  if (!scopes.ok()) return scopes.status();
  return System{client_id, *std::move(scopes)};
}

absl::StatusOr<Person> PersonCaller(const json& claims) {
  Person person;
  absl::StatusOr<std::string> hsa_id = HsaIdClaim(claims, "sub", "subject (sub)");
  if (!hsa_id.ok()) return hsa_id.status();
  person.hsa_id = *std::move(hsa_id);
  absl::StatusOr<std::string> unit = HsaIdClaim(claims, "unit", "unit");
  if (!unit.ok()) return unit.status();
  person.unit_hsa_id = *std::move(unit);
  absl::StatusOr<std::set<Role>> roles = Roles(claims);
  if (!roles.ok()) return roles.status();
  person.roles = *std::move(roles);
  return person;
}

// The system a delegation token names in `act`.
absl::StatusOr<System> Actor(const json& claims, const json& act) {
  if (!act.is_object()) return TokenInvalid("token act claim must be an object with a sub");
  if (Member(act, "act") != nullptr) {
    return TokenInvalid("token act claim names a chain of actors, which is not supported");
  }
  const std::string* client_id = StringMember(act, "sub");
  if (client_id == nullptr) return TokenInvalid("token act claim must be an object with a sub");
  if (!IsClientId(*client_id)) {
    return TokenInvalid("token act sub is not a client id (1 to 255 printable characters)");
  }
  absl::StatusOr<std::set<std::string>> scopes = Scopes(claims, "delegation");
  if (!scopes.ok()) return scopes.status();
  return System{*client_id, *std::move(scopes)};
}

absl::StatusOr<std::string> NewTokenId() {
  ClearOpenSslErrorsOnExit clear_errors;
  unsigned char bytes[kTokenIdBytes];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    return absl::UnavailableError("no random bytes for a token id");
  }
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

absl::StatusOr<json> CommonClaims(const TokenTerms& terms, const std::string& subject) {
  absl::StatusOr<std::string> token_id = NewTokenId();
  if (!token_id.ok()) return token_id.status();
  return json{
      {"iss", terms.issuer},
      {"aud", terms.audience},
      {"sub", subject},
      {"region", terms.region},
      {"iat", absl::ToUnixSeconds(terms.issued_at)},
      {"exp", absl::ToUnixSeconds(terms.issued_at + terms.lifetime)},
      {"jti", *std::move(token_id)},
  };
}

void AddPerson(const Person& person, json& claims) {
  json roles = json::array();
  for (Role role : person.roles) roles.push_back(RoleName(role));
  claims["unit"] = person.unit_hsa_id;
  claims["roles"] = std::move(roles);
}

std::string ScopeClaim(const System& system) { return absl::StrJoin(system.scopes, " "); }

}  // namespace

absl::string_view RoleName(Role role) {
  for (const auto& [known, name] : kRoleNames) {
    if (known == role) return name;
  }
  return "";
}

absl::optional<Role> RoleFromName(absl::string_view name) {
  for (const auto& [role, known] : kRoleNames) {
    if (known == name) return role;
  }
  return absl::nullopt;
}

absl::StatusOr<Caller> CallerFromClaims(const json& claims) {
  Caller caller;
  const std::string* region = StringMember(claims, "region");
  if (region == nullptr) return TokenInvalid("token has no region claim");
  if (region->size() != 2 || !absl::ascii_isdigit(static_cast<unsigned char>((*region)[0])) ||
      !absl::ascii_isdigit(static_cast<unsigned char>((*region)[1]))) {
    return TokenInvalid("token region must be a two-digit county code");
  }
  caller.region = *region;

  const std::string* subject = StringMember(claims, "sub");
  if (subject == nullptr) return TokenInvalid("token has no subject (sub)");
  const json* client_id = Member(claims, "client_id");
  if (client_id != nullptr && !client_id->is_string()) {
    return TokenInvalid("token client_id is not a string");
  }
  if (client_id != nullptr && *client_id == *subject) {
    if (!IsClientId(*subject)) {
      return TokenInvalid("token client_id is not a client id (1 to 255 printable characters)");
    }
    absl::StatusOr<System> system = SystemCaller(claims, *subject);
    if (!system.ok()) return system.status();
    caller.system = *std::move(system);
    return caller;
  }

  absl::StatusOr<Person> person = PersonCaller(claims);
  if (!person.ok()) return person.status();
  caller.person = *std::move(person);
  const json* act = Member(claims, "act");
  if (act != nullptr) {
    absl::StatusOr<System> actor = Actor(claims, *act);
    if (!actor.ok()) return actor.status();
    caller.system = *std::move(actor);
  }
  return caller;
}

absl::StatusOr<json> PersonClaims(const TokenTerms& terms, const Person& person) {
  absl::StatusOr<json> claims = CommonClaims(terms, person.hsa_id);
  if (!claims.ok()) return claims.status();
  AddPerson(person, *claims);
  return claims;
}

absl::StatusOr<json> SystemClaims(const TokenTerms& terms, const System& system) {
  absl::StatusOr<json> claims = CommonClaims(terms, system.client_id);
  if (!claims.ok()) return claims.status();
  (*claims)["client_id"] = system.client_id;
  (*claims)["scope"] = ScopeClaim(system);
  return claims;
}

absl::StatusOr<json> DelegationClaims(const TokenTerms& terms, const Person& person,
                                      const System& actor) {
  absl::StatusOr<json> claims = CommonClaims(terms, person.hsa_id);
  if (!claims.ok()) return claims.status();
  AddPerson(person, *claims);
  (*claims)["act"] = json{{"sub", actor.client_id}};
  (*claims)["scope"] = ScopeClaim(actor);
  return claims;
}

}  // namespace samspar::identity
