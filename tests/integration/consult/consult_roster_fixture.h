#ifndef SAMSPAR_TESTS_INTEGRATION_CONSULT_CONSULT_ROSTER_FIXTURE_H_
#define SAMSPAR_TESTS_INTEGRATION_CONSULT_CONSULT_ROSTER_FIXTURE_H_

// The roster the consult tests route against, over real gRPC with presence
// in a real redis-server: a clinic with doctors (on_call_fixture.h), and
// the lines and units the tracks need (an acute 24/7 line, a health centre
// with a filial and a GP, a weekday cardiology line).

#include <string>

#include "absl/time/clock.h"
#include "common/status/errors.h"
#include "samspar/v1/consult.pb.h"
#include "tests/integration/roster/on_call_fixture.h"

namespace samspar::consult::testing {

using roster::testing::Doctor;
using roster::testing::kAdmin;
using roster::testing::kClinic;
using roster::testing::PersonWith;
using roster::testing::Stockholm;

inline constexpr char kHealthCentre[] = "regions/06/units/SE2321000057-V001";
inline constexpr char kFilial[] = "regions/06/units/SE2321000057-F001";
inline constexpr char kGp[] = "regions/06/practitioners/SE2321000057-G001";

// What the consult service is to the roster and metrics: a system with the
// read scopes of the directory and the roster, and metrics' ingest scope.
inline const identity::System kConsultSystem{.client_id = "samspar-consult",
                                             .scopes = {"roster.read", "directory.read", "metrics.ingest"}};

inline absl::CivilDay DaysFromToday(int days) {
  absl::TimeZone zone;
  absl::LoadTimeZone("Europe/Stockholm", &zone);
  return absl::ToCivilDay(absl::Now(), zone) + days;
}

inline v1::ConsultTarget LineTarget(const std::string& line) {
  v1::ConsultTarget target;
  target.set_line(line);
  return target;
}

inline v1::ConsultTarget PractitionerTarget(const std::string& practitioner) {
  v1::ConsultTarget target;
  target.mutable_practitioner()->set_name(practitioner);
  return target;
}

inline std::string Metadata(const absl::Status& status, absl::string_view key) {
  return MetadataOf(status, key).value_or("");
}

class ConsultRosterFixture : public roster::testing::OnCallFixture {
 protected:
  // The consult service's token for calls about `region`.
  client::TokenSource ConsultSystemTokens(const std::string& region) {
    return [this, region]() -> absl::StatusOr<std::string> {
      return identity_provider_.TokenForSystem(kConsultSystem, region);
    };
  }

  // An acute 24/7 internal-medicine line with Dr Berg on call by rotation.
  v1::Line StaffedAcuteLine(const std::string& display_name = "Bakjour internmedicin") {
    v1::Line line = MustCreateLine(roster::testing::AcuteLine(display_name));
    MustCreateRotation(line.name(), roster::testing::DailyRotation({Doctor("D001")}, DaysFromToday(-10)));
    return line;
  }

  // `doctor` on the BACKUP tier of `line` from ten days ago for a month.
  void AddBackup(const std::string& line, const std::string& doctor) {
    v1::Rotation rotation = roster::testing::DailyRotation({doctor}, DaysFromToday(-10));
    rotation.set_display_name("Bakjour reserv");
    rotation.set_tier(v1::ON_CALL_TIER_BACKUP);
    MustCreateRotation(line, rotation);
  }

  void CreateUnit(const std::string& hsa_id, v1::UnitType type, const std::string& parent = "") {
    v1::CreateUnitRequest request;
    request.set_parent("regions/06");
    request.mutable_unit()->set_hsa_id(hsa_id);
    request.mutable_unit()->set_display_name("Vårdcentralen " + hsa_id);
    request.mutable_unit()->set_unit_type(type);
    request.mutable_unit()->set_parent_unit(parent);
    if (type == v1::UNIT_TYPE_MUNICIPAL_UNIT) request.mutable_unit()->set_municipality_code("0680");  // Jönköping
    v1::Unit created;
    grpc::Status status = stub_->CreateUnit(As(kAdmin).get(), request, &created);
    ASSERT_TRUE(status.ok()) << hsa_id << ": " << status.error_message();
  }

  // A health centre with a filial, and a GP working at the filial; the
  // health centre's accessible-primary-care line, with Dr Dahl on call.
  v1::Line HealthCentreWithFilial() {
    CreateUnit("SE2321000057-V001", v1::UNIT_TYPE_HEALTH_CENTRE);
    CreateUnit("SE2321000057-F001", v1::UNIT_TYPE_HEALTH_CENTRE_FILIAL, kHealthCentre);
    v1::CreatePractitionerRequest gp;
    gp.set_parent("regions/06");
    gp.mutable_practitioner()->set_hsa_id("SE2321000057-G001");
    gp.mutable_practitioner()->set_given_name("Dr");
    gp.mutable_practitioner()->set_family_name("Gran");
    gp.mutable_practitioner()->set_profession(v1::PROFESSION_PHYSICIAN);
    gp.mutable_practitioner()->add_units()->set_name(kFilial);
    v1::Practitioner created;
    grpc::Status status = stub_->CreatePractitioner(As(kAdmin).get(), gp, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::Line line = roster::testing::AcuteLine("Läkare för ambulansen, Vårdcentralen");
    line.clear_tracks();
    line.add_tracks(v1::TRACK_ACCESSIBLE_PRIMARY_CARE);
    line.mutable_unit()->set_name(kHealthCentre);
    line.set_specialty("general-practice");
    v1::Line health_centre_line = MustCreateLine(line);
    MustCreateRotation(health_centre_line.name(), roster::testing::DailyRotation({Doctor("D002")}, DaysFromToday(-10)));
    return health_centre_line;
  }

  void SetPresence(const std::string& hsa_id, v1::PresenceState state) {
    v1::UpdatePresenceRequest request;
    request.mutable_presence()->set_name("regions/06/practitioners/" + hsa_id + "/presence");
    request.mutable_presence()->set_state(state);
    v1::Presence presence;
    grpc::Status status =
        stub_->UpdatePresence(As(PersonWith(hsa_id, identity::Role::kClinician)).get(), request, &presence);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // A semi-acute weekday line (08-17) of cardiology, and a Saturday morning
  // when it is closed.
  v1::Line WeekdayCardiology() { return MustCreateLine(roster::testing::WeekdayLine("Kardiologkonsult")); }
  const absl::Time saturday_ = Stockholm(2026, 3, 14, 10);
};

}  // namespace samspar::consult::testing

#endif  // SAMSPAR_TESTS_INTEGRATION_CONSULT_CONSULT_ROSTER_FIXTURE_H_
