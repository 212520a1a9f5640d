#include "services/roster/schedule/interval_set.h"

#include <algorithm>

namespace samspar::roster {

IntervalSet Union(std::vector<calendar::Interval> intervals) {
  std::erase_if(intervals, [](const calendar::Interval& i) { return i.empty(); });
  std::sort(intervals.begin(), intervals.end(),
            [](const calendar::Interval& a, const calendar::Interval& b) { return a.start < b.start; });
  IntervalSet merged;
  for (const calendar::Interval& interval : intervals) {
    if (!merged.empty() && interval.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, interval.end);
    } else {
      merged.push_back(interval);
    }
  }
  return merged;
}

IntervalSet Subtract(const IntervalSet& from, const IntervalSet& remove) {
  IntervalSet rest;
  size_t r = 0;
  for (calendar::Interval piece : from) {
    while (r < remove.size() && remove[r].end <= piece.start) ++r;
    for (size_t k = r; k < remove.size() && remove[k].start < piece.end; ++k) {
      if (remove[k].start > piece.start) rest.push_back({piece.start, remove[k].start});
      piece.start = std::max(piece.start, remove[k].end);
      if (piece.empty()) break;
    }
    if (!piece.empty()) rest.push_back(piece);
  }
  return rest;
}

IntervalSet Clip(const IntervalSet& set, calendar::Interval window) {
  IntervalSet clipped;
  for (const calendar::Interval& interval : set) {
    calendar::Interval piece{std::max(interval.start, window.start), std::min(interval.end, window.end)};
    if (!piece.empty()) clipped.push_back(piece);
  }
  return clipped;
}

bool CoversAll(const IntervalSet& set, calendar::Interval interval) {
  return Subtract({interval}, set).empty();
}

}  // namespace samspar::roster
