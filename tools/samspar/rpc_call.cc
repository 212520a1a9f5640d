#include "tools/samspar/rpc_call.h"

#include <iostream>
#include <sstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "common/client/channel.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "samspar/v1/roster.pb.h"
#include "tools/samspar/token_commands.h"

namespace samspar::cli {
namespace {

using google::protobuf::MethodDescriptor;

// The service's endpoint from its short name ("RosterService" -> roster).
absl::StatusOr<Endpoint> EndpointOf(const CliOptions& options, const std::string& service) {
  for (const Endpoint& endpoint : options.endpoints) {
    if (endpoint.grpc_name == absl::StrCat("samspar.v1.", service)) return endpoint;
  }
  return absl::InvalidArgumentError(absl::StrCat("no service ", service, " in the suite"));
}

absl::StatusOr<const MethodDescriptor*> FindMethod(const std::string& method) {
  // Linking the roster's messages brings every samspar.v1 file into the pool.
  (void)v1::Line::descriptor();
  const MethodDescriptor* found =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(absl::StrCat("samspar.v1.", method));
  if (found == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("no method ", method, " (write it as Service.Method)"));
  }
  if (found->client_streaming() || found->server_streaming()) {
    return absl::InvalidArgumentError(absl::StrCat(method, " streams: only unary methods can be called this way"));
  }
  return found;
}

}  // namespace

absl::Status CallRpc(const CliOptions& options, const std::string& method, const google::protobuf::Message& request,
                     google::protobuf::Message& response) {
  std::vector<std::string> parts = absl::StrSplit(method, '.');
  if (parts.size() != 2) return absl::InvalidArgumentError("write the method as Service.Method");
  absl::StatusOr<Endpoint> endpoint = EndpointOf(options, parts[0]);
  if (!endpoint.ok()) return endpoint.status();
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = client::MakeChannel(endpoint->address, options.channel);
  if (!channel.ok()) return channel.status();
  absl::StatusOr<std::string> token = MintToken();
  if (!token.ok()) return token.status();
  std::unique_ptr<grpc::ClientContext> context = client::ContextWithTimeout(options.timeout);
  context->AddMetadata("authorization", absl::StrCat("Bearer ", *token));

  std::string bytes = request.SerializeAsString();
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request_buffer(&slice, 1), response_buffer;
  grpc::GenericStub stub(*channel);
  grpc::Status status;
  absl::Notification done;
  stub.UnaryCall(context.get(), absl::StrCat("/samspar.v1.", parts[0], "/", parts[1]), grpc::StubOptions(),
                 &request_buffer, &response_buffer, [&](grpc::Status result) {
                   status = std::move(result);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) {
    absl::Status error = FromGrpcStatus(status);
    return absl::Status(error.code(), absl::StrCat(absl::StatusCodeToString(error.code()), " (", ReasonOrCode(error),
                                                   "): ", error.message()));
  }
  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) return absl::InternalError("the response could not be read");
  std::string answer;
  for (const grpc::Slice& part : slices) answer.append(reinterpret_cast<const char*>(part.begin()), part.size());
  if (!response.ParseFromString(answer)) return absl::InternalError("the response does not parse");
  return absl::OkStatus();
}

int RunCallCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                   std::ostream& err) {
  if (args.size() < 3 || args.size() > 4) {
    err << "usage: samspar call Service.Method ['{json request}']  (the request is read from stdin when absent)\n";
    return 2;
  }
  absl::StatusOr<const MethodDescriptor*> method = FindMethod(args[2]);
  if (!method.ok()) {
    err << "samspar call: " << method.status().message() << "\n";
    return 2;
  }
  google::protobuf::MessageFactory* factory = google::protobuf::MessageFactory::generated_factory();
  std::unique_ptr<google::protobuf::Message> request(factory->GetPrototype((*method)->input_type())->New());
  std::unique_ptr<google::protobuf::Message> response(factory->GetPrototype((*method)->output_type())->New());
  std::string json;
  if (args.size() == 4) {
    json = args[3];
  } else {
    std::stringstream input;
    input << std::cin.rdbuf();
    json = input.str();
  }
  if (auto parsed = google::protobuf::util::JsonStringToMessage(json.empty() ? "{}" : json, request.get());
      !parsed.ok()) {
    err << "samspar call: the request is not a " << (*method)->input_type()->full_name()
        << " in JSON: " << parsed.message() << "\n";
    return 2;
  }
  if (absl::Status status = CallRpc(options, args[2], *request, *response); !status.ok()) {
    err << "samspar call: " << status.message() << "\n";
    return 1;
  }
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = true;
  print.preserve_proto_field_names = true;
  std::string printed;
  if (!google::protobuf::util::MessageToJsonString(*response, &printed, print).ok()) {
    err << "samspar call: the response could not be printed\n";
    return 1;
  }
  out << printed;
  return 0;
}

}  // namespace samspar::cli
