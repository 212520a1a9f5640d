#include "services/consult/api/consult_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/audit/access_log.h"
#include "common/audit/access_log_proto.h"
#include "common/auth/rpc_rule.h"
#include "common/events/metrics_sink.h"
#include "common/logging/log.h"
#include "common/outbox/outbox.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/consult/api/consult_parts.h"
#include "services/consult/api/consult_requester.h"
#include "services/consult/events/consult_events.h"
#include "services/consult/routing/consult_offers.h"

namespace samspar::consult {
namespace {

constexpr char kService[] = "samspar.v1.ConsultService";
constexpr char kMetricsTopic[] = "metrics.events";
// Due consults one sweep takes; the next sweep takes the rest.
constexpr int kTimersPerSweep = 200;
// When a timer whose change failed is tried again.
constexpr absl::Duration kFailedTimerRetry = absl::Minutes(1);
// Attempts of a caller's change that lost the race to another change.
constexpr int kChangeAttempts = 4;

bool Lost(const absl::Status& status) { return ReasonOf(status).value_or("") == "CONCURRENT_MODIFICATION"; }

std::string RegionCodeOf(absl::string_view consult_name) {
  absl::StatusOr<api::RegionalName> name = api::ParseRegional(consult_name, "consults", "name");
  return name.ok() ? name->region : "";
}

absl::Status ConsultNotFound(absl::string_view name) {
  return Error(absl::StatusCode::kNotFound, "CONSULT_NOT_FOUND", absl::StrCat(name, " does not exist"));
}

bool AnswerDeadlinePassed(const v1::Consult& consult, absl::Time now) {
  return !consult.answer_overdue() && consult.has_answer_due_time() && api::FromProto(consult.answer_due_time()) <= now;
}

// The answer deadline passed: the assignee is reminded, the requester told,
// metrics counts it. An ACCEPTED consult stays so (consult_transitions.h);
// one being handed over stays REASSIGNED.
void FlagAnswerOverdue(ConsultChange& change) {
  change.consult().set_answer_overdue(true);
  change.Record(v1::CONSULT_HISTORY_ACTION_ANSWER_OVERDUE);
  change.Emit(v1::EVENT_TYPE_CONSULT_ANSWER_OVERDUE);
}

}  // namespace

ConsultServiceImpl::ConsultServiceImpl(server::ServiceContext& context, ConsultOptions options)
    : database_(context.database),
      guard_(context.guard),
      options_(std::move(options)),
      roster_(options_.roster, options_.roster_tokens, options_.roster_timeout),
      hub_(context.database, options_.watch_poll_interval),
      workers_(options_.call_threads) {
  if (options_.metrics != nullptr) {
    outbox::RelayOptions relay;
    if (options_.delivery_interval > absl::ZeroDuration()) relay.poll_interval = options_.delivery_interval;
    relay_ = std::make_unique<outbox::OutboxRelay>(
        database_, kMetricsTopic,
        events::MetricsSink(options_.metrics, options_.metrics_tokens, options_.roster_timeout).AsDeliver(), relay);
    if (options_.delivery_interval > absl::ZeroDuration()) relay_->Start();
  }
  hub_.Start();
  if (options_.timer_interval > absl::ZeroDuration()) {
    timers_ = std::thread([this] {
      while (!stopping_.WaitForNotificationWithTimeout(options_.timer_interval)) {
        absl::StatusOr<int> swept = RunDueTimers();
        if (!swept.ok()) {
          log::Warn("consult.timers_failed", {{"code", absl::StatusCodeToString(swept.status().code())}});
        }
      }
    });
  }
}

ConsultServiceImpl::~ConsultServiceImpl() {
  stopping_.Notify();
  if (timers_.joinable()) timers_.join();
  if (relay_ != nullptr) relay_->Stop();
  hub_.Stop();
}

absl::StatusOr<outbox::RelayCounts> ConsultServiceImpl::DeliverEvents() {
  if (relay_ == nullptr) return absl::FailedPreconditionError("no metrics service is configured");
  return relay_->RunOnce(Now());
}

absl::StatusOr<auth::Decision> ConsultServiceImpl::Allow(const identity::Caller& caller, absl::string_view rpc,
                                                         absl::string_view region,
                                                         absl::optional<bool> participant) const {
  const auth::RpcRule* rule = auth::FindRule(absl::StrCat("/", kService, "/", rpc));
  if (rule == nullptr) return absl::InternalError(absl::StrCat("no access rule for ", rpc));
  return auth::Authorize(caller, *rule, {.region = std::string(region), .participant = participant});
}

std::string ConsultServiceImpl::SwitchboardOf(absl::string_view region) const {
  auto found = options_.switchboards.find(std::string(region));
  return found == options_.switchboards.end() ? "" : found->second;
}

v1::Consult ConsultServiceImpl::AsSeenBy(const v1::Consult& consult, const identity::Caller& caller) const {
  v1::Consult seen = consult;
  if (!IsParticipant(consult, PractitionerOf(caller))) WithholdPatientData(seen);
  return seen;
}

absl::optional<audit::AccessRecord> ConsultServiceImpl::AccessOf(const identity::Caller& caller, absl::string_view peer,
                                                                 absl::string_view rpc, const v1::Consult& consult,
                                                                 audit::AccessAction action) const {
  if (!consult.has_patient()) return absl::nullopt;
  absl::StatusOr<audit::PatientId> patient = audit::CheckPatient(audit::FromProto(consult.patient()), "patient");
  if (!patient.ok()) return absl::nullopt;
  audit::AccessRecord record;
  record.region = caller.region;
  record.time = Now();
  record.actor = audit::ActorOf(caller);
  record.patient = *std::move(patient);
  record.resource = consult.name();
  record.action = action;
  record.method = absl::StrCat("/", kService, "/", rpc);
  record.service = kService;
  record.basis = BasisOf(consult, PractitionerOf(caller));
  record.peer = std::string(peer);
  return record;
}

absl::Status ConsultServiceImpl::Write(sql::Transaction& tx, ConsultChange& change,
                                       const std::vector<audit::AccessRecord>& accesses) {
  // The transaction may run again (a busy database): nothing here changes
  // what a second run starts from.
  StoredConsult& stored = change.stored();
  const v1::Consult& consult = stored.consult;
  const std::string region = RegionCodeOf(consult.name());
  const std::vector<PendingEvent>& events = change.events();
  if (change.expected_etag().empty()) {
    SAMSPAR_RETURN_IF_ERROR(InsertConsult(tx, stored));
  } else {
    SAMSPAR_RETURN_IF_ERROR(ReplaceConsult(tx, stored, change.expected_etag()));
  }
  SAMSPAR_ASSIGN_OR_RETURN(stored.change_seq, ChangeSeqOf(tx, consult.name()));
  if (!events.empty()) {
    SAMSPAR_ASSIGN_OR_RETURN(const std::string subject_key, options_.subject_keys->KeyOf(region, consult.name()));
    for (const PendingEvent& pending : events) {
      // Every event of a change counts under the line the change leaves it
      // with (the created event under the line routing just chose).
      const LineFacts& line = pending.line.has_value() ? *pending.line : stored.routed_line;
      v1::Event event = MetricsEventOf(pending.type, consult,
                                       {.subject_key = subject_key,
                                        .target_unit = line.unit,
                                        .specialty = line.specialty,
                                        .previous_line = pending.previous_line,
                                        .first_acceptance = pending.first_acceptance},
                                       pending.time.value_or(change.now()));
      event.set_requester_unit_type(CountedUnitType(consult));
      SAMSPAR_RETURN_IF_ERROR(outbox::Enqueue(tx, kMetricsTopic, event.SerializeAsString(), change.now()).status());
    }
  }
  for (const audit::AccessRecord& access : accesses) SAMSPAR_RETURN_IF_ERROR(audit::RecordAccess(tx, access));
  return absl::OkStatus();
}

namespace {

void AnnounceIfDue(ConsultChange& change) {
  StoredConsult& stored = change.stored();
  const v1::Consult& consult = stored.consult;
  // A consult stored while the directory was away is announced once its
  // requester unit's type is known, or when it ends without.
  if (!stored.created_event_sent &&
      (consult.requester_unit_type() != v1::UNIT_TYPE_UNSPECIFIED || IsFinal(consult.state()))) {
    change.Emit(PendingEvent{.type = v1::EVENT_TYPE_CONSULT_CREATED, .time = api::FromProto(consult.create_time())});
    stored.created_event_sent = true;
  }
}

}  // namespace

absl::StatusOr<v1::Consult> ConsultServiceImpl::ChangeAsCaller(
    const CallerChange& call, absl::FunctionRef<bool(const v1::Consult&, absl::string_view)> has_part, Mutation mutate,
    const std::function<absl::Status(sql::Transaction&, const ConsultChange&)>& also) {
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName name, api::ParseRegional(call.name, "consults", "name"));
  // Who may call at all comes before whether the consult exists.
  SAMSPAR_RETURN_IF_ERROR(Allow(call.caller, call.rpc, name.region, true).status());
  const std::string me = PractitionerOf(call.caller);
  const v1::Actor actor = audit::ToProto(audit::ActorOf(call.caller), call.caller.region);
  for (int attempt = 1;; ++attempt) {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<StoredConsult> stored, consult::GetConsult(database_, call.name));
    if (!stored.has_value()) return ConsultNotFound(call.name);
    SAMSPAR_RETURN_IF_ERROR(Allow(call.caller, call.rpc, name.region, has_part(stored->consult, me)).status());
    if (!call.etag.empty() && call.etag != stored->consult.etag()) {
      return Error(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                   absl::StrCat(call.name, " changed since it was read: read it again and retry"));
    }
    const std::string before = stored->consult.SerializeAsString();
    const absl::optional<absl::Time> due_before = stored->due_time;
    ConsultChange change(*std::move(stored), Now(), actor);
    // Whose access it is is judged by the part the caller had when acting.
    std::vector<audit::AccessRecord> accesses;
    if (absl::optional<audit::AccessRecord> access =
            AccessOf(call.caller, call.context.peer(), call.rpc, change.consult(), audit::AccessAction::kUpdate)) {
      accesses.push_back(*std::move(access));
    }
    SAMSPAR_RETURN_IF_ERROR(mutate(change));
    if (change.consult().SerializeAsString() == before && change.stored().due_time == due_before) {
      // A retry of what is done already: a read, logged as one.
      if (absl::optional<audit::AccessRecord> read =
              AccessOf(call.caller, call.context.peer(), call.rpc, change.consult(), audit::AccessAction::kRead)) {
        SAMSPAR_RETURN_IF_ERROR(
            database_.RunInTransaction([&](sql::Transaction& tx) { return audit::RecordAccess(tx, *read); }));
      }
      return AsSeenBy(change.consult(), call.caller);
    }
    AnnounceIfDue(change);
    change.Seal();
    const absl::Status written = database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
      SAMSPAR_RETURN_IF_ERROR(Write(tx, change, accesses));
      if (also) SAMSPAR_RETURN_IF_ERROR(also(tx, change));
      return absl::OkStatus();
    });
    if (Lost(written) && attempt < kChangeAttempts && call.etag.empty()) continue;
    if (Lost(written)) {
      return Error(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                   absl::StrCat(call.name, " changed at the same moment: read it again and retry"));
    }
    SAMSPAR_RETURN_IF_ERROR(written);
    hub_.Publish(change.stored());
    return AsSeenBy(change.consult(), call.caller);
  }
}

