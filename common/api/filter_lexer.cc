#include "common/api/filter_lexer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "common/api/utf8.h"
#include "common/status/errors.h"

namespace samspar::api {
namespace {

bool IsWordCharacter(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
         c == '+';
}

class Lexer {
 public:
  explicit Lexer(absl::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<FilterToken>> Run() {
    std::vector<FilterToken> tokens;
    while (true) {
      while (pos_ < text_.size() && absl::ascii_isspace(static_cast<unsigned char>(text_[pos_]))) {
        ++pos_;
      }
      if (pos_ == text_.size()) return tokens;
      const int position = Position(pos_);
      const char c = text_[pos_];
      if (c == '"') {
        absl::StatusOr<std::string> value = ReadString(position);
        if (!value.ok()) return value.status();
        tokens.push_back({FilterToken::Kind::kString, *std::move(value), position});
      } else if (absl::optional<std::string> op = ReadOperator()) {
        tokens.push_back({FilterToken::Kind::kOperator, *std::move(op), position});
      } else if (IsWordCharacter(c)) {
        const size_t start = pos_;
        while (pos_ < text_.size() && IsWordCharacter(text_[pos_])) ++pos_;
        tokens.push_back(
            {FilterToken::Kind::kWord, std::string(text_.substr(start, pos_ - start)), position});
      } else {
        return Invalid(absl::StrCat("unexpected character at position ", position));
      }
    }
  }

 private:
  static absl::Status Invalid(absl::string_view message) {
    return FieldError("filter", "INVALID_FILTER", message);
  }

  int Position(size_t offset) const {
    return static_cast<int>(CountCharacters(text_.substr(0, offset))) + 1;
  }

  // At an opening quote: the value up to the closing one.
  absl::StatusOr<std::string> ReadString(int position) {
    std::string value;
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return value;
      if (c != '\\') {
        value += c;
        continue;
      }
      if (pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\\')) {
        value += text_[pos_++];
        continue;
      }
      return Invalid(absl::StrCat("the string at position ", position,
                                  " has an escape other than \\\" and \\\\"));
    }
    return Invalid(absl::StrCat("the string at position ", position, " has no closing quote"));
  }

  // The operator at the current position, consumed, if there is one.
  absl::optional<std::string> ReadOperator() {
    const char c = text_[pos_];
    const bool then_equals = pos_ + 1 < text_.size() && text_[pos_ + 1] == '=';
    if (c == '=' || c == ':') {
      ++pos_;
      return std::string(1, c);
    }
    if (c == '<' || c == '>' || (c == '!' && then_equals)) {
      const size_t length = then_equals ? 2 : 1;
      std::string op(text_.substr(pos_, length));
      pos_ += length;
      return op;
    }
    return absl::nullopt;
  }

  absl::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<std::vector<FilterToken>> TokenizeFilter(absl::string_view text) {
  return Lexer(text).Run();
}

}  // namespace samspar::api
