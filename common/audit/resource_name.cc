#include "common/audit/resource_name.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace samspar::audit {

absl::optional<std::vector<std::string>> MatchName(absl::string_view name,
                                                   absl::string_view pattern) {
  std::vector<absl::string_view> segments = absl::StrSplit(name, '/');
  std::vector<absl::string_view> expected = absl::StrSplit(pattern, '/');
  if (segments.size() != expected.size()) return absl::nullopt;
  std::vector<std::string> variables;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (absl::StartsWith(expected[i], "{")) {
      if (segments[i].empty()) return absl::nullopt;
      variables.emplace_back(segments[i]);
    } else if (segments[i] != expected[i]) {
      return absl::nullopt;
    }
  }
  return variables;
}

bool IsRegionCode(absl::string_view text) {
  return text.size() == 2 && absl::ascii_isdigit(static_cast<unsigned char>(text[0])) &&
         absl::ascii_isdigit(static_cast<unsigned char>(text[1]));
}

}  // namespace samspar::audit
