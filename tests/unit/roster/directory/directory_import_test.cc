// ImportDirectory against a real roster database: CSV files and records
// applied all or nothing, with exact counts; row errors by line and column
// or by index and field path; idempotency by request_id for applied imports.

#include "services/roster/directory/directory_import.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/roster/directory/practitioners.h"
#include "services/roster/directory/units.h"
#include "tests/integration/roster/roster_builders.h"
#include "tests/support/temp_dir.h"

namespace samspar::roster {
namespace {

using ::samspar::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kUnitHeader[] =
    "hsa_id,display_name,unit_type,parent_hsa_id,specialties,phone,municipality_code,care_coordinator_hsa_ids,"
    "ehr_system,state\n";
// Columns in another order than the proto lists them, which files may use.
constexpr char kPractitionerHeader[] =
    "given_name,family_name,hsa_id,profession,unit_hsa_ids,title,specialties,mobile,work_phone,pager,email,state\n";

std::string Hsa(absl::string_view suffix) { return absl::StrCat("SE2321000057-", suffix); }
std::string UnitOf(absl::string_view suffix) { return absl::StrCat("regions/06/units/", Hsa(suffix)); }
std::string PractitionerOf(absl::string_view suffix) { return absl::StrCat("regions/06/practitioners/", Hsa(suffix)); }

// A filial and a clinic whose parents come later in the file, and a
// coordinator who is a practitioner of the same import.
std::string RyhovUnits() {
  return absl::StrCat(kUnitHeader, Hsa("F1L1"), ",Vårdcentralen Ryhov filial Bankeryd,HEALTH_CENTRE_FILIAL,",
                      Hsa("E7RT"), ",general-practice,+46361234568,,,Cosmic,\n", Hsa("K001"),
                      ",Medicinkliniken Länssjukhuset Ryhov,HOSPITAL_CLINIC,", Hsa("H001"),
                      ",internal-medicine;cardiology,+46361000000;+46361000001,,", Hsa("P4K2"), ",Cosmic,ACTIVE\n",
                      Hsa("E7RT"), ",Vårdcentralen Ryhov,health_centre,,general-practice,+46361234567,,,,\n",
                      Hsa("H001"), ",Länssjukhuset Ryhov,HOSPITAL,,,,,,,\n");
}

std::string RyhovPractitioners() {
  return absl::StrCat(kPractitionerHeader, "Anna,Berg,", Hsa("P4K2"), ",PHYSICIAN,", Hsa("K001"), ";", Hsa("H001"),
                      ",överläkare,internal-medicine,+46701234567,,1234,anna.berg@rjl.se,\n", "Erik,Lund,", Hsa("P001"),
                      ",DISTRICT_NURSE,", Hsa("E7RT"), ",,,,+46361234569,,,\n");
}

v1::ImportDirectoryRequest Csv(const std::string& units, const std::string& practitioners = "") {
  v1::ImportDirectoryRequest request;
  request.set_parent("regions/06");
  if (!units.empty()) {
    v1::DirectoryCsv* file = request.mutable_csv()->add_files();
    file->set_kind(v1::DIRECTORY_RECORD_KIND_UNIT);
    file->set_content(units);
  }
  if (!practitioners.empty()) {
    v1::DirectoryCsv* file = request.mutable_csv()->add_files();
    file->set_kind(v1::DIRECTORY_RECORD_KIND_PRACTITIONER);
    file->set_content(practitioners);
  }
  return request;
}

v1::Unit HealthCentre(absl::string_view suffix, absl::string_view display_name) {
  v1::Unit unit;
  unit.set_hsa_id(Hsa(suffix));
  unit.set_display_name(std::string(display_name));
  unit.set_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE);
  return unit;
}

v1::Practitioner Nurse(absl::string_view suffix, absl::string_view unit_suffix) {
  v1::Practitioner practitioner;
  practitioner.set_hsa_id(Hsa(suffix));
  practitioner.set_given_name("Karin");
  practitioner.set_family_name("Ek");
  practitioner.set_profession(v1::PROFESSION_REGISTERED_NURSE);
  practitioner.add_units()->set_name(UnitOf(unit_suffix));
  return practitioner;
}

// "line 7 phone INVALID_PHONE_NUMBER" or "index 1 units[1].display_name FIELD_REQUIRED".
std::vector<std::string> Errors(const v1::ImportDirectoryResponse& response) {
  std::vector<std::string> errors;
  for (const v1::ImportError& error : response.errors()) {
    std::string where =
        error.has_line_number() ? absl::StrCat("line ", error.line_number()) : absl::StrCat("index ", error.index());
    errors.push_back(absl::StrCat(where, " ", error.field(), " ", error.reason()));
  }
  return errors;
}

class DirectoryImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<sql::Database>> database = testing::OpenRosterDatabase(dir_);
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = *std::move(database);
    import_ = std::make_unique<DirectoryImport>(*database_);
    units_ = std::make_unique<Units>(*database_);
    practitioners_ = std::make_unique<Practitioners>(*database_);
  }

  absl::StatusOr<v1::ImportDirectoryResponse> Run(const v1::ImportDirectoryRequest& request) {
    now_ += absl::Minutes(1);
    return import_->Run("06", request, now_);
  }

  v1::ImportDirectoryResponse MustRun(const v1::ImportDirectoryRequest& request) {
    absl::StatusOr<v1::ImportDirectoryResponse> response = Run(request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? *response : v1::ImportDirectoryResponse();
  }

  v1::Unit GetUnit(absl::string_view suffix) {
    absl::StatusOr<v1::Unit> unit = units_->Get(UnitOf(suffix));
    EXPECT_TRUE(unit.ok()) << unit.status();
    return unit.ok() ? *unit : v1::Unit();
  }

  v1::Practitioner GetPractitioner(absl::string_view suffix) {
    absl::StatusOr<v1::Practitioner> practitioner = practitioners_->Get(PractitionerOf(suffix));
    EXPECT_TRUE(practitioner.ok()) << practitioner.status();
    return practitioner.ok() ? *practitioner : v1::Practitioner();
  }

  // Every unit of the region, by HSA-id.
  std::vector<std::string> UnitHsaIds() {
    v1::ListUnitsRequest request;
    request.set_parent("regions/06");
    request.set_order_by("hsa_id");
    request.set_page_size(1000);
    absl::StatusOr<v1::ListUnitsResponse> listed = units_->List("06", request);
    EXPECT_TRUE(listed.ok()) << listed.status();
    std::vector<std::string> hsa_ids;
    if (listed.ok()) {
      for (const v1::Unit& unit : listed->units()) hsa_ids.push_back(unit.hsa_id());
    }
    return hsa_ids;
  }

  int CountPractitioners() {
    v1::ListPractitionersRequest request;
    request.set_parent("regions/06");
    request.set_page_size(1000);
    int count = 0;
    do {
      absl::StatusOr<v1::ListPractitionersResponse> listed = practitioners_->List("06", request);
      EXPECT_TRUE(listed.ok()) << listed.status();
      if (!listed.ok()) return count;
      count += listed->practitioners_size();
      request.set_page_token(listed->next_page_token());
    } while (!request.page_token().empty());
    return count;
  }

  TempDir dir_;
  std::unique_ptr<sql::Database> database_;
  std::unique_ptr<DirectoryImport> import_;
  std::unique_ptr<Units> units_;
  std::unique_ptr<Practitioners> practitioners_;
  absl::Time now_ = absl::FromCivil(absl::CivilMinute(2026, 3, 2, 8, 0), absl::UTCTimeZone());
};

