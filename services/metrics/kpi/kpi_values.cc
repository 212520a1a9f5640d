#include "services/metrics/kpi/kpi_values.h"

#include <algorithm>
#include <cmath>

#include "services/metrics/catalogue/kpi_catalogue.h"

namespace samspar::metrics {
namespace {

// A count of 1-4 could point at a patient in a small unit; 0 cannot.
bool IsSmall(int64_t count) { return count >= 1 && count <= 4; }

KpiMeasure Count(int64_t count) {
  if (IsSmall(count)) return {.suppressed = true};
  return {.value = static_cast<double>(count), .sample_size = count};
}

KpiMeasure Ratio(int64_t numerator, int64_t denominator) {
  if (IsSmall(numerator) || IsSmall(denominator) || IsSmall(denominator - numerator)) return {.suppressed = true};
  KpiMeasure measure{.numerator = numerator, .denominator = denominator, .sample_size = denominator};
  if (denominator > 0) measure.value = static_cast<double>(numerator) / static_cast<double>(denominator);
  return measure;
}

KpiMeasure Duration(std::vector<double> seconds, double fraction) {
  const auto size = static_cast<int64_t>(seconds.size());
  if (IsSmall(size)) return {.suppressed = true};
  return {.value = NearestRank(seconds, fraction), .sample_size = size};
}

const v1::KpiTarget* FindTarget(const v1::KpiTargets& targets, v1::Kpi kpi) {
  for (const v1::KpiTarget& target : targets.targets()) {
    if (target.kpi() == kpi) return &target;
  }
  return nullptr;
}

bool Meets(double value, double target, v1::KpiDirection direction) {
  return direction == v1::KPI_DIRECTION_FEWER ? value <= target : value >= target;
}

}  // namespace

absl::optional<double> NearestRank(std::vector<double>& values, double fraction) {
  if (values.empty()) return absl::nullopt;
  // The smallest value with at least `fraction` of the values at or below it.
  auto rank = static_cast<size_t>(std::ceil(fraction * static_cast<double>(values.size())));
  rank = std::clamp<size_t>(rank, 1, values.size());
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank - 1), values.end());
  return values[rank - 1];
}

KpiMeasure Measure(v1::Kpi kpi, const KpiCounts& c) {
  switch (kpi) {
    case v1::KPI_CONSULTS_CREATED:
      return Count(c.consults_created);
    case v1::KPI_CONSULTS_ANSWERED:
      return Count(c.consults_answered);
    case v1::KPI_REFERRALS_AVOIDED:
      return Count(c.referrals_avoided);
    case v1::KPI_REFERRALS_NEEDED:
      return Count(c.referrals_needed);
    case v1::KPI_REFERRAL_AVOIDED_SHARE:
      return Ratio(c.referrals_avoided, c.referrals_avoided + c.referrals_needed);
    case v1::KPI_DIRECT_ADMISSIONS:
      return Count(c.direct_admissions);
    case v1::KPI_DIRECT_TO_RADIOLOGY:
      return Count(c.direct_to_radiology);
    case v1::KPI_ED_VISITS_AVOIDED:
      return Count(c.ed_visits_avoided);
    case v1::KPI_ED_VISITS_SENT:
      return Count(c.ed_visits_sent);
    case v1::KPI_ED_AVOIDED_SHARE:
      return Ratio(c.ed_visits_avoided, c.ed_visits_avoided + c.ed_visits_sent);
    case v1::KPI_ADMISSIONS_AVOIDED:
      return Count(c.admissions_avoided);
    case v1::KPI_AMBULANCE_CONSULTS:
      return Count(c.ambulance_consults);
    case v1::KPI_AMBULANCE_STEERED:
      // Shown beside AMBULANCE_CONSULTS, it would give away the ambulance
      // consults that were not steered (those sent to the ED) when they are few.
      if (IsSmall(c.ambulance_consults - c.ambulance_steered)) return {.suppressed = true};
      return Count(c.ambulance_steered);
    case v1::KPI_AMBULANCE_STEERED_SHARE:
      return Ratio(c.ambulance_steered, c.ambulance_consults);
    case v1::KPI_TIME_TO_ACCEPT_MEDIAN:
      return Duration(c.time_to_accept_seconds, 0.5);
    case v1::KPI_TIME_TO_ACCEPT_P90:
      return Duration(c.time_to_accept_seconds, 0.9);
    case v1::KPI_TIME_TO_ANSWER_MEDIAN:
      return Duration(c.time_to_answer_seconds, 0.5);
    case v1::KPI_TIME_TO_ANSWER_P90:
      return Duration(c.time_to_answer_seconds, 0.9);
    case v1::KPI_UNANSWERED_SHARE:
      return Ratio(c.unanswered, c.settled);
    case v1::KPI_ESCALATED_SHARE:
      return Ratio(c.escalated, c.settled);
    case v1::KPI_ANSWER_OVERDUE_SHARE:
      return Ratio(c.answered_overdue, c.consults_answered);
    case v1::KPI_CONFERENCES_REQUESTED:
      return Count(c.conferences_requested);
    case v1::KPI_CONFERENCE_LEAD_TIME_MEDIAN:
      return Duration(c.lead_time_seconds, 0.5);
    case v1::KPI_CONFERENCES_HELD:
      return Count(c.conferences_held);
    case v1::KPI_CONFERENCES_WITH_PLAN:
      return Count(c.conferences_with_plan);
    case v1::KPI_CONFERENCE_PLAN_SHARE:
      return Ratio(c.conferences_held_with_plan, c.conferences_held);
    case v1::KPI_CONFERENCES_FOLLOWED_UP:
      return Count(c.conferences_followed_up);
    default:
      return {};
  }
}

