#include "services/roster/presence/presence_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "services/roster/presence/presence_codec.h"
#include "services/roster/presence/presence_scripts.h"

namespace samspar::roster {
namespace {

// A reply of HGETALL (or of the scripts, which return one) as fields.
PresenceFields FieldsOf(const RedisReply& reply) {
  PresenceFields fields;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    fields[reply.elements[i].text] = reply.elements[i + 1].text;
  }
  return fields;
}

absl::Duration WholeMilliseconds(absl::Duration ttl) {
  return absl::Trunc(ttl, absl::Milliseconds(1));
}

absl::Status CheckTtl(absl::Duration ttl) {
  if (WholeMilliseconds(ttl) <= absl::ZeroDuration()) {
    return FieldError("ttl", "FIELD_INVALID", "must be at least one millisecond");
  }
  return absl::OkStatus();
}

}  // namespace

PresenceStore::PresenceStore(RedisOptions options)
    : keys_(options.key_prefix), pool_(std::move(options)) {}

absl::StatusOr<PresenceRecord> PresenceStore::Set(absl::string_view region,
                                                  const PresenceRecord& record, absl::Time now) {
  if (!IsStorableState(record.state)) {
    return FieldError("state", "FIELD_INVALID", "must be AVAILABLE, BUSY, AWAY or OFFLINE");
  }
  if (absl::Status valid = CheckTtl(record.ttl); !valid.ok()) return valid;
  absl::Duration ttl = WholeMilliseconds(record.ttl);
  absl::Time update_time = absl::FromUnixMillis(absl::ToUnixMillis(now));
  RedisCommand eval = {"EVAL",
                       SetPresenceScript(),
                       "1",
                       keys_.Key(region, record.practitioner),
                       keys_.Channel(region),
                       record.practitioner,
                       absl::StrCat(record.state),
                       record.note,
                       MillisText(update_time),
                       MillisText(update_time + ttl),
                       MillisText(ttl)};
  return RunScript(eval, record.practitioner);
}

absl::StatusOr<PresenceRecord> PresenceStore::Refresh(absl::string_view region,
                                                      absl::string_view practitioner,
                                                      absl::optional<absl::Duration> ttl,
                                                      absl::Time now) {
  if (ttl.has_value()) {
    if (absl::Status valid = CheckTtl(*ttl); !valid.ok()) return valid;
  }
  RedisCommand eval = {"EVAL",
                       RefreshPresenceScript(),
                       "1",
                       keys_.Key(region, practitioner),
                       keys_.Channel(region),
                       std::string(practitioner),
                       MillisText(now),
                       ttl.has_value() ? MillisText(WholeMilliseconds(*ttl)) : ""};
  return RunScript(eval, practitioner);
}

absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> PresenceStore::Get(
    absl::string_view region, absl::Span<const std::string> practitioners) {
  std::vector<RedisCommand> reads;
  reads.reserve(practitioners.size());
  for (const std::string& practitioner : practitioners) {
    reads.push_back({"HGETALL", keys_.Key(region, practitioner)});
  }
  std::vector<absl::optional<PresenceRecord>> presences;
  if (reads.empty()) return presences;
  absl::StatusOr<std::vector<RedisReply>> replies = pool_.RoundTrip(reads);
  if (!replies.ok()) return Unavailable(replies.status().message());
  presences.reserve(replies->size());
  for (size_t i = 0; i < replies->size(); ++i) {
    const RedisReply& reply = (*replies)[i];
    if (reply.type == RedisReply::Type::kError) {
      return Unavailable(absl::StrCat("Redis refused a read: ", reply.text));
    }
    presences.push_back(DecodePresence(practitioners[i], FieldsOf(reply)));
  }
  return presences;
}

absl::StatusOr<PresenceRecord> PresenceStore::RunScript(const RedisCommand& eval,
                                                        absl::string_view practitioner) {
  absl::StatusOr<std::vector<RedisReply>> replies = pool_.RoundTrip(absl::MakeConstSpan(&eval, 1));
  if (!replies.ok()) return Unavailable(replies.status().message());
  const RedisReply& reply = replies->front();
  switch (reply.type) {
    case RedisReply::Type::kArray:
      if (absl::optional<PresenceRecord> stored = DecodePresence(practitioner, FieldsOf(reply))) {
        return *std::move(stored);
      }
      return absl::InternalError("the presence store holds a presence it cannot read");
    case RedisReply::Type::kNil:
      return Error(absl::StatusCode::kFailedPrecondition, "PRESENCE_EXPIRED",
                   "the presence has expired or was never set; set it again");
    case RedisReply::Type::kError:
      return Unavailable(absl::StrCat("Redis refused a write: ", reply.text));
    default:
      return absl::InternalError(
          "the presence store answered a write with neither presence nor nil");
  }
}

absl::Status PresenceStore::Unavailable(absl::string_view cause) const {
  return RetryableError(absl::StatusCode::kUnavailable, "PRESENCE_STORE_UNAVAILABLE",
                        absl::StrCat("the presence store cannot be used now: ", cause),
                        pool_.options().retry_interval);
}

}  // namespace samspar::roster
