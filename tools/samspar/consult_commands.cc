#include "tools/samspar/consult_commands.h"

#include <functional>
#include <memory>
#include <utility>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/client/channel.h"
#include "common/ids/resource_id.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "samspar/v1/consult.grpc.pb.h"
#include "tools/samspar/consult_args.h"
#include "tools/samspar/consult_views.h"
#include "tools/samspar/roster_commands.h"
#include "tools/samspar/token_commands.h"

ABSL_FLAG(std::string, consult_track, "", "consult ask: acute, semi-acute or primary-care");
ABSL_FLAG(std::string, line, "", "consult ask: the line to ask (its name or id)");
ABSL_FLAG(std::string, consult_specialty, "",
          "consult ask: a specialty code, routed to an active line of it that serves the track");
ABSL_FLAG(std::string, consult_unit, "",
          "consult ask: a care unit (HSA-id or name), routed to its line that serves the track");
ABSL_FLAG(std::string, practitioner, "",
          "consult ask: a named practitioner (HSA-id or name), offered first, then their unit's line");
ABSL_FLAG(std::string, question, "",
          "consult ask: the question, without the patient's identity (that goes in --consult_patient)");
ABSL_FLAG(std::string, consult_patient, "",
          "consult ask, identify, list: the patient's personnummer or samordningsnummer");
ABSL_FLAG(std::string, reserve_number, "", "consult ask: the patient's reserve number (reservnummer) instead");
ABSL_FLAG(std::string, reserve_region, "",
          "consult ask: the region that issued --reserve_number (the caller's --region when empty)");
ABSL_FLAG(std::string, priority, "", "consult ask: the patient's priority colour, red, yellow or white");
ABSL_FLAG(int, rub_band, 0, "consult ask: the patient's RUB band, 1 to 5 (unset when 0)");
ABSL_FLAG(std::string, mission, "", "consult ask: the ambulance mission id (uppdragsnummer)");
ABSL_FLAG(std::string, requester_unit, "",
          "consult ask: the unit asked from, HSA-id or name (the token's unit when empty)");
ABSL_FLAG(std::string, callback, "", "consult ask: a mobile number to call the requester back on, +46...");
ABSL_FLAG(std::string, request_id, "",
          "consult ask, message: the UUID that makes a retry return the first result (a new one when empty)");
ABSL_FLAG(std::string, relation, "",
          "consult list: requested, assigned, offered, participating or units (every readable one when empty)");
ABSL_FLAG(std::string, filter, "", "consult list: a filter, e.g. 'state = CONSULT_STATE_OFFERED'");
ABSL_FLAG(int, page_size, 0, "consult list, messages: items fetched per call (the service's default when 0)");
ABSL_FLAG(std::string, reason, "",
          "consult decline: busy, not-on-duty, not-for-this-line or other; consult cancel: why, as text");
ABSL_FLAG(std::string, consult_note, "",
          "consult decline: a note to the requester; consult reassign: the handover note");
ABSL_FLAG(std::string, suggested_line, "", "consult decline --reason=not-for-this-line: a line that fits better");
ABSL_FLAG(std::string, answer, "", "consult answer: the answer to the requester");
ABSL_FLAG(std::string, outcome, "",
          "consult answer, outcome: what came of the consult, e.g. advice-given-referral-avoided or sent-to-ed");
ABSL_FLAG(std::string, outcome_note, "", "consult answer, outcome: a note on the outcome");
ABSL_FLAG(std::string, to_practitioner, "", "consult reassign: hand over to this practitioner (HSA-id or name)");
ABSL_FLAG(std::string, to_line, "", "consult reassign: hand over to whoever is on call on this line");
ABSL_FLAG(std::string, text, "", "consult message: the message");
ABSL_FLAG(int, max_events, 0, "consult watch, offers: stop after this many events (0: when the stream ends)");
ABSL_DECLARE_FLAG(std::string, as);

