#ifndef SAMSPAR_COMMON_API_FILTER_H_
#define SAMSPAR_COMMON_API_FILTER_H_

// The `filter` of every List (common.proto, "Standard and custom methods"):
// terms `field op value` joined by AND and OR, OR binding tighter than AND,
// compiled to a portable SQL condition (common/sql/database.h) whose values
// are all `?` parameters. Each List names its filterable fields and the SQL
// each one is read from.
//
//   static const FilterField kFields[] = {
//       {.name = "display_name", .kind = FieldKind::kSearchableText,
//        .column = "display_name", .folded_column = "display_name_folded"},
//       {.name = "state", .kind = FieldKind::kEnum, .column = "state",
//        .enum_type = v1::DirectoryState_descriptor()}};
//   absl::StatusOr<Filter> filter = Filter::Parse(request.filter(), kFields);
//   if (!filter.ok()) return filter.status();
//   SqlCondition where = filter->ToSql();
//   db.Query(absl::StrCat("SELECT ... WHERE region = ? AND ", where.sql, " ORDER BY ..."), ...);

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/api/search_text.h"
#include "common/sql/value.h"
#include "google/protobuf/descriptor.h"

namespace samspar::api {

// How a field is stored, which decides the operators and values it takes.
enum class FieldKind {
  kText,            // = != < <= > >= (exact, case-sensitive)
  kSearchableText,  // = != exact on `column`; `:` case-insensitive substring on `folded_column`
  kEnum,            // = != ; an enum value's full name (LINE_STATE_ACTIVE), stored as its number
  kBool,            // = != ; true or false; stored as BIGINT 0/1
  kInteger,         // all comparisons
  kTimestamp,       // all comparisons; RFC 3339 in quotes; stored as BIGINT microseconds, UTC
  kLocalDate,       // all comparisons; "YYYY-MM-DD" in quotes; stored as BIGINT yyyymmdd
  kRepeatedText,    // only `:` (contains); stored as DelimitedList(values) in a TEXT column
  kRepeatedEnum,    // only `:`; an enum value's full name; stored as DelimitedList(numbers)
};

struct FilterField {
  std::string name;  // as written in filters, e.g. "display_name", "interval.start_time"
  FieldKind kind;
  // An SQL expression: a column name, or a computed expression written by
  // the service (never client text).
  std::string column;
  std::string folded_column = {};  // kSearchableText: the column holding FoldForSearch(text)
  const google::protobuf::EnumDescriptor* enum_type = nullptr;  // kEnum, kRepeatedEnum
};

// A condition for a WHERE clause, safe to join to others with AND.
struct SqlCondition {
  std::string sql;
  std::vector<sql::Value> params;
};

class Filter {
 public:
  // INVALID_ARGUMENT, reason INVALID_FILTER, field "filter": malformed text,
  // more than 2000 characters or 50 terms, an unknown field, an operator the
  // field's kind does not take, a value of the wrong type or an unknown enum
  // name, or any value shaped like a personnummer (refused without echoing
  // it). Messages name the problem and its position but never quote a value.
  // INTERNAL when `fields` lacks what a kind needs (a service's mistake).
  static absl::StatusOr<Filter> Parse(absl::string_view text, absl::Span<const FilterField> fields);

  bool empty() const { return clauses_.empty(); }

  // Whether a term is on `field_name`, for Lists whose default depends on
  // it (e.g. "Without a term on state, active only").
  bool Mentions(absl::string_view field_name) const;

  // "1 = 1" with no parameters when empty.
  SqlCondition ToSql() const;

 private:
  Filter() = default;

  // ANDed clauses, each a list of ORed terms.
  std::vector<std::vector<SqlCondition>> clauses_;
  absl::flat_hash_set<std::string> mentioned_;
};

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_FILTER_H_
