// Checks the parser against published reference data: Skatteverket's test
// personnummer and the valid/invalid cases shared by personnummer libraries
// in many languages (see the README beside the data).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/status/errors.h"
#include "common/ids/personnummer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace samspar::ids {
namespace {

using ::testing::IsEmpty;
using ::testing::Optional;

// The data was published in the 2020s and its 10-digit forms are written for
// that era: the newest birth dates are 2023-12-31 (Skatteverket) and
// 2021-07-31 ("210791-9967"), and "460823-9986" means 1946, which holds until
// 2046-08-22. Any date in between keeps every case true; a fixed one keeps the
// test from changing with the calendar.
const absl::CivilDay kReferenceDate(2026, 11, 24);

constexpr int kSkatteverketNumberCount = 41129;

nlohmann::json LoadCases(const std::string& name) {
  std::ifstream file(std::string(SAMSPAR_TESTDATA_DIR "/personnummer/cases/") +
                     name);
  EXPECT_TRUE(file.is_open()) << name;
  return nlohmann::json::parse(file);
}

bool IsAccepted(const std::string& text) {
  return Personnummer::Parse(text, kReferenceDate).ok();
}

// Parses `text`, which must be valid, and returns its canonical form (or the
// error message, so that a failure shows in the comparison).
std::string CanonicalOf(const std::string& text) {
  absl::StatusOr<Personnummer> parsed =
      Personnummer::Parse(text, kReferenceDate);
  if (!parsed.ok()) return std::string(parsed.status().message());
  return parsed->canonical();
}

// YYMMDD-NNNC as Skatteverket writes it: '+' from the year of the 100th
// birthday.
std::string SeparatedShortForm(const std::string& twelve_digits) {
  const int year = std::stoi(twelve_digits.substr(0, 4));
  const char separator = kReferenceDate.year() - year >= 100 ? '+' : '-';
  return absl::StrCat(twelve_digits.substr(2, 6), std::string(1, separator),
                      twelve_digits.substr(8));
}

PersonnummerKind KindOf(const std::string& type) {
  return type == "con" ? PersonnummerKind::kSamordningsnummer
                       : PersonnummerKind::kPersonnummer;
}

TEST(SkatteverketTestNumbersTest, AllParseInLongAndShortForm) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(
           SAMSPAR_TESTDATA_DIR "/personnummer/skatteverket")) {
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  int count = 0;
  std::vector<std::string> failures;
  for (const auto& path : files) {
    std::ifstream file(path);
    std::string line;
    ASSERT_TRUE(std::getline(file, line)) << path;
    EXPECT_EQ(absl::StripAsciiWhitespace(line), "Testpersonnummer") << path;
    while (std::getline(file, line)) {
      const std::string number(absl::StripAsciiWhitespace(line));  // CRLF
      if (number.empty()) continue;
      ++count;
      absl::StatusOr<Personnummer> parsed =
          Personnummer::Parse(number, kReferenceDate);
      const std::string short_form = SeparatedShortForm(number);
      if (!parsed.ok() || parsed->canonical() != number ||
          parsed->kind() != PersonnummerKind::kPersonnummer ||
          CanonicalOf(short_form) != number) {
        failures.push_back(absl::StrCat(number, " / ", short_form));
      }
    }
  }
  EXPECT_EQ(count, kSkatteverketNumberCount);
  if (failures.size() > 20) failures.resize(20);
  EXPECT_THAT(failures, IsEmpty()) << absl::StrJoin(failures, "\n");
}

const char* const kFormats[] = {"long_format", "short_format",
                                "separated_format", "separated_long"};

TEST(SharedCasesTest, ListHoldsInEveryFormat) {
  const nlohmann::json cases = LoadCases("list.json");
  ASSERT_FALSE(cases.empty());
  for (const auto& record : cases) {
    const std::string long_format = record["long_format"];
    for (const char* format : kFormats) {
      const std::string text = record[format];
      SCOPED_TRACE(absl::StrCat(format, " ", text));
      if (!record["valid"].get<bool>()) {
        EXPECT_FALSE(IsAccepted(text));
        continue;
      }
      absl::StatusOr<Personnummer> parsed =
          Personnummer::Parse(text, kReferenceDate);
      ASSERT_TRUE(parsed.ok()) << parsed.status();
      EXPECT_EQ(parsed->kind(), KindOf(record["type"]));
      // Without a separator there is no '+': the compact 10-digit form of
      // someone past 100 reads as a person born a century later.
      const bool century_lost =
          std::string(format) == "short_format" &&
          absl::StrContains(record["separated_format"].get<std::string>(), '+');
      const std::string expected =
          century_lost ? absl::StrCat(std::stoi(long_format.substr(0, 4)) + 100,
                                      long_format.substr(4))
                       : long_format;
      EXPECT_EQ(parsed->canonical(), expected);
    }
  }
}

