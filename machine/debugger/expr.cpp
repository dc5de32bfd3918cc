// Recursive-descent parser for debugger expressions. Precedence, lowest first: ||, &&,
// comparisons, |, &, + -, unary ! - ~, primary. Unlike C, | and & bind tighter than the
// comparisons, so `ax & 0xff == 0x41` means (ax & 0xff) == 0x41.
#include "machine/debugger/expr.hpp"

#include <array>
#include <cctype>
#include <vector>

#include <fmt/core.h>

namespace quartz::debugger {

namespace {

struct RegName {
  const char* name;
  std::uint16_t CpuState::*field;
  int part;  // 0 word, 1 low byte, 2 high byte
};

constexpr std::array<RegName, 22> kRegs = {{
    {"ax", &CpuState::ax, 0}, {"bx", &CpuState::bx, 0}, {"cx", &CpuState::cx, 0},
    {"dx", &CpuState::dx, 0}, {"sp", &CpuState::sp, 0}, {"bp", &CpuState::bp, 0},
    {"si", &CpuState::si, 0}, {"di", &CpuState::di, 0}, {"es", &CpuState::es, 0},
    {"cs", &CpuState::cs, 0}, {"ss", &CpuState::ss, 0}, {"ds", &CpuState::ds, 0},
    {"ip", &CpuState::ip, 0}, {"flags", &CpuState::flags, 0},
    {"al", &CpuState::ax, 1}, {"ah", &CpuState::ax, 2}, {"bl", &CpuState::bx, 1},
    {"bh", &CpuState::bx, 2}, {"cl", &CpuState::cx, 1}, {"ch", &CpuState::cx, 2},
    {"dl", &CpuState::dx, 1}, {"dh", &CpuState::dx, 2},
}};

// FLAGS bits (Intel 8086 Family User's Manual, figure 2-9).
struct FlagName {
  const char* name;
  int bit;
};
constexpr std::array<FlagName, 9> kFlags = {{{"cf", 0}, {"pf", 2}, {"af", 4}, {"zf", 6},
                                             {"sf", 7}, {"tf", 8}, {"if", 9}, {"df", 10},
                                             {"of", 11}}};

class Num final : public Expr {
 public:
  explicit Num(std::int64_t v) : v_(v) {}
  std::int64_t eval(const ExprContext&) const override { return v_; }
 private:
  std::int64_t v_;
};

class Reg final : public Expr {
 public:
  explicit Reg(std::string n) : n_(std::move(n)) {}
  std::int64_t eval(const ExprContext& c) const override {
    std::int64_t v = 0;
    if (c.regs) get_register(*c.regs, n_, v);
    return v;
  }
 private:
  std::string n_;
};

class Mem final : public Expr {
 public:
  Mem(std::unique_ptr<Expr> seg, std::unique_ptr<Expr> off, bool word)
      : seg_(std::move(seg)), off_(std::move(off)), word_(word) {}
  std::int64_t eval(const ExprContext& c) const override {
    if (!c.peek) return 0;
    std::uint16_t seg = seg_ ? std::uint16_t(seg_->eval(c)) : (c.regs ? c.regs->ds : 0);
    std::uint16_t off = std::uint16_t(off_->eval(c));
    auto lin = [&](std::uint16_t o) {
      return c.linear ? c.linear(seg, o) : (std::uint32_t(seg) << 4) + o;
    };
    std::int64_t v = c.peek(lin(off));
    if (word_) v |= std::int64_t(c.peek(lin(std::uint16_t(off + 1)))) << 8;
    return v;
  }
 private:
  std::unique_ptr<Expr> seg_, off_;
  bool word_;
};

class Unary final : public Expr {
 public:
  Unary(char op, std::unique_ptr<Expr> a) : op_(op), a_(std::move(a)) {}
  std::int64_t eval(const ExprContext& c) const override {
    std::int64_t v = a_->eval(c);
    switch (op_) {
      case '!': return !v;
      case '-': return -v;
      default: return ~v;
    }
  }
 private:
  char op_;
  std::unique_ptr<Expr> a_;
};

enum class Op { kOr, kAnd, kEq, kNe, kLt, kGt, kLe, kGe, kBitOr, kBitAnd, kAdd, kSub };

class Binary final : public Expr {
 public:
  Binary(Op op, std::unique_ptr<Expr> a, std::unique_ptr<Expr> b)
      : op_(op), a_(std::move(a)), b_(std::move(b)) {}
  std::int64_t eval(const ExprContext& c) const override {
    if (op_ == Op::kOr) return a_->eval(c) || b_->eval(c);
    if (op_ == Op::kAnd) return a_->eval(c) && b_->eval(c);
    std::int64_t x = a_->eval(c), y = b_->eval(c);
    switch (op_) {
      case Op::kEq: return x == y;
      case Op::kNe: return x != y;
      case Op::kLt: return x < y;
      case Op::kGt: return x > y;
      case Op::kLe: return x <= y;
      case Op::kGe: return x >= y;
      case Op::kBitOr: return x | y;
      case Op::kBitAnd: return x & y;
      case Op::kAdd: return x + y;
      case Op::kSub: return x - y;
      default: return 0;
    }
  }
 private:
  Op op_;
  std::unique_ptr<Expr> a_, b_;
};

class Parser {
 public:
  Parser(std::string_view s, bool hex) : s_(s), hex_(hex) {}

