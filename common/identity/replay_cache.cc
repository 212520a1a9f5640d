#include "common/identity/replay_cache.h"

#include "absl/status/status.h"

namespace samspar::identity {

ReplayCache::ReplayCache(size_t capacity) : capacity_(capacity) {}

absl::StatusOr<bool> ReplayCache::CheckAndInsert(absl::string_view jti, absl::Time expiry,
                                                 absl::Time now) {
  absl::MutexLock lock(&mutex_);
  DropExpired(now);
  if (seen_.contains(jti)) return false;
  if (by_expiry_.size() >= capacity_) {
    return absl::UnavailableError("replay cache full; try again shortly");
  }
  const auto entry = by_expiry_.emplace(expiry, std::string(jti)).first;
  seen_.insert(entry->second);
  return true;
}

size_t ReplayCache::size() const {
  absl::MutexLock lock(&mutex_);
  return by_expiry_.size();
}

void ReplayCache::DropExpired(absl::Time now) {
  while (!by_expiry_.empty() && by_expiry_.begin()->first <= now) {
    seen_.erase(by_expiry_.begin()->second);
    by_expiry_.erase(by_expiry_.begin());
  }
}

}  // namespace samspar::identity
