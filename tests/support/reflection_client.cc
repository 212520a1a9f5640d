#include "tests/support/reflection_client.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"

namespace samspar::testing {
namespace {

using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// The reflection messages are read by field number, as the wire carries
// them: gRPC's reflection library keeps its generated classes to itself.
constexpr int kRequestListServices = 7;          // ServerReflectionRequest.list_services
constexpr int kResponseListServices = 6;         // ServerReflectionResponse.list_services_response
constexpr int kListServiceResponseService = 1;   // ListServiceResponse.service
constexpr int kServiceResponseName = 1;          // ServiceResponse.name

std::string ListServicesRequest() {
  std::string request;
  request.push_back(static_cast<char>((kRequestListServices << 3) | 2));  // length-delimited
  request.push_back('\0');                                                 // empty string
  return request;
}

std::vector<std::string> LengthDelimited(const UnknownFieldSet& fields, int number) {
  std::vector<std::string> values;
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& field = fields.field(i);
    if (field.number() == number && field.type() == UnknownField::TYPE_LENGTH_DELIMITED) {
      values.push_back(field.length_delimited());
    }
  }
  return values;
}

bool Next(grpc::CompletionQueue& queue) {
  void* tag = nullptr;
  bool ok = false;
  return queue.Next(&tag, &ok) && ok;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ListServicesByReflection(
    const std::shared_ptr<grpc::Channel>& channel) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  grpc::CompletionQueue queue;
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &queue);
  call->StartCall(nullptr);
  if (!Next(queue)) return absl::UnavailableError("reflection call did not start");

  grpc::Slice slice(ListServicesRequest());
  grpc::ByteBuffer request(&slice, 1);
  call->Write(request, nullptr);
  if (!Next(queue)) return absl::UnavailableError("reflection request not sent");
  call->WritesDone(nullptr);
  if (!Next(queue)) return absl::UnavailableError("reflection stream not closed");

  grpc::ByteBuffer response;
  call->Read(&response, nullptr);
  bool read = Next(queue);
  grpc::Status status;
  call->Finish(&status, nullptr);
  Next(queue);
  if (!read) {
    return absl::UnavailableError(absl::StrCat("no reflection answer: ", status.error_message()));
  }

  grpc::Slice answer;
  if (!response.DumpToSingleSlice(&answer).ok()) return absl::InternalError("bad answer");
  UnknownFieldSet top;
  if (!top.ParseFromArray(answer.begin(), static_cast<int>(answer.size()))) {
    return absl::InternalError("reflection answer does not parse");
  }
  std::vector<std::string> names;
  for (const std::string& list : LengthDelimited(top, kResponseListServices)) {
    UnknownFieldSet services;
    services.ParseFromString(list);
    for (const std::string& service : LengthDelimited(services, kListServiceResponseService)) {
      UnknownFieldSet fields;
      fields.ParseFromString(service);
      for (const std::string& name : LengthDelimited(fields, kServiceResponseName)) {
        names.push_back(name);
      }
    }
  }
  return names;
}

}  // namespace samspar::testing
