#ifndef SAMSPAR_SERVICES_ROSTER_API_LIST_QUERY_H_
#define SAMSPAR_SERVICES_ROSTER_API_LIST_QUERY_H_

// The steps every List of the roster takes: the request's filter, order and
// page turned into one query of a resource table, and the page it returns
// with the token of the next.

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "common/api/filter.h"
#include "common/api/order_by.h"
#include "common/api/page.h"
#include "common/status/macros.h"
#include "common/store/message_table.h"

namespace samspar::roster {

struct ListSpec {
  absl::Span<const api::FilterField> filterable;
  absl::Span<const api::OrderField> sortable;
  std::string default_order;
  std::string tie_breaker;
};

// For the Lists whose filter may say nothing (only the scope applies).
inline void NoListDefaults(const api::Filter&, store::ListQuery&) {}

// For the Lists that, without a term on `state`, show only rows whose state
// meets `comparison` (an SQL operator) with `state`, e.g. "= ACTIVE".
inline auto UnlessFilteredOnState(absl::string_view comparison, int state) {
  return [condition = absl::StrCat(" AND state ", comparison, " ?"), state](const api::Filter& filter,
                                                                            store::ListQuery& query) {
    if (filter.Mentions("state")) return;
    query.where += condition;
    query.params.push_back(state);
  };
}

template <typename Message>
struct ListedPage {
  std::vector<Message> items;
  std::string next_page_token;
};

// `scope` selects the rows the caller may list at all (their region, a
// line's children); `defaults` may add conditions when the filter is silent,
// e.g. "active units only unless the filter names `state`".
template <typename Message, typename Request, typename Defaults>
absl::StatusOr<ListedPage<Message>> ListPage(sql::Executor& executor, const store::MessageTable<Message>& table,
                                             const Request& request, const ListSpec& spec, std::string scope,
                                             std::vector<sql::Value> scope_params, Defaults defaults) {
  SAMSPAR_ASSIGN_OR_RETURN(api::Filter filter, api::Filter::Parse(request.filter(), spec.filterable));
  std::string order_text;
  if constexpr (requires { request.order_by(); }) order_text = request.order_by();
  SAMSPAR_ASSIGN_OR_RETURN(std::string order,
                           api::OrderByClause(order_text, spec.sortable, spec.default_order, spec.tie_breaker));
  std::string fingerprint = api::RequestFingerprint(request);
  SAMSPAR_ASSIGN_OR_RETURN(api::Page page, api::ResolvePage(request.page_size(), request.page_token(), fingerprint));
  api::SqlCondition condition = filter.ToSql();
  store::ListQuery query;
  query.where = absl::StrCat(scope, " AND (", condition.sql, ")");
  query.params = std::move(scope_params);
  query.params.insert(query.params.end(), condition.params.begin(), condition.params.end());
  defaults(filter, query);
  query.order_by = order;
  query.offset = page.offset;
  query.limit = page.size + 1;
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<Message> rows, table.List(executor, query));
  ListedPage<Message> listed;
  if (static_cast<int>(rows.size()) > page.size) {
    rows.resize(page.size);
    listed.next_page_token = api::NextPageToken(fingerprint, page.offset + page.size);
  }
  listed.items = std::move(rows);
  return listed;
}

// The page `request` asks for of results computed whole (not read from a
// table), in their order.
template <typename Item, typename Request>
absl::StatusOr<ListedPage<Item>> PageOf(std::vector<Item> all, const Request& request) {
  std::string fingerprint = api::RequestFingerprint(request);
  SAMSPAR_ASSIGN_OR_RETURN(api::Page page, api::ResolvePage(request.page_size(), request.page_token(), fingerprint));
  ListedPage<Item> listed;
  const size_t begin = std::min(all.size(), static_cast<size_t>(page.offset));
  const size_t end = std::min(all.size(), begin + static_cast<size_t>(page.size));
  listed.items.assign(std::make_move_iterator(all.begin() + begin), std::make_move_iterator(all.begin() + end));
  if (end < all.size()) listed.next_page_token = api::NextPageToken(fingerprint, static_cast<int>(end));
  return listed;
}

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_API_LIST_QUERY_H_
