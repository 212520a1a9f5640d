#include "common/events/metrics_sink.h"

#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "common/api/region_names.h"
#include "common/client/channel.h"
#include "common/logging/log.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"

namespace samspar::events {
namespace {

using outbox::DeliveryResult;
using Outcome = DeliveryResult::Outcome;

// A reason as metrics writes them (UPPER_SNAKE_CASE), else `fallback`: the
// relay stores and logs the reason, so nothing else gets through.
std::string ReasonOr(absl::string_view reason, absl::string_view fallback) {
  const bool shaped = !reason.empty() && reason.size() <= 64 && absl::c_all_of(reason, [](char c) {
    return absl::ascii_isupper(static_cast<unsigned char>(c)) || absl::ascii_isdigit(static_cast<unsigned char>(c)) ||
           c == '_';
  });
  return std::string(shaped ? reason : fallback);
}

// Metrics itself cannot be reached or cannot store: another region's call
// would fare no better.
bool MetricsAway(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnavailable || status.code() == absl::StatusCode::kDeadlineExceeded;
}

// This service's token is not accepted: its configuration is wrong.
bool TokenRefused(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnauthenticated || status.code() == absl::StatusCode::kPermissionDenied;
}

// The events of one region, by their index in the batch.
struct RegionEvents {
  std::string region;
  std::vector<size_t> indices;
};

DeliveryResult FromEventResult(const v1::EventResult& result) {
  switch (result.status()) {
    case v1::EVENT_RESULT_STATUS_ACCEPTED:
    case v1::EVENT_RESULT_STATUS_DUPLICATE:
      return {Outcome::kDelivered, ""};
    case v1::EVENT_RESULT_STATUS_REJECTED:
      return {Outcome::kRejected, ReasonOr(result.reason(), "REJECTED")};
    default:
      // A status this client does not know: not known to be stored.
      return {Outcome::kRetry, "UNKNOWN_RESULT_STATUS"};
  }
}

}  // namespace

MetricsSink::MetricsSink(std::shared_ptr<grpc::Channel> metrics, RegionTokens tokens, absl::Duration timeout)
    : stub_(v1::MetricsService::NewStub(std::move(metrics))), tokens_(std::move(tokens)), timeout_(timeout) {}

MetricsSink::MetricsSink(std::shared_ptr<grpc::Channel> metrics, std::shared_ptr<const client::ServiceTokens> tokens,
                         absl::Duration timeout)
    : MetricsSink(
          std::move(metrics),
          [tokens = std::move(tokens)](const std::string& region) { return tokens->ForRegion(region); }, timeout) {}

absl::StatusOr<std::vector<DeliveryResult>> MetricsSink::Deliver(
    const std::vector<outbox::OutboxMessage>& batch) const {
  std::vector<DeliveryResult> results(batch.size(), {Outcome::kRetry, ""});
  std::vector<v1::Event> events(batch.size());
  std::vector<RegionEvents> regions;  // in the order they first appear
  for (size_t i = 0; i < batch.size(); ++i) {
    v1::Event& event = events[i];
    if (!event.ParseFromString(batch[i].payload)) {
      results[i] = {Outcome::kRejected, "UNREADABLE_PAYLOAD"};
      continue;
    }
    // The payload does not carry the id: the row's id is the event's.
    event.set_event_id(batch[i].id);
    absl::StatusOr<std::string> region = api::ParseRegion(event.region(), "region");
    if (!region.ok()) {
      results[i] = {Outcome::kRejected, event.region().empty() ? "FIELD_REQUIRED" : "FIELD_INVALID"};
      continue;
    }
    auto same = absl::c_find_if(regions, [&](const RegionEvents& known) { return known.region == *region; });
    if (same == regions.end()) same = regions.insert(regions.end(), RegionEvents{*region, {}});
    same->indices.push_back(i);
  }

  bool answered = false;
  absl::Status first_failure;
  absl::Status away;  // once metrics is found away, no further call is made
  for (const RegionEvents& region : regions) {
    const absl::Span<const size_t> indices(region.indices);
    for (size_t start = 0; start < indices.size(); start += kMaxEventsPerCall) {
      const absl::Span<const size_t> slice = indices.subspan(start, kMaxEventsPerCall);
      const absl::Status sent = away.ok() ? Send(region.region, slice, events, results) : away;
      if (sent.ok()) {
        answered = true;
        continue;
      }
      if (MetricsAway(sent)) away = sent;
      if (first_failure.ok()) first_failure = sent;
      for (size_t i : slice) results[i] = {Outcome::kRetry, ReasonOrCode(sent)};
    }
  }
  if (!answered && !first_failure.ok()) return first_failure;
  return results;
}

absl::Status MetricsSink::Send(const std::string& region, absl::Span<const size_t> indices,
                               std::vector<v1::Event>& events, std::vector<DeliveryResult>& results) const {
  absl::StatusOr<std::string> token = tokens_(region)();
  if (!token.ok()) {
    // The token source's message names its key file, never an event.
    log::Error("metrics_sink.no_token", {{"region", region}, {"reason", ReasonOrCode(token.status())}});
    return Error(absl::StatusCode::kUnauthenticated, "TOKEN_MISSING",
                 absl::StrCat("no token to send region ", region, "'s events to metrics with: ",
                              token.status().message()));
  }
  v1::IngestEventsRequest request;
  for (size_t i : indices) *request.add_events() = std::move(events[i]);
  auto context = client::ContextWithToken(timeout_, *token);
  v1::IngestEventsResponse response;
  const grpc::Status status = stub_->IngestEvents(context.get(), request, &response);
  if (!status.ok()) {
    absl::Status failed = FromGrpcStatus(status);
    if (TokenRefused(failed)) {
      log::Error("metrics_sink.token_refused", {{"region", region}, {"reason", ReasonOrCode(failed)}});
    }
    return failed;
  }

  // Results are answered by index; an answer that does not match the request
  // leaves every event of the call to be sent again.
  if (response.results_size() != static_cast<int>(indices.size())) {
    return absl::InternalError(absl::StrCat("metrics answered ", response.results_size(), " results for ",
                                            indices.size(), " events"));
  }
  for (int j = 0; j < response.results_size(); ++j) {
    if (response.results(j).index() != j) {
      return absl::InternalError("metrics answered the events out of order");
    }
  }
  for (int j = 0; j < response.results_size(); ++j) results[indices[j]] = FromEventResult(response.results(j));
  return absl::OkStatus();
}

outbox::OutboxRelay::Deliver MetricsSink::AsDeliver() const {
  return [sink = *this](const std::vector<outbox::OutboxMessage>& batch) { return sink.Deliver(batch); };
}

}  // namespace samspar::events
