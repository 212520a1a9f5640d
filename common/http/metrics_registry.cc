#include "common/http/metrics_registry.h"

#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace samspar::http {
namespace {

std::string EscapeLabelValue(absl::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string FormatNumber(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return absl::StrCat(static_cast<long long>(value));
  }
  return absl::StrFormat("%.17g", value);
}

// `{a="x",b="y"}` with an optional extra label (the histogram's `le`).
std::string LabelSet(const std::vector<std::string>& names, const LabelValues& values,
                     absl::string_view extra_name = {}, absl::string_view extra_value = {}) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    absl::StrAppend(&out, out.empty() ? "" : ",", names[i], "=\"", EscapeLabelValue(values[i]),
                    "\"");
  }
  if (!extra_name.empty()) {
    absl::StrAppend(&out, out.empty() ? "" : ",", extra_name, "=\"", extra_value, "\"");
  }
  return out.empty() ? "" : absl::StrCat("{", out, "}");
}

void RenderHeader(std::string& out, absl::string_view name, absl::string_view help,
                  absl::string_view type) {
  absl::StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

}  // namespace

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

void CounterFamily::Increment(const LabelValues& labels, double amount) {
  absl::MutexLock lock(&mutex_);
  values_[labels] += amount;
}

double CounterFamily::Value(const LabelValues& labels) const {
  absl::MutexLock lock(&mutex_);
  auto it = values_.find(labels);
  return it == values_.end() ? 0 : it->second;
}

void CounterFamily::Render(std::string& out) const {
  RenderHeader(out, name_, help_, "counter");
  absl::MutexLock lock(&mutex_);
  for (const auto& [labels, value] : values_) {
    absl::StrAppend(&out, name_, LabelSet(label_names_, labels), " ", FormatNumber(value), "\n");
  }
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> label_names,
                                 std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(label_names)),
      bounds_(std::move(bounds)) {}

void HistogramFamily::Observe(const LabelValues& labels, double value) {
  absl::MutexLock lock(&mutex_);
  Series& series = series_[labels];
  if (series.bucket_counts.empty()) series.bucket_counts.assign(bounds_.size() + 1, 0);
  size_t bucket = 0;
  while (bucket < bounds_.size() && value > bounds_[bucket]) ++bucket;
  ++series.bucket_counts[bucket];
  ++series.count;
  series.sum += value;
}

void HistogramFamily::Render(std::string& out) const {
  RenderHeader(out, name_, help_, "histogram");
  absl::MutexLock lock(&mutex_);
  for (const auto& [labels, series] : series_) {
    unsigned long long cumulative = 0;
    for (size_t i = 0; i <= bounds_.size(); ++i) {
      cumulative += series.bucket_counts[i];
      std::string le = i < bounds_.size() ? FormatNumber(bounds_[i]) : "+Inf";
      absl::StrAppend(&out, name_, "_bucket", LabelSet(label_names_, labels, "le", le), " ",
                      cumulative, "\n");
    }
    absl::StrAppend(&out, name_, "_sum", LabelSet(label_names_, labels), " ",
                    FormatNumber(series.sum), "\n");
    absl::StrAppend(&out, name_, "_count", LabelSet(label_names_, labels), " ", series.count,
                    "\n");
  }
}

CounterFamily& MetricsRegistry::AddCounter(std::string name, std::string help,
                                           std::vector<std::string> label_names) {
  absl::MutexLock lock(&mutex_);
  counters_.push_back(std::make_unique<CounterFamily>(std::move(name), std::move(help),
                                                      std::move(label_names)));
  return *counters_.back();
}

HistogramFamily& MetricsRegistry::AddHistogram(std::string name, std::string help,
                                               std::vector<std::string> label_names,
                                               std::vector<double> bounds) {
  absl::MutexLock lock(&mutex_);
  histograms_.push_back(std::make_unique<HistogramFamily>(
      std::move(name), std::move(help), std::move(label_names), std::move(bounds)));
  return *histograms_.back();
}

std::string MetricsRegistry::Render() const {
  std::string out;
  absl::MutexLock lock(&mutex_);
  for (const auto& counter : counters_) counter->Render(out);
  for (const auto& histogram : histograms_) histogram->Render(out);
  return out;
}

std::vector<double> LatencyBucketsSeconds() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
}

}  // namespace samspar::http
