// SearchAccessLog as the domain decides it, on a real SQLite file: who may
// search, what a search leaves in the log, how pages and page tokens behave,
// and which requests are refused.

#include "common/audit/access_log_search.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/audit/access_log.h"
#include "common/audit/access_log_schema.h"
#include "common/identity/base64url.h"
#include "common/sql/migrations.h"
#include "common/sql/sqlite_database.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_patients.h"

namespace samspar::audit {
namespace {

using identity::Role;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

constexpr sql::Migration kMigrations[] = {
    {1, kAccessLogMigrationName, kAccessLogMigrationSql},
};
constexpr char kParent[] = "regions/06/services/consult";
const CallOrigin kOrigin{.peer = "ipv4:10.1.2.3:51234",
                         .trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"};

identity::Caller PersonOf(const std::string& region, const std::string& hsa_id, Role role) {
  identity::Caller caller;
  caller.region = region;
  caller.person =
      identity::Person{.hsa_id = hsa_id, .unit_hsa_id = "SE2321000057-0001", .roles = {role}};
  return caller;
}

const identity::Caller kAuditor = PersonOf("06", "SE2321000057-9001", Role::kAuditor);
const identity::Caller kClinician = PersonOf("06", "SE2321000057-1001", Role::kClinician);
const identity::Caller kOtherRegionsAuditor = PersonOf("13", "SE2321000115-9001", Role::kAuditor);

SearchRequest ByPatient(const std::string& number, int page_size = 0) {
  SearchRequest request;
  request.parent = kParent;
  request.subject = QueryKind::kByPatient;
  request.patient = {.kind = PatientKind::kPersonnummer, .value = number};
  request.page_size = page_size;
  return request;
}

class AccessLogSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = sql::SqliteDatabase::Open(dir_.File("consult.db"));
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    ASSERT_TRUE(sql::ApplyMigrations(*database_, "consult", kMigrations).ok());
    search_ = std::make_unique<AccessLogSearch>(*database_, "consult", "samspar.v1.ConsultService");
    patients_ = testing::SkatteverketTestNumbers(2);
    ASSERT_THAT(patients_, SizeIs(2));
  }

  // `count` reads of the patient's data by a clinician in the last hours.
  void RecordReads(const std::string& number, int count) {
    absl::Status status = database_->RunInTransaction([&](sql::Transaction& transaction) {
      for (int i = 0; i < count; ++i) {
        AccessRecord read{.region = "06",
                          .time = absl::Now() - absl::Hours(2) - absl::Seconds(i),
                          .actor = ActorOf(kClinician),
                          .patient = PatientId{.value = number},
                          .resource = "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0d",
                          .method = "/samspar.v1.ConsultService/GetConsult",
                          .service = "samspar.v1.ConsultService",
                          .basis = AccessBasis::kAssignee};
        if (absl::Status recorded = RecordAccess(transaction, read); !recorded.ok()) {
          return recorded;
        }
      }
      return absl::OkStatus();
    });
    ASSERT_TRUE(status.ok()) << status;
  }

  int64_t EntryCount() {
    auto rows = database_->Query("SELECT COUNT(*) AS n FROM access_log");
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows->front().GetInt64("n") : -1;
  }

  absl::StatusOr<SearchResult> Search(const identity::Caller& caller,
                                      const SearchRequest& request) {
    return search_->Search(caller, request, kOrigin);
  }

  // Every page of `request`, by their sizes; the entries' ids go to `ids`.
  std::vector<size_t> PageSizes(SearchRequest request, std::set<std::string>& ids) {
    std::vector<size_t> sizes;
    do {
      absl::StatusOr<SearchResult> page = Search(kAuditor, request);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      sizes.push_back(page->entries.size());
      for (const AccessRecord& entry : page->entries) {
        EXPECT_TRUE(ids.insert(entry.id).second) << "repeated " << entry.id;
      }
      request.page_token = page->next_page_token;
    } while (!request.page_token.empty());
    return sizes;
  }

