#include "common/api/filter.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/api/filter_lexer.h"
#include "common/api/utf8.h"
#include "common/privacy/redact.h"
#include "common/status/errors.h"

namespace samspar::api {
namespace {

using TokenKind = FilterToken::Kind;

constexpr size_t kMaxCharacters = 2000;
constexpr int kMaxTerms = 50;

absl::Status Invalid(absl::string_view message) {
  return FieldError("filter", "INVALID_FILTER", message);
}

std::vector<absl::string_view> OperatorsOf(FieldKind kind) {
  switch (kind) {
    case FieldKind::kText:
    case FieldKind::kInteger:
    case FieldKind::kTimestamp:
    case FieldKind::kLocalDate:
      return {"=", "!=", "<", "<=", ">", ">="};
    case FieldKind::kSearchableText:
      return {"=", "!=", ":"};
    case FieldKind::kEnum:
    case FieldKind::kBool:
      return {"=", "!="};
    case FieldKind::kRepeatedText:
    case FieldKind::kRepeatedEnum:
      return {":"};
  }
  return {};
}

bool IsEnumKind(FieldKind kind) {
  return kind == FieldKind::kEnum || kind == FieldKind::kRepeatedEnum;
}

absl::Status CheckFields(absl::Span<const FilterField> fields) {
  for (const FilterField& field : fields) {
    if (field.column.empty() ||
        (field.kind == FieldKind::kSearchableText && field.folded_column.empty()) ||
        (IsEnumKind(field.kind) && field.enum_type == nullptr)) {
      return absl::InternalError(absl::StrCat("filter field \"", field.name,
                                              "\" lacks its column, folded column or enum type"));
    }
  }
  return absl::OkStatus();
}

// A service's computed expression is parenthesised so that the operator
// applies to all of it.
std::string Operand(absl::string_view column) {
  for (char c : column) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') {
      return absl::StrCat("(", column, ")");
    }
  }
  return std::string(column);
}

SqlCondition Comparison(absl::string_view column, absl::string_view op, sql::Value value) {
  return {absl::StrCat(Operand(column), " ", op == "!=" ? "<>" : op, " ?"), {std::move(value)}};
}

// `text` anywhere in the folded column. `%`, `_` and the escape character
// itself match literally.
SqlCondition Substring(absl::string_view folded_column, absl::string_view text) {
  std::string pattern = "%";
  for (char c : FoldForSearch(text)) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return {absl::StrCat(Operand(folded_column), " LIKE ? ESCAPE '\\'"), {std::move(pattern)}};
}

// The delimited column holds `element` (a DelimitedList of one value). Not
// LIKE: SQLite's LIKE ignores ASCII case, PostgreSQL's does not, while
// replace() is exact on both.
SqlCondition Contains(absl::string_view column, std::string element) {
  const std::string operand = Operand(column);
  return {absl::StrCat("REPLACE(", operand, ", ?, '') <> ", operand), {std::move(element)}};
}

class TermCompiler {
 public:
  TermCompiler(const FilterField& field, absl::string_view op, const FilterToken& value)
      : field_(field), op_(op), value_(value) {}

