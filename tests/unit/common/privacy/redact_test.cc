#include "common/privacy/redact.h"

#include <string>

#include "gtest/gtest.h"

namespace samspar::privacy {
namespace {

// Numbers from Skatteverket's list of test personnummer.
TEST(RedactPatientIdentity, RemovesEveryWrittenFormOfAPersonnummer) {
  for (const std::string form : {"189001019802", "8901019802", "890101-9802", "18900101-9802",
                                 "890101+9802"}) {
    std::string text = "patient " + form + " asked";
    EXPECT_EQ(RedactPatientIdentity(text), "patient [personnummer] asked") << form;
    EXPECT_TRUE(ContainsPatientIdentity(text)) << form;
  }
}

TEST(RedactPatientIdentity, RemovesSeveralAndKeepsTheRest) {
  EXPECT_EQ(RedactPatientIdentity("a=200001012384,b=19900101-0017;"),
            "a=[personnummer],b=[personnummer];");
}

TEST(RedactPatientIdentity, RemovesSamordningsnummerAndInterimNumbers) {
  EXPECT_EQ(RedactPatientIdentity("701063-2391"), "[personnummer]");
  EXPECT_EQ(RedactPatientIdentity("id 20000101-T220."), "id [personnummer].");
}

TEST(RedactPatientIdentity, LeavesOtherNumbersAlone) {
  for (const std::string text :
       {"port 50051", "took 1234567 us", "order 1234567890123", "SE2321000016-15CQ",
        "2026-11-24T12:00:00Z", "phone 036-324000", "unix 1764000000",
        "SE162321000016-ABC1", ""}) {
    EXPECT_EQ(RedactPatientIdentity(text), text);
    EXPECT_FALSE(ContainsPatientIdentity(text)) << text;
  }
}

}  // namespace
}  // namespace samspar::privacy
