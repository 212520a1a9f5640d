#include "common/api/utf8.h"

#include <cstdint>

namespace samspar::api {
namespace {

bool IsContinuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// The length of the well-formed character at `pos`, or 0 if there is none
// (RFC 3629 §4, whose table excludes overlong forms and surrogates).
size_t CharacterLengthAt(absl::string_view text, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(pos);
  if (lead < 0x80) return 1;
  size_t length = 0;
  uint8_t second_min = 0x80;
  uint8_t second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  if (byte(pos + 1) < second_min || byte(pos + 1) > second_max) return 0;
  for (size_t i = pos + 2; i < pos + length; ++i) {
    if (!IsContinuation(byte(i))) return 0;
  }
  return length;
}

}  // namespace

absl::optional<size_t> FirstInvalidUtf8(absl::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t length = CharacterLengthAt(text, pos);
    if (length == 0) return pos;
    pos += length;
  }
  return absl::nullopt;
}

size_t CountCharacters(absl::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if (!IsContinuation(static_cast<uint8_t>(c))) ++count;
  }
  return count;
}

}  // namespace samspar::api
