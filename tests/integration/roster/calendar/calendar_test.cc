// ExportCalendar and ImportShifts against a real roster database: a line's
// or a practitioner's duties as an iCalendar document with stable UIDs, and
// a scheduling system's file imported as shifts, all or nothing, by UID.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/stockholm_time.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/calendar/calendar_export.h"
#include "services/roster/calendar/calendar_import.h"
#include "services/roster/directory/practitioners.h"
#include "services/roster/directory/units.h"
#include "services/roster/ical/calendar_reader.h"
#include "services/roster/lines/lines.h"
#include "services/roster/oncall/on_call_answer.h"
#include "services/roster/oncall/schedule_cache.h"
#include "services/roster/schedules/line_overrides.h"
#include "services/roster/schedules/rotations.h"
#include "services/roster/schedules/shifts.h"
#include "tests/integration/roster/roster_builders.h"
#include "tests/support/temp_dir.h"

namespace samspar::roster {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

using testing::Between;
using testing::Doctor;
using testing::kClinic;

absl::TimeZone Stockholm() {
  static const absl::TimeZone zone = [] {
    absl::StatusOr<absl::TimeZone> loaded = calendar::StockholmTimeZone();
    return loaded.ok() ? *loaded : absl::UTCTimeZone();
  }();
  return zone;
}

absl::Time Local(int y, int m, int d, int hh, int mm = 0) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), Stockholm());
}

// A week before summer time starts (Sunday 29 March 2026, 02:00 -> 03:00).
const absl::Time kNow = Local(2026, 3, 20, 12);

// "line 4 X-HSA-ID PRACTITIONER_NOT_FOUND".
std::vector<std::string> Errors(const v1::ImportShiftsResponse& response) {
  std::vector<std::string> errors;
  for (const v1::ImportError& error : response.errors()) {
    errors.push_back(absl::StrCat("line ", error.line_number(), " ", error.field(), " ", error.reason()));
  }
  return errors;
}

// An iCalendar file of `events` (each the lines inside one VEVENT), CRLF as
// calendar programs write it. Its first event begins on line 4.
std::string Ics(const std::vector<std::vector<std::string>>& events) {
  std::vector<std::string> lines = {"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Schemaplanering//Export//SV"};
  for (const std::vector<std::string>& event : events) {
    lines.push_back("BEGIN:VEVENT");
    lines.insert(lines.end(), event.begin(), event.end());
    lines.push_back("END:VEVENT");
  }
  lines.push_back("END:VCALENDAR");
  return absl::StrCat(absl::StrJoin(lines, "\r\n"), "\r\n");
}

std::vector<std::string> Event(absl::string_view uid, absl::string_view start, absl::string_view end,
                               std::vector<std::string> more = {}) {
  std::vector<std::string> lines = {absl::StrCat("UID:", uid), "DTSTAMP:20260301T090000Z",
                                    absl::StrCat("DTSTART;TZID=Europe/Stockholm:", start),
                                    absl::StrCat("DTEND;TZID=Europe/Stockholm:", end), "SUMMARY:Bakjour"};
  lines.insert(lines.end(), more.begin(), more.end());
  return lines;
}

std::vector<std::string> Uids(const ical::ParsedCalendar& parsed) {
  std::vector<std::string> uids;
  for (const ical::ImportedEvent& event : parsed.events) uids.push_back(event.uid);
  return uids;
}

class CalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<sql::Database>> database = testing::OpenRosterDatabase(dir_);
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = *std::move(database);
    ASSERT_TRUE(calendar::StockholmTimeZone().ok());
    schedules_ = std::make_unique<ScheduleCache>(*database_, Stockholm());
    export_ = std::make_unique<CalendarExport>(*database_, *schedules_, Stockholm());
    import_ = std::make_unique<CalendarImport>(*database_);

    v1::CreateUnitRequest unit;
    unit.set_parent("regions/06");
    unit.mutable_unit()->set_hsa_id("SE2321000057-K001");
    unit.mutable_unit()->set_display_name("Medicinkliniken Ryhov");
    unit.mutable_unit()->set_unit_type(v1::UNIT_TYPE_HOSPITAL_CLINIC);
    ASSERT_TRUE(Units(*database_).Create("06", unit, kNow).ok());
    AddDoctor("D001", "Anna", "Berg", "anna.berg@rjl.se");
    AddDoctor("D002", "Erik", "Dahl", "Erik.Dahl@RJL.se");
    AddDoctor("D003", "Karin", "Ek", "");
    acute_ = AddLine("Bakjour internmedicin", v1::LINE_STATE_ACTIVE);
  }

  void AddDoctor(const std::string& id, const std::string& given, const std::string& family, const std::string& email) {
    v1::CreatePractitionerRequest request;
    request.set_parent("regions/06");
    v1::Practitioner& doctor = *request.mutable_practitioner();
    doctor.set_hsa_id("SE2321000057-" + id);
    doctor.set_given_name(given);
    doctor.set_family_name(family);
    doctor.set_title("överläkare");
    doctor.set_profession(v1::PROFESSION_PHYSICIAN);
    doctor.add_units()->set_name(kClinic);
    if (!email.empty()) {
      v1::ContactPoint& mail = *doctor.add_contact_points();
      mail.set_kind(v1::CONTACT_POINT_KIND_EMAIL);
      mail.set_value(email);
    }
    absl::StatusOr<v1::Practitioner> created = Practitioners(*database_).Create("06", request, kNow);
    ASSERT_TRUE(created.ok()) << created.status();
  }

  // Around the clock, the on-call first and then the backup.
  std::string AddLine(const std::string& display_name, v1::LineState state) {
    v1::CreateLineRequest request;
    request.set_parent("regions/06");
    *request.mutable_line() = testing::AcuteLine(display_name);
    request.mutable_line()->set_state(state);
    absl::StatusOr<v1::Line> created = Lines(*database_).Create("06", request, kNow);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->name() : "";
  }

  // Turns of a day handed over at 08:00, from `start`.
  void AddDailyRotation(const std::string& line, const std::vector<std::string>& participants, absl::CivilDay start,
                        v1::OnCallTier tier = v1::ON_CALL_TIER_PRIMARY) {
    v1::CreateRotationRequest request;
    request.set_parent(line);
    *request.mutable_rotation() = testing::DailyRotation(participants, start);
    request.mutable_rotation()->set_tier(tier);
    absl::StatusOr<v1::Rotation> created = Rotations(*database_).Create(request, kNow);
    ASSERT_TRUE(created.ok()) << created.status();
  }

  void AddShift(const std::string& line, const std::string& who, absl::Time start, absl::Time end) {
    v1::CreateShiftRequest request;
    request.set_parent(line);
    request.mutable_shift()->mutable_practitioner()->set_name(who);
    *request.mutable_shift()->mutable_interval() = Between(start, end);
    absl::StatusOr<v1::Shift> created = Shifts(*database_).Create(request, kNow);
    ASSERT_TRUE(created.ok()) << created.status();
  }

  absl::StatusOr<v1::ExportCalendarResponse> ExportLine(const std::string& line, absl::Time start, absl::Time end) {
    v1::ExportCalendarRequest request;
    request.set_line(line);
    *request.mutable_window() = Between(start, end);
    return export_->Export("06", request, kNow);
  }

  // The events of an exported document, read back as a calendar program
  // would.
  ical::ParsedCalendar Read(const std::string& ics) {
    absl::StatusOr<ical::ParsedCalendar> parsed =
        ical::ReadCalendar(ics, {Local(2025, 1, 1, 0), Local(2028, 1, 1, 0)}, Stockholm());
    EXPECT_TRUE(parsed.ok()) << parsed.status();
    if (!parsed.ok()) return {};
    EXPECT_THAT(parsed->problems, IsEmpty());
    return *std::move(parsed);
  }

  // The UIDs the duties of `line` in `window` should have in a calendar.
  std::vector<std::string> DutyUids(const std::string& line, calendar::Interval window) {
    absl::StatusOr<std::shared_ptr<const LoadedLine>> loaded = schedules_->Line(line);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    std::vector<std::string> uids;
    if (!loaded.ok()) return uids;
    for (const Duty& duty : (*loaded)->schedule->DutiesIn(window)) {
      uids.push_back(absl::StrCat(ToDuty(**loaded, duty).id(), "@samspar.se"));
    }
    return uids;
  }

  // The events of the line's calendar for the window.
  std::vector<ical::ImportedEvent> LineEvents(absl::Time start, absl::Time end) {
    absl::StatusOr<v1::ExportCalendarResponse> exported = ExportLine(acute_, start, end);
    EXPECT_TRUE(exported.ok()) << exported.status();
    return exported.ok() ? Read(exported->ical()).events : std::vector<ical::ImportedEvent>{};
  }

  v1::ImportShiftsRequest Request(const std::string& ics) {
    v1::ImportShiftsRequest request;
    request.set_parent(acute_);
    request.set_ical(ics);
    *request.mutable_window() = Between(Local(2026, 3, 20, 0), Local(2026, 5, 1, 0));
    return request;
  }

  v1::ImportShiftsResponse MustImport(const v1::ImportShiftsRequest& request, absl::Time now = kNow) {
    absl::StatusOr<v1::ImportShiftsResponse> response = import_->Import(request, now);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? *response : v1::ImportShiftsResponse();
  }

  std::vector<v1::Shift> StoredShifts() {
    v1::ListShiftsRequest request;
    request.set_parent(acute_);
    request.set_page_size(1000);
    absl::StatusOr<v1::ListShiftsResponse> listed = Shifts(*database_).List(request);
    EXPECT_TRUE(listed.ok()) << listed.status();
    if (!listed.ok()) return {};
    return {listed->shifts().begin(), listed->shifts().end()};
  }

  // "<external_uid> <practitioner HSA-id> <start> - <end>", times in Stockholm.
  std::vector<std::string> StoredSummary() {
    std::vector<std::string> summary;
    for (const v1::Shift& shift : StoredShifts()) {
      summary.push_back(
          absl::StrCat(shift.external_uid(), " ", shift.practitioner().hsa_id(), " ",
                       absl::FormatTime("%Y-%m-%d %H:%M", FromProto(shift.interval().start_time()), Stockholm()), " - ",
                       absl::FormatTime("%Y-%m-%d %H:%M", FromProto(shift.interval().end_time()), Stockholm())));
    }
    return summary;
  }

  samspar::testing::TempDir dir_;
  std::unique_ptr<sql::Database> database_;
  std::unique_ptr<ScheduleCache> schedules_;
  std::unique_ptr<CalendarExport> export_;
  std::unique_ptr<CalendarImport> import_;
  std::string acute_;
};

