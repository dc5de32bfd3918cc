#pragma once
// Flag arithmetic shared by the ALU, shift, string and BCD handlers (8086 Family User's
// Manual, "Flags": CF carry/borrow out of the MSB, AF carry out of bit 3, OF signed overflow,
// SF = MSB, ZF = zero, PF = even parity of the low byte).
#include <cstdint>

#include "cpu/cpu808x.hpp"

namespace quartz {

enum AluOp : std::uint8_t { kAdd, kOr, kAdc, kSbb, kAnd, kSub, kXor, kCmp };

// PF: even number of set bits in the low byte (a table: no POPCNT on baseline x86-64).
struct ParityTable {
  bool even[256];
  constexpr ParityTable() : even() {
    for (int i = 0; i < 256; ++i) {
      int bits = 0;
      for (int b = 0; b < 8; ++b) bits += (i >> b) & 1;
      even[i] = !(bits & 1);
    }
  }
};
inline constexpr ParityTable kParity{};
inline bool parity8(std::uint8_t v) { return kParity.even[v]; }

inline void set_szp(Cpu808x& c, std::uint16_t r, bool w) {
  std::uint16_t f = c.flags() & ~(flag::SF | flag::ZF | flag::PF);
  const std::uint16_t msb = w ? 0x8000 : 0x80;
  const std::uint16_t mask = w ? 0xFFFF : 0xFF;
  if (r & msb) f |= flag::SF;
  if (!(r & mask)) f |= flag::ZF;
  if (parity8(std::uint8_t(r))) f |= flag::PF;
  c.set_flags(f);
}

// The eight ALU operations of opcodes 00-3F and group 80-83; returns the result (CMP: the
// difference, which the caller does not store).
std::uint16_t alu(Cpu808x& c, unsigned op, std::uint16_t a, std::uint16_t b, bool w);
std::uint16_t alu_inc_dec(Cpu808x& c, std::uint16_t a, bool dec, bool w);

}  // namespace quartz
