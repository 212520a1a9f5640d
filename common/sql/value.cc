#include "common/sql/value.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace samspar::sql {
namespace {

absl::Status WrongType(ValueType actual, ValueType wanted) {
  return absl::InternalError(
      absl::StrCat("value is ", ValueTypeName(actual), ", expected ", ValueTypeName(wanted)));
}

}  // namespace

absl::string_view ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kNull:
      return "NULL";
    case ValueType::kInt64:
      return "INTEGER";
    case ValueType::kDouble:
      return "DOUBLE";
    case ValueType::kText:
      return "TEXT";
    case ValueType::kBlob:
      return "BLOB";
  }
  return "UNKNOWN";
}

absl::StatusOr<int64_t> Value::AsInt64() const {
  if (const auto* v = std::get_if<int64_t>(&storage_)) return *v;
  return WrongType(type(), ValueType::kInt64);
}

absl::StatusOr<double> Value::AsDouble() const {
  if (const auto* v = std::get_if<double>(&storage_)) return *v;
  if (const auto* v = std::get_if<int64_t>(&storage_)) return static_cast<double>(*v);
  return WrongType(type(), ValueType::kDouble);
}

absl::StatusOr<std::string> Value::AsText() const {
  if (const auto* v = std::get_if<std::string>(&storage_)) return *v;
  return WrongType(type(), ValueType::kText);
}

absl::StatusOr<std::string> Value::AsBlob() const {
  if (const auto* v = std::get_if<Blob>(&storage_)) return v->bytes;
  return WrongType(type(), ValueType::kBlob);
}

}  // namespace samspar::sql
