#include "services/roster/ical/line_folding.h"

#include <cstddef>

#include "absl/strings/str_split.h"
#include "common/api/utf8.h"

namespace samspar::roster::ical {
namespace {

constexpr size_t kMaxLineOctets = 75;

}  // namespace

std::string FoldContentLine(absl::string_view line) {
  std::string folded;
  folded.reserve(line.size() + line.size() / 32 + 2);
  size_t room = kMaxLineOctets;
  while (line.size() > room) {
    size_t cut = room;
    // A character is at most four octets, so this stops well before 0.
    while (api::IsUtf8ContinuationByte(line[cut])) --cut;
    folded.append(line.data(), cut);
    folded += "\r\n ";
    line.remove_prefix(cut);
    room = kMaxLineOctets - 1;  // the leading space counts
  }
  folded.append(line.data(), line.size());
  folded += "\r\n";
  return folded;
}

std::vector<LogicalLine> UnfoldLines(absl::string_view text) {
  std::vector<LogicalLine> lines;
  int number = 0;
  for (absl::string_view physical : absl::StrSplit(text, '\n')) {
    ++number;
    if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    if (physical.empty()) continue;
    const bool continues = physical.front() == ' ' || physical.front() == '\t';
    if (continues && !lines.empty()) {
      physical.remove_prefix(1);
      lines.back().text.append(physical.data(), physical.size());
      continue;
    }
    lines.push_back(LogicalLine{number, std::string(physical)});
  }
  return lines;
}

}  // namespace samspar::roster::ical
