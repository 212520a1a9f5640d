#include "services/metrics/kpi/subject_facts.h"

#include "common/api/proto_time.h"

namespace samspar::metrics {
namespace {

int HexValue(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

double Seconds(const google::protobuf::Duration& duration) {
  return static_cast<double>(duration.seconds()) + duration.nanos() / 1e9;
}

}  // namespace

uint32_t TextPool::Intern(absl::string_view text) {
  if (text.empty()) return 0;
  auto [it, added] = ids_.try_emplace(text, static_cast<uint32_t>(texts_.size()));
  if (added) texts_.emplace_back(text);
  return it->second;
}

uint32_t TextPool::Find(absl::string_view text) const {
  auto it = ids_.find(text);
  return it == ids_.end() ? 0 : it->second;
}

bool Moment::TakeEarlier(int64_t event_time, const Dims& event_dims) {
  if (happened() && time <= event_time) return false;
  time = event_time;
  dims = event_dims;
  return true;
}

Dims ConsultFacts::CreatedDims() const {
  Dims dims = created.dims;
  if (dims.line == 0 && first_routed.happened()) {
    dims.line = first_routed.dims.line;
    dims.target_unit = first_routed.dims.target_unit;
  }
  return dims;
}

RegionFacts::SubjectKey RegionFacts::KeyOf(absl::string_view hex) {
  SubjectKey key{};
  for (size_t i = 0; i < key.size() && 2 * i + 1 < hex.size(); ++i) {
    key[i] = static_cast<uint8_t>(HexValue(hex[2 * i]) * 16 + HexValue(hex[2 * i + 1]));
  }
  return key;
}

Dims RegionFacts::DimsOf(const v1::Event& event) {
  return {.requester_unit = texts_.Intern(event.requester_unit()),
          .target_unit = texts_.Intern(event.target_unit()),
          .line = texts_.Intern(event.line()),
          .specialty = texts_.Intern(event.specialty()),
          .track = static_cast<uint8_t>(event.track()),
          .requester_unit_type = static_cast<uint8_t>(event.requester_unit_type())};
}

void RegionFacts::Add(const v1::Event& event) {
  const int64_t time = absl::ToUnixMicros(api::FromProto(event.event_time()));
  const Dims dims = DimsOf(event);
  ++event_count_;
  if (time > latest_event_time_) latest_event_time_ = time;
  const SubjectKey key = KeyOf(event.subject_key());
  if (event.track() == v1::TRACK_MULTIDISCIPLINARY_CONFERENCE) {
    auto [it, added] = conference_index_.try_emplace(key, static_cast<uint32_t>(conferences_.size()));
    if (added) conferences_.emplace_back();
    AddConference(conferences_[it->second], event, time, dims);
  } else {
    auto [it, added] = consult_index_.try_emplace(key, static_cast<uint32_t>(consults_.size()));
    if (added) consults_.emplace_back();
    AddConsult(consults_[it->second], event, time, dims);
  }
}

void RegionFacts::AddConsult(ConsultFacts& facts, const v1::Event& event, int64_t time, const Dims& dims) {
  if (dims.line != 0) facts.first_routed.TakeEarlier(time, dims);
  switch (event.type()) {
    case v1::EVENT_TYPE_CONSULT_CREATED:
      facts.created.TakeEarlier(time, dims);
      break;
    case v1::EVENT_TYPE_CONSULT_ACCEPTED:
      // Only the first acceptance carries time_to_accept; a later one that
      // arrived first must not stand in for it.
      if (event.has_time_to_accept() && facts.first_accepted.TakeEarlier(time, dims)) {
        facts.time_to_accept_seconds = Seconds(event.time_to_accept());
      }
      break;
    case v1::EVENT_TYPE_CONSULT_ANSWERED:
      if (facts.answered.TakeEarlier(time, dims)) {
        facts.time_to_answer_seconds = Seconds(event.time_to_answer());
        facts.answer_overdue = event.answer_overdue();
      }
      break;
    default:
      break;
  }
  const bool carries_outcome =
      event.type() == v1::EVENT_TYPE_CONSULT_ANSWERED || event.type() == v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED;
  // The latest outcome counts; of two at the same instant, the one that
  // arrived later (events are added in arrival order).
  if (carries_outcome && time >= facts.outcome_time) {
    facts.outcome = static_cast<uint8_t>(event.outcome());
    facts.outcome_time = time;
  }
  const bool settles = (event.type() == v1::EVENT_TYPE_CONSULT_ACCEPTED && event.has_time_to_accept()) ||
                       event.type() == v1::EVENT_TYPE_CONSULT_UNANSWERED ||
                       event.type() == v1::EVENT_TYPE_CONSULT_DECLINED;
  if (settles && facts.settled.TakeEarlier(time, dims)) {
    facts.settled_unanswered = event.type() == v1::EVENT_TYPE_CONSULT_UNANSWERED;
    facts.settled_escalated = event.escalation_count() > 0;
  }
}

void RegionFacts::AddConference(ConferenceFacts& facts, const v1::Event& event, int64_t time, const Dims& dims) {
  switch (event.type()) {
    case v1::EVENT_TYPE_CONFERENCE_REQUESTED:
      facts.requested.TakeEarlier(time, dims);
      break;
    case v1::EVENT_TYPE_CONFERENCE_BOOKED:
      if (event.has_lead_time() && facts.booked.TakeEarlier(time, dims)) {
        facts.lead_time_seconds = Seconds(event.lead_time());
      }
      break;
    case v1::EVENT_TYPE_CONFERENCE_HELD:
      facts.held.TakeEarlier(time, dims);
      break;
    case v1::EVENT_TYPE_CONFERENCE_PLAN_RECORDED:
      facts.plan.TakeEarlier(time, dims);
      break;
    case v1::EVENT_TYPE_CONFERENCE_FOLLOWED_UP:
      facts.followed_up.TakeEarlier(time, dims);
      break;
    default:
      break;
  }
}

}  // namespace samspar::metrics
