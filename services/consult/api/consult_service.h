#ifndef SAMSPAR_SERVICES_CONSULT_API_CONSULT_SERVICE_H_
#define SAMSPAR_SERVICES_CONSULT_API_CONSULT_SERVICE_H_

// ConsultService (consult.proto): consults created and routed to the
// on-call, escalated on stored timers, answered, closed, with their
// conversation and outcomes; every change in one transaction with its
// history, its metrics events (outbox) and its access-log entries.

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "common/audit/access_record.h"
#include "common/auth/authorize.h"
#include "common/identity/caller.h"
#include "common/outbox/outbox_relay.h"
#include "common/server/call_guard.h"
#include "common/server/service_main.h"
#include "common/server/stream_quota.h"
#include "common/sql/database.h"
#include "samspar/v1/consult.grpc.pb.h"
#include "services/consult/api/consult_hub.h"
#include "services/consult/consult_options.h"
#include "services/consult/lifecycle/consult_change.h"
#include "services/consult/routing/roster_gateway.h"

namespace samspar::consult {

class ConsultServiceImpl : public v1::ConsultService::CallbackService {
 public:
  ConsultServiceImpl(server::ServiceContext& context, ConsultOptions options);
  ~ConsultServiceImpl() override;

  // One sweep of the due timers (offer expiry, answer deadline, auto-close,
  // delayed routing) at the options' clock: what the background thread does
  // every timer_interval. Returns how many consults it changed.
  absl::StatusOr<int> RunDueTimers();

  // One delivery round of the metrics events waiting in the outbox.
  absl::StatusOr<outbox::RelayCounts> DeliverEvents();

  // Logs that a stream delivered `consult` with its patient data to
  // `caller`; a failure is logged, not raised (the stream has sent it).
  void RecordStreamAccess(const identity::Caller& caller, const std::string& peer, absl::string_view rpc,
                          const v1::Consult& consult);

  grpc::ServerUnaryReactor* CreateConsult(grpc::CallbackServerContext* context, const v1::CreateConsultRequest* request,
                                          v1::Consult* response) override;
  grpc::ServerUnaryReactor* GetConsult(grpc::CallbackServerContext* context, const v1::GetConsultRequest* request,
                                       v1::Consult* response) override;
  grpc::ServerUnaryReactor* ListConsults(grpc::CallbackServerContext* context, const v1::ListConsultsRequest* request,
                                         v1::ListConsultsResponse* response) override;
  grpc::ServerUnaryReactor* AcceptConsult(grpc::CallbackServerContext* context, const v1::AcceptConsultRequest* request,
                                          v1::Consult* response) override;
  grpc::ServerUnaryReactor* DeclineConsult(grpc::CallbackServerContext* context,
                                           const v1::DeclineConsultRequest* request, v1::Consult* response) override;
  grpc::ServerUnaryReactor* AnswerConsult(grpc::CallbackServerContext* context, const v1::AnswerConsultRequest* request,
                                          v1::Consult* response) override;
  grpc::ServerUnaryReactor* RecordConsultOutcome(grpc::CallbackServerContext* context,
                                                 const v1::RecordConsultOutcomeRequest* request,
                                                 v1::Consult* response) override;
  grpc::ServerUnaryReactor* CloseConsult(grpc::CallbackServerContext* context, const v1::CloseConsultRequest* request,
                                         v1::Consult* response) override;
  grpc::ServerUnaryReactor* CancelConsult(grpc::CallbackServerContext* context, const v1::CancelConsultRequest* request,
                                          v1::Consult* response) override;
  grpc::ServerUnaryReactor* ReassignConsult(grpc::CallbackServerContext* context,
                                            const v1::ReassignConsultRequest* request, v1::Consult* response) override;
  grpc::ServerUnaryReactor* IdentifyConsultPatient(grpc::CallbackServerContext* context,
                                                   const v1::IdentifyConsultPatientRequest* request,
                                                   v1::Consult* response) override;
  grpc::ServerUnaryReactor* CreateConsultMessage(grpc::CallbackServerContext* context,
                                                 const v1::CreateConsultMessageRequest* request,
                                                 v1::ConsultMessage* response) override;
  grpc::ServerUnaryReactor* ListConsultMessages(grpc::CallbackServerContext* context,
                                                const v1::ListConsultMessagesRequest* request,
                                                v1::ListConsultMessagesResponse* response) override;
  grpc::ServerWriteReactor<v1::WatchMyOffersResponse>* WatchMyOffers(grpc::CallbackServerContext* context,
                                                                     const v1::WatchMyOffersRequest* request) override;
  grpc::ServerWriteReactor<v1::WatchConsultResponse>* WatchConsult(grpc::CallbackServerContext* context,
                                                                   const v1::WatchConsultRequest* request) override;

