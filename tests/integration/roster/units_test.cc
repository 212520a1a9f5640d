// Care units over real gRPC: created, read, listed with filters and pages,
// updated under etags; refused with the contract's reasons; and concurrent
// updates with one etag leave exactly one change and lose nothing.

#include <atomic>
#include <thread>
#include <vector>

#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/roster/roster_fixture.h"

namespace samspar::roster {
namespace {

using testing::kAdmin;
using testing::kClinician;

std::string Reason(const grpc::Status& status) {  // "" when none
  return samspar::ReasonOf(FromGrpcStatus(status)).value_or("");
}

v1::Unit HealthCentre(const std::string& hsa_id, const std::string& display_name) {
  v1::Unit unit;
  unit.set_hsa_id(hsa_id);
  unit.set_display_name(display_name);
  unit.set_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE);
  unit.add_specialties("general-practice");
  v1::ContactPoint* phone = unit.add_contact_points();
  phone->set_kind(v1::CONTACT_POINT_KIND_WORK_PHONE);
  phone->set_value("+46361234567");
  return unit;
}

class UnitsTest : public testing::RosterFixture {
 protected:
  grpc::Status Create(const v1::Unit& unit, v1::Unit& created, const std::string& request_id = "",
                      const identity::Person& who = kAdmin, const std::string& parent = "regions/06") {
    v1::CreateUnitRequest request;
    request.set_parent(parent);
    *request.mutable_unit() = unit;
    request.set_request_id(request_id);
    return stub_->CreateUnit(As(who).get(), request, &created);
  }

  v1::Unit MustCreate(const v1::Unit& unit) {
    v1::Unit created;
    grpc::Status status = Create(unit, created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }
};

TEST_F(UnitsTest, ACreatedUnitIsNamedByItsHsaIdAndReadBack) {
  v1::Unit created = MustCreate(HealthCentre("SE2321000057-E7RT", "Vårdcentralen Ryhov"));
  EXPECT_EQ(created.name(), "regions/06/units/SE2321000057-E7RT");
  EXPECT_EQ(created.state(), v1::DIRECTORY_STATE_ACTIVE);
  EXPECT_FALSE(created.etag().empty());
  EXPECT_TRUE(created.has_create_time());

  v1::GetUnitRequest get;
  get.set_name(created.name());
  v1::Unit read;
  ASSERT_TRUE(stub_->GetUnit(As(kClinician).get(), get, &read).ok());
  EXPECT_EQ(read.SerializeAsString(), created.SerializeAsString());
}

TEST_F(UnitsTest, BadInputIsRefusedWithTheFieldAndReason) {
  v1::Unit created;
  v1::Unit no_hsa = HealthCentre("", "Namnlös");
  EXPECT_EQ(Reason(Create(no_hsa, created)), "FIELD_REQUIRED");
  EXPECT_EQ(Reason(Create(HealthCentre("SE123-X", "Fel"), created)), "INVALID_HSA_ID");
  v1::Unit bad_phone = HealthCentre("SE2321000057-E7RT", "Vårdcentralen");
  bad_phone.mutable_contact_points(0)->set_value("036-123456");
  grpc::Status status = Create(bad_phone, created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(status), "INVALID_PHONE_NUMBER");
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("unit.contact_points[0].value"));
  v1::Unit orphan = HealthCentre("SE2321000057-F1L1", "Filial");
  orphan.set_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE_FILIAL);
  orphan.set_parent_unit("regions/06/units/SE2321000057-NONE");
  EXPECT_EQ(Reason(Create(orphan, created)), "UNIT_NOT_FOUND");
  MustCreate(HealthCentre("SE2321000057-E7RT", "Vårdcentralen Ryhov"));
  status = Create(HealthCentre("SE2321000057-E7RT", "Igen"), created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(status), "UNIT_ALREADY_EXISTS");
}

