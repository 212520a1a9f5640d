#include "services/metrics/catalogue/kpi_catalogue.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "samspar/v1/common.pb.h"

namespace samspar::metrics {
namespace {

// The region's measurable goals. Each KPI names one of them verbatim, so that
// a dashboard can put the KPIs of one goal in one chart.
constexpr absl::string_view kMoreCalls = "More doctor-to-doctor calls";
constexpr absl::string_view kFewerReferrals = "Fewer referrals from primary to specialist care";
constexpr absl::string_view kMoreDirectAdmissions = "More direct admissions";
constexpr absl::string_view kFewerEdVisits = "Fewer ED visits";
constexpr absl::string_view kFewerCareEpisodes = "Fewer care episodes";
constexpr absl::string_view kMoreAmbulanceSteering = "More ambulance final treatment and care-level steering";
constexpr absl::string_view kCollaborationWorks = "Collaboration works and improves";
constexpr absl::string_view kConferences = "Multidisciplinary conferences";

constexpr absl::string_view kGoals[] = {
    kMoreCalls,         kFewerReferrals,        kMoreDirectAdmissions, kFewerEdVisits,
    kFewerCareEpisodes, kMoreAmbulanceSteering, kCollaborationWorks,   kConferences,
};

// The goals as Region Dalarna's plan words them, for Swedish readers.
constexpr std::pair<absl::string_view, absl::string_view> kSwedishGoals[] = {
    {kMoreCalls, "Fler samtal läkare till läkare"},
    {kFewerReferrals, "Färre remisser från primärvård till specialistvård"},
    {kMoreDirectAdmissions, "Fler direktinläggningar"},
    {kFewerEdVisits, "Färre akutbesök"},
    {kFewerCareEpisodes, "Färre vårdtillfällen"},
    {kMoreAmbulanceSteering, "Fler ambulansärenden färdigbehandlade och vårdnivåstyrda"},
    {kCollaborationWorks, "Samverkan fungerar och blir bättre"},
    {kConferences, "Multidisciplinära konferenser"},
};

constexpr absl::string_view kNone = "(ingen)";

struct Entry {
  v1::Kpi kpi;
  absl::string_view display_name;
  absl::string_view display_name_sv;
  absl::string_view goal;
  v1::KpiUnit unit;
  v1::KpiDirection direction;
  absl::string_view description;
};

constexpr v1::KpiUnit kCount = v1::KPI_UNIT_COUNT;
constexpr v1::KpiUnit kRatio = v1::KPI_UNIT_RATIO;
constexpr v1::KpiUnit kSeconds = v1::KPI_UNIT_SECONDS;
constexpr v1::KpiDirection kMore = v1::KPI_DIRECTION_MORE;
constexpr v1::KpiDirection kFewer = v1::KPI_DIRECTION_FEWER;

// Units and directions as metrics.proto defines each KPI; the descriptions say
// the same for an analyst. Outcomes are a consult's latest outcome, so a
// corrected outcome moves the consult from one KPI to another.
constexpr Entry kEntries[] = {
    {v1::KPI_CONSULTS_CREATED, "Consults created", "Skapade konsultationer", kMoreCalls, kCount, kMore,
     "Consults created in the period, on any track. Grouped by line, a consult counts under the line it was first "
     "routed to."},
    {v1::KPI_CONSULTS_ANSWERED, "Consults answered", "Besvarade konsultationer", kMoreCalls, kCount, kMore,
     "Consults answered in the period, on any track and whatever the outcome. Grouped by line, a consult counts "
     "under the line that answered it."},
    {v1::KPI_REFERRALS_AVOIDED, "Referrals avoided", "Undvikna remisser", kFewerReferrals, kCount, kMore,
     "Consults answered in the period with the outcome ADVICE_GIVEN_REFERRAL_AVOIDED (advice given, no referral "
     "needed) or STAYS_IN_PRIMARY_CARE, on any track."},
    {v1::KPI_REFERRALS_NEEDED, "Referrals needed", "Nödvändiga remisser", kFewerReferrals, kCount, kFewer,
     "Consults answered in the period with the outcome REFERRAL_NEEDED (a referral to specialist care is needed), "
     "on any track."},
    {v1::KPI_REFERRAL_AVOIDED_SHARE, "Share of referrals avoided", "Andel undvikna remisser", kFewerReferrals, kRatio,
     kMore,
     "Referrals avoided / (referrals avoided + referrals needed), 0–1: of the consults answered in the period that "
     "ended either way on a referral, the share that avoided one. Other outcomes are left out."},
    {v1::KPI_DIRECT_ADMISSIONS, "Direct admissions", "Direktinläggningar", kMoreDirectAdmissions, kCount, kMore,
     "Consults answered in the period with the outcome DIRECT_ADMISSION (admitted directly to a ward without "
     "passing the ED), on any track."},
    {v1::KPI_DIRECT_TO_RADIOLOGY, "Direct to radiology", "Direkt till röntgen", kMoreDirectAdmissions, kCount, kMore,
     "Consults answered in the period with the outcome DIRECT_TO_RADIOLOGY (straight from the health centre to "
     "radiology for assessment), on any track. Reported beside direct admissions."},
    {v1::KPI_ED_VISITS_AVOIDED, "ED visits avoided", "Undvikna akutbesök", kFewerEdVisits, kCount, kMore,
     "Consults answered in the period with an outcome that kept the patient away from the ED: DIRECT_ADMISSION or "
     "DIRECT_TO_RADIOLOGY on any track, and on the acute tracks (acute, accessible primary care) also "
     "ADVICE_GIVEN_REFERRAL_AVOIDED, STAYS_IN_PRIMARY_CARE, PLANNED_SPECIALIST_VISIT, AMBULANCE_TREATED_ON_SCENE or "
     "AMBULANCE_TO_HEALTH_CENTRE."},
    {v1::KPI_ED_VISITS_SENT, "Sent to the ED", "Skickade till akuten", kFewerEdVisits, kCount, kFewer,
     "Consults answered in the period with the outcome SENT_TO_ED or AMBULANCE_TO_ED, on any track."},
    {v1::KPI_ED_AVOIDED_SHARE, "Share of ED visits avoided", "Andel undvikna akutbesök", kFewerEdVisits, kRatio, kMore,
     "ED visits avoided / (ED visits avoided + sent to the ED), 0–1, of the consults answered in the period."},
    {v1::KPI_ADMISSIONS_AVOIDED, "Admissions avoided", "Undvikna vårdtillfällen", kFewerCareEpisodes, kCount, kMore,
     "Consults on the acute tracks (acute, accessible primary care) answered in the period with the outcome "
     "ADVICE_GIVEN_REFERRAL_AVOIDED, STAYS_IN_PRIMARY_CARE, PLANNED_SPECIALIST_VISIT, AMBULANCE_TREATED_ON_SCENE or "
     "AMBULANCE_TO_HEALTH_CENTRE: care episodes that did not happen."},
    {v1::KPI_AMBULANCE_CONSULTS, "Ambulance consults", "Ambulanskonsultationer", kMoreAmbulanceSteering, kCount, kMore,
     "Consults on the accessible primary care track from an ambulance station (requester unit type "
     "AMBULANCE_STATION) answered in the period; each has one of the AMBULANCE_* outcomes."},
    {v1::KPI_AMBULANCE_STEERED, "Ambulance consults steered", "Vårdnivåstyrda ambulanskonsultationer",
     kMoreAmbulanceSteering, kCount, kMore,
     "Of the ambulance consults, those answered with the outcome AMBULANCE_TREATED_ON_SCENE (treated on scene, stays "
     "at home) or AMBULANCE_TO_HEALTH_CENTRE (to the health centre instead of the ED)."},
    {v1::KPI_AMBULANCE_STEERED_SHARE, "Share of ambulance consults steered",
     "Andel vårdnivåstyrda ambulanskonsultationer", kMoreAmbulanceSteering, kRatio, kMore,
     "Ambulance consults steered / ambulance consults answered in the period, 0–1."},
    {v1::KPI_TIME_TO_ACCEPT_MEDIAN, "Time to accept, median", "Tid till accept, median", kCollaborationWorks, kSeconds,
     kFewer,
     "Median time from creation to first acceptance of the consults first accepted in the period, in seconds "
     "(nearest rank)."},
    {v1::KPI_TIME_TO_ACCEPT_P90, "Time to accept, 90th percentile", "Tid till accept, 90:e percentilen",
     kCollaborationWorks, kSeconds, kFewer,
     "90th percentile of the time from creation to first acceptance of the consults first accepted in the period, "
     "in seconds (nearest rank)."},
    {v1::KPI_TIME_TO_ANSWER_MEDIAN, "Time to answer, median", "Svarstid, median", kCollaborationWorks, kSeconds, kFewer,
     "Median time from creation to answer of the consults answered in the period, in seconds (nearest rank)."},
    {v1::KPI_TIME_TO_ANSWER_P90, "Time to answer, 90th percentile", "Svarstid, 90:e percentilen", kCollaborationWorks,
     kSeconds, kFewer,
     "90th percentile of the time from creation to answer of the consults answered in the period, in seconds "
     "(nearest rank)."},
    {v1::KPI_UNANSWERED_SHARE, "Share unanswered", "Andel obesvarade", kCollaborationWorks, kRatio, kFewer,
     "Consults that nobody took (became unanswered) in the period / consults that were first accepted, became "
     "unanswered or were declined in the period, 0–1."},
    {v1::KPI_ESCALATED_SHARE, "Share escalated", "Andel eskalerade", kCollaborationWorks, kRatio, kFewer,
     "Of the consults that were first accepted, became unanswered or were declined in the period, the share that "
     "had moved on to another contact at least once (after a decline, or an offer not acknowledged in time), 0–1."},
    {v1::KPI_ANSWER_OVERDUE_SHARE, "Share answered late", "Andel sena svar", kCollaborationWorks, kRatio, kFewer,
     "Of the consults answered in the period, the share answered after their answer deadline, 0–1."},
    {v1::KPI_CONFERENCES_REQUESTED, "Conferences requested", "Begärda konferenser", kConferences, kCount, kMore,
     "Multidisciplinary conferences requested in the period (a doctor pulled the cord). A consult answered with the "
     "outcome CONFERENCE_REQUESTED is not counted here; only the conference itself is."},
    {v1::KPI_CONFERENCE_LEAD_TIME_MEDIAN, "Conference lead time, median", "Tid till bokad konferens, median",
     kConferences, kSeconds, kFewer,
     "Median time from request to first booking of the conferences first booked in the period, in seconds (nearest "
     "rank)."},
    {v1::KPI_CONFERENCES_HELD, "Conferences held", "Genomförda konferenser", kConferences, kCount, kMore,
     "Multidisciplinary conferences held in the period."},
    {v1::KPI_CONFERENCES_WITH_PLAN, "Conferences with a plan", "Konferenser med plan", kConferences, kCount, kMore,
     "Conferences whose plan was first recorded in the period."},
    {v1::KPI_CONFERENCE_PLAN_SHARE, "Share of conferences with a plan", "Andel konferenser med plan", kConferences,
     kRatio, kMore, "Of the conferences held in the period, the share with a recorded plan, 0–1."},
    {v1::KPI_CONFERENCES_FOLLOWED_UP, "Conferences followed up", "Uppföljda konferenser", kConferences, kCount, kMore,
     "Conferences whose plan was followed up in the period."},
};

v1::KpiDefinition DefinitionOf(const Entry& entry) {
  v1::KpiDefinition definition;
  definition.set_kpi(entry.kpi);
  definition.set_display_name(std::string(entry.display_name));
  definition.set_display_name_sv(std::string(entry.display_name_sv));
  definition.set_description(std::string(entry.description));
  definition.set_goal(std::string(entry.goal));
  definition.set_unit(entry.unit);
  definition.set_default_direction(entry.direction);
  return definition;
}

// Short Swedish names, as an analyst reads them in a table; empty for a value
// this version does not name.
absl::string_view SwedishName(v1::Track track) {
  switch (track) {
    case v1::TRACK_UNSPECIFIED:
      return kNone;
    case v1::TRACK_ACUTE:
      return "Akut";
    case v1::TRACK_SEMI_ACUTE:
      return "Halvakut";
    case v1::TRACK_MULTIDISCIPLINARY_CONFERENCE:
      return "Multidisciplinär konferens";
    case v1::TRACK_ACCESSIBLE_PRIMARY_CARE:
      return "Tillgänglig primärvård";
    default:
      return "";
  }
}

absl::string_view SwedishName(v1::UnitType type) {
  switch (type) {
    case v1::UNIT_TYPE_UNSPECIFIED:
      return kNone;
    case v1::UNIT_TYPE_HOSPITAL:
      return "Sjukhus";
    case v1::UNIT_TYPE_HOSPITAL_CLINIC:
      return "Sjukhusklinik";
    case v1::UNIT_TYPE_HEALTH_CENTRE:
      return "Vårdcentral";
    case v1::UNIT_TYPE_HEALTH_CENTRE_FILIAL:
      return "Vårdcentralsfilial";
    case v1::UNIT_TYPE_AMBULANCE_STATION:
      return "Ambulansstation";
    case v1::UNIT_TYPE_MUNICIPAL_UNIT:
      return "Kommunal enhet";
    case v1::UNIT_TYPE_SWITCHBOARD:
      return "Växel";
    case v1::UNIT_TYPE_OTHER:
      return "Övrig enhet";
    default:
      return "";
  }
}

absl::string_view SwedishName(v1::ConsultOutcome outcome) {
  switch (outcome) {
    case v1::CONSULT_OUTCOME_UNSPECIFIED:
      return kNone;
    case v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED:
      return "Råd givet, remiss undviken";
    case v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE:
      return "Stannar i primärvården";
    case v1::CONSULT_OUTCOME_DIRECT_ADMISSION:
      return "Direktinläggning";
    case v1::CONSULT_OUTCOME_DIRECT_TO_RADIOLOGY:
      return "Direkt till röntgen";
    case v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT:
      return "Planerat specialistbesök";
    case v1::CONSULT_OUTCOME_REFERRAL_NEEDED:
      return "Remiss behövs";
    case v1::CONSULT_OUTCOME_SENT_TO_ED:
      return "Skickad till akuten";
    case v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE:
      return "Ambulans: behandlad på plats";
    case v1::CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE:
      return "Ambulans: till vårdcentral";
    case v1::CONSULT_OUTCOME_AMBULANCE_TO_ED:
      return "Ambulans: till akuten";
    case v1::CONSULT_OUTCOME_CONFERENCE_REQUESTED:
      return "Konferens begärd";
    case v1::CONSULT_OUTCOME_HANDED_BACK_TO_PRIMARY_CARE:
      return "Åter till primärvården";
    default:
      return "";
  }
}

template <typename Enum>
std::string EnumValueDisplayName(absl::string_view value, bool (*parse)(const std::string&, Enum*)) {
  Enum parsed;
  if (!parse(std::string(value), &parsed)) return std::string(value);
  const absl::string_view name = SwedishName(parsed);
  return std::string(name.empty() ? value : name);
}

}  // namespace

absl::Span<const v1::KpiDefinition> KpiCatalogue() {
  static const auto* const catalogue = [] {
    auto* definitions = new std::vector<v1::KpiDefinition>;
    for (const Entry& entry : kEntries) definitions->push_back(DefinitionOf(entry));
    return definitions;
  }();
  return *catalogue;
}

absl::Span<const absl::string_view> KpiGoals() { return kGoals; }

absl::string_view SwedishGoal(absl::string_view goal) {
  for (const auto& [english, swedish] : kSwedishGoals) {
    if (english == goal) return swedish;
  }
  return goal;
}

const v1::KpiDefinition* FindKpiDefinition(v1::Kpi kpi) {
  for (const v1::KpiDefinition& definition : KpiCatalogue()) {
    if (definition.kpi() == kpi) return &definition;
  }
  return nullptr;
}

std::string KpiCode(v1::Kpi kpi) {
  const std::string& name = v1::Kpi_Name(kpi);
  if (name.empty()) return absl::StrCat(static_cast<int>(kpi));
  return std::string(absl::StripPrefix(name, "KPI_"));
}

std::string GroupValueDisplayName(v1::KpiDimension dimension, absl::string_view value) {
  if (value.empty()) return std::string(kNone);
  switch (dimension) {
    case v1::KPI_DIMENSION_TRACK:
      return EnumValueDisplayName(value, v1::Track_Parse);
    case v1::KPI_DIMENSION_REQUESTER_UNIT_TYPE:
      return EnumValueDisplayName(value, v1::UnitType_Parse);
    case v1::KPI_DIMENSION_OUTCOME:
      return EnumValueDisplayName(value, v1::ConsultOutcome_Parse);
    default:
      return std::string(value);
  }
}

}  // namespace samspar::metrics
