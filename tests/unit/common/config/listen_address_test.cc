#include "common/config/listen_address.h"

#include "gtest/gtest.h"

namespace samspar::config {
namespace {

TEST(ParseListenAddress, HostAndPort) {
  auto address = ParseListenAddress("0.0.0.0:50051");
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(address->host, "0.0.0.0");
  EXPECT_EQ(address->port, 50051);
  EXPECT_EQ(address->ToString(), "0.0.0.0:50051");
}

TEST(ParseListenAddress, BracketedIpv6AndPortZero) {
  auto address = ParseListenAddress("[::1]:0");
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(address->host, "::1");
  EXPECT_EQ(address->port, 0);
  EXPECT_EQ(address->ToString(), "[::1]:0");
}

TEST(ParseListenAddress, RefusesWhatCannotBeListenedOnWithTheReason) {
  EXPECT_EQ(ParseListenAddress("localhost").status().message(),
            "listen address \"localhost\" has no port (expected host:port)");
  EXPECT_EQ(ParseListenAddress(":50051").status().message(),
            "listen address \":50051\" has no host (expected host:port)");
  EXPECT_FALSE(ParseListenAddress("localhost:65536").ok());
  EXPECT_FALSE(ParseListenAddress("localhost:http").ok());
  EXPECT_FALSE(ParseListenAddress("::1:50051").ok());
}

}  // namespace
}  // namespace samspar::config
