#include "services/consult/store/consult_store.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/audit/access_log.h"
#include "common/audit/access_log_proto.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "nlohmann/json.hpp"
#include "openssl/sha.h"

namespace samspar::consult {
namespace {

constexpr char kColumns[] = "resource, escalation, due_time, change_seq";

// Where escalation stands, as JSON text: small, and readable in the database
// when someone must find out why a consult went where it went.
nlohmann::json EncodeLine(const LineFacts& line) {
  return {{"name", line.name},
          {"display_name", line.display_name},
          {"unit", line.unit},
          {"specialty", line.specialty},
          {"answer_timeout_s", absl::ToInt64Seconds(line.answer_timeout)},
          {"auto_close_delay_s", absl::ToInt64Seconds(line.auto_close_delay)}};
}

std::string EncodeEscalation(const StoredConsult& stored) {
  const EscalationPosition& position = stored.escalation;
  nlohmann::json json{{"step", position.step},
                      {"round", position.round},
                      {"offered", position.offered_in_round},
                      {"line", EncodeLine(stored.routed_line)}};
  if (stored.handover_line.has_value()) json["handover_line"] = EncodeLine(*stored.handover_line);
  if (!stored.created_event_sent) json["created_event_pending"] = true;
  return json.dump();
}

absl::StatusOr<LineFacts> DecodeLine(const nlohmann::json& json) {
  if (!json.is_object() || !json["name"].is_string() || !json["unit"].is_string() || !json["specialty"].is_string() ||
      !json["answer_timeout_s"].is_number_integer() || !json["auto_close_delay_s"].is_number_integer()) {
    return absl::InternalError("a stored line of a consult is unreadable");
  }
  return LineFacts{.name = json["name"].get<std::string>(),
                   .display_name = json.value("display_name", ""),
                   .unit = json["unit"].get<std::string>(),
                   .specialty = json["specialty"].get<std::string>(),
                   .answer_timeout = absl::Seconds(json["answer_timeout_s"].get<int64_t>()),
                   .auto_close_delay = absl::Seconds(json["auto_close_delay_s"].get<int64_t>())};
}

absl::Status DecodeEscalation(const std::string& text, StoredConsult& stored) {
  if (text.empty()) return absl::OkStatus();
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json["step"].is_number_integer() || !json["round"].is_number_integer() ||
      !json["offered"].is_array()) {
    return absl::InternalError("a stored escalation position is unreadable");
  }
  EscalationPosition& position = stored.escalation;
  position.step = json["step"].get<int>();
  position.round = json["round"].get<int>();
  for (const nlohmann::json& offered : json["offered"]) {
    if (!offered.is_string()) return absl::InternalError("a stored escalation position is unreadable");
    position.offered_in_round.push_back(offered.get<std::string>());
  }
  if (json.contains("line")) {
    SAMSPAR_ASSIGN_OR_RETURN(stored.routed_line, DecodeLine(json["line"]));
  }
  stored.created_event_sent = !json.value("created_event_pending", false);
  if (json.contains("handover_line")) {
    SAMSPAR_ASSIGN_OR_RETURN(stored.handover_line, DecodeLine(json["handover_line"]));
  }
  return absl::OkStatus();
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

// Each write's number: one more than any before (writes are serialized).
constexpr char kNextChangeSeq[] = "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM consults)";

// The columns every change may move, in the order ChangingColumns gives
// their values.
constexpr char kChangingColumns[] =
    "state, state_code, etag, update_time, assignee, offered_to, routed_line, escalation, due_time, priority, "
    "outcome, answer_overdue, routed_line_unit";

std::vector<sql::Value> ChangingColumns(const StoredConsult& stored) {
  const v1::Consult& consult = stored.consult;
  return {v1::ConsultState_Name(consult.state()),
          static_cast<int64_t>(consult.state()),
          consult.etag(),
          absl::ToUnixMicros(api::FromProto(consult.update_time())),
          Practitioner(consult.assignee()),
          OfferedTo(consult),
          consult.routed_line(),
          EncodeEscalation(stored),
          DueMicros(stored),
          static_cast<int64_t>(consult.priority()),
          static_cast<int64_t>(consult.outcome()),
          int64_t{consult.answer_overdue() ? 1 : 0},
          stored.routed_line.unit};
}

// Participants and patient keys are only ever added: a replaced reserve
// number still finds the consult.
absl::Status AddSearchRows(sql::Executor& tx, const api::RegionalName& name, const StoredConsult& stored) {
  for (const std::string& practitioner : stored.participants) {
    SAMSPAR_RETURN_IF_ERROR(tx.Execute("INSERT INTO consult_participants (region, consult_id, practitioner) "
                                       "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                       {name.region, name.id, practitioner})
                                .status());
  }
  std::vector<const v1::PatientIdentifier*> patients;
  if (stored.consult.has_patient()) patients.push_back(&stored.consult.patient());
  for (const v1::PatientIdentifier& previous : stored.consult.previous_patient_identifiers()) {
    patients.push_back(&previous);
  }
  for (const v1::PatientIdentifier* patient : patients) {
    SAMSPAR_ASSIGN_OR_RETURN(const std::string key, PatientSearchKey(*patient, "patient"));
    SAMSPAR_RETURN_IF_ERROR(tx.Execute("INSERT INTO consult_patients (region, consult_id, patient_key) "
                                       "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                       {name.region, name.id, key})
                                .status());
  }
  return absl::OkStatus();
}

// `regions/{region}/consults/{id}` of rows selecting region, consult_id.
absl::StatusOr<std::vector<std::string>> NamesOf(const std::vector<sql::Row>& rows) {
  std::vector<std::string> names;
  for (const sql::Row& row : rows) {
    SAMSPAR_ASSIGN_OR_RETURN(const std::string region, row.GetText(0));
    SAMSPAR_ASSIGN_OR_RETURN(const std::string id, row.GetText(1));
    names.push_back(absl::StrCat("regions/", region, "/consults/", id));
  }
  return names;
}

}  // namespace

absl::Status InsertConsult(sql::Executor& tx, const StoredConsult& stored) {
  const v1::Consult& consult = stored.consult;
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName name, api::ParseRegional(consult.name(), "consults", "name"));
  std::vector<sql::Value> values = {name.region,
                                    name.id,
                                    sql::Blob{consult.SerializeAsString()},
                                    absl::ToUnixMicros(api::FromProto(consult.create_time())),
                                    Practitioner(consult.requester()),
                                    consult.requester_unit().name(),
                                    static_cast<int64_t>(consult.track())};
  std::vector<sql::Value> changing = ChangingColumns(stored);
  values.insert(values.end(), changing.begin(), changing.end());
  const std::string placeholders = absl::StrJoin(std::vector<absl::string_view>(values.size(), "?"), ", ");
  SAMSPAR_RETURN_IF_ERROR(
      tx.Execute(absl::StrCat("INSERT INTO consults (region, consult_id, resource, create_time, "
                              "requester, requester_unit, track, ",
                              kChangingColumns, ", change_seq) VALUES (", placeholders, ", ", kNextChangeSeq, ")"),
                 values)
          .status());
  return AddSearchRows(tx, name, stored);
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
  SAMSPAR_RETURN_IF_ERROR(DecodeEscalation(escalation, stored));
  SAMSPAR_ASSIGN_OR_RETURN(const std::optional<int64_t> due, rows.front().GetOptionalInt64(2));
  if (due.has_value()) stored.due_time = absl::FromUnixMicros(*due);
  SAMSPAR_ASSIGN_OR_RETURN(stored.change_seq, rows.front().GetInt64(3));
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
  std::vector<sql::Value> values = {sql::Blob{consult.SerializeAsString()}};
  std::vector<sql::Value> changing = ChangingColumns(stored);
  values.insert(values.end(), changing.begin(), changing.end());
  values.insert(values.end(), {name.region, name.id, std::string(expected_etag)});
  std::string assignments = absl::StrCat("change_seq = ", kNextChangeSeq, ", resource = ?");
  for (absl::string_view column : absl::StrSplit(kChangingColumns, ", ")) {
    absl::StrAppend(&assignments, ", ", column, " = ?");
  }
  SAMSPAR_ASSIGN_OR_RETURN(
      const int64_t changed,
      tx.Execute(absl::StrCat("UPDATE consults SET ", assignments, " WHERE region = ? AND consult_id = ? AND etag = ?"),
                 values));
  if (changed != 1) {
    return Error(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                 "the consult changed at the same moment: read it again and retry");
  }
  return AddSearchRows(tx, name, stored);
}

absl::StatusOr<std::string> PatientSearchKey(const v1::PatientIdentifier& patient, absl::string_view field) {
  SAMSPAR_ASSIGN_OR_RETURN(const audit::PatientId checked, audit::CheckPatient(audit::FromProto(patient), field));
  const std::string key = audit::PatientKey(checked);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

absl::StatusOr<int64_t> ChangeSeqOf(sql::Executor& executor, absl::string_view name) {
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName parsed, api::ParseRegional(name, "consults", "name"));
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                           executor.Query("SELECT change_seq FROM consults WHERE region = ? AND consult_id = ?",
                                          {parsed.region, parsed.id}));
  if (rows.empty()) return absl::NotFoundError("the consult is not stored");
  return rows.front().GetInt64(0);
}

absl::StatusOr<std::vector<std::string>> ChangedAfter(sql::Executor& executor, int64_t after, int limit) {
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                           executor.Query("SELECT region, consult_id FROM consults WHERE change_seq > ? "
                                          "ORDER BY change_seq LIMIT ?",
                                          {after, int64_t{limit}}));
  return NamesOf(rows);
}

absl::StatusOr<int64_t> LastChangeSeq(sql::Executor& executor) {
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                           executor.Query("SELECT COALESCE(MAX(change_seq), 0) FROM consults", {}));
  return rows.front().GetInt64(0);
}

absl::Status PostponeTimer(sql::Executor& executor, absl::string_view name, absl::Time due) {
  SAMSPAR_ASSIGN_OR_RETURN(const api::RegionalName parsed, api::ParseRegional(name, "consults", "name"));
  return executor
      .Execute("UPDATE consults SET due_time = ? WHERE region = ? AND consult_id = ? AND due_time IS NOT NULL",
               {absl::ToUnixMicros(due), parsed.region, parsed.id})
      .status();
}

absl::StatusOr<std::vector<std::string>> DueConsults(sql::Executor& executor, absl::Time now, int limit) {
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                           executor.Query("SELECT region, consult_id FROM consults WHERE due_time <= ? "
                                          "ORDER BY due_time LIMIT ?",
                                          {absl::ToUnixMicros(now), limit}));
  return NamesOf(rows);
}

}  // namespace samspar::consult