 private:
  // What a change made by a caller needs besides the consult.
  struct CallerChange {
    const identity::Caller& caller;
    const grpc::CallbackServerContext& context;
    absl::string_view rpc;  // "AcceptConsult"
    std::string name;       // the consult
    std::string etag;       // the request's, when it sent one
  };
  using Mutation = absl::FunctionRef<absl::Status(ConsultChange&)>;

  // Handlers wait on the roster: they run on the service's own workers.
  template <typename Handler>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, Handler handler) {
    return guard_.ServeOn(workers_, context, std::move(handler));
  }

  // The RPC's rule applied to the caller and the consult's facts.
  absl::StatusOr<auth::Decision> Allow(const identity::Caller& caller, absl::string_view rpc, absl::string_view region,
                                       absl::optional<bool> participant) const;

  // Loads `call.name`, checks the caller may make `call.rpc` on it (the
  // part is decided by `has_part`) and the etag, lets `mutate` change it and
  // commits the change with an access-log entry; when another change came
  // first, starts again from the fresh consult. Returns the consult as the
  // caller may see it.
  // `also` writes what goes with the change in its transaction (a message).
  absl::StatusOr<v1::Consult> ChangeAsCaller(
      const CallerChange& call, absl::FunctionRef<bool(const v1::Consult&, absl::string_view)> has_part,
      Mutation mutate, const std::function<absl::Status(sql::Transaction&, const ConsultChange&)>& also = nullptr);

  // Loads the consult and applies `mutate` as Samspår (timers, routing);
  // false when `mutate` found nothing to do or another replica came first.
  absl::StatusOr<bool> ChangeAsSamspar(const std::string& name,
                                       absl::FunctionRef<absl::StatusOr<bool>(ConsultChange&)> mutate);

  // Writes the change, its events and `accesses` in `tx` (sets the stored
  // version's change number).
  absl::Status Write(sql::Transaction& tx, ConsultChange& change, const std::vector<audit::AccessRecord>& accesses);

  // The access-log entry of `caller`'s `action` on the consult's patient;
  // nullopt for a consult without a patient.
  absl::optional<audit::AccessRecord> AccessOf(const identity::Caller& caller, absl::string_view peer,
                                               absl::string_view rpc, const v1::Consult& consult,
                                               audit::AccessAction action) const;

  // The consult as `caller` sees it: whole for participants, patient data
  // withheld for the others allowed to read it.
  v1::Consult AsSeenBy(const v1::Consult& consult, const identity::Caller& caller) const;

  // The change a due timer makes (see RunDueTimers).
  absl::StatusOr<bool> OnTimer(ConsultChange& change);
  // Routing of a consult stored while the roster could not be reached.
  absl::StatusOr<bool> RouteDelayed(ConsultChange& change);

  std::string SwitchboardOf(absl::string_view region) const;

  // The handlers, in the files that hold them.
  absl::StatusOr<v1::Consult> Create(const identity::Caller& caller, const grpc::CallbackServerContext& context,
                                     const v1::CreateConsultRequest& request);
  absl::StatusOr<v1::Consult> Get(const identity::Caller& caller, const grpc::CallbackServerContext& context,
                                  const v1::GetConsultRequest& request);
  absl::Status List(const identity::Caller& caller, const grpc::CallbackServerContext& context,
                    const v1::ListConsultsRequest& request, v1::ListConsultsResponse& response);
  absl::StatusOr<v1::Consult> Reassign(const identity::Caller& caller, const grpc::CallbackServerContext& context,
                                       const v1::ReassignConsultRequest& request);
  absl::StatusOr<v1::ConsultMessage> CreateMessage(const identity::Caller& caller,
                                                   const grpc::CallbackServerContext& context,
                                                   const v1::CreateConsultMessageRequest& request);
  absl::Status ListMessages(const identity::Caller& caller, const grpc::CallbackServerContext& context,
                            const v1::ListConsultMessagesRequest& request, v1::ListConsultMessagesResponse& response);

  absl::Time Now() const { return options_.clock(); }

  sql::Database& database_;
  server::CallGuard& guard_;
  const ConsultOptions options_;
  RosterGateway roster_;
  std::unique_ptr<outbox::OutboxRelay> relay_;
  ConsultHub hub_;
  // Watch streams open, in all and per caller (a doctor's phone and tablet).
  server::StreamQuota stream_quota_{10000, 20};
  absl::Notification stopping_;
  std::thread timers_;
  // Last, so that calls still queued finish before the rest goes.
  server::CallWorkers workers_;
};

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_API_CONSULT_SERVICE_H_
