#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "common/auth/policy_markdown.h"
#include "common/auth/rpc_rule.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "tests/unit/common/auth/auth_testing.h"

namespace samspar::auth {
namespace {

using ::samspar::auth::testing::ContractMethods;

TEST(PolicyTable, EveryRpcOfTheContractHasExactlyOneRule) {
  std::vector<std::string> methods = ContractMethods();
  for (const char* service : {"samspar.v1.RosterService", "samspar.v1.ConsultService",
                              "samspar.v1.ConferenceService", "samspar.v1.MetricsService",
                              "samspar.v1.AccessLogService"}) {
    EXPECT_NE(google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service),
              nullptr)
        << service;
  }
  ASSERT_FALSE(methods.empty());
  for (const std::string& method : methods) {
    int rules = 0;
    for (const RpcRule& rule : AllRules()) rules += rule.method == method ? 1 : 0;
    EXPECT_EQ(rules, 1) << method;
    ASSERT_NE(FindRule(method), nullptr) << method;
    EXPECT_EQ(FindRule(method)->method, method);
  }
}

TEST(PolicyTable, EveryRuleNamesAnRpcOfTheContract) {
  std::vector<std::string> methods = ContractMethods();
  for (const RpcRule& rule : AllRules()) {
    EXPECT_THAT(methods, ::testing::Contains(std::string(rule.method))) << rule.method;
  }
  EXPECT_EQ(AllRules().size(), methods.size());
  EXPECT_EQ(FindRule("/samspar.v1.RosterService/DeleteUnit"), nullptr);
  EXPECT_EQ(FindRule("GetUnit"), nullptr);
}

TEST(PolicyTable, EveryPartBelongsToAPersonAndIsNamed) {
  for (const RpcRule& rule : AllRules()) {
    if (rule.part == Part::kNone) {
      EXPECT_TRUE(rule.without_part.IsEmpty()) << rule.method;
      continue;
    }
    // Self and participation are relations of a person; a system alone has
    // neither, so it must be refused before they are looked at.
    EXPECT_TRUE(rule.person_required) << rule.method;
    EXPECT_FALSE(rule.part_name.empty()) << rule.method;
  }
}

TEST(PolicyTable, RpcNameDropsThePackage) {
  EXPECT_EQ(RpcName(*FindRule("/samspar.v1.RosterService/ListUnits")), "RosterService/ListUnits");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(PolicyDocs, AccessPolicyDocumentCarriesTheRenderedTable) {
  const std::string doc = ReadFile(std::string(SAMSPAR_SOURCE_DIR) + "/docs/access-policy.md");
  const std::string kBegin = "<!-- policy-table:begin -->\n";
  const std::string kEnd = "<!-- policy-table:end -->";
  std::string::size_type begin = doc.find(kBegin);
  std::string::size_type end = doc.find(kEnd);
  ASSERT_NE(begin, std::string::npos) << "docs/access-policy.md lacks the begin marker";
  ASSERT_NE(end, std::string::npos) << "docs/access-policy.md lacks the end marker";
  ASSERT_LT(begin, end);
  begin += kBegin.size();
  EXPECT_EQ(doc.substr(begin, end - begin), RenderPolicyMarkdown())
      << "docs/access-policy.md is out of date: paste RenderPolicyMarkdown()'s output between "
         "the markers";
}

TEST(PolicyDocs, RenderingHasOneRowPerRpc) {
  std::vector<absl::string_view> lines =
      absl::StrSplit(RenderPolicyMarkdown(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), AllRules().size() + 2);  // the header and its rule line
  EXPECT_EQ(lines[2],
            "| `RosterService/GetUnit` | any person | `directory.read` | no | — | none |  |");
  EXPECT_THAT(std::string(RenderPolicyMarkdown()),
              ::testing::HasSubstr("| `ConsultService/AnswerConsult` | CLINICIAN, "
                                   "AMBULANCE_CLINICIAN, MUNICIPAL_NURSE | `consult.write` | yes "
                                   "| `assignee` | shown |  |"));
}

}  // namespace
}  // namespace samspar::auth
