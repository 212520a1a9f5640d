#include "common/auth/policy_markdown.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/auth/rpc_rule.h"

namespace samspar::auth {
namespace {

std::string Scope(const RpcRule& rule) {
  if (rule.system_scope.empty()) return "none";
  if (rule.system_scope == kAnySystem) return "any";
  return absl::StrCat("`", rule.system_scope, "`");
}

std::string PartCell(const RpcRule& rule) {
  std::string part;
  switch (rule.part) {
    case Part::kNone:
      return "—";
    case Part::kSelf:
      part = absl::StrCat("self (", rule.part_name, ")");
      break;
    case Part::kParticipant:
      part = absl::StrCat("`", rule.part_name, "`");
      break;
  }
  if (!rule.without_part.IsEmpty()) {
    absl::StrAppend(&part, "; not needed by ", rule.without_part.ToString());
  }
  return part;
}

std::string PatientDataCell(const RpcRule& rule) {
  switch (rule.patient_data) {
    case PatientData::kNone:
      return "none";
    case PatientData::kCarried:
      return rule.without_part.IsEmpty() ? "shown" : "shown with the part, else withheld";
    case PatientData::kPerResource:
      return "per resource";
  }
  return "";
}

std::string NotesCell(const RpcRule& rule) {
  std::vector<absl::string_view> notes;
  if (!rule.regional) notes.push_back("names no region");
  if (!rule.note.empty()) notes.push_back(rule.note);
  return notes.empty() ? "" : absl::StrJoin(notes, "; ");
}

}  // namespace

std::string RenderPolicyMarkdown() {
  std::string table =
      "| RPC | Person roles | System scope | Person required | Part | Patient data | Notes |\n"
      "| --- | --- | --- | --- | --- | --- | --- |\n";
  for (const RpcRule& rule : AllRules()) {
    absl::StrAppend(&table, "| `", RpcName(rule), "` | ", rule.roles.ToString(), " | ",
                    Scope(rule), " | ", rule.person_required ? "yes" : "no", " | ",
                    PartCell(rule), " | ", PatientDataCell(rule), " | ", NotesCell(rule), " |\n");
  }
  return table;
}

}  // namespace samspar::auth
