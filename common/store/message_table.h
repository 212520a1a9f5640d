#ifndef SAMSPAR_COMMON_STORE_MESSAGE_TABLE_H_
#define SAMSPAR_COMMON_STORE_MESSAGE_TABLE_H_

// A table of API resources: one row per resource, holding the resource as
// its serialized message (as last returned to clients, etag and times
// included) beside the columns that Lists filter and sort on. Every such
// table has the columns
//   name TEXT PRIMARY KEY, region TEXT NOT NULL, parent TEXT NOT NULL,
//   resource BYTEA NOT NULL, etag TEXT NOT NULL,
//   create_time BIGINT NOT NULL, update_time BIGINT NOT NULL
// and then its own. The message type has `name`, `etag`, `create_time` and
// `update_time` fields, as every mutable resource of the API does.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/optional.h"
#include "common/sql/database.h"
#include "common/store/table_rows.h"

namespace samspar::store {

template <typename Message>
class MessageTable {
 public:
  explicit MessageTable(std::string table) : table_(std::move(table)) {}

  const std::string& table() const { return table_; }

  absl::StatusOr<absl::optional<Message>> Get(sql::Executor& executor, absl::string_view name) const {
    absl::StatusOr<std::vector<sql::Row>> rows =
        executor.Query(absl::StrCat("SELECT resource FROM ", table_, " WHERE name = ?"), {name});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return absl::nullopt;
    return ParseRow(rows->front());
  }

  // AlreadyExists when a resource of that name is stored.
  absl::Status Insert(sql::Executor& executor, const Message& message, const RowKey& key,
                      const Columns& columns) const {
    return InsertRow(executor, table_, Stored(message, key), columns);
  }

  // Stores `message` over the resource of its name.
  absl::Status Replace(sql::Executor& executor, const Message& message, const Columns& columns) const {
    return ReplaceRow(executor, table_, Stored(message, {}), columns);
  }

  absl::Status Delete(sql::Executor& executor, absl::string_view name) const {
    return DeleteRow(executor, table_, name);
  }

  // The resources `query` selects, in its order.
  absl::StatusOr<std::vector<Message>> List(sql::Executor& executor, const ListQuery& query) const {
    absl::StatusOr<std::vector<sql::Row>> rows = SelectRows(executor, table_, query);
    if (!rows.ok()) return rows.status();
    std::vector<Message> messages;
    messages.reserve(rows->size());
    for (const sql::Row& row : *rows) {
      absl::StatusOr<Message> message = ParseRow(row);
      if (!message.ok()) return message.status();
      messages.push_back(*std::move(message));
    }
    return messages;
  }

 private:
  static StoredRow Stored(const Message& message, const RowKey& key) {
    StoredRow row;
    row.key = key;
    row.name = message.name();
    row.etag = message.etag();
    row.create_time = message.create_time();
    row.update_time = message.update_time();
    row.bytes = message.SerializeAsString();
    return row;
  }

  absl::StatusOr<Message> ParseRow(const sql::Row& row) const {
    absl::StatusOr<std::string> bytes = row.GetBlob("resource");
    if (!bytes.ok()) return bytes.status();
    Message message;
    if (!message.ParseFromString(*bytes)) {
      return absl::DataLossError(absl::StrCat("a stored resource of ", table_, " does not parse"));
    }
    return message;
  }

  std::string table_;
};

}  // namespace samspar::store

#endif  // SAMSPAR_COMMON_STORE_MESSAGE_TABLE_H_