// ----- Export ----------------------------------------------------------------

TEST_F(CalendarTest, ALinesCalendarHasOneEventPerDutyWithItsIdAndStockholmTime) {
  AddDailyRotation(acute_, {Doctor("D001"), Doctor("D002")}, absl::CivilDay(2026, 3, 27));
  const calendar::Interval window{Local(2026, 3, 27, 8), Local(2026, 3, 31, 8)};
  absl::StatusOr<v1::ExportCalendarResponse> exported = ExportLine(acute_, window.start, window.end);
  ASSERT_TRUE(exported.ok()) << exported.status();

  EXPECT_EQ(exported->file_name(), "bakjour-internmedicin.ics");
  EXPECT_THAT(exported->ical(), HasSubstr("BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"));
  EXPECT_THAT(exported->ical(), HasSubstr("X-WR-CALNAME:Bakjour internmedicin\r\n"));
  // Over the night the clocks go forward, the turn still runs 08:00 to 08:00.
  EXPECT_THAT(exported->ical(), HasSubstr("DTSTART;TZID=Europe/Stockholm:20260328T080000\r\n"
                                          "DTEND;TZID=Europe/Stockholm:20260329T080000\r\n"));
  EXPECT_TRUE(exported->feed_url().empty());

  const ical::ParsedCalendar parsed = Read(exported->ical());
  const std::vector<std::string> uids = DutyUids(acute_, window);
  ASSERT_THAT(uids, SizeIs(4));
  EXPECT_EQ(Uids(parsed), uids);
  ASSERT_THAT(parsed.events, SizeIs(4));
  EXPECT_EQ(parsed.events[1].interval, (calendar::Interval{Local(2026, 3, 28, 8), Local(2026, 3, 29, 8)}));
  EXPECT_EQ(parsed.events[1].interval.length(), absl::Hours(23));
  EXPECT_EQ(parsed.events[0].summary, "Bakjour internmedicin, primary: Anna Berg, överläkare");
  EXPECT_EQ(parsed.events[1].summary, "Bakjour internmedicin, primary: Erik Dahl, överläkare");
  EXPECT_THAT(exported->ical(), HasSubstr("DESCRIPTION:Turn 1 of 2 in rotation Bakjour dygn\r\n"));
}

TEST_F(CalendarTest, ADutyKeepsItsUidAndTimesInAnotherWindow) {
  AddDailyRotation(acute_, {Doctor("D001"), Doctor("D002")}, absl::CivilDay(2026, 3, 27));
  absl::StatusOr<v1::ExportCalendarResponse> wide = ExportLine(acute_, Local(2026, 3, 27, 8), Local(2026, 3, 31, 8));
  // Starts in the middle of the turn of the 28th.
  absl::StatusOr<v1::ExportCalendarResponse> narrow =
      ExportLine(acute_, Local(2026, 3, 28, 13, 30), Local(2026, 3, 29, 0));
  ASSERT_TRUE(wide.ok()) << wide.status();
  ASSERT_TRUE(narrow.ok()) << narrow.status();

  const ical::ParsedCalendar all = Read(wide->ical());
  const ical::ParsedCalendar one = Read(narrow->ical());
  ASSERT_THAT(all.events, SizeIs(4));
  ASSERT_THAT(one.events, SizeIs(1));
  EXPECT_EQ(one.events[0].uid, all.events[1].uid);
  EXPECT_EQ(one.events[0].interval, (calendar::Interval{Local(2026, 3, 28, 8), Local(2026, 3, 29, 8)}));
}

