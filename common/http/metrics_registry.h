#ifndef SAMSPAR_COMMON_HTTP_METRICS_REGISTRY_H_
#define SAMSPAR_COMMON_HTTP_METRICS_REGISTRY_H_

// Counters and histograms with labels, rendered in the Prometheus text
// exposition format (version 0.0.4) for the /metrics endpoint. Only what the
// suite needs: monotonically increasing counters and cumulative histograms.
// Label values must never carry patient identity.

#include <map>
#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace samspar::http {

using LabelValues = std::vector<std::string>;

class CounterFamily {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names);
  // `labels` has one value per label name, in order.
  void Increment(const LabelValues& labels, double amount = 1.0);
  double Value(const LabelValues& labels) const;
  void Render(std::string& out) const;

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  mutable absl::Mutex mutex_;
  std::map<LabelValues, double> values_ ABSL_GUARDED_BY(mutex_);
};

class HistogramFamily {
 public:
  // `bounds` are the upper bounds of the buckets, ascending; +Inf is implied.
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                  std::vector<double> bounds);
  void Observe(const LabelValues& labels, double value);
  void Render(std::string& out) const;

 private:
  struct Series {
    std::vector<unsigned long long> bucket_counts;  // not cumulative; summed when rendered
    unsigned long long count = 0;
    double sum = 0;
  };
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const std::vector<double> bounds_;
  mutable absl::Mutex mutex_;
  std::map<LabelValues, Series> series_ ABSL_GUARDED_BY(mutex_);
};

class MetricsRegistry {
 public:
  // Families live as long as the registry; the references stay valid.
  CounterFamily& AddCounter(std::string name, std::string help,
                            std::vector<std::string> label_names);
  HistogramFamily& AddHistogram(std::string name, std::string help,
                                std::vector<std::string> label_names, std::vector<double> bounds);
  // The whole exposition, every family in the order it was added.
  std::string Render() const;

 private:
  mutable absl::Mutex mutex_;
  std::vector<std::unique_ptr<CounterFamily>> counters_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::unique_ptr<HistogramFamily>> histograms_ ABSL_GUARDED_BY(mutex_);
};

// Latency buckets in seconds, from 1 ms to 30 s: an RPC of the suite should
// answer in milliseconds; the long tail shows slow dependencies.
std::vector<double> LatencyBucketsSeconds();

}  // namespace samspar::http

#endif  // SAMSPAR_COMMON_HTTP_METRICS_REGISTRY_H_
