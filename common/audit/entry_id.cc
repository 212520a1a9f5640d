#include "common/audit/entry_id.h"

#include <cstdint>

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace samspar::audit {
namespace {

// Crockford's base 32 in lowercase: digits and letters except i, l, o, u.
constexpr absl::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
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

std::string NewEntryId(absl::Time time) {
  thread_local absl::BitGen random;
  uint64_t millis = static_cast<uint64_t>(absl::ToUnixMillis(time));
  std::string id(kTimeChars + kRandomChars, '0');
  while (true) {
    for (int i = 0; i < kTimeChars; ++i) {
      id[i] = kAlphabet[(millis >> (5 * (kTimeChars - 1 - i))) & 31];
    }
    for (int i = kTimeChars; i < kTimeChars + kRandomChars; ++i) {
      id[i] = kAlphabet[absl::Uniform<size_t>(random, 0, kAlphabet.size())];
    }
    if (!HasLongDigitRun(id)) return id;
    // A millisecond written in digits only cannot begin an id: take the next
    // one that can. The id need only sort with its time; the entry's exact
    // time is stored beside it.
    if (HasLongDigitRun(absl::string_view(id).substr(0, kTimeChars))) ++millis;
  }
}

}  // namespace samspar::audit
