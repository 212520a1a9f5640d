#ifndef SAMSPAR_COMMON_EVENTS_METRICS_SINK_H_
#define SAMSPAR_COMMON_EVENTS_METRICS_SINK_H_

// The receiving end of the consult and conference services' outbox relays
// for business events: hands a batch of outbox rows, each a serialized
// v1::Event, to MetricsService.IngestEvents.
//
// Each event gets the outbox row's id as its event_id, which metrics
// de-duplicates by, so a batch sent again (the relay delivers at least once)
// adds nothing. Tokens are per region, so the batch is sent as one call per
// region (in slices of at most 1000 events), each with a fresh token for
// that region. Every event is answered for itself:
// - ACCEPTED or DUPLICATE: kDelivered;
// - REJECTED: kRejected with metrics' reason (resending cannot help);
// - a payload that is not an Event: kRejected, UNREADABLE_PAYLOAD;
// - an event without a valid region (no token can carry it): kRejected,
//   FIELD_REQUIRED or FIELD_INVALID, as metrics would answer.
// A call that fails as a whole (metrics unavailable, the deadline passed,
// the token refused) leaves its events to be retried; after UNAVAILABLE or
// DEADLINE_EXCEEDED no further call is made, since metrics is away for every
// region. When no call got through, Deliver returns the first failed call's
// status, and the relay backs the whole batch off; when another region's
// call did, the failed call's events are kRetry with the status's reason or
// code, so that one region's trouble does not hold up the others' events.
//
// A refused token (UNAUTHENTICATED, PERMISSION_DENIED, or no token at all)
// is a configuration error: its rows stay, retried until the configuration
// is fixed, and it is logged as an error for every call it fails, by region
// and reason only. Payloads and events
// never appear in a log line or an error.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/client/bearer_token.h"
#include "common/client/service_tokens.h"
#include "common/outbox/outbox_relay.h"
#include "grpcpp/channel.h"
#include "samspar/v1/metrics.grpc.pb.h"

namespace samspar::events {

class MetricsSink {
 public:
  // The token source for calls about a region (two-digit code), e.g.
  // ServiceTokens::ForRegion; its tokens need scope `metrics.ingest`.
  using RegionTokens = std::function<client::TokenSource(const std::string& region)>;

  // The most events IngestEvents takes in one call.
  static constexpr int kMaxEventsPerCall = 1000;

  // Each IngestEvents call gives up after `timeout`.
  MetricsSink(std::shared_ptr<grpc::Channel> metrics, RegionTokens tokens, absl::Duration timeout);
  MetricsSink(std::shared_ptr<grpc::Channel> metrics, std::shared_ptr<const client::ServiceTokens> tokens,
              absl::Duration timeout);

  // One result per message of `batch`, in its order; or the status of the
  // call that failed when none got through (see above).
  absl::StatusOr<std::vector<outbox::DeliveryResult>> Deliver(const std::vector<outbox::OutboxMessage>& batch) const;

  // Deliver as an OutboxRelay takes it; the function holds its own copy of
  // this sink.
  outbox::OutboxRelay::Deliver AsDeliver() const;

 private:
  // One IngestEvents call for the events at `indices` (one region's, at most
  // kMaxEventsPerCall), which are moved out of `events`; sets their results
  // when metrics answers.
  absl::Status Send(const std::string& region, absl::Span<const size_t> indices, std::vector<v1::Event>& events,
                    std::vector<outbox::DeliveryResult>& results) const;

  std::shared_ptr<v1::MetricsService::Stub> stub_;
  RegionTokens tokens_;
  absl::Duration timeout_;
};

}  // namespace samspar::events

#endif  // SAMSPAR_COMMON_EVENTS_METRICS_SINK_H_
