#ifndef SAMSPAR_COMMON_API_FILTER_LEXER_H_
#define SAMSPAR_COMMON_API_FILTER_LEXER_H_

// The words of a List filter (see filter.h), before they are given meaning.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace samspar::api {

struct FilterToken {
  enum class Kind {
    kWord,      // a field name, AND / OR, or a bare value: number, true, an enum name
    kString,    // a value in double quotes; `text` has its escapes resolved
    kOperator,  // = != < <= > >= :
  };
  Kind kind;
  std::string text;
  int position;  // 1-based, in characters, for messages
};

// Splits valid UTF-8 `text` into tokens. INVALID_ARGUMENT, reason
// INVALID_FILTER, for a character that starts no token, an unterminated
// string or an escape other than \" and \\; the message gives the position
// and never the string.
absl::StatusOr<std::vector<FilterToken>> TokenizeFilter(absl::string_view text);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_FILTER_LEXER_H_
