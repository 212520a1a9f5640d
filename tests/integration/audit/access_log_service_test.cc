// SearchAccessLog over real gRPC, as the consult service serves it: bearer
// tokens from the local identity provider checked by the CallGuard, the
// consult database with its migrations on a real SQLite file. Every search
// of a patient leaves exactly one entry, refusals of the region are
// recorded, another region's callers leave nothing, and no error repeats a
// personnummer.

#include "common/audit/access_log_service.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/client/channel.h"
#include "common/identity/base64url.h"
#include "common/identity/token_profile.h"
#include "common/identity/token_signer.h"
#include "common/server/call_guard.h"
#include "common/server/grpc_server.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "samspar/v1/access_log.grpc.pb.h"
#include "services/consult/consult_schema.h"
#include "tests/support/service_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_identity_provider.h"
#include "tests/support/test_patients.h"

namespace samspar::audit {
namespace {

using identity::Role;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kParent[] = "regions/06/services/consult";

identity::Person PersonWith(const std::string& hsa_id, Role role) {
  return {.hsa_id = hsa_id, .unit_hsa_id = "SE2321000057-0001", .roles = {role}};
}

const identity::Person kAuditor = PersonWith("SE2321000057-9001", Role::kAuditor);
const identity::Person kClinician = PersonWith("SE2321000057-1001", Role::kClinician);

v1::SearchAccessLogRequest ByPatient(const std::string& number, int page_size = 0) {
  v1::SearchAccessLogRequest request;
  request.set_parent(kParent);
  request.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  request.mutable_patient()->set_value(number);
  request.set_page_size(page_size);
  return request;
}

class AccessLogServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(identity_provider_.Init(dir_).ok());
    auto guard = identity_provider_.Guard();
    ASSERT_TRUE(guard.ok()) << guard.status();
    guard_ = std::move(*guard);

    auto database = sql::OpenDatabase(dir_.File("consult.db"));
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    ASSERT_TRUE(sql::ApplyMigrations(*database_, "consult", consult::kConsultMigrations).ok());

    context_ = std::make_unique<server::ServiceContext>(
        server::ServiceContext{*database_, registry_, *guard_});
    service_ = std::make_unique<AccessLogServiceImpl>(*context_, "consult");
    server::ServerOptions options;
    options.grpc_address = {"127.0.0.1", 0};
    options.http_address = {"127.0.0.1", 0};
    options.plaintext = true;
    auto server = server::GrpcServer::Start(
        options, {{service_.get(), v1::AccessLogService::service_full_name()}}, registry_);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::AccessLogService::NewStub(testing::LoopbackChannel(server_->grpc_port()));

    patients_ = testing::SkatteverketTestNumbers(2);
    ASSERT_THAT(patients_, SizeIs(2));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  }

  std::string TokenFor(const identity::Person& person, const std::string& region = "06") {
    return identity_provider_.TokenFor(person, region);
  }

  grpc::Status Search(const std::string& token, const v1::SearchAccessLogRequest& request,
                      v1::SearchAccessLogResponse& response, const std::string& traceparent = "") {
    auto context = client::ContextWithTimeout(absl::Seconds(10));
    if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
    if (!traceparent.empty()) context->AddMetadata("traceparent", traceparent);
    return stub_->SearchAccessLog(context.get(), request, &response);
  }

