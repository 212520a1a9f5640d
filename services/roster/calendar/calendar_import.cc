#include "services/roster/calendar/calendar_import.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/types/optional.h"
#include "common/api/page.h"
#include "common/api/search_text.h"
#include "common/calendar/stockholm_time.h"
#include "common/ids/hsa_id.h"
#include "common/privacy/redact.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/remembered_response.h"
#include "common/store/request_ids.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/directory/directory_refs.h"
#include "services/roster/ical/calendar_reader.h"
#include "services/roster/ical/event_blocks.h"
#include "services/roster/lines/lines.h"
#include "services/roster/roster_version.h"
#include "services/roster/schedules/line_children.h"
#include "services/roster/schedules/schedule_specs.h"
#include "services/roster/schedules/shifts.h"

namespace samspar::roster {
namespace {

constexpr absl::Duration kLongestWindow = absl::Hours(366 * 24);
constexpr size_t kMaxErrors = 1000;

// What the call asks for, apart from the file.
struct ImportCall {
  LineParent line;
  calendar::Interval window;
  v1::OnCallTier tier = v1::ON_CALL_TIER_PRIMARY;
  std::string default_practitioner;  // resource name; empty when unset
};

absl::StatusOr<ImportCall> ReadCall(const v1::ImportShiftsRequest& request, absl::Time now) {
  ImportCall call;
  SAMSPAR_ASSIGN_OR_RETURN(call.line, ParseLineParent(request.parent(), false, "parent"));
  SAMSPAR_RETURN_IF_ERROR(store::ValidateRequestId(request.request_id()));
  if (request.ical().empty()) return FieldError("ical", "FIELD_REQUIRED", "an iCalendar file is required");
  if (!v1::OnCallTier_IsValid(request.tier())) return FieldError("tier", "FIELD_INVALID", "not a tier");
  if (request.tier() != v1::ON_CALL_TIER_UNSPECIFIED) call.tier = request.tier();
  call.window = {now, now + kLongestWindow};
  if (request.has_window()) {
    SAMSPAR_ASSIGN_OR_RETURN(call.window, ReadInterval(request.window(), kLongestWindow, "window"));
  }
  call.default_practitioner = request.default_practitioner();
  return call;
}

// Errors in an event, as against failures of the call or the store.
bool IsEventError(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument || status.code() == absl::StatusCode::kNotFound ||
         status.code() == absl::StatusCode::kFailedPrecondition;
}

v1::ImportError EventError(int line_number, absl::string_view property, absl::string_view reason,
                           absl::string_view description) {
  v1::ImportError error;
  error.set_line_number(line_number);
  error.set_field(std::string(property));
  error.set_reason(std::string(reason));
  error.set_description(privacy::RedactPatientIdentity(description));
  return error;
}

// The reader places a problem at the line of its property; an import error
// is placed at the event's BEGIN:VEVENT line, and its description keeps the
// property's line.
std::vector<v1::ImportError> ProblemErrors(absl::string_view text, const std::vector<ical::ImportProblem>& problems) {
  std::vector<v1::ImportError> errors;
  if (problems.empty()) return errors;
  std::vector<int> begins;
  if (absl::StatusOr<std::vector<ical::EventBlock>> blocks = ical::EventBlocksOf(text); blocks.ok()) {
    for (const ical::EventBlock& block : *blocks) begins.push_back(block.begin_line);
  }
  for (const ical::ImportProblem& problem : problems) {
    const auto after = std::upper_bound(begins.begin(), begins.end(), problem.line_number);
    const int begin = after == begins.begin() ? problem.line_number : *std::prev(after);
    errors.push_back(EventError(begin, problem.property, problem.reason,
                                begin == problem.line_number
                                    ? problem.description
                                    : absl::StrCat(problem.description, " (line ", problem.line_number, ")")));
  }
  return errors;
}

// Who an event puts on call, and which property of the event (or field of
// the request) said so.
struct Named {
  std::string practitioner;  // resource name
  std::string property;
};

// Finds whom each event names. An event that names nobody is an error of
// the event: INVALID_ARGUMENT with its reason and the property as the field.
class People {
 public:
  People(sql::Executor& tx, const ImportCall& call) : tx_(tx), call_(call) {}

