#ifndef SAMSPAR_COMMON_STATUS_MACROS_H_
#define SAMSPAR_COMMON_STATUS_MACROS_H_

// Early returns for absl::Status and absl::StatusOr, so that handlers read as
// the steps they take rather than as error plumbing.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define SAMSPAR_STATUS_CONCAT_INNER(a, b) a##b
#define SAMSPAR_STATUS_CONCAT(a, b) SAMSPAR_STATUS_CONCAT_INNER(a, b)

// Returns the status of `expr` from the enclosing function unless it is OK.
// (__COUNTER__ keeps the names of nested uses apart.)
#define SAMSPAR_RETURN_IF_ERROR(expr) \
  SAMSPAR_RETURN_IF_ERROR_IMPL(SAMSPAR_STATUS_CONCAT(samspar_status_, __COUNTER__), expr)

#define SAMSPAR_RETURN_IF_ERROR_IMPL(status, expr)   \
  do {                                               \
    if (absl::Status status = (expr); !status.ok()) { \
      return status;                                 \
    }                                                \
  } while (false)

// `lhs = *expr` when `expr` (an absl::StatusOr) is OK; otherwise returns its
// status from the enclosing function. `lhs` may be a declaration.
#define SAMSPAR_ASSIGN_OR_RETURN(lhs, expr) \
  SAMSPAR_ASSIGN_OR_RETURN_IMPL(SAMSPAR_STATUS_CONCAT(samspar_statusor_, __COUNTER__), lhs, expr)

#define SAMSPAR_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return statusor.status();            \
  lhs = std::move(statusor).value()

#endif  // SAMSPAR_COMMON_STATUS_MACROS_H_
