#ifndef SAMSPAR_COMMON_OUTBOX_OUTBOX_RELAY_H_
#define SAMSPAR_COMMON_OUTBOX_OUTBOX_RELAY_H_

// Delivers the outbox rows of one topic (outbox.h) to their receiver, in
// batches, oldest first, and removes them once the receiver has them.
//
// A round (RunOnce) claims the due rows of a batch in a short transaction
// (moving their next_attempt_time forward by claim_timeout, so that relays of
// other replicas skip them), calls Deliver with no transaction open (it is
// an RPC), then in a second transaction removes what was delivered or
// rejected and reschedules the rest with exponential backoff. Everything a
// relay knows is in the rows, so a restarted relay, or another replica's,
// continues where this one stopped.
//
// At least once: a relay that dies after Deliver and before removing the
// rows, or a Deliver that outlasts claim_timeout, lets the rows go out
// again. The receiver de-duplicates by id (metrics answers DUPLICATE).
// A retried row keeps its place by create_time but waits for its backoff
// while younger rows go ahead, so one stuck message does not hold up the
// others.

#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/sql/database.h"

namespace samspar::outbox {

// One message handed to the receiver. `id` is the outbox row's id: send it
// as the message's id (metrics: Event.event_id), which the receiver
// de-duplicates by.
struct OutboxMessage {
  std::string id;
  std::string payload;
};

// What became of one message of a batch.
struct DeliveryResult {
  enum class Outcome {
    // The receiver has it (metrics: ACCEPTED, or DUPLICATE, i.e. it had it
    // before): the row is removed.
    kDelivered,
    // The receiver refuses it for good (metrics: REJECTED): resending cannot
    // help, so the row is removed; it is logged by id and reason, and counted.
    kRejected,
    // Not taken this time: the row stays and is retried after a backoff.
    kRetry,
  };

  Outcome outcome = Outcome::kDelivered;
  // For kRejected and kRetry: a machine-readable reason such as
  // "PATIENT_IDENTITY_DETECTED". Logged and stored (last_error), so it must
  // never hold content of the payload.
  std::string reason;
};

// What one round did with the rows it took.
struct RelayCounts {
  int64_t delivered = 0;
  int64_t rejected = 0;
  int64_t retried = 0;

  int64_t total() const { return delivered + rejected + retried; }
};

struct RelayOptions {
  // Rows per Deliver call, at least 1 (metrics takes up to 1000 events).
  int batch_size = 500;
  // How often the background thread looks for due rows; after a full batch
  // that the receiver took it looks again at once.
  absl::Duration poll_interval = absl::Seconds(1);
  // The backoff after the n-th failed delivery of a row is
  // min(initial_backoff * 2^(n-1), max_backoff), shortened by a random part
  // of up to a half so that replicas and rows spread out.
  absl::Duration initial_backoff = absl::Seconds(1);
  absl::Duration max_backoff = absl::Minutes(5);
  // How long rows handed to Deliver are left alone by other relays. Longer
  // than Deliver's deadline; after it, rows of a relay that died are due
  // again.
  absl::Duration claim_timeout = absl::Minutes(1);
  // The time of each background round; tests replace it.
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

class OutboxRelay {
 public:
  // Sends a batch (1 to batch_size messages, oldest first) to the receiver
  // and returns one result per message, in the batch's order. An error of
  // the whole call (the receiver is unavailable, the deadline passed) means
  // that nothing is known to be delivered: every message is retried. Its
  // status is logged and stored by reason or code only, but must not carry
  // content of a payload either.
  using Deliver = std::function<absl::StatusOr<std::vector<DeliveryResult>>(
      const std::vector<OutboxMessage>& batch)>;

  // `database` must hold the outbox table and outlive the relay.
  OutboxRelay(sql::Database& database, std::string topic, Deliver deliver,
              RelayOptions options = {});
  // Stops the background thread, if started.
  ~OutboxRelay();
  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  // One round: delivers the due rows of one batch, as of `now`. A round with
  // no due rows does not call Deliver. A failed Deliver is not an error here
  // (its rows are counted as retried); errors are those of the database,
  // which leave the rows to be delivered again later.
  absl::StatusOr<RelayCounts> RunOnce(absl::Time now);

  // Rows of this topic not yet delivered, due or not: for metrics and tests.
  absl::StatusOr<int64_t> Pending();

  // What all rounds of this relay did so far.
  RelayCounts totals() const;

  // Runs rounds on a background thread, which then calls Deliver, every
  // poll_interval until Stop; database errors of a round are logged. Call at
  // most once.
  void Start();
  // Stops the background thread promptly (a round in progress finishes its
  // Deliver call first) and waits for it. Idempotent.
  void Stop();

 private:
  struct Batch;

  // Takes the due rows of one batch and keeps other relays off them.
  absl::StatusOr<Batch> Claim(absl::Time now);
  // Removes the rows that are done and reschedules the others.
  absl::Status Settle(const Batch& batch, const std::vector<DeliveryResult>& results,
                      absl::Time now);
  // The wait after a row's `failed_attempts`-th failed delivery.
  absl::Duration Backoff(int64_t failed_attempts) const;
  void Run();

  sql::Database& database_;
  const std::string topic_;
  const Deliver deliver_;
  const RelayOptions options_;

  mutable absl::Mutex totals_mu_;
  RelayCounts totals_ ABSL_GUARDED_BY(totals_mu_);

  absl::Notification stopping_;
  std::thread thread_;
};

}  // namespace samspar::outbox

#endif  // SAMSPAR_COMMON_OUTBOX_OUTBOX_RELAY_H_
