#include "services/roster/schedule/interval_set.h"

#include "gtest/gtest.h"
#include "tests/unit/roster/schedule/schedule_testing.h"

namespace samspar::roster {
namespace {

using testing::Utc;

calendar::Interval Hours(int from, int to) { return {Utc(2026, 1, 1, from), Utc(2026, 1, 1, to)}; }

TEST(IntervalSetTest, UnionMergesOverlappingAndTouchingIntervals) {
  EXPECT_EQ(Union({Hours(5, 7), Hours(1, 3), Hours(3, 4), Hours(6, 9), Hours(10, 10)}),
            (IntervalSet{Hours(1, 4), Hours(5, 9)}));
}

TEST(IntervalSetTest, SubtractLeavesWhatIsNotRemoved) {
  EXPECT_EQ(Subtract({Hours(0, 10), Hours(12, 14)}, {Hours(2, 3), Hours(5, 13)}),
            (IntervalSet{Hours(0, 2), Hours(3, 5), Hours(13, 14)}));
  EXPECT_EQ(Subtract({Hours(0, 10)}, {}), (IntervalSet{Hours(0, 10)}));
  EXPECT_TRUE(Subtract({Hours(2, 4)}, {Hours(0, 10)}).empty());
}

TEST(IntervalSetTest, ClipAndCoversAll) {
  EXPECT_EQ(Clip({Hours(0, 3), Hours(5, 9)}, Hours(2, 6)), (IntervalSet{Hours(2, 3), Hours(5, 6)}));
  EXPECT_TRUE(CoversAll({Hours(0, 3), Hours(3, 9)}, Hours(1, 8)));
  EXPECT_FALSE(CoversAll({Hours(0, 3), Hours(4, 9)}, Hours(1, 8)));
}

}  // namespace
}  // namespace samspar::roster
