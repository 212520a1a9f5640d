// The state changes a caller makes: accept, decline, answer, outcome, close,
// cancel, hand over, identify the patient. Each checks the caller's part in
// the consult and the transition, and leaves the consult unchanged when it
// refuses.

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/audit/access_log.h"
#include "common/audit/access_log_proto.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/consult/api/consult_parts.h"
#include "services/consult/api/consult_requester.h"
#include "services/consult/api/consult_requests.h"
#include "services/consult/api/consult_service.h"
#include "services/consult/routing/consult_offers.h"

namespace samspar::consult {
namespace {

absl::Status OfferExpired(const v1::Consult& consult) {
  return Error(absl::StatusCode::kFailedPrecondition, "OFFER_EXPIRED",
               absl::StrCat("the offer of ", consult.name(), " to you has ended and the consult moved on"));
}

// The offered contact, or one whose offer ended (refused OFFER_EXPIRED
// rather than as a stranger).
bool OfferedNowOrBefore(const v1::Consult& consult, absl::string_view me) {
  return IsOfferedContact(consult, me) || WasOffered(consult, me);
}

std::string OutcomeNote(v1::ConsultOutcome outcome, absl::string_view note) {
  std::string text(v1::ConsultOutcome_Name(outcome));
  if (!note.empty()) absl::StrAppend(&text, ": ", note);
  return text;
}

void SetOutcome(ConsultChange& change, v1::ConsultOutcome outcome, absl::string_view note) {
  v1::Consult& consult = change.consult();
  consult.set_outcome(outcome);
  consult.set_outcome_note(std::string(note));
  *consult.mutable_outcome_recorded_by() = change.actor();
}

absl::Status Accept(ConsultChange& change, absl::string_view me) {
  StoredConsult& stored = change.stored();
  v1::Consult& consult = stored.consult;
  // Accepting again what one holds is a retry, answered as it is.
  if (consult.state() == v1::CONSULT_STATE_ACCEPTED && IsAssignee(consult, me)) return absl::OkStatus();
  // An offer that ended with the consult (cancelled, taken) says so by state.
  if (!HasPendingOffer(consult.state())) return NextState(consult.state(), ConsultEvent::kAccepted).status();
  if (!IsOfferedContact(consult, me)) return OfferExpired(consult);
  const bool first = !consult.has_accept_time();
  SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kAccepted));
  if (stored.handover_line.has_value()) {
    // A handover to another line: the consult now belongs to that line.
    stored.routed_line = *std::move(stored.handover_line);
    stored.handover_line.reset();
    consult.set_routed_line(stored.routed_line.name);
    consult.set_routed_line_display_name(stored.routed_line.display_name);
  }
  *consult.mutable_assignee() = consult.current_offer().practitioner();
  consult.clear_current_offer();
  *consult.mutable_accept_time() = api::ToProto(change.now());
  if (first) {
    *consult.mutable_time_to_accept() = api::ToProtoDuration(change.now() - api::FromProto(consult.create_time()));
  }
  const absl::Time due = change.now() + stored.routed_line.answer_timeout;
  *consult.mutable_answer_due_time() = api::ToProto(due);
  stored.due_time = due;
  stored.participants.push_back(std::string(me));
  *change.Record(v1::CONSULT_HISTORY_ACTION_ACCEPTED).mutable_subject() = consult.assignee();
  change.Emit(PendingEvent{.type = v1::EVENT_TYPE_CONSULT_ACCEPTED, .first_acceptance = first});
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* ConsultServiceImpl::AcceptConsult(grpc::CallbackServerContext* context,
                                                            const v1::AcceptConsultRequest* request,
                                                            v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(CheckAcceptConsult(*request));
    const std::string me = PractitionerOf(caller);
    SAMSPAR_ASSIGN_OR_RETURN(*response, ChangeAsCaller(
                                            {caller, *context, "AcceptConsult", request->name(), request->etag()},
                                            [](const v1::Consult& consult, absl::string_view who) {
                                              return OfferedNowOrBefore(consult, who) || IsAssignee(consult, who);
                                            },
                                            [&](ConsultChange& change) { return Accept(change, me); }));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::DeclineConsult(grpc::CallbackServerContext* context,
                                                             const v1::DeclineConsultRequest* request,
                                                             v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(CheckDeclineConsult(*request));
    const std::string me = PractitionerOf(caller);
    auto decline = [&](ConsultChange& change) -> absl::Status {
      v1::Consult& consult = change.consult();
      if (!HasPendingOffer(consult.state())) {
        return NextState(consult.state(), ConsultEvent::kMovedOn).status();
      }
      if (!IsOfferedContact(consult, me)) return OfferExpired(consult);
      if (request->reason() == v1::DECLINE_REASON_NOT_FOR_THIS_LINE &&
          consult.state() != v1::CONSULT_STATE_REASSIGNED) {
        SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kDeclinedNotForThisLine));
        v1::ConsultDecline& declined = *consult.mutable_decline();
        *declined.mutable_practitioner() = consult.current_offer().practitioner();
        declined.set_reason(request->reason());
        declined.set_note(request->note());
        declined.set_suggested_line(request->suggested_line());
        v1::ConsultHistoryEntry& entry = change.Record(v1::CONSULT_HISTORY_ACTION_DECLINED);
        *entry.mutable_subject() = consult.current_offer().practitioner();
        entry.set_line(consult.current_offer().line());
        entry.set_note(request->note());
        consult.clear_current_offer();
        change.Emit(v1::EVENT_TYPE_CONSULT_DECLINED);
        return absl::OkStatus();
      }
      std::string note(v1::DeclineReason_Name(request->reason()));
      if (!request->note().empty()) absl::StrAppend(&note, ": ", request->note());
      EndOffer(change, v1::CONSULT_HISTORY_ACTION_OFFER_DECLINED, note);
      const absl::Status moved = MoveOn(change, roster_, SwitchboardOf(caller.region));
      // The decline stands; the next offer follows when the roster answers.
      if (moved.code() == absl::StatusCode::kUnavailable) {
        change.stored().due_time = change.now() + options_.routing_retry;
        return absl::OkStatus();
      }
      return moved;
    };
    SAMSPAR_ASSIGN_OR_RETURN(*response,
                             ChangeAsCaller({caller, *context, "DeclineConsult", request->name(), request->etag()},
                                            OfferedNowOrBefore, decline));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::AnswerConsult(grpc::CallbackServerContext* context,
                                                            const v1::AnswerConsultRequest* request,
                                                            v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(CheckAnswerConsult(*request));
    auto answer = [&](ConsultChange& change) -> absl::Status {
      StoredConsult& stored = change.stored();
      v1::Consult& consult = stored.consult;
      SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kAnswered));
      SAMSPAR_RETURN_IF_ERROR(CheckOutcomeFits(request->outcome(), consult.track(), CountedUnitType(consult)));
      consult.set_answer(request->answer());
      SetOutcome(change, request->outcome(), request->outcome_note());
      *consult.mutable_answer_time() = api::ToProto(change.now());
      *consult.mutable_time_to_answer() = api::ToProtoDuration(change.now() - api::FromProto(consult.create_time()));
      consult.clear_answer_due_time();
      const absl::Time close = change.now() + stored.routed_line.auto_close_delay;
      *consult.mutable_auto_close_time() = api::ToProto(close);
      stored.due_time = close;
      v1::ConsultHistoryEntry& entry = change.Record(v1::CONSULT_HISTORY_ACTION_ANSWERED);
      *entry.mutable_subject() = consult.assignee();
      entry.set_note(OutcomeNote(request->outcome(), request->outcome_note()));
      change.Emit(v1::EVENT_TYPE_CONSULT_ANSWERED);
      return absl::OkStatus();
    };
    SAMSPAR_ASSIGN_OR_RETURN(
        *response,
        ChangeAsCaller({caller, *context, "AnswerConsult", request->name(), request->etag()}, IsAssignee, answer));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::RecordConsultOutcome(grpc::CallbackServerContext* context,
                                                                   const v1::RecordConsultOutcomeRequest* request,
                                                                   v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(CheckRecordConsultOutcome(*request));
    auto record = [&](ConsultChange& change) -> absl::Status {
      const v1::Consult& consult = change.consult();
      SAMSPAR_RETURN_IF_ERROR(CheckCanRecordOutcome(consult, change.now()));
      SAMSPAR_RETURN_IF_ERROR(CheckOutcomeFits(request->outcome(), consult.track(), CountedUnitType(consult)));
      SetOutcome(change, request->outcome(), request->outcome_note());
      change.Record(v1::CONSULT_HISTORY_ACTION_OUTCOME_RECORDED)
          .set_note(OutcomeNote(request->outcome(), request->outcome_note()));
      change.Emit(v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED);
      return absl::OkStatus();
    };
    // An ambulance crew knows where the patient went in the end.
    auto may_record = [](const v1::Consult& consult, absl::string_view who) {
      return IsAssignee(consult, who) ||
             (consult.track() == v1::TRACK_ACCESSIBLE_PRIMARY_CARE && IsRequester(consult, who));
    };
    SAMSPAR_ASSIGN_OR_RETURN(
        *response, ChangeAsCaller({caller, *context, "RecordConsultOutcome", request->name(), request->etag()},
                                  may_record, record));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::CloseConsult(grpc::CallbackServerContext* context,
                                                           const v1::CloseConsultRequest* request,
                                                           v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(CheckCloseConsult(*request));
    auto close = [&](ConsultChange& change) -> absl::Status {
      SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kClosed));
      *change.consult().mutable_close_time() = api::ToProto(change.now());
      change.consult().clear_auto_close_time();
      change.Record(v1::CONSULT_HISTORY_ACTION_CLOSED);
      change.Emit(v1::EVENT_TYPE_CONSULT_CLOSED);
      return absl::OkStatus();
    };
    auto requester_or_assignee = [](const v1::Consult& consult, absl::string_view who) {
      return IsRequester(consult, who) || IsAssignee(consult, who);
    };
    SAMSPAR_ASSIGN_OR_RETURN(*response,
                             ChangeAsCaller({caller, *context, "CloseConsult", request->name(), request->etag()},
                                            requester_or_assignee, close));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::CancelConsult(grpc::CallbackServerContext* context,
                                                            const v1::CancelConsultRequest* request,
                                                            v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(CheckCancelConsult(*request));
    auto cancel = [&](ConsultChange& change) -> absl::Status {
      SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kCancelled));
      v1::Consult& consult = change.consult();
      consult.set_cancel_reason(request->reason());
      // A pending offer is withdrawn from the contact's app.
      consult.clear_current_offer();
      change.stored().handover_line.reset();
      change.Record(v1::CONSULT_HISTORY_ACTION_CANCELLED).set_note(request->reason());
      change.Emit(v1::EVENT_TYPE_CONSULT_CANCELLED);
      return absl::OkStatus();
    };
    SAMSPAR_ASSIGN_OR_RETURN(
        *response,
        ChangeAsCaller({caller, *context, "CancelConsult", request->name(), request->etag()}, IsRequester, cancel));
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::Consult> ConsultServiceImpl::Reassign(const identity::Caller& caller,
                                                         const grpc::CallbackServerContext& context,
                                                         const v1::ReassignConsultRequest& request) {
  SAMSPAR_RETURN_IF_ERROR(CheckReassignConsult(request));
  const std::string me = PractitionerOf(caller);
  auto hand_over = [&](ConsultChange& change) -> absl::Status {
    const v1::Consult& consult = change.consult();
    if (request.practitioner() == me) {
      return FieldError("practitioner", "FIELD_INVALID", "is the assignee: hand the consult to someone else");
    }
    // Only an ACCEPTED consult is handed over: refuse before asking the roster.
    SAMSPAR_RETURN_IF_ERROR(NextState(consult.state(), ConsultEvent::kReassignRequested).status());
    const std::string region = caller.region;
    if (!request.practitioner().empty()) {
      SAMSPAR_ASSIGN_OR_RETURN(const NamedPractitioner named, roster_.Practitioner(region, request.practitioner()));
      if (named.presence == v1::PRESENCE_STATE_OFFLINE) {
        return WithMetadata(Error(absl::StatusCode::kFailedPrecondition, "NO_ONE_ON_CALL",
                                  "the practitioner has set themselves offline and cannot be offered the consult"),
                            "practitioner", request.practitioner());
      }
      SAMSPAR_ASSIGN_OR_RETURN(const RoutedLine routed, roster_.Resolve(region, consult.routed_line(), change.now()));
      return OfferHandover(change, routed, named, request.note());
    }
    v1::ConsultTarget line;
    line.set_line(request.line());
    SAMSPAR_ASSIGN_OR_RETURN(const RoutedLine routed, roster_.Route(region, consult.track(), line, change.now()));
    return OfferHandover(change, routed, absl::nullopt, request.note());
  };
  return ChangeAsCaller({caller, context, "ReassignConsult", request.name(), request.etag()}, IsAssignee, hand_over);
}

