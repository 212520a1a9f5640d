#include "services/consult/api/consult_hub.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "common/logging/log.h"

namespace samspar::consult {
namespace {

// Consults whose last version told is remembered; beyond it the oldest
// memory goes, and a version read again would be told again.
constexpr size_t kMostRemembered = 100000;
// Changed consults read per poll.
constexpr int kPollBatch = 500;

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
  int64_t& told = told_[stored.consult.name()];
  if (stored.change_seq <= told) return true;
  told = stored.change_seq;
  if (told_.size() > kMostRemembered) told_.clear();
  return false;
}

void ConsultHub::Publish(const StoredConsult& stored) {
  absl::ReaderMutexLock calling(&calls_);
  TellLocked(stored);
}

void ConsultHub::TellLocked(const StoredConsult& stored) {
  if (Seen(stored)) return;
  std::vector<Listener> listeners;
  {
    absl::MutexLock lock(&mutex_);
    for (const auto& [id, listener] : listeners_) listeners.push_back(listener);
  }
  for (const Listener& listener : listeners) listener(stored);
}

void ConsultHub::Start() {
  if (poll_interval_ <= absl::ZeroDuration() || poller_.joinable()) return;
  polled_after_ = LastChangeSeq(database_).value_or(0);
  poller_ = std::thread([this] {
    while (!stop_.WaitForNotificationWithTimeout(poll_interval_)) Poll();
  });
}

void ConsultHub::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (poller_.joinable()) poller_.join();
}

void ConsultHub::Poll() {
  // Shared before the tickers are copied: once Unsubscribe returns, no copy
  // of its ticker is called.
  absl::ReaderMutexLock calling(&calls_);
  std::vector<Ticker> tickers;
  bool listened;
  {
    absl::MutexLock lock(&mutex_);
    listened = !listeners_.empty();
    for (const auto& [id, ticker] : tickers_) tickers.push_back(ticker);
  }
  if (!listened) {  // nobody to tell: skip what happened meanwhile
    polled_after_ = LastChangeSeq(database_).value_or(polled_after_);
    return;
  }
  for (const Ticker& ticker : tickers) ticker(absl::Now());
  absl::StatusOr<std::vector<std::string>> changed = ChangedAfter(database_, polled_after_, kPollBatch);
  if (!changed.ok()) {
    log::Warn("consult.watch_poll_failed", {{"code", absl::StatusCodeToString(changed.status().code())}});
    return;
  }
  for (const std::string& name : *changed) {
    absl::StatusOr<absl::optional<StoredConsult>> stored = GetConsult(database_, name);
    if (!stored.ok() || !stored->has_value()) continue;
    polled_after_ = std::max(polled_after_, (*stored)->change_seq);
    TellLocked(**stored);
  }
}

}  // namespace samspar::consult
