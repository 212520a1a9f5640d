#include "common/outbox/outbox_relay.h"

#include <algorithm>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/logging/log.h"
#include "common/sql/row.h"
#include "common/sql/value.h"
#include "common/status/errors.h"
#include "common/status/macros.h"

namespace samspar::outbox {
namespace {

RelayOptions Checked(RelayOptions options) {
  options.batch_size = std::max(options.batch_size, 1);
  return options;
}

// "?, ?, ?" for an IN list of `count` bound values.
std::string Placeholders(size_t count) {
  return absl::StrJoin(std::vector<absl::string_view>(count, "?"), ", ");
}

}  // namespace

// The rows a round took, with their failed attempts so far (for the backoff).
struct OutboxRelay::Batch {
  std::vector<OutboxMessage> messages;
  std::vector<int64_t> attempts;
};

OutboxRelay::OutboxRelay(sql::Database& database, std::string topic, Deliver deliver,
                         RelayOptions options)
    : database_(database),
      topic_(std::move(topic)),
      deliver_(std::move(deliver)),
      options_(Checked(std::move(options))) {}

OutboxRelay::~OutboxRelay() { Stop(); }

absl::StatusOr<RelayCounts> OutboxRelay::RunOnce(absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(Batch batch, Claim(now));
  if (batch.messages.empty()) return RelayCounts{};

  // No transaction is open here: Deliver is an RPC, and the claim keeps other
  // relays off these rows meanwhile.
  absl::StatusOr<std::vector<DeliveryResult>> results = deliver_(batch.messages);
  if (results.ok() && results->size() != batch.messages.size()) {
    // A fault of the Deliver function: which message each result is for is
    // unknown, so the batch is treated as not delivered.
    log::Error(
        "outbox.results_mismatch",
        {{"topic", topic_}, {"messages", batch.messages.size()}, {"results", results->size()}});
    results = absl::InternalError("wrong number of delivery results");
  }
  if (!results.ok()) {
    // Only the reason or code: a receiver's message is not ours to vouch for.
    const std::string reason = ReasonOrCode(results.status());
    log::Warn("outbox.delivery_failed",
              {{"topic", topic_}, {"messages", batch.messages.size()}, {"reason", reason}});
    results = std::vector<DeliveryResult>(batch.messages.size(),
                                          {DeliveryResult::Outcome::kRetry, reason});
  }
  SAMSPAR_RETURN_IF_ERROR(Settle(batch, *results, now));

  RelayCounts counts;
  for (size_t i = 0; i < results->size(); ++i) {
    const DeliveryResult& result = (*results)[i];
    switch (result.outcome) {
      case DeliveryResult::Outcome::kDelivered:
        ++counts.delivered;
        break;
      case DeliveryResult::Outcome::kRejected:
        ++counts.rejected;
        log::Warn("outbox.message_rejected",
                  {{"topic", topic_}, {"id", batch.messages[i].id}, {"reason", result.reason}});
        break;
      case DeliveryResult::Outcome::kRetry:
        ++counts.retried;
        break;
    }
  }
  absl::MutexLock lock(&totals_mu_);
  totals_.delivered += counts.delivered;
  totals_.rejected += counts.rejected;
  totals_.retried += counts.retried;
  return counts;
}

absl::StatusOr<OutboxRelay::Batch> OutboxRelay::Claim(absl::Time now) {
  Batch batch;
  SAMSPAR_RETURN_IF_ERROR(database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    batch = Batch{};
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                             tx.Query("SELECT id, payload, attempts FROM outbox "
                                      "WHERE topic = ? AND next_attempt_time <= ? "
                                      "ORDER BY create_time, id LIMIT ?",
                                      {topic_, absl::ToUnixMicros(now), options_.batch_size}));
    if (rows.empty()) return absl::OkStatus();
    std::vector<sql::Value> params = {absl::ToUnixMicros(now + options_.claim_timeout)};
    for (const sql::Row& row : rows) {
      OutboxMessage message;
      SAMSPAR_ASSIGN_OR_RETURN(message.id, row.GetText("id"));
      SAMSPAR_ASSIGN_OR_RETURN(message.payload, row.GetBlob("payload"));
      SAMSPAR_ASSIGN_OR_RETURN(int64_t attempts, row.GetInt64("attempts"));
      params.emplace_back(message.id);
      batch.messages.push_back(std::move(message));
      batch.attempts.push_back(attempts);
    }
    return tx
        .Execute(absl::StrCat("UPDATE outbox SET next_attempt_time = ? WHERE id IN (",
                              Placeholders(rows.size()), ")"),
                 params)
        .status();
  }));
  return batch;
}