TEST_F(DirectoryImportTest, UnitsAndPractitionersOfOneCallAreAppliedWithExactCounts) {
  v1::ImportDirectoryResponse response = MustRun(Csv(RyhovUnits(), RyhovPractitioners()));

  EXPECT_TRUE(response.applied());
  EXPECT_THAT(Errors(response), IsEmpty());
  EXPECT_EQ(response.units_created(), 4);
  EXPECT_EQ(response.units_updated(), 0);
  EXPECT_EQ(response.units_unchanged(), 0);
  EXPECT_EQ(response.practitioners_created(), 2);

  v1::Unit filial = GetUnit("F1L1");
  EXPECT_EQ(filial.parent_unit(), UnitOf("E7RT"));
  EXPECT_EQ(filial.unit_type(), v1::UNIT_TYPE_HEALTH_CENTRE_FILIAL);
  EXPECT_EQ(filial.state(), v1::DIRECTORY_STATE_ACTIVE);
  v1::Unit clinic = GetUnit("K001");
  EXPECT_EQ(clinic.parent_unit(), UnitOf("H001"));
  EXPECT_THAT(clinic.specialties(), ElementsAre("internal-medicine", "cardiology"));
  ASSERT_EQ(clinic.contact_points_size(), 2);
  EXPECT_EQ(clinic.contact_points(1).kind(), v1::CONTACT_POINT_KIND_WORK_PHONE);
  EXPECT_EQ(clinic.contact_points(1).value(), "+46361000001");
  ASSERT_EQ(clinic.care_coordinators_size(), 1);
  EXPECT_EQ(clinic.care_coordinators(0).name(), PractitionerOf("P4K2"));
  EXPECT_EQ(GetUnit("E7RT").unit_type(), v1::UNIT_TYPE_HEALTH_CENTRE);

  v1::Practitioner anna = GetPractitioner("P4K2");
  EXPECT_EQ(anna.display_name(), "Anna Berg, överläkare");
  ASSERT_EQ(anna.units_size(), 2);
  EXPECT_EQ(anna.units(0).name(), UnitOf("K001"));
  EXPECT_EQ(anna.units(0).display_name(), "Medicinkliniken Länssjukhuset Ryhov");
  ASSERT_EQ(anna.contact_points_size(), 3);
  EXPECT_EQ(anna.contact_points(0).kind(), v1::CONTACT_POINT_KIND_MOBILE);
  EXPECT_EQ(anna.contact_points(1).kind(), v1::CONTACT_POINT_KIND_PAGER);
  EXPECT_EQ(anna.contact_points(1).value(), "1234");
  EXPECT_EQ(anna.contact_points(2).kind(), v1::CONTACT_POINT_KIND_EMAIL);
  EXPECT_EQ(GetPractitioner("P001").units(0).display_name(), "Vårdcentralen Ryhov");
}

