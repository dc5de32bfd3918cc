#pragma once
// The 80286's EU clock counts as data: which opcode rows the generic Timing286 shape times,
// and with what numbers (cpu/timing_286.cpp). decode_tables_286.cpp applies them to the map.
#include <cstdint>
#include <span>

#include "cpu/cpu808x.hpp"

namespace quartz {

struct TimingRow286 {
  std::uint8_t op;
  std::uint8_t reg;  // ModRM.reg of a group row; kAllRows for every row / non-group opcodes
  Timing286 t;
};
inline constexpr std::uint8_t kAllRows = 0xFF;

std::span<const TimingRow286> timing_rows_286();

// Clocks from the point an 80286 real-mode fault is detected (the instruction's start for an
// invalid opcode; the access for a segment wrap) to the first push of its interrupt.
// `at_decode`: raised as the EU takes the instruction up (longer than 10 bytes); `op`, `rep`:
// the instruction's opcode and whether it has a REP prefix.
std::uint8_t fault_entry_clocks_286(std::uint8_t vector, bool at_decode, std::uint8_t op,
                                    bool rep);

}  // namespace quartz
