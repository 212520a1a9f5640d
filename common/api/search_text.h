#ifndef SAMSPAR_COMMON_API_SEARCH_TEXT_H_
#define SAMSPAR_COMMON_API_SEARCH_TEXT_H_

// The forms in which services store text for List filters to find (see
// filter.h): a folded copy of searchable text, and repeated fields as one
// delimited column.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace samspar::api {

// `text` in lower case, for case-insensitive search: ASCII letters and the
// Latin-1 letters Swedish names use (Å Ä Ö É Ü ...), in UTF-8. Services
// store it in the folded column of a searchable field; filters compare
// against it. Folding is done here rather than in SQL because SQLite's
// lower() and LIKE ignore case for ASCII only.
std::string FoldForSearch(absl::string_view text);

// The delimited form of a repeated field, for storing in the column a
// filter's `:` looks in: {"a", "b"} -> "|a|b|", {1, 4} -> "|1|4|", {} -> "".
// A `%` or `|` inside a value is written %25 or %7C, so that no value can
// contain the delimiter; the column is for filtering only and the values
// themselves are kept elsewhere.
std::string DelimitedList(absl::Span<const std::string> values);
std::string DelimitedList(absl::Span<const int> values);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_SEARCH_TEXT_H_
