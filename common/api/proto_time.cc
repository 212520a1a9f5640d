#include "common/api/proto_time.h"

namespace samspar::api {

google::protobuf::Timestamp ToProto(absl::Time time) {
  google::protobuf::Timestamp timestamp;
  int64_t micros = absl::ToUnixMicros(time);
  int64_t seconds = micros >= 0 ? micros / 1'000'000 : -((-micros + 999'999) / 1'000'000);
  timestamp.set_seconds(seconds);
  timestamp.set_nanos(static_cast<int32_t>((micros - seconds * 1'000'000) * 1000));
  return timestamp;
}

absl::Time FromProto(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

google::protobuf::Duration ToProtoDuration(absl::Duration duration) {
  google::protobuf::Duration proto;
  int64_t nanos = absl::ToInt64Nanoseconds(duration);
  proto.set_seconds(nanos / 1'000'000'000);
  proto.set_nanos(static_cast<int32_t>(nanos % 1'000'000'000));
  return proto;
}

absl::Duration FromProto(const google::protobuf::Duration& duration) {
  return absl::Seconds(duration.seconds()) + absl::Nanoseconds(duration.nanos());
}

v1::Interval ToProto(const calendar::Interval& interval) {
  v1::Interval proto;
  *proto.mutable_start_time() = ToProto(interval.start);
  *proto.mutable_end_time() = ToProto(interval.end);
  return proto;
}

v1::LocalDate ToProto(absl::CivilDay day) {
  v1::LocalDate date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

}  // namespace samspar::api
