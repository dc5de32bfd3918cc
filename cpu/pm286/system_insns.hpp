#pragma once
// 80286 system instructions (PRM chapter 10 and appendix B): descriptor-table registers,
// MSW, task register, and the protection-query instructions. Operand fetch/store and their
// segment checks stay in the core; these functions take and return the operand values.
// LLDT, SLDT, LTR, STR, LAR, LSL, VERR, VERW and ARPL are undefined in real mode (#UD, 6);
// the core checks that before calling them (see pm_only_instruction).
#include <array>
#include <cstdint>

#include "cpu/pm286/descriptor.hpp"

namespace quartz::pm286 {

// LGDT/LIDT: 6-byte operand = limit word, 24-bit base, one ignored byte. CPL 0 only in
// protected mode (#GP(0)); allowed in real mode (that is how PE gets set up).
MaybeFault lgdt(PmContext& ctx, const std::array<std::uint8_t, 6>& operand);
MaybeFault lidt(PmContext& ctx, const std::array<std::uint8_t, 6>& operand);
// SGDT/SIDT: the 80286 stores FFh in the sixth byte (PRM appendix B, SGDT/SIDT; an 80386
// stores 0 or the base's high byte there).
std::array<std::uint8_t, 6> sgdt(const CpuState& s);
std::array<std::uint8_t, 6> sidt(const CpuState& s);

MaybeFault lldt(PmContext& ctx, std::uint16_t selector);
std::uint16_t sldt(const CpuState& s);
MaybeFault ltr(PmContext& ctx, std::uint16_t selector);
std::uint16_t str(const CpuState& s);

// LMSW loads PE, MP, EM, TS; PE cannot be cleared once set (PRM 10.1).
MaybeFault lmsw(PmContext& ctx, std::uint16_t value);
std::uint16_t smsw(const CpuState& s);
MaybeFault clts(PmContext& ctx);

// ARPL dest, src: raises dest's RPL to src's, ZF=1 if it changed.
struct ArplResult { std::uint16_t value; bool zf; };
ArplResult arpl(std::uint16_t dest, std::uint16_t src);

// LAR / LSL: ZF=1 and the value when the descriptor is visible at CPL and RPL; ZF=0 and
// no fault otherwise (PRM appendix B). LAR returns the access byte in the high byte.
struct QueryResult { bool zf; std::uint16_t value; };
QueryResult lar(PmContext& ctx, std::uint16_t selector);
QueryResult lsl(PmContext& ctx, std::uint16_t selector);
// VERR / VERW: ZF=1 if the segment is readable / writable at CPL and RPL.
bool verr(PmContext& ctx, std::uint16_t selector);
bool verw(PmContext& ctx, std::uint16_t selector);

// Processor-extension checks (PRM 10.1.2, table 10-1): ESC faults #NM (7) when EM=1 or
// TS=1; WAIT faults #NM when TS=1 and MP=1.
MaybeFault check_esc(const CpuState& s);
MaybeFault check_wait(const CpuState& s);

// IOPL-sensitive instructions (IN, INS, OUT, OUTS, CLI, STI; PRM 10.3): #GP(0) when
// CPL > IOPL in protected mode.
MaybeFault check_io_privilege(const CpuState& s);
// CPL-0-only instructions (HLT and the loads above; PRM 10.3): #GP(0) when CPL > 0 in
// protected mode.
MaybeFault check_cpl0(const CpuState& s);

// LLDT/SLDT/LTR/STR/VERR/VERW (0F 00 /0-/5), LAR (0F 02), LSL (0F 03) and ARPL (63) are
// recognized only in protected mode; in real mode they raise #UD (6). True if allowed.
inline bool pm_only_instruction_allowed(const CpuState& s) { return protected_mode(s); }

}  // namespace quartz::pm286
