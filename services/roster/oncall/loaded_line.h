#ifndef SAMSPAR_SERVICES_ROSTER_ONCALL_LOADED_LINE_H_
#define SAMSPAR_SERVICES_ROSTER_ONCALL_LOADED_LINE_H_

// One line read whole from the database: the line, the resolver built from
// its rotations, shifts and overrides, and the directory entries of everyone
// its schedules name, so that an answer needs no further read.

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/sql/database.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/schedule/line_schedule.h"

namespace samspar::roster {

struct LoadedLine {
  std::string region;
  v1::Line line;
  std::unique_ptr<LineSchedule> schedule;
  // By HSA-id: everyone the line's schedules and policy name.
  absl::flat_hash_map<std::string, v1::Practitioner> people;

  // The reference an answer shows for `hsa_id` (just the name for someone
  // no longer in the directory).
  v1::PractitionerRef RefOf(const std::string& hsa_id) const;

  // schedule->At(instant), reusing the last answer while `instant` is before
  // its next change: every instant up to then has the same answer.
  OnCallSnapshot At(absl::Time instant) const;

 private:
  mutable absl::Mutex mutex_;
  mutable absl::optional<OnCallSnapshot> last_ ABSL_GUARDED_BY(mutex_);
};

// Reads `line`'s schedules and people. Practitioners who are inactive in
// the directory are nobody's contact.
absl::StatusOr<std::shared_ptr<const LoadedLine>> LoadLine(sql::Executor& executor, v1::Line line, absl::TimeZone zone);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ONCALL_LOADED_LINE_H_