TEST_F(CalendarTest, TheTwoPartsOfADutyAroundAnOverrideHaveTheirOwnUids) {
  AddDailyRotation(acute_, {Doctor("D001")}, absl::CivilDay(2026, 3, 27));
  v1::CreateOverrideRequest request;
  request.set_parent(acute_);
  v1::Override& off = *request.mutable_override();
  off.set_kind(v1::OVERRIDE_KIND_REMOVE);
  off.mutable_practitioner()->set_name(Doctor("D001"));
  *off.mutable_interval() = Between(Local(2026, 3, 28, 12), Local(2026, 3, 28, 14));
  off.set_reason("Tandläkare");
  v1::Actor creator;
  creator.set_kind(v1::ACTOR_KIND_PERSON);
  ASSERT_TRUE(Overrides(*database_).Create(request, creator, kNow).ok());

  absl::StatusOr<v1::ExportCalendarResponse> day = ExportLine(acute_, Local(2026, 3, 28, 9), Local(2026, 3, 28, 23));
  absl::StatusOr<v1::ExportCalendarResponse> afternoon =
      ExportLine(acute_, Local(2026, 3, 28, 15), Local(2026, 3, 28, 16));
  ASSERT_TRUE(day.ok()) << day.status();
  ASSERT_TRUE(afternoon.ok()) << afternoon.status();

  const ical::ParsedCalendar parts = Read(day->ical());
  ASSERT_THAT(parts.events, SizeIs(2));
  EXPECT_NE(parts.events[0].uid, parts.events[1].uid);
  EXPECT_EQ(parts.events[1].interval, (calendar::Interval{Local(2026, 3, 28, 14), Local(2026, 3, 29, 8)}));
  EXPECT_THAT(Uids(Read(afternoon->ical())), ElementsAre(parts.events[1].uid));
}

TEST_F(CalendarTest, APractitionersCalendarHoldsTheirDutiesOnEveryActiveLine) {
  const std::string cardiology = AddLine("Kardiologkonsult", v1::LINE_STATE_ACTIVE);
  const std::string planned = AddLine("Bakjour geriatrik", v1::LINE_STATE_DRAFT);
  AddDailyRotation(acute_, {Doctor("D001"), Doctor("D002")}, absl::CivilDay(2026, 3, 27));
  AddShift(cardiology, Doctor("D001"), Local(2026, 3, 28, 13), Local(2026, 3, 28, 17));
  AddShift(cardiology, Doctor("D002"), Local(2026, 3, 28, 8), Local(2026, 3, 28, 12));
  AddShift(planned, Doctor("D001"), Local(2026, 3, 28, 8), Local(2026, 3, 28, 17));

  v1::ExportCalendarRequest request;
  request.set_practitioner(Doctor("D001"));
  *request.mutable_window() = Between(Local(2026, 3, 27, 0), Local(2026, 3, 31, 0));
  absl::StatusOr<v1::ExportCalendarResponse> exported = export_->Export("06", request, kNow);
  ASSERT_TRUE(exported.ok()) << exported.status();

  EXPECT_EQ(exported->file_name(), "anna-berg-overlakare.ics");
  const ical::ParsedCalendar parsed = Read(exported->ical());
  std::vector<std::string> seen;
  for (const ical::ImportedEvent& event : parsed.events) {
    seen.push_back(absl::StrCat(event.summary, " ", absl::FormatTime("%d %H:%M", event.interval.start, Stockholm())));
  }
  EXPECT_THAT(seen, ElementsAre("Bakjour internmedicin, primary 27 08:00", "Kardiologkonsult, primary 28 13:00",
                                "Bakjour internmedicin, primary 29 08:00"));
}

TEST_F(CalendarTest, TiersFilterTheDuties) {
  AddDailyRotation(acute_, {Doctor("D001")}, absl::CivilDay(2026, 3, 27));
  AddDailyRotation(acute_, {Doctor("D002")}, absl::CivilDay(2026, 3, 27), v1::ON_CALL_TIER_BACKUP);
  v1::ExportCalendarRequest request;
  request.set_line(acute_);
  *request.mutable_window() = Between(Local(2026, 3, 27, 8), Local(2026, 3, 28, 8));
  request.add_tiers(v1::ON_CALL_TIER_BACKUP);
  absl::StatusOr<v1::ExportCalendarResponse> exported = export_->Export("06", request, kNow);
  ASSERT_TRUE(exported.ok()) << exported.status();

  const ical::ParsedCalendar parsed = Read(exported->ical());
  ASSERT_THAT(parsed.events, SizeIs(1));
  EXPECT_EQ(parsed.events[0].summary, "Bakjour internmedicin, backup: Erik Dahl, överläkare");
}

TEST_F(CalendarTest, TheFeedCoversSevenDaysBackAndNinetyAhead) {
  AddShift(acute_, Doctor("D001"), kNow - absl::Hours(24 * 10), kNow - absl::Hours(24 * 9));
  AddShift(acute_, Doctor("D001"), kNow - absl::Hours(24 * 5), kNow - absl::Hours(24 * 4));
  AddShift(acute_, Doctor("D001"), kNow + absl::Hours(24 * 80), kNow + absl::Hours(24 * 81));
  AddShift(acute_, Doctor("D001"), kNow + absl::Hours(24 * 100), kNow + absl::Hours(24 * 101));

  for (const bool is_line : {true, false}) {
    absl::StatusOr<std::string> feed = export_->FeedDocument("06", is_line, is_line ? acute_ : Doctor("D001"), kNow);
    ASSERT_TRUE(feed.ok()) << feed.status();
    std::vector<absl::Time> starts;
    for (const ical::ImportedEvent& event : Read(*feed).events) starts.push_back(event.interval.start);
    EXPECT_THAT(starts, ElementsAre(kNow - absl::Hours(24 * 5), kNow + absl::Hours(24 * 80))) << is_line;
  }
  EXPECT_EQ(ReasonOf(export_->FeedDocument("06", false, Doctor("X404"), kNow).status()), "PRACTITIONER_NOT_FOUND");
  EXPECT_EQ(ReasonOf(export_->FeedDocument("01", true, acute_, kNow).status()), "LINE_NOT_FOUND");
}

