#ifndef SAMSPAR_TESTS_SUPPORT_TEST_PATIENTS_H_
#define SAMSPAR_TESTS_SUPPORT_TEST_PATIENTS_H_

// Patients for the access-log tests: numbers from Skatteverket's list of
// test personnummer (belonging to no real person), read from the reference
// data rather than written out, so no other number can slip in.

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"

namespace samspar::testing {

// The first `count` numbers (YYYYMMDDNNNC) of the list for the 1890s.
inline std::vector<std::string> SkatteverketTestNumbers(size_t count) {
  std::ifstream file(SAMSPAR_TESTDATA_DIR "/personnummer/skatteverket/1890-1899.csv");
  std::string line;
  std::getline(file, line);  // the heading, "Testpersonnummer"
  std::vector<std::string> numbers;
  while (numbers.size() < count && std::getline(file, line)) {
    std::string number(absl::StripAsciiWhitespace(line));  // CRLF line ends
    if (!number.empty()) numbers.push_back(number);
  }
  return numbers;
}

// Every way a number can be written: YYYYMMDDNNNC, YYMMDDNNNC, YYMMDD-NNNC,
// YYYYMMDD-NNNC.
inline std::vector<std::string> WrittenForms(const std::string& twelve_digits) {
  std::string ten = twelve_digits.substr(2);
  return {twelve_digits, ten, ten.substr(0, 6) + "-" + ten.substr(6),
          twelve_digits.substr(0, 8) + "-" + twelve_digits.substr(8)};
}

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_TEST_PATIENTS_H_
