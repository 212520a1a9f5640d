#ifndef SAMSPAR_COMMON_OUTBOX_OUTBOX_H_
#define SAMSPAR_COMMON_OUTBOX_OUTBOX_H_

// The transactional outbox: a message for another service (a business event
// for metrics) is written as a row in the sender's own database, in the same
// transaction as the change it reports. It exists exactly when the change
// does, and an OutboxRelay (outbox_relay.h) delivers it afterwards, however
// long the receiver is away. Delivery is at least once; the receiver
// de-duplicates by the row's id, which the sender passes on as the message's
// id (metrics: Event.event_id), so the effect is exactly once.
//
// The table, the same in every service that sends messages: each appends
// the migration below to its own list. Released migrations are never
// edited; a change is a new migration in each service.
//
// - id: a random UUID (version 4), lowercase; unique across replicas
//   without coordination, and what the receiver de-duplicates by.
// - topic: which relay takes the row, e.g. "metrics.events".
// - payload: the serialized message, opaque here.
// - create_time: microseconds since the Unix epoch; rows are delivered
//   oldest first.
// - attempts: failed deliveries so far, which set the backoff.
// - next_attempt_time: when the row is due again (microseconds). A relay
//   that hands a row to the receiver moves it forward first, so that other
//   replicas leave it alone meanwhile.
// - last_error: the reason of the last failed delivery (a code such as
//   UNAVAILABLE, never content of the payload), NULL until one failed.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/sql/database.h"

namespace samspar::outbox {

inline constexpr char kOutboxMigrationName[] = "outbox";

inline constexpr char kOutboxMigrationSql[] =
    "CREATE TABLE outbox ("
    "  id TEXT PRIMARY KEY,"
    "  topic TEXT NOT NULL,"
    "  payload BYTEA NOT NULL,"
    "  create_time BIGINT NOT NULL,"
    "  attempts BIGINT NOT NULL,"
    "  next_attempt_time BIGINT NOT NULL,"
    "  last_error TEXT);"
    "CREATE INDEX outbox_due ON outbox (topic, next_attempt_time);";

// Writes `payload` to the outbox under `topic`, due at once, and returns the
// new row's id. Call it with the transaction that makes the change the
// message reports, so that the message is committed or rolled back with it.
// The payload is stored as bytes and never appears in an error or a log.
// Errors: InvalidArgument for an empty topic; those of `tx` otherwise.
absl::StatusOr<std::string> Enqueue(sql::Executor& tx, absl::string_view topic,
                                    const std::string& payload, absl::Time now);

}  // namespace samspar::outbox

#endif  // SAMSPAR_COMMON_OUTBOX_OUTBOX_H_
