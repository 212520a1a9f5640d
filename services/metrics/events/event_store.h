#ifndef SAMSPAR_SERVICES_METRICS_EVENTS_EVENT_STORE_H_
#define SAMSPAR_SERVICES_METRICS_EVENTS_EVENT_STORE_H_

// The ingested events, kept once each by event id and numbered per region in
// commit order, so that every replica can follow a region's events by
// reading what came after the last number it has seen.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/sql/database.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::metrics {

enum class StoreResult {
  kAdded,
  kDuplicate,  // stored before with the same content
  kConflict,   // stored before with other content (EVENT_ID_CONFLICT)
};

class EventStore {
 public:
  explicit EventStore(sql::Database& database) : database_(database) {}

  // Stores valid events in one transaction: durable when this returns OK.
  // The results are in the order of `events`; an id that comes twice in the
  // batch is judged against its first occurrence. UNAVAILABLE
  // (DATABASE_UNAVAILABLE) when nothing could be stored.
  absl::StatusOr<std::vector<StoreResult>> Store(absl::Span<const v1::Event* const> events, absl::Time now);

  // Calls `visit` with the region's events numbered after `after_seq`, in
  // number order, each with its number. On an error the events visited so
  // far stay visited: a caller resumes after the last number it was given.
  using Visitor = std::function<void(int64_t seq, const v1::Event& event)>;
  absl::Status ReadAfter(absl::string_view region, int64_t after_seq, const Visitor& visit);

  // The regions with events (`regions/{region}`).
  absl::StatusOr<std::vector<std::string>> Regions();

  // The region's last event number (0 before its first event).
  absl::StatusOr<int64_t> LastSeq(absl::string_view region);

 private:
  sql::Database& database_;
};

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_EVENTS_EVENT_STORE_H_
