#include "services/consult/api/consult_requester.h"

namespace samspar::consult {
namespace {

v1::CallerRole RoleOfUnit(v1::UnitType unit_type) {
  switch (unit_type) {
    case v1::UNIT_TYPE_AMBULANCE_STATION:
      return v1::CALLER_ROLE_AMBULANCE_CLINICIAN;
    case v1::UNIT_TYPE_MUNICIPAL_UNIT:
      return v1::CALLER_ROLE_MUNICIPAL_NURSE;
    default:
      return v1::CALLER_ROLE_CLINICIAN;
  }
}

}  // namespace

v1::CallerRole RequesterRole(v1::UnitType unit_type, const identity::Caller& caller) {
  if (unit_type != v1::UNIT_TYPE_UNSPECIFIED) return RoleOfUnit(unit_type);
  if (caller.HasRole(identity::Role::kAmbulance)) return v1::CALLER_ROLE_AMBULANCE_CLINICIAN;
  if (caller.HasRole(identity::Role::kMunicipalNurse)) return v1::CALLER_ROLE_MUNICIPAL_NURSE;
  return v1::CALLER_ROLE_CLINICIAN;
}

v1::UnitType CountedUnitType(const v1::Consult& consult) {
  if (consult.requester_unit_type() != v1::UNIT_TYPE_UNSPECIFIED) return consult.requester_unit_type();
  switch (consult.requester_role()) {
    case v1::CALLER_ROLE_AMBULANCE_CLINICIAN:
      return v1::UNIT_TYPE_AMBULANCE_STATION;
    case v1::CALLER_ROLE_MUNICIPAL_NURSE:
      return v1::UNIT_TYPE_MUNICIPAL_UNIT;
    default:
      return v1::UNIT_TYPE_OTHER;
  }
}

void SetRequester(v1::Consult& consult, const RequesterFacts& requester) {
  const v1::Unit& unit = requester.unit;
  if (!requester.display_name.empty()) consult.mutable_requester()->set_display_name(requester.display_name);
  consult.mutable_requester_unit()->set_hsa_id(unit.hsa_id());
  consult.mutable_requester_unit()->set_display_name(unit.display_name());
  consult.set_requester_unit_type(unit.unit_type());
  consult.set_requester_role(RoleOfUnit(unit.unit_type()));
}

}  // namespace samspar::consult
