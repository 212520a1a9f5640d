#ifndef SAMSPAR_SERVICES_CONSULT_CONSULT_OPTIONS_H_
#define SAMSPAR_SERVICES_CONSULT_CONSULT_OPTIONS_H_

// What the consult service needs beyond every service's options: the
// roster it routes with, the metrics service its events go to, the key its
// own calls are signed with, the subject-key secrets that keep consults
// pseudonymous in metrics, the regions' switchboards, and its timings.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/events/metrics_sink.h"
#include "common/events/subject_keys.h"
#include "grpcpp/channel.h"
#include "services/consult/routing/roster_gateway.h"

namespace samspar::consult {

struct ConsultOptions {
  std::shared_ptr<grpc::Channel> roster;
  RosterGateway::RegionTokens roster_tokens;
  // Null when metrics is not configured: events then wait in the outbox.
  std::shared_ptr<grpc::Channel> metrics;
  events::MetricsSink::RegionTokens metrics_tokens;
  // Required: events name consults by these keys.
  absl::optional<events::SubjectKeys> subject_keys;
  // Region code -> the switchboard number a requester is given when the
  // roster could not name a line's (routing never reached it).
  std::map<std::string, std::string> switchboards;
  // Each call to the roster gives up after this.
  absl::Duration roster_timeout = absl::Seconds(3);
  // A consult stored while the roster could not be reached is routed again
  // after this, until the routing deadline.
  absl::Duration routing_retry = absl::Seconds(5);
  absl::Duration routing_deadline = absl::Minutes(10);
  // How often due timers are looked for; zero runs none on their own (tests
  // drive them with RunDueTimers and their own clock).
  absl::Duration timer_interval = absl::Seconds(1);
  // How often events are delivered to metrics; zero delivers none on their
  // own (tests call DeliverEvents).
  absl::Duration delivery_interval = absl::Seconds(1);
  // How often a replica looks for consults changed by others, for its
  // watchers.
  absl::Duration watch_poll_interval = absl::Seconds(1);
  // Threads that run the calls, which wait on the roster; a call beyond
  // them waits its turn.
  int call_threads = 16;
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// From the flags (or their SAMSPAR_ environment variables).
absl::StatusOr<ConsultOptions> ConsultOptionsFromFlags();

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_CONSULT_OPTIONS_H_
