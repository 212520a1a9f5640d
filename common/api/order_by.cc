#include "common/api/order_by.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/privacy/redact.h"
#include "common/status/errors.h"

namespace samspar::api {
namespace {

absl::Status Invalid(absl::string_view message) {
  return FieldError("order_by", "INVALID_ORDER_BY", message);
}

// How a message refers to an item: by the name written, when that is a
// plausible field name, else only by its place.
std::string Describe(absl::string_view name, int item) {
  bool plausible = !name.empty() && absl::ascii_isalpha(static_cast<unsigned char>(name[0])) &&
                   !privacy::ContainsPatientIdentity(name);
  for (char c : name) {
    plausible =
        plausible && (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.');
  }
  if (!plausible) return absl::StrCat("item ", item);
  return absl::StrCat("\"", name, "\" (item ", item, ")");
}

std::string FieldNames(absl::Span<const OrderField> fields) {
  return absl::StrJoin(fields, ", ",
                       [](std::string* out, const OrderField& f) { out->append(f.name); });
}

}  // namespace

absl::StatusOr<std::string> OrderByClause(absl::string_view text,
                                          absl::Span<const OrderField> fields,
                                          absl::string_view default_order,
                                          absl::string_view tie_breaker) {
  if (absl::StripAsciiWhitespace(text).empty()) {
    if (default_order.empty()) return std::string(tie_breaker);
    return absl::StrCat(default_order, ", ", tie_breaker);
  }
  std::vector<std::string> terms;
  absl::flat_hash_set<absl::string_view> seen;
  int item = 0;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    ++item;
    std::vector<absl::string_view> words =
        absl::StrSplit(part, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty());
    if (words.empty() || words.size() > 2 ||
        (words.size() == 2 && !absl::EqualsIgnoreCase(words[1], "desc"))) {
      return Invalid(absl::StrCat("item ", item, " is not `field` or `field desc`"));
    }
    const OrderField* field = nullptr;
    for (const OrderField& candidate : fields) {
      if (candidate.name == words[0]) field = &candidate;
    }
    if (field == nullptr) {
      return Invalid(absl::StrCat("unknown field ", Describe(words[0], item), "; the fields are ",
                                  FieldNames(fields)));
    }
    if (!seen.insert(field->name).second) {
      return Invalid(absl::StrCat(field->name, " is named twice"));
    }
    terms.push_back(words.size() == 2 ? absl::StrCat(field->column, " DESC") : field->column);
  }
  terms.emplace_back(tie_breaker);
  return absl::StrJoin(terms, ", ");
}

}  // namespace samspar::api
