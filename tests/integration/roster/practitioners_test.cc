// Practitioners over real gRPC: their units must exist, their display name
// is made by the server, Lists filter by unit membership, and inactive
// practitioners are left out unless asked for.

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

class PractitionersTest : public testing::RosterFixture {
 protected:
  void SetUp() override {
    RosterFixture::SetUp();
    v1::CreateUnitRequest request;
    request.set_parent("regions/06");
    request.mutable_unit()->set_hsa_id("SE2321000057-E7RT");
    request.mutable_unit()->set_display_name("Vårdcentralen Ryhov");
    request.mutable_unit()->set_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE);
    v1::Unit unit;
    ASSERT_TRUE(stub_->CreateUnit(As(kAdmin).get(), request, &unit).ok());
  }

  static v1::Practitioner Doctor(const std::string& hsa_id, const std::string& given, const std::string& family) {
    v1::Practitioner practitioner;
    practitioner.set_hsa_id(hsa_id);
    practitioner.set_given_name(given);
    practitioner.set_family_name(family);
    practitioner.set_title("distriktsläkare");
    practitioner.set_profession(v1::PROFESSION_PHYSICIAN);
    practitioner.add_specialties("general-practice");
    practitioner.add_units()->set_name("regions/06/units/SE2321000057-E7RT");
    return practitioner;
  }

  grpc::Status Create(const v1::Practitioner& practitioner, v1::Practitioner& created) {
    v1::CreatePractitionerRequest request;
    request.set_parent("regions/06");
    *request.mutable_practitioner() = practitioner;
    return stub_->CreatePractitioner(As(kAdmin).get(), request, &created);
  }
};

TEST_F(PractitionersTest, TheServerNamesThemAndFillsTheirUnits) {
  v1::Practitioner created;
  ASSERT_TRUE(Create(Doctor("SE2321000057-P4K2", "Anna", "Berg"), created).ok());
  EXPECT_EQ(created.name(), "regions/06/practitioners/SE2321000057-P4K2");
  EXPECT_EQ(created.display_name(), "Anna Berg, distriktsläkare");
  EXPECT_EQ(created.units(0).display_name(), "Vårdcentralen Ryhov");
  EXPECT_EQ(created.units(0).hsa_id(), "SE2321000057-E7RT");
}

TEST_F(PractitionersTest, AnUnknownUnitOrMissingFieldIsRefused) {
  v1::Practitioner created;
  v1::Practitioner elsewhere = Doctor("SE2321000057-P4K2", "Anna", "Berg");
  elsewhere.mutable_units(0)->set_name("regions/06/units/SE2321000057-NONE");
  EXPECT_EQ(Reason(Create(elsewhere, created)), "UNIT_NOT_FOUND");
  v1::Practitioner nameless = Doctor("SE2321000057-P4K2", "Anna", "");
  EXPECT_EQ(Reason(Create(nameless, created)), "FIELD_REQUIRED");
  v1::Practitioner unitless = Doctor("SE2321000057-P4K2", "Anna", "Berg");
  unitless.clear_units();
  EXPECT_EQ(Reason(Create(unitless, created)), "FIELD_REQUIRED");
}

TEST_F(PractitionersTest, ListsByUnitAndLeavesInactiveOnesOut) {
  v1::Practitioner anna, erik;
  ASSERT_TRUE(Create(Doctor("SE2321000057-P001", "Anna", "Berg"), anna).ok());
  ASSERT_TRUE(Create(Doctor("SE2321000057-P002", "Erik", "Åberg"), erik).ok());
  v1::UpdatePractitionerRequest retire;
  retire.mutable_practitioner()->set_name(erik.name());
  retire.mutable_practitioner()->set_state(v1::DIRECTORY_STATE_INACTIVE);
  v1::Practitioner retired;
  ASSERT_TRUE(stub_->UpdatePractitioner(As(kAdmin).get(), retire, &retired).ok());
  EXPECT_EQ(retired.display_name(), erik.display_name());

  v1::ListPractitionersRequest request;
  request.set_parent("regions/06");
  request.set_filter("units: \"regions/06/units/SE2321000057-E7RT\"");
  v1::ListPractitionersResponse response;
  ASSERT_TRUE(stub_->ListPractitioners(As(kClinician).get(), request, &response).ok());
  ASSERT_EQ(response.practitioners_size(), 1);
  EXPECT_EQ(response.practitioners(0).hsa_id(), "SE2321000057-P001");

  request.set_filter("state = DIRECTORY_STATE_INACTIVE");
  ASSERT_TRUE(stub_->ListPractitioners(As(kClinician).get(), request, &response).ok());
  ASSERT_EQ(response.practitioners_size(), 1);
  EXPECT_EQ(response.practitioners(0).family_name(), "Åberg");
}

}  // namespace
}  // namespace samspar::roster
