#ifndef SAMSPAR_COMMON_STATUS_ERRORS_H_
#define SAMSPAR_COMMON_STATUS_ERRORS_H_

// Errors as the domain speaks them: an absl::Status whose code says what
// kind of failure it is (INVALID_ARGUMENT, FAILED_PRECONDITION, ...), whose
// message is for a person, and whose payloads carry what a program needs:
// the reason (UPPER_SNAKE_CASE, stable across releases), the offending
// field, and when to retry. grpc_status.h turns these into the standard
// google.rpc error details, in one place for the whole suite.

#include "absl/types/optional.h"
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace samspar {

// Payload keys on absl::Status. Domain code uses the functions below rather
// than the keys.
inline constexpr absl::string_view kReasonPayloadKey = "samspar.se/reason";
inline constexpr absl::string_view kFieldPayloadKey = "samspar.se/field";
inline constexpr absl::string_view kRetryDelayPayloadKey = "samspar.se/retry-delay";
// Followed by the metadata key, e.g. "samspar.se/metadata/state".
inline constexpr absl::string_view kMetadataPayloadPrefix = "samspar.se/metadata/";

// An error of `code` with a machine-readable `reason`.
absl::Status Error(absl::StatusCode code, absl::string_view reason, absl::string_view message);

// INVALID_ARGUMENT about one request field (a path such as
// "consult.patient.value"); the message should say what is wrong, never
// repeat a sensitive value.
absl::Status FieldError(absl::string_view field, absl::string_view reason,
                        absl::string_view message);

// Returns `status` attributed to `field`, with the field prefixed to its
// message, keeping its code and reason: for errors of a parser (such as the
// personnummer parser) that does not know which request field it was given.
absl::Status AtField(absl::Status status, absl::string_view field);

// RESOURCE_EXHAUSTED or UNAVAILABLE with a hint of when to try again.
absl::Status RetryableError(absl::StatusCode code, absl::string_view reason,
                            absl::string_view message, absl::Duration retry_after);

// `status` with one more ErrorInfo metadata entry (common.proto: e.g.
// "state" on INVALID_STATE_TRANSITION, "fallback_phone" on NO_ONE_ON_CALL);
// never patient identity. "field" is FieldError's.
absl::Status WithMetadata(absl::Status status, absl::string_view key, absl::string_view value);

// The payloads of a status, if present.
absl::optional<std::string> ReasonOf(const absl::Status& status);
absl::optional<std::string> FieldOf(const absl::Status& status);
absl::optional<absl::Duration> RetryDelayOf(const absl::Status& status);
absl::optional<std::string> MetadataOf(const absl::Status& status, absl::string_view key);

// The reason of `status`, or the name of its code (e.g. "NOT_FOUND") when
// none was given: every error that leaves the suite has a reason.
std::string ReasonOrCode(const absl::Status& status);

}  // namespace samspar

#endif  // SAMSPAR_COMMON_STATUS_ERRORS_H_
