#include "services/metrics/kpi/kpi_tally.h"

#include <algorithm>
#include <initializer_list>

#include "absl/container/flat_hash_set.h"

namespace samspar::metrics {
namespace {

using v1::ConsultOutcome;

bool IsAcuteTrack(uint8_t track) { return track == v1::TRACK_ACUTE || track == v1::TRACK_ACCESSIBLE_PRIMARY_CARE; }

bool IsAmong(uint8_t outcome, std::initializer_list<ConsultOutcome> outcomes) {
  return std::find(outcomes.begin(), outcomes.end(), static_cast<ConsultOutcome>(outcome)) != outcomes.end();
}

// Outcomes that keep the patient at the care level asked from (metrics.proto,
// KPI_ADMISSIONS_AVOIDED): on the acute tracks they mean neither an ED visit
// nor an admission.
bool StaysAtCareLevel(uint8_t outcome) {
  return IsAmong(outcome, {v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED, v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE,
                           v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT, v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE,
                           v1::CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE});
}

void CountAnswer(KpiCounts& counts, const ConsultFacts& consult) {
  const uint8_t outcome = consult.outcome;
  const uint8_t track = consult.answered.dims.track;
  ++counts.consults_answered;
  counts.time_to_answer_seconds.push_back(consult.time_to_answer_seconds);
  if (consult.answer_overdue) ++counts.answered_overdue;
  if (IsAmong(outcome,
              {v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED, v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE})) {
    ++counts.referrals_avoided;
  }
  if (outcome == v1::CONSULT_OUTCOME_REFERRAL_NEEDED) ++counts.referrals_needed;
  if (outcome == v1::CONSULT_OUTCOME_DIRECT_ADMISSION) ++counts.direct_admissions;
  if (outcome == v1::CONSULT_OUTCOME_DIRECT_TO_RADIOLOGY) ++counts.direct_to_radiology;
  const bool direct = IsAmong(outcome, {v1::CONSULT_OUTCOME_DIRECT_ADMISSION, v1::CONSULT_OUTCOME_DIRECT_TO_RADIOLOGY});
  const bool acute_kept = IsAcuteTrack(track) && StaysAtCareLevel(outcome);
  if (direct || acute_kept) ++counts.ed_visits_avoided;
  if (acute_kept) ++counts.admissions_avoided;
  if (IsAmong(outcome, {v1::CONSULT_OUTCOME_SENT_TO_ED, v1::CONSULT_OUTCOME_AMBULANCE_TO_ED})) {
    ++counts.ed_visits_sent;
  }
  if (track == v1::TRACK_ACCESSIBLE_PRIMARY_CARE &&
      consult.answered.dims.requester_unit_type == v1::UNIT_TYPE_AMBULANCE_STATION) {
    ++counts.ambulance_consults;
    if (IsAmong(outcome,
                {v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE, v1::CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE})) {
      ++counts.ambulance_steered;
    }
  }
}

// KpiFilter over the region's texts. A listed text the region has never
// seen matches nothing, so a filter of only such texts selects no event.
class Filter {
 public:
  Filter(const v1::KpiFilter* filter, const TextPool& texts) {
    if (filter == nullptr) return;
    for (int track : filter->tracks()) tracks_.insert(static_cast<uint32_t>(track));
    for (int type : filter->requester_unit_types()) unit_types_.insert(static_cast<uint32_t>(type));
    Texts(filter->requester_units(), texts, requester_units_, any_requester_unit_);
    Texts(filter->target_units(), texts, target_units_, any_target_unit_);
    Texts(filter->lines(), texts, lines_, any_line_);
    Texts(filter->specialties(), texts, specialties_, any_specialty_);
    any_track_ = filter->tracks().empty();
    any_unit_type_ = filter->requester_unit_types().empty();
  }

  bool Matches(const Dims& dims) const {
    return (any_track_ || tracks_.contains(dims.track)) &&
           (any_unit_type_ || unit_types_.contains(dims.requester_unit_type)) &&
           (any_requester_unit_ || requester_units_.contains(dims.requester_unit)) &&
           (any_target_unit_ || target_units_.contains(dims.target_unit)) &&
           (any_line_ || lines_.contains(dims.line)) && (any_specialty_ || specialties_.contains(dims.specialty));
  }

 private:
  static void Texts(const google::protobuf::RepeatedPtrField<std::string>& listed, const TextPool& texts,
                    absl::flat_hash_set<uint32_t>& ids, bool& any) {
    any = listed.empty();
    for (const std::string& text : listed) {
      if (uint32_t id = texts.Find(text); id != 0) ids.insert(id);
    }
  }

