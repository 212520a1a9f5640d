#include "common/ids/luhn.h"

#include "absl/strings/ascii.h"

namespace samspar::ids {

bool PassesLuhnCheck(absl::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool doubled = false;  // the check digit itself has weight 1
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(*it))) return false;
    int value = *it - '0';
    if (doubled) {
      value *= 2;
      if (value > 9) value -= 9;  // adds the two digits of the product
    }
    sum += value;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

}  // namespace samspar::ids