namespace samspar::cli {
namespace {

constexpr char kUsage[] =
    "usage: samspar consult ask --consult_track=acute|semi-acute|primary-care\n"
    "           (--line=LINE | --consult_specialty=CODE | --consult_unit=HSA-ID | --practitioner=HSA-ID)\n"
    "           --question=TEXT [--consult_patient=PERSONNUMMER | --reserve_number=X [--reserve_region=06]]\n"
    "           [--priority=red|yellow|white] [--rub_band=1..5] [--mission=ID] [--requester_unit=HSA-ID]\n"
    "           [--callback=+46...] [--request_id=UUID]\n"
    "       samspar consult show ID\n"
    "       samspar consult list [--relation=requested|assigned|offered|participating|units] [--filter=TEXT]\n"
    "           [--consult_patient=PERSONNUMMER] [--page_size=N]\n"
    "       samspar consult accept ID | close ID\n"
    "       samspar consult decline ID --reason=busy|not-on-duty|not-for-this-line|other [--consult_note=TEXT]\n"
    "           [--suggested_line=LINE]\n"
    "       samspar consult answer ID --answer=TEXT --outcome=OUTCOME [--outcome_note=TEXT]\n"
    "       samspar consult outcome ID --outcome=OUTCOME [--outcome_note=TEXT]\n"
    "       samspar consult cancel ID --reason=TEXT\n"
    "       samspar consult reassign ID (--to_practitioner=HSA-ID | --to_line=LINE) --consult_note=TEXT\n"
    "       samspar consult identify ID --consult_patient=PERSONNUMMER\n"
    "       samspar consult message ID --text=TEXT | messages ID\n"
    "       samspar consult watch ID [--max_events=N] | offers [--max_events=N]\n"
    "  ID: regions/06/consults/X or X in the --region; LINE: a line's name or id\n";

using Stub = v1::ConsultService::Stub;
template <typename Request, typename Response>
using UnaryMethod = grpc::Status (Stub::*)(grpc::ClientContext*, const Request&, Response*);

std::string Region(const CliOptions& options) { return absl::StrCat("regions/", options.region); }

// A refusal as the other commands print it, "FAILED_PRECONDITION
// (LINE_CLOSED): ...", keeping the error's metadata for Fail.
absl::Status Described(const grpc::Status& status) {
  absl::Status error = FromGrpcStatus(status);
  if (error.ok()) return error;
  absl::Status described(error.code(), absl::StrCat(absl::StatusCodeToString(error.code()), " (", ReasonOrCode(error),
                                                    "): ", error.message()));
  error.ForEachPayload([&](absl::string_view key, const absl::Cord& value) { described.SetPayload(key, value); });
  return described;
}

// "2026-11-24 18:05:09" from the RFC 3339 time in error metadata.
std::string LocalFromRfc3339(const std::string& text) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &time, &error)) return text;
  google::protobuf::Timestamp stamp;
  stamp.set_seconds(absl::ToUnixSeconds(time));
  return FormatConsultTime(stamp);
}

// A call that failed: its status and reason, then what the refusal tells
// the person asking to do instead (consult.proto: NO_ONE_ON_CALL and
// LINE_CLOSED), the time in Swedish local time.
int Fail(std::ostream& err, absl::string_view verb, const absl::Status& status) {
  err << "samspar consult " << verb << ": " << status.message() << "\n";
  if (auto phone = MetadataOf(status, "fallback_phone"); phone.has_value() && !phone->empty()) {
    err << "  call instead: " << *phone << "\n";
  }
  if (auto opens = MetadataOf(status, "next_open_time"); opens.has_value() && !opens->empty()) {
    err << "  the line opens " << LocalFromRfc3339(*opens) << "\n";
  }
  if (auto line = MetadataOf(status, "alternative_line"); line.has_value() && !line->empty()) {
    err << "  open instead: " << *line << "\n";
  }
  return 1;
}

// `status` about the flag or argument `what`: "--priority must be one of: ...".
absl::Status AtFlag(absl::string_view what, const absl::Status& status) {
  return absl::InvalidArgumentError(absl::StrCat(what, " ", status.message()));
}

// Flags or arguments that make no request.
int Misused(std::ostream& err, absl::string_view verb, const absl::Status& status) {
  err << "samspar consult " << verb << ": " << status.message() << "\n";
  return 2;
}

