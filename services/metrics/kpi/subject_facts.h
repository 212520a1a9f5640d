#ifndef SAMSPAR_SERVICES_METRICS_KPI_SUBJECT_FACTS_H_
#define SAMSPAR_SERVICES_METRICS_KPI_SUBJECT_FACTS_H_

// What the KPIs need to know of each consult and conference, folded from its
// events: when it was created, first accepted, answered (with its latest
// outcome), settled; when a conference was requested, booked, held, given a
// plan, followed up. Each moment keeps the dimensions of the event that made
// it, so an answered consult counts under the line that answered it.
//
// Events arrive through outboxes, late and out of order: every fold is by
// event time ("first" is the earliest, the outcome the latest), never by
// arrival, so the facts are the same whatever order the events came in.

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::metrics {

// The region's units, lines and specialties, each text kept once and named
// by a small number (0 is the empty text), so that facts are compact and
// compare fast.
class TextPool {
 public:
  TextPool() { texts_.emplace_back(); }
  uint32_t Intern(absl::string_view text);
  // 0 when the text was never interned (for filters: it matches nothing).
  uint32_t Find(absl::string_view text) const;
  const std::string& Text(uint32_t id) const { return texts_[id]; }

 private:
  std::vector<std::string> texts_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
};

// The dimensions of an event.
struct Dims {
  uint32_t requester_unit = 0;
  uint32_t target_unit = 0;
  uint32_t line = 0;
  uint32_t specialty = 0;
  uint8_t track = 0;                // v1::Track
  uint8_t requester_unit_type = 0;  // v1::UnitType
};

inline constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

// A moment in a consult's or conference's life: when (microseconds since
// the epoch; kNever when it has not happened) and the event's dimensions.
struct Moment {
  int64_t time = kNever;
  Dims dims;

  bool happened() const { return time != kNever; }
  // Takes the event's time and dimensions when it is earlier than this.
  bool TakeEarlier(int64_t event_time, const Dims& event_dims);
};

struct ConsultFacts {
  Moment created;
  Moment first_routed;  // the earliest event naming a line
  Moment first_accepted;
  double time_to_accept_seconds = -1;  // of the first acceptance that carries one
  Moment answered;                     // the first answer
  double time_to_answer_seconds = 0;
  bool answer_overdue = false;
  uint8_t outcome = 0;  // v1::ConsultOutcome, the latest by event time
  int64_t outcome_time = kNever;
  // The first of: first acceptance, UNANSWERED, DECLINED.
  Moment settled;
  bool settled_unanswered = false;
  bool settled_escalated = false;  // escalation_count > 0 on the settling event

  // The dimensions a created consult counts under: its creation's, with the
  // line it was first routed to when the creation named none.
  Dims CreatedDims() const;
};

struct ConferenceFacts {
  Moment requested;
  Moment booked;  // the first booking
  double lead_time_seconds = -1;
  Moment held;
  Moment plan;  // the first plan recorded
  Moment followed_up;
};

// A region's consults and conferences.
class RegionFacts {
 public:
  void Add(const v1::Event& event);

  const TextPool& texts() const { return texts_; }
  const std::vector<ConsultFacts>& consults() const { return consults_; }
  const std::vector<ConferenceFacts>& conferences() const { return conferences_; }
  size_t event_count() const { return event_count_; }
  int64_t latest_event_time() const { return latest_event_time_; }

 private:
  // The subject key's 64 hex digits as 32 bytes.
  using SubjectKey = std::array<uint8_t, 32>;
  static SubjectKey KeyOf(absl::string_view hex);
  Dims DimsOf(const v1::Event& event);
  void AddConsult(ConsultFacts& facts, const v1::Event& event, int64_t time, const Dims& dims);
  void AddConference(ConferenceFacts& facts, const v1::Event& event, int64_t time, const Dims& dims);

  TextPool texts_;
  std::vector<ConsultFacts> consults_;
  std::vector<ConferenceFacts> conferences_;
  // Index into consults_ or conferences_ (the event type tells which).
  absl::flat_hash_map<SubjectKey, uint32_t> consult_index_;
  absl::flat_hash_map<SubjectKey, uint32_t> conference_index_;
  size_t event_count_ = 0;
  int64_t latest_event_time_ = kNever;
};

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_KPI_SUBJECT_FACTS_H_
