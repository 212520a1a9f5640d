#ifndef SAMSPAR_COMMON_IDENTITY_STRICT_JSON_H_
#define SAMSPAR_COMMON_IDENTITY_STRICT_JSON_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "nlohmann/json.hpp"

namespace samspar::identity {

// `text` as a JSON object, or nullopt when it is not valid JSON, not an
// object, or names a member twice in any object. Duplicate members are
// refused (RFC 7515 §5.2 allows it) because two readers may pick different
// ones: a token must not say one `sub` to us and another to someone else.
absl::optional<nlohmann::json> ParseJsonObject(absl::string_view text);

// Access to parsed JSON without nlohmann's iterators (which GCC's
// null-dereference analysis cannot follow) and without exceptions:
// the member `name` of `object`, or nullptr when it has none or is not an
// object; the same when the member is a string; the elements of an array.
const nlohmann::json* Member(const nlohmann::json& object, const std::string& name);
const std::string* StringMember(const nlohmann::json& object, const std::string& name);
const nlohmann::json::array_t* ArrayOf(const nlohmann::json& value);

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_STRICT_JSON_H_
