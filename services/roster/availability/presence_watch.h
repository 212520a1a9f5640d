#ifndef SAMSPAR_SERVICES_ROSTER_AVAILABILITY_PRESENCE_WATCH_H_
#define SAMSPAR_SERVICES_ROSTER_AVAILABILITY_PRESENCE_WATCH_H_

// WatchPresence (roster.proto): streams that follow the presence of a
// line's people or of a list of practitioners. Changes arrive from the watch
// hub (made through any replica); a line's set of people is re-read
// twice a second, so it follows handovers and schedule changes; a stream
// whose token expires ends with UNAUTHENTICATED (TOKEN_EXPIRED), and every
// stream ends when the server shuts down.

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/server/stream_quota.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/identity/caller.h"
#include "grpcpp/grpcpp.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/availability/lazy_presence_hub.h"
#include "services/roster/oncall/on_call.h"
#include "services/roster/presence/presence_store.h"
#include "services/roster/presence/presence_watch_hub.h"

namespace samspar::roster {

class PresenceWatchStream;

class PresenceWatches {
 public:
  PresenceWatches(sql::Database& database, OnCall& on_call, PresenceStore& store, LazyPresenceHub& hub,
                  int max_streams = 2000);
  ~PresenceWatches();
  PresenceWatches(const PresenceWatches&) = delete;
  PresenceWatches& operator=(const PresenceWatches&) = delete;

  // A stream for `request` of an authorised caller, or one that ends at once
  // with the reason it cannot be watched.
  grpc::ServerWriteReactor<v1::WatchPresenceResponse>* Open(const identity::Caller& caller, const std::string& region,
                                                            const v1::WatchPresenceRequest& request);

  // A stream that ends at once with `status` (the caller was not admitted).
  static grpc::ServerWriteReactor<v1::WatchPresenceResponse>* Refuse(const absl::Status& status);

 private:
  friend class PresenceWatchStream;

  // Checks the scope: the line exists and is not retired, or 1-200
  // practitioners who exist.
  absl::Status CheckScope(const std::string& region, const v1::WatchPresenceRequest& request);
  void Register(PresenceWatchStream* stream);
  void Unregister(PresenceWatchStream* stream);
  void RunTicker();
  PresenceWatchHub& Hub() { return hub_.Get(); }

  sql::Database& database_;
  OnCall& on_call_;
  PresenceStore& store_;
  LazyPresenceHub& hub_;
  // Open streams, in all and by caller.
  server::StreamQuota quota_;
  absl::Mutex mutex_;
  std::vector<PresenceWatchStream*> streams_ ABSL_GUARDED_BY(mutex_);
  absl::Notification stopping_;
  std::thread ticker_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_AVAILABILITY_PRESENCE_WATCH_H_