  absl::StatusOr<SqlCondition> Compile() const {
    switch (field_.kind) {
      case FieldKind::kText:
        if (!IsString()) return Expected("a string in double quotes");
        return Comparison(field_.column, op_, value_.text);
      case FieldKind::kSearchableText:
        if (!IsString()) return Expected("a string in double quotes");
        if (op_ == ":") return Substring(field_.folded_column, value_.text);
        return Comparison(field_.column, op_, value_.text);
      case FieldKind::kRepeatedText:
        if (!IsString()) return Expected("a string in double quotes");
        return Contains(field_.column, DelimitedList(std::vector<std::string>{value_.text}));
      case FieldKind::kEnum:
      case FieldKind::kRepeatedEnum: {
        const google::protobuf::EnumValueDescriptor* enum_value =
            IsString() ? nullptr : field_.enum_type->FindValueByName(value_.text);
        if (enum_value == nullptr) return Expected(EnumNames());
        if (field_.kind == FieldKind::kEnum) {
          return Comparison(field_.column, op_, enum_value->number());
        }
        return Contains(field_.column, DelimitedList(std::vector<int>{enum_value->number()}));
      }
      case FieldKind::kBool:
        if (IsString() || (value_.text != "true" && value_.text != "false")) {
          return Expected("true or false");
        }
        return Comparison(field_.column, op_, value_.text == "true" ? 1 : 0);
      case FieldKind::kInteger: {
        int64_t number = 0;
        if (IsString() || !IsInteger(value_.text) || !absl::SimpleAtoi(value_.text, &number)) {
          return Expected("a whole number");
        }
        return Comparison(field_.column, op_, number);
      }
      case FieldKind::kTimestamp: {
        absl::Time time;
        std::string error;
        // Stored to the microsecond: a finer value would compare wrongly.
        if (!IsString() || !absl::ParseTime(absl::RFC3339_full, value_.text, &time, &error) ||
            absl::FromUnixMicros(absl::ToUnixMicros(time)) != time) {
          return Expected("an RFC 3339 timestamp in double quotes, e.g. \"2026-03-28T00:00:00Z\"");
        }
        return Comparison(field_.column, op_, absl::ToUnixMicros(time));
      }
      case FieldKind::kLocalDate: {
        absl::optional<int64_t> date = IsString() ? LocalDate(value_.text) : absl::nullopt;
        if (!date.has_value()) return Expected("a date in double quotes, e.g. \"2026-05-01\"");
        return Comparison(field_.column, op_, *date);
      }
    }
    return absl::InternalError("unknown filter field kind");
  }

 private:
  bool IsString() const { return value_.kind == TokenKind::kString; }

  static bool IsDigits(absl::string_view text) {
    for (char c : text) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
    return !text.empty();
  }

  static bool IsInteger(absl::string_view text) {
    absl::ConsumePrefix(&text, "-");
    return IsDigits(text);
  }

  // "YYYY-MM-DD" of a real day, as the number yyyymmdd.
  static absl::optional<int64_t> LocalDate(absl::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return absl::nullopt;
    int year = 0;
    int month = 0;
    int day = 0;
    if (!IsDigits(text.substr(0, 4)) || !IsDigits(text.substr(5, 2)) ||
        !IsDigits(text.substr(8, 2)) || !absl::SimpleAtoi(text.substr(0, 4), &year) ||
        !absl::SimpleAtoi(text.substr(5, 2), &month) ||
        !absl::SimpleAtoi(text.substr(8, 2), &day)) {
      return absl::nullopt;
    }
    const absl::CivilDay civil(year, month, day);
    if (civil.year() != year || civil.month() != month || civil.day() != day) return absl::nullopt;
    return int64_t{year} * 10000 + month * 100 + day;
  }

  std::string EnumNames() const {
    std::vector<std::string> names;
    for (int i = 0; i < field_.enum_type->value_count(); ++i) {
      names.push_back(field_.enum_type->value(i)->name());
    }
    return absl::StrCat("one of ", absl::StrJoin(names, ", "), ", written without quotes");
  }

  absl::Status Expected(absl::string_view what) const {
    return Invalid(absl::StrCat("the value of ", field_.name, " at position ", value_.position,
                                " must be ", what));
  }

  const FilterField& field_;
  absl::string_view op_;
  const FilterToken& value_;
};

bool IsKeyword(const FilterToken& token) {
  return token.kind == TokenKind::kWord && (token.text == "AND" || token.text == "OR");
}

