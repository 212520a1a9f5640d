#ifndef SAMSPAR_SERVICES_ROSTER_CALENDAR_CALENDAR_FEEDS_H_
#define SAMSPAR_SERVICES_ROSTER_CALENDAR_CALENDAR_FEEDS_H_

// Calendar feeds on the HTTP side port (roster.proto, ExportCalendar):
// `/calendar/regions/{region}/practitioners/{id}.ics?token=…` and
// `/calendar/regions/{region}/lines/{id}.ics?token=…`, each readable with
// the token of its export and nothing else. Without a feed key the feeds
// are off: exports carry no feed URL and the routes answer 404.

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/http/http_route.h"
#include "common/http/link_tokens.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/calendar/calendar_export.h"

namespace samspar::roster {

// What calendar feed tokens are for (http::LinkTokens): a dashboard token
// under the same key opens no feed.
inline constexpr char kCalendarFeedPurpose[] = "samspar-calendar-feed";

class CalendarFeeds {
 public:
  CalendarFeeds(CalendarExport& exports, absl::optional<http::LinkTokens> tokens, std::string base_url);

  // Sets the feed URL of `subject_name` (a line's or practitioner's
  // resource name) and its expiry, 366 days from `now`.
  void AddFeedUrl(const std::string& subject_name, absl::Time now, v1::ExportCalendarResponse& response) const;

  http::HttpRoute Route();

 private:
  http::HttpAnswer Serve(const http::HttpRequest& request);

  CalendarExport& exports_;
  const absl::optional<http::LinkTokens> tokens_;
  const std::string base_url_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_CALENDAR_CALENDAR_FEEDS_H_