  absl::StatusOr<Named> Of(const ical::ImportedEvent& event) {
    if (!event.hsa_id.empty()) {
      absl::StatusOr<ids::HsaId> hsa_id = ids::HsaId::Parse(event.hsa_id);
      if (!hsa_id.ok()) return FieldError("X-HSA-ID", "INVALID_HSA_ID", "not an HSA-id such as SE2321000057-P4K2");
      return Named{PractitionerName(call_.line.region, hsa_id->value()), "X-HSA-ID"};
    }
    for (const std::string& email : event.attendee_emails) {
      SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::string> names, ActiveWithEmail(email));
      if (names.size() == 1) return Named{names.front(), "ATTENDEE"};
      if (names.size() > 1) {
        return FieldError("ATTENDEE", "FIELD_INVALID",
                          "the e-mail of an ATTENDEE is that of more than one practitioner: give X-HSA-ID");
      }
    }
    if (!call_.default_practitioner.empty()) return Named{call_.default_practitioner, "default_practitioner"};
    if (event.attendee_emails.empty()) {
      return FieldError("ATTENDEE", "FIELD_REQUIRED",
                        "the event names nobody: give X-HSA-ID or an ATTENDEE with a practitioner's e-mail, or set "
                        "default_practitioner");
    }
    return FieldError("ATTENDEE", "PRACTITIONER_NOT_FOUND",
                      "no active practitioner of the region has the e-mail of an ATTENDEE, and default_practitioner "
                      "is not set");
  }

 private:
  // The active practitioners of the region with `email` (lower case), by
  // resource name.
  absl::StatusOr<std::vector<std::string>> ActiveWithEmail(const std::string& email) {
    if (auto found = by_email_.find(email); found != by_email_.end()) return found->second;
    // The emails column is a DelimitedList; replace() is exact on every
    // backend, where LIKE is not.
    SAMSPAR_ASSIGN_OR_RETURN(
        std::vector<sql::Row> rows,
        tx_.Query("SELECT name FROM practitioners WHERE region = ? AND state = ? AND REPLACE(emails, ?, '') <> emails "
                  "ORDER BY name",
                  {call_.line.region, static_cast<int>(v1::DIRECTORY_STATE_ACTIVE),
                   api::DelimitedList(std::vector<std::string>{email})}));
    std::vector<std::string> names;
    for (const sql::Row& row : rows) {
      SAMSPAR_ASSIGN_OR_RETURN(std::string name, row.GetText("name"));
      names.push_back(std::move(name));
    }
    by_email_.emplace(email, names);
    return names;
  }

  sql::Executor& tx_;
  const ImportCall& call_;
  absl::flat_hash_map<std::string, std::vector<std::string>> by_email_;
};

calendar::Interval IntervalOf(const v1::Shift& shift) {
  return {FromProto(shift.interval().start_time()), FromProto(shift.interval().end_time())};
}

// Whether writing `shift` over `stored` would change nothing an import sets.
bool Unchanged(const v1::Shift& stored, const v1::Shift& shift) {
  return stored.practitioner().name() == shift.practitioner().name() && TierOf(stored.tier()) == TierOf(shift.tier()) &&
         IntervalOf(stored) == IntervalOf(shift);
}

struct Tally {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int deleted = 0;
};

// The writes of one import, inside its transaction, and what they found.
class Writer {
 public:
  Writer(sql::Transaction& tx, const ImportCall& call, absl::Time now)
      : tx_(tx), call_(call), now_(now), people_(tx, call) {}

  // The call's default practitioner, and the line's shifts imported before:
  // an event updates the one of its UID wherever it lies in time.
  absl::Status Start() {
    if (!call_.default_practitioner.empty()) {
      v1::PractitionerRef ref;
      ref.set_name(call_.default_practitioner);
      SAMSPAR_RETURN_IF_ERROR(
          FillPractitionerRef(tx_, call_.line.region, ref, RequireActive::kYes, "default_practitioner"));
    }
    store::ListQuery imported{
        .where = "parent = ? AND source = ?",
        .params = {sql::Value(call_.line.line), sql::Value(static_cast<int>(v1::SHIFT_SOURCE_ICALENDAR))},
        .order_by = "name",
        .offset = 0,
        .limit = 1 << 30};
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<v1::Shift> shifts, Shifts::Table().List(tx_, imported));
    for (v1::Shift& shift : shifts) {
      std::string uid = shift.external_uid();
      imported_.emplace(std::move(uid), std::move(shift));
    }
    return absl::OkStatus();
  }

