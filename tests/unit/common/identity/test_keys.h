#ifndef SAMSPAR_TESTS_UNIT_COMMON_IDENTITY_TEST_KEYS_H_
#define SAMSPAR_TESTS_UNIT_COMMON_IDENTITY_TEST_KEYS_H_

// Keys made fresh by each test process, so that no key file is committed,
// and their JWK and PEM forms written independently of the library's own.

#include <string>

#include "common/identity/openssl_ptr.h"
#include "nlohmann/json.hpp"

namespace samspar::identity::testing {

// A new EC key on `curve` ("P-256", "P-384").
EvpPkeyPtr NewEcKey(const char* curve);
// A new RSA key of `bits` bits.
EvpPkeyPtr NewRsaKey(unsigned bits);

std::string PrivateKeyPem(EVP_PKEY* key);
std::string PublicKeyPem(EVP_PKEY* key);

// The public JWK of an RSA or EC key, with no "alg" or "use".
nlohmann::json PublicJwk(EVP_PKEY* key, const std::string& kid);

}  // namespace samspar::identity::testing

#endif  // SAMSPAR_TESTS_UNIT_COMMON_IDENTITY_TEST_KEYS_H_
