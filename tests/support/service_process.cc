#include "tests/support/service_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/client/channel.h"

extern char** environ;

namespace samspar::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServiceProcess>> ServiceProcess::Start(
    const std::string& binary, const std::vector<std::string>& args,
    const std::string& output_prefix) {
  std::vector<std::string> storage = {binary};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  std::string out = output_prefix + ".out";
  std::string err = output_prefix + ".err";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  // The child starts with no signal blocked, whatever the test process did.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  int error = posix_spawn(&pid, binary.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    return absl::InternalError(absl::StrCat("cannot start ", binary, ": ", strerror(error)));
  }
  return std::unique_ptr<ServiceProcess>(new ServiceProcess(pid, output_prefix));
}

ServiceProcess::ServiceProcess(pid_t pid, std::string output_prefix)
    : pid_(pid), output_prefix_(std::move(output_prefix)) {}

ServiceProcess::~ServiceProcess() {
  if (exited_) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

absl::StatusOr<nlohmann::json> ServiceProcess::WaitForEvent(absl::string_view event,
                                                            absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    for (absl::string_view line : absl::StrSplit(Stderr(), '\n', absl::SkipEmpty())) {
      nlohmann::json parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (parsed.is_object() && parsed.value("event", "") == event) return parsed;
    }
    if (!exited_ && waitpid(pid_, nullptr, WNOHANG) == pid_) {
      exited_ = true;
      return absl::FailedPreconditionError(
          absl::StrCat("process exited before logging ", event, ": ", Stderr()));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return absl::DeadlineExceededError(absl::StrCat("no ", event, " within the time: ", Stderr()));
}

void ServiceProcess::Signal(int signal_number) {
  if (!exited_) kill(pid_, signal_number);
}

absl::StatusOr<int> ServiceProcess::WaitForExit(absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      return 128 + WTERMSIG(status);
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return absl::DeadlineExceededError("process still running");
}

std::string ServiceProcess::Stdout() const { return ReadAll(output_prefix_ + ".out"); }
std::string ServiceProcess::Stderr() const { return ReadAll(output_prefix_ + ".err"); }

std::shared_ptr<grpc::Channel> LoopbackChannel(int port) {
  client::ChannelOptions options;
  options.plaintext = true;
  return *client::MakeChannel(absl::StrCat("127.0.0.1:", port), options);
}

absl::StatusOr<RunResult> RunToCompletion(const std::string& binary,
                                          const std::vector<std::string>& args,
                                          const std::string& output_prefix,
                                          absl::Duration timeout) {
  auto process = ServiceProcess::Start(binary, args, output_prefix);
  if (!process.ok()) return process.status();
  absl::StatusOr<int> exit_code = (*process)->WaitForExit(timeout);
  if (!exit_code.ok()) return exit_code.status();
  return RunResult{*exit_code, (*process)->Stdout(), (*process)->Stderr()};
}

}  // namespace samspar::testing
