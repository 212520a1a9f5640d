#include "common/store/table_rows.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace samspar::store {

int64_t Micros(const google::protobuf::Timestamp& timestamp) {
  return timestamp.seconds() * 1'000'000 + timestamp.nanos() / 1000;
}

absl::Status InsertRow(sql::Executor& executor, const std::string& table, const StoredRow& row,
                       const Columns& columns) {
  std::vector<std::string> names = {"name", "region", "parent", "resource", "etag", "create_time", "update_time"};
  std::vector<sql::Value> values = {row.name,  row.key.region, row.key.parent, sql::Blob{row.bytes},
                                    row.etag,  Micros(row.create_time), Micros(row.update_time)};
  for (const auto& [column, value] : columns) {
    names.push_back(column);
    values.push_back(value);
  }
  std::vector<std::string> marks(names.size(), "?");
  return executor
      .Execute(absl::StrCat("INSERT INTO ", table, " (", absl::StrJoin(names, ", "), ") VALUES (",
                            absl::StrJoin(marks, ", "), ")"),
               values)
      .status();
}

absl::Status ReplaceRow(sql::Executor& executor, const std::string& table, const StoredRow& row,
                        const Columns& columns) {
  std::vector<std::string> assignments = {"resource = ?", "etag = ?", "update_time = ?"};
  std::vector<sql::Value> values = {sql::Blob{row.bytes}, row.etag, Micros(row.update_time)};
  for (const auto& [column, value] : columns) {
    assignments.push_back(absl::StrCat(column, " = ?"));
    values.push_back(value);
  }
  values.push_back(row.name);
  absl::StatusOr<int64_t> changed = executor.Execute(
      absl::StrCat("UPDATE ", table, " SET ", absl::StrJoin(assignments, ", "), " WHERE name = ?"), values);
  if (!changed.ok()) return changed.status();
  if (*changed != 1) return absl::InternalError(absl::StrCat("no row of ", table, " to replace"));
  return absl::OkStatus();
}

absl::Status DeleteRow(sql::Executor& executor, const std::string& table, absl::string_view name) {
  return executor.Execute(absl::StrCat("DELETE FROM ", table, " WHERE name = ?"), {name}).status();
}

absl::StatusOr<std::vector<sql::Row>> SelectRows(sql::Executor& executor, const std::string& table,
                                                 const ListQuery& query) {
  std::string statement = absl::StrCat("SELECT resource FROM ", table, " WHERE ", query.where, " ORDER BY ",
                                       query.order_by, " LIMIT ", query.limit, " OFFSET ", query.offset);
  return executor.Query(statement, query.params);
}

}  // namespace samspar::store
