#include "query_string.h"

#include <cctype>

#include "scr/text.h"

namespace scr {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string field_name(std::string_view token) {
  if (!token.empty() && (token[0] == '-' || token[0] == '+')) token.remove_prefix(1);
  size_t colon = token.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= token.size()) return "";
  for (size_t i = 0; i < colon; ++i) {
    if (!std::isalpha(static_cast<unsigned char>(token[i])) && token[i] != '_') return "";
  }
  return ascii_lower(token.substr(0, colon));
}

namespace {

// The token with its field name in lower case and no sign: "-Region:London" -> "region:London".
std::string canonical_filter(std::string_view token, const std::string& field) {
  if (token[0] == '-' || token[0] == '+') token.remove_prefix(1);
  return field + std::string(token.substr(field.size()));
}

}  // namespace

std::vector<std::string> split_top_level(std::string_view query) {
  std::vector<std::string> tokens;
  std::string current;
  bool quoted = false;
  int depth = 0;
  for (char c : query) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == '(') {
      ++depth;
    } else if (!quoted && c == ')' && depth > 0) {
      --depth;
    } else if (!quoted && depth == 0 && is_space(c)) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

bool is_operator(std::string_view token) {
  return token == "AND" || token == "OR" || token == "NOT" || token == "XOR";
}

QuerySplit split_filters(std::string_view query, const std::function<bool(std::string_view)>& is_filter_field) {
  const std::vector<std::string> tokens = split_top_level(query);
  auto filter_field = [&](size_t i) -> std::string {
    if (i >= tokens.size() || tokens[i][0] == '(' || tokens[i][0] == '"') return "";
    std::string f = field_name(tokens[i]);
    return !f.empty() && is_filter_field(f) ? f : "";
  };
  auto is_or = [&](size_t i) { return i < tokens.size() && (tokens[i] == "OR" || tokens[i] == "XOR"); };
  QuerySplit out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string field = filter_field(i);
    if (field.empty()) {
      out.text.push_back(tokens[i]);
      continue;
    }
    const bool negated = tokens[i][0] == '-';
    // A chain "board:a OR board:b OR ..." of unsigned filter tokens is one group.
    size_t last = i;
    std::string group = canonical_filter(tokens[i], field);
    if (!negated) {
      while (tokens[last][0] != '-' && tokens.size() > last + 2 && tokens[last + 1] == "OR" &&
             !filter_field(last + 2).empty() && tokens[last + 2][0] != '-') {
        group += " OR " + canonical_filter(tokens[last + 2], filter_field(last + 2));
        last += 2;
      }
    }
    const bool after_or = i > 0 && is_or(i - 1);
    if (after_or || is_or(last + 1)) {
      // An operand of OR/XOR with text: Xapian's meaning stands ("neglect OR board:x").
      for (size_t k = i; k <= last; ++k) out.text.push_back(tokens[k]);
      i = last;
      continue;
    }
    bool excluded = negated;
    if (!out.text.empty() && out.text.back() == "NOT") {
      out.text.pop_back();
      excluded = !excluded;  // "NOT -x" reads as x; rare, but keep it logical
    }
    if (!out.text.empty() && out.text.back() == "AND") out.text.pop_back();
    (excluded ? out.exclusions : out.filters).push_back(group);
    i = last;
  }
  // Operators left dangling by a removed filter ("region:x AND neglect", "neglect AND").
  while (!out.text.empty() && (out.text.front() == "AND" || out.text.front() == "OR" || out.text.front() == "XOR")) {
    out.text.erase(out.text.begin());
  }
  while (!out.text.empty() && is_operator(out.text.back())) out.text.pop_back();
  return out;
}

}  // namespace scr
