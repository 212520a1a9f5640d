#include "services/roster/presence/presence_codec.h"

#include <cstdint>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace samspar::roster {
namespace {

absl::optional<int64_t> IntegerField(const PresenceFields& fields, absl::string_view name) {
  auto found = fields.find(name);
  int64_t value = 0;
  if (found == fields.end() || !absl::SimpleAtoi(found->second, &value)) return absl::nullopt;
  return value;
}

}  // namespace

bool IsStorableState(int state) { return state >= 1 && state <= 4; }

std::string MillisText(absl::Time time) { return absl::StrCat(absl::ToUnixMillis(time)); }

std::string MillisText(absl::Duration duration) {
  return absl::StrCat(absl::ToInt64Milliseconds(duration));
}

absl::optional<PresenceRecord> DecodePresence(absl::string_view practitioner,
                                              const PresenceFields& fields) {
  absl::optional<int64_t> state = IntegerField(fields, "state");
  absl::optional<int64_t> update_time = IntegerField(fields, "update_time");
  absl::optional<int64_t> expire_time = IntegerField(fields, "expire_time");
  absl::optional<int64_t> ttl = IntegerField(fields, "ttl");
  if (!state || !IsStorableState(static_cast<int>(*state)) || !update_time || !expire_time ||
      !ttl) {
    return absl::nullopt;
  }
  PresenceRecord record;
  record.practitioner = std::string(practitioner);
  record.state = static_cast<int>(*state);
  if (auto note = fields.find("note"); note != fields.end()) record.note = note->second;
  record.update_time = absl::FromUnixMillis(*update_time);
  record.expire_time = absl::FromUnixMillis(*expire_time);
  record.ttl = absl::Milliseconds(*ttl);
  return record;
}

absl::optional<PresenceRecord> DecodePresenceMessage(absl::string_view message) {
  nlohmann::json parsed =
      nlohmann::json::parse(message.begin(), message.end(), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return absl::nullopt;
  PresenceFields fields;
  for (const auto& [name, value] : parsed.items()) {
    if (!value.is_string()) return absl::nullopt;
    fields[name] = value.get<std::string>();
  }
  auto practitioner = fields.find("practitioner");
  if (practitioner == fields.end() || practitioner->second.empty()) return absl::nullopt;
  return DecodePresence(practitioner->second, fields);
}

}  // namespace samspar::roster