int Missing(std::ostream& err, absl::string_view verb, absl::string_view what) {
  err << "samspar consult " << verb << ": " << what << " is required (samspar consult alone shows the usage)\n";
  return 2;
}

// The consult service. Each call carries a token of its own, since the
// services accept a token once.
class ConsultSession {
 public:
  static absl::StatusOr<ConsultSession> Open(const CliOptions& options) {
    for (const Endpoint& endpoint : options.endpoints) {
      if (endpoint.service != "consult") continue;
      absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = client::MakeChannel(endpoint.address, options.channel);
      if (!channel.ok()) return channel.status();
      return ConsultSession(options.timeout, v1::ConsultService::NewStub(*channel));
    }
    return absl::InvalidArgumentError("no consult service in the suite");
  }

  template <typename Request, typename Response>
  absl::Status Call(UnaryMethod<Request, Response> method, const Request& request, Response& response) {
    absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context = Context(timeout_);
    if (!context.ok()) return context.status();
    return Described(((*stub_).*method)(context->get(), request, &response));
  }

  // Prints a line per message of the stream `open` starts until it ends,
  // or `max_events` lines when that is not 0.
  template <typename Response>
  absl::Status Watch(
      absl::string_view verb,
      const std::function<std::unique_ptr<grpc::ClientReader<Response>>(Stub&, grpc::ClientContext*)>& open,
      const std::function<std::string(const Response&)>& format, int max_events, std::ostream& out, std::ostream& err) {
    int printed = 0;
    for (;;) {
      // A watch has no deadline: it lasts as long as the person watches.
      absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context = Context(absl::InfiniteDuration());
      if (!context.ok()) return context.status();
      std::unique_ptr<grpc::ClientReader<Response>> reader = open(*stub_, context->get());
      Response message;
      int received = 0;
      while (reader->Read(&message)) {
        out << format(message) << "\n" << std::flush;  // as it happens, also into a pipe
        ++received;
        if (max_events > 0 && ++printed >= max_events) {
          (*context)->TryCancel();
          reader->Finish();
          return absl::OkStatus();
        }
      }
      absl::Status status = Described(reader->Finish());
      // A stream ends when its token expires; a new token resumes it from a
      // fresh snapshot, so nothing is missed. A stream that ended before its
      // first message would end again, so it is not resumed.
      if (received == 0 || ReasonOf(status) != "TOKEN_EXPIRED") return status;
      err << "samspar consult " << verb << ": the token expired; watching on with a new one\n";
    }
  }

 private:
  ConsultSession(absl::Duration timeout, std::unique_ptr<Stub> stub) : timeout_(timeout), stub_(std::move(stub)) {}

  static absl::StatusOr<std::unique_ptr<grpc::ClientContext>> Context(absl::Duration timeout) {
    absl::StatusOr<std::string> token = MintToken();
    if (!token.ok()) return token.status();
    return client::ContextWithToken(timeout, *token);
  }

  absl::Duration timeout_;
  std::unique_ptr<Stub> stub_;
};

// A state change or a read that returns the consult: printed in full.
template <typename Request>
int ShowResult(const CliOptions& options, absl::string_view verb, UnaryMethod<Request, v1::Consult> method,
               const Request& request, std::ostream& out, std::ostream& err) {
  absl::StatusOr<ConsultSession> session = ConsultSession::Open(options);
  if (!session.ok()) return Fail(err, verb, session.status());
  v1::Consult consult;
  if (absl::Status status = session->Call(method, request, consult); !status.ok()) return Fail(err, verb, status);
  out << FormatConsult(consult);
  return 0;
}

std::string RequestId() {
  const std::string given = absl::GetFlag(FLAGS_request_id);
  return given.empty() ? ids::NewUuid() : given;
}

