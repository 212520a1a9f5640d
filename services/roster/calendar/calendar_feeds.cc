#include "services/roster/calendar/calendar_feeds.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "services/roster/api/proto_time.h"

namespace samspar::roster {
namespace {

constexpr absl::Duration kFeedLifetime = absl::Hours(366 * 24);

http::HttpAnswer Refused(int status, absl::string_view why) {
  return {.status = status, .content_type = "text/plain; charset=utf-8", .body = absl::StrCat(why, "\n")};
}

}  // namespace

CalendarFeeds::CalendarFeeds(CalendarExport& exports, absl::optional<http::LinkTokens> tokens, std::string base_url)
    : exports_(exports), tokens_(std::move(tokens)), base_url_(std::move(base_url)) {}

void CalendarFeeds::AddFeedUrl(const std::string& subject_name, absl::Time now,
                               v1::ExportCalendarResponse& response) const {
  if (!tokens_.has_value()) return;
  const absl::Time expire = absl::FromUnixSeconds(absl::ToUnixSeconds(now + kFeedLifetime));
  response.set_feed_url(
      absl::StrCat(base_url_, "/calendar/", subject_name, ".ics?token=", tokens_->Issue(subject_name, expire)));
  *response.mutable_feed_expire_time() = ToProto(expire);
}

http::HttpRoute CalendarFeeds::Route() {
  return {.path_pattern = "/calendar/regions/([0-9]{2})/(practitioners|lines)/([A-Za-z0-9-]+)\\.ics",
          .handler = [this](const http::HttpRequest& request) { return Serve(request); }};
}

http::HttpAnswer CalendarFeeds::Serve(const http::HttpRequest& request) {
  if (!tokens_.has_value()) return Refused(404, "calendar feeds are not enabled on this server");
  const std::string& region = request.path_groups[0];
  const bool is_line = request.path_groups[1] == "lines";
  const std::string subject =
      absl::StrCat("regions/", region, "/", request.path_groups[1], "/", request.path_groups[2]);
  auto token = request.query.find("token");
  const absl::Time now = absl::Now();
  if (token == request.query.end()) return Refused(401, "the feed URL has no token: export the calendar again");
  if (absl::Status valid = tokens_->Verify(token->second, subject, now); !valid.ok()) {
    return Refused(401, valid.message());
  }
  absl::StatusOr<std::string> document = exports_.FeedDocument(region, is_line, subject, now);
  if (!document.ok()) {
    const bool missing = document.status().code() == absl::StatusCode::kNotFound;
    return Refused(missing ? 404 : 503, missing ? document.status().message() : "the calendar cannot be read now");
  }
  return {.status = 200, .content_type = "text/calendar; charset=utf-8", .body = *std::move(document)};
}

}  // namespace samspar::roster
