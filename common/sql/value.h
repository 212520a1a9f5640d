#ifndef SAMSPAR_COMMON_SQL_VALUE_H_
#define SAMSPAR_COMMON_SQL_VALUE_H_

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace samspar::sql {

// The five kinds of value both SQLite and PostgreSQL agree on. Names follow
// the portable column types a store declares (see database.h).
enum class ValueType { kNull, kInt64, kDouble, kText, kBlob };

absl::string_view ValueTypeName(ValueType type);

// Raw bytes, kept apart from text so that a parameter binds as BLOB/BYTEA and
// never as TEXT (PostgreSQL would reject invalid UTF-8 in a TEXT column).
struct Blob {
  std::string bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};

// bool and unsigned 64-bit integers are refused at compile time: flags are
// stored as 0/1 explicitly, and a uint64_t above INT64_MAX would wrap.
template <typename T>
concept StorableInteger = std::integral<T> && !std::same_as<T, bool> &&
                          (std::is_signed_v<T> || sizeof(T) < sizeof(int64_t));

// One SQL parameter or column value. Constructors are implicit so that
// parameters read naturally: db.Execute(sql, {unit_id, 42, Blob{payload}}).
class Value {
 public:
  Value() = default;  // SQL NULL
  Value(std::nullopt_t) {}

  // Any integer that fits in int64_t (see StorableInteger).
  template <StorableInteger T>
  Value(T v) : storage_(static_cast<int64_t>(v)) {}

  // NaN is not storable: SQLite turns it into NULL.
  Value(double v) : storage_(v) {}
  Value(std::string v) : storage_(std::move(v)) {}
  Value(absl::string_view v) : storage_(std::string(v)) {}
  Value(const char* v) : storage_(std::string(v)) {}
  Value(Blob v) : storage_(std::move(v)) {}

  // A nullable parameter: std::nullopt binds NULL.
  template <typename T>
  Value(const std::optional<T>& v) {
    if (v.has_value()) *this = Value(*v);
  }

  ValueType type() const { return static_cast<ValueType>(storage_.index()); }
  bool is_null() const { return type() == ValueType::kNull; }

  // Typed reads; a value of another type (NULL included) is an Internal error
  // that names both types, since it means the store disagrees with its schema.
  // AsDouble also accepts an integer, because aggregates such as SUM may yield
  // either depending on the backend.
  absl::StatusOr<int64_t> AsInt64() const;
  absl::StatusOr<double> AsDouble() const;
  absl::StatusOr<std::string> AsText() const;
  absl::StatusOr<std::string> AsBlob() const;

  // Calls `f` with the held alternative: std::monostate (NULL), int64_t,
  // double, std::string (text) or Blob. For backends binding parameters.
  template <typename F>
  decltype(auto) Visit(F&& f) const {
    return std::visit(std::forward<F>(f), storage_);
  }

  friend bool operator==(const Value&, const Value&) = default;

 private:
  // The index order matches ValueType.
  std::variant<std::monostate, int64_t, double, std::string, Blob> storage_;
};

}  // namespace samspar::sql

#endif  // SAMSPAR_COMMON_SQL_VALUE_H_