  // The auditor's search, which must succeed.
  v1::SearchAccessLogResponse AuditorSearch(const v1::SearchAccessLogRequest& request) {
    v1::SearchAccessLogResponse response;
    grpc::Status status = Search(TokenFor(kAuditor), request, response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  int64_t EntryCount() {
    auto rows = database_->Query("SELECT COUNT(*) AS n FROM access_log");
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows->front().GetInt64("n") : -1;
  }

  testing::TempDir dir_;
  testing::TestIdentityProvider identity_provider_;
  std::unique_ptr<server::CallGuard> guard_;
  std::unique_ptr<sql::Database> database_;
  http::MetricsRegistry registry_;
  std::unique_ptr<server::ServiceContext> context_;
  std::unique_ptr<AccessLogServiceImpl> service_;
  std::unique_ptr<server::GrpcServer> server_;
  std::unique_ptr<v1::AccessLogService::Stub> stub_;
  std::vector<std::string> patients_;
};

TEST_F(AccessLogServiceTest, EverySearchOfAPatientLeavesExactlyOneEntry) {
  const std::string& patient = patients_[0];
  v1::SearchAccessLogResponse first;
  grpc::Status status = Search(TokenFor(kAuditor), ByPatient(patient), first,
                               "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  ASSERT_TRUE(status.ok()) << status.error_message();
  // The search is recorded before its page is read: it finds itself.
  ASSERT_THAT(first.entries(), SizeIs(1));
  const v1::AccessLogEntry& itself = first.entries(0);
  EXPECT_THAT(itself.name(),
              MatchesRegex("regions/06/services/consult/accessLogEntries/[0-9a-z]{26}"));
  EXPECT_LE(absl::Now() - absl::FromUnixSeconds(itself.access_time().seconds()), absl::Minutes(1));
  EXPECT_EQ(itself.actor().kind(), v1::ACTOR_KIND_PERSON);
  EXPECT_EQ(itself.actor().practitioner().hsa_id(), kAuditor.hsa_id);
  EXPECT_THAT(itself.actor().roles(), ::testing::ElementsAre(v1::CALLER_ROLE_AUDITOR));
  EXPECT_EQ(itself.actor().unit().hsa_id(), "SE2321000057-0001");
  EXPECT_EQ(itself.patient().kind(), v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  EXPECT_EQ(itself.patient().value(), patient);
  EXPECT_EQ(itself.resource(), kParent);
  EXPECT_EQ(itself.action(), v1::ACCESS_ACTION_SEARCH_ACCESS_LOG);
  EXPECT_EQ(itself.query_kind(), v1::ACCESS_LOG_QUERY_KIND_BY_PATIENT);
  EXPECT_EQ(itself.method(), "/samspar.v1.AccessLogService/SearchAccessLog");
  EXPECT_EQ(itself.service(), "samspar.v1.ConsultService");
  EXPECT_EQ(itself.basis(), v1::ACCESS_BASIS_AUDIT);
  EXPECT_EQ(itself.outcome(), v1::ACCESS_OUTCOME_GRANTED);
  EXPECT_THAT(itself.peer(), HasSubstr("127.0.0.1"));
  EXPECT_EQ(itself.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");

  // The same patient written as Skatteverket presents it.
  v1::SearchAccessLogRequest separated = ByPatient(patient.substr(0, 8) + "-" + patient.substr(8));
  EXPECT_THAT(AuditorSearch(separated).entries(), SizeIs(2));
  EXPECT_THAT(AuditorSearch(ByPatient(patient)).entries(), SizeIs(3));
  // Another patient's extract holds none of them.
  EXPECT_THAT(AuditorSearch(ByPatient(patients_[1])).entries(), SizeIs(1));
  EXPECT_EQ(EntryCount(), 4);
}

TEST_F(AccessLogServiceTest, AClinicianIsRefusedAndTheAttemptIsInThePatientsExtract) {
  v1::SearchAccessLogResponse response;
  grpc::Status refused = Search(TokenFor(kClinician), ByPatient(patients_[0]), response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOrCode(FromGrpcStatus(refused)), "ROLE_NOT_ALLOWED");
  EXPECT_THAT(response.entries(), SizeIs(0));

  v1::SearchAccessLogResponse extract = AuditorSearch(ByPatient(patients_[0]));
  ASSERT_THAT(extract.entries(), SizeIs(2));
  const v1::AccessLogEntry& attempt = extract.entries(1);
  EXPECT_EQ(attempt.actor().practitioner().hsa_id(), kClinician.hsa_id);
  EXPECT_THAT(attempt.actor().roles(), ::testing::ElementsAre(v1::CALLER_ROLE_CLINICIAN));
  EXPECT_EQ(attempt.patient().value(), patients_[0]);
  EXPECT_EQ(attempt.action(), v1::ACCESS_ACTION_SEARCH_ACCESS_LOG);
  EXPECT_EQ(attempt.basis(), v1::ACCESS_BASIS_NONE);
  EXPECT_EQ(attempt.outcome(), v1::ACCESS_OUTCOME_DENIED);
}

TEST_F(AccessLogServiceTest, AnAuditorOfAnotherRegionIsRefusedAndLeavesNothing) {
  const identity::Person halland_auditor = PersonWith("SE2321000115-9001", Role::kAuditor);
  v1::SearchAccessLogResponse response;
  grpc::Status refused = Search(TokenFor(halland_auditor, "13"), ByPatient(patients_[0]), response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOrCode(FromGrpcStatus(refused)), "REGION_MISMATCH");
  EXPECT_EQ(EntryCount(), 0);
  // Region 06's extract of the patient is this search alone.
  EXPECT_THAT(AuditorSearch(ByPatient(patients_[0])).entries(), SizeIs(1));
}

TEST_F(AccessLogServiceTest, ABadPersonnummerIsRefusedWithoutBeingRepeated) {
  const std::string& good = patients_[0];
  const std::string bad = good.substr(0, 11) + (good[11] == '9' ? "0" : "9");
  v1::SearchAccessLogResponse response;
  grpc::Status refused = Search(TokenFor(kAuditor), ByPatient(bad), response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  absl::Status error = FromGrpcStatus(refused);
  EXPECT_EQ(ReasonOrCode(error), "INVALID_PATIENT_IDENTIFIER");
  EXPECT_EQ(FieldOf(error), "patient.value");
  for (const std::string& number : {good, bad}) {
    for (const std::string& form : testing::WrittenForms(number)) {
      EXPECT_THAT(refused.error_message(), Not(HasSubstr(form)));
      EXPECT_THAT(refused.error_details(), Not(HasSubstr(form)));
    }
  }
  EXPECT_EQ(EntryCount(), 0);
}

TEST_F(AccessLogServiceTest, AnExtractIsPagedNewestFirstWithoutRepeatsOrGaps) {
  for (int i = 0; i < 4; ++i) AuditorSearch(ByPatient(patients_[0]));

  v1::SearchAccessLogRequest request = ByPatient(patients_[0], 2);
  std::vector<int> sizes;
  std::vector<std::string> names;
  std::vector<int64_t> times;
  do {
    v1::SearchAccessLogResponse page = AuditorSearch(request);
    sizes.push_back(page.entries_size());
    for (const v1::AccessLogEntry& entry : page.entries()) {
      names.push_back(entry.name());
      times.push_back(entry.access_time().seconds() * 1'000'000'000 + entry.access_time().nanos());
    }
    for (const std::string& form : testing::WrittenForms(patients_[0])) {
      EXPECT_THAT(page.next_page_token(), Not(HasSubstr(form)));
      absl::optional<std::string> decoded = identity::Base64UrlDecode(page.next_page_token());
      EXPECT_THAT(decoded.value_or(""), Not(HasSubstr(form)));
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty() && sizes.size() < 10);

  // Four searches before, and the first page's own; the later pages' own
  // searches are newer than where the walk is.
  EXPECT_THAT(sizes, ::testing::ElementsAre(2, 2, 1));
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 5u);
  EXPECT_TRUE(std::is_sorted(times.rbegin(), times.rend()));
  // Each call left one entry: 4 + 3 pages + this one.
  EXPECT_THAT(AuditorSearch(ByPatient(patients_[0], 1000)).entries(), SizeIs(8));
}

TEST_F(AccessLogServiceTest, ATokenOfOnePatientsExtractDoesNotServeAnothers) {
  for (int i = 0; i < 2; ++i) AuditorSearch(ByPatient(patients_[0]));
  v1::SearchAccessLogResponse first = AuditorSearch(ByPatient(patients_[0], 1));
  ASSERT_FALSE(first.next_page_token().empty());
  v1::SearchAccessLogRequest other = ByPatient(patients_[1], 1);
  other.set_page_token(first.next_page_token());
  v1::SearchAccessLogResponse response;
  grpc::Status refused = Search(TokenFor(kAuditor), other, response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOrCode(FromGrpcStatus(refused)), "INVALID_PAGE_TOKEN");
}

TEST_F(AccessLogServiceTest, ThisServerHoldsTheConsultLogOnly) {
  v1::SearchAccessLogRequest request = ByPatient(patients_[0]);
  request.set_parent("regions/06/services/conference");
  v1::SearchAccessLogResponse response;
  grpc::Status refused = Search(TokenFor(kAuditor), request, response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOrCode(FromGrpcStatus(refused)), "SERVICE_MISMATCH");
  EXPECT_EQ(EntryCount(), 0);
}

TEST_F(AccessLogServiceTest, ACallWithoutATokenIsRefusedAndLeavesNothing) {
  v1::SearchAccessLogResponse response;
  grpc::Status refused = Search("", ByPatient(patients_[0]), response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOrCode(FromGrpcStatus(refused)), "TOKEN_MISSING");
  EXPECT_EQ(EntryCount(), 0);
}

}  // namespace
}  // namespace samspar::audit
