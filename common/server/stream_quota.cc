#include "common/server/stream_quota.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/status/errors.h"

namespace samspar::server {

std::string StreamQuota::HolderOf(const identity::Caller& caller) {
  return caller.person.has_value() ? absl::StrCat("person:", caller.person->hsa_id)
                                   : absl::StrCat("system:", caller.system->client_id);
}

absl::Status StreamQuota::Admit(const std::string& holder) {
  absl::MutexLock lock(&mutex_);
  int& held = by_holder_[holder];
  if (open_ >= max_streams_ || held >= max_per_caller_) {
    if (held == 0) by_holder_.erase(holder);
    return RetryableError(absl::StatusCode::kResourceExhausted, "TOO_MANY_STREAMS",
                          "too many watch streams are open (for this caller or on this server): close one "
                          "or retry shortly",
                          absl::Seconds(5));
  }
  ++held;
  ++open_;
  return absl::OkStatus();
}

void StreamQuota::Release(const std::string& holder) {
  absl::MutexLock lock(&mutex_);
  --open_;
  if (--by_holder_[holder] <= 0) by_holder_.erase(holder);
}

}  // namespace samspar::server
