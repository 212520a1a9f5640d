#include "services/roster/presence/redis_connection.h"

#include <hiredis/hiredis.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace samspar::roster {
namespace {

// hiredis writes with write(2); writing to a connection that Redis has
// closed raises SIGPIPE, which would end the whole service. The signal is
// held back in this thread while writing, and discarded if it came.
class SigpipeHeldBack {
 public:
  SigpipeHeldBack() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    // A SIGPIPE pending already is not ours to discard.
    already_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &previous_);
  }
  ~SigpipeHeldBack() {
    if (!already_pending_) {
      timespec no_wait = {0, 0};
      while (sigtimedwait(&sigpipe_, nullptr, &no_wait) > 0) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeHeldBack(const SigpipeHeldBack&) = delete;
  SigpipeHeldBack& operator=(const SigpipeHeldBack&) = delete;

 private:
  sigset_t sigpipe_;
  sigset_t previous_;
  bool already_pending_ = false;
};

RedisReply Convert(const redisReply& raw) {
  RedisReply reply;
  switch (raw.type) {
    case REDIS_REPLY_STRING:
      reply.type = RedisReply::Type::kString;
      reply.text.assign(raw.str, raw.len);
      break;
    case REDIS_REPLY_STATUS:
      reply.type = RedisReply::Type::kStatus;
      reply.text.assign(raw.str, raw.len);
      break;
    case REDIS_REPLY_ERROR:
      reply.type = RedisReply::Type::kError;
      reply.text.assign(raw.str, raw.len);
      break;
    case REDIS_REPLY_INTEGER:
      reply.type = RedisReply::Type::kInteger;
      reply.integer = raw.integer;
      break;
    case REDIS_REPLY_ARRAY:
      reply.type = RedisReply::Type::kArray;
      reply.elements.reserve(raw.elements);
      for (size_t i = 0; i < raw.elements; ++i) reply.elements.push_back(Convert(*raw.element[i]));
      break;
    default:
      reply.type = RedisReply::Type::kNil;
      break;
  }
  return reply;
}

// poll(2) takes whole milliseconds; rounding up keeps it from waking just
// before the deadline and spinning.
int PollTimeoutMillis(absl::Duration remaining) {
  double millis = std::ceil(absl::ToDoubleMilliseconds(remaining));
  return static_cast<int>(std::min(millis, double{std::numeric_limits<int>::max()}));
}

}  // namespace

absl::StatusOr<std::unique_ptr<RedisConnection>> RedisConnection::Open(
    const RedisOptions& options) {
  redisContext* context = redisConnectWithTimeout(options.host.c_str(), options.port,
                                                  absl::ToTimeval(options.connect_timeout));
  if (context == nullptr) return absl::UnavailableError("no memory for a Redis connection");
  std::unique_ptr<RedisConnection> connection(new RedisConnection(context));
  if (context->err != 0) {
    return absl::UnavailableError(absl::StrCat("cannot connect to Redis at ", options.host, ":",
                                               options.port, ": ", context->errstr));
  }
  if (redisSetTimeout(context, absl::ToTimeval(options.command_timeout)) != REDIS_OK) {
    return connection->Failure();
  }
  if (!options.password.empty()) {
    const RedisCommand auth = {"AUTH", options.password};
    absl::StatusOr<std::vector<RedisReply>> replies =
        connection->RoundTrip(absl::MakeConstSpan(&auth, 1), absl::Now() + options.command_timeout);
    if (!replies.ok()) return replies.status();
    if (replies->front().type == RedisReply::Type::kError) {
      return absl::UnavailableError(
          absl::StrCat("Redis refused the password: ", replies->front().text));
    }
  }
  return connection;
}

RedisConnection::RedisConnection(redisContext* context) : context_(context) {}

RedisConnection::~RedisConnection() { redisFree(context_); }

absl::Status RedisConnection::Send(absl::Span<const RedisCommand> commands) {
  for (const RedisCommand& command : commands) {
    std::vector<const char*> arguments;
    std::vector<size_t> lengths;
    for (const std::string& argument : command) {
      arguments.push_back(argument.data());
      lengths.push_back(argument.size());
    }
    if (redisAppendCommandArgv(context_, static_cast<int>(arguments.size()), arguments.data(),
                               lengths.data()) != REDIS_OK) {
      return Failure();
    }
  }
  SigpipeHeldBack held_back;
  int done = 0;
  while (done == 0) {
    if (redisBufferWrite(context_, &done) != REDIS_OK) return Failure();
  }
  return absl::OkStatus();
}

absl::StatusOr<RedisReply> RedisConnection::Receive(absl::Time deadline, int wake_fd) {
  for (;;) {
    void* raw = nullptr;
    if (redisGetReplyFromReader(context_, &raw) != REDIS_OK) return Failure();
    if (raw != nullptr) {
      RedisReply reply = Convert(*static_cast<redisReply*>(raw));
      freeReplyObject(raw);
      return reply;
    }
    absl::Duration remaining = deadline - absl::Now();
    if (remaining <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError("Redis did not answer in time");
    }
    // poll(2) ignores the second entry when wake_fd is -1.
    pollfd watched[2] = {{context_->fd, POLLIN, 0}, {wake_fd, POLLIN, 0}};
    int ready = poll(watched, 2, PollTimeoutMillis(remaining));
    if (ready < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(absl::StrCat("waiting for Redis failed: ", strerror(errno)));
    }
    if (watched[1].revents != 0) return absl::CancelledError("stopped while waiting for Redis");
    // The socket is readable, so this read does not block.
    if (ready > 0 && redisBufferRead(context_) != REDIS_OK) return Failure();
  }
}

absl::StatusOr<std::vector<RedisReply>> RedisConnection::RoundTrip(
    absl::Span<const RedisCommand> commands, absl::Time deadline) {
  if (absl::Status sent = Send(commands); !sent.ok()) return sent;
  std::vector<RedisReply> replies;
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    absl::StatusOr<RedisReply> reply = Receive(deadline);
    if (!reply.ok()) return reply.status();
    replies.push_back(*std::move(reply));
  }
  return replies;
}

absl::Status RedisConnection::Failure() const {
  int error_number = errno;
  if (context_->err == REDIS_ERR_IO &&
      (error_number == EAGAIN || error_number == EWOULDBLOCK || error_number == ETIMEDOUT)) {
    return absl::DeadlineExceededError("Redis did not answer in time");
  }
  return absl::UnavailableError(absl::StrCat("Redis connection failed: ", context_->errstr));
}

}  // namespace samspar::roster
