#include "common/identity/jwks.h"

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/identity/base64url.h"
#include "common/identity/key_file.h"
#include "common/identity/strict_json.h"
#include "nlohmann/json.hpp"

namespace samspar::identity {
namespace {

using nlohmann::json;

// The size of each coordinate of a P-256 point (RFC 7518 §6.2.1.2).
constexpr size_t kP256CoordinateBytes = 32;

// The members that only a private JWK has (RFC 7518 §6.2.2, §6.3.2).
constexpr const char* kPrivateMembers[] = {"d", "p", "q", "dp", "dq", "qi", "oth"};

absl::Status Refused(absl::string_view key_label, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(key_label, ": ", problem));
}

// The JWK member `name`, a base64url-encoded non-empty byte string.
absl::StatusOr<std::string> Octets(const json& jwk, const std::string& name,
                                   absl::string_view key_label) {
  const std::string* text = StringMember(jwk, name);
  if (text == nullptr) return Refused(key_label, absl::StrCat("has no \"", name, "\""));
  absl::optional<std::string> bytes = Base64UrlDecode(*text);
  if (!bytes.has_value() || bytes->empty()) {
    return Refused(key_label, absl::StrCat("\"", name, "\" is not base64url without padding"));
  }
  return *std::move(bytes);
}

// The public key OpenSSL builds from `params`, after OpenSSL's own public
// key check (for EC: the point lies on the curve).
absl::StatusOr<EvpPkeyPtr> PublicKeyFromParams(const char* key_type, ParamBuilderPtr builder,
                                               absl::string_view key_label) {
  ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, key_type, nullptr));
  EVP_PKEY* raw_key = nullptr;
  if (params == nullptr || context == nullptr || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &raw_key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return Refused(key_label, "OpenSSL does not accept the key");
  }
  EvpPkeyPtr key(raw_key);
  EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (check == nullptr || EVP_PKEY_public_check(check.get()) != 1) {
    return Refused(key_label, "is not a valid public key");
  }
  return key;
}

absl::StatusOr<EvpPkeyPtr> RsaKey(const json& jwk, absl::string_view key_label) {
  absl::StatusOr<std::string> n = Octets(jwk, "n", key_label);
  if (!n.ok()) return n.status();
  absl::StatusOr<std::string> e = Octets(jwk, "e", key_label);
  if (!e.ok()) return e.status();
  BignumPtr modulus(BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                              static_cast<int>(n->size()), nullptr));
  BignumPtr exponent(BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                               static_cast<int>(e->size()), nullptr));
  ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
  if (modulus == nullptr || exponent == nullptr || builder == nullptr ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    return Refused(key_label, "cannot hold the RSA numbers");
  }
  // The bit count is that of n itself, checked before OpenSSL's own checks
  // so that a short key is refused with the message that says so.
  if (BN_num_bits(modulus.get()) < Jwks::kMinRsaBits) {
    return Refused(key_label, absl::StrCat("RSA key has ", BN_num_bits(modulus.get()),
                                           " bits; at least ", Jwks::kMinRsaBits, " are required"));
  }
  return PublicKeyFromParams("RSA", std::move(builder), key_label);
}

absl::StatusOr<EvpPkeyPtr> P256Key(const json& jwk, absl::string_view key_label) {
  const std::string* curve = StringMember(jwk, "crv");
  if (curve == nullptr) return Refused(key_label, "has no \"crv\"");
  if (*curve != "P-256") {
    return Refused(key_label, absl::StrCat("curve ", *curve, " is not allowed (only P-256)"));
  }
  absl::StatusOr<std::string> x = Octets(jwk, "x", key_label);
  if (!x.ok()) return x.status();
  absl::StatusOr<std::string> y = Octets(jwk, "y", key_label);
  if (!y.ok()) return y.status();
  if (x->size() != kP256CoordinateBytes || y->size() != kP256CoordinateBytes) {
    return Refused(key_label, "\"x\" and \"y\" must be 32 bytes each");
  }
  const std::string point = absl::StrCat("\x04", *x, *y);  // uncompressed (SEC 1 §2.3.3)
  ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
  if (builder == nullptr ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      SN_X9_62_prime256v1, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return Refused(key_label, "cannot hold the EC point");
  }
  return PublicKeyFromParams("EC", std::move(builder), key_label);
}