grpc::ServerUnaryReactor* ConsultServiceImpl::ReassignConsult(grpc::CallbackServerContext* context,
                                                              const v1::ReassignConsultRequest* request,
                                                              v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(*response, Reassign(caller, *context, *request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::IdentifyConsultPatient(grpc::CallbackServerContext* context,
                                                                     const v1::IdentifyConsultPatientRequest* request,
                                                                     v1::Consult* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(CheckIdentifyConsultPatient(*request));
    SAMSPAR_ASSIGN_OR_RETURN(const audit::PatientId identified,
                             audit::CheckPatient(audit::FromProto(request->patient()), "patient"));
    absl::optional<audit::AccessRecord> identification;
    auto identify = [&](ConsultChange& change) -> absl::Status {
      v1::Consult& consult = change.consult();
      // Identifiers only ever become more certain: a reserve number, then a
      // samordningsnummer, then a personnummer.
      auto certainty = [](v1::PatientIdentifierKind kind) {
        switch (kind) {
          case v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER:
            return 2;
          case v1::PATIENT_IDENTIFIER_KIND_SAMORDNINGSNUMMER:
            return 1;
          default:
            return 0;
        }
      };
      if (!consult.has_patient() || certainty(request->patient().kind()) <= certainty(consult.patient().kind())) {
        return Error(absl::StatusCode::kFailedPrecondition, "PATIENT_ALREADY_IDENTIFIED",
                     consult.has_patient() ? "the consult's patient already has an identifier of this kind or a "
                                             "more certain one"
                                           : "the consult has no patient to identify");
      }
      identification =
          AccessOf(caller, context->peer(), "IdentifyConsultPatient", consult, audit::AccessAction::kIdentifyPatient);
      *consult.add_previous_patient_identifiers() = consult.patient();
      consult.clear_patient();  // a reserve number's issuer goes with it
      audit::ToProto(identified, *consult.mutable_patient());
      change.Record(v1::CONSULT_HISTORY_ACTION_PATIENT_IDENTIFIED);
      return absl::OkStatus();
    };
    // The log links the two identifiers, so that an extract by either finds
    // the consult's entries.
    auto link = [&](sql::Transaction& tx, const ConsultChange&) -> absl::Status {
      if (!identification.has_value()) return absl::OkStatus();
      audit::AccessRecord linked = *identification;  // the transaction may run again
      linked.previous_patient = identification->patient;
      linked.patient = identified;
      return audit::RecordAccess(tx, linked);
    };
    auto requester_or_assignee = [](const v1::Consult& consult, absl::string_view who) {
      return IsRequester(consult, who) || IsAssignee(consult, who);
    };
    SAMSPAR_ASSIGN_OR_RETURN(
        *response, ChangeAsCaller({caller, *context, "IdentifyConsultPatient", request->name(), request->etag()},
                                  requester_or_assignee, identify, link));
    return absl::OkStatus();
  });
}

}  // namespace samspar::consult