TEST_F(DirectoryImportTest, TheSameImportAgainChangesNothingAndKeepsTheEtags) {
  MustRun(Csv(RyhovUnits(), RyhovPractitioners()));
  v1::Unit clinic = GetUnit("K001");
  v1::Practitioner anna = GetPractitioner("P4K2");

  v1::ImportDirectoryResponse again = MustRun(Csv(RyhovUnits(), RyhovPractitioners()));

  EXPECT_TRUE(again.applied());
  EXPECT_EQ(again.units_created(), 0);
  EXPECT_EQ(again.units_updated(), 0);
  EXPECT_EQ(again.units_unchanged(), 4);
  EXPECT_EQ(again.practitioners_created(), 0);
  EXPECT_EQ(again.practitioners_updated(), 0);
  EXPECT_EQ(again.practitioners_unchanged(), 2);
  EXPECT_EQ(GetUnit("K001").SerializeAsString(), clinic.SerializeAsString());
  EXPECT_EQ(GetPractitioner("P4K2").SerializeAsString(), anna.SerializeAsString());
}

TEST_F(DirectoryImportTest, AChangedRowIsCountedAsUpdatedAndGetsANewEtag) {
  MustRun(Csv(RyhovUnits()));
  v1::Unit before = GetUnit("H001");
  std::string renamed =
      absl::StrReplaceAll(RyhovUnits(), {{",Länssjukhuset Ryhov,", ",Länssjukhuset Ryhov i Jönköping,"}});

  v1::ImportDirectoryResponse response = MustRun(Csv(renamed));

  EXPECT_EQ(response.units_updated(), 1);
  EXPECT_EQ(response.units_unchanged(), 3);
  v1::Unit after = GetUnit("H001");
  EXPECT_EQ(after.display_name(), "Länssjukhuset Ryhov i Jönköping");
  EXPECT_NE(after.etag(), before.etag());
  EXPECT_EQ(after.create_time().seconds(), before.create_time().seconds());
}

