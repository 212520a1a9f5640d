#ifndef SAMSPAR_TESTS_INTEGRATION_ROSTER_ON_CALL_FIXTURE_H_
#define SAMSPAR_TESTS_INTEGRATION_ROSTER_ON_CALL_FIXTURE_H_

// A region with a clinic and its doctors, over real gRPC, for the tests that
// put lines and schedules (roster_builders.h) on top.

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "services/roster/api/proto_time.h"
#include "tests/integration/roster/roster_builders.h"
#include "tests/integration/roster/roster_fixture.h"

namespace samspar::roster::testing {

inline std::string Reason(const grpc::Status& status) {  // "" when none
  return samspar::ReasonOf(FromGrpcStatus(status)).value_or("");
}

inline std::string FieldOfError(const grpc::Status& status) {
  return samspar::FieldOf(FromGrpcStatus(status)).value_or("");
}

class OnCallFixture : public RosterFixture {
 protected:
  void SetUp() override {
    RosterFixture::SetUp();
    v1::CreateUnitRequest unit;
    unit.set_parent("regions/06");
    unit.mutable_unit()->set_hsa_id("SE2321000057-K001");
    unit.mutable_unit()->set_display_name("Medicinkliniken Ryhov");
    unit.mutable_unit()->set_unit_type(v1::UNIT_TYPE_HOSPITAL_CLINIC);
    v1::Unit created;
    ASSERT_TRUE(stub_->CreateUnit(As(kAdmin).get(), unit, &created).ok());
    const std::vector<std::pair<std::string, std::string>> doctors = {
        {"D001", "Berg"}, {"D002", "Dahl"}, {"D003", "Ek"}, {"D004", "Falk"}, {"D005", "Holm"}};
    for (const auto& [id, family] : doctors) AddDoctor(id, family);
  }

  void AddDoctor(const std::string& id, const std::string& family) {
    v1::CreatePractitionerRequest request;
    request.set_parent("regions/06");
    v1::Practitioner& doctor = *request.mutable_practitioner();
    doctor.set_hsa_id("SE2321000057-" + id);
    doctor.set_given_name("Dr");
    doctor.set_family_name(family);
    doctor.set_profession(v1::PROFESSION_PHYSICIAN);
    doctor.add_units()->set_name(kClinic);
    v1::ContactPoint& mobile = *doctor.add_contact_points();
    mobile.set_kind(v1::CONTACT_POINT_KIND_MOBILE);
    mobile.set_value("+46701234" + std::to_string(100 + id.back()));
    v1::Practitioner created;
    grpc::Status status = stub_->CreatePractitioner(As(kAdmin).get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status CreateLine(const v1::Line& line, v1::Line& created, const std::string& request_id = "") {
    v1::CreateLineRequest request;
    request.set_parent("regions/06");
    *request.mutable_line() = line;
    request.set_request_id(request_id);
    return stub_->CreateLine(As(kAdmin).get(), request, &created);
  }

  v1::Line MustCreateLine(const v1::Line& line) {
    v1::Line created;
    grpc::Status status = CreateLine(line, created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status SetLineState(const std::string& line, v1::LineState state) {
    v1::UpdateLineRequest request;
    request.mutable_line()->set_name(line);
    request.mutable_line()->set_state(state);
    request.mutable_update_mask()->add_paths("state");
    v1::Line updated;
    return stub_->UpdateLine(As(kAdmin).get(), request, &updated);
  }

  grpc::Status CreateRotation(const std::string& line, const v1::Rotation& rotation, v1::Rotation& created) {
    v1::CreateRotationRequest request;
    request.set_parent(line);
    *request.mutable_rotation() = rotation;
    return stub_->CreateRotation(As(kAdmin).get(), request, &created);
  }

  v1::Rotation MustCreateRotation(const std::string& line, const v1::Rotation& rotation) {
    v1::Rotation created;
    grpc::Status status = CreateRotation(line, rotation, created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status CreateShift(const std::string& line, const std::string& who, v1::Interval interval, v1::Shift& created,
                           v1::OnCallTier tier = v1::ON_CALL_TIER_PRIMARY) {
    v1::CreateShiftRequest request;
    request.set_parent(line);
    request.mutable_shift()->mutable_practitioner()->set_name(who);
    request.mutable_shift()->set_tier(tier);
    *request.mutable_shift()->mutable_interval() = std::move(interval);
    return stub_->CreateShift(As(kAdmin).get(), request, &created);
  }

  grpc::Status CreateOverride(const std::string& line, const v1::Override& override_, v1::Override& created) {
    v1::CreateOverrideRequest request;
    request.set_parent(line);
    *request.mutable_override() = override_;
    return stub_->CreateOverride(As(kAdmin).get(), request, &created);
  }
};

}  // namespace samspar::roster::testing

#endif  // SAMSPAR_TESTS_INTEGRATION_ROSTER_ON_CALL_FIXTURE_H_
