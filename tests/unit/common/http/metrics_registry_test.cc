#include "common/http/metrics_registry.h"

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace samspar::http {
namespace {

TEST(MetricsRegistry, RendersCountersInTheExpositionFormat) {
  MetricsRegistry registry;
  CounterFamily& consults =
      registry.AddCounter("samspar_consults_created_total", "Consults created.", {"track"});
  consults.Increment({"ACUTE"});
  consults.Increment({"ACUTE"});
  consults.Increment({"SEMI_ACUTE"}, 3);
  EXPECT_EQ(registry.Render(),
            "# HELP samspar_consults_created_total Consults created.\n"
            "# TYPE samspar_consults_created_total counter\n"
            "samspar_consults_created_total{track=\"ACUTE\"} 2\n"
            "samspar_consults_created_total{track=\"SEMI_ACUTE\"} 3\n");
}

TEST(MetricsRegistry, HistogramBucketsAreCumulativeWithSumAndCount) {
  MetricsRegistry registry;
  HistogramFamily& latency = registry.AddHistogram("rpc_seconds", "Latency.", {"m"}, {0.1, 1});
  latency.Observe({"Get"}, 0.05);
  latency.Observe({"Get"}, 0.5);
  latency.Observe({"Get"}, 5);
  EXPECT_EQ(registry.Render(),
            "# HELP rpc_seconds Latency.\n"
            "# TYPE rpc_seconds histogram\n"
            "rpc_seconds_bucket{m=\"Get\",le=\"0.10000000000000001\"} 1\n"
            "rpc_seconds_bucket{m=\"Get\",le=\"1\"} 2\n"
            "rpc_seconds_bucket{m=\"Get\",le=\"+Inf\"} 3\n"
            "rpc_seconds_sum{m=\"Get\"} 5.5499999999999998\n"
            "rpc_seconds_count{m=\"Get\"} 3\n");
}

TEST(MetricsRegistry, LabelValuesAreEscaped) {
  MetricsRegistry registry;
  registry.AddCounter("c", "h", {"v"}).Increment({"a\"b\\c\nd"});
  EXPECT_NE(registry.Render().find("c{v=\"a\\\"b\\\\c\\nd\"} 1\n"), std::string::npos);
}

TEST(MetricsRegistry, ConcurrentIncrementsAreAllCounted) {
  MetricsRegistry registry;
  CounterFamily& counter = registry.AddCounter("c", "h", {});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&counter] {
      for (int i = 0; i < 10000; ++i) counter.Increment({});
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter.Value({}), 40000);
}

}  // namespace
}  // namespace samspar::http
