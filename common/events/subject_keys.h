#ifndef SAMSPAR_COMMON_EVENTS_SUBJECT_KEYS_H_
#define SAMSPAR_COMMON_EVENTS_SUBJECT_KEYS_H_

// The pseudonymous key a business event names its consult or conference by
// (metrics.proto, Event.subject_key): HMAC-SHA-256 of the resource name under
// a secret of the region, as 64 lowercase hex digits. Only the emitting
// service holds the secrets, so metrics can tell a consult's events apart
// from another's but cannot turn a key back into the consult, and through
// it the patient.
//
// A region's secret must stay the same for as long as metrics keeps the
// region's events: under a new secret a consult gets a new key, and its later
// events (a corrected outcome) would no longer update the item its earlier
// ones made.
//
// The key file holds one line per region, the two-digit region code and the
// secret separated by spaces or tabs:
//
//   # Subject-key secrets: never change a region's secret once in use.
//   06 <secret of Region Jönköpings län>
//   07 <secret of Region Kronoberg>
//
// A secret is at least 32 bytes of text without spaces or tabs, such as 32
// random bytes written as 64 hex digits (`openssl rand -hex 32`); its text
// itself is the HMAC key, it is not decoded. Blank lines and lines whose
// first character other than a space or tab is `#` are ignored.

#include <map>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace samspar::events {

class SubjectKeys {
 public:
  // The shortest secret accepted, in bytes: the length of the HMAC-SHA-256
  // output, so that the secret is no easier to guess than the key.
  static constexpr size_t kShortestSecret = 32;

  // Reads the key file described above. INVALID_ARGUMENT naming the file,
  // and the line for a malformed one, when it cannot be read, a line is not
  // `NN <secret>`, a secret is too short, a region appears twice or no
  // region has a secret. Errors never quote a line.
  static absl::StatusOr<SubjectKeys> LoadKeyFile(const std::string& path);

  // From region code -> secret, with the same checks as the key file.
  static absl::StatusOr<SubjectKeys> FromSecrets(std::map<std::string, std::string> secrets);

  // The subject key of `resource_name` (e.g. `regions/06/consults/...`) for
  // an event of `region` (two-digit code). FAILED_PRECONDITION when there is
  // no secret for the region.
  absl::StatusOr<std::string> KeyOf(absl::string_view region, absl::string_view resource_name) const;

 private:
  explicit SubjectKeys(std::map<std::string, std::string> secrets) : secrets_(std::move(secrets)) {}

  // Region code -> secret.
  std::map<std::string, std::string> secrets_;
};

}  // namespace samspar::events

#endif  // SAMSPAR_COMMON_EVENTS_SUBJECT_KEYS_H_
