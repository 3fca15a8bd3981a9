// The operator layer of the spec grammar: a recursive-descent parser over family specs (grammar in spec.hpp).
#include "boolean/spec_expr.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "boolean/ops.hpp"
#include "exact/errors.hpp"

namespace gdcert::boolean {

namespace {

constexpr int kMaxDepth = 64;
constexpr std::string_view kOperatorChars = "^&|~()'";

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/** A parsed sub-expression: the function and its canonical text (fully parenthesised when binary). */
struct Node {
  CubeFunction f;
  std::string canon;
  std::string family;
};

bool has_operator_outside_dq(std::string_view s) {
  bool dq = false;
  for (char c : s) {
    if (c == '"') dq = !dq;
    else if (!dq && kOperatorChars.find(c) != std::string_view::npos) return true;
  }
  return false;
}

class Parser {
 public:
  Parser(std::string_view s, std::uint64_t seed) : s_(s), seed_(seed) {}

  Node parse_all() {
    Node n = parse_or(false);
    skip_ws();
    if (pos_ != s_.size()) fail("unexpected '" + std::string(1, s_[pos_]) + "'");
    return n;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  std::uint64_t seed_;
  int depth_ = 0;

  [[noreturn]] void fail(const std::string& msg) const {
    throw input_error("spec: " + msg + " at offset " + std::to_string(pos_) + " of \"" + std::string(s_) + "\"");
  }
  void skip_ws() {
    while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
  }
  bool peek(char c) {
    skip_ws();
    return pos_ < s_.size() && s_[pos_] == c;
  }
  void expect(char c) {
    if (!peek(c)) fail(std::string("expected '") + c + "'" + (pos_ < s_.size() ? ", got '" + std::string(1, s_[pos_]) + "'" : ", got the end"));
    ++pos_;
  }
  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& q) : p(q) {
      if (++p.depth_ > kMaxDepth) p.fail("requires operator nesting at most " + std::to_string(kMaxDepth) + " deep");
    }
    ~DepthGuard() { --p.depth_; }
  };

  /** Runs an operation; its one-line input_error gains the "spec " prefix of every spec error. */
  template <class Op>
  static Node apply(const char*, Op op) {
    try {
      return op();
    } catch (const input_error& e) {
      throw input_error("spec " + std::string(e.what()));
    }
  }

  static std::string nested(const Node& n) {
    return n.family == "xor" || n.family == "and" || n.family == "or" ? "(" + n.canon + ")" : n.canon;
  }

  Node binary(const Node& a, const Node& b, const char* family, const std::string& sym,
              CubeFunction (*op)(const CubeFunction&, const CubeFunction&)) {
    Node r;
    r.f = apply(family, [&] { return Node{op(a.f, b.f), "", ""}; }).f;
    r.canon = nested(a) + " " + sym + " " + nested(b);
    r.family = family;
    return r;
  }

  // or := xor ('|' xor)* ; xor := and ('^' and)* ; and := unary ('&' unary)*  (left-associative, C precedence):
  // one loop over the levels, loosest first.
  struct BinaryLevel {
    char symbol;
    const char* family;
    CubeFunction (*op)(const CubeFunction&, const CubeFunction&);
  };
  static constexpr BinaryLevel kLevels[] = {{'|', "or", &op_or}, {'^', "xor", &op_xor}, {'&', "and", &op_and}};
  static constexpr std::size_t kLevelCount = sizeof(kLevels) / sizeof(kLevels[0]);

  Node parse_or(bool arg) { return parse_level(0, arg); }
  Node parse_level(std::size_t level, bool arg) {
    if (level == kLevelCount) return parse_unary(arg);
    const BinaryLevel& l = kLevels[level];
    Node a = parse_level(level + 1, arg);
    while (peek(l.symbol)) {
      ++pos_;
      Node b = parse_level(level + 1, arg);
      a = binary(a, b, l.family, std::string(1, l.symbol), l.op);
    }
    return a;
  }
  Node parse_unary(bool arg) {
    DepthGuard guard(*this);
    if (peek('~')) {
      ++pos_;
      Node a = parse_unary(arg);
      return negate(a);
    }
    return parse_primary(arg);
  }
  Node negate(const Node& a) {
    Node r;
    r.f = apply("not", [&] { return Node{op_not(a.f), "", ""}; }).f;
    r.canon = "~" + nested(a);
    r.family = "not";
    return r;
  }

  /** After a ',' in an argument list: does the next argument start at k (a name then ':', '=' or '(', or ( ~ ' " {)? */
  bool starts_argument(std::size_t k) const {
    while (k < s_.size() && s_[k] == ' ') ++k;
    if (k >= s_.size()) return false;
    const char c = s_[k];
    if (c == '(' || c == '~' || c == '\'' || c == '"' || c == '{') return true;
    if (!is_ident_start(c)) return false;
    while (k < s_.size() && is_ident_char(s_[k])) ++k;
    while (k < s_.size() && s_[k] == ' ') ++k;
    return k < s_.size() && (s_[k] == ':' || s_[k] == '=' || s_[k] == '(');
  }

