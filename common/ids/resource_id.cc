#include "common/ids/resource_id.h"

#include <openssl/sha.h>

#include <array>
#include <cstdint>

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace samspar::ids {
namespace {

// Crockford's base 32 in lowercase: digits and letters except i, l, o, u.
constexpr absl::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr int kIdChars = 26;
constexpr int kTimeChars = 10;    // 50 bits, holding the 48-bit millisecond
constexpr int kRandomChars = 16;  // 80 random bits
constexpr int kLongestDigitRun = 9;

bool HasLongDigitRun(absl::string_view id) {
  int run = 0;
  for (char c : id) {
    run = absl::ascii_isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run > kLongestDigitRun) return true;
  }
  return false;
}

}  // namespace

std::string NewResourceId(absl::Time time) {
  thread_local absl::BitGen random;
  uint64_t millis = static_cast<uint64_t>(absl::ToUnixMillis(time));
  std::string id(kIdChars, '0');
  while (true) {
    for (int i = 0; i < kTimeChars; ++i) {
      id[i] = kAlphabet[(millis >> (5 * (kTimeChars - 1 - i))) & 31];
    }
    for (int i = kTimeChars; i < kIdChars; ++i) {
      id[i] = kAlphabet[absl::Uniform<size_t>(random, 0, kAlphabet.size())];
    }
    if (!HasLongDigitRun(id)) return id;
    // A millisecond written in digits only cannot begin an id: take the next
    // one that can. The id need only sort with its time; the resource's exact
    // time is stored beside it.
    if (HasLongDigitRun(absl::string_view(id).substr(0, kTimeChars))) ++millis;
  }
}

std::string DerivedResourceId(absl::string_view key) {
  // A digest that happens to spell a long digit run is taken again with a
  // counter, so the result stays a function of the key alone.
  for (int attempt = 0;; ++attempt) {
    std::string input = attempt == 0 ? std::string(key) : absl::StrCat(key, "#", attempt);
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest;
    SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data());
    std::string id(kIdChars, '0');
    for (int i = 0; i < kIdChars; ++i) {
      int bit = 5 * i;
      int value = ((digest[bit / 8] << 8 | digest[bit / 8 + 1]) >> (11 - bit % 8)) & 31;
      id[i] = kAlphabet[value];
    }
    if (!HasLongDigitRun(id)) return id;
  }
}

std::string NewUuid() {
  thread_local absl::BitGen random;
  uint64_t high = absl::Uniform<uint64_t>(random);
  uint64_t low = absl::Uniform<uint64_t>(random);
  high = (high & ~uint64_t{0xf000}) | uint64_t{0x4000};          // version 4
  low = (low & ~(uint64_t{0xc} << 60)) | (uint64_t{0x8} << 60);  // variant 10
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", high >> 32, (high >> 16) & 0xffff, high & 0xffff, low >> 48,
                         low & 0xffffffffffff);
}

}  // namespace samspar::ids
