#ifndef SAMSPAR_TESTS_SUPPORT_TEMP_DIR_H_
#define SAMSPAR_TESTS_SUPPORT_TEMP_DIR_H_

#include <string>

#include "absl/strings/string_view.h"

namespace samspar::testing {

// A directory of its own for one test (databases, logs, certificates),
// removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(absl::string_view name) const;

 private:
  std::string path_;
};

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_TEMP_DIR_H_