TEST_F(CalendarTest, ExportRefusesWhatItCannotShow) {
  v1::ExportCalendarRequest request;
  EXPECT_EQ(ReasonOf(export_->Export("06", request, kNow).status()), "FIELD_REQUIRED");
  request.set_line(acute_);
  *request.mutable_window() = Between(kNow, kNow + absl::Hours(24 * 367));
  absl::Status status = export_->Export("06", request, kNow).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(status), "INVALID_TIME_RANGE");
  *request.mutable_window() = Between(kNow, kNow + absl::Hours(24 * 366));
  EXPECT_TRUE(export_->Export("06", request, kNow).ok());
  request.set_line("regions/06/lines/01j5q3v8ht2m9kx4c7r6wfzn0d");
  status = export_->Export("06", request, kNow).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(status), "LINE_NOT_FOUND");
  request.set_practitioner(Doctor("X404"));
  EXPECT_EQ(ReasonOf(export_->Export("06", request, kNow).status()), "PRACTITIONER_NOT_FOUND");
}

// ----- Import ----------------------------------------------------------------

TEST_F(CalendarTest, ImportFindsThePractitionerByHsaIdEmailOrDefault) {
  const std::string ics = Ics({
      Event("pass-1@schema.rjl.se", "20260401T080000", "20260401T170000", {"X-HSA-ID:SE2321000057-D001"}),
      Event("pass-2@schema.rjl.se", "20260402T080000", "20260402T170000",
            {"ATTENDEE;CN=Schemaläggare:mailto:schema@rjl.se", "ATTENDEE;CN=\"Dahl, Erik\":MAILTO:erik.dahl@rjl.se"}),
      Event("pass-3@schema.rjl.se", "20260403T080000", "20260403T170000"),
  });
  v1::ImportShiftsRequest request = Request(ics);
  request.set_default_practitioner(Doctor("D003"));
  request.set_tier(v1::ON_CALL_TIER_BACKUP);

  const v1::ImportShiftsResponse first = MustImport(request);
  EXPECT_THAT(Errors(first), IsEmpty());
  EXPECT_TRUE(first.applied());
  EXPECT_EQ(first.created(), 3);
  EXPECT_THAT(StoredSummary(),
              UnorderedElementsAre("pass-1@schema.rjl.se SE2321000057-D001 2026-04-01 08:00 - 2026-04-01 17:00",
                                   "pass-2@schema.rjl.se SE2321000057-D002 2026-04-02 08:00 - 2026-04-02 17:00",
                                   "pass-3@schema.rjl.se SE2321000057-D003 2026-04-03 08:00 - 2026-04-03 17:00"));
  const std::vector<v1::Shift> stored = StoredShifts();
  for (const v1::Shift& shift : stored) {
    EXPECT_EQ(shift.source(), v1::SHIFT_SOURCE_ICALENDAR);
    EXPECT_EQ(shift.tier(), v1::ON_CALL_TIER_BACKUP);
  }

  const v1::ImportShiftsResponse again = MustImport(request, kNow + absl::Hours(1));
  EXPECT_TRUE(again.applied());
  EXPECT_EQ(again.unchanged(), 3);
  EXPECT_EQ(again.created() + again.updated() + again.deleted(), 0);
  std::vector<std::string> etags, etags_again;
  for (const v1::Shift& shift : stored) etags.push_back(shift.etag());
  for (const v1::Shift& shift : StoredShifts()) etags_again.push_back(shift.etag());
  EXPECT_EQ(etags_again, etags);
}

