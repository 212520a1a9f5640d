#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_REDIS_CONNECTION_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_REDIS_CONNECTION_H_

// One connection to Redis over hiredis, with every wait bounded: commands
// are sent in one write and replies awaited until a deadline. After any
// failure the connection is unusable and is thrown away; Redis's own error
// replies (a refused command) are ordinary replies and leave it usable.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "services/roster/presence/redis_options.h"

struct redisContext;

namespace samspar::roster {

// A command and its arguments, binary-safe.
using RedisCommand = std::vector<std::string>;

// A reply as Redis sent it (RESP2).
struct RedisReply {
  enum class Type { kString, kArray, kInteger, kNil, kStatus, kError };
  Type type = Type::kNil;
  std::string text;  // kString, kStatus, kError
  int64_t integer = 0;
  std::vector<RedisReply> elements;  // kArray
};

class RedisConnection {
 public:
  // Connects within options.connect_timeout and authenticates when a
  // password is set. UNAVAILABLE when Redis cannot be reached or refuses
  // the password; DEADLINE_EXCEEDED when it does not answer within
  // options.command_timeout.
  static absl::StatusOr<std::unique_ptr<RedisConnection>> Open(const RedisOptions& options);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends `commands` without waiting for their replies. A send that
  // cannot proceed for the command timeout fails with DEADLINE_EXCEEDED.
  absl::Status Send(absl::Span<const RedisCommand> commands);

  // The next reply. DEADLINE_EXCEEDED when none has come by `deadline`: a
  // caller awaiting an answer must then drop the connection, while a
  // subscriber may wait again. CANCELLED as soon as `wake_fd` (when not -1)
  // becomes readable. UNAVAILABLE when the connection broke (Redis closed
  // it, or the network failed).
  absl::StatusOr<RedisReply> Receive(absl::Time deadline, int wake_fd = -1);

  // Send, then the replies to `commands` in order, all by `deadline`.
  absl::StatusOr<std::vector<RedisReply>> RoundTrip(absl::Span<const RedisCommand> commands,
                                                    absl::Time deadline);

 private:
  explicit RedisConnection(redisContext* context);
  // The status for the failure hiredis just reported; reads errno.
  absl::Status Failure() const;

  redisContext* context_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_REDIS_CONNECTION_H_
