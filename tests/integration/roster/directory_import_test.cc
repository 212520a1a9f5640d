// ImportDirectory over real gRPC: a region's CSV files loaded in one call,
// for region admins only; the row rules are tested with the import itself
// (tests/unit/roster/directory).

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/roster/on_call_fixture.h"

namespace samspar::roster {
namespace {

using testing::kAdmin;
using testing::kClinician;
using testing::Reason;

class DirectoryImportRpcTest : public testing::RosterFixture {
 protected:
  static v1::ImportDirectoryRequest Files() {
    v1::ImportDirectoryRequest request;
    request.set_parent("regions/06");
    v1::DirectoryCsv& units = *request.mutable_csv()->add_files();
    units.set_kind(v1::DIRECTORY_RECORD_KIND_UNIT);
    units.set_content(
        "hsa_id,display_name,unit_type,parent_hsa_id,phone\n"
        "SE2321000057-F001,Filial Gislaved,HEALTH_CENTRE_FILIAL,SE2321000057-V001,\n"
        "SE2321000057-V001,Vårdcentralen Gislaved,HEALTH_CENTRE,,+46371123456\n");
    v1::DirectoryCsv& people = *request.mutable_csv()->add_files();
    people.set_kind(v1::DIRECTORY_RECORD_KIND_PRACTITIONER);
    people.set_content(
        "hsa_id,given_name,family_name,profession,unit_hsa_ids,mobile\n"
        "SE2321000057-P001,Anna,Berg,PHYSICIAN,SE2321000057-V001,+46701234567\n"
        "SE2321000057-P002,Erik,Dahl,PHYSICIAN,SE2321000057-V001;SE2321000057-F001,\n");
    return request;
  }
};

TEST_F(DirectoryImportRpcTest, ACsvImportIsAppliedWholeAndListed) {
  v1::ImportDirectoryResponse response;
  grpc::Status status = stub_->ImportDirectory(As(kAdmin).get(), Files(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.applied());
  EXPECT_EQ(response.units_created(), 2);
  EXPECT_EQ(response.practitioners_created(), 2);
  v1::ListPractitionersRequest list;
  list.set_parent("regions/06");
  list.set_filter("units: \"regions/06/units/SE2321000057-F001\"");
  v1::ListPractitionersResponse listed;
  ASSERT_TRUE(stub_->ListPractitioners(As(kClinician).get(), list, &listed).ok());
  ASSERT_EQ(listed.practitioners_size(), 1);
  EXPECT_EQ(listed.practitioners(0).display_name(), "Erik Dahl");
}

TEST_F(DirectoryImportRpcTest, ABadRowIsReportedAndNothingIsApplied) {
  v1::ImportDirectoryRequest request = Files();
  request.mutable_csv()->mutable_files(1)->mutable_content()->append(
      "SE2321000057-P003,Eva,Ek,ASTRONAUT,SE2321000057-V001,\n");
  v1::ImportDirectoryResponse response;
  ASSERT_TRUE(stub_->ImportDirectory(As(kAdmin).get(), request, &response).ok());
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).line_number(), 4);
  EXPECT_EQ(response.errors(0).field(), "profession");
  v1::ListUnitsRequest units;
  units.set_parent("regions/06");
  v1::ListUnitsResponse listed;
  ASSERT_TRUE(stub_->ListUnits(As(kAdmin).get(), units, &listed).ok());
  EXPECT_EQ(listed.units_size(), 0);
}

TEST_F(DirectoryImportRpcTest, OnlyRegionAdminsImport) {
  v1::ImportDirectoryResponse response;
  EXPECT_EQ(Reason(stub_->ImportDirectory(As(kClinician).get(), Files(), &response)), "ROLE_NOT_ALLOWED");
}

}  // namespace
}  // namespace samspar::roster
