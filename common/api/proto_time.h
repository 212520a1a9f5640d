#ifndef SAMSPAR_COMMON_API_PROTO_TIME_H_
#define SAMSPAR_COMMON_API_PROTO_TIME_H_

// Instants, durations, intervals and local dates in the API's messages
// (common.proto, "Time") to and from Abseil's types, for every service.

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/interval.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "samspar/v1/common.pb.h"

namespace samspar::api {

// Whole microseconds: what the services store.
google::protobuf::Timestamp ToProto(absl::Time time);
absl::Time FromProto(const google::protobuf::Timestamp& timestamp);
google::protobuf::Duration ToProtoDuration(absl::Duration duration);
absl::Duration FromProto(const google::protobuf::Duration& duration);
v1::Interval ToProto(const calendar::Interval& interval);
v1::LocalDate ToProto(absl::CivilDay day);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_PROTO_TIME_H_
