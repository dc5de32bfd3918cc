#pragma once
// The narrow interface between the 80286 protected-mode machinery (cpu/pm286/) and a CPU core.
// The core owns the architectural state (quartz::CpuState) and the bus; it hands both to these
// functions through a PmContext. Every function follows one convention so the core can restart
// a faulting instruction:
//   - on entry state.ip is the IP of the first byte of the instruction being executed;
//   - on success the state is the architectural result;
//   - on a fault the state is unchanged (checks run before anything is committed), except after
//     a task switch has committed, where faults belong to the new task (80286 PRM section 8.4)
//     and state.ip is that task's IP — either way, state.ip is the IP an exception must push.
#include <cstdint>
#include <optional>

#include "cpu/cpu.hpp"

namespace quartz::pm286 {

// Linear-address memory as the protected-mode logic needs it (descriptor tables, TSS, stacks).
// The core implements it with its own BIU so the accesses become real bus cycles; tests use a
// flat array. Addresses are 24-bit linear (the 80286 has 24 address lines).
class PmMemory {
 public:
  virtual ~PmMemory() = default;
  virtual std::uint8_t read8(std::uint32_t linear) = 0;
  virtual void write8(std::uint32_t linear, std::uint8_t value) = 0;
  // Word accesses are little-endian byte pairs; an implementation may override them to issue
  // one 16-bit bus cycle.
  virtual std::uint16_t read16(std::uint32_t linear) {
    return std::uint16_t(read8(linear) | (read8(linear + 1) << 8));
  }
  virtual void write16(std::uint32_t linear, std::uint16_t value) {
    write8(linear, std::uint8_t(value));
    write8(linear + 1, std::uint8_t(value >> 8));
  }
};

// Exception vectors of the 80286 (PRM chapter 9, table 9-1).
enum Vector : std::uint8_t {
  kDivideError = 0, kSingleStep = 1, kNmi = 2, kBreakpoint = 3, kOverflow = 4, kBound = 5,
  kInvalidOpcode = 6, kNoMathUnit = 7, kDoubleFault = 8, kMathSegmentOverrun = 9,
  kInvalidTss = 10, kNotPresent = 11, kStackFault = 12, kGeneralProtection = 13,
  kMathFault = 16,
};

// A processor exception with its error code (PRM 9.7: bits 15-3 selector index, bit 2 TI,
// bit 1 IDT, bit 0 EXT). has_error says whether the exception pushes the code.
struct Fault {
  std::uint8_t vector = 0;
  std::uint16_t error = 0;
  bool has_error = true;
  bool operator==(const Fault&) const = default;
};
using MaybeFault = std::optional<Fault>;  // nullopt: the operation succeeded

// Machine status word bits (PRM 10.1).
inline constexpr std::uint16_t kMswPE = 0x0001, kMswMP = 0x0002, kMswEM = 0x0004,
                               kMswTS = 0x0008;
// FLAGS bits used here.
inline constexpr std::uint16_t kFlagCF = 0x0001, kFlagZF = 0x0040, kFlagTF = 0x0100,
                               kFlagIF = 0x0200, kFlagIOPL = 0x3000, kFlagNT = 0x4000;

// Segment register indices as in CpuState::seg_cache (x86 encoding).
enum SegReg : int { kES = 0, kCS = 1, kSS = 2, kDS = 3 };

// Which way a far transfer, return or interrupt went, as the PRM's clock tables distinguish
// them (appendix B: JMP, CALL, RET, IRET, INT). Reported for the core, which owns timing.
enum class Path : std::uint8_t {
  kNone,
  kSameLevel,   // to a code segment at the same privilege (direct, or RET/IRET same level)
  kGate,        // through a call, interrupt or trap gate, same privilege
  kInnerLevel,  // through a gate to more privilege (new stack from the TSS)
  kOuterLevel,  // RET/IRET to less privilege (SS:SP popped)
  kTss,         // task switch straight to a TSS (JMP/CALL), or IRET to the back link
  kTaskGate,    // task switch through a task gate
};

struct PmContext {
  CpuState& state;
  PmMemory& mem;
  // EXT bit for error codes: set while delivering an event external to the program (hardware
  // interrupt or an exception), PRM 9.7.
  bool ext = false;
  // Out: the path the last successful transfer took, and the words a call gate copied.
  Path path = Path::kNone;
  std::uint8_t gate_words = 0;
};

inline bool protected_mode(const CpuState& s) { return (s.msw & kMswPE) != 0; }
std::uint16_t& selector_register(CpuState& s, int seg);
std::uint16_t selector_register(const CpuState& s, int seg);

inline Fault gp(std::uint16_t e) { return {kGeneralProtection, e, true}; }
inline Fault np(std::uint16_t e) { return {kNotPresent, e, true}; }
inline Fault ss_fault(std::uint16_t e) { return {kStackFault, e, true}; }
inline Fault ts(std::uint16_t e) { return {kInvalidTss, e, true}; }

}  // namespace quartz::pm286
