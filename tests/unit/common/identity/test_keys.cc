#include "tests/unit/common/identity/test_keys.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <iostream>

#include "common/identity/base64url.h"

namespace samspar::identity::testing {
namespace {

// Key generation failing means the test machine is broken, not the code.
void Require(bool ok, const char* what) {
  if (!ok) {
    std::cerr << "test key setup failed: " << what << "\n";
    std::abort();
  }
}

EvpPkeyPtr Generate(EvpPkeyCtxPtr context) {
  EVP_PKEY* key = nullptr;
  Require(EVP_PKEY_keygen(context.get(), &key) == 1, "EVP_PKEY_keygen");
  return EvpPkeyPtr(key);
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

std::string Number(EVP_PKEY* key, const char* name, int width) {
  BIGNUM* raw = nullptr;
  Require(EVP_PKEY_get_bn_param(key, name, &raw) == 1, name);
  BignumPtr number(raw);
  const int length = width > 0 ? width : BN_num_bytes(number.get());
  std::string bytes(static_cast<size_t>(length), '\0');
  Require(
      BN_bn2binpad(number.get(), reinterpret_cast<unsigned char*>(bytes.data()), length) == length,
      "BN_bn2binpad");
  return Base64UrlEncode(bytes);
}

}  // namespace

EvpPkeyPtr NewEcKey(const char* curve) {
  EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  Require(context != nullptr && EVP_PKEY_keygen_init(context.get()) == 1 &&
              EVP_PKEY_CTX_set_group_name(context.get(), curve) == 1,
          "EC keygen setup");
  return Generate(std::move(context));
}

EvpPkeyPtr NewRsaKey(unsigned bits) {
  EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  Require(context != nullptr && EVP_PKEY_keygen_init(context.get()) == 1 &&
              EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), static_cast<int>(bits)) == 1,
          "RSA keygen setup");
  return Generate(std::move(context));
}

std::string PrivateKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  Require(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM_write_bio_PrivateKey");
  return BioText(bio.get());
}

std::string PublicKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  Require(PEM_write_bio_PUBKEY(bio.get(), key) == 1, "PEM_write_bio_PUBKEY");
  return BioText(bio.get());
}

nlohmann::json PublicJwk(EVP_PKEY* key, const std::string& kid) {
  if (EVP_PKEY_is_a(key, "RSA") == 1) {
    return {{"kty", "RSA"},
            {"kid", kid},
            {"n", Number(key, OSSL_PKEY_PARAM_RSA_N, 0)},
            {"e", Number(key, OSSL_PKEY_PARAM_RSA_E, 0)}};
  }
  char curve[32] = {};
  Require(EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve,
                                         nullptr) == 1,
          "curve name");
  const bool p256 = std::string(curve) == "prime256v1";
  const int width = p256 ? 32 : 48;
  return {{"kty", "EC"},
          {"kid", kid},
          {"crv", p256 ? "P-256" : "P-384"},
          {"x", Number(key, OSSL_PKEY_PARAM_EC_PUB_X, width)},
          {"y", Number(key, OSSL_PKEY_PARAM_EC_PUB_Y, width)}};
}

}  // namespace samspar::identity::testing
