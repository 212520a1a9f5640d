#ifndef SAMSPAR_SERVICES_ROSTER_ONCALL_ON_CALL_ANSWER_H_
#define SAMSPAR_SERVICES_ROSTER_ONCALL_ON_CALL_ANSWER_H_

// The resolver's plain answers (snapshots, duties, gaps) as the API shows
// them: who with their phone numbers and presence, ordered as routing will
// offer them, and why each is there.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/oncall/loaded_line.h"
#include "services/roster/presence/presence_record.h"
#include "services/roster/schedule/line_schedule.h"

namespace samspar::roster {

// Presence as read for one answer. `known` is false when the store could
// not be read (then every contact is UNKNOWN and routable).
struct PresenceView {
  bool known = true;
  absl::flat_hash_map<std::string, PresenceRecord> by_practitioner = {};  // HSA-id -> live presence
};

// The HSA-ids whose presence the answer shows.
std::vector<std::string> ContactsOf(const OnCallSnapshot& snapshot);

v1::OnCallAnswer ToAnswer(const LoadedLine& line, const OnCallSnapshot& snapshot, const PresenceView& presence);

// Stable across answers and windows: derived from the line, the
// practitioner, the tier, the source and where the piece of duty starts
// before any window clips it (Duty.whole).
v1::Duty ToDuty(const LoadedLine& line, const Duty& duty);

v1::CoverageGap ToGap(const LoadedLine& line, const CoverageGap& gap);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ONCALL_ON_CALL_ANSWER_H_