absl::StatusOr<bool> ConsultServiceImpl::ChangeAsSamspar(
    const std::string& name, absl::FunctionRef<absl::StatusOr<bool>(ConsultChange&)> mutate) {
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<StoredConsult> stored, consult::GetConsult(database_, name));
  if (!stored.has_value()) return false;
  ConsultChange change(*std::move(stored), Now(), SamsparActor());
  SAMSPAR_ASSIGN_OR_RETURN(const bool changed, mutate(change));
  if (!changed) return false;
  AnnounceIfDue(change);
  change.Seal();
  const absl::Status written = database_.RunInTransaction([&](sql::Transaction& tx) { return Write(tx, change, {}); });
  // Another replica, or a caller, changed it first: theirs stands, and the
  // next sweep looks at the consult as it is now.
  if (Lost(written)) return false;
  SAMSPAR_RETURN_IF_ERROR(written);
  hub_.Publish(change.stored());
  return true;
}

absl::StatusOr<int> ConsultServiceImpl::RunDueTimers() {
  SAMSPAR_ASSIGN_OR_RETURN(const std::vector<std::string> due, DueConsults(database_, Now(), kTimersPerSweep));
  int changed = 0;
  for (const std::string& name : due) {
    if (stopping_.HasBeenNotified()) break;  // the next start picks the rest up
    absl::StatusOr<bool> done = ChangeAsSamspar(name, [this](ConsultChange& change) { return OnTimer(change); });
    if (!done.ok()) {
      // One consult's trouble (a region without a subject key) must not
      // hold up the others' timers: it is tried again a minute on.
      log::Warn("consult.timer_failed", {{"code", absl::StatusCodeToString(done.status().code())},
                                         {"reason", ReasonOf(done.status()).value_or("")}});
      if (absl::Status postponed = PostponeTimer(database_, name, Now() + kFailedTimerRetry); !postponed.ok()) {
        return postponed;
      }
      continue;
    }
    if (*done) ++changed;
  }
  return changed;
}

