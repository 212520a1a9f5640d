// ListConsults' query on a real SQLite file with the consult service's
// migrations: each relation gives the consults its name promises and no
// others; regions stay apart; filters, orders and pages work as every List's
// do; a patient's consults are found under any identifier they had, and only
// by those who take part.

#include "services/consult/store/consult_list.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/consult/consult_schema.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_patients.h"

namespace samspar::consult {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

const absl::Time kNoon = absl::FromUnixSeconds(1'795'000'000);

constexpr char kGp[] = "regions/06/practitioners/SE2321000057-1001";
constexpr char kOtherGp[] = "regions/06/practitioners/SE2321000057-1002";
constexpr char kCardiologist[] = "regions/06/practitioners/SE2321000057-D001";
constexpr char kOnCall[] = "regions/06/practitioners/SE2321000057-D002";
constexpr char kOrthopaedist[] = "regions/06/practitioners/SE2321000057-D003";
constexpr char kStranger[] = "regions/06/practitioners/SE2321000057-D009";

constexpr char kHealthCentre[] = "regions/06/units/SE2321000057-VC01";
constexpr char kOtherHealthCentre[] = "regions/06/units/SE2321000057-VC02";
constexpr char kCardiology[] = "regions/06/units/SE2321000057-KARD";
constexpr char kOrthopaedics[] = "regions/06/units/SE2321000057-ORTO";

std::string Rfc3339(absl::Time time) { return absl::FormatTime(absl::RFC3339_full, time, absl::UTCTimeZone()); }

// A consult as the service stores it: asked by `requester` from
// `requester_unit` at `created`, routed to a line of `line_unit`.
StoredConsult Asked(const std::string& name, const std::string& requester, const std::string& requester_unit,
                    const std::string& line_unit, absl::Time created) {
  StoredConsult stored;
  v1::Consult& consult = stored.consult;
  consult.set_name(name);
  consult.set_state(v1::CONSULT_STATE_OFFERED);
  consult.set_track(v1::TRACK_SEMI_ACUTE);
  consult.set_etag("e1");
  consult.set_question("Förmaksflimmer, antikoagulation inför ingrepp?");
  consult.mutable_requester()->set_name(requester);
  consult.mutable_requester_unit()->set_name(requester_unit);
  consult.set_routed_line(line_unit + "/lines/bakjour");
  *consult.mutable_create_time() = api::ToProto(created);
  *consult.mutable_update_time() = api::ToProto(created);
  stored.routed_line.unit = line_unit;
  stored.participants = {requester};
  return stored;
}

void OfferTo(StoredConsult& stored, const std::string& contact) {
  stored.consult.mutable_current_offer()->mutable_practitioner()->set_name(contact);
}

void AssignTo(StoredConsult& stored, const std::string& assignee) {
  stored.consult.set_state(v1::CONSULT_STATE_ACCEPTED);
  stored.consult.clear_current_offer();
  stored.consult.mutable_assignee()->set_name(assignee);
  stored.participants.push_back(assignee);
}

v1::PatientIdentifier Personnummer(const std::string& number) {
  v1::PatientIdentifier patient;
  patient.set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  patient.set_value(number);
  return patient;
}

v1::PatientIdentifier Reservnummer(const std::string& number) {
  v1::PatientIdentifier patient;
  patient.set_kind(v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  patient.set_value(number);
  patient.set_issuing_region("regions/06");
  return patient;
}

std::string Key(const v1::PatientIdentifier& patient) {
  absl::StatusOr<std::string> key = PatientSearchKey(patient, "patient");
  EXPECT_TRUE(key.ok()) << key.status();
  return key.ok() ? *key : std::string();
}

class ConsultListTest : public ::testing::Test {
 protected:
  // Region 06's consults, at an hour apart:
  // - offered: kGp's, offered to kCardiologist now; red.
  // - accepted: kOtherGp's, held by kCardiologist; white, answer overdue.
  // - handed_over: kGp's, held by kCardiologist, then handed over to kOnCall.
  // - escalated: kOtherGp's, on an orthopaedics line: kCardiologist was
  //   offered it by mistake and declined, now offered to kOrthopaedist;
  //   acute, yellow.
  // And region 07's consult "accepted", of the same id.
  void SetUp() override {
    auto database = sql::OpenDatabase(dir_.File("consult.db"));
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    ASSERT_TRUE(sql::ApplyMigrations(*database_, "consult", kConsultMigrations).ok());

    StoredConsult offered = Asked(kOffered, kGp, kHealthCentre, kCardiology, kNoon);
    OfferTo(offered, kCardiologist);
    offered.consult.set_priority(v1::PRIORITY_COLOUR_RED);
    *offered.consult.mutable_update_time() = api::ToProto(kNoon + absl::Hours(5));

    StoredConsult accepted = Asked(kAccepted, kOtherGp, kOtherHealthCentre, kCardiology, kNoon + absl::Hours(1));
    AssignTo(accepted, kCardiologist);
    accepted.consult.set_priority(v1::PRIORITY_COLOUR_WHITE);
    accepted.consult.set_answer_overdue(true);
    *accepted.consult.mutable_update_time() = api::ToProto(kNoon + absl::Hours(4));

    StoredConsult handed_over = Asked(kHandedOver, kGp, kHealthCentre, kCardiology, kNoon + absl::Hours(2));
    AssignTo(handed_over, kCardiologist);
    AssignTo(handed_over, kOnCall);
    *handed_over.consult.mutable_update_time() = api::ToProto(kNoon + absl::Hours(6));

    StoredConsult escalated = Asked(kEscalated, kOtherGp, kOtherHealthCentre, kOrthopaedics, kNoon + absl::Hours(3));
    escalated.consult.set_state(v1::CONSULT_STATE_ESCALATED);
    escalated.consult.set_track(v1::TRACK_ACUTE);
    escalated.consult.set_priority(v1::PRIORITY_COLOUR_YELLOW);
    OfferTo(escalated, kOrthopaedist);

    StoredConsult elsewhere =
        Asked("regions/07/consults/accepted", "regions/07/practitioners/SE2321000058-1001",
              "regions/07/units/SE2321000058-VC01", "regions/07/units/SE2321000058-KARD", kNoon + absl::Hours(1));
    AssignTo(elsewhere, "regions/07/practitioners/SE2321000058-D001");

    for (const StoredConsult* stored : {&offered, &accepted, &handed_over, &escalated, &elsewhere}) {
      ASSERT_TRUE(Insert(*stored).ok()) << stored->consult.name();
    }
  }

  absl::Status Insert(const StoredConsult& stored) {
    return database_->RunInTransaction([&](sql::Transaction& tx) { return InsertConsult(tx, stored); });
  }

  absl::StatusOr<ConsultListPage> List(ConsultListQuery query, const v1::ListConsultsRequest& request) {
    request_ = request;
    request_.set_parent(absl::StrCat("regions/", query.region));
    request_.set_relation(query.relation);
    query.request = &request_;
    return ListConsults(*database_, query);
  }

  // The names of the consults of the first page (of up to 50).
  std::vector<std::string> Names(const ConsultListQuery& query, const v1::ListConsultsRequest& request = {}) {
    absl::StatusOr<ConsultListPage> page = List(query, request);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> names;
    if (!page.ok()) return names;
    EXPECT_THAT(page->next_page_token, IsEmpty());
    for (const StoredConsult& stored : page->consults) names.push_back(stored.consult.name());
    return names;
  }

  std::vector<std::string> Filtered(const std::string& filter) {
    v1::ListConsultsRequest request;
    request.set_filter(filter);
    return Names(Region06(), request);
  }

  std::vector<std::string> Ordered(const std::string& order_by) {
    v1::ListConsultsRequest request;
    request.set_order_by(order_by);
    return Names(Region06(), request);
  }

  static ConsultListQuery Region06() { return {.region = "06"}; }

  static ConsultListQuery Of(const std::string& caller, v1::ConsultRelation relation,
                             std::vector<std::string> units = {}) {
    return {.region = "06", .relation = relation, .caller = caller, .caller_units = std::move(units)};
  }

  static constexpr char kOffered[] = "regions/06/consults/offered";
  static constexpr char kAccepted[] = "regions/06/consults/accepted";
  static constexpr char kHandedOver[] = "regions/06/consults/handed-over";
  static constexpr char kEscalated[] = "regions/06/consults/escalated";

  samspar::testing::TempDir dir_;
  std::unique_ptr<sql::Database> database_;
  v1::ListConsultsRequest request_;
};

TEST_F(ConsultListTest, WithoutARelationEveryConsultOfTheRegionIsListed) {
  EXPECT_THAT(Names(Of(kStranger, v1::CONSULT_RELATION_UNSPECIFIED)),
              UnorderedElementsAre(kOffered, kAccepted, kHandedOver, kEscalated));
}

TEST_F(ConsultListTest, RequestedByMeIsWhatTheCallerAsked) {
  EXPECT_THAT(Names(Of(kGp, v1::CONSULT_RELATION_REQUESTED_BY_ME)), UnorderedElementsAre(kOffered, kHandedOver));
  EXPECT_THAT(Names(Of(kOtherGp, v1::CONSULT_RELATION_REQUESTED_BY_ME)), UnorderedElementsAre(kAccepted, kEscalated));
  EXPECT_THAT(Names(Of(kCardiologist, v1::CONSULT_RELATION_REQUESTED_BY_ME)), IsEmpty());
}

TEST_F(ConsultListTest, AssignedToMeIsWhatTheCallerHoldsNow) {
  // Not the consult kCardiologist handed over.
  EXPECT_THAT(Names(Of(kCardiologist, v1::CONSULT_RELATION_ASSIGNED_TO_ME)), ElementsAre(kAccepted));
  EXPECT_THAT(Names(Of(kOnCall, v1::CONSULT_RELATION_ASSIGNED_TO_ME)), ElementsAre(kHandedOver));
  EXPECT_THAT(Names(Of(kGp, v1::CONSULT_RELATION_ASSIGNED_TO_ME)), IsEmpty());
}

TEST_F(ConsultListTest, OfferedToMeIsOnlyThePendingOffer) {
  // Not the consult kCardiologist declined.
  EXPECT_THAT(Names(Of(kCardiologist, v1::CONSULT_RELATION_OFFERED_TO_ME)), ElementsAre(kOffered));
  EXPECT_THAT(Names(Of(kOrthopaedist, v1::CONSULT_RELATION_OFFERED_TO_ME)), ElementsAre(kEscalated));
  EXPECT_THAT(Names(Of(kOnCall, v1::CONSULT_RELATION_OFFERED_TO_ME)), IsEmpty());
}

TEST_F(ConsultListTest, ParticipatingIsRequesterAssigneeFormerAssigneeOrOfferedContact) {
  // Offered, holding, and handed over; not the one declined.
  EXPECT_THAT(Names(Of(kCardiologist, v1::CONSULT_RELATION_PARTICIPATING)),
              UnorderedElementsAre(kOffered, kAccepted, kHandedOver));
  EXPECT_THAT(Names(Of(kGp, v1::CONSULT_RELATION_PARTICIPATING)), UnorderedElementsAre(kOffered, kHandedOver));
  EXPECT_THAT(Names(Of(kOrthopaedist, v1::CONSULT_RELATION_PARTICIPATING)), ElementsAre(kEscalated));
  EXPECT_THAT(Names(Of(kStranger, v1::CONSULT_RELATION_PARTICIPATING)), IsEmpty());
}

TEST_F(ConsultListTest, MyUnitsIsWhatTheUnitsAskedOrWereAsked) {
  EXPECT_THAT(Names(Of(kCardiologist, v1::CONSULT_RELATION_MY_UNITS, {kCardiology})),
              UnorderedElementsAre(kOffered, kAccepted, kHandedOver));
  EXPECT_THAT(Names(Of(kGp, v1::CONSULT_RELATION_MY_UNITS, {kHealthCentre})),
              UnorderedElementsAre(kOffered, kHandedOver));
  EXPECT_THAT(Names(Of(kGp, v1::CONSULT_RELATION_MY_UNITS, {kHealthCentre, kOrthopaedics})),
              UnorderedElementsAre(kOffered, kHandedOver, kEscalated));
  EXPECT_THAT(Names(Of(kStranger, v1::CONSULT_RELATION_MY_UNITS)), IsEmpty());
}

TEST_F(ConsultListTest, ACallerActingForNoPractitionerIsNoOnesContact) {
  // Consults without a pending offer or an assignee store '' there.
  EXPECT_THAT(Names(Of("", v1::CONSULT_RELATION_OFFERED_TO_ME)), IsEmpty());
  EXPECT_THAT(Names(Of("", v1::CONSULT_RELATION_ASSIGNED_TO_ME)), IsEmpty());
  EXPECT_THAT(Names(Of("", v1::CONSULT_RELATION_PARTICIPATING)), IsEmpty());
}

TEST_F(ConsultListTest, RegionsStayApart) {
  EXPECT_THAT(Names({.region = "07"}), ElementsAre("regions/07/consults/accepted"));
  EXPECT_THAT(Names({.region = "07",
                     .relation = v1::CONSULT_RELATION_MY_UNITS,
                     .caller = kCardiologist,
                     .caller_units = {kCardiology}}),
              IsEmpty());
  EXPECT_THAT(Names({.region = "08"}), IsEmpty());
}

TEST_F(ConsultListTest, FiltersOnStateOrStateAndTrack) {
  EXPECT_THAT(Filtered("state = CONSULT_STATE_OFFERED OR state = CONSULT_STATE_ESCALATED"),
              UnorderedElementsAre(kOffered, kEscalated));
  EXPECT_THAT(Filtered("state = CONSULT_STATE_OFFERED OR state = CONSULT_STATE_ESCALATED AND track = TRACK_ACUTE"),
              ElementsAre(kEscalated));
  EXPECT_THAT(Filtered("state != CONSULT_STATE_ACCEPTED"), UnorderedElementsAre(kOffered, kEscalated));
}

TEST_F(ConsultListTest, FiltersOnAnswerOverdueAndCreateTime) {
  EXPECT_THAT(Filtered("answer_overdue = true"), ElementsAre(kAccepted));
  const std::string two_pm = Rfc3339(kNoon + absl::Hours(2));
  EXPECT_THAT(Filtered(absl::StrCat("create_time >= \"", two_pm, "\"")), UnorderedElementsAre(kHandedOver, kEscalated));
  EXPECT_THAT(Filtered(absl::StrCat("answer_overdue = false AND create_time < \"", two_pm, "\"")),
              ElementsAre(kOffered));
}

TEST_F(ConsultListTest, FiltersOnPeopleUnitsLinesAndOutcome) {
  EXPECT_THAT(Filtered(absl::StrCat("requester = \"", kGp, "\" AND assignee = \"", kOnCall, "\"")),
              ElementsAre(kHandedOver));
  EXPECT_THAT(Filtered(absl::StrCat("requester_unit = \"", kOtherHealthCentre, "\"")),
              UnorderedElementsAre(kAccepted, kEscalated));
  EXPECT_THAT(Filtered(absl::StrCat("routed_line = \"", kOrthopaedics, "/lines/bakjour\"")), ElementsAre(kEscalated));
  EXPECT_THAT(Filtered("outcome = CONSULT_OUTCOME_DIRECT_ADMISSION"), IsEmpty());
}

TEST_F(ConsultListTest, NewestFirstUnlessOrderedOtherwise) {
  EXPECT_THAT(Ordered(""), ElementsAre(kEscalated, kHandedOver, kAccepted, kOffered));
  EXPECT_THAT(Ordered("create_time"), ElementsAre(kOffered, kAccepted, kHandedOver, kEscalated));
}

TEST_F(ConsultListTest, OrdersByUpdateTime) {
  EXPECT_THAT(Ordered("update_time"), ElementsAre(kEscalated, kAccepted, kOffered, kHandedOver));
  EXPECT_THAT(Ordered("update_time desc"), ElementsAre(kHandedOver, kOffered, kAccepted, kEscalated));
}

TEST_F(ConsultListTest, OrdersByPriorityRedFirstAndUnsetLast) {
  EXPECT_THAT(Ordered("priority"), ElementsAre(kOffered, kEscalated, kAccepted, kHandedOver));
  EXPECT_THAT(Ordered("priority desc"), ElementsAre(kHandedOver, kAccepted, kEscalated, kOffered));
}

TEST_F(ConsultListTest, RefusesWhatTheSharedListMachineryRefuses) {
  v1::ListConsultsRequest request;
  request.set_filter("question = \"bröstsmärta\"");
  absl::StatusOr<ConsultListPage> page = List(Region06(), request);
  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(page.status()), "INVALID_FILTER");

  request.Clear();
  request.set_order_by("state");
  page = List(Region06(), request);
  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(page.status()), "INVALID_ORDER_BY");

  page = List({.region = "06", .relation = static_cast<v1::ConsultRelation>(99)}, {});
  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ConsultListTest, PagesListEveryConsultOnceAndAreBoundToTheirRequest) {
  // Two more, created at the same moment as `offered`: ties must not make
  // a page repeat or skip one.
  ASSERT_TRUE(Insert(Asked("regions/06/consults/tie-a", kGp, kHealthCentre, kCardiology, kNoon)).ok());
  ASSERT_TRUE(Insert(Asked("regions/06/consults/tie-b", kGp, kHealthCentre, kCardiology, kNoon)).ok());

  v1::ListConsultsRequest request;
  request.set_page_size(2);
  std::vector<std::string> listed;
  std::vector<std::string> tokens;
  int pages = 0;
  do {
    request.set_page_token(tokens.empty() ? "" : tokens.back());
    absl::StatusOr<ConsultListPage> page = List(Region06(), request);
    ASSERT_TRUE(page.ok()) << page.status();
    ASSERT_LE(page->consults.size(), 2u);
    for (const StoredConsult& stored : page->consults) listed.push_back(stored.consult.name());
    tokens.push_back(page->next_page_token);
    ASSERT_LT(++pages, 10);
  } while (!tokens.back().empty());

  EXPECT_EQ(pages, 3);
  EXPECT_THAT(listed, UnorderedElementsAreArray(std::vector<std::string>{kOffered, kAccepted, kHandedOver, kEscalated,
                                                                         "regions/06/consults/tie-a",
                                                                         "regions/06/consults/tie-b"}));

  v1::ListConsultsRequest changed = request;
  changed.set_page_token(tokens.front());
  changed.set_filter("state = CONSULT_STATE_OFFERED");
  absl::StatusOr<ConsultListPage> refused = List(Region06(), changed);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(refused.status()), "INVALID_PAGE_TOKEN");
}

