#ifndef SAMSPAR_COMMON_AUTH_POLICY_MARKDOWN_H_
#define SAMSPAR_COMMON_AUTH_POLICY_MARKDOWN_H_

// The policy table for people: docs/access-policy.md carries exactly this
// rendering between its policy-table markers, and a test keeps it so.

#include <string>

namespace samspar::auth {

// A Markdown table with one row per RPC (roles, system scope, whether a
// person is required, the part the caller needs, patient data, notes),
// ending with a newline.
std::string RenderPolicyMarkdown();

}  // namespace samspar::auth

#endif  // SAMSPAR_COMMON_AUTH_POLICY_MARKDOWN_H_
