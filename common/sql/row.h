#ifndef SAMSPAR_COMMON_SQL_ROW_H_
#define SAMSPAR_COMMON_SQL_ROW_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/sql/value.h"

namespace samspar::sql {

// One result row. Columns are read by position or by name; names are matched
// without regard to case because PostgreSQL folds unquoted names to lower
// case while SQLite keeps them as written. With duplicate names (a join
// without aliases) the first column wins, so alias such columns.
//
// A getter on a column of another type, or on NULL, returns an Internal error
// naming the column; the Optional getters map NULL to std::nullopt instead.
class Row {
 public:
  // Rows of one result share their column names.
  Row(std::shared_ptr<const std::vector<std::string>> column_names, std::vector<Value> values);

  size_t size() const { return values_.size(); }
  const std::string& column_name(size_t index) const { return (*column_names_)[index]; }
  absl::StatusOr<size_t> ColumnIndex(absl::string_view name) const;

  absl::StatusOr<Value> GetValue(size_t index) const;
  absl::StatusOr<Value> GetValue(absl::string_view name) const;

  absl::StatusOr<int64_t> GetInt64(size_t index) const;
  absl::StatusOr<int64_t> GetInt64(absl::string_view name) const;
  absl::StatusOr<double> GetDouble(size_t index) const;
  absl::StatusOr<double> GetDouble(absl::string_view name) const;
  absl::StatusOr<std::string> GetText(size_t index) const;
  absl::StatusOr<std::string> GetText(absl::string_view name) const;
  absl::StatusOr<std::string> GetBlob(size_t index) const;
  absl::StatusOr<std::string> GetBlob(absl::string_view name) const;

  absl::StatusOr<std::optional<int64_t>> GetOptionalInt64(size_t index) const;
  absl::StatusOr<std::optional<int64_t>> GetOptionalInt64(absl::string_view name) const;
  absl::StatusOr<std::optional<double>> GetOptionalDouble(size_t index) const;
  absl::StatusOr<std::optional<double>> GetOptionalDouble(absl::string_view name) const;
  absl::StatusOr<std::optional<std::string>> GetOptionalText(size_t index) const;
  absl::StatusOr<std::optional<std::string>> GetOptionalText(absl::string_view name) const;
  absl::StatusOr<std::optional<std::string>> GetOptionalBlob(size_t index) const;
  absl::StatusOr<std::optional<std::string>> GetOptionalBlob(absl::string_view name) const;

 private:
  absl::Status CheckIndex(size_t index) const;

  template <typename T>
  absl::StatusOr<T> Read(size_t index, absl::StatusOr<T> (Value::*as)() const) const;
  template <typename T>
  absl::StatusOr<std::optional<T>> ReadOptional(size_t index,
                                                absl::StatusOr<T> (Value::*as)() const) const;

  std::shared_ptr<const std::vector<std::string>> column_names_;
  std::vector<Value> values_;
};

}  // namespace samspar::sql

#endif  // SAMSPAR_COMMON_SQL_ROW_H_
