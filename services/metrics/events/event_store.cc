#include "services/metrics/events/event_store.h"

#include <map>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/proto_time.h"
#include "common/status/errors.h"
#include "common/status/macros.h"

namespace samspar::metrics {
namespace {

// Rows per INSERT: a batch of 1000 events in a few statements, well inside
// every backend's limit on parameters.
constexpr size_t kRowsPerInsert = 100;
constexpr int64_t kRowsPerRead = 5000;

// Ids are UUIDs, which senders may write in either case.
std::string IdKey(absl::string_view event_id) { return absl::AsciiStrToLower(event_id); }

absl::Status Unavailable(const absl::Status& cause, absl::string_view what) {
  if (cause.code() != absl::StatusCode::kUnavailable) return cause;
  return RetryableError(absl::StatusCode::kUnavailable, "DATABASE_UNAVAILABLE",
                        absl::StrCat("the metrics database cannot be reached now: ", what), absl::Seconds(1));
}

std::string Placeholders(size_t count, absl::string_view one) {
  std::vector<absl::string_view> parts(count, one);
  return absl::StrJoin(parts, ",");
}

// The stored content of the ids among `events` stored before.
absl::StatusOr<absl::flat_hash_map<std::string, std::string>> StoredContent(sql::Transaction& tx,
                                                                            absl::Span<const v1::Event* const> events) {
  absl::flat_hash_map<std::string, std::string> stored;
  for (size_t begin = 0; begin < events.size(); begin += kRowsPerInsert) {
    const size_t end = std::min(events.size(), begin + kRowsPerInsert);
    std::vector<sql::Value> ids;
    for (size_t i = begin; i < end; ++i) ids.emplace_back(IdKey(events[i]->event_id()));
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                             tx.Query(absl::StrCat("SELECT event_id, event FROM events WHERE event_id IN (",
                                                   Placeholders(ids.size(), "?"), ")"),
                                      ids));
    for (const sql::Row& row : rows) {
      SAMSPAR_ASSIGN_OR_RETURN(std::string id, row.GetText(0));
      SAMSPAR_ASSIGN_OR_RETURN(std::string content, row.GetBlob(1));
      stored.emplace(std::move(id), std::move(content));
    }
  }
  return stored;
}

// Takes `count` numbers for `region`; returns the first.
absl::StatusOr<int64_t> TakeNumbers(sql::Transaction& tx, const std::string& region, int64_t count) {
  SAMSPAR_ASSIGN_OR_RETURN(
      std::vector<sql::Row> rows,
      tx.Query("INSERT INTO event_sequences (region, last_seq) VALUES (?, ?) "
               "ON CONFLICT (region) DO UPDATE SET last_seq = event_sequences.last_seq + excluded.last_seq "
               "RETURNING last_seq",
               {region, count}));
  if (rows.size() != 1) return absl::InternalError("event_sequences: no number returned");
  SAMSPAR_ASSIGN_OR_RETURN(int64_t last, rows.front().GetInt64(0));
  return last - count + 1;
}

struct NewRow {
  const v1::Event* event;
  std::string id;
  std::string content;
};

absl::Status InsertRows(sql::Transaction& tx, const std::vector<NewRow>& rows, absl::Time now) {
  // Numbers per region, in batch order.
  std::map<std::string, std::vector<const NewRow*>> by_region;
  for (const NewRow& row : rows) by_region[row.event->region()].push_back(&row);
  std::vector<std::pair<const NewRow*, int64_t>> numbered;
  for (const auto& [region, region_rows] : by_region) {
    SAMSPAR_ASSIGN_OR_RETURN(int64_t first, TakeNumbers(tx, region, static_cast<int64_t>(region_rows.size())));
    for (const NewRow* row : region_rows) numbered.emplace_back(row, first++);
  }
  const int64_t ingest_time = absl::ToUnixMicros(now);
  for (size_t begin = 0; begin < numbered.size(); begin += kRowsPerInsert) {
    const size_t end = std::min(numbered.size(), begin + kRowsPerInsert);
    std::vector<sql::Value> params;
    for (size_t i = begin; i < end; ++i) {
      const auto& [row, seq] = numbered[i];
      params.emplace_back(row->id);
      params.emplace_back(row->event->region());
      params.emplace_back(seq);
      params.emplace_back(v1::EventType_Name(row->event->type()));
      params.emplace_back(absl::ToUnixMicros(api::FromProto(row->event->event_time())));
      params.emplace_back(sql::Blob{row->content});
      params.emplace_back(ingest_time);
    }
    SAMSPAR_RETURN_IF_ERROR(
        tx.Execute(absl::StrCat("INSERT INTO events (event_id, region, seq, type, occurred_time, event, ingest_time) "
                                "VALUES ",
                                Placeholders(end - begin, "(?, ?, ?, ?, ?, ?, ?)")),
                   params)
            .status());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<StoreResult>> EventStore::Store(absl::Span<const v1::Event* const> events, absl::Time now) {
  std::vector<StoreResult> results;
  absl::Status stored = database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    results.assign(events.size(), StoreResult::kAdded);
    SAMSPAR_ASSIGN_OR_RETURN(auto before, StoredContent(tx, events));
    std::vector<NewRow> added;
    for (size_t i = 0; i < events.size(); ++i) {
      std::string id = IdKey(events[i]->event_id());
      // The content as stored has the id in lower case, so that a retry
      // that writes the UUID in other case is the same event.
      v1::Event normalised = *events[i];
      normalised.set_event_id(id);
      std::string content = normalised.SerializeAsString();
      auto [earlier, is_new] = before.emplace(id, content);
      if (!is_new) {
        results[i] = earlier->second == content ? StoreResult::kDuplicate : StoreResult::kConflict;
        continue;
      }
      added.push_back({events[i], std::move(id), std::move(content)});
    }
    return InsertRows(tx, added, now);
  });
  if (!stored.ok()) return Unavailable(stored, "nothing was stored, retry the same batch");
  return results;
}

absl::Status EventStore::ReadAfter(absl::string_view region, int64_t after_seq, const Visitor& visit) {
  int64_t last = after_seq;
  for (;;) {
    absl::StatusOr<std::vector<sql::Row>> rows =
        database_.Query("SELECT seq, event FROM events WHERE region = ? AND seq > ? ORDER BY seq LIMIT ?",
                        {region, last, kRowsPerRead});
    if (!rows.ok()) return Unavailable(rows.status(), "retry");
    v1::Event event;
    for (const sql::Row& row : *rows) {
      SAMSPAR_ASSIGN_OR_RETURN(last, row.GetInt64(0));
      SAMSPAR_ASSIGN_OR_RETURN(std::string content, row.GetBlob(1));
      if (!event.ParseFromString(content)) return absl::InternalError(absl::StrCat("event ", last, " is unreadable"));
      visit(last, event);
    }
    if (static_cast<int64_t>(rows->size()) < kRowsPerRead) return absl::OkStatus();
  }
}

absl::StatusOr<std::vector<std::string>> EventStore::Regions() {
  absl::StatusOr<std::vector<sql::Row>> rows = database_.Query("SELECT region FROM event_sequences ORDER BY region");
  if (!rows.ok()) return Unavailable(rows.status(), "retry");
  std::vector<std::string> regions;
  for (const sql::Row& row : *rows) {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, row.GetText(0));
    regions.push_back(std::move(region));
  }
  return regions;
}

absl::StatusOr<int64_t> EventStore::LastSeq(absl::string_view region) {
  absl::StatusOr<std::vector<sql::Row>> rows =
      database_.Query("SELECT last_seq FROM event_sequences WHERE region = ?", {region});
  if (!rows.ok()) return Unavailable(rows.status(), "retry");
  if (rows->empty()) return 0;
  return rows->front().GetInt64(0);
}

}  // namespace samspar::metrics
