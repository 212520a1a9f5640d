#include "common/logging/log.h"

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "spdlog/sinks/ostream_sink.h"

namespace samspar::log {
namespace {

class LogTest : public ::testing::Test {
 protected:
  void Use(Format format, Level level) {
    Configure({.service = "roster",
               .format = format,
               .level = level,
               .sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)});
  }
  std::vector<std::string> Lines() {
    std::vector<std::string> lines = absl::StrSplit(out_.str(), '\n', absl::SkipEmpty());
    return lines;
  }
  void TearDown() override { Configure(Options{}); }

  std::ostringstream out_;
};

TEST_F(LogTest, JsonLineIsOneObjectWithTheFixedKeysAndTheFields) {
  Use(Format::kJson, Level::kInfo);
  Info("server.serving", {{"grpc_port", 50051}, {"address", "127.0.0.1"}});
  std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  nlohmann::json line = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(line["level"], "info");
  EXPECT_EQ(line["service"], "roster");
  EXPECT_EQ(line["event"], "server.serving");
  EXPECT_EQ(line["grpc_port"], 50051);
  EXPECT_EQ(line["address"], "127.0.0.1");
  EXPECT_EQ(line["ts"].get<std::string>().back(), 'Z');
}

TEST_F(LogTest, LevelsBelowTheConfiguredOneAreDropped) {
  Use(Format::kJson, Level::kWarn);
  Info("quiet");
  Debug("quieter");
  Warn("loud");
  Error("louder");
  ASSERT_EQ(Lines().size(), 2u);
  EXPECT_FALSE(Enabled(Level::kInfo));
  EXPECT_TRUE(Enabled(Level::kWarn));
}

TEST_F(LogTest, NoLineCarriesAPersonnummerWhereverItIsPut) {
  Use(Format::kJson, Level::kDebug);
  Info("patient 19890101-9802", {{"detail", "for 8901019802"},
                                 {"nested", {{"list", {"198901019802"}}}},
                                 {"19890101-9802", "as a key"}});
  Use(Format::kText, Level::kDebug);
  Info("text", {{"detail", "890101-9802"}});
  std::string all = out_.str();
  EXPECT_EQ(all.find("9802"), std::string::npos) << all;
  EXPECT_NE(all.find("[personnummer]"), std::string::npos);
}

TEST_F(LogTest, TextLineIsReadable) {
  Use(Format::kText, Level::kInfo);
  Warn("server.plaintext", {{"detail", "local development only"}, {"port", 1}});
  std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find(" WARN roster server.plaintext detail=\"local development only\" port=1"),
            std::string::npos)
      << lines[0];
}

TEST(ParseLog, FormatAndLevelNamesAreCheckedWithAClearError) {
  EXPECT_EQ(*ParseFormat("JSON"), Format::kJson);
  EXPECT_EQ(*ParseLevel("warning"), Level::kWarn);
  EXPECT_EQ(ParseFormat("xml").status().message(), "log format must be json or text, not \"xml\"");
  EXPECT_FALSE(ParseLevel("verbose").ok());
}

}  // namespace
}  // namespace samspar::log
