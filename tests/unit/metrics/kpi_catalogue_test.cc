#include "services/metrics/catalogue/kpi_catalogue.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "samspar/v1/common.pb.h"

namespace samspar::metrics {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsNull;
using ::testing::NotNull;

// The numbers of an enum's values, UNSPECIFIED (0) left out.
std::vector<int> SpecifiedValues(const google::protobuf::EnumDescriptor* type) {
  std::vector<int> numbers;
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() != 0) numbers.push_back(type->value(i)->number());
  }
  return numbers;
}

std::vector<std::string> SpecifiedNames(const google::protobuf::EnumDescriptor* type) {
  std::vector<std::string> names;
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() != 0) names.push_back(type->value(i)->name());
  }
  return names;
}

TEST(KpiCatalogueTest, DefinesEveryKpiExactlyOnceInEnumOrder) {
  std::vector<int> defined;
  for (const v1::KpiDefinition& definition : KpiCatalogue()) defined.push_back(definition.kpi());
  EXPECT_EQ(defined, SpecifiedValues(v1::Kpi_descriptor()));
}

TEST(KpiCatalogueTest, EveryDefinitionIsComplete) {
  const absl::Span<const absl::string_view> goals = KpiGoals();
  for (const v1::KpiDefinition& definition : KpiCatalogue()) {
    SCOPED_TRACE(v1::Kpi_Name(definition.kpi()));
    EXPECT_FALSE(definition.display_name().empty());
    EXPECT_FALSE(definition.display_name_sv().empty());
    EXPECT_FALSE(definition.description().empty());
    EXPECT_NE(std::find(goals.begin(), goals.end(), definition.goal()), goals.end()) << definition.goal();
    EXPECT_NE(definition.unit(), v1::KPI_UNIT_UNSPECIFIED);
    EXPECT_NE(definition.default_direction(), v1::KPI_DIRECTION_UNSPECIFIED);
  }
}

TEST(KpiCatalogueTest, NamesTellKpisApart) {
  std::set<std::string> english;
  std::set<std::string> swedish;
  for (const v1::KpiDefinition& definition : KpiCatalogue()) {
    EXPECT_TRUE(english.insert(definition.display_name()).second) << definition.display_name();
    EXPECT_TRUE(swedish.insert(definition.display_name_sv()).second) << definition.display_name_sv();
  }
}

TEST(KpiCatalogueTest, GoalsAreTheRegionsGoalsInOrder) {
  EXPECT_THAT(KpiGoals(), ElementsAre("More doctor-to-doctor calls", "Fewer referrals from primary to specialist care",
                                      "More direct admissions", "Fewer ED visits", "Fewer care episodes",
                                      "More ambulance final treatment and care-level steering",
                                      "Collaboration works and improves", "Multidisciplinary conferences"));
}

TEST(KpiCatalogueTest, EveryGoalIsFollowedUpByAKpi) {
  std::set<std::string> used;
  for (const v1::KpiDefinition& definition : KpiCatalogue()) used.insert(definition.goal());
  for (absl::string_view goal : KpiGoals()) EXPECT_TRUE(used.count(std::string(goal)) == 1) << goal;
}

struct Expected {
  v1::Kpi kpi;
  v1::KpiUnit unit;
  v1::KpiDirection direction;
  absl::string_view goal;
};

