#include "services/consult/store/consult_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "nlohmann/json.hpp"

namespace samspar::consult {
namespace {

constexpr char kColumns[] = "resource, escalation, due_time";

// Where escalation stands, as JSON text: small, and readable in the database
// when someone must find out why a consult went where it went.
std::string EncodeEscalation(const EscalationPosition& position) {
  return nlohmann::json{{"step", position.step}, {"round", position.round}, {"offered", position.offered_in_round}}
      .dump();
}

absl::StatusOr<EscalationPosition> DecodeEscalation(const std::string& text) {
  if (text.empty()) return EscalationPosition{};
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json["step"].is_number_integer() || !json["round"].is_number_integer() ||
      !json["offered"].is_array()) {
    return absl::InternalError("a stored escalation position is unreadable");
  }
  EscalationPosition position;
  position.step = json["step"].get<int>();
  position.round = json["round"].get<int>();
  for (const nlohmann::json& offered : json["offered"]) {
    if (!offered.is_string()) return absl::InternalError("a stored escalation position is unreadable");
    position.offered_in_round.push_back(offered.get<std::string>());
  }
  return position;
}

// NULL when no timer is due: the sweep's index then skips the consult.
sql::Value DueMicros(const StoredConsult& stored) {
  if (!stored.due_time.has_value()) return sql::Value();
  return absl::ToUnixMicros(*stored.due_time);
}

std::string Practitioner(const v1::PractitionerRef& ref) { return ref.name(); }

std::string OfferedTo(const v1::Consult& consult) {
  return consult.has_current_offer() ? Practitioner(consult.current_offer().practitioner()) : "";
}

absl::Status AddParticipants(sql::Executor& tx, const api::RegionalName& name, const StoredConsult& stored) {
  for (const std::string& practitioner : stored.participants) {
    SAMSPAR_RETURN_IF_ERROR(tx.Execute("INSERT INTO consult_participants (region, consult_id, practitioner) "
                                       "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                       {name.region, name.id, practitioner})
                                .status());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status InsertConsult(sql::Executor& tx, const StoredConsult& stored) {
  const v1::Consult& consult = stored.consult;
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName name, api::ParseRegional(consult.name(), "consults", "name"));
  SAMSPAR_RETURN_IF_ERROR(
      tx.Execute("INSERT INTO consults (region, consult_id, state, resource, etag, create_time, update_time, "
                 "requester, assignee, offered_to, routed_line, escalation, due_time) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {name.region, name.id, v1::ConsultState_Name(consult.state()), sql::Blob{consult.SerializeAsString()},
                  consult.etag(), absl::ToUnixMicros(api::FromProto(consult.create_time())),
                  absl::ToUnixMicros(api::FromProto(consult.update_time())), Practitioner(consult.requester()),
                  Practitioner(consult.assignee()), OfferedTo(consult), consult.routed_line(),
                  EncodeEscalation(stored.escalation), DueMicros(stored)})
          .status());
  return AddParticipants(tx, name, stored);
}

absl::StatusOr<absl::optional<StoredConsult>> GetConsult(sql::Executor& executor, absl::string_view name) {
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName parsed, api::ParseRegional(name, "consults", "name"));
  SAMSPAR_ASSIGN_OR_RETURN(
      std::vector<sql::Row> rows,
      executor.Query(absl::StrCat("SELECT ", kColumns, " FROM consults WHERE region = ? AND consult_id = ?"),
                     {parsed.region, parsed.id}));
  if (rows.empty()) return absl::nullopt;
  StoredConsult stored;
  SAMSPAR_ASSIGN_OR_RETURN(const std::string resource, rows.front().GetBlob(0));
  if (!stored.consult.ParseFromString(resource)) return absl::InternalError("a stored consult is unreadable");
  SAMSPAR_ASSIGN_OR_RETURN(const std::string escalation, rows.front().GetText(1));
  SAMSPAR_ASSIGN_OR_RETURN(stored.escalation, DecodeEscalation(escalation));
  SAMSPAR_ASSIGN_OR_RETURN(const std::optional<int64_t> due, rows.front().GetOptionalInt64(2));
  if (due.has_value()) stored.due_time = absl::FromUnixMicros(*due);
  SAMSPAR_ASSIGN_OR_RETURN(
      std::vector<sql::Row> participants,
      executor.Query("SELECT practitioner FROM consult_participants WHERE region = ? AND consult_id = ? "
                     "ORDER BY practitioner",
                     {parsed.region, parsed.id}));
  for (const sql::Row& row : participants) {
    SAMSPAR_ASSIGN_OR_RETURN(std::string practitioner, row.GetText(0));
    stored.participants.push_back(std::move(practitioner));
  }
  return stored;
}

absl::Status ReplaceConsult(sql::Executor& tx, const StoredConsult& stored, absl::string_view expected_etag) {
  const v1::Consult& consult = stored.consult;
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName name, api::ParseRegional(consult.name(), "consults", "name"));
  SAMSPAR_ASSIGN_OR_RETURN(
      const int64_t changed,
      tx.Execute("UPDATE consults SET state = ?, resource = ?, etag = ?, update_time = ?, assignee = ?, "
                 "offered_to = ?, routed_line = ?, escalation = ?, due_time = ? "
                 "WHERE region = ? AND consult_id = ? AND etag = ?",
                 {v1::ConsultState_Name(consult.state()), sql::Blob{consult.SerializeAsString()}, consult.etag(),
                  absl::ToUnixMicros(api::FromProto(consult.update_time())), Practitioner(consult.assignee()),
                  OfferedTo(consult), consult.routed_line(), EncodeEscalation(stored.escalation), DueMicros(stored),
                  name.region, name.id, expected_etag}));
  if (changed != 1) {
    return Error(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                 "the consult changed at the same moment: read it again and retry");
  }
  return AddParticipants(tx, name, stored);
}

absl::StatusOr<std::vector<std::string>> DueConsults(sql::Executor& executor, absl::Time now, int limit) {
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                           executor.Query("SELECT region, consult_id FROM consults WHERE due_time <= ? "
                                          "ORDER BY due_time LIMIT ?",
                                          {absl::ToUnixMicros(now), limit}));
  std::vector<std::string> names;
  for (const sql::Row& row : rows) {
    SAMSPAR_ASSIGN_OR_RETURN(const std::string region, row.GetText(0));
    SAMSPAR_ASSIGN_OR_RETURN(const std::string id, row.GetText(1));
    names.push_back(absl::StrCat("regions/", region, "/consults/", id));
  }
  return names;
}

}  // namespace samspar::consult
