#include "services/roster/availability/presence_watch.h"

#include <algorithm>
#include <deque>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/availability/presences.h"
#include "services/roster/directory/directory_refs.h"

namespace samspar::roster {

// Each line's people at one tick, read once for all streams on the line.
using LinePeople = absl::flat_hash_map<std::string, absl::StatusOr<absl::flat_hash_set<std::string>>>;

namespace {

constexpr absl::Duration kTick = absl::Milliseconds(500);
constexpr int kMaxPractitioners = 200;
// A practitioner's devices, or an integration that follows many lines.
constexpr int kMaxStreamsPerCaller = 50;

// A stream refused before it began.
class RefusedStream : public grpc::ServerWriteReactor<v1::WatchPresenceResponse> {
 public:
  explicit RefusedStream(const absl::Status& status) { Finish(ToGrpcStatus(status)); }
  void OnDone() override { delete this; }
};

}  // namespace

// One WatchPresence call. Hub events are queued on the hub's thread; the
// ticker re-reads the set of people and recovers after an outage; writes go
// out one at a time. While presences are being read from Redis, events for
// the people being read are held and sent after what was read: events come
// in the order of the changes, so the client ends with the newest state.
class PresenceWatchStream : public grpc::ServerWriteReactor<v1::WatchPresenceResponse> {
 public:
  PresenceWatchStream(PresenceWatches& owner, std::string holder, std::string region, std::string line,
                      std::vector<std::string> practitioners, absl::Time accepted_until)
      : owner_(owner),
        holder_(std::move(holder)),
        region_(std::move(region)),
        line_(std::move(line)),
        fixed_(std::move(practitioners)),
        accepted_until_(accepted_until) {}

  // Subscribes before the first read, so that no change falls between them,
  // and lets the ticker see the stream only once the snapshot is queued: it
  // is the first message.
  void Begin() {
    subscription_ = owner_.Hub().Subscribe(region_, [this](const PresenceEvent& event) { OnEvent(event); });
    SendSnapshot(absl::Now(), true, nullptr);
    owner_.Register(this);
  }

  void Tick(absl::Time now, LinePeople& line_people) {
    if (now >= accepted_until_) {
      End(Error(absl::StatusCode::kUnauthenticated, "TOKEN_EXPIRED",
                "the token expired: reconnect with a fresh one (the new stream starts with a snapshot)"));
      return;
    }
    bool snapshot_due;
    {
      absl::MutexLock lock(&mutex_);
      snapshot_due = snapshot_due_;
    }
    if (snapshot_due) {
      SendSnapshot(now, false, &line_people);
    } else if (!line_.empty()) {
      FollowLine(now, line_people);
    }
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mutex_);
    queue_.pop_front();
    writing_ = false;
    if (!ok) {
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the client is gone"));
      return;
    }
    WriteNextLocked();
  }

  void OnCancel() override {
    absl::MutexLock lock(&mutex_);
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the stream was cancelled"));
  }

  void OnDone() override {
    owner_.Unregister(this);
    subscription_.reset();  // once this returns, the hub no longer calls us
    owner_.quota_.Release(holder_);
    delete this;
  }

 private:
  // The people watched now: the line's contacts on every step (read once a
  // tick for all streams on the line), or the list.
  absl::StatusOr<absl::flat_hash_set<std::string>> PeopleNow(absl::Time now, LinePeople* line_people) {
    if (line_.empty()) return absl::flat_hash_set<std::string>(fixed_.begin(), fixed_.end());
    if (line_people != nullptr) {
      if (auto known = line_people->find(line_); known != line_people->end()) return known->second;
    }
    absl::StatusOr<absl::flat_hash_set<std::string>> people = ReadLinePeople(now);
    if (line_people != nullptr) line_people->emplace(line_, people);
    return people;
  }

