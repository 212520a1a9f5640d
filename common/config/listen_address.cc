#include "common/config/listen_address.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace samspar::config {

std::string ListenAddress::ToString() const {
  bool ipv6 = host.find(':') != std::string::npos;
  return ipv6 ? absl::StrCat("[", host, "]:", port) : absl::StrCat(host, ":", port);
}

absl::StatusOr<ListenAddress> ParseListenAddress(absl::string_view text) {
  auto invalid = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("listen address \"", text, "\" ", why, " (expected host:port)"));
  };
  size_t colon = text.rfind(':');
  if (colon == absl::string_view::npos) return invalid("has no port");
  absl::string_view host = text.substr(0, colon);
  absl::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != absl::string_view::npos) {
    return invalid("has an IPv6 host without brackets");
  }
  if (host.empty()) return invalid("has no host");
  int port = 0;
  if (!absl::SimpleAtoi(port_text, &port) || port < 0 || port > 65535) {
    return invalid("has a port that is not a number from 0 to 65535");
  }
  return ListenAddress{std::string(host), port};
}

}  // namespace samspar::config
