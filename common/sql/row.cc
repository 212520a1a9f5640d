#include "common/sql/row.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace samspar::sql {
namespace {

template <typename Get>
auto ByName(const Row& row, absl::string_view name, Get get) -> decltype(get(size_t{0})) {
  absl::StatusOr<size_t> index = row.ColumnIndex(name);
  if (!index.ok()) return index.status();
  return get(*index);
}

}  // namespace

Row::Row(std::shared_ptr<const std::vector<std::string>> column_names, std::vector<Value> values)
    : column_names_(std::move(column_names)), values_(std::move(values)) {}

absl::Status Row::CheckIndex(size_t index) const {
  if (index < values_.size()) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("column index ", index, " is out of range: the row has ",
                                          values_.size(), " columns"));
}

absl::StatusOr<size_t> Row::ColumnIndex(absl::string_view name) const {
  for (size_t i = 0; i < column_names_->size(); ++i) {
    if (absl::EqualsIgnoreCase((*column_names_)[i], name)) return i;
  }
  return absl::InternalError(absl::StrCat("the row has no column '", name, "'"));
}

template <typename T>
absl::StatusOr<T> Row::Read(size_t index, absl::StatusOr<T> (Value::*as)() const) const {
  if (absl::Status status = CheckIndex(index); !status.ok()) return status;
  absl::StatusOr<T> value = (values_[index].*as)();
  if (!value.ok()) {
    return absl::InternalError(
        absl::StrCat("column '", column_name(index), "': ", value.status().message()));
  }
  return value;
}

template <typename T>
absl::StatusOr<std::optional<T>> Row::ReadOptional(size_t index,
                                                   absl::StatusOr<T> (Value::*as)() const) const {
  if (absl::Status status = CheckIndex(index); !status.ok()) return status;
  if (values_[index].is_null()) return std::optional<T>();
  absl::StatusOr<T> value = Read(index, as);
  if (!value.ok()) return value.status();
  return std::optional<T>(*std::move(value));
}

absl::StatusOr<Value> Row::GetValue(size_t index) const {
  if (absl::Status status = CheckIndex(index); !status.ok()) return status;
  return values_[index];
}

absl::StatusOr<int64_t> Row::GetInt64(size_t index) const { return Read(index, &Value::AsInt64); }
absl::StatusOr<double> Row::GetDouble(size_t index) const { return Read(index, &Value::AsDouble); }
absl::StatusOr<std::string> Row::GetText(size_t index) const { return Read(index, &Value::AsText); }
absl::StatusOr<std::string> Row::GetBlob(size_t index) const { return Read(index, &Value::AsBlob); }
absl::StatusOr<std::optional<int64_t>> Row::GetOptionalInt64(size_t index) const {
  return ReadOptional(index, &Value::AsInt64);
}
absl::StatusOr<std::optional<double>> Row::GetOptionalDouble(size_t index) const {
  return ReadOptional(index, &Value::AsDouble);
}
absl::StatusOr<std::optional<std::string>> Row::GetOptionalText(size_t index) const {
  return ReadOptional(index, &Value::AsText);
}
absl::StatusOr<std::optional<std::string>> Row::GetOptionalBlob(size_t index) const {
  return ReadOptional(index, &Value::AsBlob);
}

// The by-name getters resolve the name, then read by index.
absl::StatusOr<Value> Row::GetValue(absl::string_view name) const {
  return ByName(*this, name, [this](size_t i) { return GetValue(i); });
}
absl::StatusOr<int64_t> Row::GetInt64(absl::string_view name) const {
  return ByName(*this, name, [this](size_t i) { return GetInt64(i); });
}
absl::StatusOr<double> Row::GetDouble(absl::string_view name) const {
  return ByName(*this, name, [this](size_t i) { return GetDouble(i); });
}
absl::StatusOr<std::string> Row::GetText(absl::string_view name) const {
  return ByName(*this, name, [this](size_t i) { return GetText(i); });
}
absl::StatusOr<std::string> Row::GetBlob(absl::string_view name) const {
  return ByName(*this, name, [this](size_t i) { return GetBlob(i); });
}
absl::StatusOr<std::optional<int64_t>> Row::GetOptionalInt64(absl::string_view name) const {
  return ByName(*this, name, [this](size_t i) { return GetOptionalInt64(i); });
}
absl::StatusOr<std::optional<double>> Row::GetOptionalDouble(absl::string_view name) const {
  return ByName(*this, name, [this](size_t i) { return GetOptionalDouble(i); });
}
absl::StatusOr<std::optional<std::string>> Row::GetOptionalText(absl::string_view name) const {
  return ByName(*this, name, [this](size_t i) { return GetOptionalText(i); });
}
absl::StatusOr<std::optional<std::string>> Row::GetOptionalBlob(absl::string_view name) const {
  return ByName(*this, name, [this](size_t i) { return GetOptionalBlob(i); });
}

}  // namespace samspar::sql
