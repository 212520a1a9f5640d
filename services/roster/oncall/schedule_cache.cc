#include "services/roster/oncall/schedule_cache.h"

#include <utility>

#include "common/status/macros.h"
#include "services/roster/lines/lines.h"
#include "services/roster/roster_version.h"

namespace samspar::roster {

ScheduleCache::ScheduleCache(sql::Database& database, absl::TimeZone zone) : database_(database), zone_(zone) {}

absl::StatusOr<int64_t> ScheduleCache::Revalidate() {
  SAMSPAR_ASSIGN_OR_RETURN(int64_t version, ReadRosterVersion(database_));
  absl::MutexLock lock(&mutex_);
  // Versions only grow: a reader that saw an older one late changes nothing.
  if (version > version_) {
    version_ = version;
    lines_.clear();
    regions_.clear();
  }
  return version;
}

absl::StatusOr<std::shared_ptr<const LoadedLine>> ScheduleCache::Load(const v1::Line& line, int64_t version) {
  SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> loaded, LoadLine(database_, line, zone_));
  absl::MutexLock lock(&mutex_);
  if (version == version_) lines_.emplace(line.name(), loaded);
  return loaded;
}

absl::StatusOr<std::shared_ptr<const LoadedLine>> ScheduleCache::Line(const std::string& name) {
  SAMSPAR_ASSIGN_OR_RETURN(int64_t version, Revalidate());
  return LineAt(name, version);
}

absl::StatusOr<std::vector<std::shared_ptr<const LoadedLine>>> ScheduleCache::Lines(
    const std::vector<std::string>& names) {
  SAMSPAR_ASSIGN_OR_RETURN(int64_t version, Revalidate());
  std::vector<std::shared_ptr<const LoadedLine>> loaded;
  for (const std::string& name : names) {
    SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> one, LineAt(name, version));
    loaded.push_back(std::move(one));
  }
  return loaded;
}

absl::StatusOr<std::shared_ptr<const LoadedLine>> ScheduleCache::LineAt(const std::string& name, int64_t version) {
  {
    absl::MutexLock lock(&mutex_);
    if (auto found = lines_.find(name); found != lines_.end() && version == version_) return found->second;
  }
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Line> line, Lines::Table().Get(database_, name));
  if (!line.has_value()) return LineNotFound(name);
  return Load(*line, version);
}

absl::StatusOr<std::vector<std::shared_ptr<const LoadedLine>>> ScheduleCache::RegionLines(const std::string& region) {
  SAMSPAR_ASSIGN_OR_RETURN(int64_t version, Revalidate());
  std::vector<std::string> names;
  {
    absl::MutexLock lock(&mutex_);
    if (auto found = regions_.find(region); found != regions_.end() && version == version_) names = found->second;
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
      SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> one, Load(line, version));
      loaded.push_back(std::move(one));
    }
    absl::MutexLock lock(&mutex_);
    if (version == version_) regions_[region] = names;
    return loaded;
  }
  for (const std::string& name : names) {
    SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> one, LineAt(name, version));
    loaded.push_back(std::move(one));
  }
  return loaded;
}

}  // namespace samspar::roster
