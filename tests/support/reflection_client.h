#ifndef SAMSPAR_TESTS_SUPPORT_REFLECTION_CLIENT_H_
#define SAMSPAR_TESTS_SUPPORT_REFLECTION_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"

namespace samspar::testing {

// The services a server lists through gRPC server reflection
// (grpc.reflection.v1alpha), as grpcurl and other tools ask for them.
absl::StatusOr<std::vector<std::string>> ListServicesByReflection(
    const std::shared_ptr<grpc::Channel>& channel);

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_REFLECTION_CLIENT_H_
