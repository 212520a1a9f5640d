#include "common/audit/access_log.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/ids/resource_id.h"
#include "common/auth/role_set.h"

namespace samspar::audit {
using ids::NewResourceId;
namespace {

constexpr char kColumns[] =
    "entry_id, region, access_time, actor_kind, actor_hsa_id, actor_client_id, "
    "actor_unit_hsa_id, actor_roles, patient_kind, patient_value, patient_issuing_region, "
    "patient_issuing_unit, previous_patient_kind, previous_patient_value, "
    "previous_patient_issuing_region, previous_patient_issuing_unit, resource, action, "
    "query_kind, method, service, basis, outcome, peer, trace_id";

// A chain of replaced identifiers is one or two long in practice; the bound
// only keeps a corrupted log from making a search loop.
constexpr size_t kMaxLinkedIdentifiers = 64;

std::optional<std::string> NullIfEmpty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

std::string RolesText(const std::set<identity::Role>& roles) {
  return absl::StrJoin(roles, " ", [](std::string* out, identity::Role role) {
    absl::StrAppend(out, auth::RoleName(role));
  });
}

// The key, kind, value, issuing region and issuing unit columns of a
// patient, all NULL when there is none.
void AppendPatient(const absl::optional<PatientId>& patient, std::vector<sql::Value>& values) {
  if (!patient.has_value()) {
    values.insert(values.end(), 5, sql::Value());
    return;
  }
  values.insert(values.end(),
                {PatientKey(*patient), NameOf(patient->kind), patient->value,
                 NullIfEmpty(patient->issuing_region), NullIfEmpty(patient->issuing_unit)});
}

// Reads the columns of a row, keeping the first error: the table's own rows
// only fail to read when the schema and this code disagree.
class RowReader {
 public:
  explicit RowReader(const sql::Row& row) : row_(row) {}

  std::string Text(absl::string_view column) {
    absl::StatusOr<std::optional<std::string>> value = row_.GetOptionalText(column);
    if (!Keep(value.status())) return "";
    return value->value_or("");
  }

  bool IsNull(absl::string_view column) {
    absl::StatusOr<sql::Value> value = row_.GetValue(column);
    return !Keep(value.status()) || value->is_null();
  }

  absl::Time Time(absl::string_view column) {
    absl::StatusOr<int64_t> micros = row_.GetInt64(column);
    if (!Keep(micros.status())) return absl::UnixEpoch();
    return absl::FromUnixMicros(*micros);
  }

  template <typename Enum>
  Enum Named(absl::string_view column, absl::optional<Enum> (*from)(absl::string_view)) {
    std::string name = Text(column);
    absl::optional<Enum> value = from(name);
    if (!value.has_value()) {
      Keep(
          absl::InternalError(absl::StrCat("access_log.", column, ": unknown value '", name, "'")));
      return Enum{};
    }
    return *value;
  }

  std::set<identity::Role> Roles(absl::string_view column) {
    std::set<identity::Role> roles;
    for (absl::string_view name : absl::StrSplit(Text(column), ' ', absl::SkipEmpty())) {
      const identity::Role* role =
          std::find_if(std::begin(auth::kAllRoles), std::end(auth::kAllRoles),
                       [name](identity::Role each) { return auth::RoleName(each) == name; });
      if (role == std::end(auth::kAllRoles)) {
        Keep(absl::InternalError(
            absl::StrCat("access_log.", column, ": unknown role '", name, "'")));
      } else {
        roles.insert(*role);
      }
    }
    return roles;
  }

  absl::optional<PatientId> Patient(absl::string_view prefix) {
    if (IsNull(absl::StrCat(prefix, "_kind"))) return absl::nullopt;
    PatientId patient;
    patient.kind = Named(absl::StrCat(prefix, "_kind"), &PatientKindFrom);
    patient.value = Text(absl::StrCat(prefix, "_value"));
    patient.issuing_region = Text(absl::StrCat(prefix, "_issuing_region"));
    patient.issuing_unit = Text(absl::StrCat(prefix, "_issuing_unit"));
    return patient;
  }