  std::string read_ident() {
    skip_ws();
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_ident_char(s_[pos_])) ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }

  Node parse_primary(bool arg) {
    skip_ws();
    if (pos_ >= s_.size()) fail("expected a spec, got the end");
    const char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      Node n = parse_or(false);
      expect(')');
      return n;
    }
    if (c == '\'') {
      const std::size_t close = s_.find('\'', pos_ + 1);
      if (close == std::string_view::npos) fail("requires a closing ' for the quoted spec");
      const std::string_view text = trim_ws(s_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
      return leaf(text);
    }
    if (is_ident_start(c)) {  // an operation name followed by '('?
      std::size_t k = pos_;
      while (k < s_.size() && is_ident_char(s_[k])) ++k;
      std::size_t m = k;
      while (m < s_.size() && s_[m] == ' ') ++m;
      if (m < s_.size() && s_[m] == '(') {
        const std::string name(s_.substr(pos_, k - pos_));
        pos_ = m + 1;
        return call(name);
      }
    }
    // A family spec: up to an operator, a parenthesis, or (in an argument list) a ',' that starts the next argument.
    const std::size_t start = pos_;
    bool dq = false;
    while (pos_ < s_.size()) {
      const char d = s_[pos_];
      if (d == '"') dq = !dq;
      else if (!dq && kOperatorChars.find(d) != std::string_view::npos) break;
      else if (!dq && arg && d == ',' && starts_argument(pos_ + 1)) break;
      ++pos_;
    }
    const std::string_view text = trim_ws(s_.substr(start, pos_ - start));
    if (text.empty()) fail("expected a spec");
    return leaf(text);
  }

  Node leaf(std::string_view text) {
    ParsedSpec p = parse_family_spec(text, seed_);
    Node n;
    n.f = std::move(p.function);
    n.family = p.family;
    // Quoted in the canonical form when the text could not be read back as one leaf (a file path may hold anything).
    if (p.family == "file" || has_operator_outside_dq(p.canonical)) {
      if (p.canonical.find('\'') != std::string::npos)
        fail("a spec inside an operator expression cannot contain ' (got " + p.canonical + ")");
      n.canon = "'" + p.canonical + "'";
    } else {
      n.canon = p.canonical;
    }
    return n;
  }

  /** The text of a keyword argument's value: up to ',' or ')' outside braces. */
  std::string read_value() {
    skip_ws();
    const std::size_t start = pos_;
    int braces = 0;
    while (pos_ < s_.size()) {
      const char d = s_[pos_];
      if (d == '{') ++braces;
      else if (d == '}') --braces;
      else if (braces <= 0 && (d == ',' || d == ')')) break;
      ++pos_;
    }
    return std::string(trim_ws(s_.substr(start, pos_ - start)));
  }

  static std::uint64_t bit_string(const std::string& t, std::size_t len, const char* what, const std::function<void(const std::string&)>& err) {
    if (t.size() != len) err(std::string(what) + " of " + std::to_string(len) + " bits, got \"" + t + "\"");
    std::uint64_t m = 0;
    for (std::size_t j = 0; j < t.size(); ++j) {
      if (t[j] == '1') m |= std::uint64_t{1} << j;
      else if (t[j] != '0') err(std::string(what) + " of bits 0/1, got \"" + t + "\"");
    }
    return m;
  }

