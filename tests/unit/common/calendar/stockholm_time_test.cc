#include "common/calendar/stockholm_time.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::calendar {
namespace {

using ::testing::HasSubstr;

TEST(StockholmTimeZone, KeepsCentralEuropeanTimeWithDaylightSaving) {
  const absl::StatusOr<absl::TimeZone> zone = StockholmTimeZone();
  ASSERT_TRUE(zone.ok()) << zone.status();
  EXPECT_EQ(zone->name(), "Europe/Stockholm");
  const absl::CivilSecond noon_utc_winter(2026, 1, 15, 12, 0, 0);
  const absl::CivilSecond noon_utc_summer(2026, 7, 15, 12, 0, 0);
  EXPECT_EQ(zone->At(absl::FromCivil(noon_utc_winter, absl::UTCTimeZone())).cs,
            absl::CivilSecond(2026, 1, 15, 13, 0, 0));
  EXPECT_EQ(zone->At(absl::FromCivil(noon_utc_summer, absl::UTCTimeZone())).cs,
            absl::CivilSecond(2026, 7, 15, 14, 0, 0));
}

TEST(LoadZone, UnknownZoneIsAnErrorNamingIt) {
  const absl::StatusOr<absl::TimeZone> zone = LoadZone("Europe/Atlantis");
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(zone.status().message(), HasSubstr("Europe/Atlantis"));
}

}  // namespace
}  // namespace samspar::calendar