TEST_F(CalendarTest, AMovedEventUpdatesItsShiftAndAMissingOneIsDeleted) {
  const v1::ImportShiftsResponse first = MustImport(Request(Ics({
      Event("a@schema.rjl.se", "20260401T080000", "20260401T170000", {"X-HSA-ID:SE2321000057-D001"}),
      Event("b@schema.rjl.se", "20260402T080000", "20260402T170000", {"X-HSA-ID:SE2321000057-D002"}),
      Event("c@schema.rjl.se", "20260403T080000", "20260403T170000", {"X-HSA-ID:SE2321000057-D002"}),
  })));
  ASSERT_EQ(first.created(), 3) << absl::StrJoin(Errors(first), "; ");
  EXPECT_THAT(LineEvents(Local(2026, 4, 1, 0), Local(2026, 4, 4, 0)), SizeIs(3));

  v1::ImportShiftsRequest resync = Request(Ics({
      Event("a@schema.rjl.se", "20260401T120000", "20260401T200000", {"X-HSA-ID:SE2321000057-D001"}),
      Event("b@schema.rjl.se", "20260402T080000", "20260402T170000", {"X-HSA-ID:SE2321000057-D002"}),
  }));
  resync.set_delete_missing(true);
  const v1::ImportShiftsResponse second = MustImport(resync);
  EXPECT_THAT(Errors(second), IsEmpty());
  EXPECT_TRUE(second.applied());
  EXPECT_EQ(second.updated(), 1);
  EXPECT_EQ(second.unchanged(), 1);
  EXPECT_EQ(second.deleted(), 1);
  EXPECT_EQ(second.created(), 0);
  EXPECT_THAT(StoredSummary(),
              UnorderedElementsAre("a@schema.rjl.se SE2321000057-D001 2026-04-01 12:00 - 2026-04-01 20:00",
                                   "b@schema.rjl.se SE2321000057-D002 2026-04-02 08:00 - 2026-04-02 17:00"));
  // Answers see the change at once.
  std::vector<std::string> starts;
  for (const ical::ImportedEvent& event : LineEvents(Local(2026, 4, 1, 0), Local(2026, 4, 4, 0))) {
    starts.push_back(absl::FormatTime("%d %H:%M", event.interval.start, Stockholm()));
  }
  EXPECT_THAT(starts, ElementsAre("01 12:00", "02 08:00"));

  // A deletion alone is seen at once too.
  resync = Request(Ics({
      Event("a@schema.rjl.se", "20260401T120000", "20260401T200000", {"X-HSA-ID:SE2321000057-D001"}),
  }));
  resync.set_delete_missing(true);
  const v1::ImportShiftsResponse third = MustImport(resync);
  EXPECT_EQ(third.unchanged(), 1);
  EXPECT_EQ(third.deleted(), 1);
  EXPECT_THAT(LineEvents(Local(2026, 4, 1, 0), Local(2026, 4, 4, 0)), SizeIs(1));
}

TEST_F(CalendarTest, DeleteMissingEndsAShiftThatHasBegunAndSparesOtherTiers) {
  const v1::ImportShiftsResponse first = MustImport(Request(Ics({
      Event("natt@schema.rjl.se", "20260401T200000", "20260402T080000", {"X-HSA-ID:SE2321000057-D001"}),
  })));
  ASSERT_EQ(first.created(), 1) << absl::StrJoin(Errors(first), "; ");
  v1::ImportShiftsRequest backup = Request(Ics({
      Event("reserv@schema.rjl.se", "20260402T080000", "20260402T170000", {"X-HSA-ID:SE2321000057-D002"}),
  }));
  backup.set_tier(v1::ON_CALL_TIER_BACKUP);
  backup.set_delete_missing(true);
  const v1::ImportShiftsResponse second = MustImport(backup);
  EXPECT_EQ(second.created(), 1);
  EXPECT_EQ(second.deleted(), 0);

  v1::ImportShiftsRequest empty = Request(Ics({}));
  empty.set_delete_missing(true);
  const v1::ImportShiftsResponse third = MustImport(empty, Local(2026, 4, 2, 1));
  EXPECT_TRUE(third.applied());
  EXPECT_EQ(third.updated(), 1);
  EXPECT_EQ(third.deleted(), 0);
  EXPECT_THAT(StoredSummary(),
              UnorderedElementsAre("natt@schema.rjl.se SE2321000057-D001 2026-04-01 20:00 - 2026-04-02 01:00",
                                   "reserv@schema.rjl.se SE2321000057-D002 2026-04-02 08:00 - 2026-04-02 17:00"));
}

TEST_F(CalendarTest, AShiftThatHasEndedIsKeptAsItWas) {
  v1::ImportShiftsRequest request = Request(Ics({
      Event("a@schema.rjl.se", "20260401T080000", "20260401T170000", {"X-HSA-ID:SE2321000057-D001"}),
  }));
  ASSERT_EQ(MustImport(request).created(), 1);

  request.set_ical(Ics({
      Event("a@schema.rjl.se", "20260401T090000", "20260401T170000", {"X-HSA-ID:SE2321000057-D001"}),
  }));
  const v1::ImportShiftsResponse late = MustImport(request, Local(2026, 4, 2, 12));
  EXPECT_FALSE(late.applied());
  EXPECT_THAT(Errors(late), ElementsAre("line 4 UID SHIFT_ENDED"));
  EXPECT_THAT(StoredSummary(), ElementsAre("a@schema.rjl.se SE2321000057-D001 2026-04-01 08:00 - 2026-04-01 17:00"));
}

struct BadEventCase {
  std::string name;
  std::vector<std::string> event;
  std::string field;
  std::string reason;
};