  Node call(const std::string& name) {
    DepthGuard guard(*this);
    auto call_fail = [&](const std::string& msg) { fail(name + ": requires " + msg); };
    if (name == "not") {
      Node a = parse_or(false);
      expect(')');
      return negate(a);
    }
    if (name == "concat") {
      Node a = parse_or(true);
      expect(',');
      Node b = parse_or(true);
      expect(')');
      Node r;
      r.f = apply("concat", [&] { return Node{op_concat(a.f, b.f), "", ""}; }).f;
      r.canon = "concat(" + nested(a) + ", " + nested(b) + ")";
      r.family = "concat";
      return r;
    }
    if (name == "deriv") {
      Node a = parse_or(true);
      expect(',');
      skip_ws();
      if (s_.substr(pos_, 2) == "u=") pos_ += 2;
      skip_ws();
      if (!peek('{')) call_fail("the direction u as a set {i,j,...} (1-based), e.g. deriv(f, {1,3})");
      const std::size_t close = s_.find('}', pos_);
      if (close == std::string_view::npos) call_fail("a closing '}'");
      const std::string set(s_.substr(pos_, close + 1 - pos_));
      pos_ = close + 1;
      expect(')');
      const std::uint64_t u = parse_subset(set, a.f.n(), "spec deriv");
      Node r;
      r.f = apply("deriv", [&] { return Node{op_derivative(a.f, u), "", ""}; }).f;
      r.canon = "deriv(" + nested(a) + ", " + subset_str(u) + ")";
      r.family = "deriv";
      return r;
    }
    if (name == "restrict") {
      Node a = parse_or(true);
      std::vector<std::pair<unsigned, int>> fixed;
      while (peek(',')) {
        ++pos_;
        const std::string key = read_ident();
        expect('=');
        const std::string v = read_value();
        if (key.size() < 2 || key[0] != 'x' || key.size() > 12 ||
            key.find_first_not_of("0123456789", 1) != std::string::npos)
          call_fail("arguments x<j>=<+1|-1> (variables 1-based, values ±1), got \"" + key + "\"");
        const unsigned long long j = std::stoull(key.substr(1));
        int c = 0;
        if (v == "1" || v == "+1") c = 1;
        else if (v == "-1") c = -1;
        else call_fail("the value of " + key + " as +1 or -1 (a ±1 value, not a bit), got \"" + v + "\"");
        if (j < 1 || j > a.f.n())
          call_fail("variables in [1, n] = [1, " + std::to_string(a.f.n()) + "], got " + key);
        fixed.emplace_back(static_cast<unsigned>(j), c);
      }
      expect(')');
      if (fixed.empty()) call_fail("at least one fixed variable, e.g. restrict(majority:n=9, x1=1)");
      std::sort(fixed.begin(), fixed.end());
      Node r;
      r.f = apply("restrict", [&] { return Node{op_restrict(a.f, fixed), "", ""}; }).f;
      r.canon = "restrict(" + nested(a);
      for (const auto& [j, c] : fixed) r.canon += ", x" + std::to_string(j) + "=" + (c > 0 ? "+1" : "-1");
      r.canon += ")";
      r.family = "restrict";
      return r;
    }
    if (name == "linear") {
      Node a = parse_or(true);
      std::string A, shift;
      bool have_A = false, have_shift = false;
      while (peek(',')) {
        ++pos_;
        const std::string key = read_ident();
        expect('=');
        const std::string v = read_value();
        if (key == "A" && !have_A) { A = v; have_A = true; }
        else if (key == "shift" && !have_shift) { shift = v; have_shift = true; }
        else call_fail("arguments A=<rows of bits separated by '/'> and optionally shift=<bits>, once each; got \"" + key + "\"");
      }
      expect(')');
      if (!have_A) call_fail("A=<rows>, e.g. linear(f, A=110/011/001)");
      std::vector<std::string> rows;
      {
        std::size_t st = 0;
        for (;;) {
          const std::size_t sl = A.find('/', st);
          rows.emplace_back(trim_ws(std::string_view(A).substr(st, sl == std::string::npos ? std::string::npos : sl - st)));
          if (sl == std::string::npos) break;
          st = sl + 1;
        }
      }
      if (rows.size() != a.f.n())
        call_fail("A with one row per variable of f (" + std::to_string(a.f.n()) + "), got " + std::to_string(rows.size()) + " rows");
      const std::size_t cols = rows[0].size();
      if (cols > max_n) call_fail("at most " + std::to_string(max_n) + " columns, got " + std::to_string(cols));
      std::vector<std::uint64_t> masks;
      for (const auto& r : rows) masks.push_back(bit_string(r, cols, "rows", call_fail));
      const std::uint64_t sh = have_shift ? bit_string(shift, rows.size(), "shift", call_fail) : 0;
      Node r;
      r.f = apply("linear", [&] { return Node{op_linear(a.f, masks, static_cast<unsigned>(cols), sh), "", ""}; }).f;
      r.canon = "linear(" + nested(a) + ", A=";
      for (std::size_t i = 0; i < rows.size(); ++i) r.canon += (i ? "/" : "") + rows[i];
      if (sh) r.canon += ", shift=" + shift;
      r.canon += ")";
      r.family = "linear";
      return r;
    }
    fail("unknown operation \"" + name + "\" (known: not, linear, concat, restrict, deriv)");
  }
};

}  // namespace

bool is_expression(std::string_view spec) {
  if (spec.starts_with("file:")) return false;
  return has_operator_outside_dq(spec);
}

ParsedSpec parse_expression(std::string_view spec, std::uint64_t default_seed) {
  Parser p(spec, default_seed);
  Node n = p.parse_all();
  ParsedSpec out;
  out.function = std::move(n.f);
  out.family = n.family;
  out.canonical = n.canon;
  out.params = {{"", n.canon}};
  return out;
}

}  // namespace gdcert::boolean