  absl::StatusOr<absl::flat_hash_set<std::string>> ReadLinePeople(absl::Time now) {
    SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> line, owner_.on_call_.schedules().Line(line_));
    std::vector<std::string> people = ContactsOf(line->At(now));
    return absl::flat_hash_set<std::string>(people.begin(), people.end());
  }

  // The presences of `people`, UNKNOWN for all when the store is not readable.
  std::pair<std::vector<v1::Presence>, bool> Read(const std::vector<std::string>& people) {
    absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read =
        people.empty() ? std::vector<absl::optional<PresenceRecord>>{} : owner_.store_.Get(region_, people);
    std::vector<v1::Presence> presences;
    for (size_t i = 0; i < people.size(); ++i) {
      presences.push_back(Presences::ToPresence(region_, people[i], read.ok() ? (*read)[i] : absl::nullopt));
    }
    return {std::move(presences), read.ok()};
  }

  // `first`: the stream's opening message, sent whether presence can be
  // read or not. Later snapshots follow an outage and wait until presence
  // can be read again.
  void SendSnapshot(absl::Time now, bool first, LinePeople* line_people) {
    absl::StatusOr<absl::flat_hash_set<std::string>> people = PeopleNow(now, line_people);
    if (!people.ok()) {
      End(people.status());
      return;
    }
    std::vector<std::string> sorted(people->begin(), people->end());
    std::sort(sorted.begin(), sorted.end());
    Hold(*people);
    auto [presences, known] = Read(sorted);
    absl::MutexLock lock(&mutex_);
    // While the hub is down its kStoreUp brings the next attempt; while it
    // is up but the store not yet readable, the next tick does.
    snapshot_due_ = !known && owner_.Hub().connected();
    if (known || first) {
      known_ = known;
      v1::WatchPresenceResponse message;
      message.set_snapshot(true);
      message.set_presence_known(known);
      for (v1::Presence& presence : presences) *message.add_presences() = std::move(presence);
      EnqueueLocked(std::move(message));
    }
    ReleaseHeldLocked();
  }

  void FollowLine(absl::Time now, LinePeople& line_people) {
    absl::StatusOr<absl::flat_hash_set<std::string>> people = PeopleNow(now, &line_people);
    if (!people.ok()) {
      End(people.status());
      return;
    }
    std::vector<std::string> added, removed;
    {
      absl::MutexLock lock(&mutex_);
      for (const std::string& person : *people) {
        if (!watched_.contains(person)) added.push_back(person);
      }
      for (const std::string& person : watched_) {
        if (!people->contains(person)) removed.push_back(person);
      }
    }
    if (added.empty() && removed.empty()) return;
    std::sort(added.begin(), added.end());
    std::sort(removed.begin(), removed.end());
    Hold(*people);
    auto [presences, known] = Read(added);
    v1::WatchPresenceResponse message;
    message.set_presence_known(known);
    for (v1::Presence& presence : presences) *message.add_presences() = std::move(presence);
    for (const std::string& person : removed) *message.add_removed_practitioners() = PractitionerName(region_, person);
    absl::MutexLock lock(&mutex_);
    if (!known) {
      // The newcomers are UNKNOWN until a snapshot can be read.
      known_ = false;
      snapshot_due_ = owner_.Hub().connected();
    }
    EnqueueLocked(std::move(message));
    ReleaseHeldLocked();
  }

  // From now on `people` are watched, and their events wait for the read
  // that follows.
  void Hold(const absl::flat_hash_set<std::string>& people) {
    absl::MutexLock lock(&mutex_);
    watched_ = people;
    holding_ = true;
  }

  void ReleaseHeldLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    holding_ = false;
    for (v1::WatchPresenceResponse& message : held_) EnqueueLocked(std::move(message));
    held_.clear();
  }

  // On the hub's thread: must not block.
  void OnEvent(const PresenceEvent& event) {
    absl::MutexLock lock(&mutex_);
    v1::WatchPresenceResponse message;
    switch (event.kind) {
      case PresenceEvent::Kind::kChanged:
      case PresenceEvent::Kind::kExpired:
        if (!watched_.contains(event.practitioner)) return;
        *message.add_presences() = Presences::ToPresence(region_, event.practitioner, event.record);
        message.set_presence_known(known_);
        break;
      case PresenceEvent::Kind::kStoreDown: {
        known_ = false;
        std::vector<std::string> sorted(watched_.begin(), watched_.end());
        std::sort(sorted.begin(), sorted.end());
        for (const std::string& person : sorted) {
          *message.add_presences() = Presences::ToPresence(region_, person, absl::nullopt);
        }
        message.set_presence_known(false);
        break;
      }
      case PresenceEvent::Kind::kStoreUp:
        // Changes made while the hub was away were missed: the ticker sends
        // a fresh snapshot rather than this thread reading Redis.
        snapshot_due_ = true;
        return;
    }
    if (holding_) {
      held_.push_back(std::move(message));
    } else {
      EnqueueLocked(std::move(message));
    }
  }

  void End(const absl::Status& status) {
    absl::MutexLock lock(&mutex_);
    FinishLocked(ToGrpcStatus(status));
  }

  void EnqueueLocked(v1::WatchPresenceResponse message) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (finished_) return;
    queue_.push_back(std::move(message));
    WriteNextLocked();
  }

  void WriteNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (writing_ || finished_ || queue_.empty()) return;
    writing_ = true;
    StartWrite(&queue_.front());
  }

  void FinishLocked(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  PresenceWatches& owner_;
  const std::string holder_;  // whose stream it is, for the per-caller limit
  const std::string region_;
  const std::string line_;  // empty when watching a list
  const std::vector<std::string> fixed_;
  const absl::Time accepted_until_;
  std::unique_ptr<PresenceWatchHub::Subscription> subscription_;

  absl::Mutex mutex_;
  std::deque<v1::WatchPresenceResponse> queue_ ABSL_GUARDED_BY(mutex_);
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;
  bool known_ ABSL_GUARDED_BY(mutex_) = true;
  bool snapshot_due_ ABSL_GUARDED_BY(mutex_) = false;
  bool holding_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<v1::WatchPresenceResponse> held_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_set<std::string> watched_ ABSL_GUARDED_BY(mutex_);
};

