#ifndef SAMSPAR_SERVICES_CONSULT_API_CONSULT_REQUESTER_H_
#define SAMSPAR_SERVICES_CONSULT_API_CONSULT_REQUESTER_H_

// Who asks a consult, from where and in which role (Consult.requester,
// requester_unit, requester_role): metrics group by the unit's type and the
// role, and ambulance outcomes depend on them.

#include "common/identity/caller.h"
#include "samspar/v1/consult.pb.h"
#include "samspar/v1/roster.pb.h"
#include "services/consult/routing/roster_gateway.h"

namespace samspar::consult {

// The role a consult is asked in: AMBULANCE_CLINICIAN from an ambulance
// station, MUNICIPAL_NURSE from a municipal unit, CLINICIAN otherwise; while
// the unit's type is not known (the roster could not be asked), the role
// the token gives.
v1::CallerRole RequesterRole(v1::UnitType unit_type, const identity::Caller& caller);

// The type of the unit a consult is asked from as outcomes and metrics go
// by it: the directory's, or while the directory could not say, the one the
// requester's role most likely asks from (an ambulance station, a municipal
// unit, else OTHER).
v1::UnitType CountedUnitType(const v1::Consult& consult);

// The requester and their unit as the directory has them, and the role that
// follows from the unit's type.
void SetRequester(v1::Consult& consult, const RequesterFacts& requester);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_API_CONSULT_REQUESTER_H_
