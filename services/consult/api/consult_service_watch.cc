// WatchConsult and WatchMyOffers: a snapshot, then every change the hub
// tells of, written one message at a time in the order of the changes.

#include <deque>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/api/region_names.h"
#include "common/audit/access_log.h"
#include "common/audit/access_log_proto.h"
#include "common/auth/rpc_rule.h"
#include "common/logging/log.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "services/consult/api/consult_parts.h"
#include "services/consult/api/consult_service.h"
#include "services/consult/lifecycle/consult_transitions.h"

namespace samspar::consult {
namespace {

absl::Status TokenExpired() {
  return Error(absl::StatusCode::kUnauthenticated, "TOKEN_EXPIRED",
               "the token expired: reconnect with a fresh one (the new stream starts with a snapshot)");
}

// A server stream whose messages are queued by the hub's threads and
// written one at a time; it finishes once what is queued before the end is
// written.
template <typename Response>
class QueuedStream : public grpc::ServerWriteReactor<Response> {
 public:
  // `release` runs when the stream is done (it gives back its quota).
  QueuedStream(ConsultHub& hub, absl::Time accepted_until, std::function<void()> release)
      : hub_(hub), accepted_until_(accepted_until), release_(std::move(release)) {}

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mutex_);
    queue_.pop_front();
    writing_ = false;
    if (!ok) return FinishLocked(absl::CancelledError("the client is gone"));
    WriteNextLocked();
  }

  void OnCancel() override {
    absl::MutexLock lock(&mutex_);
    FinishLocked(absl::CancelledError("the stream was cancelled"));
  }

  void OnDone() override {
    if (subscription_ >= 0) hub_.Unsubscribe(subscription_);  // no hub call after this
    release_();
    delete this;
  }

 protected:
  // Starts following the hub; `on_change` runs for every consult version.
  void Follow(std::function<void(const StoredConsult&)> on_change) {
    subscription_ = hub_.Subscribe(std::move(on_change), [this](absl::Time now) {
      if (now >= accepted_until_) End(TokenExpired());
    });
  }

  // False when the stream is ending and `response` is dropped.
  bool Send(Response response) {
    absl::MutexLock lock(&mutex_);
    if (ending_) return false;
    queue_.push_back(std::move(response));
    WriteNextLocked();
    return true;
  }

  // Ends the stream with `status` after what is queued.
 public:
  void End(const absl::Status& status) {
    absl::MutexLock lock(&mutex_);
    if (ending_) return;
    ending_ = true;
    end_ = status;
    if (!writing_) FinishLocked(status);
  }

 private:
  void WriteNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (writing_ || finished_) return;
    if (queue_.empty()) {
      if (ending_) FinishLocked(end_);
      return;
    }
    writing_ = true;
    this->StartWrite(&queue_.front());
  }

  void FinishLocked(const absl::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (finished_) return;
    finished_ = true;
    ending_ = true;
    this->Finish(ToGrpcStatus(status));
  }

  ConsultHub& hub_;
  const absl::Time accepted_until_;
  const std::function<void()> release_;
  int subscription_ = -1;
  absl::Mutex mutex_;
  std::deque<Response> queue_ ABSL_GUARDED_BY(mutex_);
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool ending_ ABSL_GUARDED_BY(mutex_) = false;
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;
  absl::Status end_ ABSL_GUARDED_BY(mutex_);
};

template <typename Response>
class RefusedStream : public grpc::ServerWriteReactor<Response> {
 public:
  explicit RefusedStream(const absl::Status& status) { this->Finish(ToGrpcStatus(status)); }
  void OnDone() override { delete this; }
};

// The messages of a consult after the first `skip`, oldest first, at most
// `count`.
std::vector<v1::ConsultMessage> MessagesAfter(sql::Database& database, const std::string& consult_name, int skip,
                                              int count) {
  std::vector<v1::ConsultMessage> messages;
  absl::StatusOr<api::RegionalName> name = api::ParseRegional(consult_name, "consults", "name");
  if (!name.ok()) return messages;
  absl::StatusOr<std::vector<sql::Row>> rows = database.Query(
      "SELECT resource FROM consult_messages WHERE region = ? AND consult_id = ? "
      "ORDER BY create_time, message_id LIMIT ? OFFSET ?",
      {name->region, name->id, int64_t{count}, int64_t{skip}});
  if (!rows.ok()) return messages;
  for (const sql::Row& row : *rows) {
    absl::StatusOr<std::string> resource = row.GetBlob(0);
    if (resource.ok() && messages.emplace_back().ParseFromString(*resource)) continue;
    if (!messages.empty()) messages.pop_back();
  }
  return messages;
}