v1::KpiDirection DirectionOf(v1::Kpi kpi, const v1::KpiTargets& targets) {
  const v1::KpiTarget* target = FindTarget(targets, kpi);
  if (target != nullptr && target->direction() != v1::KPI_DIRECTION_UNSPECIFIED) return target->direction();
  const v1::KpiDefinition* definition = FindKpiDefinition(kpi);
  return definition != nullptr ? definition->default_direction() : v1::KPI_DIRECTION_MORE;
}

Judgement Judge(v1::Kpi kpi, const v1::KpiTargets& targets, const KpiMeasure& current, const KpiMeasure& previous,
                JudgedFor judged_for) {
  const v1::KpiDefinition* definition = FindKpiDefinition(kpi);
  const v1::KpiTarget* target = FindTarget(targets, kpi);
  Judgement judgement;
  judgement.direction = DirectionOf(kpi, targets);
  const bool fewer = judgement.direction == v1::KPI_DIRECTION_FEWER;
  const bool count = definition != nullptr && definition->unit() == v1::KPI_UNIT_COUNT;
  const bool applies = target != nullptr && !(count && target->has_value() && !judged_for.whole_region);
  if (applies && target->has_value()) {
    judgement.target = count ? target->value() * judged_for.days : target->value();
  } else if (applies && target->has_relative_change() && previous.value.has_value()) {
    judgement.target = *previous.value * (fewer ? 1 - target->relative_change() : 1 + target->relative_change());
  }
  const bool has_threshold = applies && target->threshold_case() != v1::KpiTarget::THRESHOLD_NOT_SET;
  // Without a threshold the bar is the previous period.
  const absl::optional<double> bar = has_threshold ? judgement.target : previous.value;
  if (!current.value.has_value() || !bar.has_value()) return judgement;
  judgement.status =
      Meets(*current.value, *bar, judgement.direction) ? v1::TARGET_STATUS_ON_TRACK : v1::TARGET_STATUS_OFF_TRACK;
  return judgement;
}

v1::KpiValue ReportValue(v1::Kpi kpi, const KpiCounts& current, const KpiCounts& previous,
                         const v1::KpiTargets& targets, JudgedFor judged_for) {
  const KpiMeasure now = Measure(kpi, current);
  const KpiMeasure before = Measure(kpi, previous);
  const Judgement judgement = Judge(kpi, targets, now, before, judged_for);
  v1::KpiValue value;
  value.set_kpi(kpi);
  if (const v1::KpiDefinition* definition = FindKpiDefinition(kpi)) value.set_unit(definition->unit());
  if (now.value.has_value()) value.set_value(*now.value);
  if (now.numerator.has_value()) value.set_numerator(*now.numerator);
  if (now.denominator.has_value()) value.set_denominator(*now.denominator);
  if (now.sample_size.has_value()) value.set_sample_size(*now.sample_size);
  value.set_suppressed(now.suppressed);
  if (before.value.has_value()) value.set_previous_value(*before.value);
  value.set_previous_suppressed(before.suppressed);
  if (judgement.target.has_value()) value.set_target(*judgement.target);
  value.set_direction(judgement.direction);
  value.set_target_status(judgement.status);
  return value;
}

v1::KpiPoint SeriesPoint(v1::Kpi kpi, const KpiCounts& current, const KpiCounts& previous,
                         const v1::KpiTargets& targets, JudgedFor judged_for) {
  const KpiMeasure now = Measure(kpi, current);
  const Judgement judgement = Judge(kpi, targets, now, Measure(kpi, previous), judged_for);
  v1::KpiPoint point;
  if (now.value.has_value()) point.set_value(*now.value);
  if (now.sample_size.has_value()) point.set_sample_size(*now.sample_size);
  point.set_suppressed(now.suppressed);
  if (judgement.target.has_value()) point.set_target(*judgement.target);
  point.set_target_status(judgement.status);
  return point;
}

}  // namespace samspar::metrics
