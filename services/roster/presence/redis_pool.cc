#include "services/roster/presence/redis_pool.h"

#include <utility>

#include "absl/time/clock.h"
#include "common/logging/log.h"

namespace samspar::roster {

RedisPool::RedisPool(RedisOptions options) : options_(std::move(options)) {}

absl::StatusOr<std::vector<RedisReply>> RedisPool::RoundTrip(
    absl::Span<const RedisCommand> commands) {
  // Redis closes connections that sat idle when it restarts (or when it
  // times idle clients out): such a failure is retried once, on a fresh
  // connection, rather than taken for an outage.
  for (bool first_attempt = true;; first_attempt = false) {
    absl::StatusOr<Lease> lease = Acquire();
    if (!lease.ok()) return lease.status();
    absl::Status failure;
    if (lease->connection == nullptr) {
      absl::StatusOr<std::unique_ptr<RedisConnection>> opened = RedisConnection::Open(options_);
      if (opened.ok()) {
        lease->connection = *std::move(opened);
      } else {
        failure = opened.status();
      }
    }
    if (failure.ok()) {
      absl::StatusOr<std::vector<RedisReply>> replies =
          lease->connection->RoundTrip(commands, absl::Now() + options_.command_timeout);
      if (replies.ok()) {
        Release(*std::move(lease));
        return replies;
      }
      failure = replies.status();
    }
    bool closed_while_idle =
        first_attempt && lease->reused && failure.code() == absl::StatusCode::kUnavailable;
    Discard(*std::move(lease), /*drop_idle=*/closed_while_idle);
    if (!closed_while_idle) {
      MarkDown(failure);
      return absl::UnavailableError(failure.message());
    }
  }
}

absl::StatusOr<RedisPool::Lease> RedisPool::Acquire() {
  absl::MutexLock lock(&mu_);
  Lease lease;
  if (down_) {
    if (probing_ || absl::Now() < retry_at_) {
      return absl::UnavailableError(
          "Redis is down; calls fail at once until the next reconnection attempt");
    }
    probing_ = true;
    lease.probe = true;
  }
  auto has_room = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !idle_.empty() || open_ < options_.pool_size;
  };
  if (!mu_.AwaitWithTimeout(absl::Condition(&has_room), options_.command_timeout)) {
    if (lease.probe) probing_ = false;
    return absl::UnavailableError("every Redis connection stayed busy");
  }
  if (idle_.empty()) {
    ++open_;
  } else {
    lease.connection = std::move(idle_.back());
    idle_.pop_back();
    lease.reused = true;
  }
  return lease;
}

void RedisPool::Release(Lease lease) {
  bool recovered = false;
  {
    absl::MutexLock lock(&mu_);
    idle_.push_back(std::move(lease.connection));
    recovered = down_;
    down_ = false;
    probing_ = false;
  }
  available_.store(true);
  if (recovered) log::Info("presence_store.redis_up");
}

void RedisPool::Discard(Lease lease, bool drop_idle) {
  std::vector<std::unique_ptr<RedisConnection>> dropped;
  absl::MutexLock lock(&mu_);
  --open_;
  if (lease.probe) probing_ = false;
  if (drop_idle) {
    open_ -= static_cast<int>(idle_.size());
    dropped.swap(idle_);
  }
}

void RedisPool::MarkDown(const absl::Status& cause) {
  std::vector<std::unique_ptr<RedisConnection>> dropped;
  bool was_up = false;
  {
    absl::MutexLock lock(&mu_);
    was_up = !down_;
    down_ = true;
    probing_ = false;
    retry_at_ = absl::Now() + options_.retry_interval;
    // Idle connections shared the fate of the one that failed.
    open_ -= static_cast<int>(idle_.size());
    dropped.swap(idle_);
  }
  available_.store(false);
  if (was_up) {
    log::Warn("presence_store.redis_down",
              {{"error", std::string(cause.message())},
               {"retry_in_ms", absl::ToInt64Milliseconds(options_.retry_interval)}});
  }
}

}  // namespace samspar::roster
