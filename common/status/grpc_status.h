#ifndef SAMSPAR_COMMON_STATUS_GRPC_STATUS_H_
#define SAMSPAR_COMMON_STATUS_GRPC_STATUS_H_

// The one place where the suite's errors become gRPC statuses, and back.
//
// An error leaves a server as: the gRPC code of the absl code; the message
// with anything shaped like a personnummer removed; and in the standard
// `grpc-status-details-bin` trailer a google.rpc.Status whose details hold
// google.rpc.ErrorInfo {reason, domain "samspar.se", metadata {field}},
// google.rpc.BadRequest for a field error and google.rpc.RetryInfo when a
// retry delay was given. INTERNAL, UNKNOWN and DATA_LOSS errors are logged
// here with their detail and reach the caller only as a reference to that
// log line: their messages may name tables or files.

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace samspar {

inline constexpr char kErrorDomain[] = "samspar.se";

grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients of the suite's services (the command-line client,
// one service calling another): code, message and the payloads of
// errors.h are restored from the error details.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace samspar

#endif  // SAMSPAR_COMMON_STATUS_GRPC_STATUS_H_
