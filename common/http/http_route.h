#ifndef SAMSPAR_COMMON_HTTP_HTTP_ROUTE_H_
#define SAMSPAR_COMMON_HTTP_HTTP_ROUTE_H_

// A GET route a service adds to its HTTP side port, for clients that speak
// plain HTTP and cannot carry a bearer token (calendar apps subscribing to
// a feed). The route authenticates its own requests.

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace samspar::http {

struct HttpRequest {
  std::vector<std::string> path_groups;  // the pattern's capture groups
  std::map<std::string, std::string> query;
};

struct HttpAnswer {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

struct HttpRoute {
  // An ECMAScript regular expression matched against the whole path, e.g.
  // "/calendar/regions/([0-9]{2})/lines/([a-z0-9]+)\\.ics".
  std::string path_pattern;
  std::function<HttpAnswer(const HttpRequest&)> handler;
};

}  // namespace samspar::http

#endif  // SAMSPAR_COMMON_HTTP_HTTP_ROUTE_H_
