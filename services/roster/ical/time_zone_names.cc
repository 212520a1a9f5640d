#include "services/roster/ical/time_zone_names.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace samspar::roster::ical {
namespace {

struct WindowsZone {
  absl::string_view windows_name;
  absl::string_view iana_name;
};

// The IANA zones are those of Unicode CLDR's windowsZones table, for Sweden
// where the table has a zone of its own.
constexpr WindowsZone kWindowsZones[] = {
    {"W. Europe Standard Time", "Europe/Stockholm"},
    {"Central Europe Standard Time", "Europe/Budapest"},
    {"Romance Standard Time", "Europe/Paris"},
    {"Central European Standard Time", "Europe/Warsaw"},
    {"GMT Standard Time", "Europe/London"},
    {"UTC", "UTC"},
};

// IANA names are made of these characters. Anything else, and "localtime"
// (the machine's own zone to the loader), is refused before it reaches the
// file system.
bool LooksLikeIanaName(absl::string_view name) {
  if (name.empty() || name == "localtime") return false;
  for (const char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' &&
        c != '+') {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::optional<absl::TimeZone> ZoneForTzid(absl::string_view tzid) {
  tzid = absl::StripAsciiWhitespace(tzid);
  absl::string_view iana_name = tzid;
  for (const WindowsZone& zone : kWindowsZones) {
    if (absl::EqualsIgnoreCase(tzid, zone.windows_name)) iana_name = zone.iana_name;
  }
  absl::ConsumePrefix(&iana_name, "/");
  if (!LooksLikeIanaName(iana_name)) return absl::nullopt;
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(std::string(iana_name), &zone)) return absl::nullopt;
  return zone;
}

}  // namespace samspar::roster::ical
