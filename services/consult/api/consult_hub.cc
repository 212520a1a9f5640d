#include "services/consult/api/consult_hub.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "common/logging/log.h"

namespace samspar::consult {
namespace {

// Changes are read back a little before the last poll: a transaction of
// another replica may commit with an update time a moment in the past.
constexpr absl::Duration kOverlap = absl::Seconds(5);
// Etags are remembered this long after the poll that saw them.
constexpr size_t kMostRemembered = 100000;

}  // namespace

ConsultHub::ConsultHub(sql::Database& database, absl::Duration poll_interval)
    : database_(database), poll_interval_(poll_interval) {}

ConsultHub::~ConsultHub() { Stop(); }

int ConsultHub::Subscribe(Listener listener, Ticker ticker) {
  absl::MutexLock lock(&mutex_);
  const int id = next_id_++;
  listeners_.emplace(id, std::move(listener));
  if (ticker) tickers_.emplace(id, std::move(ticker));
  return id;
}

void ConsultHub::Unsubscribe(int id) {
  {
    absl::MutexLock lock(&mutex_);
    listeners_.erase(id);
    tickers_.erase(id);
  }
  absl::WriterMutexLock wait_for_calls(&calls_);
}

bool ConsultHub::Seen(const StoredConsult& stored) {
  absl::MutexLock lock(&mutex_);
  std::string& told = told_[stored.consult.name()];
  if (told == stored.consult.etag()) return true;
  told = stored.consult.etag();
  if (told_.size() > kMostRemembered) told_.clear();
  return false;
}

void ConsultHub::Publish(const StoredConsult& stored) {
  if (Seen(stored)) return;
  absl::ReaderMutexLock calling(&calls_);
  std::vector<Listener> listeners;
  {
    absl::MutexLock lock(&mutex_);
    for (const auto& [id, listener] : listeners_) listeners.push_back(listener);
  }
  for (const Listener& listener : listeners) listener(stored);
}

void ConsultHub::Start() {
  if (poll_interval_ <= absl::ZeroDuration() || poller_.joinable()) return;
  polled_until_micros_ = absl::ToUnixMicros(absl::Now());
  poller_ = std::thread([this] {
    while (!stop_.WaitForNotificationWithTimeout(poll_interval_)) Poll();
  });
}

void ConsultHub::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (poller_.joinable()) poller_.join();
}

void ConsultHub::Poll() {
  std::vector<Ticker> tickers;
  {
    absl::MutexLock lock(&mutex_);
    if (listeners_.empty()) {
      polled_until_micros_ = absl::ToUnixMicros(absl::Now());
      return;
    }
    for (const auto& [id, ticker] : tickers_) tickers.push_back(ticker);
  }
  {
    absl::ReaderMutexLock calling(&calls_);
    for (const Ticker& ticker : tickers) ticker(absl::Now());
  }
  const int64_t now = absl::ToUnixMicros(absl::Now());
  absl::StatusOr<std::vector<sql::Row>> rows =
      database_.Query("SELECT region, consult_id FROM consults WHERE update_time >= ? ORDER BY update_time",
                      {polled_until_micros_ - absl::ToInt64Microseconds(kOverlap)});
  if (!rows.ok()) {
    log::Warn("consult.watch_poll_failed", {{"code", absl::StatusCodeToString(rows.status().code())}});
    return;
  }
  polled_until_micros_ = now;
  for (const sql::Row& row : *rows) {
    absl::StatusOr<std::string> region = row.GetText(0);
    absl::StatusOr<std::string> id = row.GetText(1);
    if (!region.ok() || !id.ok()) continue;
    absl::StatusOr<absl::optional<StoredConsult>> stored =
        GetConsult(database_, "regions/" + *region + "/consults/" + *id);
    if (stored.ok() && stored->has_value()) Publish(**stored);
  }
}

}  // namespace samspar::consult