// The patient of --consult_patient or --reserve_number, if either is given.
absl::StatusOr<absl::optional<v1::PatientIdentifier>> PatientFromFlags(const CliOptions& options) {
  const std::string number = absl::GetFlag(FLAGS_consult_patient);
  const std::string reserve = absl::GetFlag(FLAGS_reserve_number);
  if (!number.empty() && !reserve.empty()) {
    return absl::InvalidArgumentError("and --reserve_number: give one of them");
  }
  if (!reserve.empty()) {
    const std::string region = absl::GetFlag(FLAGS_reserve_region);
    return ReserveNumber(reserve, region.empty() ? options.region : region);
  }
  if (number.empty()) return absl::nullopt;
  absl::StatusOr<v1::PatientIdentifier> patient = ParsePatient(number);
  if (!patient.ok()) return patient.status();
  return *patient;
}

// --consult_track, the target and the rest of the ask flags, as the consult
// to create; an error names the flag.
absl::StatusOr<v1::Consult> ConsultFromFlags(const CliOptions& options) {
  v1::Consult consult;
  absl::StatusOr<v1::Track> track = ParseConsultTrack(absl::GetFlag(FLAGS_consult_track));
  if (!track.ok()) return AtFlag("--consult_track", track.status());
  consult.set_track(*track);

  const std::string line = absl::GetFlag(FLAGS_line), specialty = absl::GetFlag(FLAGS_consult_specialty),
                    unit = absl::GetFlag(FLAGS_consult_unit), practitioner = absl::GetFlag(FLAGS_practitioner);
  const int targets = !line.empty() + !specialty.empty() + !unit.empty() + !practitioner.empty();
  if (targets != 1) {
    return absl::InvalidArgumentError("give one of --line, --consult_specialty, --consult_unit or --practitioner");
  }
  v1::ConsultTarget& target = *consult.mutable_target();
  absl::StatusOr<std::string> name;
  if (!line.empty()) {
    if (name = FindLine(options, line); !name.ok()) return AtFlag("--line", name.status());
    target.set_line(*name);
  } else if (!specialty.empty()) {
    target.set_specialty(specialty);
  } else if (!unit.empty()) {
    if (name = ExpandName(options.region, "units", unit); !name.ok()) return AtFlag("--consult_unit", name.status());
    target.mutable_unit()->set_name(*name);
  } else {
    if (name = ExpandName(options.region, "practitioners", practitioner); !name.ok()) {
      return AtFlag("--practitioner", name.status());
    }
    target.mutable_practitioner()->set_name(*name);
  }

  consult.set_question(absl::GetFlag(FLAGS_question));
  absl::StatusOr<absl::optional<v1::PatientIdentifier>> patient = PatientFromFlags(options);
  if (!patient.ok()) return AtFlag("--consult_patient", patient.status());
  if (patient->has_value()) *consult.mutable_patient() = **patient;
  if (const std::string priority = absl::GetFlag(FLAGS_priority); !priority.empty()) {
    absl::StatusOr<v1::PriorityColour> colour = ParsePriority(priority);
    if (!colour.ok()) return AtFlag("--priority", colour.status());
    consult.set_priority(*colour);
  }
  if (const int band = absl::GetFlag(FLAGS_rub_band); band != 0) {
    absl::StatusOr<v1::RubBand> rub = ParseRubBand(band);
    if (!rub.ok()) return AtFlag("--rub_band", rub.status());
    consult.mutable_context()->set_rub_band(*rub);
  }
  if (const std::string mission = absl::GetFlag(FLAGS_mission); !mission.empty()) {
    consult.mutable_context()->set_ambulance_mission_id(mission);
  }
  if (const std::string requester_unit = absl::GetFlag(FLAGS_requester_unit); !requester_unit.empty()) {
    if (name = ExpandName(options.region, "units", requester_unit); !name.ok()) {
      return AtFlag("--requester_unit", name.status());
    }
    consult.mutable_requester_unit()->set_name(*name);
  }
  if (const std::string callback = absl::GetFlag(FLAGS_callback); !callback.empty()) {
    v1::ContactPoint& point = *consult.add_requester_callback();
    point.set_kind(v1::CONTACT_POINT_KIND_MOBILE);
    point.set_value(callback);
  }
  return consult;
}