TEST_F(DirectoryImportTest, OneBadRowAmongManyIsReportedByLineAndColumnAndNothingIsStored) {
  MustRun(Csv(absl::StrCat(kUnitHeader, Hsa("E7RT"), ",Vårdcentralen Ryhov,HEALTH_CENTRE,,,,,,,\n")));
  v1::Unit stored = GetUnit("E7RT");

  std::string units = absl::StrCat(kUnitHeader, Hsa("E7RT"), ",Vårdcentralen Ryhov Jönköping,HEALTH_CENTRE,,,,,,,\n");
  for (int i = 0; i < 20; ++i) {
    std::string phone = i == 5 ? "036-123456" : "+46361234567";
    absl::StrAppend(&units, Hsa(absl::StrCat("U", i)), ",Enhet ", i, ",OTHER,", Hsa("E7RT"), ",,", phone, ",,,,\n");
  }

  v1::ImportDirectoryResponse response = MustRun(Csv(units));

  EXPECT_FALSE(response.applied());
  // Header line 1, E7RT line 2, U0 line 3: U5 is on line 8.
  EXPECT_THAT(Errors(response), ElementsAre("line 8 phone INVALID_PHONE_NUMBER"));
  EXPECT_THAT(response.errors(0).description(), HasSubstr("must be a phone number"));
  EXPECT_THAT(response.errors(0).description(), Not(HasSubstr("036")));
  EXPECT_EQ(response.units_created(), 0);
  EXPECT_THAT(UnitHsaIds(), ElementsAre(Hsa("E7RT")));
  EXPECT_EQ(GetUnit("E7RT").SerializeAsString(), stored.SerializeAsString());
}

TEST_F(DirectoryImportTest, RecordsAreReportedByIndexAndFieldPath) {
  MustRun(Csv(absl::StrCat(kUnitHeader, Hsa("E7RT"), ",Vårdcentralen Ryhov,HEALTH_CENTRE,,,,,,,\n")));
  v1::ImportDirectoryRequest request;
  request.set_parent("regions/06");
  *request.mutable_records()->add_units() = HealthCentre("A001", "Vårdcentralen Gislaved");
  *request.mutable_records()->add_units() = HealthCentre("A002", "");
  *request.mutable_records()->add_practitioners() = Nurse("P001", "E7RT");
  *request.mutable_records()->add_practitioners() = Nurse("P002", "NONE");
  request.mutable_records()->mutable_practitioners(0)->add_specialties("Geriatrik");

  v1::ImportDirectoryResponse response = MustRun(request);

  EXPECT_FALSE(response.applied());
  ASSERT_THAT(Errors(response), ElementsAre("index 1 units[1].display_name FIELD_REQUIRED",
                                            "index 0 practitioners[0].specialties[0] FIELD_INVALID",
                                            "index 1 practitioners[1].units UNIT_NOT_FOUND"));
  EXPECT_EQ(response.errors(0).record_kind(), v1::DIRECTORY_RECORD_KIND_UNIT);
  EXPECT_FALSE(response.errors(0).has_line_number());
  EXPECT_EQ(response.errors(2).record_kind(), v1::DIRECTORY_RECORD_KIND_PRACTITIONER);
  EXPECT_THAT(response.errors(2).description(), HasSubstr(UnitOf("NONE")));
  EXPECT_THAT(UnitHsaIds(), ElementsAre(Hsa("E7RT")));
  EXPECT_EQ(CountPractitioners(), 0);
}

