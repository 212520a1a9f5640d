#ifndef SAMSPAR_TESTS_SUPPORT_REDIS_SERVER_H_
#define SAMSPAR_TESTS_SUPPORT_REDIS_SERVER_H_

// A real redis-server for a test, as a child process on a loopback port of
// its own, keeping nothing on disk. It can be stopped and started again on
// the same port (Redis restarting), and paused (Redis too slow to answer).

#include <memory>

#include "absl/status/status.h"
#include "tests/support/service_process.h"
#include "tests/support/temp_dir.h"

namespace samspar::testing {

class RedisServer {
 public:
  // Does not start the server yet.
  RedisServer() = default;
  // Kills the server if it still runs.
  ~RedisServer() = default;
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // Starts redis-server and waits until it answers PING: on a free port the
  // first time, on that same port every later time.
  absl::Status Start();
  // Stops the server as an operator would (SIGTERM), paused or not, and
  // waits for it to exit.
  absl::Status Stop();
  // Freezes the server (SIGSTOP): connections still open, nothing answers.
  void Pause();
  // Lets a paused server run again (SIGCONT).
  void Resume();

  // The server's port; 0 before the first Start.
  int port() const { return port_; }

 private:
  TempDir dir_;
  int port_ = 0;
  int starts_ = 0;
  std::unique_ptr<ServiceProcess> process_;
};

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_REDIS_SERVER_H_
