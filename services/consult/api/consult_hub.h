#ifndef SAMSPAR_SERVICES_CONSULT_API_CONSULT_HUB_H_
#define SAMSPAR_SERVICES_CONSULT_API_CONSULT_HUB_H_

// Tells this replica's watchers (WatchMyOffers, WatchConsult) that a consult
// changed: at once for the changes this replica commits, and, by reading
// the consults changed since it last looked (by change number), for those
// other replicas commit (their timers, their callers), so that an app rings
// whichever replica its stream is on. A consult version is told once, and
// never after a later one.

#include <functional>
#include <map>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "services/consult/store/consult_store.h"

namespace samspar::consult {

class ConsultHub {
 public:
  using Listener = std::function<void(const StoredConsult&)>;
  // Called every poll interval, e.g. to end a stream whose token expired.
  using Ticker = std::function<void(absl::Time now)>;

  ConsultHub(sql::Database& database, absl::Duration poll_interval);
  ~ConsultHub();
  ConsultHub(const ConsultHub&) = delete;
  ConsultHub& operator=(const ConsultHub&) = delete;

  // `listener` is called with every consult version from now on, on the
  // committing or the polling thread; it must not block.
  int Subscribe(Listener listener, Ticker ticker = nullptr);
  // Once this returns, the listener and ticker of `id` are not called again
  // (a call in progress has finished).
  void Unsubscribe(int id);

  // A version this replica committed.
  void Publish(const StoredConsult& stored);

  // Starts looking for other replicas' changes every poll interval (none
  // when zero). Stop is idempotent.
  void Start();
  void Stop();

 private:
  void Poll();
  // Tells the listeners of `stored` unless told already; `calls_` is held.
  void TellLocked(const StoredConsult& stored);
  // Whether this version of the consult, or a later one, was told already;
  // remembers it.
  bool Seen(const StoredConsult& stored);

  sql::Database& database_;
  const absl::Duration poll_interval_;
  absl::Mutex mutex_;
  // Held shared while listeners or tickers run, exclusively by Unsubscribe.
  absl::Mutex calls_;
  std::map<int, Listener> listeners_ ABSL_GUARDED_BY(mutex_);
  std::map<int, Ticker> tickers_ ABSL_GUARDED_BY(mutex_);
  int next_id_ ABSL_GUARDED_BY(mutex_) = 0;
  // Consult name -> the change number of the last version told.
  std::map<std::string, int64_t> told_ ABSL_GUARDED_BY(mutex_);
  int64_t polled_after_ = 0;  // the poller's own: the last change number read
  absl::Notification stop_;
  std::thread poller_;
};

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_API_CONSULT_HUB_H_
