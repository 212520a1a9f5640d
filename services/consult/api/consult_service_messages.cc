// The conversation of a consult: follow-up questions from either side,
// written with the consult's message count in one transaction, so that a
// watcher learns of each and none is lost; once per request_id.

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/page.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/audit/access_log.h"
#include "common/ids/resource_id.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/request_ids.h"
#include "services/consult/api/consult_parts.h"
#include "services/consult/api/consult_requests.h"
#include "services/consult/api/consult_service.h"

namespace samspar::consult {
namespace {

constexpr char kCreateMessage[] = "CreateConsultMessage";

// A message remembered for a request id, by its name
// `regions/{region}/consults/{consult}/messages/{message}`.
absl::StatusOr<v1::ConsultMessage> ReadMessage(sql::Executor& executor, absl::string_view name) {
  const std::vector<std::string> parts = absl::StrSplit(name, '/');
  if (parts.size() != 6) return absl::InternalError("a remembered message name is malformed");
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                           executor.Query("SELECT resource FROM consult_messages WHERE region = ? AND consult_id = ? "
                                          "AND message_id = ?",
                                          {parts[1], parts[3], parts[5]}));
  if (rows.empty()) return absl::InternalError("a remembered message is missing");
  SAMSPAR_ASSIGN_OR_RETURN(const std::string resource, rows.front().GetBlob(0));
  v1::ConsultMessage stored;
  if (!stored.ParseFromString(resource)) return absl::InternalError("a stored message is unreadable");
  return stored;
}

v1::ConsultParticipantRole RoleIn(const v1::Consult& consult, absl::string_view me) {
  if (IsRequester(consult, me)) return v1::CONSULT_PARTICIPANT_ROLE_REQUESTER;
  if (IsAssignee(consult, me)) return v1::CONSULT_PARTICIPANT_ROLE_ASSIGNEE;
  return v1::CONSULT_PARTICIPANT_ROLE_OFFERED_CONTACT;
}

bool MayWrite(const v1::Consult& consult, absl::string_view me) {
  return IsRequester(consult, me) || IsAssignee(consult, me) || IsOfferedContact(consult, me);
}

}  // namespace

absl::StatusOr<v1::ConsultMessage> ConsultServiceImpl::CreateMessage(const identity::Caller& caller,
                                                                     const grpc::CallbackServerContext& context,
                                                                     const v1::CreateConsultMessageRequest& request) {
  SAMSPAR_RETURN_IF_ERROR(CheckCreateConsultMessage(request));
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName consult_name,
                           api::ParseRegional(request.parent(), "consults", "parent"));
  const store::RequestKey key{
      .region = consult_name.region,
      .method = kCreateMessage,
      .request_id = request.request_id(),
      .fingerprint = absl::StrCat(PractitionerOf(caller), ":", api::RequestFingerprint(request))};
  SAMSPAR_ASSIGN_OR_RETURN(const absl::optional<std::string> earlier, store::EarlierResult(database_, key));
  if (earlier.has_value()) {
    // A retry: the message as written, to whoever may still write there.
    SAMSPAR_ASSIGN_OR_RETURN(const absl::optional<StoredConsult> stored,
                             consult::GetConsult(database_, request.parent()));
    const bool part = stored.has_value() && MayWrite(stored->consult, PractitionerOf(caller));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, kCreateMessage, consult_name.region, part).status());
    return ReadMessage(database_, *earlier);
  }
  const std::string me = PractitionerOf(caller);
  v1::ConsultMessage message;
  std::string message_id;
  auto add = [&](ConsultChange& change) -> absl::Status {
    v1::Consult& consult = change.consult();
    SAMSPAR_RETURN_IF_ERROR(CheckConversationOpen(consult.state()));
    message = request.message();
    message_id = ids::NewResourceId(change.now());
    message.set_name(absl::StrCat(consult.name(), "/messages/", message_id));
    *message.mutable_author() = change.actor();
    message.set_author_role(RoleIn(consult, me));
    *message.mutable_create_time() = api::ToProto(change.now());
    consult.set_message_count(consult.message_count() + 1);
    return absl::OkStatus();
  };
  auto store_message = [&](sql::Transaction& tx, const ConsultChange& change) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(tx.Execute("INSERT INTO consult_messages (region, consult_id, message_id, resource, "
                                       "create_time) VALUES (?, ?, ?, ?, ?)",
                                       {consult_name.region, consult_name.id, message_id,
                                        sql::Blob{message.SerializeAsString()}, absl::ToUnixMicros(change.now())})
                                .status());
    // A retry that raced the first request is refused by the key's row.
    return store::RememberResult(tx, key, message.name(), change.now());
  };
  SAMSPAR_RETURN_IF_ERROR(
      ChangeAsCaller({caller, context, kCreateMessage, request.parent(), ""}, MayWrite, add, store_message).status());
  return message;
}