TEST_F(DirectoryImportTest, AnHsaIdTwiceInOneImportIsADuplicateRow) {
  std::string units = absl::StrCat(kUnitHeader, Hsa("E7RT"), ",Vårdcentralen Ryhov,HEALTH_CENTRE,,,,,,,\n", Hsa("H001"),
                                   ",Länssjukhuset Ryhov,HOSPITAL,,,,,,,\n", Hsa("E7RT"),
                                   ",Vårdcentralen Ryhov igen,HEALTH_CENTRE,,,,,,,\n");
  v1::ImportDirectoryResponse from_csv = MustRun(Csv(units));
  EXPECT_THAT(Errors(from_csv), ElementsAre("line 4 hsa_id DUPLICATE_ROW"));
  EXPECT_THAT(from_csv.errors(0).description(), HasSubstr("line 2"));

  v1::ImportDirectoryRequest records;
  *records.mutable_records()->add_units() = HealthCentre("E7RT", "Vårdcentralen Ryhov");
  *records.mutable_records()->add_practitioners() = Nurse("P001", "E7RT");
  *records.mutable_records()->add_practitioners() = Nurse("P001", "E7RT");
  v1::ImportDirectoryResponse from_records = MustRun(records);
  EXPECT_THAT(Errors(from_records), ElementsAre("index 1 practitioners[1].hsa_id DUPLICATE_ROW"));

  EXPECT_THAT(UnitHsaIds(), IsEmpty());
  EXPECT_EQ(CountPractitioners(), 0);
}

TEST_F(DirectoryImportTest, UnknownAndMissingColumnsAreReportedOnTheHeaderLine) {
  v1::ImportDirectoryResponse unknown = MustRun(Csv(
      absl::StrCat("hsa_id,display_name,unit_type,fax\n", Hsa("E7RT"), ",Vårdcentralen Ryhov,HEALTH_CENTRE,036\n")));
  EXPECT_THAT(Errors(unknown), ElementsAre("line 1 fax FIELD_INVALID"));

  v1::ImportDirectoryResponse missing = MustRun(
      Csv("", absl::StrCat("hsa_id,given_name,family_name,profession\n", Hsa("P001"), ",Erik,Lund,PHYSICIAN\n")));
  EXPECT_THAT(Errors(missing), ElementsAre("line 1 unit_hsa_ids FIELD_REQUIRED"));
  EXPECT_EQ(missing.errors(0).record_kind(), v1::DIRECTORY_RECORD_KIND_PRACTITIONER);

  EXPECT_THAT(UnitHsaIds(), IsEmpty());
  EXPECT_EQ(CountPractitioners(), 0);
}

TEST_F(DirectoryImportTest, AnUnknownEnumValueNamesTheColumnAndTheValuesItTakes) {
  std::string units = absl::StrCat(kUnitHeader, Hsa("E7RT"), ",Vårdcentralen Ryhov,HEALTH_CENTRE,,,,,,,\n", Hsa("H001"),
                                   ",Länssjukhuset Ryhov,SJUKHUS,,,,,,,ACTIVE\n");
  std::string practitioners =
      absl::StrCat(kPractitionerHeader, "Erik,Lund,", Hsa("P001"), ",PROFESSION_PHYSICIAN,", Hsa("E7RT"), ",,,,,,,\n");

  v1::ImportDirectoryResponse response = MustRun(Csv(units, practitioners));

  EXPECT_THAT(Errors(response), ElementsAre("line 3 unit_type FIELD_INVALID", "line 2 profession FIELD_INVALID"));
  EXPECT_THAT(response.errors(0).description(), HasSubstr("HEALTH_CENTRE"));
  EXPECT_THAT(response.errors(1).description(), HasSubstr("PHYSICIAN"));
  EXPECT_THAT(UnitHsaIds(), IsEmpty());
}

TEST_F(DirectoryImportTest, AParentCycleWithinTheImportIsAnErrorOnItsRows) {
  std::string units = absl::StrCat(kUnitHeader, Hsa("A001"), ",Enhet A,OTHER,", Hsa("A002"), ",,,,,,\n", Hsa("A002"),
                                   ",Enhet B,OTHER,", Hsa("A001"), ",,,,,,\n", Hsa("A003"), ",Enhet C,OTHER,,,,,,,\n");

  v1::ImportDirectoryResponse response = MustRun(Csv(units));

  EXPECT_THAT(Errors(response), ElementsAre("line 2 parent_hsa_id PARENT_CYCLE", "line 3 parent_hsa_id PARENT_CYCLE"));
  EXPECT_THAT(UnitHsaIds(), IsEmpty());
}

