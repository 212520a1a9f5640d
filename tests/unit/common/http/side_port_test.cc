#include "common/http/side_port.h"

#include <atomic>

#include "gtest/gtest.h"
#include "httplib.h"

namespace samspar::http {
namespace {

TEST(SidePort, ServesMetricsAndHealthOnAnEphemeralPort) {
  MetricsRegistry registry;
  registry.AddCounter("samspar_test_total", "A test counter.", {}).Increment({});
  std::atomic<bool> serving{true};
  auto side_port = SidePort::Start({"127.0.0.1", 0}, registry, [&] { return serving.load(); });
  ASSERT_TRUE(side_port.ok()) << side_port.status();
  ASSERT_GT((*side_port)->port(), 0);

  httplib::Client client("127.0.0.1", (*side_port)->port());
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("samspar_test_total 1\n"), std::string::npos);
  EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");

  auto healthy = client.Get("/healthz");
  ASSERT_TRUE(healthy);
  EXPECT_EQ(healthy->status, 200);
  serving = false;
  auto stopping = client.Get("/healthz");
  ASSERT_TRUE(stopping);
  EXPECT_EQ(stopping->status, 503);
  auto missing = client.Get("/nothing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(SidePort, PortInUseIsAClearError) {
  MetricsRegistry registry;
  auto first = SidePort::Start({"127.0.0.1", 0}, registry, [] { return true; });
  ASSERT_TRUE(first.ok());
  auto second =
      SidePort::Start({"127.0.0.1", (*first)->port()}, registry, [] { return true; });
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("cannot listen on 127.0.0.1:"), std::string::npos);
}

}  // namespace
}  // namespace samspar::http
