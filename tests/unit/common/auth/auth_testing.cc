#include "tests/unit/common/auth/auth_testing.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "samspar/v1/access_log.grpc.pb.h"
#include "samspar/v1/conference.grpc.pb.h"
#include "samspar/v1/consult.grpc.pb.h"
#include "samspar/v1/metrics.grpc.pb.h"
#include "samspar/v1/roster.grpc.pb.h"

namespace samspar::auth::testing {

std::vector<std::string> ContractMethods() {
  // Touching one message of each file links its generated code, which is
  // what registers the file in the generated pool.
  const google::protobuf::Descriptor* linked[] = {
      samspar::v1::GetUnitRequest::descriptor(),
      samspar::v1::GetConsultRequest::descriptor(),
      samspar::v1::GetConferenceRequest::descriptor(),
      samspar::v1::QueryKpiReportRequest::descriptor(),
      samspar::v1::SearchAccessLogRequest::descriptor(),
  };
  static_cast<void>(linked);

  std::vector<std::string> methods;
  for (const char* service_name :
       {"samspar.v1.RosterService", "samspar.v1.ConsultService", "samspar.v1.ConferenceService",
        "samspar.v1.MetricsService", "samspar.v1.AccessLogService"}) {
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_name);
    if (service == nullptr) continue;  // the coverage test reports a missing service
    for (int i = 0; i < service->method_count(); ++i) {
      methods.push_back(absl::StrCat("/", service->full_name(), "/", service->method(i)->name()));
    }
  }
  return methods;
}

}  // namespace samspar::auth::testing