// Who watches, through which service.
struct Watcher {
  ConsultServiceImpl& service;
  sql::Database& database;
  const identity::Caller caller;
  const std::string me;  // the caller's practitioner name
  const std::string peer;
};

// One WatchConsult call: the consult, then each history entry and message
// as it comes; complete when the consult ends, refused when the caller
// stops being a participant.
class ConsultWatch : public QueuedStream<v1::WatchConsultResponse> {
 public:
  ConsultWatch(ConsultHub& hub, Watcher watcher, std::function<void()> release)
      : QueuedStream(hub, watcher.caller.accepted_until, std::move(release)), watcher_(std::move(watcher)) {}

  // Follows the consult from before it is read, so that no change falls
  // between the first message and the next. The caller's part is judged
  // again on the version read, which is the one sent.
  void Begin(const std::string& name) {
    absl::MutexLock lock(&seen_mutex_);
    name_ = name;
    Follow([this](const StoredConsult& changed) { OnChange(changed); });
    absl::StatusOr<absl::optional<StoredConsult>> stored = GetConsult(watcher_.database, name);
    if (!stored.ok() || !stored->has_value()) {
      End(stored.ok() ? absl::NotFoundError("the consult is gone") : stored.status());
      return;
    }
    const v1::Consult& consult = (*stored)->consult;
    if (!IsParticipant(consult, watcher_.me)) return End(NoLongerParticipant());
    seq_seen_ = (*stored)->change_seq;
    history_seen_ = consult.history_size();
    messages_seen_ = consult.message_count();
    watcher_.service.RecordStreamAccess(watcher_.caller, watcher_.peer, "WatchConsult", consult);
    v1::WatchConsultResponse first;
    *first.mutable_consult() = consult;
    Send(std::move(first));
    if (IsFinal(consult.state())) End(absl::OkStatus());
  }

 private:
  static absl::Status NoLongerParticipant() {
    return Error(absl::StatusCode::kPermissionDenied, "NOT_A_PARTICIPANT",
                 "you no longer take part in this consult (your offer ended)");
  }

  void OnChange(const StoredConsult& stored) {
    const v1::Consult& consult = stored.consult;
    absl::MutexLock lock(&seen_mutex_);
    // Versions are told in commit order per replica, but two tellers may
    // overtake each other: an older one than what was sent is stale.
    if (consult.name() != name_ || stored.change_seq <= seq_seen_) return;
    seq_seen_ = stored.change_seq;
    if (!IsParticipant(consult, watcher_.me)) return End(NoLongerParticipant());
    std::vector<v1::WatchConsultResponse> responses;
    for (int i = history_seen_; i < consult.history_size(); ++i) {
      v1::WatchConsultResponse& response = responses.emplace_back();
      *response.mutable_consult() = consult;
      *response.mutable_change() = consult.history(i);
    }
    history_seen_ = std::max(history_seen_, consult.history_size());
    if (consult.message_count() > messages_seen_) {
      // Only this version's messages: a later one tells of those after.
      for (v1::ConsultMessage& message :
           MessagesAfter(watcher_.database, name_, messages_seen_, consult.message_count() - messages_seen_)) {
        v1::WatchConsultResponse& response = responses.emplace_back();
        *response.mutable_consult() = consult;
        *response.mutable_message() = std::move(message);
      }
      messages_seen_ = consult.message_count();
    }
    if (!responses.empty()) {
      watcher_.service.RecordStreamAccess(watcher_.caller, watcher_.peer, "WatchConsult", consult);
      for (v1::WatchConsultResponse& response : responses) Send(std::move(response));
    }
    if (IsFinal(consult.state())) End(absl::OkStatus());
  }

  const Watcher watcher_;
  absl::Mutex seen_mutex_;
  std::string name_ ABSL_GUARDED_BY(seen_mutex_);
  int64_t seq_seen_ ABSL_GUARDED_BY(seen_mutex_) = 0;
  int history_seen_ ABSL_GUARDED_BY(seen_mutex_) = 0;
  int messages_seen_ ABSL_GUARDED_BY(seen_mutex_) = 0;
};

// One WatchMyOffers call: what is offered to or held by the practitioner,
// then what happens to it, so that their app rings and stops ringing.
class OfferWatch : public QueuedStream<v1::WatchMyOffersResponse> {
 public:
  OfferWatch(ConsultHub& hub, Watcher watcher, std::function<void()> release)
      : QueuedStream(hub, watcher.caller.accepted_until, std::move(release)), watcher_(std::move(watcher)) {}

