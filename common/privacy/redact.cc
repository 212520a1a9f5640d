#include "common/privacy/redact.h"

#include <cctype>
#include <cstddef>
#include "absl/types/optional.h"

namespace samspar::privacy {
namespace {

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

int TwoDigits(absl::string_view text, size_t pos) {
  return (text[pos] - '0') * 10 + (text[pos + 1] - '0');
}

// Month 01-12 and day 01-31, or 61-91 for a samordningsnummer, at `pos`
// (the MMDD of the date part): keeps timestamps and counters out.
bool PlausibleMonthDay(absl::string_view text, size_t pos) {
  int month = TwoDigits(text, pos);
  int day = TwoDigits(text, pos + 2);
  return month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91));
}

// If an identity-shaped token starts at `pos`, returns its length. A token is
// 10 or 12 digits, or 6 or 8 digits, `-`/`+` and 4 more (the last four may
// be a letter and three digits: an interim number), with a plausible date,
// is not part of a longer word or run of digits (so a 13-digit order number
// and the organisation number inside an HSA-id are left alone).
absl::optional<size_t> MatchAt(absl::string_view text, size_t pos) {
  if (pos > 0 && IsAlnum(text[pos - 1])) return absl::nullopt;
  size_t digits = 0;
  while (pos + digits < text.size() && IsDigit(text[pos + digits])) ++digits;
  auto ends_token = [&](size_t end) { return end == text.size() || !IsAlnum(text[end]); };
  if (digits == 10 || digits == 12) {
    bool whole = ends_token(pos + digits) && PlausibleMonthDay(text, pos + digits - 8);
    return whole ? absl::optional<size_t>(digits) : absl::nullopt;
  }
  if (digits != 6 && digits != 8) return absl::nullopt;
  if (!PlausibleMonthDay(text, pos + digits - 4)) return absl::nullopt;
  size_t sep = pos + digits;
  if (sep >= text.size() || (text[sep] != '-' && text[sep] != '+')) return absl::nullopt;
  // The last four: digits, or for an interim number a letter and three digits.
  size_t tail_start = sep + 1;
  if (tail_start + 4 > text.size()) return absl::nullopt;
  bool letter_first = std::isupper(static_cast<unsigned char>(text[tail_start])) != 0;
  if (!letter_first && !IsDigit(text[tail_start])) return absl::nullopt;
  for (size_t i = tail_start + 1; i < tail_start + 4; ++i) {
    if (!IsDigit(text[i])) return absl::nullopt;
  }
  if (!ends_token(tail_start + 4)) return absl::nullopt;
  return digits + 5;
}

}  // namespace

std::string RedactPatientIdentity(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (IsDigit(text[i])) {
      if (auto len = MatchAt(text, i)) {
        out.append(kRedacted);
        i += *len;
        continue;
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

bool ContainsPatientIdentity(absl::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsDigit(text[i]) && MatchAt(text, i)) return true;
  }
  return false;
}

}  // namespace samspar::privacy
