#ifndef SAMSPAR_TESTS_SUPPORT_SLOW_SERVICE_H_
#define SAMSPAR_TESTS_SUPPORT_SLOW_SERVICE_H_

#include <atomic>

#include "testing.grpc.pb.h"

namespace samspar::testing {

// Sleep answers after the requested time, from its own thread, the way a
// callback handler waiting for a dependency would.
class SlowServiceImpl final : public SlowService::CallbackService {
 public:
  grpc::ServerUnaryReactor* Sleep(grpc::CallbackServerContext* context,
                                  const SleepRequest* request, SleepResponse* response) override;

  // How many Sleep calls have reached the handler: a test waits for this to
  // know that its call is in flight.
  int calls_started() const { return calls_started_.load(); }

 private:
  std::atomic<int> calls_started_{0};
};

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_SLOW_SERVICE_H_