  bool any_track_ = true, any_unit_type_ = true, any_requester_unit_ = true, any_target_unit_ = true, any_line_ = true,
       any_specialty_ = true;
  absl::flat_hash_set<uint32_t> tracks_, unit_types_, requester_units_, target_units_, lines_, specialties_;
};

uint32_t ValueIn(v1::KpiDimension dimension, const Dims& dims, uint8_t outcome) {
  switch (dimension) {
    case v1::KPI_DIMENSION_TRACK:
      return dims.track;
    case v1::KPI_DIMENSION_REQUESTER_UNIT:
      return dims.requester_unit;
    case v1::KPI_DIMENSION_TARGET_UNIT:
      return dims.target_unit;
    case v1::KPI_DIMENSION_LINE:
      return dims.line;
    case v1::KPI_DIMENSION_REQUESTER_UNIT_TYPE:
      return dims.requester_unit_type;
    case v1::KPI_DIMENSION_SPECIALTY:
      return dims.specialty;
    case v1::KPI_DIMENSION_OUTCOME:
      return outcome;
    default:
      return 0;
  }
}

class Tallier {
 public:
  Tallier(const RegionFacts& facts, const TallyRequest& request)
      : request_(request), filter_(request.filter, facts.texts()) {
    const size_t periods = request.bounds.empty() ? 0 : request.bounds.size() - 1;
    result_.total.resize(periods);
  }

  // Calls `count` with the counts of the moment's period, in the total and
  // in its group, when the moment falls in a period and passes the filter.
  template <typename Count>
  void At(const Moment& moment, const Dims& dims, uint8_t outcome, Count&& count) {
    if (!moment.happened()) return;
    const std::vector<int64_t>& bounds = request_.bounds;
    if (bounds.empty() || moment.time < bounds.front() || moment.time >= bounds.back()) return;
    if (!filter_.Matches(dims)) return;
    const size_t period =
        static_cast<size_t>(std::upper_bound(bounds.begin(), bounds.end(), moment.time) - bounds.begin() - 1);
    count(result_.total[period]);
    if (request_.group_by.empty()) return;
    GroupValues key{0, 0};
    for (size_t i = 0; i < request_.group_by.size() && i < key.size(); ++i) {
      key[i] = ValueIn(request_.group_by[i], dims, outcome);
    }
    std::vector<KpiCounts>& group = result_.groups[key];
    if (group.empty()) group.resize(result_.total.size());
    count(group[period]);
  }

  TallyResult Take() { return std::move(result_); }

 private:
  const TallyRequest& request_;
  Filter filter_;
  TallyResult result_;
};

}  // namespace

TallyResult Tally(const RegionFacts& facts, const TallyRequest& request) {
  Tallier tally(facts, request);
  for (const ConsultFacts& consult : facts.consults()) {
    const uint8_t outcome = consult.outcome;
    tally.At(consult.created, consult.CreatedDims(), outcome, [](KpiCounts& c) { ++c.consults_created; });
    if (consult.time_to_accept_seconds >= 0) {
      tally.At(consult.first_accepted, consult.first_accepted.dims, outcome,
               [&](KpiCounts& c) { c.time_to_accept_seconds.push_back(consult.time_to_accept_seconds); });
    }
    tally.At(consult.answered, consult.answered.dims, outcome, [&](KpiCounts& c) { CountAnswer(c, consult); });
    tally.At(consult.settled, consult.settled.dims, outcome, [&](KpiCounts& c) {
      ++c.settled;
      if (consult.settled_unanswered) ++c.unanswered;
      if (consult.settled_escalated) ++c.escalated;
    });
  }
  for (const ConferenceFacts& conference : facts.conferences()) {
    tally.At(conference.requested, conference.requested.dims, 0, [](KpiCounts& c) { ++c.conferences_requested; });
    if (conference.lead_time_seconds >= 0) {
      tally.At(conference.booked, conference.booked.dims, 0,
               [&](KpiCounts& c) { c.lead_time_seconds.push_back(conference.lead_time_seconds); });
    }
    tally.At(conference.held, conference.held.dims, 0, [&](KpiCounts& c) {
      ++c.conferences_held;
      if (conference.plan.happened()) ++c.conferences_held_with_plan;
    });
    tally.At(conference.plan, conference.plan.dims, 0, [](KpiCounts& c) { ++c.conferences_with_plan; });
    tally.At(conference.followed_up, conference.followed_up.dims, 0, [](KpiCounts& c) { ++c.conferences_followed_up; });
  }
  return tally.Take();
}

}  // namespace samspar::metrics