TEST(SharedCasesTest, StructuredValidAndInvalid) {
  const nlohmann::json cases = LoadCases("structured.json");
  for (const char* type : {"ssn", "con"}) {
    for (const std::string text : cases[type]["string"]["valid"]) {
      absl::StatusOr<Personnummer> parsed =
          Personnummer::Parse(text, kReferenceDate);
      ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status();
      EXPECT_EQ(parsed->kind(), KindOf(type)) << text;
    }
    for (const std::string text : cases[type]["string"]["invalid"]) {
      EXPECT_FALSE(IsAccepted(text)) << text;
    }
    for (const int64_t number : cases[type]["integer"]["valid"]) {
      EXPECT_EQ(CanonicalOf(std::to_string(number)), std::to_string(number));
    }
    for (const int64_t number : cases[type]["integer"]["invalid"]) {
      EXPECT_FALSE(IsAccepted(std::to_string(number))) << number;
    }
  }
}

// interim.json's "valid" says whether the interim number is well formed;
// none of them is a personnummer.
TEST(SharedCasesTest, InterimNumbersAreRejected) {
  const nlohmann::json cases = LoadCases("interim.json");
  ASSERT_FALSE(cases.empty());
  for (const auto& record : cases) {
    for (const char* format : kFormats) {
      const std::string text = record[format];
      absl::StatusOr<Personnummer> parsed =
          Personnummer::Parse(text, kReferenceDate);
      ASSERT_FALSE(parsed.ok()) << text;
      if (record["valid"].get<bool>()) {
        EXPECT_THAT(ReasonOf(parsed.status()),
                    Optional(std::string(kPersonnummerInterim)))
            << text;
      }
    }
  }
}

TEST(SharedCasesTest, OrganisationNumbersAreRejected) {
  const nlohmann::json cases = LoadCases("orgnumber.json");
  ASSERT_FALSE(cases.empty());
  for (const auto& record : cases) {
    const std::string short_format = record["short_format"];
    for (const std::string& text :
         {short_format, record["separated_format"].get<std::string>(),
          "16" + short_format}) {
      absl::StatusOr<Personnummer> parsed =
          Personnummer::Parse(text, kReferenceDate);
      ASSERT_FALSE(parsed.ok()) << text;
      EXPECT_THAT(ReasonOf(parsed.status()),
                  Optional(std::string(kPersonnummerOrganisationNumber)))
          << text;
    }
  }
}

// Every rejected case from the shared data, in every form it is given in.
std::vector<std::string> InvalidCases() {
  std::vector<std::string> texts;
  for (const auto& record : LoadCases("list.json")) {
    if (record["valid"].get<bool>()) continue;
    for (const char* format : kFormats) texts.push_back(record[format]);
  }
  const nlohmann::json structured = LoadCases("structured.json");
  for (const char* type : {"ssn", "con"}) {
    for (const std::string text : structured[type]["string"]["invalid"]) {
      texts.push_back(text);
    }
  }
  for (const auto& record : LoadCases("interim.json")) {
    for (const char* format : kFormats) texts.push_back(record[format]);
  }
  for (const auto& record : LoadCases("orgnumber.json")) {
    texts.push_back(record["short_format"]);
    texts.push_back(record["separated_format"]);
  }
  return texts;
}

TEST(SharedCasesTest, ErrorsCarryAReasonAndNoDigitsOfTheInput) {
  const std::vector<std::string> texts = InvalidCases();
  ASSERT_GT(texts.size(), 50u);
  for (const std::string& text : texts) {
    absl::StatusOr<Personnummer> parsed =
        Personnummer::Parse(text, kReferenceDate);
    ASSERT_FALSE(parsed.ok()) << text;
    const absl::Status& status = parsed.status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_TRUE(ReasonOf(status).has_value()) << text;
    // No digit at all: not the whole number, and no part of it either.
    EXPECT_FALSE(std::any_of(status.message().begin(), status.message().end(),
                             [](char c) {
                               return absl::ascii_isdigit(
                                   static_cast<unsigned char>(c));
                             }))
        << text << " -> " << status.message();
  }
}

}  // namespace
}  // namespace samspar::ids