  const absl::Status& status() const { return status_; }

 private:
  bool Keep(const absl::Status& status) {
    if (status_.ok()) status_ = status;
    return status.ok();
  }

  const sql::Row& row_;
  absl::Status status_;
};

absl::StatusOr<AccessRecord> RecordFromRow(const sql::Row& row) {
  RowReader read(row);
  AccessRecord record;
  record.id = read.Text("entry_id");
  record.region = read.Text("region");
  record.time = read.Time("access_time");
  record.actor.kind = read.Named("actor_kind", &ActorKindFrom);
  record.actor.hsa_id = read.Text("actor_hsa_id");
  record.actor.client_id = read.Text("actor_client_id");
  record.actor.unit_hsa_id = read.Text("actor_unit_hsa_id");
  record.actor.roles = read.Roles("actor_roles");
  record.patient = read.Patient("patient");
  record.previous_patient = read.Patient("previous_patient");
  record.resource = read.Text("resource");
  record.action = read.Named("action", &AccessActionFrom);
  record.query_kind = read.Named("query_kind", &QueryKindFrom);
  record.method = read.Text("method");
  record.service = read.Text("service");
  record.basis = read.Named("basis", &AccessBasisFrom);
  record.outcome = read.Named("outcome", &AccessOutcomeFrom);
  record.peer = read.Text("peer");
  record.trace_id = read.Text("trace_id");
  if (!read.status().ok()) return read.status();
  return record;
}

// A WHERE clause and its parameters.
struct Condition {
  std::string sql;
  std::vector<sql::Value> params;

