#ifndef SAMSPAR_COMMON_SERVER_CALL_WORKERS_H_
#define SAMSPAR_COMMON_SERVER_CALL_WORKERS_H_

// Threads of a service's own for handlers that wait on another service (the
// consult service asking the roster who is on call). gRPC's callback
// threads are few and shared by every server of the process: a handler
// that blocks on them for a slow dependency holds up every other call,
// including the dependency's own when both run in one process.

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace samspar::server {

class CallWorkers {
 public:
  explicit CallWorkers(int threads);
  // Runs what is queued, then joins the threads.
  ~CallWorkers();
  CallWorkers(const CallWorkers&) = delete;
  CallWorkers& operator=(const CallWorkers&) = delete;

  // Runs `work` on one of the threads, in the order given.
  void Run(std::function<void()> work);

 private:
  void Work();

  absl::Mutex mutex_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace samspar::server

#endif  // SAMSPAR_COMMON_SERVER_CALL_WORKERS_H_
