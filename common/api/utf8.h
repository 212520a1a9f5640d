#ifndef SAMSPAR_COMMON_API_UTF8_H_
#define SAMSPAR_COMMON_API_UTF8_H_

// UTF-8 checks for text that clients send: it is bound as SQL TEXT, which
// PostgreSQL refuses when it is not valid UTF-8.

#include <cstddef>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace samspar::api {

// The offset of the first byte that does not belong to a well-formed UTF-8
// character (no overlong forms, no surrogates, nothing above U+10FFFF), or
// nullopt when all of `text` is valid.
absl::optional<size_t> FirstInvalidUtf8(absl::string_view text);

// The number of characters (code points) in valid UTF-8 text.
size_t CountCharacters(absl::string_view text);

// Whether `byte` continues a multi-byte character (so text must not be cut
// before it).
inline bool IsUtf8ContinuationByte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_UTF8_H_