TEST_F(DirectoryImportTest, AUnitWithAnErrorIsNotReportedAgainByTheRowsThatReferToIt) {
  std::string units = absl::StrCat(kUnitHeader, Hsa("F1L1"), ",Filial Bankeryd,HEALTH_CENTRE_FILIAL,", Hsa("E7RT"),
                                   ",,,,,,\n", Hsa("E7RT"), ",Vårdcentralen Ryhov,HEALTH_CENTRE,,,036-123456,,,,\n");
  std::string practitioners =
      absl::StrCat(kPractitionerHeader, "Erik,Lund,", Hsa("P001"), ",DISTRICT_NURSE,", Hsa("E7RT"), ",,,,,,,\n");

  v1::ImportDirectoryResponse response = MustRun(Csv(units, practitioners));

  EXPECT_THAT(Errors(response), ElementsAre("line 3 phone INVALID_PHONE_NUMBER"));
  EXPECT_THAT(UnitHsaIds(), IsEmpty());
}

TEST_F(DirectoryImportTest, AReferenceToAUnitThatIsNowhereIsReportedOnTheColumn) {
  std::string units =
      absl::StrCat(kUnitHeader, Hsa("F1L1"), ",Filial Bankeryd,HEALTH_CENTRE_FILIAL,", Hsa("E7RT"), ",,,,,,\n");
  std::string practitioners =
      absl::StrCat(kPractitionerHeader, "Erik,Lund,", Hsa("P001"), ",DISTRICT_NURSE,", Hsa("H001"), ",,,,,,,\n",
                   "Anna,Berg,", Hsa("P002"), ",PHYSICIAN,1912121212,,,,,,,\n");

  v1::ImportDirectoryResponse response = MustRun(Csv(units, practitioners));

  EXPECT_THAT(Errors(response), ElementsAre("line 2 parent_hsa_id UNIT_NOT_FOUND", "line 2 unit_hsa_ids UNIT_NOT_FOUND",
                                            "line 3 unit_hsa_ids INVALID_HSA_ID"));
  EXPECT_THAT(response.errors(1).description(), HasSubstr(UnitOf("H001")));
  EXPECT_THAT(response.errors(2).description(), Not(HasSubstr("1912121212")));
}

TEST_F(DirectoryImportTest, ValidateOnlyReportsTheCountsAndStoresNothing) {
  v1::ImportDirectoryRequest request = Csv(RyhovUnits(), RyhovPractitioners());
  request.set_validate_only(true);

  v1::ImportDirectoryResponse response = MustRun(request);

  EXPECT_FALSE(response.applied());
  EXPECT_THAT(Errors(response), IsEmpty());
  EXPECT_EQ(response.units_created(), 4);
  EXPECT_EQ(response.practitioners_created(), 2);
  EXPECT_THAT(UnitHsaIds(), IsEmpty());
  EXPECT_EQ(CountPractitioners(), 0);
}

TEST_F(DirectoryImportTest, ARetryWithTheRequestIdReturnsTheFirstResponseAndAnotherBodyIsRefused) {
  v1::ImportDirectoryRequest request = Csv(RyhovUnits());
  request.set_request_id("123e4567-e89b-12d3-a456-426614174000");
  v1::ImportDirectoryResponse first = MustRun(request);
  ASSERT_TRUE(first.applied());
  std::string renamed = absl::StrCat(kUnitHeader, Hsa("H001"), ",Länssjukhuset Ryhov i Jönköping,HOSPITAL,,,,,,,\n");
  ASSERT_EQ(MustRun(Csv(renamed)).units_updated(), 1);

  v1::ImportDirectoryResponse retried = MustRun(request);

  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(GetUnit("H001").display_name(), "Länssjukhuset Ryhov i Jönköping");

  v1::ImportDirectoryRequest other = Csv(renamed);
  other.set_request_id(request.request_id());
  absl::StatusOr<v1::ImportDirectoryResponse> refused = Run(other);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(refused.status()).value_or(""), "REQUEST_ID_REUSED");
}

