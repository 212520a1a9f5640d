#include "common/logging/log.h"

#include <mutex>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/privacy/redact.h"
#include "spdlog/sinks/stdout_sinks.h"
#include "spdlog/spdlog.h"

namespace samspar::log {
namespace {

struct State {
  Options options;
  std::shared_ptr<spdlog::logger> logger;
};

std::mutex& StateMutex() {
  static std::mutex mutex;
  return mutex;
}

std::shared_ptr<State> MakeState(const Options& options) {
  auto state = std::make_shared<State>();
  state->options = options;
  std::shared_ptr<spdlog::sinks::sink> sink = options.sink;
  if (sink == nullptr) sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  state->logger = std::make_shared<spdlog::logger>("samspar", std::move(sink));
  // Lines are complete when they reach spdlog; it adds nothing of its own.
  state->logger->set_pattern("%v");
  state->logger->flush_on(spdlog::level::trace);
  return state;
}

// Read on every line, replaced by Configure: a shared_ptr copy keeps a line
// that is being written valid while the configuration changes.
std::shared_ptr<State>& CurrentState() {
  static std::shared_ptr<State> state = MakeState(Options{});
  return state;
}

absl::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

// Redacts every string in a JSON value, keys included.
nlohmann::json Redacted(const nlohmann::json& value) {
  if (value.is_string()) {
    return privacy::RedactPatientIdentity(value.get_ref<const std::string&>());
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value.items()) {
      out[privacy::RedactPatientIdentity(key)] = Redacted(item);
    }
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(Redacted(item));
    return out;
  }
  return value;
}

std::string TextValue(const nlohmann::json& value) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    bool plain = !text.empty() && text.find_first_of(" \"=\t\n") == std::string::npos;
    return plain ? text : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::shared_ptr<State> SnapshotState() {
  std::lock_guard<std::mutex> lock(StateMutex());
  return CurrentState();
}

}  // namespace

void Configure(const Options& options) {
  auto state = MakeState(options);
  std::lock_guard<std::mutex> lock(StateMutex());
  CurrentState() = std::move(state);
}

absl::StatusOr<Format> ParseFormat(absl::string_view text) {
  std::string lower = absl::AsciiStrToLower(text);
  if (lower == "json") return Format::kJson;
  if (lower == "text") return Format::kText;
  return absl::InvalidArgumentError(
      absl::StrCat("log format must be json or text, not \"", text, "\""));
}

absl::StatusOr<Level> ParseLevel(absl::string_view text) {
  std::string lower = absl::AsciiStrToLower(text);
  if (lower == "debug") return Level::kDebug;
  if (lower == "info") return Level::kInfo;
  if (lower == "warn" || lower == "warning") return Level::kWarn;
  if (lower == "error") return Level::kError;
  return absl::InvalidArgumentError(
      absl::StrCat("log level must be debug, info, warn or error, not \"", text, "\""));
}

std::string FormatLine(Format format, absl::string_view service, Level level,
                       absl::string_view event, const nlohmann::json& fields) {
  std::string ts = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
  nlohmann::json clean = Redacted(fields.is_object() ? fields : nlohmann::json::object());
  std::string clean_event = privacy::RedactPatientIdentity(event);
  if (format == Format::kText) {
    std::string line = absl::StrCat(ts, " ", absl::AsciiStrToUpper(LevelName(level)), " ",
                                    service, " ", clean_event);
    for (const auto& [key, value] : clean.items()) {
      absl::StrAppend(&line, " ", key, "=", TextValue(value));
    }
    return line;
  }
  // Fixed keys first, in a fixed order, so lines read well unparsed too.
  nlohmann::ordered_json line;
  line["ts"] = ts;
  line["level"] = LevelName(level);
  line["service"] = service;
  line["event"] = clean_event;
  for (const auto& [key, value] : clean.items()) {
    if (!line.contains(key)) line[key] = value;
  }
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool Enabled(Level level) { return level >= SnapshotState()->options.level; }

void Write(Level level, absl::string_view event, const nlohmann::json& fields) {
  std::shared_ptr<State> state = SnapshotState();
  if (level < state->options.level) return;
  std::string line =
      FormatLine(state->options.format, state->options.service, level, event, fields);
  // The line is passed as the message itself, never as a format string.
  state->logger->log(spdlog::level::info, spdlog::string_view_t(line.data(), line.size()));
}

}  // namespace samspar::log