  // Subscribes before reading the snapshot, so that no change falls
  // between them.
  absl::Status Begin() {
    absl::MutexLock lock(&known_mutex_);
    Follow([this](const StoredConsult& changed) { OnChange(changed); });
    absl::StatusOr<api::RegionalName> me = api::ParseRegional(watcher_.me, "practitioners", "practitioner");
    if (!me.ok()) return me.status();
    SAMSPAR_ASSIGN_OR_RETURN(
        std::vector<sql::Row> rows,
        watcher_.database.Query("SELECT consult_id FROM consults WHERE region = ? AND (offered_to = ? OR "
                                "(assignee = ? AND state_code IN (?, ?, ?))) ORDER BY create_time",
                                {me->region, watcher_.me, watcher_.me, int64_t{v1::CONSULT_STATE_ACCEPTED},
                                 int64_t{v1::CONSULT_STATE_REASSIGNED}, int64_t{v1::CONSULT_STATE_ANSWERED}}));
    for (const sql::Row& row : rows) {
      SAMSPAR_ASSIGN_OR_RETURN(const std::string id, row.GetText(0));
      SAMSPAR_ASSIGN_OR_RETURN(const absl::optional<StoredConsult> stored,
                               GetConsult(watcher_.database, absl::StrCat("regions/", me->region, "/consults/", id)));
      if (!stored.has_value()) continue;
      Remember(*stored);
      Deliver(v1::OFFER_EVENT_KIND_SNAPSHOT, stored->consult);
    }
    v1::WatchMyOffersResponse end;
    end.set_kind(v1::OFFER_EVENT_KIND_SNAPSHOT_END);
    Send(std::move(end));
    return absl::OkStatus();
  }

 private:
  struct Known {
    int64_t seq = 0;  // the version last told
    bool offered = false;
    bool assigned = false;
    bool ended = false;  // nothing more to tell of it
    int history = 0;
    int messages = 0;
  };

  Known KnownOf(const StoredConsult& stored) const {
    const v1::Consult& consult = stored.consult;
    return {.seq = stored.change_seq,
            .offered = IsOfferedContact(consult, watcher_.me),
            .assigned = IsAssignee(consult, watcher_.me),
            .ended = IsFinal(consult.state()),
            .history = consult.history_size(),
            .messages = consult.message_count()};
  }

  void Remember(const StoredConsult& stored) ABSL_EXCLUSIVE_LOCKS_REQUIRED(known_mutex_) {
    known_[stored.consult.name()] = KnownOf(stored);
  }

  // Sends `kind` of `consult`; the patient data goes, and is logged, only to
  // a participant.
  void Deliver(v1::OfferEventKind kind, const v1::Consult& consult, const v1::ConsultMessage* message = nullptr) {
    v1::WatchMyOffersResponse response;
    response.set_kind(kind);
    *response.mutable_consult() = consult;
    const bool participant = IsParticipant(consult, watcher_.me);
    if (!participant) WithholdPatientData(*response.mutable_consult());
    if (message != nullptr) *response.mutable_message() = *message;
    if (Send(std::move(response)) && participant) {
      watcher_.service.RecordStreamAccess(watcher_.caller, watcher_.peer, "WatchMyOffers", consult);
    }
  }

  void OnChange(const StoredConsult& stored) {
    const v1::Consult& consult = stored.consult;
    absl::MutexLock lock(&known_mutex_);
    auto found = known_.find(consult.name());
    const Known now = KnownOf(stored);
    if (found == known_.end()) {
      // A consult new to the stream: only what concerns the practitioner
      // from now on (its earlier messages are in it, not rung for).
      if ((!now.offered && !now.assigned) || now.ended) return;
      found = known_.emplace(consult.name(), Known{.history = now.history, .messages = now.messages}).first;
    }
    const Known before = found->second;
    // An older version than the one told (two tellers overtaking), or one of
    // a consult that ended, tells nothing.
    if (now.seq <= before.seq || before.ended) return;
    found->second = now;
    if (now.offered && !before.offered) {
      Deliver(v1::OFFER_EVENT_KIND_OFFERED, consult);
    } else if (!now.offered && before.offered && !now.assigned) {
      Deliver(v1::OFFER_EVENT_KIND_OFFER_WITHDRAWN, consult);
    }
    if (now.assigned && !before.assigned) {
      Deliver(v1::OFFER_EVENT_KIND_ASSIGNED, consult);
    } else if (!now.assigned && before.assigned) {
      Deliver(v1::OFFER_EVENT_KIND_UNASSIGNED, consult);
    } else if (now.assigned && now.history > before.history) {
      const bool overdue =
          consult.history(consult.history_size() - 1).action() == v1::CONSULT_HISTORY_ACTION_ANSWER_OVERDUE;
      Deliver(overdue ? v1::OFFER_EVENT_KIND_ANSWER_OVERDUE : v1::OFFER_EVENT_KIND_UPDATED, consult);
    }
    if ((now.offered || now.assigned) && now.messages > before.messages) {
      for (const v1::ConsultMessage& message :
           MessagesAfter(watcher_.database, consult.name(), before.messages, now.messages - before.messages)) {
        Deliver(v1::OFFER_EVENT_KIND_MESSAGE_CREATED, consult, &message);
      }
    }
  }

