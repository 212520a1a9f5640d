#include "common/api/search_text.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace samspar::api {
namespace {

// In UTF-8 the Latin-1 capitals U+00C0-U+00DE are 0xC3 0x80-0x9E and their
// small letters are 0xC3 0xA0-0xBE: the second byte differs by 0x20. U+00D7
// (the multiplication sign) is not a letter.
constexpr uint8_t kLatin1Lead = 0xC3;
constexpr uint8_t kFirstCapital = 0x80;
constexpr uint8_t kLastCapital = 0x9E;
constexpr uint8_t kMultiplicationSign = 0x97;
constexpr uint8_t kCaseOffset = 0x20;

bool IsLatin1Capital(uint8_t second) {
  return second >= kFirstCapital && second <= kLastCapital && second != kMultiplicationSign;
}

}  // namespace

std::string FoldForSearch(absl::string_view text) {
  std::string folded(text);
  for (size_t i = 0; i < folded.size(); ++i) {
    const auto byte = static_cast<uint8_t>(folded[i]);
    if (byte < 0x80) {
      folded[i] = absl::ascii_tolower(folded[i]);
    } else if (byte == kLatin1Lead && i + 1 < folded.size() &&
               IsLatin1Capital(static_cast<uint8_t>(folded[i + 1]))) {
      folded[i + 1] = static_cast<char>(static_cast<uint8_t>(folded[i + 1]) + kCaseOffset);
      ++i;
    }
  }
  return folded;
}

std::string DelimitedList(absl::Span<const std::string> values) {
  if (values.empty()) return "";
  std::string out = "|";
  for (const std::string& value : values) {
    for (char c : value) {
      if (c == '%') {
        out += "%25";
      } else if (c == '|') {
        out += "%7C";
      } else {
        out += c;
      }
    }
    out += '|';
  }
  return out;
}

std::string DelimitedList(absl::Span<const int> values) {
  if (values.empty()) return "";
  std::string out = "|";
  for (int value : values) absl::StrAppend(&out, value, "|");
  return out;
}

}  // namespace samspar::api
