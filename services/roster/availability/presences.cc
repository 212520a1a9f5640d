#include "services/roster/availability/presences.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/privacy/redact.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/roster/api/directory_fields.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/directory/directory_refs.h"

namespace samspar::roster {
namespace {

constexpr absl::Duration kShortestTtl = absl::Seconds(30);
constexpr absl::Duration kLongestTtl = absl::Hours(12);
constexpr absl::Duration kDefaultTtl = absl::Minutes(10);
constexpr int kMaxBatch = 200;

absl::StatusOr<absl::optional<absl::Duration>> ReadTtl(const google::protobuf::Duration& ttl, bool given,
                                                       absl::string_view field) {
  if (!given) return absl::nullopt;
  absl::Duration read = FromProto(ttl);
  if (read < kShortestTtl || read > kLongestTtl) {
    return FieldError(field, "FIELD_INVALID", "must be from 30 seconds to 12 hours");
  }
  return read;
}

bool IsSettable(v1::PresenceState state) {
  return state == v1::PRESENCE_STATE_AVAILABLE || state == v1::PRESENCE_STATE_BUSY ||
         state == v1::PRESENCE_STATE_AWAY || state == v1::PRESENCE_STATE_OFFLINE;
}

}  // namespace

Presences::Presences(sql::Database& database, PresenceStore& store, PresenceCache& cache)
    : database_(database), store_(store), cache_(cache) {}

v1::Presence Presences::ToPresence(const std::string& region, const std::string& hsa_id,
                                   const absl::optional<PresenceRecord>& record) {
  v1::Presence presence;
  presence.set_name(PresenceName(region, hsa_id));
  presence.mutable_practitioner()->set_name(PractitionerName(region, hsa_id));
  presence.mutable_practitioner()->set_hsa_id(hsa_id);
  if (!record.has_value()) {
    presence.set_state(v1::PRESENCE_STATE_UNKNOWN);
    return presence;
  }
  presence.set_state(static_cast<v1::PresenceState>(record->state));
  presence.set_note(record->note);
  *presence.mutable_expire_time() = ToProto(record->expire_time);
  *presence.mutable_update_time() = ToProto(record->update_time);
  return presence;
}

absl::Status Presences::CheckPractitioner(const std::string& region, const std::string& hsa_id) {
  return FindPractitioner(database_, region, PractitionerName(region, hsa_id), "name").status();
}

absl::StatusOr<v1::Presence> Presences::Update(const v1::UpdatePresenceRequest& request, absl::Time now) {
  const v1::Presence& patch = request.presence();
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParsePresenceName(patch.name(), "presence.name"));
  // Without a mask, what the client set is replaced: a state alone keeps the
  // note (clearing it takes the mask "note").
  bool set_state = true, set_note = !patch.note().empty();
  if (request.has_update_mask()) {
    set_state = set_note = false;
    for (const std::string& path : request.update_mask().paths()) {
      if (path == "state") {
        set_state = true;
      } else if (path == "note") {
        set_note = true;
      } else {
        return FieldError("update_mask", "INVALID_UPDATE_MASK",
                          "update_mask may name only state and note of a presence");
      }
    }
  }
  if (set_state && !IsSettable(patch.state())) {
    return FieldError("presence.state", "FIELD_INVALID",
                      "presence.state must be AVAILABLE, BUSY, AWAY or OFFLINE (UNKNOWN is never set)");
  }
  SAMSPAR_RETURN_IF_ERROR(CheckText(patch.note(), false, 100, "presence.note"));
  if (privacy::ContainsPatientIdentity(patch.note())) {
    return FieldError("presence.note", "FIELD_INVALID", "presence.note must not hold patient data");
  }
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<absl::Duration> ttl, ReadTtl(request.ttl(), request.has_ttl(), "ttl"));
  SAMSPAR_RETURN_IF_ERROR(CheckPractitioner(name.region, name.id));

  PresenceRecord record{.practitioner = name.id, .state = patch.state(), .note = patch.note()};
  if (!set_state || !set_note) {
    // What is not replaced is kept from what is stored; a note alone needs a
    // state to go with.
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<absl::optional<PresenceRecord>> current, store_.Get(name.region, {name.id}));
    if (!set_state && !current.front().has_value()) {
      return Error(absl::StatusCode::kFailedPrecondition, "PRESENCE_EXPIRED",
                   "there is no presence to change: set the state too");
    }
    if (current.front().has_value()) {
      if (!set_state) record.state = current.front()->state;
      if (!set_note) record.note = current.front()->note;
    }
  }
  record.ttl = ttl.value_or(record.state == v1::PRESENCE_STATE_OFFLINE ? kLongestTtl : kDefaultTtl);
  SAMSPAR_ASSIGN_OR_RETURN(PresenceRecord stored, store_.Set(name.region, record, now));
  cache_.Put(name.region, stored, now);
  return ToPresence(name.region, name.id, stored);
}

absl::StatusOr<v1::Presence> Presences::Heartbeat(const v1::HeartbeatRequest& request, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParsePresenceName(request.name(), "name"));
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<absl::Duration> ttl, ReadTtl(request.ttl(), request.has_ttl(), "ttl"));
  SAMSPAR_ASSIGN_OR_RETURN(PresenceRecord stored, store_.Refresh(name.region, name.id, ttl, now));
  cache_.Put(name.region, stored, now);
  return ToPresence(name.region, name.id, stored);
}

absl::StatusOr<v1::Presence> Presences::Get(const v1::GetPresenceRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParsePresenceName(request.name(), "name"));
  SAMSPAR_RETURN_IF_ERROR(CheckPractitioner(name.region, name.id));
  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read = store_.Get(name.region, {name.id});
  return ToPresence(name.region, name.id, read.ok() ? read->front() : absl::nullopt);
}

absl::StatusOr<v1::BatchGetPresenceResponse> Presences::BatchGet(const std::string& region,
                                                                 const v1::BatchGetPresenceRequest& request) {
  if (request.names().empty() || request.names_size() > kMaxBatch) {
    return FieldError("names", request.names().empty() ? "FIELD_REQUIRED" : "FIELD_INVALID",
                      absl::StrCat("names must hold 1 to ", kMaxBatch, " presence names"));
  }
  std::vector<std::string> people;
  for (int i = 0; i < request.names_size(); ++i) {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParsePresenceName(request.names(i), absl::StrCat("names[", i, "]")));
    if (name.region != region) {
      return FieldError(absl::StrCat("names[", i, "]"), "FIELD_INVALID",
                        absl::StrCat("names[", i, "] is not in ", RegionName(region)));
    }
    SAMSPAR_RETURN_IF_ERROR(CheckPractitioner(region, name.id));
    people.push_back(name.id);
  }
  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read = store_.Get(region, people);
  v1::BatchGetPresenceResponse response;
  response.set_presence_known(read.ok());
  for (size_t i = 0; i < people.size(); ++i) {
    *response.add_presences() = ToPresence(region, people[i], read.ok() ? (*read)[i] : absl::nullopt);
  }
  return response;
}

}  // namespace samspar::roster