// Units and directions from the comments of enum Kpi in metrics.proto.
TEST(KpiCatalogueTest, UnitDirectionAndGoalAreThoseOfTheApi) {
  constexpr v1::KpiUnit kCount = v1::KPI_UNIT_COUNT;
  constexpr v1::KpiUnit kRatio = v1::KPI_UNIT_RATIO;
  constexpr v1::KpiUnit kSeconds = v1::KPI_UNIT_SECONDS;
  constexpr v1::KpiDirection kMore = v1::KPI_DIRECTION_MORE;
  constexpr v1::KpiDirection kFewer = v1::KPI_DIRECTION_FEWER;
  const absl::string_view calls = "More doctor-to-doctor calls";
  const absl::string_view referrals = "Fewer referrals from primary to specialist care";
  const absl::string_view direct = "More direct admissions";
  const absl::string_view ed = "Fewer ED visits";
  const absl::string_view episodes = "Fewer care episodes";
  const absl::string_view ambulance = "More ambulance final treatment and care-level steering";
  const absl::string_view collaboration = "Collaboration works and improves";
  const absl::string_view conferences = "Multidisciplinary conferences";
  const Expected expected[] = {
      {v1::KPI_CONSULTS_CREATED, kCount, kMore, calls},
      {v1::KPI_CONSULTS_ANSWERED, kCount, kMore, calls},
      {v1::KPI_REFERRALS_AVOIDED, kCount, kMore, referrals},
      {v1::KPI_REFERRALS_NEEDED, kCount, kFewer, referrals},
      {v1::KPI_REFERRAL_AVOIDED_SHARE, kRatio, kMore, referrals},
      {v1::KPI_DIRECT_ADMISSIONS, kCount, kMore, direct},
      {v1::KPI_DIRECT_TO_RADIOLOGY, kCount, kMore, direct},
      {v1::KPI_ED_VISITS_AVOIDED, kCount, kMore, ed},
      {v1::KPI_ED_VISITS_SENT, kCount, kFewer, ed},
      {v1::KPI_ED_AVOIDED_SHARE, kRatio, kMore, ed},
      {v1::KPI_ADMISSIONS_AVOIDED, kCount, kMore, episodes},
      {v1::KPI_AMBULANCE_CONSULTS, kCount, kMore, ambulance},
      {v1::KPI_AMBULANCE_STEERED, kCount, kMore, ambulance},
      {v1::KPI_AMBULANCE_STEERED_SHARE, kRatio, kMore, ambulance},
      {v1::KPI_TIME_TO_ACCEPT_MEDIAN, kSeconds, kFewer, collaboration},
      {v1::KPI_TIME_TO_ACCEPT_P90, kSeconds, kFewer, collaboration},
      {v1::KPI_TIME_TO_ANSWER_MEDIAN, kSeconds, kFewer, collaboration},
      {v1::KPI_TIME_TO_ANSWER_P90, kSeconds, kFewer, collaboration},
      {v1::KPI_UNANSWERED_SHARE, kRatio, kFewer, collaboration},
      {v1::KPI_ESCALATED_SHARE, kRatio, kFewer, collaboration},
      {v1::KPI_ANSWER_OVERDUE_SHARE, kRatio, kFewer, collaboration},
      {v1::KPI_CONFERENCES_REQUESTED, kCount, kMore, conferences},
      {v1::KPI_CONFERENCE_LEAD_TIME_MEDIAN, kSeconds, kFewer, conferences},
      {v1::KPI_CONFERENCES_HELD, kCount, kMore, conferences},
      {v1::KPI_CONFERENCES_WITH_PLAN, kCount, kMore, conferences},
      {v1::KPI_CONFERENCE_PLAN_SHARE, kRatio, kMore, conferences},
      {v1::KPI_CONFERENCES_FOLLOWED_UP, kCount, kMore, conferences},
  };
  for (const Expected& kpi : expected) {
    SCOPED_TRACE(v1::Kpi_Name(kpi.kpi));
    const v1::KpiDefinition* definition = FindKpiDefinition(kpi.kpi);
    ASSERT_THAT(definition, NotNull());
    EXPECT_EQ(v1::KpiUnit_Name(definition->unit()), v1::KpiUnit_Name(kpi.unit));
    EXPECT_EQ(v1::KpiDirection_Name(definition->default_direction()), v1::KpiDirection_Name(kpi.direction));
    EXPECT_EQ(definition->goal(), kpi.goal);
  }
}

std::string DescriptionOf(v1::Kpi kpi) {
  const v1::KpiDefinition* definition = FindKpiDefinition(kpi);
  return definition == nullptr ? "" : definition->description();
}

TEST(KpiCatalogueTest, DescriptionsNameWhatIsCounted) {
  EXPECT_THAT(DescriptionOf(v1::KPI_REFERRALS_NEEDED), HasSubstr("REFERRAL_NEEDED"));
  EXPECT_THAT(DescriptionOf(v1::KPI_ED_VISITS_SENT), HasSubstr("AMBULANCE_TO_ED"));
  EXPECT_THAT(DescriptionOf(v1::KPI_AMBULANCE_CONSULTS), HasSubstr("AMBULANCE_STATION"));
  // A consult that led to a conference request is not a conference.
  EXPECT_THAT(DescriptionOf(v1::KPI_CONFERENCES_REQUESTED), HasSubstr("CONFERENCE_REQUESTED is not counted"));
}

TEST(FindKpiDefinitionTest, FindsEveryKpiByItsNumber) {
  for (int number : SpecifiedValues(v1::Kpi_descriptor())) {
    const v1::KpiDefinition* definition = FindKpiDefinition(static_cast<v1::Kpi>(number));
    ASSERT_THAT(definition, NotNull()) << number;
    EXPECT_EQ(definition->kpi(), number);
  }
}

