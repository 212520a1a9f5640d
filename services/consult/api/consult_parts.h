#ifndef SAMSPAR_SERVICES_CONSULT_API_CONSULT_PARTS_H_
#define SAMSPAR_SERVICES_CONSULT_API_CONSULT_PARTS_H_

// Who takes part in a consult (consult.proto, "Participants and patient
// data"): its requester, every practitioner who is or was its assignee, and
// the contact of its pending offer while the offer is pending. Participants
// see the patient data; everyone else allowed to read the consult gets it
// withheld.

#include <string>

#include "absl/strings/string_view.h"
#include "common/audit/access_record.h"
#include "common/identity/caller.h"
#include "samspar/v1/consult.pb.h"

namespace samspar::consult {

// The practitioner resource name a caller acts as (the person a system acts
// for); empty for a system acting for nobody.
std::string PractitionerOf(const identity::Caller& caller);

bool IsRequester(const v1::Consult& consult, absl::string_view practitioner);
// The assignee now.
bool IsAssignee(const v1::Consult& consult, absl::string_view practitioner);
// The contact of the pending offer.
bool IsOfferedContact(const v1::Consult& consult, absl::string_view practitioner);
// Offered the consult at some time, whether or not still.
bool WasOffered(const v1::Consult& consult, absl::string_view practitioner);
bool IsParticipant(const v1::Consult& consult, absl::string_view practitioner);

// The part a participant's access to patient data rests on, for the log:
// requester, then assignee (now or before), then offered contact.
audit::AccessBasis BasisOf(const v1::Consult& consult, absl::string_view practitioner);

// Leaves out the patient data (the file header of consult.proto lists it)
// and marks it withheld.
void WithholdPatientData(v1::Consult& consult);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_API_CONSULT_PARTS_H_