  void And(absl::string_view clause, std::initializer_list<sql::Value> values) {
    absl::StrAppend(&sql, sql.empty() ? "" : " AND ", clause);
    params.insert(params.end(), values);
  }
};

// The patient's key and the keys of every identifier linked to it by a
// granted IDENTIFY_PATIENT entry, in either direction and through chains.
absl::StatusOr<std::vector<std::string>> LinkedPatientKeys(sql::Executor& executor,
                                                           const std::string& region,
                                                           const PatientId& patient) {
  std::vector<std::string> keys = {PatientKey(patient)};
  for (size_t next = 0; next < keys.size() && keys.size() < kMaxLinkedIdentifiers; ++next) {
    absl::StatusOr<std::vector<sql::Row>> links = executor.Query(
        "SELECT patient_key, previous_patient_key FROM access_log"
        " WHERE region = ? AND action = ? AND outcome = ?"
        " AND (patient_key = ? OR previous_patient_key = ?)",
        {region, NameOf(AccessAction::kIdentifyPatient), NameOf(AccessOutcome::kGranted),
         keys[next], keys[next]});
    if (!links.ok()) return links.status();
    for (const sql::Row& link : *links) {
      for (absl::string_view column : {"patient_key", "previous_patient_key"}) {
        absl::StatusOr<std::optional<std::string>> key = link.GetOptionalText(column);
        if (!key.ok()) return key.status();
        if (key->has_value() && std::find(keys.begin(), keys.end(), **key) == keys.end()) {
          keys.push_back(**key);
        }
      }
    }
  }
  return keys;
}

absl::StatusOr<Condition> Selection(sql::Executor& executor, const AccessLogQuery& query) {
  Condition where;
  where.And("region = ?", {query.region});
  switch (query.subject) {
    case QueryKind::kByPatient: {
      absl::StatusOr<std::vector<std::string>> keys =
          LinkedPatientKeys(executor, query.region, query.patient);
      if (!keys.ok()) return keys.status();
      std::vector<absl::string_view> marks(keys->size(), "?");
      where.And(absl::StrCat("patient_key IN (", absl::StrJoin(marks, ", "), ")"), {});
      where.params.insert(where.params.end(), keys->begin(), keys->end());
      break;
    }
    case QueryKind::kByUser:
      where.And("actor_hsa_id = ?", {query.hsa_id});
      break;
    case QueryKind::kByClient:
      where.And("actor_client_id = ?", {query.client_id});
      break;
    case QueryKind::kNone:
      return absl::InternalError("an access-log search needs a subject");
  }
  where.And("access_time >= ?", {absl::ToUnixMicros(query.since)});
  if (query.until.has_value()) where.And("access_time < ?", {absl::ToUnixMicros(*query.until)});
  return where;
}

}  // namespace

std::string PatientKey(const PatientId& patient) {
  if (patient.kind == PatientKind::kReservnummer) {
    return absl::StrCat(NameOf(patient.kind), ":", patient.issuing_region, ":", patient.value);
  }
  return absl::StrCat(NameOf(patient.kind), ":", patient.value);
}

absl::Status RecordAccess(sql::Transaction& transaction, const AccessRecord& record) {
  std::vector<sql::Value> values = {
      record.region,
      NewResourceId(record.time),
      absl::ToUnixMicros(record.time),
      NameOf(record.actor.kind),
      NullIfEmpty(record.actor.hsa_id),
      NullIfEmpty(record.actor.client_id),
      NullIfEmpty(record.actor.unit_hsa_id),
      RolesText(record.actor.roles),
  };
  AppendPatient(record.patient, values);
  AppendPatient(record.previous_patient, values);
  values.insert(values.end(), {record.resource, NameOf(record.action), NameOf(record.query_kind),
                               record.method, record.service, NameOf(record.basis),
                               NameOf(record.outcome), record.peer, record.trace_id});
  absl::StatusOr<int64_t> inserted = transaction.Execute(
      "INSERT INTO access_log (region, entry_id, access_time, actor_kind, actor_hsa_id,"
      " actor_client_id, actor_unit_hsa_id, actor_roles, patient_key, patient_kind,"
      " patient_value, patient_issuing_region, patient_issuing_unit, previous_patient_key,"
      " previous_patient_kind, previous_patient_value, previous_patient_issuing_region,"
      " previous_patient_issuing_unit, resource, action, query_kind, method, service, basis,"
      " outcome, peer, trace_id)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      values);
  return inserted.status();
}

absl::StatusOr<AccessLogPage> ReadAccessLog(sql::Executor& executor, const AccessLogQuery& query) {
  absl::StatusOr<Condition> where = Selection(executor, query);
  if (!where.ok()) return where.status();

  if (query.after_entry_id.has_value()) {
    std::vector<sql::Value> params = where->params;
    params.push_back(*query.after_entry_id);
    absl::StatusOr<std::vector<sql::Row>> anchor = executor.Query(
        absl::StrCat("SELECT access_time FROM access_log WHERE ", where->sql, " AND entry_id = ?"),
        params);
    if (!anchor.ok()) return anchor.status();
    if (anchor->empty()) {
      return absl::NotFoundError("the entry to continue after is not one this search selects");
    }
    absl::StatusOr<int64_t> micros = anchor->front().GetInt64("access_time");
    if (!micros.ok()) return micros.status();
    where->And("(access_time < ? OR (access_time = ? AND entry_id < ?))",
               {*micros, *micros, *query.after_entry_id});
  }

  std::vector<sql::Value> params = where->params;
  params.push_back(query.limit + 1);  // one more tells whether a next page exists
  absl::StatusOr<std::vector<sql::Row>> rows =
      executor.Query(absl::StrCat("SELECT ", kColumns, " FROM access_log WHERE ", where->sql,
                                  " ORDER BY access_time DESC, entry_id DESC LIMIT ?"),
                     params);
  if (!rows.ok()) return rows.status();

  AccessLogPage page;
  for (const sql::Row& row : *rows) {
    if (page.entries.size() == static_cast<size_t>(query.limit)) {
      page.more = true;
      break;
    }
    absl::StatusOr<AccessRecord> record = RecordFromRow(row);
    if (!record.ok()) return record.status();
    page.entries.push_back(*std::move(record));
  }
  return page;
}

}  // namespace samspar::audit
