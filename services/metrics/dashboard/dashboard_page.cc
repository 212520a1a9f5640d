#include "services/metrics/dashboard/dashboard_page.h"

#include <openssl/sha.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "dashboard_assets.h"
#include "google/protobuf/util/json_util.h"
#include "nlohmann/json.hpp"

namespace samspar::metrics {
namespace {

using nlohmann::json;

// proto3 JSON (camelCase names, enums by name, int64 as strings, unset
// fields absent), as the page's script reads it. A message that has no JSON
// form (e.g. a timestamp out of range) becomes null, which the page shows as
// no data.
json ProtoJson(const google::protobuf::Message& message) {
  std::string text;
  if (!google::protobuf::util::MessageToJsonString(message, &text).ok()) {
    return nullptr;
  }
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? json(nullptr) : parsed;
}

template <typename Message>
json ProtoJsonArray(const std::vector<Message>& messages) {
  json array = json::array();
  for (const Message& message : messages) {
    array.push_back(ProtoJson(message));
  }
  return array;
}

json Options(const std::vector<std::pair<std::string, std::string>>& options) {
  json array = json::array();
  for (const auto& [value, name] : options) {
    array.push_back({{"value", value}, {"name", name}});
  }
  return array;
}

// The data as the text of a <script type="application/json">. '<', '>' and
// '&' occur in JSON only inside strings, where \u escapes mean the same to
// JSON.parse; escaping them keeps any "</script" or "<!--" in a display name
// from ending or bending the element. Text that is not UTF-8 is replaced
// rather than refused, so one bad name from another system does not take the
// page down.
std::string ScriptJson(const DashboardView& view) {
  // The page shows the total row only; grouped rows stay on the server.
  v1::KpiReport current = view.current;
  current.clear_rows();
  json data = {
      {"region", view.region},
      {"token", view.token},
      {"definitions", ProtoJsonArray(view.definitions)},
      {"current", ProtoJson(current)},
      {"series", ProtoJsonArray(view.series)},
      {"granularity", v1::PeriodKind_Name(view.granularity)},
      {"trackOptions", Options(view.track_options)},
      {"unitOptions", Options(view.unit_options)},
      {"selectedTrack", view.selected_track},
      {"selectedUnit", view.selected_unit},
  };
  return absl::StrReplaceAll(data.dump(-1, ' ', false, json::error_handler_t::replace),
                             {{"<", "\\u003c"}, {">", "\\u003e"}, {"&", "\\u0026"}});
}

std::string HtmlText(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

// A CSP source allowing exactly the inline script or style `text`.
std::string HashSource(absl::string_view text) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest;
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return absl::StrCat(
      "'sha256-", absl::Base64Escape(absl::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())),
      "'");
}

// Only the page's own scripts and style run, nothing is loaded, and the
// filter form can only reload this page: even a name that got past the
// escaping could neither run script nor reach another host.
const std::string& ContentSecurityPolicy() {
  static const std::string* const policy = new std::string(absl::StrCat(
      "default-src 'none'; script-src ", HashSource(kDashboardErrorScript), " ", HashSource(kDashboardScript),
      "; style-src ", HashSource(kDashboardStyle), "; img-src 'none'; form-action 'self'; base-uri 'none'"));
  return *policy;
}

}  // namespace

std::string DashboardPage(const DashboardView& view) {
  const std::string title = HtmlText(absl::StrCat("Samspår — mål i siffror, region ", view.region));
  return absl::StrCat(
      "<!DOCTYPE html>\n"
      "<html lang=\"sv\">\n"
      "<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"",
      ContentSecurityPolicy(),
      "\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n"
      "<title>",
      title,
      "</title>\n"
      "<script>",
      kDashboardErrorScript,
      "</script>\n"
      "<style>",
      kDashboardStyle,
      "</style>\n"
      "</head>\n"
      "<body>\n"
      "<div class=\"page\">\n"
      "<header id=\"dashboard-header\"><h1>",
      title,
      "</h1></header>\n"
      "<noscript><p class=\"empty\">Sidan ritar nyckeltalen med JavaScript: slå på JavaScript för att se "
      "dem.</p></noscript>\n"
      "<main id=\"dashboard-main\"></main>\n"
      "</div>\n"
      "<script type=\"application/json\" id=\"dashboard-data\">",
      ScriptJson(view),
      "</script>\n"
      "<script>",
      kDashboardScript,
      "</script>\n"
      "</body>\n"
      "</html>\n");
}

}  // namespace samspar::metrics