TEST(FindKpiDefinitionTest, RefusesUnspecifiedAndUnknownNumbers) {
  EXPECT_THAT(FindKpiDefinition(v1::KPI_UNSPECIFIED), IsNull());
  EXPECT_THAT(FindKpiDefinition(static_cast<v1::Kpi>(999)), IsNull());
  EXPECT_THAT(FindKpiDefinition(static_cast<v1::Kpi>(-1)), IsNull());
}

TEST(KpiCodeTest, IsTheEnumNameWithoutItsPrefix) {
  EXPECT_EQ(KpiCode(v1::KPI_REFERRALS_AVOIDED), "REFERRALS_AVOIDED");
  EXPECT_EQ(KpiCode(v1::KPI_TIME_TO_ANSWER_P90), "TIME_TO_ANSWER_P90");
  for (const v1::KpiDefinition& definition : KpiCatalogue()) {
    v1::Kpi parsed;
    ASSERT_TRUE(v1::Kpi_Parse(absl::StrCat("KPI_", KpiCode(definition.kpi())), &parsed)) << KpiCode(definition.kpi());
    EXPECT_EQ(parsed, definition.kpi());
  }
}

TEST(KpiCodeTest, WritesAnUnknownNumberAsTheNumber) { EXPECT_EQ(KpiCode(static_cast<v1::Kpi>(999)), "999"); }

TEST(GroupValueDisplayNameTest, NamesEnumValuesInSwedish) {
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_TRACK, "TRACK_ACUTE"), "Akut");
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_REQUESTER_UNIT_TYPE, "UNIT_TYPE_AMBULANCE_STATION"),
            "Ambulansstation");
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_OUTCOME, "CONSULT_OUTCOME_SENT_TO_ED"), "Skickad till akuten");
}

struct EnumDimension {
  v1::KpiDimension dimension;
  const google::protobuf::EnumDescriptor* type;
};

std::vector<EnumDimension> EnumDimensions() {
  return {{v1::KPI_DIMENSION_TRACK, v1::Track_descriptor()},
          {v1::KPI_DIMENSION_REQUESTER_UNIT_TYPE, v1::UnitType_descriptor()},
          {v1::KPI_DIMENSION_OUTCOME, v1::ConsultOutcome_descriptor()}};
}

TEST(GroupValueDisplayNameTest, GivesEveryEnumValueItsOwnReadableName) {
  for (const EnumDimension& enum_dimension : EnumDimensions()) {
    std::set<std::string> shown;
    for (const std::string& name : SpecifiedNames(enum_dimension.type)) {
      const std::string display_name = GroupValueDisplayName(enum_dimension.dimension, name);
      EXPECT_NE(display_name, name);
      EXPECT_NE(display_name, "(ingen)") << name;
      EXPECT_TRUE(shown.insert(display_name).second) << name << " is shown as another value: " << display_name;
    }
  }
}

TEST(GroupValueDisplayNameTest, ShowsAnEmptyOrUnspecifiedValueAsNone) {
  for (int number : SpecifiedValues(v1::KpiDimension_descriptor())) {
    EXPECT_EQ(GroupValueDisplayName(static_cast<v1::KpiDimension>(number), ""), "(ingen)") << number;
  }
  for (const EnumDimension& enum_dimension : EnumDimensions()) {
    const std::string unspecified = enum_dimension.type->FindValueByNumber(0)->name();
    EXPECT_EQ(GroupValueDisplayName(enum_dimension.dimension, unspecified), "(ingen)") << unspecified;
  }
}

TEST(GroupValueDisplayNameTest, ShowsAnUnknownEnumNameAsItIs) {
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_TRACK, "TRACK_ELECTIVE"), "TRACK_ELECTIVE");
  // A value of another dimension's enum is not this dimension's value.
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_TRACK, "UNIT_TYPE_HOSPITAL"), "UNIT_TYPE_HOSPITAL");
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_OUTCOME, "SENT_TO_ED"), "SENT_TO_ED");
}

TEST(GroupValueDisplayNameTest, ShowsResourceNamesAndSpecialtiesAsTheyAre) {
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_REQUESTER_UNIT, "regions/20/units/vc-falun"),
            "regions/20/units/vc-falun");
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_TARGET_UNIT, "regions/20/units/med-falun"),
            "regions/20/units/med-falun");
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_LINE, "regions/20/lines/kardiologi"),
            "regions/20/lines/kardiologi");
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_SPECIALTY, "KARD"), "KARD");
  // Only enum dimensions translate, even a value that looks like an enum name.
  EXPECT_EQ(GroupValueDisplayName(v1::KPI_DIMENSION_LINE, "TRACK_ACUTE"), "TRACK_ACUTE");
}

}  // namespace
}  // namespace samspar::metrics