  const Watcher watcher_;
  absl::Mutex known_mutex_;
  std::map<std::string, Known> known_ ABSL_GUARDED_BY(known_mutex_);
};

}  // namespace

void ConsultServiceImpl::RecordStreamAccess(const identity::Caller& caller, const std::string& peer,
                                            absl::string_view rpc, const v1::Consult& consult) {
  absl::optional<audit::AccessRecord> record = AccessOf(caller, peer, rpc, consult, audit::AccessAction::kStream);
  if (!record.has_value()) return;
  const absl::Status recorded =
      database_.RunInTransaction([&](sql::Transaction& tx) { return audit::RecordAccess(tx, *record); });
  if (!recorded.ok()) {
    log::Warn("consult.stream_access_not_logged", {{"code", absl::StatusCodeToString(recorded.code())}});
  }
}

grpc::ServerWriteReactor<v1::WatchConsultResponse>* ConsultServiceImpl::WatchConsult(
    grpc::CallbackServerContext* context, const v1::WatchConsultRequest* request) {
  using Refused = RefusedStream<v1::WatchConsultResponse>;
  absl::StatusOr<identity::Caller> caller = guard_.Admit(*context);
  if (!caller.ok()) return new Refused(caller.status());
  absl::StatusOr<api::RegionalName> name = api::ParseRegional(request->name(), "consults", "name");
  if (!name.ok()) return new Refused(name.status());
  if (absl::Status allowed = Allow(*caller, "WatchConsult", name->region, true).status(); !allowed.ok()) {
    return new Refused(allowed);
  }
  absl::StatusOr<absl::optional<StoredConsult>> stored = consult::GetConsult(database_, request->name());
  absl::Status refused;
  if (!stored.ok()) {
    refused = stored.status();
  } else if (!stored->has_value()) {
    refused = Error(absl::StatusCode::kNotFound, "CONSULT_NOT_FOUND", absl::StrCat(request->name(), " does not exist"));
  } else {
    refused = Allow(*caller, "WatchConsult", name->region, IsParticipant((*stored)->consult, PractitionerOf(*caller)))
                  .status();
  }
  if (!refused.ok()) return new Refused(refused);
  const std::string holder = server::StreamQuota::HolderOf(*caller);
  if (absl::Status admitted = stream_quota_.Admit(holder); !admitted.ok()) return new Refused(admitted);
  auto* watch = new ConsultWatch(hub_, {*this, database_, *caller, PractitionerOf(*caller), context->peer()},
                                 [this, holder] { stream_quota_.Release(holder); });
  watch->Begin(request->name());
  return watch;
}

grpc::ServerWriteReactor<v1::WatchMyOffersResponse>* ConsultServiceImpl::WatchMyOffers(
    grpc::CallbackServerContext* context, const v1::WatchMyOffersRequest* request) {
  using Refused = RefusedStream<v1::WatchMyOffersResponse>;
  absl::StatusOr<identity::Caller> caller = guard_.Admit(*context);
  if (!caller.ok()) return new Refused(caller.status());
  absl::StatusOr<api::RegionalName> name = api::ParseRegional(request->practitioner(), "practitioners", "practitioner");
  if (!name.ok()) return new Refused(name.status());
  const auth::RpcRule* rule = auth::FindRule("/samspar.v1.ConsultService/WatchMyOffers");
  if (rule == nullptr) return new Refused(absl::InternalError("no access rule for WatchMyOffers"));
  absl::StatusOr<auth::Decision> allowed = auth::Authorize(
      *caller, *rule, {.region = name->region, .self = request->practitioner() == PractitionerOf(*caller)});
  if (!allowed.ok()) return new Refused(allowed.status());
  const std::string holder = server::StreamQuota::HolderOf(*caller);
  if (absl::Status admitted = stream_quota_.Admit(holder); !admitted.ok()) return new Refused(admitted);
  auto* watch = new OfferWatch(hub_, {*this, database_, *caller, PractitionerOf(*caller), context->peer()},
                               [this, holder] { stream_quota_.Release(holder); });
  if (absl::Status begun = watch->Begin(); !begun.ok()) {
    // The reactor is the stream's: it ends with the refusal.
    watch->End(begun);
  }
  return watch;
}

}  // namespace samspar::consult
