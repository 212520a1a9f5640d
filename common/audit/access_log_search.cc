#include "common/audit/access_log_search.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/audit/access_log.h"
#include "common/audit/page_token.h"
#include "common/audit/resource_name.h"
#include "common/auth/authorize.h"
#include "common/auth/rpc_rule.h"
#include "common/ids/hsa_id.h"
#include "common/status/errors.h"

namespace samspar::audit {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
// Without a time range a search covers the last 30 days; a range may span a
// year, leap day included.
constexpr absl::Duration kDefaultWindow = absl::Hours(24 * 30);
constexpr absl::Duration kMaxWindow = absl::Hours(24 * 366);
constexpr size_t kMaxClientIdLength = 255;

struct Parent {
  std::string name;
  std::string region;
  std::string service;
};

absl::StatusOr<Parent> ParseParent(const std::string& parent) {
  if (parent.empty()) return FieldError("parent", "FIELD_REQUIRED", "required");
  absl::optional<std::vector<std::string>> parts =
      MatchName(parent, "regions/{region}/services/{service}");
  if (!parts.has_value() || !IsRegionCode((*parts)[0])) {
    return FieldError("parent", "INVALID_NAME", "must be regions/{region}/services/{service}");
  }
  return Parent{.name = parent, .region = (*parts)[0], .service = (*parts)[1]};
}

absl::Status ChangedRequest() {
  return FieldError("page_token", "INVALID_PAGE_TOKEN",
                    "the request changed since the first page; start again without a token");
}

bool IsClientId(absl::string_view id) {
  return !id.empty() && id.size() <= kMaxClientIdLength &&
         std::all_of(id.begin(), id.end(),
                     [](char c) { return absl::ascii_isgraph(static_cast<unsigned char>(c)); });
}

// A request that passed its checks: the query to run, less what depends on
// the moment of the first page.
struct CheckedRequest {
  AccessLogQuery query;
  // No time range was given: the last 30 days, counted from the first page.
  bool open_window = false;
  std::string fingerprint;
};

absl::Status CheckSubject(const SearchRequest& request, AccessLogQuery& query) {
  query.subject = request.subject;
  switch (request.subject) {
    case QueryKind::kByPatient: {
      absl::StatusOr<PatientId> patient = CheckPatient(request.patient, "patient");
      if (!patient.ok()) return patient.status();
      query.patient = *std::move(patient);
      return absl::OkStatus();
    }
    case QueryKind::kByUser: {
      if (request.user_hsa_id.empty()) {
        return FieldError("user_hsa_id", "FIELD_REQUIRED", "required");
      }
      absl::StatusOr<ids::HsaId> hsa_id = ids::HsaId::Parse(request.user_hsa_id);
      if (!hsa_id.ok()) {
        return FieldError("user_hsa_id", "INVALID_HSA_ID", hsa_id.status().message());
      }
      query.hsa_id = hsa_id->value();
      return absl::OkStatus();
    }
    case QueryKind::kByClient:
      if (request.client_id.empty()) {
        return FieldError("client_id", "FIELD_REQUIRED", "required");
      }
      if (!IsClientId(request.client_id)) {
        return FieldError("client_id", "FIELD_INVALID",
                          "a client id is 1 to 255 printable characters without spaces");
      }
      query.client_id = request.client_id;
      return absl::OkStatus();
    case QueryKind::kNone:
      break;
  }
  return FieldError("subject", "FIELD_REQUIRED",
                    "one of patient, user_hsa_id or client_id is required");
}

absl::Status CheckTimeRange(const SearchRequest::Interval& range, AccessLogQuery& query) {
  if (!range.start_time.has_value()) {
    return FieldError("time_range.start_time", "FIELD_REQUIRED", "required");
  }
  if (!range.end_time.has_value()) {
    return FieldError("time_range.end_time", "FIELD_REQUIRED", "required");
  }
  if (*range.end_time <= *range.start_time) {
    return FieldError("time_range", "INVALID_TIME_RANGE", "end_time must be after start_time");
  }
  if (*range.end_time - *range.start_time > kMaxWindow) {
    return FieldError("time_range", "INVALID_TIME_RANGE", "may span at most 366 days");
  }
  query.since = *range.start_time;
  query.until = *range.end_time;
  return absl::OkStatus();
}

std::string MicrosOrEmpty(const absl::optional<absl::Time>& time) {
  return time.has_value() ? absl::StrCat(absl::ToUnixMicros(*time)) : "";
}

// Every field of the request but the page token and the patient's value,
// which the token's anchor entry stands for (see page_token.h).
std::string RequestFingerprint(const SearchRequest& request, const AccessLogQuery& query) {
  SearchRequest::Interval range = request.time_range.value_or(SearchRequest::Interval{});
  return Fingerprint(
      {request.parent, std::string(NameOf(query.subject)),
       query.subject == QueryKind::kByPatient ? std::string(NameOf(query.patient.kind)) : "",
       query.hsa_id, query.client_id, request.time_range.has_value() ? "range" : "open",
       MicrosOrEmpty(range.start_time), MicrosOrEmpty(range.end_time), request.filter,
       absl::StrCat(request.page_size)});
}

absl::StatusOr<CheckedRequest> CheckRequest(const SearchRequest& request,
                                            const std::string& region) {
  CheckedRequest checked;
  checked.query.region = region;
  if (absl::Status status = CheckSubject(request, checked.query); !status.ok()) return status;
  if (request.time_range.has_value()) {
    if (absl::Status status = CheckTimeRange(*request.time_range, checked.query); !status.ok()) {
      return status;
    }
  } else {
    checked.open_window = true;
  }
  if (!request.filter.empty()) {
    return FieldError("filter", "INVALID_FILTER", "SearchAccessLog takes no filter yet");
  }
  if (request.page_size < 0) {
    return FieldError("page_size", "FIELD_INVALID", "must not be negative");
  }
  checked.query.limit =
      request.page_size == 0 ? kDefaultPageSize : std::min(request.page_size, kMaxPageSize);
  checked.fingerprint = RequestFingerprint(request, checked.query);
  if (!request.page_token.empty()) {
    absl::StatusOr<PageToken> token = DecodePageToken(request.page_token);
    if (!token.ok()) return token.status();
    if (token->fingerprint != checked.fingerprint) return ChangedRequest();
    checked.query.after_entry_id = token->after_entry_id;
    if (checked.open_window) checked.query.since = token->since;
  }
  return checked;
}

}  // namespace

