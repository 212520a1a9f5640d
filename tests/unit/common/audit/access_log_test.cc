// The access log's store on a real SQLite file: what is recorded is what a
// search returns, by patient, by person and by system, newest first, page by
// page, and nothing is recorded by a transaction that failed.

#include "common/audit/access_log.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "common/audit/access_log_schema.h"
#include "common/sql/migrations.h"
#include "common/sql/sqlite_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_patients.h"

namespace samspar::audit {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr sql::Migration kMigrations[] = {
    {1, kAccessLogMigrationName, kAccessLogMigrationSql},
};

const absl::Time kStart =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 8, 0, 0), absl::UTCTimeZone());

Actor Clinician() {
  return {.kind = ActorKind::kPerson,
          .hsa_id = "SE2321000057-1001",
          .unit_hsa_id = "SE2321000057-0001",
          .roles = {identity::Role::kClinician}};
}

Actor ClinicianThroughEhr() {
  Actor actor = Clinician();
  actor.kind = ActorKind::kSystem;
  actor.client_id = "ehr-cosmic";
  return actor;
}

Actor EhrAlone() { return {.kind = ActorKind::kSystem, .client_id = "ehr-cosmic"}; }

Actor AnotherClinician() {
  return {.kind = ActorKind::kPerson,
          .hsa_id = "SE2321000057-1002",
          .unit_hsa_id = "SE2321000057-0001",
          .roles = {identity::Role::kClinician, identity::Role::kCareCoordinator}};
}

PatientId Personnummer(const std::string& number) {
  return {.kind = PatientKind::kPersonnummer, .value = number};
}

PatientId Reservnummer(const std::string& value, const std::string& region) {
  return {.kind = PatientKind::kReservnummer,
          .value = value,
          .issuing_region = region,
          .issuing_unit = "SE2321000057-0002"};
}

AccessRecord ReadBy(const Actor& actor, const PatientId& patient, absl::Time time) {
  return {.region = "06",
          .time = time,
          .actor = actor,
          .patient = patient,
          .resource = "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0d",
          .action = AccessAction::kRead,
          .method = "/samspar.v1.ConsultService/GetConsult",
          .service = "samspar.v1.ConsultService",
          .basis = AccessBasis::kAssignee,
          .outcome = AccessOutcome::kGranted,
          .peer = "ipv4:10.1.2.3:51234",
          .trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"};
}

class AccessLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = sql::SqliteDatabase::Open(dir_.File("consult.db"));
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    ASSERT_TRUE(sql::ApplyMigrations(*database_, "consult", kMigrations).ok());
    patients_ = testing::SkatteverketTestNumbers(2);
    ASSERT_THAT(patients_, SizeIs(2));
  }

  void Record(const AccessRecord& record) {
    absl::Status status = database_->RunInTransaction(
        [&record](sql::Transaction& transaction) { return RecordAccess(transaction, record); });
    ASSERT_TRUE(status.ok()) << status;
  }

  AccessLogPage Read(AccessLogQuery query) {
    if (query.region.empty()) query.region = "06";
    if (query.since == absl::Time()) query.since = kStart - absl::Hours(24);
    absl::StatusOr<AccessLogPage> page = ReadAccessLog(*database_, query);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? *page : AccessLogPage{};
  }

  static std::vector<absl::Time> TimesOf(const AccessLogPage& page) {
    std::vector<absl::Time> times;
    for (const AccessRecord& entry : page.entries) times.push_back(entry.time);
    return times;
  }

  static std::vector<std::string> IdsOf(const AccessLogPage& page) {
    std::vector<std::string> ids;
    for (const AccessRecord& entry : page.entries) ids.push_back(entry.id);
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<sql::SqliteDatabase> database_;
  std::vector<std::string> patients_;
};

