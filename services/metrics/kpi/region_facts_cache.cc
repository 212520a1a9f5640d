#include "services/metrics/kpi/region_facts_cache.h"

#include "common/status/macros.h"

namespace samspar::metrics {

RegionFactsCache::Entry& RegionFactsCache::EntryOf(absl::string_view region) {
  absl::MutexLock lock(&mutex_);
  std::unique_ptr<Entry>& entry = entries_[region];
  if (entry == nullptr) entry = std::make_unique<Entry>();
  return *entry;
}

absl::Status RegionFactsCache::Read(absl::string_view region, absl::FunctionRef<void(const RegionFacts&)> read) {
  Entry& entry = EntryOf(region);
  SAMSPAR_ASSIGN_OR_RETURN(const int64_t committed, store_.LastSeq(region));
  {
    absl::MutexLock lock(&entry.mutex);
    if (entry.last_seq < committed) {
      // Each event is counted once: last_seq follows the events added, also
      // when the read stops half way.
      SAMSPAR_RETURN_IF_ERROR(store_.ReadAfter(
          region, entry.last_seq, [&entry](int64_t seq, const v1::Event& event) ABSL_NO_THREAD_SAFETY_ANALYSIS {
            entry.facts.Add(event);
            entry.last_seq = seq;
          }));
    }
  }
  absl::ReaderMutexLock lock(&entry.mutex);
  read(entry.facts);
  return absl::OkStatus();
}

void RegionFactsCache::WarmUp() {
  absl::StatusOr<std::vector<std::string>> regions = store_.Regions();
  if (!regions.ok()) return;
  for (const std::string& region : *regions) {
    Read(region, [](const RegionFacts&) {}).IgnoreError();
  }
}

}  // namespace samspar::metrics