absl::StatusOr<bool> ConsultServiceImpl::OnTimer(ConsultChange& change) {
  StoredConsult& stored = change.stored();
  v1::Consult& consult = stored.consult;
  if (!stored.due_time.has_value() || *stored.due_time > change.now()) return false;
  switch (consult.state()) {
    case v1::CONSULT_STATE_CREATED:
      return RouteDelayed(change);
    case v1::CONSULT_STATE_OFFERED:
    case v1::CONSULT_STATE_ESCALATED:
    case v1::CONSULT_STATE_REASSIGNED: {
      // The assignee's deadline runs on while they hand the consult over.
      const bool overdue =
          consult.state() == v1::CONSULT_STATE_REASSIGNED && AnswerDeadlinePassed(consult, change.now());
      if (overdue) FlagAnswerOverdue(change);
      if (consult.has_current_offer()) {
        const absl::Time expire = api::FromProto(consult.current_offer().expire_time());
        if (expire > change.now()) {
          stored.due_time = expire;
          return overdue;
        }
        EndOffer(change, v1::CONSULT_HISTORY_ACTION_OFFER_TIMED_OUT, "");
      }
      const absl::Status moved = MoveOn(change, roster_, SwitchboardOf(RegionCodeOf(consult.name())));
      if (moved.code() == absl::StatusCode::kUnavailable) {
        stored.due_time = change.now() + options_.routing_retry;
        return true;
      }
      SAMSPAR_RETURN_IF_ERROR(moved);
      return true;
    }
    case v1::CONSULT_STATE_ACCEPTED:
      stored.due_time = absl::nullopt;
      if (!consult.answer_overdue()) {
        SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kAnswerOverdue));
        FlagAnswerOverdue(change);
      }
      return true;
    case v1::CONSULT_STATE_ANSWERED:
      SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kClosed));
      *consult.mutable_close_time() = api::ToProto(change.now());
      consult.clear_auto_close_time();
      change.Record(v1::CONSULT_HISTORY_ACTION_CLOSED);
      change.Emit(v1::EVENT_TYPE_CONSULT_CLOSED);
      return true;
    default:
      stored.due_time = absl::nullopt;  // nothing is due in this state
      return true;
  }
}