  testing::TempDir dir_;
  std::unique_ptr<sql::SqliteDatabase> database_;
  std::unique_ptr<AccessLogSearch> search_;
  std::vector<std::string> patients_;
};

TEST_F(AccessLogSearchTest, EachSearchIsRecordedBeforeItsPageIsRead) {
  absl::StatusOr<SearchResult> first = Search(kAuditor, ByPatient(patients_[0]));
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_THAT(first->entries, SizeIs(1));
  const AccessRecord& itself = first->entries[0];
  EXPECT_EQ(itself.actor, ActorOf(kAuditor));
  EXPECT_EQ(itself.patient, (PatientId{.value = patients_[0]}));
  EXPECT_EQ(itself.resource, kParent);
  EXPECT_EQ(itself.action, AccessAction::kSearchAccessLog);
  EXPECT_EQ(itself.query_kind, QueryKind::kByPatient);
  EXPECT_EQ(itself.method, "/samspar.v1.AccessLogService/SearchAccessLog");
  EXPECT_EQ(itself.service, "samspar.v1.ConsultService");
  EXPECT_EQ(itself.basis, AccessBasis::kAudit);
  EXPECT_EQ(itself.outcome, AccessOutcome::kGranted);
  EXPECT_EQ(itself.peer, kOrigin.peer);
  EXPECT_EQ(itself.trace_id, kOrigin.trace_id);
  EXPECT_TRUE(first->next_page_token.empty());

  absl::StatusOr<SearchResult> second = Search(kAuditor, ByPatient(patients_[0]));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(second->entries, SizeIs(2));

  // A search by person names no patient.
  SearchRequest by_user;
  by_user.parent = kParent;
  by_user.subject = QueryKind::kByUser;
  by_user.user_hsa_id = "se2321000057-9001";  // HSA-ids are read in any letter case
  absl::StatusOr<SearchResult> mine = Search(kAuditor, by_user);
  ASSERT_TRUE(mine.ok()) << mine.status();
  ASSERT_THAT(mine->entries, SizeIs(3));
  EXPECT_EQ(mine->entries[0].query_kind, QueryKind::kByUser);
  EXPECT_FALSE(mine->entries[0].patient.has_value());
}

TEST_F(AccessLogSearchTest, PagesOfTheDefaultSizeHoldEveryEntryOnce) {
  RecordReads(patients_[0], 120);
  std::set<std::string> ids;
  // 120 reads and the first page's own search; later pages' searches are
  // newer than where the walk is.
  EXPECT_THAT(PageSizes(ByPatient(patients_[0]), ids), ::testing::ElementsAre(50, 50, 21));
  EXPECT_THAT(ids, SizeIs(121));
}

TEST_F(AccessLogSearchTest, APageIsAtMostAThousandEntries) {
  RecordReads(patients_[0], 1000);
  absl::StatusOr<SearchResult> page = Search(kAuditor, ByPatient(patients_[0], 5000));
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_THAT(page->entries, SizeIs(1000));
  EXPECT_FALSE(page->next_page_token.empty());
}

TEST_F(AccessLogSearchTest, ATokenServesOnlyTheRequestItCameFrom) {
  RecordReads(patients_[0], 3);
  RecordReads(patients_[1], 3);
  absl::StatusOr<SearchResult> first = Search(kAuditor, ByPatient(patients_[0], 2));
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_FALSE(first->next_page_token.empty());
  const int64_t entries = EntryCount();

  SearchRequest another_patient = ByPatient(patients_[1], 2);
  SearchRequest another_size = ByPatient(patients_[0], 3);
  SearchRequest a_time_range = ByPatient(patients_[0], 2);
  a_time_range.time_range =
      SearchRequest::Interval{absl::Now() - absl::Hours(48), absl::Now() + absl::Hours(1)};
  SearchRequest by_user = ByPatient(patients_[0], 2);
  by_user.subject = QueryKind::kByUser;
  by_user.user_hsa_id = "SE2321000057-1001";
  for (SearchRequest changed : {another_patient, another_size, a_time_range, by_user}) {
    changed.page_token = first->next_page_token;
    absl::StatusOr<SearchResult> refused = Search(kAuditor, changed);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ReasonOf(refused.status()), "INVALID_PAGE_TOKEN") << refused.status();
  }
  // Refused requests read nothing, so they leave nothing.
  EXPECT_EQ(EntryCount(), entries);