  // Creates or updates the shift of `event`, or records why it cannot.
  absl::Status Upsert(const ical::ImportedEvent& event) {
    if (!in_file_.insert(event.uid).second) {
      errors_.push_back(
          EventError(event.line_number, "UID", "DUPLICATE_ROW", "UID: an earlier event has the same UID"));
      return absl::OkStatus();
    }
    absl::StatusOr<Named> named = people_.Of(event);
    if (!named.ok()) {
      if (!IsEventError(named.status())) return named.status();
      errors_.push_back(EventError(event.line_number, FieldOf(named.status()).value_or("ATTENDEE"),
                                   ReasonOrCode(named.status()), named.status().message()));
      return absl::OkStatus();
    }
    absl::optional<v1::Shift> existing;
    if (auto found = imported_.find(event.uid); found != imported_.end()) existing = found->second;
    v1::Shift shift;
    if (existing.has_value()) {
      shift = *existing;
    } else {
      shift.set_name(NewChildName(call_.line.line, "shifts", now_));
      shift.set_source(v1::SHIFT_SOURCE_ICALENDAR);
      shift.set_external_uid(event.uid);
    }
    shift.mutable_practitioner()->Clear();
    shift.mutable_practitioner()->set_name(named->practitioner);
    shift.set_tier(call_.tier);
    *shift.mutable_interval() = ToProto(event.interval);
    if (existing.has_value() && Unchanged(*existing, shift)) {
      ++tally_.unchanged;
      return absl::OkStatus();
    }
    if (existing.has_value() && IntervalOf(*existing).end <= now_) {
      errors_.push_back(EventError(event.line_number, "UID", "SHIFT_ENDED",
                                   "UID: the shift of this event has ended and is kept as it was; import a window "
                                   "that starts later"));
      return absl::OkStatus();
    }
    absl::Status written = Shifts::Write(tx_, call_.line.region, call_.line.line, shift, existing, now_);
    if (!written.ok()) {
      if (!IsEventError(written)) return written;
      errors_.push_back(WriteError(event, written, named->property));
      return absl::OkStatus();
    }
    ++(existing.has_value() ? tally_.updated : tally_.created);
    return absl::OkStatus();
  }

  // Takes out of the window the shifts of the imported tier whose UID has
  // no event in the window any more: deleted when they have not begun,
  // ended when they have (the past stays as it was).
  absl::Status DeleteMissing() {
    const absl::Time cut = std::max(now_, call_.window.start);
    bool deleted = false;
    for (const auto& [uid, shift] : imported_) {
      const calendar::Interval interval = IntervalOf(shift);
      if (in_file_.contains(uid) || TierOf(shift.tier()) != TierOf(call_.tier) || !interval.Overlaps(call_.window) ||
          interval.end <= cut) {
        continue;
      }
      if (interval.start >= cut) {
        SAMSPAR_RETURN_IF_ERROR(Shifts::Table().Delete(tx_, shift.name()));
        ++tally_.deleted;
        deleted = true;
        continue;
      }
      v1::Shift ended = shift;
      *ended.mutable_interval()->mutable_end_time() = ToProto(cut);
      absl::Status written = Shifts::Write(tx_, call_.line.region, call_.line.line, ended, shift, now_);
      // An inactive practitioner is nobody's contact, so their shift gives
      // no duty to end.
      if (ReasonOf(written) == "PRACTITIONER_INACTIVE") continue;
      SAMSPAR_RETURN_IF_ERROR(written);
      ++tally_.updated;
    }
    return deleted ? BumpRosterVersion(tx_) : absl::OkStatus();
  }

  bool HasErrors() const { return !errors_.empty(); }