TEST_F(DirectoryImportTest, ARejectedImportCanBeCorrectedAndSentWithTheSameRequestId) {
  std::string units = RyhovUnits();
  v1::ImportDirectoryRequest rejected = Csv(absl::StrCat(units, Hsa("X001"), ",Fel,HEALTH_CENTRE,,,036-1,,,,\n"));
  rejected.set_request_id("123e4567-e89b-12d3-a456-426614174001");
  ASSERT_FALSE(MustRun(rejected).applied());

  v1::ImportDirectoryRequest corrected = Csv(units);
  corrected.set_request_id(rejected.request_id());
  v1::ImportDirectoryResponse applied = MustRun(corrected);

  EXPECT_TRUE(applied.applied());
  EXPECT_EQ(applied.units_created(), 4);
  EXPECT_EQ(UnitHsaIds().size(), 4u);
}

TEST_F(DirectoryImportTest, AtMostTheFirstThousandErrorsAreReturned) {
  std::string units = kUnitHeader;
  for (int i = 0; i < 1200; ++i) absl::StrAppend(&units, Hsa(absl::StrCat("U", i)), ",Enhet,KLINIK,,,,,,,\n");

  v1::ImportDirectoryResponse response = MustRun(Csv(units));

  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 1000);
  EXPECT_TRUE(response.errors_truncated());
  EXPECT_EQ(response.errors(0).line_number(), 2);
  EXPECT_EQ(response.errors(999).line_number(), 1001);
  EXPECT_THAT(UnitHsaIds(), IsEmpty());
}

TEST_F(DirectoryImportTest, FiveThousandPractitionersAreImportedInOneCall) {
  std::string practitioners = kPractitionerHeader;
  for (int i = 0; i < 5000; ++i) {
    absl::StrAppend(&practitioners, "Anna,Berg,", Hsa(absl::StrCat("P", i)), ",REGISTERED_NURSE,", Hsa("E7RT"),
                    ",,,,,,,\n");
  }
  std::string units = absl::StrCat(kUnitHeader, Hsa("E7RT"), ",Vårdcentralen Ryhov,HEALTH_CENTRE,,,,,,,\n");

  v1::ImportDirectoryResponse response = MustRun(Csv(units, practitioners));

  EXPECT_TRUE(response.applied());
  EXPECT_EQ(response.units_created(), 1);
  EXPECT_EQ(response.practitioners_created(), 5000);
  EXPECT_EQ(CountPractitioners(), 5000);
}

TEST_F(DirectoryImportTest, ACallThatCannotBeAnImportIsRefusedAsAWhole) {
  auto reason_of = [&](const v1::ImportDirectoryRequest& request) {
    absl::StatusOr<v1::ImportDirectoryResponse> response = Run(request);
    EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument);
    return absl::StrCat(ReasonOf(response.status()).value_or(""), " ", FieldOf(response.status()).value_or(""));
  };
  v1::ImportDirectoryRequest nothing;
  nothing.set_parent("regions/06");
  EXPECT_EQ(reason_of(nothing), "FIELD_REQUIRED source");
  EXPECT_EQ(reason_of(Csv(kUnitHeader)), "FIELD_REQUIRED csv.files");

  v1::ImportDirectoryRequest two_of_a_kind = Csv(RyhovUnits());
  *two_of_a_kind.mutable_csv()->add_files() = two_of_a_kind.csv().files(0);
  EXPECT_EQ(reason_of(two_of_a_kind), "FIELD_INVALID csv.files[1].kind");

  v1::ImportDirectoryRequest no_kind = Csv(RyhovUnits());
  no_kind.mutable_csv()->mutable_files(0)->clear_kind();
  EXPECT_EQ(reason_of(no_kind), "FIELD_INVALID csv.files[0].kind");

  EXPECT_EQ(reason_of(Csv(absl::StrCat(kUnitHeader, "\"unclosed,\n"))), "FIELD_INVALID csv.files[0].content");

  v1::ImportDirectoryRequest too_many;
  for (int i = 0; i < 50001; ++i) too_many.mutable_records()->add_units();
  EXPECT_EQ(reason_of(too_many), "FIELD_INVALID records");

  v1::ImportDirectoryRequest bad_id = Csv(RyhovUnits());
  bad_id.set_request_id("not-a-uuid");
  EXPECT_EQ(reason_of(bad_id), "FIELD_INVALID request_id");
  EXPECT_THAT(UnitHsaIds(), IsEmpty());
}

}  // namespace
}  // namespace samspar::roster