TEST_F(UnitsTest, OnlyRegionAdminsOfTheRegionCreate) {
  v1::Unit created;
  EXPECT_EQ(Reason(Create(HealthCentre("SE2321000057-E7RT", "VC"), created, "", kClinician)), "ROLE_NOT_ALLOWED");
  EXPECT_EQ(Reason(Create(HealthCentre("SE2321000057-E7RT", "VC"), created, "", kAdmin, "regions/08")),
            "REGION_MISMATCH");
  v1::GetUnitRequest get;
  get.set_name("regions/06/units/SE2321000057-E7RT");
  v1::Unit read;
  EXPECT_EQ(stub_->GetUnit(As(kAdmin).get(), get, &read).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(UnitsTest, ARetriedCreateReturnsTheFirstResultAndAnotherBodyIsRefused) {
  const std::string id = "9f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
  v1::Unit first, second, third;
  ASSERT_TRUE(Create(HealthCentre("SE2321000057-E7RT", "VC Ryhov"), first, id).ok());
  ASSERT_TRUE(Create(HealthCentre("SE2321000057-E7RT", "VC Ryhov"), second, id).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(Reason(Create(HealthCentre("SE2321000057-E7RT", "Annat"), third, id)), "REQUEST_ID_REUSED");
}

TEST_F(UnitsTest, ParentCyclesAreRefused) {
  v1::Unit hospital = HealthCentre("SE2321000057-H001", "Länssjukhuset Ryhov");
  hospital.set_unit_type(v1::UNIT_TYPE_HOSPITAL);
  hospital = MustCreate(hospital);
  v1::Unit clinic = HealthCentre("SE2321000057-K001", "Medicinkliniken");
  clinic.set_unit_type(v1::UNIT_TYPE_HOSPITAL_CLINIC);
  clinic.set_parent_unit(hospital.name());
  clinic = MustCreate(clinic);

  v1::UpdateUnitRequest update;
  update.mutable_unit()->set_name(hospital.name());
  update.mutable_unit()->set_parent_unit(clinic.name());
  v1::Unit updated;
  grpc::Status status = stub_->UpdateUnit(As(kAdmin).get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "PARENT_CYCLE");
}

TEST_F(UnitsTest, ListFiltersOrdersAndPages) {
  MustCreate(HealthCentre("SE2321000057-A001", "Vårdcentralen Öster"));
  MustCreate(HealthCentre("SE2321000057-A002", "Vårdcentralen Ryhov"));
  v1::Unit station = HealthCentre("SE2321000057-A003", "Ambulansstation Jönköping");
  station.set_unit_type(v1::UNIT_TYPE_AMBULANCE_STATION);
  station.clear_specialties();
  MustCreate(station);

  v1::ListUnitsRequest request;
  request.set_parent("regions/06");
  request.set_filter("specialties: \"general-practice\" AND display_name: \"ÖSTER\"");
  v1::ListUnitsResponse response;
  ASSERT_TRUE(stub_->ListUnits(As(kClinician).get(), request, &response).ok());
  ASSERT_EQ(response.units_size(), 1);
  EXPECT_EQ(response.units(0).hsa_id(), "SE2321000057-A001");

  request.clear_filter();
  request.set_page_size(2);
  std::vector<std::string> names;
  for (int page = 0; page < 3; ++page) {
    response.Clear();
    ASSERT_TRUE(stub_->ListUnits(As(kClinician).get(), request, &response).ok());
    for (const v1::Unit& unit : response.units()) names.push_back(unit.display_name());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_THAT(names, ::testing::ElementsAre("Ambulansstation Jönköping", "Vårdcentralen Ryhov", "Vårdcentralen Öster"));
  request.set_filter("unit_type = UNIT_TYPE_HOSPITAL");  // changed between pages
  EXPECT_EQ(Reason(stub_->ListUnits(As(kClinician).get(), request, &response)), "INVALID_PAGE_TOKEN");
  request.clear_page_token();
  request.set_filter("no_such_field = 1");
  EXPECT_EQ(Reason(stub_->ListUnits(As(kClinician).get(), request, &response)), "INVALID_FILTER");
}

TEST_F(UnitsTest, AStaleEtagIsAbortedAndConcurrentUpdatesLoseNothing) {
  v1::Unit unit = MustCreate(HealthCentre("SE2321000057-E7RT", "VC Ryhov"));
  constexpr int kWriters = 8;
  std::atomic<int> succeeded = 0, aborted = 0;
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      v1::UpdateUnitRequest update;
      update.mutable_unit()->set_name(unit.name());
      update.mutable_unit()->set_etag(unit.etag());
      update.mutable_unit()->set_display_name("VC Ryhov " + std::to_string(i));
      update.mutable_update_mask()->add_paths("display_name");
      v1::Unit updated;
      grpc::Status status = stub_->UpdateUnit(As(kAdmin).get(), update, &updated);
      if (status.ok()) ++succeeded;
      if (status.error_code() == grpc::StatusCode::ABORTED && Reason(status) == "ETAG_MISMATCH") ++aborted;
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(succeeded, 1);
  EXPECT_EQ(aborted, kWriters - 1);

  v1::GetUnitRequest get;
  get.set_name(unit.name());
  v1::Unit read;
  ASSERT_TRUE(stub_->GetUnit(As(kAdmin).get(), get, &read).ok());
  EXPECT_NE(read.etag(), unit.etag());
  EXPECT_THAT(read.display_name(), ::testing::StartsWith("VC Ryhov "));
  // The fields nobody touched are as they were.
  EXPECT_EQ(read.contact_points(0).value(), "+46361234567");
  EXPECT_EQ(read.create_time().seconds(), unit.create_time().seconds());
}

TEST_F(UnitsTest, TheHsaIdCannotChange) {
  v1::Unit unit = MustCreate(HealthCentre("SE2321000057-E7RT", "VC Ryhov"));
  v1::UpdateUnitRequest update;
  *update.mutable_unit() = unit;
  update.mutable_unit()->set_hsa_id("SE2321000057-OTHER");
  v1::Unit updated;
  EXPECT_EQ(Reason(stub_->UpdateUnit(As(kAdmin).get(), update, &updated)), "IMMUTABLE_FIELD");
  update.mutable_unit()->set_hsa_id(unit.hsa_id());
  update.mutable_unit()->set_display_name("Vårdcentralen Ryhov");
  ASSERT_TRUE(stub_->UpdateUnit(As(kAdmin).get(), update, &updated).ok());
  EXPECT_EQ(updated.display_name(), "Vårdcentralen Ryhov");
}

}  // namespace
}  // namespace samspar::roster