const FilterField* FindField(absl::Span<const FilterField> fields, absl::string_view name) {
  for (const FilterField& field : fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

std::string FieldNames(absl::Span<const FilterField> fields) {
  return absl::StrJoin(fields, ", ",
                       [](std::string* out, const FilterField& f) { out->append(f.name); });
}

struct Term {
  const FilterField* field;
  SqlCondition condition;
};

// The term `field op value` that starts at tokens[next]; advances `next`
// past it.
absl::StatusOr<Term> ReadTerm(absl::Span<const FilterToken> tokens, size_t& next,
                              absl::Span<const FilterField> fields) {
  if (next == tokens.size()) return Invalid("ends where a term `field op value` is expected");
  const FilterToken& name = tokens[next];
  if (name.kind != TokenKind::kWord || IsKeyword(name)) {
    return Invalid(absl::StrCat("expected a field name at position ", name.position));
  }
  const FilterField* field = FindField(fields, name.text);
  if (field == nullptr) {
    return Invalid(absl::StrCat("unknown field \"", name.text, "\" at position ", name.position,
                                "; the fields are ", FieldNames(fields)));
  }
  if (next + 1 == tokens.size() || tokens[next + 1].kind != TokenKind::kOperator) {
    return Invalid(
        absl::StrCat("expected an operator after ", field->name, " at position ", name.position));
  }
  const FilterToken& op = tokens[next + 1];
  const std::vector<absl::string_view> operators = OperatorsOf(field->kind);
  if (std::find(operators.begin(), operators.end(), op.text) == operators.end()) {
    return Invalid(absl::StrCat(field->name, " does not take ", op.text, " (position ", op.position,
                                "); it takes ", absl::StrJoin(operators, " ")));
  }
  if (next + 2 == tokens.size() || tokens[next + 2].kind == TokenKind::kOperator) {
    return Invalid(absl::StrCat("expected a value after ", field->name, " ", op.text,
                                " at position ", op.position));
  }
  absl::StatusOr<SqlCondition> condition =
      TermCompiler(*field, op.text, tokens[next + 2]).Compile();
  if (!condition.ok()) return condition.status();
  next += 3;
  return Term{field, *std::move(condition)};
}

}  // namespace

absl::StatusOr<Filter> Filter::Parse(absl::string_view text, absl::Span<const FilterField> fields) {
  if (absl::Status table = CheckFields(fields); !table.ok()) return table;
  if (FirstInvalidUtf8(text).has_value()) return Invalid("is not valid UTF-8");
  if (CountCharacters(text) > kMaxCharacters) {
    return Invalid(absl::StrCat("is longer than ", kMaxCharacters, " characters"));
  }
  // Checked on the whole text before anything is parsed, so that no message
  // below can carry one.
  if (privacy::ContainsPatientIdentity(text)) {
    return Invalid(
        "holds a value shaped like a personal identity number; patient identity is never "
        "accepted in a filter");
  }
  absl::StatusOr<std::vector<FilterToken>> tokens = TokenizeFilter(text);
  if (!tokens.ok()) return tokens.status();

  Filter filter;
  if (tokens->empty()) return filter;
  filter.clauses_.emplace_back();
  size_t next = 0;
  for (int terms = 1;; ++terms) {
    if (terms > kMaxTerms) return Invalid(absl::StrCat("has more than ", kMaxTerms, " terms"));
    absl::StatusOr<Term> term = ReadTerm(*tokens, next, fields);
    if (!term.ok()) return term.status();
    filter.mentioned_.insert(term->field->name);
    filter.clauses_.back().push_back(std::move(term->condition));
    if (next == tokens->size()) return filter;
    const FilterToken& keyword = (*tokens)[next++];
    if (!IsKeyword(keyword)) {
      return Invalid(
          absl::StrCat("expected AND or OR (in upper case) at position ", keyword.position));
    }
    if (keyword.text == "AND") filter.clauses_.emplace_back();
  }
}

bool Filter::Mentions(absl::string_view field_name) const {
  return mentioned_.contains(field_name);
}

SqlCondition Filter::ToSql() const {
  if (clauses_.empty()) return {"1 = 1", {}};
  SqlCondition where;
  std::vector<std::string> clauses;
  for (const std::vector<SqlCondition>& terms : clauses_) {
    std::vector<absl::string_view> alternatives;
    for (const SqlCondition& term : terms) {
      alternatives.push_back(term.sql);
      where.params.insert(where.params.end(), term.params.begin(), term.params.end());
    }
    clauses.push_back(terms.size() == 1
                          ? std::string(alternatives.front())
                          : absl::StrCat("(", absl::StrJoin(alternatives, " OR "), ")"));
  }
  where.sql = absl::StrJoin(clauses, " AND ");
  return where;
}

}  // namespace samspar::api