int Ask(const CliOptions& options, std::ostream& out, std::ostream& err) {
  if (absl::GetFlag(FLAGS_consult_track).empty()) return Missing(err, "ask", "--consult_track");
  if (absl::GetFlag(FLAGS_question).empty()) return Missing(err, "ask", "--question");
  absl::StatusOr<v1::Consult> consult = ConsultFromFlags(options);
  if (!consult.ok()) return Misused(err, "ask", consult.status());
  v1::CreateConsultRequest request;
  request.set_parent(Region(options));
  *request.mutable_consult() = *std::move(consult);
  request.set_request_id(RequestId());

  absl::StatusOr<ConsultSession> session = ConsultSession::Open(options);
  if (!session.ok()) return Fail(err, "ask", session.status());
  v1::Consult created;
  if (absl::Status status = session->Call(&Stub::CreateConsult, request, created); !status.ok()) {
    Fail(err, "ask", status);
    if (absl::IsUnavailable(status) || absl::IsDeadlineExceeded(status)) {
      // The reply may be what was lost: the same request id returns the
      // consult if it was created, rather than asking twice.
      err << "  the consult may have been created: ask again with --request_id=" << request.request_id() << "\n";
    }
    return 1;
  }
  out << FormatConsult(created);
  return 0;
}

int List(const CliOptions& options, std::ostream& out, std::ostream& err) {
  v1::ListConsultsRequest request;
  request.set_parent(Region(options));
  absl::StatusOr<v1::ConsultRelation> relation = ParseRelation(absl::GetFlag(FLAGS_relation));
  if (!relation.ok()) return Misused(err, "list", AtFlag("--relation", relation.status()));
  request.set_relation(*relation);
  request.set_filter(absl::GetFlag(FLAGS_filter));
  request.set_page_size(absl::GetFlag(FLAGS_page_size));
  if (const std::string number = absl::GetFlag(FLAGS_consult_patient); !number.empty()) {
    absl::StatusOr<v1::PatientIdentifier> patient = ParsePatient(number);
    if (!patient.ok()) return Misused(err, "list", AtFlag("--consult_patient", patient.status()));
    *request.mutable_patient() = *patient;
  }
  absl::StatusOr<ConsultSession> session = ConsultSession::Open(options);
  if (!session.ok()) return Fail(err, "list", session.status());
  std::vector<v1::Consult> consults;
  do {
    v1::ListConsultsResponse page;
    if (absl::Status status = session->Call(&Stub::ListConsults, request, page); !status.ok()) {
      return Fail(err, "list", status);
    }
    consults.insert(consults.end(), page.consults().begin(), page.consults().end());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  out << FormatConsultTable(consults);
  return 0;
}

int Messages(const CliOptions& options, const std::string& name, std::ostream& out, std::ostream& err) {
  v1::ListConsultMessagesRequest request;
  request.set_parent(name);
  request.set_page_size(absl::GetFlag(FLAGS_page_size));
  absl::StatusOr<ConsultSession> session = ConsultSession::Open(options);
  if (!session.ok()) return Fail(err, "messages", session.status());
  int count = 0;
  do {
    v1::ListConsultMessagesResponse page;
    if (absl::Status status = session->Call(&Stub::ListConsultMessages, request, page); !status.ok()) {
      return Fail(err, "messages", status);
    }
    for (const v1::ConsultMessage& message : page.messages()) out << FormatConsultMessage(message);
    count += page.messages_size();
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  if (count == 0) out << "no messages\n";
  return 0;
}

int Message(const CliOptions& options, const std::string& name, std::ostream& out, std::ostream& err) {
  const std::string text = absl::GetFlag(FLAGS_text);
  if (text.empty()) return Missing(err, "message", "--text");
  v1::CreateConsultMessageRequest request;
  request.set_parent(name);
  request.mutable_message()->set_text(text);
  request.set_request_id(RequestId());
  absl::StatusOr<ConsultSession> session = ConsultSession::Open(options);
  if (!session.ok()) return Fail(err, "message", session.status());
  v1::ConsultMessage created;
  if (absl::Status status = session->Call(&Stub::CreateConsultMessage, request, created); !status.ok()) {
    return Fail(err, "message", status);
  }
  out << FormatConsultMessage(created);
  return 0;
}

int Decline(const CliOptions& options, const std::string& name, std::ostream& out, std::ostream& err) {
  const std::string reason = absl::GetFlag(FLAGS_reason);
  if (reason.empty()) return Missing(err, "decline", "--reason");
  v1::DeclineConsultRequest request;
  request.set_name(name);
  absl::StatusOr<v1::DeclineReason> parsed = ParseDeclineReason(reason);
  if (!parsed.ok()) return Misused(err, "decline", AtFlag("--reason", parsed.status()));
  request.set_reason(*parsed);
  request.set_note(absl::GetFlag(FLAGS_consult_note));
  if (const std::string line = absl::GetFlag(FLAGS_suggested_line); !line.empty()) {
    absl::StatusOr<std::string> suggested = FindLine(options, line);
    if (!suggested.ok()) return Misused(err, "decline", AtFlag("--suggested_line", suggested.status()));
    request.set_suggested_line(*suggested);
  }
  return ShowResult(options, "decline", &Stub::DeclineConsult, request, out, err);
}

// AnswerConsult and RecordConsultOutcome share the outcome flags.
template <typename Request>
int WithOutcome(const CliOptions& options, absl::string_view verb, Request& request,
                UnaryMethod<Request, v1::Consult> method, std::ostream& out, std::ostream& err) {
  const std::string outcome = absl::GetFlag(FLAGS_outcome);
  absl::StatusOr<v1::ConsultOutcome> parsed = ParseOutcome(outcome);
  if (!parsed.ok()) {
    return Misused(err, verb, AtFlag(outcome.empty() ? "--outcome is required and" : "--outcome", parsed.status()));
  }
  request.set_outcome(*parsed);
  request.set_outcome_note(absl::GetFlag(FLAGS_outcome_note));
  return ShowResult(options, verb, method, request, out, err);
}

int Reassign(const CliOptions& options, const std::string& name, std::ostream& out, std::ostream& err) {
  const std::string practitioner = absl::GetFlag(FLAGS_to_practitioner), line = absl::GetFlag(FLAGS_to_line);
  if (practitioner.empty() == line.empty()) {
    return Misused(err, "reassign", absl::InvalidArgumentError("give one of --to_practitioner or --to_line"));
  }
  const std::string note = absl::GetFlag(FLAGS_consult_note);
  if (note.empty()) return Missing(err, "reassign", "--consult_note (the handover note)");
  v1::ReassignConsultRequest request;
  request.set_name(name);
  request.set_note(note);
  absl::StatusOr<std::string> to = practitioner.empty() ? FindLine(options, line)
                                                        : ExpandName(options.region, "practitioners", practitioner);
  if (!to.ok()) {
    return Misused(err, "reassign", AtFlag(practitioner.empty() ? "--to_line" : "--to_practitioner", to.status()));
  }
  if (practitioner.empty()) {
    request.set_line(*to);
  } else {
    request.set_practitioner(*to);
  }
  return ShowResult(options, "reassign", &Stub::ReassignConsult, request, out, err);
}

int Watch(const CliOptions& options, const std::string& name, std::ostream& out, std::ostream& err) {
  absl::StatusOr<ConsultSession> session = ConsultSession::Open(options);
  if (!session.ok()) return Fail(err, "watch", session.status());
  v1::WatchConsultRequest request;
  request.set_name(name);
  absl::Status status = session->Watch<v1::WatchConsultResponse>(
      "watch", [&request](Stub& stub, grpc::ClientContext* context) { return stub.WatchConsult(context, request); },
      FormatConsultEvent, absl::GetFlag(FLAGS_max_events), out, err);
  return status.ok() ? 0 : Fail(err, "watch", status);
}

int Offers(const CliOptions& options, std::ostream& out, std::ostream& err) {
  const std::string me = absl::GetFlag(FLAGS_as);
  if (me.empty()) return Missing(err, "offers", "--as (whose offers)");
  absl::StatusOr<std::string> practitioner = ExpandName(options.region, "practitioners", me);
  if (!practitioner.ok()) return Misused(err, "offers", AtFlag("--as", practitioner.status()));
  absl::StatusOr<ConsultSession> session = ConsultSession::Open(options);
  if (!session.ok()) return Fail(err, "offers", session.status());
  v1::WatchMyOffersRequest request;
  request.set_practitioner(*practitioner);
  absl::Status status = session->Watch<v1::WatchMyOffersResponse>(
      "offers", [&request](Stub& stub, grpc::ClientContext* context) { return stub.WatchMyOffers(context, request); },
      FormatOfferEvent, absl::GetFlag(FLAGS_max_events), out, err);
  return status.ok() ? 0 : Fail(err, "offers", status);
}

// The commands on one consult, `samspar consult <verb> ID`.
int OnConsult(const CliOptions& options, const std::string& verb, const std::string& name, std::ostream& out,
              std::ostream& err) {
  if (verb == "show") {
    v1::GetConsultRequest request;
    request.set_name(name);
    return ShowResult(options, verb, &Stub::GetConsult, request, out, err);
  }
  if (verb == "accept") {
    v1::AcceptConsultRequest request;
    request.set_name(name);
    return ShowResult(options, verb, &Stub::AcceptConsult, request, out, err);
  }
  if (verb == "close") {
    v1::CloseConsultRequest request;
    request.set_name(name);
    return ShowResult(options, verb, &Stub::CloseConsult, request, out, err);
  }
  if (verb == "decline") return Decline(options, name, out, err);
  if (verb == "answer") {
    const std::string answer = absl::GetFlag(FLAGS_answer);
    if (answer.empty()) return Missing(err, verb, "--answer");
    v1::AnswerConsultRequest request;
    request.set_name(name);
    request.set_answer(answer);
    return WithOutcome(options, verb, request, &Stub::AnswerConsult, out, err);
  }
  if (verb == "outcome") {
    v1::RecordConsultOutcomeRequest request;
    request.set_name(name);
    return WithOutcome(options, verb, request, &Stub::RecordConsultOutcome, out, err);
  }
  if (verb == "cancel") {
    const std::string reason = absl::GetFlag(FLAGS_reason);
    if (reason.empty()) return Missing(err, verb, "--reason (why, as text)");
    v1::CancelConsultRequest request;
    request.set_name(name);
    request.set_reason(reason);
    return ShowResult(options, verb, &Stub::CancelConsult, request, out, err);
  }
  if (verb == "reassign") return Reassign(options, name, out, err);
  if (verb == "identify") {
    const std::string number = absl::GetFlag(FLAGS_consult_patient);
    if (number.empty()) return Missing(err, verb, "--consult_patient");
    absl::StatusOr<v1::PatientIdentifier> patient = ParsePatient(number);
    if (!patient.ok()) return Misused(err, verb, AtFlag("--consult_patient", patient.status()));
    v1::IdentifyConsultPatientRequest request;
    request.set_name(name);
    *request.mutable_patient() = *patient;
    return ShowResult(options, verb, &Stub::IdentifyConsultPatient, request, out, err);
  }
  if (verb == "message") return Message(options, name, out, err);
  if (verb == "messages") return Messages(options, name, out, err);
  if (verb == "watch") return Watch(options, name, out, err);
  err << kUsage;
  return 2;
}

}  // namespace

int RunConsultCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                      std::ostream& err) {
  const std::string verb = args.size() >= 3 ? args[2] : "";
  if (args.size() == 3) {
    if (verb == "ask") return Ask(options, out, err);
    if (verb == "list") return List(options, out, err);
    if (verb == "offers") return Offers(options, out, err);
  }
  if (args.size() == 4 && verb != "ask" && verb != "list" && verb != "offers") {
    absl::StatusOr<std::string> name = ConsultName(options.region, args[3]);
    if (!name.ok()) return Misused(err, verb, AtFlag("ID", name.status()));
    return OnConsult(options, verb, *name, out, err);
  }
  err << kUsage;
  return 2;
}

}  // namespace samspar::cli
