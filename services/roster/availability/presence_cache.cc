#include "services/roster/availability/presence_cache.h"

#include <utility>

namespace samspar::roster {
namespace {

// Pub/sub delivers every change while subscribed; re-reading now and then
// bounds what a lost message could cost.
constexpr absl::Duration kLongestKept = absl::Minutes(1);

absl::optional<PresenceRecord> Current(const absl::optional<PresenceRecord>& record, absl::Time now) {
  if (record.has_value() && record->expire_time <= now) return absl::nullopt;
  return record;
}

}  // namespace

PresenceCache::PresenceCache(PresenceStore& store, LazyPresenceHub& hub) : store_(store), hub_(hub) {}

PresenceCache::~PresenceCache() {
  // Unsubscribe without the lock: a listener running now may be waiting for
  // it, and a subscription's end waits for its listener.
  std::vector<std::unique_ptr<PresenceWatchHub::Subscription>> subscriptions;
  {
    absl::MutexLock lock(&mutex_);
    for (auto& [name, region] : regions_) subscriptions.push_back(std::move(region->subscription));
  }
}

void PresenceCache::Follow(const std::string& region) {
  {
    absl::MutexLock lock(&mutex_);
    if (regions_.contains(region)) return;
    regions_[region] = std::make_unique<Region>();
  }
  std::unique_ptr<PresenceWatchHub::Subscription> subscription =
      hub_.Get().Subscribe(region, [this, region](const PresenceEvent& event) { OnEvent(region, event); });
  const bool up = hub_.Get().connected();
  absl::MutexLock lock(&mutex_);
  Region& cache = *regions_[region];
  cache.subscription = std::move(subscription);
  if (cache.health_reports == 0) cache.live = up;
}

void PresenceCache::OnEvent(const std::string& region, const PresenceEvent& event) {
  absl::MutexLock lock(&mutex_);
  auto found = regions_.find(region);
  if (found == regions_.end()) return;
  Region& cache = *found->second;
  switch (event.kind) {
    case PresenceEvent::Kind::kChanged:
    case PresenceEvent::Kind::kExpired:
      cache.entries[event.practitioner] = {event.record, absl::Now(), ++sequence_};
      return;
    case PresenceEvent::Kind::kStoreDown:
    case PresenceEvent::Kind::kStoreUp:
      // Changes made while the hub was away were missed: start afresh.
      cache.live = event.kind == PresenceEvent::Kind::kStoreUp;
      ++cache.health_reports;
      cache.entries.clear();
      ++sequence_;
      return;
  }
}

void PresenceCache::Put(const std::string& region, const PresenceRecord& record, absl::Time now) {
  Follow(region);
  absl::MutexLock lock(&mutex_);
  Region& cache = *regions_[region];
  if (cache.live) cache.entries[record.practitioner] = {record, now, ++sequence_};
}

absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> PresenceCache::Get(const std::string& region,
                                                                               absl::Span<const std::string> people,
                                                                               absl::Time now) {
  std::vector<absl::optional<PresenceRecord>> result(people.size());
  std::vector<std::string> missing;
  std::vector<size_t> missing_at;
  uint64_t before = 0;
  Follow(region);
  {
    absl::MutexLock lock(&mutex_);
    Region& cache = *regions_[region];
    if (!cache.live) {
      // Nothing can be kept current: the store answers, or says it cannot.
      missing.assign(people.begin(), people.end());
    } else {
      for (size_t i = 0; i < people.size(); ++i) {
        auto kept = cache.entries.find(people[i]);
        if (kept != cache.entries.end() && now - kept->second.read_time < kLongestKept) {
          result[i] = Current(kept->second.record, now);
        } else {
          missing.push_back(people[i]);
          missing_at.push_back(i);
        }
      }
    }
    before = sequence_;
  }
  if (missing.empty()) return result;
  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read = store_.Get(region, missing);
  if (!read.ok()) return read.status();
  if (missing_at.empty()) return *std::move(read);  // not kept: the store's answer as it is

  absl::MutexLock lock(&mutex_);
  Region& cache = *regions_[region];
  // What was read is kept only if nothing happened meanwhile (a change, or
  // the hub going away or coming back): it could be older than that.
  const bool quiet = cache.live && sequence_ == before;
  for (size_t k = 0; k < missing.size(); ++k) {
    result[missing_at[k]] = Current((*read)[k], now);
    if (quiet) cache.entries[missing[k]] = {(*read)[k], now, sequence_};
  }
  return result;
}

}  // namespace samspar::roster
