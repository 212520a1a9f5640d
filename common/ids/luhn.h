#ifndef SAMSPAR_COMMON_IDS_LUHN_H_
#define SAMSPAR_COMMON_IDS_LUHN_H_

#include "absl/strings/string_view.h"

namespace samspar::ids {

// True when the last digit of `digits` is the Luhn (modulus 10) check digit of
// the digits before it. This is Skatteverket's "modulus-10 with weights 2 and
// 1" that closes personnummer, samordningsnummer and organisationsnummer.
// False for an empty string or one holding anything but ASCII digits.
bool PassesLuhnCheck(absl::string_view digits);

}  // namespace samspar::ids

#endif  // SAMSPAR_COMMON_IDS_LUHN_H_
