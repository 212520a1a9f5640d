#ifndef SAMSPAR_COMMON_SERVER_STREAM_QUOTA_H_
#define SAMSPAR_COMMON_SERVER_STREAM_QUOTA_H_

// How many watch streams a server holds open, in all and per caller, so
// that one app or system cannot keep everyone else from watching. A stream
// refused is RESOURCE_EXHAUSTED, TOO_MANY_STREAMS, with a retry delay.

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/identity/caller.h"

namespace samspar::server {

class StreamQuota {
 public:
  StreamQuota(int max_streams, int max_per_caller) : max_streams_(max_streams), max_per_caller_(max_per_caller) {}

  // Who a stream counts against: the person, or the system acting alone.
  static std::string HolderOf(const identity::Caller& caller);

  // Takes a place for `holder`, or TOO_MANY_STREAMS; Release gives it back.
  absl::Status Admit(const std::string& holder);
  void Release(const std::string& holder);

 private:
  const int max_streams_;
  const int max_per_caller_;
  absl::Mutex mutex_;
  int open_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::flat_hash_map<std::string, int> by_holder_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace samspar::server

#endif  // SAMSPAR_COMMON_SERVER_STREAM_QUOTA_H_
