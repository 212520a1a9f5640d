#ifndef SAMSPAR_COMMON_API_ORDER_BY_H_
#define SAMSPAR_COMMON_API_ORDER_BY_H_

// The `order_by` of every List (common.proto): comma-separated fields, each
// optionally followed by ` desc`.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace samspar::api {

// A field a List can be sorted by, and the SQL expression it sorts on.
struct OrderField {
  std::string name;
  std::string column;
};

// The SQL after "ORDER BY" for `text`, e.g. "display_name, update_time desc"
// -> "display_name, update_time DESC, hsa_id"; `default_order` (SQL) when
// `text` is empty. Always ends with `tie_breaker`, a unique column, so that
// the order is total and pages neither repeat nor skip rows.
// INVALID_ARGUMENT, reason INVALID_ORDER_BY, field "order_by", for an unknown
// or repeated field or anything but `field` or `field desc` between commas.
absl::StatusOr<std::string> OrderByClause(absl::string_view text,
                                          absl::Span<const OrderField> fields,
                                          absl::string_view default_order,
                                          absl::string_view tie_breaker);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_ORDER_BY_H_
