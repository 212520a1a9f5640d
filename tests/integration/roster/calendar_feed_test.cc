// ExportCalendar over real gRPC and the feed it hands out, fetched from the
// HTTP side port as a calendar app does: the document, and a token that
// opens that one feed and nothing else.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/integration/roster/on_call_fixture.h"

namespace samspar::roster {
namespace {

using testing::Doctor;
using ::testing::HasSubstr;
using testing::kClinician;

class CalendarFeedTest : public testing::OnCallFixture {
 protected:
  void SetUp() override {
    OnCallFixture::SetUp();
    line_ = MustCreateLine(testing::AcuteLine()).name();
    MustCreateRotation(line_, testing::DailyRotation({Doctor("D001"), Doctor("D002")}, absl::CivilDay(2026, 11, 2)));
    other_ = MustCreateLine(testing::AcuteLine("Ögonjour")).name();
  }

  v1::ExportCalendarResponse Export(const std::string& line) {
    v1::ExportCalendarRequest request;
    request.set_line(line);
    v1::ExportCalendarResponse response;
    grpc::Status status = stub_->ExportCalendar(As(kClinician).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  httplib::Result Fetch(const std::string& path) {
    httplib::Client http("127.0.0.1", server_->http_port());
    return http.Get(path);
  }

  std::string line_;
  std::string other_;
};

TEST_F(CalendarFeedTest, TheFeedServesTheLinesCalendarToItsTokenOnly) {
  v1::ExportCalendarResponse exported = Export(line_);
  EXPECT_THAT(exported.ical(), HasSubstr("BEGIN:VTIMEZONE"));
  EXPECT_THAT(exported.ical(), HasSubstr("@samspar.se"));
  EXPECT_EQ(exported.file_name(), "bakjour-internmedicin.ics");
  ASSERT_THAT(exported.feed_url(), ::testing::StartsWith("/calendar/" + line_ + ".ics?token="));
  EXPECT_NEAR(absl::ToDoubleHours(FromProto(exported.feed_expire_time()) - absl::Now()), 366 * 24, 1);

  httplib::Result feed = Fetch(exported.feed_url());
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->status, 200);
  EXPECT_THAT(feed->get_header_value("Content-Type"), HasSubstr("text/calendar"));
  EXPECT_THAT(feed->body, HasSubstr("Bakjour internmedicin"));
  EXPECT_THAT(feed->body, HasSubstr("Dr Berg"));

  // The token opens this line's feed, not another's; a changed one nothing.
  const std::string token = exported.feed_url().substr(exported.feed_url().find("?token="));
  httplib::Result elsewhere = Fetch("/calendar/" + other_ + ".ics" + token);
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(elsewhere->status, 401);
  std::string forged = exported.feed_url();
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  httplib::Result tampered = Fetch(forged);
  ASSERT_TRUE(tampered);
  EXPECT_EQ(tampered->status, 401);
  httplib::Result bare = Fetch("/calendar/" + line_ + ".ics");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 401);
}

}  // namespace
}  // namespace samspar::roster
