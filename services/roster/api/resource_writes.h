#ifndef SAMSPAR_SERVICES_ROSTER_API_RESOURCE_WRITES_H_
#define SAMSPAR_SERVICES_ROSTER_API_RESOURCE_WRITES_H_

// The steps every roster write shares: a create made once per request_id, an
// update refused on a stale etag, and the etag and times stamped on the way
// into the table.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/ids/resource_id.h"
#include "common/sql/database.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/message_table.h"
#include "common/store/request_ids.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/roster_version.h"

namespace samspar::roster {

using NotFound = std::function<absl::Status(absl::string_view name)>;

// The stored resource `name`, or `not_found`'s error.
template <typename Message>
absl::StatusOr<Message> GetResource(sql::Executor& executor, const store::MessageTable<Message>& table,
                                    absl::string_view name, const NotFound& not_found) {
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<Message> stored, table.Get(executor, name));
  if (!stored.has_value()) return not_found(name);
  return *std::move(stored);
}

// ABORTED (ETAG_MISMATCH) when the caller read another version than
// `current`; an empty `etag` means "whatever is stored".
template <typename Message>
absl::Status CheckEtag(const Message& current, const std::string& etag) {
  if (etag.empty() || etag == current.etag()) return absl::OkStatus();
  return Error(absl::StatusCode::kAborted, "ETAG_MISMATCH",
               absl::StrCat(current.name(), " changed since it was read: read it again and retry"));
}

// Stores `message` with a new etag and update time: over `existing` (keeping
// its create time) or as a new resource of `region` under `parent` (the
// region itself when empty, else e.g. the line of a rotation).
template <typename Message>
absl::Status SaveResource(sql::Executor& tx, const store::MessageTable<Message>& table, Message& message,
                          const absl::optional<Message>& existing, const std::string& region,
                          const store::Columns& columns, absl::Time now, const std::string& parent = {}) {
  message.set_etag(ids::NewResourceId(now));
  *message.mutable_update_time() = ToProto(now);
  if (existing.has_value()) {
    *message.mutable_create_time() = existing->create_time();
    return table.Replace(tx, message, columns);
  }
  *message.mutable_create_time() = ToProto(now);
  return table.Insert(tx, message, {region, parent.empty() ? RegionName(region) : parent}, columns);
}

// In one transaction: the resource an earlier request with `key`'s id
// created, or the one `create` makes (and `key` remembered for it).
template <typename Message>
absl::StatusOr<Message> CreateOnce(sql::Database& database, const store::MessageTable<Message>& table,
                                   const store::RequestKey& key, const NotFound& not_found,
                                   const std::function<absl::Status(sql::Transaction&, Message&)>& create,
                                   absl::Time now) {
  Message created;
  SAMSPAR_RETURN_IF_ERROR(database.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<std::string> earlier, store::EarlierResult(tx, key));
    if (earlier.has_value()) {
      SAMSPAR_ASSIGN_OR_RETURN(absl::optional<Message> stored, table.Get(tx, *earlier));
      if (!stored.has_value()) return not_found(*earlier);
      created = *stored;
      return absl::OkStatus();
    }
    created.Clear();
    SAMSPAR_RETURN_IF_ERROR(create(tx, created));
    return store::RememberResult(tx, key, created.name(), now);
  }));
  return created;
}

// In one transaction: the stored resource named by `patch`, refused with
// ABORTED (ETAG_MISMATCH) when `patch` carries another etag, then changed by
// `update` (which also stores it).
template <typename Message>
absl::StatusOr<Message> UpdateUnderEtag(
    sql::Database& database, const store::MessageTable<Message>& table, const Message& patch, const NotFound& not_found,
    const std::function<absl::Status(sql::Transaction&, const Message& current, Message& updated)>& update) {
  Message updated;
  SAMSPAR_RETURN_IF_ERROR(database.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<Message> current, table.Get(tx, patch.name()));
    if (!current.has_value()) return not_found(patch.name());
    SAMSPAR_RETURN_IF_ERROR(CheckEtag(*current, patch.etag()));
    updated = *current;
    return update(tx, *current, updated);
  }));
  return updated;
}

// In one transaction: the stored resource `name`, refused with ABORTED
// (ETAG_MISMATCH) when `etag` is set and differs, then deleted unless
// `allow` refuses.
template <typename Message>
absl::Status DeleteUnderEtag(sql::Database& database, const store::MessageTable<Message>& table,
                             const std::string& name, const std::string& etag, const NotFound& not_found,
                             const std::function<absl::Status(const Message& current)>& allow) {
  return database.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<Message> current, table.Get(tx, name));
    if (!current.has_value()) return not_found(name);
    SAMSPAR_RETURN_IF_ERROR(CheckEtag(*current, etag));
    SAMSPAR_RETURN_IF_ERROR(allow(*current));
    SAMSPAR_RETURN_IF_ERROR(table.Delete(tx, name));
    return BumpRosterVersion(tx);
  });
}

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_API_RESOURCE_WRITES_H_
