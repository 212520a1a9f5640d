#include "services/consult/store/consult_list.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/filter.h"
#include "common/api/order_by.h"
#include "common/api/page.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "samspar/v1/common.pb.h"

namespace samspar::consult {
namespace {

const std::vector<api::FilterField>& Filterable() {
  static const auto* fields = new std::vector<api::FilterField>{
      {"state", api::FieldKind::kEnum, "state_code", "", v1::ConsultState_descriptor()},
      {"track", api::FieldKind::kEnum, "track", "", v1::Track_descriptor()},
      {"priority", api::FieldKind::kEnum, "priority", "", v1::PriorityColour_descriptor()},
      {"outcome", api::FieldKind::kEnum, "outcome", "", v1::ConsultOutcome_descriptor()},
      {"requester_unit", api::FieldKind::kText, "requester_unit"},
      {"requester", api::FieldKind::kText, "requester"},
      {"assignee", api::FieldKind::kText, "assignee"},
      {"routed_line", api::FieldKind::kText, "routed_line"},
      {"answer_overdue", api::FieldKind::kBool, "answer_overdue"},
      {"create_time", api::FieldKind::kTimestamp, "create_time"},
      {"update_time", api::FieldKind::kTimestamp, "update_time"},
  };
  return *fields;
}

// Priority sorts by urgency, red first; a consult without one sorts after
// white rather than before red.
const std::vector<api::OrderField>& Sortable() {
  static const auto* fields = new std::vector<api::OrderField>{
      {"create_time", "create_time"},
      {"update_time", "update_time"},
      {"priority", absl::StrCat("CASE WHEN priority = ", static_cast<int>(v1::PRIORITY_COLOUR_UNSPECIFIED),
                                " THEN ", v1::PriorityColour_MAX + 1, " ELSE priority END")},
  };
  return *fields;
}

// '' in the practitioner columns means "nobody": a caller acting for no
// practitioner is bound as NULL, which equals nothing.
sql::Value Caller(const ConsultListQuery& query) {
  if (query.caller.empty()) return sql::Value();
  return query.caller;
}

// A participant now: the requester, the assignee or a past one (the
// participants table, which keeps them), or the contact of the pending
// offer (offered_to, which forgets a contact once the offer moves on).
api::SqlCondition Participating(const ConsultListQuery& query) {
  const sql::Value caller = Caller(query);
  return {"(requester = ? OR assignee = ? OR offered_to = ? OR consult_id IN "
          "(SELECT consult_id FROM consult_participants WHERE region = ? AND practitioner = ?))",
          {caller, caller, caller, query.region, caller}};
}

api::SqlCondition OfCallerUnits(const ConsultListQuery& query) {
  if (query.caller_units.empty()) return {"1 = 0", {}};
  const std::string marks = absl::StrJoin(std::vector<absl::string_view>(query.caller_units.size(), "?"), ", ");
  api::SqlCondition condition{
      absl::StrCat("(requester_unit IN (", marks, ") OR routed_line_unit IN (", marks, "))"), {}};
  for (int column = 0; column < 2; ++column) {
    condition.params.insert(condition.params.end(), query.caller_units.begin(), query.caller_units.end());
  }
  return condition;
}

absl::StatusOr<api::SqlCondition> Related(const ConsultListQuery& query) {
  switch (query.relation) {
    case v1::CONSULT_RELATION_UNSPECIFIED:
      return api::SqlCondition{"1 = 1", {}};
    case v1::CONSULT_RELATION_REQUESTED_BY_ME:
      return api::SqlCondition{"requester = ?", {Caller(query)}};
    case v1::CONSULT_RELATION_ASSIGNED_TO_ME:
      return api::SqlCondition{"assignee = ?", {Caller(query)}};
    case v1::CONSULT_RELATION_OFFERED_TO_ME:
      return api::SqlCondition{"offered_to = ?", {Caller(query)}};
    case v1::CONSULT_RELATION_PARTICIPATING:
      return Participating(query);
    case v1::CONSULT_RELATION_MY_UNITS:
      return OfCallerUnits(query);
    default:
      return FieldError("relation", "FIELD_INVALID", "is not a ConsultRelation");
  }
}

// Under any identifier the patient had, and only where the caller takes part.
api::SqlCondition OfPatient(const ConsultListQuery& query) {
  if (!query.patient_key.has_value()) return {"1 = 1", {}};
  api::SqlCondition participating = Participating(query);
  api::SqlCondition condition{
      absl::StrCat("consult_id IN (SELECT consult_id FROM consult_patients WHERE region = ? AND patient_key = ?) "
                   "AND ",
                   participating.sql),
      {query.region, *query.patient_key}};
  condition.params.insert(condition.params.end(), participating.params.begin(), participating.params.end());
  return condition;
}

// The request's fields but `patient`: a token must not carry even a digest
// of a personnummer, which trying them all would reverse.
std::string Fingerprint(const v1::ListConsultsRequest& request) {
  v1::ListConsultsRequest bound = request;
  bound.clear_patient();
  return api::RequestFingerprint(bound);
}

}  // namespace

absl::StatusOr<ConsultListPage> ListConsults(sql::Executor& executor, const ConsultListQuery& query) {
  if (query.request == nullptr) return absl::InternalError("ListConsults was given no request");
  const v1::ListConsultsRequest& request = *query.request;
  SAMSPAR_ASSIGN_OR_RETURN(const api::Filter filter, api::Filter::Parse(request.filter(), Filterable()));
  SAMSPAR_ASSIGN_OR_RETURN(const std::string order,
                           api::OrderByClause(request.order_by(), Sortable(), "create_time DESC", "consult_id"));
  const std::string fingerprint = Fingerprint(request);
  SAMSPAR_ASSIGN_OR_RETURN(const api::Page page,
                           api::ResolvePage(request.page_size(), request.page_token(), fingerprint));
  SAMSPAR_ASSIGN_OR_RETURN(const api::SqlCondition related, Related(query));
  const api::SqlCondition patient = OfPatient(query);
  const api::SqlCondition filtered = filter.ToSql();

  std::vector<sql::Value> params = {query.region};
  for (const api::SqlCondition* condition : {&related, &patient, &filtered}) {
    params.insert(params.end(), condition->params.begin(), condition->params.end());
  }
  // One row more than the page tells whether another page follows.
  params.insert(params.end(), {page.size + 1, page.offset});
  SAMSPAR_ASSIGN_OR_RETURN(
      std::vector<sql::Row> rows,
      executor.Query(absl::StrCat("SELECT consult_id FROM consults WHERE region = ? AND ", related.sql, " AND ",
                                  patient.sql, " AND (", filtered.sql, ") ORDER BY ", order, " LIMIT ? OFFSET ?"),
                     params));

  ConsultListPage listed;
  if (static_cast<int>(rows.size()) > page.size) {
    rows.pop_back();
    listed.next_page_token = api::NextPageToken(fingerprint, page.offset + page.size);
  }
  for (const sql::Row& row : rows) {
    SAMSPAR_ASSIGN_OR_RETURN(const std::string id, row.GetText(0));
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<StoredConsult> stored,
                             GetConsult(executor, absl::StrCat("regions/", query.region, "/consults/", id)));
    // Outside a transaction, one removed since the page was chosen is left out.
    if (stored.has_value()) listed.consults.push_back(*std::move(stored));
  }
  return listed;
}

}  // namespace samspar::consult