PresenceWatches::PresenceWatches(sql::Database& database, OnCall& on_call, PresenceStore& store, LazyPresenceHub& hub,
                                 int max_streams)
    : database_(database), on_call_(on_call), store_(store), hub_(hub), quota_(max_streams, kMaxStreamsPerCaller), ticker_([this] {
        RunTicker();
      }) {}

PresenceWatches::~PresenceWatches() {
  stopping_.Notify();
  ticker_.join();
}

void PresenceWatches::RunTicker() {
  while (!stopping_.WaitForNotificationWithTimeout(kTick)) {
    absl::MutexLock lock(&mutex_);
    const absl::Time now = absl::Now();
    LinePeople line_people;
    for (PresenceWatchStream* stream : streams_) stream->Tick(now, line_people);
  }
}

void PresenceWatches::Register(PresenceWatchStream* stream) {
  absl::MutexLock lock(&mutex_);
  streams_.push_back(stream);
}

void PresenceWatches::Unregister(PresenceWatchStream* stream) {
  absl::MutexLock lock(&mutex_);
  streams_.erase(std::remove(streams_.begin(), streams_.end(), stream), streams_.end());
}

absl::Status PresenceWatches::CheckScope(const std::string& region, const v1::WatchPresenceRequest& request) {
  switch (request.scope_case()) {
    case v1::WatchPresenceRequest::kLine: {
      SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(request.line(), "lines", "line"));
      if (name.region != region) return FieldError("line", "FIELD_INVALID", "line is not in the region of parent");
      SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> line, on_call_.schedules().Line(request.line()));
      if (line->line.state() == v1::LINE_STATE_RETIRED) {
        return Error(absl::StatusCode::kFailedPrecondition, "LINE_RETIRED",
                     absl::StrCat(request.line(), " is retired: nobody is on call on it"));
      }
      return absl::OkStatus();
    }
    case v1::WatchPresenceRequest::kPractitioners: {
      const auto& names = request.practitioners().practitioners();
      if (names.empty() || names.size() > kMaxPractitioners) {
        return FieldError("practitioners.practitioners", names.empty() ? "FIELD_REQUIRED" : "FIELD_INVALID",
                          absl::StrCat("practitioners.practitioners must name 1 to ", kMaxPractitioners));
      }
      for (int i = 0; i < names.size(); ++i) {
        SAMSPAR_RETURN_IF_ERROR(
            FindPractitioner(database_, region, names[i], absl::StrCat("practitioners.practitioners[", i, "]"))
                .status());
      }
      return absl::OkStatus();
    }
    default:
      return FieldError("scope", "FIELD_REQUIRED", "either line or practitioners is required");
  }
}

grpc::ServerWriteReactor<v1::WatchPresenceResponse>* PresenceWatches::Refuse(const absl::Status& status) {
  return new RefusedStream(status);
}

grpc::ServerWriteReactor<v1::WatchPresenceResponse>* PresenceWatches::Open(const identity::Caller& caller,
                                                                           const std::string& region,
                                                                           const v1::WatchPresenceRequest& request) {
  if (absl::Status scope = CheckScope(region, request); !scope.ok()) return Refuse(scope);
  // One caller (an app, a system) may hold a share of the server's streams,
  // so that it cannot keep everyone else from watching.
  const std::string holder = server::StreamQuota::HolderOf(caller);
  if (absl::Status admitted = quota_.Admit(holder); !admitted.ok()) return Refuse(admitted);
  std::vector<std::string> practitioners;
  for (const std::string& name : request.practitioners().practitioners()) {
    practitioners.push_back(ParseRegional(name, "practitioners", "").value().id);
  }
  auto* stream =
      new PresenceWatchStream(*this, holder, region, request.line(), std::move(practitioners), caller.accepted_until);
  stream->Begin();
  return stream;
}

}  // namespace samspar::roster