class BadEventTest : public CalendarTest, public ::testing::WithParamInterface<BadEventCase> {};

TEST_P(BadEventTest, OneBadEventMeansNothingIsApplied) {
  const BadEventCase& c = GetParam();
  const std::string ics = Ics({
      Event("ok@schema.rjl.se", "20260401T080000", "20260401T170000", {"X-HSA-ID:SE2321000057-D001"}),
      c.event,
      Event("ok-too@schema.rjl.se", "20260403T080000", "20260403T170000", {"X-HSA-ID:SE2321000057-D002"}),
  });
  // After the header (3 lines) and the first event (BEGIN, 6 lines, END).
  constexpr int kBegin = 12;
  const v1::ImportShiftsResponse response = MustImport(Request(ics));
  EXPECT_FALSE(response.applied());
  EXPECT_THAT(Errors(response), ElementsAre(absl::StrCat("line ", kBegin, " ", c.field, " ", c.reason)));
  EXPECT_EQ(response.created(), 0);
  EXPECT_THAT(StoredShifts(), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Events, BadEventTest,
    ::testing::Values(
        BadEventCase{
            "UnknownEmail",
            Event("x@schema.rjl.se", "20260402T080000", "20260402T170000", {"ATTENDEE:mailto:vikarie@bemanning.se"}),
            "ATTENDEE", "PRACTITIONER_NOT_FOUND"},
        BadEventCase{"UnknownHsaId",
                     Event("x@schema.rjl.se", "20260402T080000", "20260402T170000", {"X-HSA-ID:SE2321000057-X404"}),
                     "X-HSA-ID", "PRACTITIONER_NOT_FOUND"},
        BadEventCase{"NobodyNamed", Event("x@schema.rjl.se", "20260402T080000", "20260402T170000", {"COMMENT:-"}),
                     "ATTENDEE", "FIELD_REQUIRED"},
        BadEventCase{"EndBeforeStart",
                     Event("x@schema.rjl.se", "20260402T170000", "20260402T080000", {"X-HSA-ID:SE2321000057-D001"}),
                     "DTEND", "INVALID_TIME_RANGE"},
        BadEventCase{"FortyDays",
                     Event("x@schema.rjl.se", "20260402T080000", "20260512T080000", {"X-HSA-ID:SE2321000057-D001"}),
                     "DTEND", "INVALID_TIME_RANGE"}),
    [](const ::testing::TestParamInfo<BadEventCase>& test) { return test.param.name; });

TEST_F(CalendarTest, ErrorsAreCutAtAThousand) {
  std::vector<std::vector<std::string>> events;
  for (int i = 0; i < 1001; ++i) {
    events.push_back(Event(absl::StrCat("bad-", i), "20260402T170000", "20260402T080000"));
  }
  const v1::ImportShiftsResponse response = MustImport(Request(Ics(events)));
  EXPECT_FALSE(response.applied());
  EXPECT_TRUE(response.errors_truncated());
  EXPECT_EQ(response.errors_size(), 1000);
  EXPECT_EQ(response.errors(0).line_number(), 4);
}

TEST_F(CalendarTest, ValidateOnlyCountsAndStoresNothing) {
  v1::ImportShiftsRequest request = Request(Ics({
      Event("a@schema.rjl.se", "20260401T080000", "20260401T170000", {"X-HSA-ID:SE2321000057-D001"}),
      Event("b@schema.rjl.se", "20260402T080000", "20260402T170000", {"ATTENDEE:mailto:anna.berg@rjl.se"}),
  }));
  request.set_validate_only(true);
  const v1::ImportShiftsResponse response = MustImport(request);
  EXPECT_THAT(Errors(response), IsEmpty());
  EXPECT_FALSE(response.applied());
  EXPECT_EQ(response.created(), 2);
  EXPECT_THAT(StoredShifts(), IsEmpty());
}

TEST_F(CalendarTest, ARetryWithTheRequestIdAnswersAsTheFirstCall) {
  v1::ImportShiftsRequest request = Request(Ics({
      Event("a@schema.rjl.se", "20260401T080000", "20260401T170000", {"X-HSA-ID:SE2321000057-D001"}),
      Event("b@schema.rjl.se", "20260402T080000", "20260402T170000", {"X-HSA-ID:SE2321000057-D002"}),
  }));
  request.set_request_id("3f0e2f1c-6a0e-4b7e-9a57-0d1b2c3d4e5f");
  const v1::ImportShiftsResponse first = MustImport(request);
  ASSERT_EQ(first.created(), 2);

  const v1::ImportShiftsResponse retried = MustImport(request, kNow + absl::Minutes(1));
  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());
  EXPECT_THAT(StoredShifts(), SizeIs(2));

  request.set_delete_missing(true);
  absl::Status reused = import_->Import(request, kNow).status();
  EXPECT_EQ(reused.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(reused), "REQUEST_ID_REUSED");

  request.set_request_id("not-a-uuid");
  EXPECT_EQ(FieldOf(import_->Import(request, kNow).status()), "request_id");
}

