#ifndef SAMSPAR_SERVICES_ROSTER_ONCALL_SCHEDULE_CACHE_H_
#define SAMSPAR_SERVICES_ROSTER_ONCALL_SCHEDULE_CACHE_H_

// Lines as loaded from the database, kept while the roster's version
// (roster_version.h) stays the same, so that "who is on call" costs one
// indexed read when nothing changed, and sees a change made through any
// replica at its next call. Within a loaded line, the schedule's answer is
// kept until its next change, since every instant before it has the same
// contacts. Thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "services/roster/oncall/loaded_line.h"

namespace samspar::roster {

class ScheduleCache {
 public:
  ScheduleCache(sql::Database& database, absl::TimeZone zone);

  // NOT_FOUND (LINE_NOT_FOUND) for a line that does not exist.
  absl::StatusOr<std::shared_ptr<const LoadedLine>> Line(const std::string& name);

  // The lines `names` in that order, read at one version of the roster.
  absl::StatusOr<std::vector<std::shared_ptr<const LoadedLine>>> Lines(const std::vector<std::string>& names);

  // Every line of `region` in any state, by display name.
  absl::StatusOr<std::vector<std::shared_ptr<const LoadedLine>>> RegionLines(const std::string& region);

 private:
  // Forgets everything when the roster changed since it was loaded, and
  // says which version what is loaded from now on is at least as new as.
  absl::StatusOr<int64_t> Revalidate();
  // Reads `line`'s schedules; keeps them only if the roster is still at
  // `version`, so that a load that raced with a change is used once, not
  // kept.
  absl::StatusOr<std::shared_ptr<const LoadedLine>> Load(const v1::Line& line, int64_t version);
  // The line as kept at `version`, or loaded.
  absl::StatusOr<std::shared_ptr<const LoadedLine>> LineAt(const std::string& name, int64_t version);

  sql::Database& database_;
  const absl::TimeZone zone_;
  absl::Mutex mutex_;
  int64_t version_ ABSL_GUARDED_BY(mutex_) = -1;
  absl::flat_hash_map<std::string, std::shared_ptr<const LoadedLine>> lines_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, std::vector<std::string>> regions_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ONCALL_SCHEDULE_CACHE_H_