AccessLogSearch::AccessLogSearch(sql::Database& database, std::string log,
                                 std::string recording_service)
    : database_(database), log_(std::move(log)), recording_service_(std::move(recording_service)) {}

absl::StatusOr<SearchResult> AccessLogSearch::Search(const identity::Caller& caller,
                                                     const SearchRequest& request,
                                                     const CallOrigin& origin) const {
  absl::StatusOr<Parent> parent = ParseParent(request.parent);
  if (!parent.ok()) return parent.status();
  const auth::RpcRule* rule = auth::FindRule(kSearchAccessLogMethod);
  if (rule == nullptr) return absl::InternalError("SearchAccessLog has no rule in the policy");
  auth::ResourceFacts facts;
  facts.region = parent->region;
  absl::StatusOr<auth::Decision> decision = auth::Authorize(caller, *rule, facts);
  if (!decision.ok() && ReasonOf(decision.status()) == "REGION_MISMATCH") {
    return decision.status();
  }
  if (parent->service != log_) {
    return FieldError("parent", "SERVICE_MISMATCH",
                      absl::StrCat("this server holds the ", log_, " access log only"));
  }
  absl::StatusOr<CheckedRequest> checked = CheckRequest(request, parent->region);
  // Permission is judged before the request: a caller who may not search
  // learns nothing from the checks.
  if (!decision.ok() && !checked.ok()) return decision.status();

  const absl::Time now = absl::Now();
  AccessRecord entry{.region = parent->region,
                     .time = now,
                     .actor = ActorOf(caller),
                     .resource = parent->name,
                     .action = AccessAction::kSearchAccessLog,
                     .method = kSearchAccessLogMethod,
                     .service = recording_service_,
                     .peer = origin.peer,
                     .trace_id = origin.trace_id};
  if (checked.ok()) {
    entry.query_kind = checked->query.subject;
    if (checked->query.subject == QueryKind::kByPatient) entry.patient = checked->query.patient;
  }

  if (!decision.ok()) {
    entry.basis = AccessBasis::kNone;
    entry.outcome = AccessOutcome::kDenied;
    absl::Status recorded = database_.RunInTransaction(
        [&entry](sql::Transaction& transaction) { return RecordAccess(transaction, entry); });
    return recorded.ok() ? decision.status() : recorded;
  }
  if (!checked.ok()) return checked.status();

  AccessLogQuery query = checked->query;
  if (checked->open_window && !query.after_entry_id.has_value()) {
    query.since = now - kDefaultWindow;
  }
  entry.basis = AccessBasis::kAudit;
  entry.outcome = AccessOutcome::kGranted;
  AccessLogPage page;
  absl::Status status = database_.RunInTransaction([&](sql::Transaction& transaction) {
    if (absl::Status recorded = RecordAccess(transaction, entry); !recorded.ok()) return recorded;
    absl::StatusOr<AccessLogPage> read = ReadAccessLog(transaction, query);
    if (absl::IsNotFound(read.status())) return ChangedRequest();
    if (!read.ok()) return read.status();
    page = *std::move(read);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;

  SearchResult result{.region = parent->region, .entries = std::move(page.entries)};
  if (page.more) {
    result.next_page_token = EncodePageToken({.after_entry_id = result.entries.back().id,
                                              .since = query.since,
                                              .fingerprint = checked->fingerprint});
  }
  return result;
}

}  // namespace samspar::audit
