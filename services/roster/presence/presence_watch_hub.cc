#include "services/roster/presence/presence_watch_hub.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "absl/memory/memory.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/logging/log.h"
#include "services/roster/presence/presence_codec.h"

namespace samspar::roster {
namespace {

constexpr char kExpiredChannel[] = "__keyevent@0__:expired";
constexpr absl::Duration kFirstBackoff = absl::Milliseconds(50);

}  // namespace

PresenceWatchHub::Subscription::~Subscription() { hub_->Unsubscribe(id_); }

PresenceWatchHub::PresenceWatchHub(RedisOptions options)
    : options_(std::move(options)), keys_(options_.key_prefix), wake_fd_(eventfd(0, EFD_CLOEXEC)) {
  thread_ = std::thread([this] { Run(); });
}

PresenceWatchHub::~PresenceWatchHub() {
  stopping_.store(true);
  uint64_t one = 1;
  [[maybe_unused]] ssize_t written = write(wake_fd_, &one, sizeof one);
  thread_.join();
  close(wake_fd_);
}

std::unique_ptr<PresenceWatchHub::Subscription> PresenceWatchHub::Subscribe(
    absl::string_view region, Listener listener) {
  absl::MutexLock lock(&listeners_mu_);
  uint64_t id = next_id_++;
  registrations_.emplace(id, Registration{std::string(region), std::move(listener)});
  return absl::WrapUnique(new Subscription(this, id));
}

void PresenceWatchHub::Unsubscribe(uint64_t id) {
  absl::MutexLock lock(&listeners_mu_);
  registrations_.erase(id);
}

void PresenceWatchHub::Run() {
  absl::Duration backoff = kFirstBackoff;
  while (!stopping_.load()) {
    absl::StatusOr<std::unique_ptr<RedisConnection>> connection = ConnectAndSubscribe();
    if (stopping_.load()) return;
    absl::Status ended = connection.status();
    if (connection.ok()) {
      backoff = kFirstBackoff;
      ReportHealth(true, ended);
      ended = Listen(**connection);
      if (stopping_.load()) return;
    }
    ReportHealth(false, ended);
    if (WaitUnlessStopping(backoff)) return;
    backoff = std::min(backoff * 2, options_.retry_interval);
  }
}

absl::StatusOr<std::unique_ptr<RedisConnection>> PresenceWatchHub::ConnectAndSubscribe() {
  absl::StatusOr<std::unique_ptr<RedisConnection>> connection = RedisConnection::Open(options_);
  if (!connection.ok()) return connection.status();
  if (absl::Status enabled = EnableExpiryEvents(**connection); !enabled.ok()) return enabled;
  const std::vector<RedisCommand> subscribe = {{"PSUBSCRIBE", keys_.ChannelPattern()},
                                               {"SUBSCRIBE", kExpiredChannel}};
  absl::StatusOr<std::vector<RedisReply>> confirmations =
      (*connection)->RoundTrip(subscribe, absl::Now() + options_.command_timeout);
  if (!confirmations.ok()) return confirmations.status();
  for (const RedisReply& confirmation : *confirmations) {
    if (confirmation.type == RedisReply::Type::kError) {
      return absl::UnavailableError(
          absl::StrCat("Redis refused to subscribe: ", confirmation.text));
    }
  }
  return connection;
}

absl::Status PresenceWatchHub::EnableExpiryEvents(RedisConnection& connection) {
  const RedisCommand get = {"CONFIG", "GET", "notify-keyspace-events"};
  absl::StatusOr<std::vector<RedisReply>> current =
      connection.RoundTrip(absl::MakeConstSpan(&get, 1), absl::Now() + options_.command_timeout);
  if (!current.ok()) return current.status();
  const RedisReply& reply = current->front();
  std::string refusal;
  if (reply.type == RedisReply::Type::kError) {
    refusal = reply.text;
  } else {
    // E: keyevent channels; x: expiries (A, "all", includes them).
    std::string flags = reply.elements.size() == 2 ? reply.elements[1].text : "";
    bool keyevents = absl::StrContains(flags, 'E');
    bool expiries = absl::StrContains(flags, 'x') || absl::StrContains(flags, 'A');
    if (keyevents && expiries) return absl::OkStatus();
    if (!keyevents) flags.push_back('E');
    if (!expiries) flags.push_back('x');
    const RedisCommand set = {"CONFIG", "SET", "notify-keyspace-events", flags};
    absl::StatusOr<std::vector<RedisReply>> changed =
        connection.RoundTrip(absl::MakeConstSpan(&set, 1), absl::Now() + options_.command_timeout);
    if (!changed.ok()) return changed.status();
    if (changed->front().type == RedisReply::Type::kError) refusal = changed->front().text;
  }
  if (!refusal.empty()) {
    log::Warn(
        "presence_watch.expiry_events_refused",
        {{"error", refusal}, {"consequence", "expired presences are not reported to watchers"}});
  }
  return absl::OkStatus();
}

absl::Status PresenceWatchHub::Listen(RedisConnection& connection) {
  absl::Time last_heard = absl::Now();
  absl::optional<absl::Time> ping_sent;
  for (;;) {
    absl::Time deadline = ping_sent.has_value() ? *ping_sent + options_.command_timeout
                                                : last_heard + options_.retry_interval;
    absl::StatusOr<RedisReply> message = connection.Receive(deadline, wake_fd_);
    if (message.ok()) {
      // Anything heard, a pong included, shows Redis is alive.
      last_heard = absl::Now();
      ping_sent.reset();
      Dispatch(*message);
      continue;
    }
    if (message.status().code() != absl::StatusCode::kDeadlineExceeded) return message.status();
    if (ping_sent.has_value()) return absl::UnavailableError("Redis did not answer a PING in time");
    const RedisCommand ping = {"PING"};
    if (absl::Status sent = connection.Send(absl::MakeConstSpan(&ping, 1)); !sent.ok()) return sent;
    ping_sent = absl::Now();
  }
}

void PresenceWatchHub::Dispatch(const RedisReply& message) {
  if (message.type != RedisReply::Type::kArray || message.elements.empty()) return;
  const std::string& kind = message.elements[0].text;
  if (kind == "pmessage" && message.elements.size() == 4) {
    absl::optional<std::string> region = keys_.RegionOfChannel(message.elements[2].text);
    absl::optional<PresenceRecord> record = DecodePresenceMessage(message.elements[3].text);
    if (!region.has_value() || !record.has_value()) {
      log::Warn("presence_watch.unreadable_change");
      return;
    }
    PresenceEvent event;
    event.kind = PresenceEvent::Kind::kChanged;
    event.region = *std::move(region);
    event.practitioner = record->practitioner;
    event.record = std::move(record);
    Deliver(event);
  } else if (kind == "message" && message.elements.size() == 3) {
    // Every key of this Redis that expires is announced; only presences
    // parse.
    absl::optional<PresenceKeyName> name = keys_.ParseKey(message.elements[2].text);
    if (!name.has_value()) return;
    PresenceEvent event;
    event.kind = PresenceEvent::Kind::kExpired;
    event.region = std::move(name->region);
    event.practitioner = std::move(name->practitioner);
    Deliver(event);
  }
}

void PresenceWatchHub::Deliver(const PresenceEvent& event) {
  bool for_everyone =
      event.kind == PresenceEvent::Kind::kStoreDown || event.kind == PresenceEvent::Kind::kStoreUp;
  absl::MutexLock lock(&listeners_mu_);
  for (const auto& [id, registration] : registrations_) {
    if (for_everyone || registration.region == event.region) registration.listener(event);
  }
}

void PresenceWatchHub::ReportHealth(bool up, const absl::Status& cause) {
  connected_.store(up);
  if (reported_up_ == up) return;
  reported_up_ = up;
  if (up) {
    log::Info("presence_watch.connected");
  } else {
    log::Warn("presence_watch.disconnected", {{"error", std::string(cause.message())}});
  }
  PresenceEvent event;
  event.kind = up ? PresenceEvent::Kind::kStoreUp : PresenceEvent::Kind::kStoreDown;
  Deliver(event);
}

bool PresenceWatchHub::WaitUnlessStopping(absl::Duration duration) {
  pollfd wake = {wake_fd_, POLLIN, 0};
  poll(&wake, 1, static_cast<int>(std::ceil(absl::ToDoubleMilliseconds(duration))));
  return stopping_.load();
}

}  // namespace samspar::roster
