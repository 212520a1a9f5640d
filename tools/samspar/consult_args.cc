#include "tools/samspar/consult_args.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "common/ids/personnummer.h"
#include "google/protobuf/descriptor.h"

namespace samspar::cli {
namespace {

struct Choice {
  std::string name;
  int value;
};

// Every value of an enum but the unset one, by its short name.
std::vector<Choice> ChoicesOf(const google::protobuf::EnumDescriptor* descriptor, absl::string_view prefix) {
  std::vector<Choice> choices;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = descriptor->value(i);
    if (value->number() != 0) choices.push_back({ChoiceName(value->name(), prefix), value->number()});
  }
  return choices;
}

// `text` written as a choice name: lower case, '-' between words, and
// without the enum's prefix when it was typed in full.
std::string Normalized(absl::string_view text, absl::string_view prefix) {
  const std::string lowered = ChoiceName(absl::StripAsciiWhitespace(text), "");
  absl::string_view written = lowered;
  absl::ConsumePrefix(&written, ChoiceName(prefix, ""));
  return std::string(written);
}

absl::StatusOr<int> Pick(const std::vector<Choice>& choices, absl::string_view text, absl::string_view prefix) {
  const std::string written = Normalized(text, prefix);
  std::vector<std::string> names;
  for (const Choice& choice : choices) {
    if (choice.name == written) return choice.value;
    names.push_back(choice.name);
  }
  return absl::InvalidArgumentError(absl::StrCat("must be one of: ", absl::StrJoin(names, ", ")));
}

}  // namespace

std::string ChoiceName(absl::string_view enum_name, absl::string_view prefix) {
  absl::ConsumePrefix(&enum_name, prefix);
  return absl::StrReplaceAll(absl::AsciiStrToLower(enum_name), {{"_", "-"}});
}

absl::StatusOr<v1::Track> ParseConsultTrack(absl::string_view text) {
  // Multidisciplinary conferences are asked for through ConferenceService,
  // so they are not offered here.
  const std::vector<Choice> choices = {{"acute", v1::TRACK_ACUTE},
                                       {"semi-acute", v1::TRACK_SEMI_ACUTE},
                                       {"primary-care", v1::TRACK_ACCESSIBLE_PRIMARY_CARE}};
  if (Normalized(text, "TRACK_") == "accessible-primary-care") return v1::TRACK_ACCESSIBLE_PRIMARY_CARE;
  absl::StatusOr<int> track = Pick(choices, text, "TRACK_");
  if (!track.ok()) return track.status();
  return static_cast<v1::Track>(*track);
}

absl::StatusOr<v1::ConsultOutcome> ParseOutcome(absl::string_view text) {
  absl::StatusOr<int> outcome =
      Pick(ChoicesOf(v1::ConsultOutcome_descriptor(), "CONSULT_OUTCOME_"), text, "CONSULT_OUTCOME_");
  if (!outcome.ok()) return outcome.status();
  return static_cast<v1::ConsultOutcome>(*outcome);
}

absl::StatusOr<v1::DeclineReason> ParseDeclineReason(absl::string_view text) {
  absl::StatusOr<int> reason =
      Pick(ChoicesOf(v1::DeclineReason_descriptor(), "DECLINE_REASON_"), text, "DECLINE_REASON_");
  if (!reason.ok()) return reason.status();
  return static_cast<v1::DeclineReason>(*reason);
}

absl::StatusOr<v1::PriorityColour> ParsePriority(absl::string_view text) {
  absl::StatusOr<int> priority =
      Pick(ChoicesOf(v1::PriorityColour_descriptor(), "PRIORITY_COLOUR_"), text, "PRIORITY_COLOUR_");
  if (!priority.ok()) return priority.status();
  return static_cast<v1::PriorityColour>(*priority);
}

absl::StatusOr<v1::RubBand> ParseRubBand(int band) {
  if (band < 1 || band > 5) {
    return absl::InvalidArgumentError("must be a RUB band from 1 to 5");
  }
  return static_cast<v1::RubBand>(band);
}

absl::StatusOr<v1::ConsultRelation> ParseRelation(absl::string_view text) {
  if (absl::StripAsciiWhitespace(text).empty()) return v1::CONSULT_RELATION_UNSPECIFIED;
  const std::vector<Choice> choices = {{"requested", v1::CONSULT_RELATION_REQUESTED_BY_ME},
                                       {"assigned", v1::CONSULT_RELATION_ASSIGNED_TO_ME},
                                       {"offered", v1::CONSULT_RELATION_OFFERED_TO_ME},
                                       {"participating", v1::CONSULT_RELATION_PARTICIPATING},
                                       {"units", v1::CONSULT_RELATION_MY_UNITS}};
  absl::StatusOr<int> relation = Pick(choices, text, "CONSULT_RELATION_");
  if (!relation.ok()) return relation.status();
  return static_cast<v1::ConsultRelation>(*relation);
}

absl::StatusOr<std::string> ExpandName(absl::string_view region, absl::string_view collection, absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (absl::StartsWith(text, "regions/")) return std::string(text);
  if (text.empty() || absl::StrContains(text, '/')) {
    return absl::InvalidArgumentError(absl::StrCat("must be an id or a name regions/{region}/", collection, "/{id}"));
  }
  return absl::StrCat("regions/", region, "/", collection, "/", text);
}

absl::StatusOr<std::string> ConsultName(absl::string_view region, absl::string_view text) {
  return ExpandName(region, "consults", text);
}

absl::StatusOr<v1::PatientIdentifier> ParsePatient(absl::string_view text) {
  absl::StatusOr<ids::Personnummer> parsed = ids::Personnummer::Parse(absl::StripAsciiWhitespace(text));
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("is not a personnummer or samordningsnummer (", parsed.status().message(), ")"));
  }
  v1::PatientIdentifier patient;
  patient.set_kind(parsed->kind() == ids::PersonnummerKind::kSamordningsnummer
                       ? v1::PATIENT_IDENTIFIER_KIND_SAMORDNINGSNUMMER
                       : v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  patient.set_value(parsed->canonical());
  return patient;
}

v1::PatientIdentifier ReserveNumber(absl::string_view number, absl::string_view region) {
  v1::PatientIdentifier patient;
  patient.set_kind(v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  patient.set_value(std::string(absl::StripAsciiWhitespace(number)));
  patient.set_issuing_region(absl::StrCat("regions/", region));
  return patient;
}

}  // namespace samspar::cli
