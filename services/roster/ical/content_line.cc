#include "services/roster/ical/content_line.h"

#include <cstddef>

#include "absl/strings/ascii.h"

namespace samspar::roster::ical {
namespace {

bool IsNameChar(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-'; }

// The length of the name (letters, digits and '-') at the start of `text`.
size_t NameLength(absl::string_view text) {
  size_t length = 0;
  while (length < text.size() && IsNameChar(text[length])) ++length;
  return length;
}

}  // namespace

absl::optional<absl::string_view> ContentLine::Parameter(absl::string_view parameter) const {
  for (const auto& [key, parameter_value] : parameters) {
    if (key == parameter) return absl::string_view(parameter_value);
  }
  return absl::nullopt;
}

absl::optional<ContentLine> ParseContentLine(const LogicalLine& line) {
  absl::string_view rest = line.text;
  const size_t name_length = NameLength(rest);
  if (name_length == 0) return absl::nullopt;
  ContentLine content;
  content.line_number = line.line_number;
  content.name = absl::AsciiStrToUpper(rest.substr(0, name_length));
  rest.remove_prefix(name_length);

  while (!rest.empty() && rest.front() == ';') {
    rest.remove_prefix(1);
    const size_t key_length = NameLength(rest);
    if (key_length == 0 || key_length == rest.size() || rest[key_length] != '=') {
      return absl::nullopt;
    }
    std::string key = absl::AsciiStrToUpper(rest.substr(0, key_length));
    rest.remove_prefix(key_length + 1);
    std::string values;
    while (true) {
      if (!rest.empty() && rest.front() == '"') {
        const size_t close = rest.find('"', 1);
        if (close == absl::string_view::npos) return absl::nullopt;
        values.append(rest.data() + 1, close - 1);
        rest.remove_prefix(close + 1);
      } else {
        const size_t end = rest.find_first_of(";:,\"");
        const size_t length = end == absl::string_view::npos ? rest.size() : end;
        values.append(rest.data(), length);
        rest.remove_prefix(length);
      }
      if (rest.empty() || rest.front() != ',') break;
      values += ',';
      rest.remove_prefix(1);
    }
    content.parameters.emplace_back(std::move(key), std::move(values));
  }
  if (rest.empty() || rest.front() != ':') return absl::nullopt;
  rest.remove_prefix(1);
  content.value = std::string(rest);
  return content;
}

std::string ApparentName(absl::string_view text) {
  if (text.empty() || !absl::ascii_isalpha(static_cast<unsigned char>(text.front()))) return "";
  return absl::AsciiStrToUpper(text.substr(0, NameLength(text)));
}

}  // namespace samspar::roster::ical