absl::StatusOr<bool> ConsultServiceImpl::RouteDelayed(ConsultChange& change) {
  StoredConsult& stored = change.stored();
  v1::Consult& consult = stored.consult;
  const std::string region = RegionCodeOf(consult.name());
  if (consult.requester_unit_type() == v1::UNIT_TYPE_UNSPECIFIED) {
    absl::StatusOr<RequesterFacts> unit =
        roster_.RequesterUnit(region, consult.requester_unit().name(), consult.requester().name());
    if (unit.ok()) SetRequester(consult, *unit);
  }
  absl::StatusOr<RoutedLine> routed = roster_.Route(region, consult.track(), consult.target(), change.now());
  if (routed.ok()) {
    SAMSPAR_RETURN_IF_ERROR(OfferFirst(change, *routed));
    return true;
  }
  if (routed.status().code() == absl::StatusCode::kUnavailable) {
    if (change.now() < api::FromProto(consult.create_time()) + options_.routing_deadline) {
      stored.due_time = change.now() + options_.routing_retry;
      return true;
    }
    SAMSPAR_RETURN_IF_ERROR(EndUnanswered(change, ConsultEvent::kRoutingRefused,
                                          v1::UNANSWERED_REASON_ROUTING_DEADLINE_PASSED, SwitchboardOf(region)));
    return true;
  }
  const std::string phone = MetadataOf(routed.status(), "fallback_phone").value_or(SwitchboardOf(region));
  SAMSPAR_RETURN_IF_ERROR(
      EndUnanswered(change, ConsultEvent::kRoutingRefused, UnansweredReasonOf(routed.status()), phone));
  return true;
}

}  // namespace samspar::consult
