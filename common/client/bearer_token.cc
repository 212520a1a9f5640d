#include "common/client/bearer_token.h"

#include <utility>

namespace samspar::client {
namespace {

class BearerTokenPlugin final : public grpc::MetadataCredentialsPlugin {
 public:
  explicit BearerTokenPlugin(TokenSource source) : source_(std::move(source)) {}

  grpc::Status GetMetadata(grpc::string_ref /*service_url*/, grpc::string_ref /*method_name*/,
                           const grpc::AuthContext& /*channel_auth_context*/,
                           std::multimap<grpc::string, grpc::string>* metadata) override {
    absl::StatusOr<std::string> token = source_();
    if (!token.ok()) {
      // The call fails before it is sent, with the reason the source gave.
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          std::string(token.status().message()));
    }
    metadata->insert({"authorization", "Bearer " + *token});
    return grpc::Status::OK;
  }

  // Tokens are signed on the calling thread; nothing here blocks on I/O.
  bool IsBlocking() const override { return false; }

 private:
  TokenSource source_;
};

}  // namespace

std::shared_ptr<grpc::CallCredentials> BearerTokenCredentials(TokenSource source) {
  return grpc::MetadataCredentialsFromPlugin(
      std::make_unique<BearerTokenPlugin>(std::move(source)));
}

}  // namespace samspar::client
