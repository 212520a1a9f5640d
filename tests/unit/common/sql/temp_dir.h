#ifndef SAMSPAR_TESTS_UNIT_COMMON_SQL_TEMP_DIR_H_
#define SAMSPAR_TESTS_UNIT_COMMON_SQL_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace samspar::sql {

// A fresh directory for one test's database files, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "samspar_sql_XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "cannot create " << pattern;
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string File(absl::string_view name) const { return (path_ / std::string(name)).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace samspar::sql

#endif  // SAMSPAR_TESTS_UNIT_COMMON_SQL_TEMP_DIR_H_