TEST_F(ConsultListTest, APatientIsFoundUnderAnyIdentifierByThoseWhoTakePart) {
  const std::vector<std::string> numbers = samspar::testing::SkatteverketTestNumbers(2);
  ASSERT_EQ(numbers.size(), 2u);
  const v1::PatientIdentifier reserve = Reservnummer("RES-4711");
  const v1::PatientIdentifier identified = Personnummer(numbers[0]);

  // Asked while the patient was unknown, then identified.
  StoredConsult ours = Asked("regions/06/consults/ours", kGp, kHealthCentre, kCardiology, kNoon);
  AssignTo(ours, kCardiologist);
  *ours.consult.mutable_patient() = identified;
  *ours.consult.add_previous_patient_identifiers() = reserve;
  // The same patient, in a consult kGp and kCardiologist take no part in.
  StoredConsult theirs = Asked("regions/06/consults/theirs", kOtherGp, kOtherHealthCentre, kCardiology, kNoon);
  AssignTo(theirs, kOnCall);
  *theirs.consult.mutable_patient() = identified;
  // Another patient of kGp's.
  StoredConsult other_patient = Asked("regions/06/consults/other-patient", kGp, kHealthCentre, kCardiology, kNoon);
  *other_patient.consult.mutable_patient() = Personnummer(numbers[1]);
  for (const StoredConsult* stored : {&ours, &theirs, &other_patient}) {
    ASSERT_TRUE(Insert(*stored).ok()) << stored->consult.name();
  }

  auto search = [&](const std::string& caller, const v1::PatientIdentifier& patient) {
    return Names({.region = "06", .caller = caller, .patient_key = Key(patient)});
  };
  EXPECT_THAT(search(kGp, reserve), ElementsAre("regions/06/consults/ours"));
  EXPECT_THAT(search(kGp, identified), ElementsAre("regions/06/consults/ours"));
  EXPECT_THAT(search(kCardiologist, reserve), ElementsAre("regions/06/consults/ours"));
  EXPECT_THAT(search(kOnCall, identified), ElementsAre("regions/06/consults/theirs"));
  EXPECT_THAT(search(kStranger, identified), IsEmpty());
  EXPECT_THAT(search(kGp, Personnummer(numbers[1])), ElementsAre("regions/06/consults/other-patient"));
}

TEST_F(ConsultListTest, ListedConsultsComeBackWhole) {
  absl::StatusOr<ConsultListPage> page = List(Of(kOnCall, v1::CONSULT_RELATION_ASSIGNED_TO_ME), {});
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->consults.size(), 1u);
  const StoredConsult& listed = page->consults.front();
  EXPECT_EQ(listed.consult.name(), kHandedOver);
  EXPECT_EQ(listed.consult.assignee().name(), kOnCall);
  EXPECT_EQ(listed.consult.question(), "Förmaksflimmer, antikoagulation inför ingrepp?");
  EXPECT_EQ(listed.routed_line.unit, kCardiology);
  EXPECT_THAT(listed.participants, UnorderedElementsAre(kGp, kCardiologist, kOnCall));
}

}  // namespace
}  // namespace samspar::consult