absl::Status OutboxRelay::Settle(const Batch& batch, const std::vector<DeliveryResult>& results,
                                 absl::Time now) {
  struct Retry {
    std::string id;
    int64_t next_attempt_time;
    std::string reason;
  };
  std::vector<sql::Value> done_ids;
  std::vector<Retry> retries;
  for (size_t i = 0; i < results.size(); ++i) {
    const std::string& id = batch.messages[i].id;
    if (results[i].outcome != DeliveryResult::Outcome::kRetry) {
      done_ids.emplace_back(id);
      continue;
    }
    // Drawn here, outside the transaction, so that a re-run of its body
    // writes the same times.
    retries.push_back({id, absl::ToUnixMicros(now + Backoff(batch.attempts[i] + 1)),
                       results[i].reason.empty() ? "UNSPECIFIED" : results[i].reason});
  }
  return database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    // By id only: a row is never replaced by another with the same id, so
    // this removes exactly the rows delivered (or already removed by another
    // relay that delivered them too).
    if (!done_ids.empty()) {
      SAMSPAR_RETURN_IF_ERROR(tx.Execute(absl::StrCat("DELETE FROM outbox WHERE id IN (",
                                                      Placeholders(done_ids.size()), ")"),
                                         done_ids)
                                  .status());
    }
    for (const Retry& retry : retries) {
      SAMSPAR_RETURN_IF_ERROR(
          tx.Execute("UPDATE outbox SET attempts = attempts + 1, next_attempt_time = ?, "
                     "last_error = ? WHERE id = ?",
                     {retry.next_attempt_time, retry.reason, retry.id})
              .status());
    }
    return absl::OkStatus();
  });
}

absl::Duration OutboxRelay::Backoff(int64_t failed_attempts) const {
  absl::Duration delay = options_.initial_backoff;
  for (int64_t i = 1; i < failed_attempts && delay < options_.max_backoff; ++i) delay *= 2;
  delay = std::min(delay, options_.max_backoff);
  thread_local absl::BitGen random;
  return delay - delay / 2 * absl::Uniform<double>(random, 0.0, 1.0);
}

absl::StatusOr<int64_t> OutboxRelay::Pending() {
  SAMSPAR_ASSIGN_OR_RETURN(
      std::vector<sql::Row> rows,
      database_.Query("SELECT COUNT(*) AS pending FROM outbox WHERE topic = ?", {topic_}));
  if (rows.size() != 1) return absl::InternalError("counting outbox rows returned no row");
  return rows[0].GetInt64("pending");
}

RelayCounts OutboxRelay::totals() const {
  absl::MutexLock lock(&totals_mu_);
  return totals_;
}

void OutboxRelay::Start() {
  thread_ = std::thread([this] { Run(); });
}

void OutboxRelay::Stop() {
  if (!stopping_.HasBeenNotified()) stopping_.Notify();
  if (thread_.joinable()) thread_.join();
}

void OutboxRelay::Run() {
  absl::Duration wait = absl::ZeroDuration();
  while (!stopping_.WaitForNotificationWithTimeout(wait)) {
    absl::StatusOr<RelayCounts> counts = RunOnce(options_.clock());
    if (!counts.ok()) {
      // Database errors quote the SQL, never its parameters.
      log::Warn("outbox.round_failed",
                {{"topic", topic_}, {"error", std::string(counts.status().message())}});
    }
    // Straight on while there is a backlog that the receiver is taking;
    // otherwise the next poll.
    const bool backlog =
        counts.ok() && counts->total() == options_.batch_size && counts->retried < counts->total();
    wait = backlog ? absl::ZeroDuration() : options_.poll_interval;
  }
}

}  // namespace samspar::outbox