TEST_F(CalendarTest, ARejectedImportIsNotRememberedByItsRequestId) {
  v1::ImportShiftsRequest request = Request(Ics({
      Event("a@schema.rjl.se", "20260401T080000", "20260401T170000", {"ATTENDEE:mailto:ny.lakare@rjl.se"}),
  }));
  request.set_request_id("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  EXPECT_FALSE(MustImport(request).applied());
  AddDoctor("D004", "Nils", "Ny", "ny.lakare@rjl.se");
  const v1::ImportShiftsResponse retried = MustImport(request);
  EXPECT_TRUE(retried.applied());
  EXPECT_EQ(retried.created(), 1);
}

TEST_F(CalendarTest, AWeeklyEventIsImportedAsOneShiftPerOccurrenceInTheWindow) {
  // Mondays 08:00-17:00 from 16 March, across the change to summer time on
  // 29 March; the window starts on the 20th.
  const v1::ImportShiftsResponse response = MustImport(Request(Ics({
      Event("mandag@schema.rjl.se", "20260316T080000", "20260316T170000",
            {"RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5", "X-HSA-ID:SE2321000057-D001"}),
  })));
  EXPECT_THAT(Errors(response), IsEmpty());
  EXPECT_EQ(response.created(), 4);
  EXPECT_THAT(StoredSummary(),
              UnorderedElementsAre(
                  "mandag@schema.rjl.se/20260323T070000Z SE2321000057-D001 2026-03-23 08:00 - 2026-03-23 17:00",
                  "mandag@schema.rjl.se/20260330T060000Z SE2321000057-D001 2026-03-30 08:00 - 2026-03-30 17:00",
                  "mandag@schema.rjl.se/20260406T060000Z SE2321000057-D001 2026-04-06 08:00 - 2026-04-06 17:00",
                  "mandag@schema.rjl.se/20260413T060000Z SE2321000057-D001 2026-04-13 08:00 - 2026-04-13 17:00"));
}

TEST_F(CalendarTest, AWindowsTimeZoneNameIsHonouredAcrossTheAutumnChange) {
  v1::ImportShiftsRequest request = Request(Ics({{
      "UID:AAMkAGI2TG93AAA=@outlook.rjl.se",
      "DTSTART;TZID=W. Europe Standard Time:20261024T220000",
      "DTEND;TZID=W. Europe Standard Time:20261025T080000",
      "SUMMARY:Nattjour",
      "X-HSA-ID:SE2321000057-D002",
  }}));
  *request.mutable_window() = Between(Local(2026, 10, 1, 0), Local(2026, 11, 1, 0));
  const v1::ImportShiftsResponse response = MustImport(request);
  EXPECT_THAT(Errors(response), IsEmpty());
  ASSERT_EQ(response.created(), 1);
  const std::vector<v1::Shift> stored = StoredShifts();
  ASSERT_THAT(stored, SizeIs(1));
  // 22:00 summer time to 08:00 winter time: eleven hours.
  EXPECT_EQ(FromProto(stored[0].interval().start_time()),
            absl::FromCivil(absl::CivilSecond(2026, 10, 24, 20, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(FromProto(stored[0].interval().end_time()) - FromProto(stored[0].interval().start_time()), absl::Hours(11));
}

TEST_F(CalendarTest, ImportRefusesCallsItCannotTake) {
  v1::ImportShiftsRequest request = Request("Datum;Namn;Pass\r\n2026-04-01;Anna Berg;Bakjour\r\n");
  absl::Status status = import_->Import(request, kNow).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(status), "FIELD_INVALID");
  EXPECT_EQ(FieldOf(status), "ical");

  request = Request(Ics({Event("a@schema.rjl.se", "20260401T080000", "20260401T170000")}));
  *request.mutable_window() = Between(kNow, kNow + absl::Hours(24 * 367));
  EXPECT_EQ(ReasonOf(import_->Import(request, kNow).status()), "INVALID_TIME_RANGE");

  request = Request(Ics({Event("a@schema.rjl.se", "20260401T080000", "20260401T170000")}));
  request.set_default_practitioner(Doctor("X404"));
  status = import_->Import(request, kNow).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(status), "PRACTITIONER_NOT_FOUND");

  request.clear_default_practitioner();
  request.set_parent("regions/06/lines/01j5q3v8ht2m9kx4c7r6wfzn0d");
  status = import_->Import(request, kNow).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(status), "LINE_NOT_FOUND");

  v1::UpdateLineRequest retire;
  retire.mutable_line()->set_name(acute_);
  retire.mutable_line()->set_state(v1::LINE_STATE_RETIRED);
  retire.mutable_update_mask()->add_paths("state");
  ASSERT_TRUE(Lines(*database_).Update(retire, kNow).ok());
  request.set_parent(acute_);
  status = import_->Import(request, kNow).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(status), "LINE_RETIRED");
}

}  // namespace
}  // namespace samspar::roster
