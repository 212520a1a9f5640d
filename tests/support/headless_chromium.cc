#include "tests/support/headless_chromium.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace samspar::testing {
namespace {

std::string ChromiumPath() {
  const char* configured = std::getenv("SAMSPAR_CHROMIUM");
  return configured != nullptr && *configured != '\0' ? configured : "/usr/bin/chromium";
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// The end of Chromium's log, for an error message: enough to see why it
// failed without flooding the test output.
std::string LogTail(const std::string& log) {
  constexpr size_t kTail = 2000;
  return log.size() <= kTail ? log : absl::StrCat("...", log.substr(log.size() - kTail));
}

struct Run {
  std::string out;
  std::string err;
};

// Runs Chromium with `args` after the common ones, in a fresh profile and
// home directory (Chromium writes its NSS database and caches under $HOME),
// in a process group of its own so that a timeout ends its renderer and GPU
// processes too.
absl::StatusOr<Run> RunChromium(const std::vector<std::string>& args, absl::Duration timeout) {
  const std::string binary = ChromiumPath();
  if (!ChromiumAvailable()) {
    return absl::UnavailableError(absl::StrCat("no executable Chromium at ", binary));
  }
  TempDir dir;
  std::vector<std::string> storage = {
      binary,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      absl::StrCat("--user-data-dir=", dir.File("profile")),
      "--enable-logging=stderr",
      "--v=0",
      "--virtual-time-budget=5000",
  };
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    absl::string_view variable(*entry);
    if (!absl::StartsWith(variable, "HOME=") && !absl::StartsWith(variable, "XDG_CONFIG_HOME=") &&
        !absl::StartsWith(variable, "XDG_CACHE_HOME=")) {
      environment.emplace_back(variable);
    }
  }
  environment.push_back(absl::StrCat("HOME=", dir.path()));
  environment.push_back(absl::StrCat("XDG_CONFIG_HOME=", dir.File("config")));
  environment.push_back(absl::StrCat("XDG_CACHE_HOME=", dir.File("cache")));
  std::vector<char*> envp;
  for (std::string& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);

  const std::string out_path = dir.File("stdout");
  const std::string err_path = dir.File("stderr");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
  pid_t pid = 0;
  int error = posix_spawn(&pid, binary.c_str(), &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    return absl::InternalError(absl::StrCat("cannot start ", binary, ": ", strerror(error)));
  }

  // The browser is waited for without being reaped, so that its process
  // group cannot have been reused when whatever of the group still runs (all
  // of it after a timeout, a straggling helper otherwise) is ended.
  const absl::Time deadline = absl::Now() + timeout;
  bool exited = false;
  while (true) {
    siginfo_t info{};
    exited = waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
    if (exited || absl::Now() >= deadline) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  kill(-pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!exited) {
    return absl::DeadlineExceededError(absl::StrCat("Chromium did not finish within ", absl::FormatDuration(timeout),
                                                    ": ", LogTail(ReadAll(err_path))));
  }
  Run run{ReadAll(out_path), ReadAll(err_path)};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(absl::StrCat("Chromium failed (",
                                            WIFEXITED(status) ? absl::StrCat("exit status ", WEXITSTATUS(status))
                                                              : absl::StrCat("signal ", WTERMSIG(status)),
                                            "): ", LogTail(run.err)));
  }
  return run;
}

// Console messages in Chromium's log, e.g.
//   [1:1:1124/175144.713465:INFO:CONSOLE:8] "Uncaught TypeError: x", source: file:///p.html (8)
// A message with line breaks goes on over the following lines, up to the one
// that names its source.
std::vector<std::string> ConsoleMessages(absl::string_view log) {
  std::vector<std::string> messages;
  bool open = false;
  for (absl::string_view line : absl::StrSplit(log, '\n')) {
    if (open) {
      absl::StrAppend(&messages.back(), "\n", line);
    } else {
      size_t prefix_end = line.find("] ");
      if (!absl::StartsWith(line, "[") || prefix_end == absl::string_view::npos ||
          !absl::StrContains(line.substr(0, prefix_end), ":CONSOLE")) {
        continue;
      }
      messages.emplace_back(line.substr(prefix_end + 2));
    }
    open = !absl::StrContains(messages.back(), "\", source: ");
  }
  return messages;
}

}  // namespace

bool ChromiumAvailable() {
  const std::string binary = ChromiumPath();
  struct stat info;
  return stat(binary.c_str(), &info) == 0 && S_ISREG(info.st_mode) && access(binary.c_str(), X_OK) == 0;
}

absl::StatusOr<BrowserPage> LoadInChromium(const std::string& url, absl::Duration timeout) {
  absl::StatusOr<Run> run = RunChromium({"--dump-dom", url}, timeout);
  if (!run.ok()) return run.status();
  return BrowserPage{std::move(run->out), ConsoleMessages(run->err)};
}

absl::Status ScreenshotInChromium(const std::string& url, const std::string& png_path, int width, int height) {
  absl::StatusOr<Run> run =
      RunChromium({absl::StrCat("--screenshot=", png_path), absl::StrCat("--window-size=", width, ",", height), url},
                  absl::Seconds(60));
  if (!run.ok()) return run.status();
  struct stat info;
  if (stat(png_path.c_str(), &info) != 0 || info.st_size == 0) {
    return absl::InternalError(absl::StrCat("Chromium wrote no screenshot: ", LogTail(run->err)));
  }
  return absl::OkStatus();
}

}  // namespace samspar::testing
