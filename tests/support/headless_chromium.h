#ifndef SAMSPAR_TESTS_SUPPORT_HEADLESS_CHROMIUM_H_
#define SAMSPAR_TESTS_SUPPORT_HEADLESS_CHROMIUM_H_

// Headless Chromium opening a page, for tests of the pages the services
// serve: the DOM after the page's scripts ran, what the page wrote to its
// console, and a screenshot.
//
// Each call runs its own Chromium (/usr/bin/chromium, or $SAMSPAR_CHROMIUM)
// with a fresh profile and home directory that are removed afterwards,
// without network extras (no sync, updates or background requests), and
// with 5 seconds of virtual time for the page's scripts and timers.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace samspar::testing {

struct BrowserPage {
  // The serialised DOM after the page's scripts ran (--dump-dom).
  std::string dom;
  // The page's console messages, each as Chromium logs it:
  // `"<message>", source: <url> (<line>)`. Uncaught exceptions and unhandled
  // rejections ("Uncaught ...", "Uncaught (in promise) ..."), console.error,
  // and the browser's own reports such as Content-Security-Policy
  // violations. Headless Chromium logs every console message at one level
  // and leaves the message's own level out of its log, so console.log and
  // console.warn output is here too: a page under test is expected to write
  // nothing to the console.
  std::vector<std::string> console_errors;
};

// Whether the Chromium binary exists and is executable.
bool ChromiumAvailable();

// Opens `url` (e.g. file:///... of a page written by the test) and returns
// its DOM and console messages. DEADLINE_EXCEEDED when Chromium has not
// finished within `timeout` (it is then killed with its children);
// UNAVAILABLE without Chromium; INTERNAL when Chromium fails.
absl::StatusOr<BrowserPage> LoadInChromium(const std::string& url, absl::Duration timeout = absl::Seconds(60));

// Opens `url` in a window of `width` x `height` CSS pixels and writes a PNG
// of it to `png_path`. Errors as LoadInChromium, with a 60 second timeout.
absl::Status ScreenshotInChromium(const std::string& url, const std::string& png_path, int width = 1280,
                                  int height = 2400);

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_HEADLESS_CHROMIUM_H_