  SearchRequest unchanged = ByPatient(patients_[0], 2);
  unchanged.page_token = first->next_page_token;
  absl::StatusOr<SearchResult> next = Search(kAuditor, unchanged);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_THAT(next->entries, SizeIs(2));
}

TEST_F(AccessLogSearchTest, ATokenCarriesNoPatientIdentity) {
  RecordReads(patients_[0], 3);
  absl::StatusOr<SearchResult> first = Search(kAuditor, ByPatient(patients_[0], 1));
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string& token = first->next_page_token;
  ASSERT_FALSE(token.empty());
  absl::optional<std::string> decoded = identity::Base64UrlDecode(token);
  ASSERT_TRUE(decoded.has_value());
  for (const std::string& form : testing::WrittenForms(patients_[0])) {
    EXPECT_THAT(token, Not(HasSubstr(form)));
    EXPECT_THAT(*decoded, Not(HasSubstr(form)));
  }
}

struct BadRequest {
  std::string what;
  std::function<void(SearchRequest&)> change;
  std::string field;
  std::string reason;
};

TEST_F(AccessLogSearchTest, AWrongRequestIsRefusedNamingTheFieldAndLeavesNothing) {
  const std::string number = patients_[0];
  const std::string bad_check_digit = number.substr(0, 11) + (number[11] == '9' ? "0" : "9");
  std::vector<BadRequest> cases = {
      {"no parent", [](SearchRequest& r) { r.parent.clear(); }, "parent", "FIELD_REQUIRED"},
      {"a parent of another shape", [](SearchRequest& r) { r.parent = "regions/06/consults"; },
       "parent", "INVALID_NAME"},
      {"another service's log",
       [](SearchRequest& r) { r.parent = "regions/06/services/conference"; }, "parent",
       "SERVICE_MISMATCH"},
      {"no subject", [](SearchRequest& r) { r.subject = QueryKind::kNone; }, "subject",
       "FIELD_REQUIRED"},
      {"no kind", [](SearchRequest& r) { r.patient.kind.reset(); }, "patient.kind",
       "FIELD_REQUIRED"},
      {"a wrong check digit", [&](SearchRequest& r) { r.patient.value = bad_check_digit; },
       "patient.value", "INVALID_PATIENT_IDENTIFIER"},
      {"a personnummer called a samordningsnummer",
       [](SearchRequest& r) { r.patient.kind = PatientKind::kSamordningsnummer; }, "patient.value",
       "INVALID_PATIENT_IDENTIFIER"},
      {"an issuer on a personnummer",
       [](SearchRequest& r) { r.patient.issuing_region = "regions/06"; }, "patient.issuing_region",
       "FIELD_INVALID"},
      {"a reservnummer with a space",
       [](SearchRequest& r) {
         r.patient = {
             .kind = PatientKind::kReservnummer, .value = "R 42", .issuing_region = "regions/06"};
       },
       "patient.value", "INVALID_PATIENT_IDENTIFIER"},
      {"a reservnummer without its region",
       [](SearchRequest& r) { r.patient = {.kind = PatientKind::kReservnummer, .value = "R-42"}; },
       "patient.issuing_region", "FIELD_REQUIRED"},
      {"a personnummer as an HSA-id",
       [&](SearchRequest& r) {
         r.subject = QueryKind::kByUser;
         r.user_hsa_id = number;
       },
       "user_hsa_id", "INVALID_HSA_ID"},
      {"a client id with a space",
       [](SearchRequest& r) {
         r.subject = QueryKind::kByClient;
         r.client_id = "ehr cosmic";
       },
       "client_id", "FIELD_INVALID"},
      {"a range ending before it starts",
       [](SearchRequest& r) {
         r.time_range = SearchRequest::Interval{absl::Now(), absl::Now() - absl::Hours(1)};
       },
       "time_range", "INVALID_TIME_RANGE"},
      {"a range of 367 days",
       [](SearchRequest& r) {
         r.time_range = SearchRequest::Interval{absl::Now() - absl::Hours(24 * 367), absl::Now()};
       },
       "time_range", "INVALID_TIME_RANGE"},
      {"a range without a start",
       [](SearchRequest& r) {
         r.time_range = SearchRequest::Interval{{}, absl::Now()};
       },
       "time_range.start_time", "FIELD_REQUIRED"},
      {"a negative page size", [](SearchRequest& r) { r.page_size = -1; }, "page_size",
       "FIELD_INVALID"},
      {"a filter", [](SearchRequest& r) { r.filter = "outcome = ACCESS_OUTCOME_DENIED"; }, "filter",
       "INVALID_FILTER"},
      {"a made-up page token", [](SearchRequest& r) { r.page_token = "bm90LWEtdG9rZW4"; },
       "page_token", "INVALID_PAGE_TOKEN"},
  };
  for (const BadRequest& bad : cases) {
    SearchRequest request = ByPatient(number);
    bad.change(request);
    absl::StatusOr<SearchResult> refused = Search(kAuditor, request);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << bad.what;
    EXPECT_EQ(ReasonOf(refused.status()), bad.reason) << bad.what << ": " << refused.status();
    EXPECT_EQ(FieldOf(refused.status()), bad.field) << bad.what;
    for (const std::string& form : testing::WrittenForms(number)) {
      EXPECT_THAT(refused.status().message(), Not(HasSubstr(form))) << bad.what;
      EXPECT_THAT(refused.status().message(), Not(HasSubstr(form.substr(0, 11))))
          << bad.what;  // nor the wrong number, which shares all but its last digit
    }
  }
  EXPECT_EQ(EntryCount(), 0);

  // The 366 days of a leap year are allowed.
  SearchRequest leap_year = ByPatient(number);
  const absl::Time now = absl::Now();
  leap_year.time_range = SearchRequest::Interval{now - absl::Hours(24 * 366), now};
  EXPECT_TRUE(Search(kAuditor, leap_year).ok());
}

