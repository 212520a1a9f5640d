#ifndef SAMSPAR_TESTS_SUPPORT_SERVICE_PROCESS_H_
#define SAMSPAR_TESTS_SUPPORT_SERVICE_PROCESS_H_

// The suite's binaries as child processes, for end-to-end tests: started
// with arguments, their output captured to files, waited for by log event
// and by exit.

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "tests/support/temp_dir.h"
#include "nlohmann/json.hpp"

namespace samspar::testing {

class ServiceProcess {
 public:
  // Starts `binary` with `args`; its standard output and error go to
  // `output_prefix`.out and .err.
  static absl::StatusOr<std::unique_ptr<ServiceProcess>> Start(
      const std::string& binary, const std::vector<std::string>& args,
      const std::string& output_prefix);
  // Stops a process still running (SIGKILL) so no test leaves one behind.
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  // Waits for a JSON log line with "event": `event` on standard error.
  absl::StatusOr<nlohmann::json> WaitForEvent(absl::string_view event, absl::Duration timeout);
  void Signal(int signal_number);
  // The exit status, or 128 + the signal that ended it.
  absl::StatusOr<int> WaitForExit(absl::Duration timeout);

  std::string Stdout() const;
  std::string Stderr() const;

 private:
  ServiceProcess(pid_t pid, std::string output_prefix);

  pid_t pid_;
  std::string output_prefix_;
  bool exited_ = false;
};

// A channel to a server of the test on this machine.
std::shared_ptr<grpc::Channel> LoopbackChannel(int port);

// Runs `binary` with `args` to its end: exit status and output.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
absl::StatusOr<RunResult> RunToCompletion(const std::string& binary,
                                          const std::vector<std::string>& args,
                                          const std::string& output_prefix,
                                          absl::Duration timeout);

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_SERVICE_PROCESS_H_