  std::unique_ptr<Expr> parse(std::string& error) {
    auto e = parse_or();
    skip();
    if (e && pos_ != s_.size()) fail(fmt::format("unexpected '{}'", s_[pos_]));
    if (!error_.empty()) {
      error = fmt::format("{} at column {}", error_, err_pos_ + 1);
      return nullptr;
    }
    return e;
  }

 private:
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(std::string_view t) {
    skip();
    if (s_.substr(pos_, t.size()) == t) {
      pos_ += t.size();
      return true;
    }
    return false;
  }
  std::unique_ptr<Expr> fail(std::string msg) {
    if (error_.empty()) {
      error_ = std::move(msg);
      err_pos_ = pos_;
    }
    return nullptr;
  }

  std::unique_ptr<Expr> parse_or() {
    auto a = parse_and();
    while (a && eat("||")) {
      auto b = parse_and();
      if (!b) return nullptr;
      a = std::make_unique<Binary>(Op::kOr, std::move(a), std::move(b));
    }
    return a;
  }
  std::unique_ptr<Expr> parse_and() {
    auto a = parse_cmp();
    while (a && eat("&&")) {
      auto b = parse_cmp();
      if (!b) return nullptr;
      a = std::make_unique<Binary>(Op::kAnd, std::move(a), std::move(b));
    }
    return a;
  }
  std::unique_ptr<Expr> parse_cmp() {
    auto a = parse_bitor();
    for (;;) {
      if (!a) return nullptr;
      Op op;
      if (eat("==")) op = Op::kEq;
      else if (eat("!=")) op = Op::kNe;
      else if (eat("<=")) op = Op::kLe;
      else if (eat(">=")) op = Op::kGe;
      else if (eat("<")) op = Op::kLt;
      else if (eat(">")) op = Op::kGt;
      else return a;
      auto b = parse_bitor();
      if (!b) return nullptr;
      a = std::make_unique<Binary>(op, std::move(a), std::move(b));
    }
  }
  std::unique_ptr<Expr> parse_bitor() {
    auto a = parse_bitand();
    for (;;) {
      skip();
      if (!a || pos_ + 1 > s_.size() || s_[pos_] != '|' ||
          (pos_ + 1 < s_.size() && s_[pos_ + 1] == '|'))
        return a;
      ++pos_;
      auto b = parse_bitand();
      if (!b) return nullptr;
      a = std::make_unique<Binary>(Op::kBitOr, std::move(a), std::move(b));
    }
  }
  std::unique_ptr<Expr> parse_bitand() {
    auto a = parse_add();
    for (;;) {
      skip();
      if (!a || pos_ >= s_.size() || s_[pos_] != '&' ||
          (pos_ + 1 < s_.size() && s_[pos_ + 1] == '&'))
        return a;
      ++pos_;
      auto b = parse_add();
      if (!b) return nullptr;
      a = std::make_unique<Binary>(Op::kBitAnd, std::move(a), std::move(b));
    }
  }
  std::unique_ptr<Expr> parse_add() {
    auto a = parse_unary();
    for (;;) {
      if (!a) return nullptr;
      Op op;
      if (eat("+")) op = Op::kAdd;
      else if (eat("-")) op = Op::kSub;
      else return a;
      auto b = parse_unary();
      if (!b) return nullptr;
      a = std::make_unique<Binary>(op, std::move(a), std::move(b));
    }
  }
  std::unique_ptr<Expr> parse_unary() {
    skip();
    if (pos_ < s_.size() && (s_[pos_] == '!' || s_[pos_] == '-' || s_[pos_] == '~')) {
      char op = s_[pos_++];
      auto a = parse_unary();
      if (!a) return nullptr;
      return std::make_unique<Unary>(op, std::move(a));
    }
    return parse_primary();
  }
  std::unique_ptr<Expr> parse_memref(bool word) {
    // [seg:off] or [off] (DS-relative).
    auto first = parse_add();
    if (!first) return nullptr;
    std::unique_ptr<Expr> seg, off;
    if (eat(":")) {
      seg = std::move(first);
      off = parse_add();
      if (!off) return nullptr;
    } else {
      off = std::move(first);
    }
    if (!eat("]")) return fail("expected ']'");
    return std::make_unique<Mem>(std::move(seg), std::move(off), word);
  }
  std::unique_ptr<Expr> parse_primary() {
    skip();
    if (pos_ >= s_.size()) return fail("unexpected end of expression");
    char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      auto e = parse_or();
      if (!e) return nullptr;
      if (!eat(")")) return fail("expected ')'");
      return e;
    }
    if (c == '[') {
      ++pos_;
      return parse_memref(false);
    }
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t start = pos_;
      while (pos_ < s_.size() &&
             (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
        ++pos_;
      std::string word(s_.substr(start, pos_ - start));
      for (auto& ch : word) ch = char(std::tolower(static_cast<unsigned char>(ch)));
      if (word == "byte" || word == "word") {
        if (!eat("[")) return fail(fmt::format("expected '[' after {}", word));
        return parse_memref(word == "word");
      }
      std::int64_t dummy;
      CpuState probe;
      if (get_register(probe, word, dummy)) return std::make_unique<Reg>(word);
      // A number: 0x prefix, h suffix, or digits (decimal unless hex_default).
      std::string digits = word;
      int base = hex_ ? 16 : 10;
      if (digits.size() > 2 && digits[0] == '0' && digits[1] == 'x') {
        digits = digits.substr(2);
        base = 16;
      } else if (digits.size() > 1 && digits.back() == 'h') {
        digits.pop_back();
        base = 16;
      }
      std::int64_t v = 0;
      if (digits.empty()) { pos_ = start; return fail(fmt::format("bad number '{}'", word)); }
      for (char d : digits) {
        int x = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
                : (d >= 'a' && d <= 'f')                    ? d - 'a' + 10
                                                            : 99;
        if (x >= base) {
          pos_ = start;
          return fail(fmt::format("unknown name or bad number '{}'", word));
        }
        v = v * base + x;
        if (v > 0xFFFFFFFFLL) { pos_ = start; return fail("number too large"); }
      }
      return std::make_unique<Num>(v);
    }
    return fail(fmt::format("unexpected '{}'", c));
  }

