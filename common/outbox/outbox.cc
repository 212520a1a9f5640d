#include "common/outbox/outbox.h"

#include <cstdint>

#include "common/ids/resource_id.h"
#include "common/sql/value.h"
#include "common/status/macros.h"

namespace samspar::outbox {

absl::StatusOr<std::string> Enqueue(sql::Executor& tx, absl::string_view topic, const std::string& payload,
                                    absl::Time now) {
  if (topic.empty()) return absl::InvalidArgumentError("outbox topic must not be empty");
  std::string id = ids::NewUuid();
  const int64_t micros = absl::ToUnixMicros(now);
  SAMSPAR_RETURN_IF_ERROR(tx.Execute("INSERT INTO outbox (id, topic, payload, create_time, attempts, "
                                     "next_attempt_time) VALUES (?, ?, ?, ?, 0, ?)",
                                     {id, topic, sql::Blob{payload}, micros, micros})
                              .status());
  return id;
}

}  // namespace samspar::outbox
