#pragma once
// Breakpoint conditions and address arguments: a small expression language.
//   ax == 0x4c00 && [ds:si] == 0x41      byte [seg:off], word [seg:off], [off] (DS)
//   ||  &&  !  == != < > <= >=  |  &  + -  ( )   literals 0x1F, 1Fh, 31
//   registers ax..di, al..bh, cs ds es ss, ip, flags, and flag bits cf pf af zf sf tf if df of
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cpu/cpu.hpp"

namespace quartz::debugger {

// What an expression can look at.
struct ExprContext {
  const CpuState* regs = nullptr;
  std::function<std::uint8_t(std::uint32_t)> peek;  // physical byte read
  // Linear address of seg:off (real mode: seg*16+off; protected: descriptor base).
  std::function<std::uint32_t(std::uint16_t seg, std::uint16_t off)> linear;
};

class Expr {
 public:
  virtual ~Expr() = default;
  virtual std::int64_t eval(const ExprContext& c) const = 0;
};

// Parses `text`. On error returns null and sets `error` (with the position). With
// hex_default, bare numbers are hexadecimal (for addresses like 0000:7c00).
std::unique_ptr<Expr> parse_expr(std::string_view text, std::string& error,
                                 bool hex_default = false);

// Register access by name (lower case); false for unknown names.
bool get_register(const CpuState& s, std::string_view name, std::int64_t& out);
bool set_register(CpuState& s, std::string_view name, std::uint16_t value);

}  // namespace quartz::debugger