  std::string_view s_;
  bool hex_;
  std::size_t pos_ = 0;
  std::string error_;
  std::size_t err_pos_ = 0;
};

}  // namespace

bool get_register(const CpuState& s, std::string_view name, std::int64_t& out) {
  for (const auto& r : kRegs) {
    if (name != r.name) continue;
    std::uint16_t v = s.*(r.field);
    out = r.part == 0 ? v : r.part == 1 ? (v & 0xFF) : (v >> 8);
    return true;
  }
  for (const auto& f : kFlags) {
    if (name != f.name) continue;
    out = (s.flags >> f.bit) & 1;
    return true;
  }
  if (name == "msw") { out = s.msw; return true; }
  if (name == "cpl") { out = s.cpl; return true; }
  return false;
}

bool set_register(CpuState& s, std::string_view name, std::uint16_t value) {
  for (const auto& r : kRegs) {
    if (name != r.name) continue;
    std::uint16_t& v = s.*(r.field);
    if (r.part == 0) v = value;
    else if (r.part == 1) v = std::uint16_t((v & 0xFF00) | (value & 0xFF));
    else v = std::uint16_t((v & 0x00FF) | ((value & 0xFF) << 8));
    return true;
  }
  for (const auto& f : kFlags) {
    if (name != f.name) continue;
    s.flags = std::uint16_t((s.flags & ~(1u << f.bit)) | ((value & 1u) << f.bit));
    return true;
  }
  if (name == "msw") { s.msw = value; return true; }
  return false;
}

std::unique_ptr<Expr> parse_expr(std::string_view text, std::string& error, bool hex_default) {
  return Parser(text, hex_default).parse(error);
}

}  // namespace quartz::debugger
