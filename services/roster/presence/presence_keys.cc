#include "services/roster/presence/presence_keys.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace samspar::roster {
namespace {

// Redis glob patterns give *, ?, [, ] and \ a meaning; a prefix that
// contains them must still match only itself.
std::string EscapeGlob(absl::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return escaped;
}

}  // namespace

PresenceKeys::PresenceKeys(absl::string_view key_prefix)
    : head_(absl::StrCat(key_prefix, "presence:")) {}

std::string PresenceKeys::Key(absl::string_view region, absl::string_view practitioner) const {
  return absl::StrCat(head_, region, ":", practitioner);
}

std::string PresenceKeys::Channel(absl::string_view region) const {
  return absl::StrCat(head_, region);
}

std::string PresenceKeys::ChannelPattern() const { return absl::StrCat(EscapeGlob(head_), "*"); }

absl::optional<std::string> PresenceKeys::RegionOfChannel(absl::string_view channel) const {
  if (!absl::ConsumePrefix(&channel, head_) || channel.empty() || absl::StrContains(channel, ':')) {
    return absl::nullopt;
  }
  return std::string(channel);
}

absl::optional<PresenceKeyName> PresenceKeys::ParseKey(absl::string_view key) const {
  if (!absl::ConsumePrefix(&key, head_)) return absl::nullopt;
  size_t colon = key.find(':');
  if (colon == absl::string_view::npos || colon == 0 || colon + 1 == key.size()) {
    return absl::nullopt;
  }
  return PresenceKeyName{std::string(key.substr(0, colon)), std::string(key.substr(colon + 1))};
}

}  // namespace samspar::roster