TEST_F(AccessLogTest, APatientsExtractListsTheirAccessesNewestFirstAsRecorded) {
  const PatientId patient = Personnummer(patients_[0]);
  Record(ReadBy(Clinician(), patient, kStart + absl::Hours(1)));
  Record(ReadBy(AnotherClinician(), patient, kStart + absl::Hours(3)));
  Record(ReadBy(Clinician(), patient, kStart + absl::Hours(2)));
  Record(ReadBy(Clinician(), Personnummer(patients_[1]), kStart + absl::Hours(4)));

  AccessLogPage page = Read({.subject = QueryKind::kByPatient, .patient = patient});
  EXPECT_THAT(TimesOf(page), ElementsAre(kStart + absl::Hours(3), kStart + absl::Hours(2),
                                         kStart + absl::Hours(1)));
  EXPECT_FALSE(page.more);

  const AccessRecord& newest = page.entries[0];
  EXPECT_EQ(newest.id.size(), 26u);
  EXPECT_EQ(newest.region, "06");
  EXPECT_EQ(newest.actor, AnotherClinician());
  EXPECT_EQ(newest.patient, patient);
  EXPECT_FALSE(newest.previous_patient.has_value());
  EXPECT_EQ(newest.resource, "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0d");
  EXPECT_EQ(newest.action, AccessAction::kRead);
  EXPECT_EQ(newest.query_kind, QueryKind::kNone);
  EXPECT_EQ(newest.method, "/samspar.v1.ConsultService/GetConsult");
  EXPECT_EQ(newest.service, "samspar.v1.ConsultService");
  EXPECT_EQ(newest.basis, AccessBasis::kAssignee);
  EXPECT_EQ(newest.outcome, AccessOutcome::kGranted);
  EXPECT_EQ(newest.peer, "ipv4:10.1.2.3:51234");
  EXPECT_EQ(newest.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
}

TEST_F(AccessLogTest, APersonsAccessesIncludeThoseThroughASystemAndASystemsIncludeItsOwn) {
  const PatientId patient = Personnummer(patients_[0]);
  Record(ReadBy(Clinician(), patient, kStart + absl::Hours(1)));
  Record(ReadBy(ClinicianThroughEhr(), patient, kStart + absl::Hours(2)));
  Record(ReadBy(EhrAlone(), patient, kStart + absl::Hours(3)));
  Record(ReadBy(AnotherClinician(), patient, kStart + absl::Hours(4)));

  AccessLogPage by_user = Read({.subject = QueryKind::kByUser, .hsa_id = Clinician().hsa_id});
  EXPECT_THAT(TimesOf(by_user), ElementsAre(kStart + absl::Hours(2), kStart + absl::Hours(1)));
  EXPECT_EQ(by_user.entries[0].actor, ClinicianThroughEhr());

  AccessLogPage by_client = Read({.subject = QueryKind::kByClient, .client_id = "ehr-cosmic"});
  EXPECT_THAT(TimesOf(by_client), ElementsAre(kStart + absl::Hours(3), kStart + absl::Hours(2)));
  EXPECT_EQ(by_client.entries[0].actor, EhrAlone());
}

TEST_F(AccessLogTest, ATimeRangeIncludesItsStartAndExcludesItsEnd) {
  const PatientId patient = Personnummer(patients_[0]);
  for (int hour = 0; hour < 4; ++hour) {
    Record(ReadBy(Clinician(), patient, kStart + absl::Hours(hour)));
  }
  AccessLogPage page = Read({.subject = QueryKind::kByPatient,
                             .patient = patient,
                             .since = kStart + absl::Hours(1),
                             .until = kStart + absl::Hours(3)});
  EXPECT_THAT(TimesOf(page), ElementsAre(kStart + absl::Hours(2), kStart + absl::Hours(1)));
}

TEST_F(AccessLogTest, PagesWalkTheWholeExtractWithoutGapsOrRepeats) {
  const PatientId patient = Personnummer(patients_[0]);
  for (int minute = 0; minute < 7; ++minute) {
    Record(ReadBy(Clinician(), patient, kStart + absl::Minutes(minute)));
  }
  AccessLogQuery query{.subject = QueryKind::kByPatient, .patient = patient, .limit = 3};
  AccessLogPage all = Read({.subject = QueryKind::kByPatient, .patient = patient});
  ASSERT_THAT(all.entries, SizeIs(7));

  std::vector<std::string> walked;
  std::vector<size_t> sizes;
  while (true) {
    AccessLogPage page = Read(query);
    sizes.push_back(page.entries.size());
    for (const std::string& id : IdsOf(page)) walked.push_back(id);
    if (!page.more) break;
    query.after_entry_id = page.entries.back().id;
  }
  EXPECT_THAT(sizes, ElementsAre(3, 3, 1));
  EXPECT_THAT(walked, ElementsAreArray(IdsOf(all)));
}

TEST_F(AccessLogTest, EntriesOfTheSameMicrosecondArePagedInIdOrder) {
  const PatientId patient = Personnummer(patients_[0]);
  for (int i = 0; i < 5; ++i) Record(ReadBy(Clinician(), patient, kStart));
  AccessLogPage all = Read({.subject = QueryKind::kByPatient, .patient = patient});
  std::vector<std::string> ids = IdsOf(all);
  ASSERT_THAT(ids, SizeIs(5));
  EXPECT_TRUE(std::is_sorted(ids.rbegin(), ids.rend())) << "newest (largest id) first";

  AccessLogQuery query{.subject = QueryKind::kByPatient, .patient = patient, .limit = 2};
  std::vector<std::string> walked;
  for (bool more = true; more;) {
    AccessLogPage page = Read(query);
    for (const std::string& id : IdsOf(page)) walked.push_back(id);
    more = page.more;
    if (more) query.after_entry_id = page.entries.back().id;
  }
  EXPECT_THAT(walked, ElementsAreArray(ids));
}

TEST_F(AccessLogTest, AnEntryOfAnotherSearchCannotBeContinuedFrom) {
  Record(ReadBy(Clinician(), Personnummer(patients_[0]), kStart));
  Record(ReadBy(Clinician(), Personnummer(patients_[1]), kStart + absl::Minutes(1)));
  AccessLogPage first =
      Read({.subject = QueryKind::kByPatient, .patient = Personnummer(patients_[0])});
  ASSERT_THAT(first.entries, SizeIs(1));

  absl::StatusOr<AccessLogPage> other =
      ReadAccessLog(*database_, {.region = "06",
                                 .subject = QueryKind::kByPatient,
                                 .patient = Personnummer(patients_[1]),
                                 .since = kStart - absl::Hours(1),
                                 .after_entry_id = first.entries[0].id});
  EXPECT_TRUE(absl::IsNotFound(other.status())) << other.status();
}

TEST_F(AccessLogTest, EachRegionHasItsOwnLog) {
  AccessRecord elsewhere = ReadBy(Clinician(), Personnummer(patients_[0]), kStart);
  elsewhere.region = "13";
  Record(elsewhere);
  EXPECT_THAT(
      Read({.subject = QueryKind::kByPatient, .patient = Personnummer(patients_[0])}).entries,
      IsEmpty());
  EXPECT_THAT(
      Read(
          {.region = "13", .subject = QueryKind::kByPatient, .patient = Personnummer(patients_[0])})
          .entries,
      SizeIs(1));
}

TEST_F(AccessLogTest, AReplacedReserveNumberIsFoundUnderEitherIdentifier) {
  const PatientId reserve = Reservnummer("R-2026-0042", "06");
  const PatientId identified = Personnummer(patients_[0]);
  Record(ReadBy(Clinician(), reserve, kStart));
  AccessRecord identify = ReadBy(Clinician(), identified, kStart + absl::Hours(1));
  identify.action = AccessAction::kIdentifyPatient;
  identify.previous_patient = reserve;
  Record(identify);
  Record(ReadBy(AnotherClinician(), identified, kStart + absl::Hours(2)));
  // The same reserve number issued by another region is another patient.
  Record(ReadBy(Clinician(), Reservnummer("R-2026-0042", "13"), kStart + absl::Hours(3)));

  for (const PatientId& searched : {reserve, identified}) {
    AccessLogPage page = Read({.subject = QueryKind::kByPatient, .patient = searched});
    ASSERT_THAT(page.entries, SizeIs(3));
    // Each entry shows the identifier in use at the time.
    EXPECT_EQ(page.entries[0].patient, identified);
    EXPECT_EQ(page.entries[1].patient, identified);
    EXPECT_EQ(page.entries[1].previous_patient, reserve);
    EXPECT_EQ(page.entries[2].patient, reserve);
  }
  EXPECT_THAT(Read({.subject = QueryKind::kByPatient, .patient = Reservnummer("R-2026-0042", "13")})
                  .entries,
              SizeIs(1));
}

TEST_F(AccessLogTest, ADeniedReplacementLinksNothing) {
  const PatientId reserve = Reservnummer("R-2026-0042", "06");
  AccessRecord attempt = ReadBy(Clinician(), Personnummer(patients_[0]), kStart);
  attempt.action = AccessAction::kIdentifyPatient;
  attempt.previous_patient = reserve;
  attempt.outcome = AccessOutcome::kDenied;
  attempt.basis = AccessBasis::kNone;
  Record(attempt);
  Record(ReadBy(Clinician(), reserve, kStart + absl::Hours(1)));
  EXPECT_THAT(
      Read({.subject = QueryKind::kByPatient, .patient = Personnummer(patients_[0])}).entries,
      SizeIs(1));
}

TEST_F(AccessLogTest, ATransactionThatFailsLeavesNoRecord) {
  const PatientId patient = Personnummer(patients_[0]);
  absl::Status status = database_->RunInTransaction([&](sql::Transaction& transaction) {
    absl::Status recorded = RecordAccess(transaction, ReadBy(Clinician(), patient, kStart));
    if (!recorded.ok()) return recorded;
    return absl::FailedPreconditionError("the change the access belonged to was refused");
  });
  ASSERT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(Read({.subject = QueryKind::kByPatient, .patient = patient}).entries, IsEmpty());
  EXPECT_THAT(Read({.subject = QueryKind::kByUser, .hsa_id = Clinician().hsa_id}).entries,
              IsEmpty());
}

}  // namespace
}  // namespace samspar::audit
