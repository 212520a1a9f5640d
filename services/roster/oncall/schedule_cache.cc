#include "services/roster/oncall/schedule_cache.h"

#include <utility>

#include "common/status/macros.h"
#include "services/roster/lines/lines.h"
#include "services/roster/roster_version.h"

namespace samspar::roster {

ScheduleCache::ScheduleCache(sql::Database& database, absl::TimeZone zone) : database_(database), zone_(zone) {}

absl::Status ScheduleCache::Revalidate() {
  SAMSPAR_ASSIGN_OR_RETURN(int64_t version, ReadRosterVersion(database_));
  absl::MutexLock lock(&mutex_);
  if (version == version_) return absl::OkStatus();
  // Lines loaded from now on are at least as new as `version`: the version
  // was read before them.
  version_ = version;
  lines_.clear();
  regions_.clear();
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const LoadedLine>> ScheduleCache::Load(const v1::Line& line) {
  SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> loaded, LoadLine(database_, line, zone_));
  absl::MutexLock lock(&mutex_);
  lines_.emplace(line.name(), loaded);
  return loaded;
}

absl::StatusOr<std::shared_ptr<const LoadedLine>> ScheduleCache::Line(const std::string& name) {
  SAMSPAR_RETURN_IF_ERROR(Revalidate());
  {
    absl::MutexLock lock(&mutex_);
    if (auto found = lines_.find(name); found != lines_.end()) return found->second;
  }
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Line> line, Lines::Table().Get(database_, name));
  if (!line.has_value()) return LineNotFound(name);
  return Load(*line);
}

absl::StatusOr<std::vector<std::shared_ptr<const LoadedLine>>> ScheduleCache::RegionLines(const std::string& region) {
  SAMSPAR_RETURN_IF_ERROR(Revalidate());
  std::vector<std::string> names;
  {
    absl::MutexLock lock(&mutex_);
    if (auto found = regions_.find(region); found != regions_.end()) names = found->second;
  }
  std::vector<std::shared_ptr<const LoadedLine>> loaded;
  if (names.empty()) {
    store::ListQuery all{.where = "region = ?",
                         .params = {sql::Value(region)},
                         .order_by = "display_name, name",
                         .offset = 0,
                         .limit = 1 << 30};
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<v1::Line> lines, Lines::Table().List(database_, all));
    for (const v1::Line& line : lines) {
      names.push_back(line.name());
      SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> one, Load(line));
      loaded.push_back(std::move(one));
    }
    absl::MutexLock lock(&mutex_);
    regions_[region] = names;
    return loaded;
  }
  for (const std::string& name : names) {
    SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> one, Line(name));
    loaded.push_back(std::move(one));
  }
  return loaded;
}

}  // namespace samspar::roster
