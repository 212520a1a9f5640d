#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_KEYS_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_KEYS_H_

// The names presence has in Redis: one hash per practitioner,
// `<prefix>presence:<region>:<hsa_id>`, and one change channel per region,
// `<prefix>presence:<region>`. Region ids never contain ':' (they are
// the `{region}` of resource names), so a key read back from an expiry
// notification splits unambiguously.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace samspar::roster {

// Whose presence a key holds.
struct PresenceKeyName {
  std::string region;
  std::string practitioner;
};

class PresenceKeys {
 public:
  explicit PresenceKeys(absl::string_view key_prefix);

  // The hash of `practitioner`'s presence in `region`.
  std::string Key(absl::string_view region, absl::string_view practitioner) const;
  // The channel on which changes of `region`'s presences are published.
  std::string Channel(absl::string_view region) const;
  // A PSUBSCRIBE pattern matching the channels of every region.
  std::string ChannelPattern() const;

  // The region of a channel named by Channel; nullopt for any other channel.
  absl::optional<std::string> RegionOfChannel(absl::string_view channel) const;
  // Region and practitioner of a key named by Key; nullopt for any other key
  // (Redis reports the expiry of every key, not only presences).
  absl::optional<PresenceKeyName> ParseKey(absl::string_view key) const;

 private:
  std::string head_;  // "<prefix>presence:"
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_KEYS_H_
