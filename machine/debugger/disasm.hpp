#pragma once
// A table-driven 8086/8088/80286 disassembler (Intel syntax) for the debugger. It is the
// debugger's own decoder, independent of cpu/'s execution tables, so a listing can be
// checked against the CPU rather than sharing its mistakes. Opcode map: Intel 8086 Family
// User's Manual (1979) table 4-13 and iAPX 286 Programmer's Reference Appendix B.
#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "cpu/cpu.hpp"

namespace quartz::debugger {

// What the stepper needs to know about an instruction besides its text.
enum class FlowKind : std::uint8_t {
  kNormal,
  kCall,    // CALL near/far: step over runs to the next instruction
  kInt,     // INT n / INT3 / INTO: step over runs to the next instruction
  kLoop,    // LOOP/LOOPE/LOOPNE and REP-prefixed string instructions
  kReturn,  // RET/RETF/IRET
  kJump,
};

struct Instruction {
  std::uint8_t length = 1;       // bytes, prefixes included
  std::string text;              // "mov ax, word [bx+si+4]"
  FlowKind flow = FlowKind::kNormal;
  bool has_target = false;       // near relative branch: target offset below
  std::uint16_t target = 0;
  bool is_int = false;           // INT imm8 (vector below)
  std::uint8_t vector = 0;
};

// Decodes one instruction from `bytes` (at most 15 used; missing bytes read as 0) located
// at offset `ip` of its code segment.
Instruction decode(std::span<const std::uint8_t> bytes, std::uint16_t ip, CpuModel model);

// Reads the bytes through `peek(linear)` (side-effect free) and decodes.
Instruction decode_at(const std::function<std::uint8_t(std::uint32_t)>& peek,
                      std::uint32_t linear, std::uint16_t ip, CpuModel model);

}  // namespace quartz::debugger