absl::StatusOr<VerificationKey> KeyFromJwk(const json& jwk, size_t position) {
  const std::string unnamed = absl::StrCat("JWKS key #", position + 1);
  if (!jwk.is_object()) return Refused(unnamed, "is not a JSON object");
  const std::string* kid = StringMember(jwk, "kid");
  if (kid == nullptr || kid->empty()) return Refused(unnamed, "has no \"kid\"");
  VerificationKey key;
  key.kid = *kid;
  const std::string label = absl::StrCat("JWKS key \"", key.kid, "\"");

  const std::string* type = StringMember(jwk, "kty");
  if (type == nullptr) return Refused(label, "has no \"kty\"");
  if (*type != "RSA" && *type != "EC") {
    return Refused(label,
                   absl::StrCat("key type ", *type, " is not allowed (only RSA and EC P-256)"));
  }
  for (const char* member : kPrivateMembers) {
    if (Member(jwk, member) != nullptr) {
      return Refused(label, "holds private key material; a JWKS holds public keys only");
    }
  }
  const json* use = Member(jwk, "use");
  if (use != nullptr && *use != "sig") {
    return Refused(label, "\"use\" must be \"sig\" for a token signing key");
  }
  const bool rsa = *type == "RSA";
  key.algorithm = rsa ? SignatureAlgorithm::kRs256 : SignatureAlgorithm::kEs256;
  absl::StatusOr<EvpPkeyPtr> public_key = rsa ? RsaKey(jwk, label) : P256Key(jwk, label);
  if (!public_key.ok()) return public_key.status();
  key.key = *std::move(public_key);

  const json* algorithm = Member(jwk, "alg");
  if (algorithm != nullptr && *algorithm != std::string(AlgorithmName(key.algorithm))) {
    return Refused(
        label, absl::StrCat("\"alg\" must be ", AlgorithmName(key.algorithm),
                            ", the only algorithm of ", rsa ? "an RSA key" : "an EC P-256 key"));
  }
  return key;
}

}  // namespace

absl::StatusOr<Jwks> Jwks::Parse(absl::string_view text) {
  ClearOpenSslErrorsOnExit clear_errors;
  absl::optional<json> document = ParseJsonObject(text);
  if (!document.has_value()) {
    return absl::InvalidArgumentError("JWKS is not a JSON object (or names a member twice)");
  }
  const json* key_list = Member(*document, "keys");
  const json::array_t* keys = key_list == nullptr ? nullptr : ArrayOf(*key_list);
  if (keys == nullptr) return absl::InvalidArgumentError("JWKS has no \"keys\" array");
  if (keys->empty()) return absl::InvalidArgumentError("JWKS has no keys");
  Jwks jwks;
  size_t position = 0;
  for (const json& jwk : *keys) {
    absl::StatusOr<VerificationKey> key = KeyFromJwk(jwk, position++);
    if (!key.ok()) return key.status();
    const std::string kid = key->kid;
    if (!jwks.keys_.emplace(kid, *std::move(key)).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("JWKS key \"", kid, "\": the kid is used by more than one key"));
    }
  }
  return jwks;
}

absl::StatusOr<Jwks> Jwks::LoadFile(const std::string& path) {
  absl::StatusOr<std::string> content = ReadKeyFile(path, "JWKS file");
  if (!content.ok()) return content.status();
  absl::StatusOr<Jwks> jwks = Parse(*content);
  if (!jwks.ok()) return InKeyFile(jwks.status(), path, "JWKS file");
  return jwks;
}

const VerificationKey* Jwks::Find(absl::string_view kid) const {
  const auto key = keys_.find(kid);
  return key == keys_.end() ? nullptr : &key->second;
}

}  // namespace samspar::identity
