#ifndef SAMSPAR_TESTS_INTEGRATION_ROSTER_PRESENCE_PRESENCE_TEST_SUPPORT_H_
#define SAMSPAR_TESTS_INTEGRATION_ROSTER_PRESENCE_PRESENCE_TEST_SUPPORT_H_

// What the presence tests share: options pointing at the test's Redis, a
// presence to store, and a log of the events a watcher received.

#include <functional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/roster/presence/presence_event.h"
#include "services/roster/presence/presence_record.h"
#include "services/roster/presence/presence_watch_hub.h"
#include "services/roster/presence/redis_options.h"
#include "tests/support/redis_server.h"

namespace samspar::roster {

// samspar.v1.PresenceState numbers.
inline constexpr int kAvailable = 1;
inline constexpr int kBusy = 2;
inline constexpr int kAway = 3;
inline constexpr int kOffline = 4;

inline constexpr char kRegion[] = "06";
inline constexpr char kOtherRegion[] = "01";
inline constexpr char kAnna[] = "SE2321000057-1001";
inline constexpr char kBertil[] = "SE2321000057-1002";

// Longer than any wait that should succeed, so that a slow machine does
// not fail a test that would pass.
inline constexpr absl::Duration kPatience = absl::Seconds(10);

inline RedisOptions OptionsFor(const testing::RedisServer& redis) {
  RedisOptions options;
  options.port = redis.port();
  return options;
}

inline PresenceRecord Presence(std::string practitioner, int state, std::string note,
                               absl::Duration ttl) {
  PresenceRecord record;
  record.practitioner = std::move(practitioner);
  record.state = state;
  record.note = std::move(note);
  record.ttl = ttl;
  return record;
}

// Whether `condition` holds, checked every few milliseconds, by `timeout`.
inline bool Eventually(const std::function<bool()>& condition, absl::Duration timeout = kPatience) {
  absl::Time deadline = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

// The events a listener received, in order.
class EventLog {
 public:
  using Predicate = std::function<bool(const PresenceEvent&)>;

  PresenceWatchHub::Listener Listener() {
    return [this](const PresenceEvent& event) {
      absl::MutexLock lock(&mu_);
      events_.push_back(event);
    };
  }

  // How many events came so far: where to start looking for the next ones.
  size_t size() const {
    absl::MutexLock lock(&mu_);
    return events_.size();
  }

  // The first event from position `since` on that `predicate` accepts,
  // waiting for it up to `timeout`.
  absl::optional<PresenceEvent> WaitFor(const Predicate& predicate, size_t since = 0,
                                        absl::Duration timeout = kPatience) const {
    absl::optional<PresenceEvent> found;
    auto arrived = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (size_t i = since; i < events_.size(); ++i) {
        if (predicate(events_[i])) {
          found = events_[i];
          return true;
        }
      }
      return false;
    };
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&arrived), timeout);
    return found;
  }

  // Whether any event so far matches `predicate`, without waiting.
  bool Any(const Predicate& predicate) const {
    absl::MutexLock lock(&mu_);
    for (const PresenceEvent& event : events_) {
      if (predicate(event)) return true;
    }
    return false;
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<PresenceEvent> events_ ABSL_GUARDED_BY(mu_);
};

inline EventLog::Predicate Is(PresenceEvent::Kind kind) {
  return [kind](const PresenceEvent& event) { return event.kind == kind; };
}

inline EventLog::Predicate Is(PresenceEvent::Kind kind, std::string practitioner) {
  return [kind, practitioner](const PresenceEvent& event) {
    return event.kind == kind && event.practitioner == practitioner;
  };
}

}  // namespace samspar::roster

#endif  // SAMSPAR_TESTS_INTEGRATION_ROSTER_PRESENCE_PRESENCE_TEST_SUPPORT_H_
