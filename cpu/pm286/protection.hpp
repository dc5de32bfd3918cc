#pragma once
// Protected-mode segment register loads and offset checks (80286 PRM chapter 7 and the MOV/POP
// Sreg, LDS/LES entries of appendix B).
#include <cstdint>

#include "cpu/pm286/descriptor.hpp"

namespace quartz::pm286 {

// MOV/POP/LDS/LES into DS, ES or SS in protected mode (CS is loaded only by control
// transfers, see control_transfer.hpp). Checks, in the manual's order:
//   DS/ES: null selector loads an invalid cache (any later use -> #GP(0)); table limit, type
//   (data or readable code), privilege (data and non-conforming code need DPL >= CPL and
//   DPL >= RPL) -> #GP(selector); not present -> #NP(selector).
//   SS: null -> #GP(0); table limit, RPL != CPL, not a writable data segment, DPL != CPL
//   -> #GP(selector); not present -> #SS(selector).
// Success writes the selector, fills the cache and sets the accessed bit in memory.
MaybeFault load_segment(PmContext& ctx, int seg, std::uint16_t selector);

// The same checks used by a task switch, which reports #TS instead of #GP (PRM 8.4).
MaybeFault load_segment_for_task(PmContext& ctx, int seg, std::uint16_t selector);

enum class Access : std::uint8_t { kRead, kWrite, kExecute };

// True if `size` bytes at `offset` lie inside the segment described by `cache`: expand-up
// segments accept offset..offset+size-1 <= limit; expand-down data segments accept offsets
// above the limit up to FFFFh (PRM 7.3.1).
bool offset_in_limit(const SegmentCache& cache, std::uint32_t offset, unsigned size);

// Full operand check for a memory reference through segment register `seg` (PRM 7.3):
// invalid (null) segment, write to code or read-only data, read of execute-only code, or an
// offset beyond the limit -> #SS(0) for SS references, #GP(0) otherwise.
MaybeFault check_access(const CpuState& s, int seg, std::uint16_t offset, unsigned size,
                        Access kind);

// Stack helpers on an SS:SP pair held in a CpuState (used by the control-transfer code).
bool stack_has_room(const CpuState& s, unsigned bytes);          // for a push of `bytes`
bool stack_has_data(const CpuState& s, unsigned offset, unsigned bytes);  // SP+offset.. valid
void push16(PmContext& ctx, CpuState& s, std::uint16_t v);
std::uint16_t read_stack16(PmContext& ctx, const CpuState& s, unsigned offset);

// FLAGS image loaded by POPF/IRET in protected mode (PRM appendix B, POPF): IOPL changes only
// at CPL 0, IF only when CPL <= IOPL.
std::uint16_t merge_popped_flags(std::uint16_t old_flags, std::uint16_t popped, std::uint8_t cpl);

}  // namespace quartz::pm286