absl::Status ConsultServiceImpl::ListMessages(const identity::Caller& caller,
                                              const grpc::CallbackServerContext& context,
                                              const v1::ListConsultMessagesRequest& request,
                                              v1::ListConsultMessagesResponse& response) {
  constexpr char kRpc[] = "ListConsultMessages";
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName name, api::ParseRegional(request.parent(), "consults", "parent"));
  SAMSPAR_RETURN_IF_ERROR(Allow(caller, kRpc, name.region, true).status());
  const std::string fingerprint = api::RequestFingerprint(request);
  SAMSPAR_ASSIGN_OR_RETURN(const api::Page page,
                           api::ResolvePage(request.page_size(), request.page_token(), fingerprint));
  return database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(const absl::optional<StoredConsult> stored, consult::GetConsult(tx, request.parent()));
    if (!stored.has_value()) {
      return Error(absl::StatusCode::kNotFound, "CONSULT_NOT_FOUND", absl::StrCat(request.parent(), " does not exist"));
    }
    SAMSPAR_RETURN_IF_ERROR(
        Allow(caller, kRpc, name.region, IsParticipant(stored->consult, PractitionerOf(caller))).status());
    response.Clear();  // the transaction may run again
    // One more than the page: whether another page follows.
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                             tx.Query("SELECT resource FROM consult_messages WHERE region = ? AND consult_id = ? "
                                      "ORDER BY create_time, message_id LIMIT ? OFFSET ?",
                                      {name.region, name.id, int64_t{page.size} + 1, int64_t{page.offset}}));
    for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(page.size); ++i) {
      SAMSPAR_ASSIGN_OR_RETURN(const std::string resource, rows[i].GetBlob(0));
      if (!response.add_messages()->ParseFromString(resource)) {
        return absl::InternalError("a stored message is unreadable");
      }
    }
    if (rows.size() > static_cast<size_t>(page.size)) {
      response.set_next_page_token(api::NextPageToken(fingerprint, page.offset + page.size));
    }
    if (absl::optional<audit::AccessRecord> access =
            AccessOf(caller, context.peer(), kRpc, stored->consult, audit::AccessAction::kRead)) {
      SAMSPAR_RETURN_IF_ERROR(audit::RecordAccess(tx, *access));
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::CreateConsultMessage(grpc::CallbackServerContext* context,
                                                                   const v1::CreateConsultMessageRequest* request,
                                                                   v1::ConsultMessage* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(*response, CreateMessage(caller, *context, *request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ConsultServiceImpl::ListConsultMessages(grpc::CallbackServerContext* context,
                                                                  const v1::ListConsultMessagesRequest* request,
                                                                  v1::ListConsultMessagesResponse* response) {
  return Serve(context, [this, context, request, response](const identity::Caller& caller) -> absl::Status {
    return ListMessages(caller, *context, *request, *response);
  });
}

}  // namespace samspar::consult
