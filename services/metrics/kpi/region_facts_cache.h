#ifndef SAMSPAR_SERVICES_METRICS_KPI_REGION_FACTS_CACHE_H_
#define SAMSPAR_SERVICES_METRICS_KPI_REGION_FACTS_CACHE_H_

// Each region's facts, kept in memory and brought up to date from the event
// store before every read: a KPI query then scans compact facts instead of
// decoding a year of events, and a replica sees every event committed
// through any replica before the query began.

#include <cstdint>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/metrics/events/event_store.h"
#include "services/metrics/kpi/subject_facts.h"

namespace samspar::metrics {

class RegionFactsCache {
 public:
  explicit RegionFactsCache(EventStore& store) : store_(store) {}

  // Calls `read` with the facts of `region` (`regions/{region}`), shared
  // with concurrent readers. UNAVAILABLE when the store cannot be read.
  absl::Status Read(absl::string_view region, absl::FunctionRef<void(const RegionFacts&)> read);

  // Reads every region's events into memory, so that a replica's first
  // report does not wait for a year of them; a report for a region still
  // being read waits for it. Errors are left for the reports to meet.
  void WarmUp();

 private:
  struct Entry {
    absl::Mutex mutex;
    RegionFacts facts ABSL_GUARDED_BY(mutex);
    int64_t last_seq ABSL_GUARDED_BY(mutex) = 0;
  };
  Entry& EntryOf(absl::string_view region);

  EventStore& store_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, std::unique_ptr<Entry>> entries_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_KPI_REGION_FACTS_CACHE_H_
