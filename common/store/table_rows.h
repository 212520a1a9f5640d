#ifndef SAMSPAR_COMMON_STORE_TABLE_ROWS_H_
#define SAMSPAR_COMMON_STORE_TABLE_ROWS_H_

// The SQL behind MessageTable, written once for every resource table.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "common/sql/database.h"

namespace samspar::store {

// A resource's own columns, by name, with their values.
using Columns = std::vector<std::pair<std::string, sql::Value>>;

// Where a new resource sits: its region and parent's resource name.
struct RowKey {
  std::string region = {};
  std::string parent = {};
};

struct StoredRow {
  RowKey key;
  std::string name;
  std::string etag;
  google::protobuf::Timestamp create_time;
  google::protobuf::Timestamp update_time;
  std::string bytes;
};

struct ListQuery {
  std::string where = "1 = 1";  // SQL with `?` placeholders
  std::vector<sql::Value> params = {};
  std::string order_by = "name";
  int offset = 0;
  int limit = 50;
};

absl::Status InsertRow(sql::Executor& executor, const std::string& table, const StoredRow& row,
                       const Columns& columns);
absl::Status ReplaceRow(sql::Executor& executor, const std::string& table, const StoredRow& row,
                        const Columns& columns);
absl::Status DeleteRow(sql::Executor& executor, const std::string& table, absl::string_view name);
absl::StatusOr<std::vector<sql::Row>> SelectRows(sql::Executor& executor, const std::string& table,
                                                 const ListQuery& query);

// Microseconds since the Unix epoch, as instants are stored.
int64_t Micros(const google::protobuf::Timestamp& timestamp);

}  // namespace samspar::store

#endif  // SAMSPAR_COMMON_STORE_TABLE_ROWS_H_
