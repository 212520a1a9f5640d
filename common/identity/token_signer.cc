#include "common/identity/token_signer.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/identity/base64url.h"
#include "common/identity/jwks.h"
#include "common/identity/key_file.h"

namespace samspar::identity {
namespace {

using nlohmann::json;

// The big-endian bytes of the key's number `name`, at least `width` long.
absl::StatusOr<std::string> KeyNumber(EVP_PKEY* key, const char* name, int width) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
    return absl::InternalError(absl::StrCat("signing key has no ", name));
  }
  BignumPtr number(raw);
  const int length = std::max(width, BN_num_bytes(number.get()));
  std::string bytes(static_cast<size_t>(length), '\0');
  if (BN_bn2binpad(number.get(), reinterpret_cast<unsigned char*>(bytes.data()), length) !=
      length) {
    return absl::InternalError(absl::StrCat("cannot write the signing key's ", name));
  }
  return bytes;
}

absl::StatusOr<json> PublicJwk(EVP_PKEY* key, SignatureAlgorithm algorithm,
                               const std::string& kid) {
  json jwk = {{"kid", kid}, {"use", "sig"}, {"alg", std::string(AlgorithmName(algorithm))}};
  if (algorithm == SignatureAlgorithm::kRs256) {
    absl::StatusOr<std::string> n = KeyNumber(key, OSSL_PKEY_PARAM_RSA_N, 0);
    if (!n.ok()) return n.status();
    absl::StatusOr<std::string> e = KeyNumber(key, OSSL_PKEY_PARAM_RSA_E, 0);
    if (!e.ok()) return e.status();
    jwk["kty"] = "RSA";
    jwk["n"] = Base64UrlEncode(*n);
    jwk["e"] = Base64UrlEncode(*e);
    return jwk;
  }
  absl::StatusOr<std::string> x = KeyNumber(key, OSSL_PKEY_PARAM_EC_PUB_X, 32);
  if (!x.ok()) return x.status();
  absl::StatusOr<std::string> y = KeyNumber(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32);
  if (!y.ok()) return y.status();
  jwk["kty"] = "EC";
  jwk["crv"] = "P-256";
  jwk["x"] = Base64UrlEncode(*x);
  jwk["y"] = Base64UrlEncode(*y);
  return jwk;
}

absl::StatusOr<SignatureAlgorithm> AlgorithmOf(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "RSA") == 1) {
    if (EVP_PKEY_get_bits(key) < Jwks::kMinRsaBits) {
      return absl::InvalidArgumentError(absl::StrCat("RSA signing key has ", EVP_PKEY_get_bits(key),
                                                     " bits; at least ", Jwks::kMinRsaBits,
                                                     " are required"));
    }
    return SignatureAlgorithm::kRs256;
  }
  char group[64] = {};
  if (EVP_PKEY_is_a(key, "EC") == 1 &&
      EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                     nullptr) == 1 &&
      absl::string_view(group) == SN_X9_62_prime256v1) {
    return SignatureAlgorithm::kEs256;
  }
  return absl::InvalidArgumentError("signing key is neither RSA nor EC on P-256");
}

}  // namespace

TokenSigner::TokenSigner(EvpPkeyPtr key, SignatureAlgorithm algorithm, std::string kid,
                         json public_jwks)
    : key_(std::move(key)),
      algorithm_(algorithm),
      kid_(std::move(kid)),
      public_jwks_(std::move(public_jwks)) {}

absl::StatusOr<TokenSigner> TokenSigner::FromPem(absl::string_view private_key_pem,
                                                 std::string kid) {
  ClearOpenSslErrorsOnExit clear_errors;
  if (kid.empty()) return absl::InvalidArgumentError("signing key has no kid");
  BioPtr pem(BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size())));
  // A callback that supplies no passphrase: OpenSSL's default would prompt
  // on the terminal for an encrypted key.
  pem_password_cb* no_passphrase = [](char*, int, int, void*) { return 0; };
  EvpPkeyPtr key(pem == nullptr
                     ? nullptr
                     : PEM_read_bio_PrivateKey(pem.get(), nullptr, no_passphrase, nullptr));
  if (key == nullptr) {
    return absl::InvalidArgumentError("signing key is not an unencrypted private key in PEM");
  }
  absl::StatusOr<SignatureAlgorithm> algorithm = AlgorithmOf(key.get());
  if (!algorithm.ok()) return algorithm.status();
  absl::StatusOr<json> jwk = PublicJwk(key.get(), *algorithm, kid);
  if (!jwk.ok()) return jwk.status();
  json jwks = {{"keys", json::array({*std::move(jwk)})}};
  return TokenSigner(std::move(key), *algorithm, std::move(kid), std::move(jwks));
}

absl::StatusOr<TokenSigner> TokenSigner::LoadPemFile(const std::string& path, std::string kid) {
  absl::StatusOr<std::string> pem = ReadKeyFile(path, "signing key file");
  if (!pem.ok()) return pem.status();
  absl::StatusOr<TokenSigner> signer = FromPem(*pem, std::move(kid));
  if (!signer.ok()) return InKeyFile(signer.status(), path, "signing key file");
  return signer;
}

absl::StatusOr<std::string> TokenSigner::Sign(const json& claims) const {
  const json header = {
      {"alg", std::string(AlgorithmName(algorithm_))}, {"typ", "at+jwt"}, {"kid", kid_}};
  // Replacing invalid UTF-8 keeps dump() from throwing; the claim sets of
  // token_profile.h hold none.
  const std::string signing_input = absl::StrCat(
      Base64UrlEncode(header.dump(-1, ' ', false, json::error_handler_t::replace)), ".",
      Base64UrlEncode(claims.dump(-1, ' ', false, json::error_handler_t::replace)));
  absl::StatusOr<std::string> signature = CreateSignature(key_.get(), algorithm_, signing_input);
  if (!signature.ok()) return signature.status();
  return absl::StrCat(signing_input, ".", Base64UrlEncode(*signature));
}

}  // namespace samspar::identity
