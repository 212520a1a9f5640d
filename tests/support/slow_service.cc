#include "tests/support/slow_service.h"

#include <thread>

#include "absl/time/clock.h"
#include "common/logging/log.h"

namespace samspar::testing {

grpc::ServerUnaryReactor* SlowServiceImpl::Sleep(grpc::CallbackServerContext* context,
                                                 const SleepRequest* request,
                                                 SleepResponse* response) {
  ++calls_started_;
  // Tests of another process wait for this line to know the call is in flight.
  log::Info("test.sleep_started", {{"milliseconds", request->milliseconds()}});
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  int64_t milliseconds = request->milliseconds();
  std::thread([reactor, response, milliseconds] {
    absl::SleepFor(absl::Milliseconds(milliseconds));
    response->set_slept_milliseconds(milliseconds);
    reactor->Finish(grpc::Status::OK);
  }).detach();
  return reactor;
}

}  // namespace samspar::testing