  // Every error of the file and its events (the first kMaxErrors, by line),
  // or the counts when there is none.
  v1::ImportShiftsResponse Response(std::vector<v1::ImportError> problems, bool validate_only) && {
    v1::ImportShiftsResponse response;
    std::vector<v1::ImportError> errors = std::move(problems);
    std::move(errors_.begin(), errors_.end(), std::back_inserter(errors));
    if (errors.empty()) {
      response.set_applied(!validate_only);
      response.set_created(tally_.created);
      response.set_updated(tally_.updated);
      response.set_unchanged(tally_.unchanged);
      response.set_deleted(tally_.deleted);
      return response;
    }
    std::stable_sort(errors.begin(), errors.end(), [](const v1::ImportError& a, const v1::ImportError& b) {
      return a.line_number() < b.line_number();
    });
    response.set_errors_truncated(errors.size() > kMaxErrors);
    errors.resize(std::min(errors.size(), kMaxErrors));
    for (v1::ImportError& error : errors) *response.add_errors() = std::move(error);
    return response;
  }

 private:
  // An error of Shifts::Write, which names the shift's fields, as one of
  // the event, which has properties: the interval is the event's DTEND,
  // anything else is about the practitioner that `property` named.
  static v1::ImportError WriteError(const ical::ImportedEvent& event, const absl::Status& status,
                                    const std::string& property) {
    const std::string field = FieldOf(status).value_or("");
    const std::string at = absl::StartsWith(field, "shift.interval") ? "DTEND" : property;
    absl::string_view message = status.message();
    if (absl::StartsWith(message, "shift.")) {
      if (const size_t colon = message.find(": "); colon != absl::string_view::npos) message.remove_prefix(colon + 2);
    }
    const std::string description =
        absl::StrReplaceAll(message, {{"shift.interval", "the event"}, {"shift.practitioner", property}});
    return EventError(event.line_number, at, ReasonOrCode(status), absl::StrCat(at, ": ", description));
  }

  sql::Transaction& tx_;
  const ImportCall& call_;
  const absl::Time now_;
  People people_;
  absl::flat_hash_map<std::string, v1::Shift> imported_;  // by external_uid
  absl::flat_hash_set<std::string> in_file_;              // the UIDs of the events read
  std::vector<v1::ImportError> errors_;
  Tally tally_;
};

}  // namespace

CalendarImport::CalendarImport(sql::Database& database) : database_(database) {}

absl::StatusOr<v1::ImportShiftsResponse> CalendarImport::Import(const v1::ImportShiftsRequest& request,
                                                                absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(ImportCall call, ReadCall(request, now));
  SAMSPAR_ASSIGN_OR_RETURN(absl::TimeZone stockholm, calendar::StockholmTimeZone());
  SAMSPAR_ASSIGN_OR_RETURN(ical::ParsedCalendar parsed, ical::ReadCalendar(request.ical(), call.window, stockholm));
  const std::vector<v1::ImportError> problems = ProblemErrors(request.ical(), parsed.problems);

  const store::RequestKey key{call.line.region, "ImportShifts", request.request_id(), api::RequestFingerprint(request)};
  // Rolls the transaction back when the import is not applied; the response
  // still answers the call.
  const absl::Status not_applied = absl::CancelledError("the import is not applied");
  v1::ImportShiftsResponse response;
  absl::Status done = database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::ImportShiftsResponse> earlier,
                             store::EarlierResponse<v1::ImportShiftsResponse>(tx, key));
    if (earlier.has_value()) {
      response = *std::move(earlier);
      return absl::OkStatus();
    }
    SAMSPAR_RETURN_IF_ERROR(Lines::OpenForSchedules(tx, call.line.line).status());
    Writer writer(tx, call, now);
    SAMSPAR_RETURN_IF_ERROR(writer.Start());
    for (const ical::ImportedEvent& event : parsed.events) SAMSPAR_RETURN_IF_ERROR(writer.Upsert(event));
    // With an invalid event the file is not applied, and an event with a
    // problem is not among those read: its shift is not missing.
    if (request.delete_missing() && problems.empty() && !writer.HasErrors()) {
      SAMSPAR_RETURN_IF_ERROR(writer.DeleteMissing());
    }
    response = std::move(writer).Response(problems, request.validate_only());
    if (!response.applied()) return not_applied;
    return store::RememberResponse(tx, key, response, now);
  });
  if (!done.ok() && done != not_applied) return done;
  return response;
}

}  // namespace samspar::roster
