#ifndef SAMSPAR_COMMON_AUDIT_ACCESS_LOG_SERVICE_H_
#define SAMSPAR_COMMON_AUDIT_ACCESS_LOG_SERVICE_H_

// samspar.v1.AccessLogService over gRPC, for a service that holds patient
// data and keeps its access log in its own database: admits the caller,
// hands the request to AccessLogSearch, answers with its entries or its
// error (mapped by ToGrpcStatus).

#include <string>

#include "common/audit/access_log_search.h"
#include "common/server/call_guard.h"
#include "common/server/service_main.h"
#include "samspar/v1/access_log.grpc.pb.h"

namespace samspar::audit {

class AccessLogServiceImpl final : public v1::AccessLogService::CallbackService {
 public:
  // `log`: the service whose log this is, "consult" or "conference".
  AccessLogServiceImpl(server::ServiceContext& context, std::string log);

  grpc::ServerUnaryReactor* SearchAccessLog(grpc::CallbackServerContext* context,
                                            const v1::SearchAccessLogRequest* request,
                                            v1::SearchAccessLogResponse* response) override;

 private:
  absl::Status Search(const grpc::CallbackServerContext& context,
                      const v1::SearchAccessLogRequest& request,
                      v1::SearchAccessLogResponse& response);

  server::CallGuard& guard_;
  std::string log_;
  AccessLogSearch search_;
};

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_ACCESS_LOG_SERVICE_H_
