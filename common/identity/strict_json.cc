#include "common/identity/strict_json.h"

#include <set>
#include <string>
#include <vector>

namespace samspar::identity {

absl::optional<nlohmann::json> ParseJsonObject(absl::string_view text) {
  using nlohmann::json;
  std::vector<std::set<std::string>> open_objects;
  bool duplicate = false;
  const json::parser_callback_t track_members =
      [&open_objects, &duplicate](int /*depth*/, json::parse_event_t event, json& parsed) {
        switch (event) {
          case json::parse_event_t::object_start:
            open_objects.emplace_back();
            break;
          case json::parse_event_t::key:
            if (!open_objects.back().insert(parsed.get_ref<const std::string&>()).second) {
              duplicate = true;
            }
            break;
          case json::parse_event_t::object_end:
            open_objects.pop_back();
            break;
          default:
            break;
        }
        return true;
      };
  json value = json::parse(text.data(), text.data() + text.size(), track_members,
                           /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object() || duplicate) return absl::nullopt;
  return value;
}

const nlohmann::json* Member(const nlohmann::json& object, const std::string& name) {
  const auto* members = object.get_ptr<const nlohmann::json::object_t*>();
  if (members == nullptr) return nullptr;
  const auto member = members->find(name);
  return member == members->end() ? nullptr : &member->second;
}

const std::string* StringMember(const nlohmann::json& object, const std::string& name) {
  const nlohmann::json* member = Member(object, name);
  return member == nullptr ? nullptr : member->get_ptr<const std::string*>();
}

const nlohmann::json::array_t* ArrayOf(const nlohmann::json& value) {
  return value.get_ptr<const nlohmann::json::array_t*>();
}

}  // namespace samspar::identity
