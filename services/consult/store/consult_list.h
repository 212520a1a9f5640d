#ifndef SAMSPAR_SERVICES_CONSULT_STORE_CONSULT_LIST_H_
#define SAMSPAR_SERVICES_CONSULT_STORE_CONSULT_LIST_H_

// The query behind ListConsults: a region's consults as they relate to the
// caller, narrowed by the request's filter and, for an EHR's patient view,
// by patient, in the request's order, one page at a time. Deciding who may
// list and withholding patient data from non-participants are the
// service's; this only selects and reads.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/optional.h"
#include "common/sql/database.h"
#include "samspar/v1/consult.pb.h"
#include "services/consult/store/consult_store.h"

namespace samspar::consult {

struct ConsultListQuery {
  std::string region = {};  // two-digit code
  v1::ConsultRelation relation = v1::CONSULT_RELATION_UNSPECIFIED;
  std::string caller = {};  // the caller's practitioner resource name
  // The units (resource names) the caller works for, for MY_UNITS: the
  // consults asked from one of them or routed to a line one of them owns.
  std::vector<std::string> caller_units = {};
  // A PatientSearchKey: only that patient's consults (under any identifier
  // they had), and of those only the ones the caller participates in.
  absl::optional<std::string> patient_key = {};
  // Its filter, order_by, page_size and page_token; the page token is bound
  // to its other fields, `patient` excepted (see ListConsults).
  const v1::ListConsultsRequest* request = nullptr;
};

struct ConsultListPage {
  std::vector<StoredConsult> consults;
  std::string next_page_token;  // empty on the last page
};

// One page of the consults `query` selects, ordered by the request's
// order_by (`create_time desc` when empty) and then by id.
// INVALID_ARGUMENT with the reasons of the shared List machinery:
// INVALID_FILTER, INVALID_ORDER_BY, INVALID_PAGE_TOKEN, FIELD_INVALID
// (page_size).
// The page token carries no trace of the patient searched for, so a token
// stays valid with another `patient`: that gives the other patient's list
// from the same position, which the caller could ask for anyway.
// Consults are read one by one after the page is chosen: run it in a
// transaction for a page that is one snapshot.
absl::StatusOr<ConsultListPage> ListConsults(sql::Executor& executor, const ConsultListQuery& query);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_STORE_CONSULT_LIST_H_
