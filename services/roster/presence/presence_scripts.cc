#include "services/roster/presence/presence_scripts.h"

#include "absl/strings/str_cat.h"

namespace samspar::roster {
namespace {

// Every value is published as a string: Lua numbers are doubles, and
// cjson would print millisecond timestamps in exponent form.
constexpr char kPublishAndReturn[] = R"lua(
local fields = redis.call('HGETALL', KEYS[1])
local message = {practitioner = ARGV[2]}
for i = 1, #fields, 2 do message[fields[i]] = fields[i + 1] end
redis.call('PUBLISH', ARGV[1], cjson.encode(message))
return fields
)lua";

constexpr char kSet[] = R"lua(
redis.call('HSET', KEYS[1], 'state', ARGV[3], 'note', ARGV[4],
           'update_time', ARGV[5], 'expire_time', ARGV[6], 'ttl', ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
)lua";

// Milliseconds since 1970 stay below 2^53 for millennia, so the sum is
// exact in a Lua double; '%d' prints it without an exponent.
constexpr char kRefresh[] = R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local ttl = ARGV[4]
if ttl == '' then ttl = redis.call('HGET', KEYS[1], 'ttl') end
local expire_time = string.format('%d', tonumber(ARGV[3]) + tonumber(ttl))
redis.call('HSET', KEYS[1], 'ttl', ttl, 'expire_time', expire_time)
redis.call('PEXPIRE', KEYS[1], ttl)
)lua";

}  // namespace

const std::string& SetPresenceScript() {
  static const std::string* const script = new std::string(absl::StrCat(kSet, kPublishAndReturn));
  return *script;
}

const std::string& RefreshPresenceScript() {
  static const std::string* const script =
      new std::string(absl::StrCat(kRefresh, kPublishAndReturn));
  return *script;
}

}  // namespace samspar::roster
