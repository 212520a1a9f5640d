#include "tests/support/redis_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace samspar::testing {
namespace {

constexpr char kRedisServerBinary[] = "/usr/bin/redis-server";
constexpr absl::Duration kStartTimeout = absl::Seconds(10);
constexpr absl::Duration kStopTimeout = absl::Seconds(10);

sockaddr_in Loopback(int port) {
  sockaddr_in address;
  std::memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  return address;
}

// A port nothing listens on now: the kernel's pick for a socket bound to
// port 0, released again for redis-server to take.
absl::StatusOr<int> FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return absl::InternalError(absl::StrCat("socket: ", strerror(errno)));
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof address;
  bool bound = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
               getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  if (!bound) return absl::InternalError(absl::StrCat("no free loopback port: ", strerror(errno)));
  return ntohs(address.sin_port);
}

// Whether a server on `port` answers PING with PONG within a moment.
bool AnswersPing(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  timeval timeout = absl::ToTimeval(absl::Milliseconds(200));
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in address = Loopback(port);
  char answer[16] = {};
  bool pong = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
              send(fd, "PING\r\n", 6, MSG_NOSIGNAL) == 6 &&
              recv(fd, answer, sizeof answer - 1, 0) > 0 && absl::StartsWith(answer, "+PONG");
  close(fd);
  return pong;
}

}  // namespace

absl::Status RedisServer::Start() {
  if (process_ != nullptr) return absl::FailedPreconditionError("redis-server already runs");
  if (port_ == 0) {
    absl::StatusOr<int> port = FreeLoopbackPort();
    if (!port.ok()) return port.status();
    port_ = *port;
  }
  const std::vector<std::string> args = {"--port",       absl::StrCat(port_),  //
                                         "--bind",       "127.0.0.1",          //
                                         "--save",       "",                   //
                                         "--appendonly", "no",                 //
                                         "--dir",        dir_.path()};
  // A file of output per start, so that an earlier run's log is kept.
  absl::StatusOr<std::unique_ptr<ServiceProcess>> process =
      ServiceProcess::Start(kRedisServerBinary, args, dir_.File(absl::StrCat("redis-", ++starts_)));
  if (!process.ok()) return process.status();
  absl::Time deadline = absl::Now() + kStartTimeout;
  while (!AnswersPing(port_)) {
    // Waiting for an exit is also the pause between two PINGs.
    if ((*process)->WaitForExit(absl::Milliseconds(50)).ok()) {
      return absl::InternalError(
          absl::StrCat("redis-server exited on start: ", (*process)->Stdout()));
    }
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("redis-server did not answer PING: ", (*process)->Stdout()));
    }
  }
  process_ = *std::move(process);
  return absl::OkStatus();
}

absl::Status RedisServer::Stop() {
  if (process_ == nullptr) return absl::FailedPreconditionError("redis-server does not run");
  process_->Signal(SIGTERM);
  // A paused server handles SIGTERM only once it runs again.
  process_->Signal(SIGCONT);
  absl::StatusOr<int> exit_code = process_->WaitForExit(kStopTimeout);
  process_.reset();
  return exit_code.status();
}

void RedisServer::Pause() {
  if (process_ != nullptr) process_->Signal(SIGSTOP);
}

void RedisServer::Resume() {
  if (process_ != nullptr) process_->Signal(SIGCONT);
}

}  // namespace samspar::testing