TEST_F(AccessLogSearchTest, ARefusedSearchOfAPatientOfTheRegionIsRecordedAsDenied) {
  absl::StatusOr<SearchResult> refused = Search(kClinician, ByPatient(patients_[0]));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(refused.status()), "ROLE_NOT_ALLOWED");

  absl::StatusOr<SearchResult> extract = Search(kAuditor, ByPatient(patients_[0]));
  ASSERT_TRUE(extract.ok()) << extract.status();
  ASSERT_THAT(extract->entries, SizeIs(2));
  const AccessRecord& attempt = extract->entries[1];
  EXPECT_EQ(attempt.actor, ActorOf(kClinician));
  EXPECT_EQ(attempt.patient, (PatientId{.value = patients_[0]}));
  EXPECT_EQ(attempt.action, AccessAction::kSearchAccessLog);
  EXPECT_EQ(attempt.basis, AccessBasis::kNone);
  EXPECT_EQ(attempt.outcome, AccessOutcome::kDenied);
}

TEST_F(AccessLogSearchTest, ARefusedCallerLearnsNothingFromTheRequestChecks) {
  SearchRequest bad = ByPatient(patients_[0]);
  bad.patient.value = patients_[0].substr(0, 11) + (patients_[0][11] == '9' ? "0" : "9");
  absl::StatusOr<SearchResult> refused = Search(kClinician, bad);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  // An invalid identifier names no patient: nothing to record.
  EXPECT_EQ(EntryCount(), 0);

  identity::Caller system;
  system.region = "06";
  system.system = identity::System{.client_id = "ehr-cosmic", .scopes = {"audit.read"}};
  refused = Search(system, ByPatient(patients_[0]));
  EXPECT_EQ(ReasonOf(refused.status()), "PERSON_REQUIRED");
  EXPECT_EQ(EntryCount(), 1);
}

TEST_F(AccessLogSearchTest, AnotherRegionsCallerIsRefusedFirstAndLeavesNothing) {
  SearchRequest request = ByPatient(patients_[0]);
  request.parent = "regions/06/services/conference";  // wrong twice over
  request.page_size = -1;
  absl::StatusOr<SearchResult> refused = Search(kOtherRegionsAuditor, request);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(refused.status()), "REGION_MISMATCH");
  EXPECT_EQ(EntryCount(), 0);
}

}  // namespace
}  // namespace samspar::audit
