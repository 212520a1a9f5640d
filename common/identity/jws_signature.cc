#include "common/identity/jws_signature.h"

#include <openssl/rsa.h>

#include <cstddef>
#include <utility>

#include "absl/status/status.h"
#include "common/identity/openssl_ptr.h"

namespace samspar::identity {
namespace {

// The size of each of R and S of a P-256 signature in JWS form.
constexpr int kEs256HalfBytes = 32;

const unsigned char* Bytes(absl::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

bool KeyFits(EVP_PKEY* key, SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kRs256:
      return EVP_PKEY_is_a(key, "RSA") == 1;
    case SignatureAlgorithm::kEs256:
      return EVP_PKEY_is_a(key, "EC") == 1 && EVP_PKEY_get_bits(key) == 256;
  }
  return false;
}

// JWS carries an ECDSA signature as R || S; OpenSSL wants the DER SEQUENCE.
absl::optional<std::string> EcdsaJwsToDer(absl::string_view raw) {
  if (raw.size() != 2 * kEs256HalfBytes) return absl::nullopt;
  BignumPtr r(BN_bin2bn(Bytes(raw), kEs256HalfBytes, nullptr));
  BignumPtr s(BN_bin2bn(Bytes(raw) + kEs256HalfBytes, kEs256HalfBytes, nullptr));
  EcdsaSigPtr signature(ECDSA_SIG_new());
  if (r == nullptr || s == nullptr || signature == nullptr ||
      ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1) {
    return absl::nullopt;
  }
  // The signature owns R and S now.
  static_cast<void>(r.release());
  static_cast<void>(s.release());
  const int length = i2d_ECDSA_SIG(signature.get(), nullptr);
  if (length <= 0) return absl::nullopt;
  std::string der(static_cast<size_t>(length), '\0');
  unsigned char* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(signature.get(), &out) != length) return absl::nullopt;
  return der;
}

absl::optional<std::string> EcdsaDerToJws(absl::string_view der) {
  const unsigned char* in = Bytes(der);
  EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
  if (signature == nullptr) return absl::nullopt;
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(signature.get(), &r, &s);
  std::string raw(2 * kEs256HalfBytes, '\0');
  unsigned char* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, out, kEs256HalfBytes) != kEs256HalfBytes ||
      BN_bn2binpad(s, out + kEs256HalfBytes, kEs256HalfBytes) != kEs256HalfBytes) {
    return absl::nullopt;
  }
  return raw;
}

// A digest context for SHA-256 with `key`, RSA keys held to PKCS #1 v1.5.
EvpMdCtxPtr DigestContext(EVP_PKEY* key, SignatureAlgorithm algorithm, bool signing) {
  EvpMdCtxPtr context(EVP_MD_CTX_new());
  if (context == nullptr) return nullptr;
  EVP_PKEY_CTX* key_context = nullptr;
  const int initialised = signing ? EVP_DigestSignInit_ex(context.get(), &key_context, "SHA256",
                                                          nullptr, nullptr, key, nullptr)
                                  : EVP_DigestVerifyInit_ex(context.get(), &key_context, "SHA256",
                                                            nullptr, nullptr, key, nullptr);
  if (initialised != 1) return nullptr;
  if (algorithm == SignatureAlgorithm::kRs256 &&
      EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PADDING) != 1) {
    return nullptr;
  }
  return context;
}

}  // namespace

absl::string_view AlgorithmName(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kRs256:
      return "RS256";
    case SignatureAlgorithm::kEs256:
      return "ES256";
  }
  return "";
}

absl::optional<SignatureAlgorithm> AlgorithmFromName(absl::string_view name) {
  if (name == "RS256") return SignatureAlgorithm::kRs256;
  if (name == "ES256") return SignatureAlgorithm::kEs256;
  return absl::nullopt;
}

bool VerifySignature(EVP_PKEY* key, SignatureAlgorithm algorithm, absl::string_view signing_input,
                     absl::string_view signature) {
  ClearOpenSslErrorsOnExit clear_errors;
  if (key == nullptr || !KeyFits(key, algorithm)) return false;
  std::string der;
  if (algorithm == SignatureAlgorithm::kEs256) {
    absl::optional<std::string> converted = EcdsaJwsToDer(signature);
    if (!converted.has_value()) return false;
    der = std::move(*converted);
    signature = der;
  }
  EvpMdCtxPtr context = DigestContext(key, algorithm, /*signing=*/false);
  return context != nullptr && EVP_DigestVerify(context.get(), Bytes(signature), signature.size(),
                                                Bytes(signing_input), signing_input.size()) == 1;
}

absl::StatusOr<std::string> CreateSignature(EVP_PKEY* key, SignatureAlgorithm algorithm,
                                            absl::string_view signing_input) {
  ClearOpenSslErrorsOnExit clear_errors;
  if (key == nullptr || !KeyFits(key, algorithm)) {
    return absl::InvalidArgumentError("signing key does not fit the algorithm");
  }
  EvpMdCtxPtr context = DigestContext(key, algorithm, /*signing=*/true);
  size_t length = 0;
  if (context == nullptr || EVP_DigestSign(context.get(), nullptr, &length, Bytes(signing_input),
                                           signing_input.size()) != 1) {
    return absl::InternalError("cannot start signing");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     Bytes(signing_input), signing_input.size()) != 1) {
    return absl::InternalError("signing failed");
  }
  signature.resize(length);
  if (algorithm == SignatureAlgorithm::kRs256) return signature;
  absl::optional<std::string> raw = EcdsaDerToJws(signature);
  if (!raw.has_value()) return absl::InternalError("ECDSA signature has an unexpected form");
  return *raw;
}

}  // namespace samspar::identity
