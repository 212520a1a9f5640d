#ifndef SAMSPAR_COMMON_LOGGING_LOG_H_
#define SAMSPAR_COMMON_LOGGING_LOG_H_

// Structured logging for every binary of the suite.
//
//   samspar::log::Info("server.listening", {{"port", 50051}});
//
// writes, in JSON format (the default, for Kubernetes log collectors):
//
//   {"ts":"2026-11-24T12:00:00.123Z","level":"info","service":"roster",
//    "event":"server.listening","port":50051}
//
// and in text format (for a terminal): the same fields as `key=value`.
// `event` is a stable dotted name to search for; fields carry the details.
// Every string that reaches a line passes through RedactPatientIdentity: a
// log line never carries a personnummer, even by mistake.

#include <memory>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace spdlog::sinks {
class sink;
}

namespace samspar::log {

enum class Format { kJson, kText };
enum class Level { kDebug, kInfo, kWarn, kError };

struct Options {
  std::string service = "samspar";
  Format format = Format::kJson;
  Level level = Level::kInfo;
  // Where lines go; standard error when null. Tests pass a sink that
  // captures the lines.
  std::shared_ptr<spdlog::sinks::sink> sink;
};

// Sets up logging for the process. Call once at start-up, before threads
// that log are started; until then lines go to standard error as JSON.
void Configure(const Options& options);

absl::StatusOr<Format> ParseFormat(absl::string_view text);
absl::StatusOr<Level> ParseLevel(absl::string_view text);

// Whether lines of `level` are written: for callers that would otherwise
// build fields on a hot path for nothing.
bool Enabled(Level level);

// Writes one line if `level` is enabled. `fields` must be a JSON object.
void Write(Level level, absl::string_view event,
           const nlohmann::json& fields = nlohmann::json::object());

inline void Debug(absl::string_view event, const nlohmann::json& fields = nlohmann::json::object()) {
  Write(Level::kDebug, event, fields);
}
inline void Info(absl::string_view event, const nlohmann::json& fields = nlohmann::json::object()) {
  Write(Level::kInfo, event, fields);
}
inline void Warn(absl::string_view event, const nlohmann::json& fields = nlohmann::json::object()) {
  Write(Level::kWarn, event, fields);
}
inline void Error(absl::string_view event, const nlohmann::json& fields = nlohmann::json::object()) {
  Write(Level::kError, event, fields);
}

// Renders one line without writing it: the formatting that Write uses.
std::string FormatLine(Format format, absl::string_view service, Level level,
                       absl::string_view event, const nlohmann::json& fields);

}  // namespace samspar::log

#endif  // SAMSPAR_COMMON_LOGGING_LOG_H_
