#include "common/calendar/local_time.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "calendar_testing.h"
#include "gtest/gtest.h"

namespace samspar::calendar {
namespace {

using testutil::Stockholm;
using testutil::Utc;

TEST(ResolveLocal, OrdinaryTimesUseTheSeasonsOffset) {
  EXPECT_EQ(ResolveLocal(absl::CivilMinute(2026, 1, 15, 10, 0), Stockholm()),
            Utc(2026, 1, 15, 9, 0));
  EXPECT_EQ(ResolveLocal(absl::CivilMinute(2026, 7, 1, 10, 0), Stockholm()), Utc(2026, 7, 1, 8, 0));
}

TEST(ResolveLocal, TimeSkippedInSpringIsTheMomentOfTheChange) {
  EXPECT_EQ(ResolveLocal(absl::CivilMinute(2026, 3, 29, 2, 30), Stockholm()),
            Utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(ResolveLocal(absl::CivilMinute(2026, 3, 29, 2, 0), Stockholm()),
            Utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(ResolveLocal(absl::CivilMinute(2026, 3, 29, 1, 59), Stockholm()),
            Utc(2026, 3, 29, 0, 59));
  EXPECT_EQ(ResolveLocal(absl::CivilMinute(2026, 3, 29, 3, 0), Stockholm()),
            Utc(2026, 3, 29, 1, 0));
}

TEST(ResolveLocal, TimeRepeatedInAutumnIsItsFirstOccurrence) {
  EXPECT_EQ(ResolveLocal(absl::CivilMinute(2026, 10, 25, 2, 30), Stockholm()),
            Utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(ResolveLocal(absl::CivilMinute(2026, 10, 25, 2, 0), Stockholm()),
            Utc(2026, 10, 25, 0, 0));
  EXPECT_EQ(ResolveLocal(absl::CivilMinute(2026, 10, 25, 3, 0), Stockholm()),
            Utc(2026, 10, 25, 2, 0));
}

}  // namespace
}  // namespace samspar::calendar
