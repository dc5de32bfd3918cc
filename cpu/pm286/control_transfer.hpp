#pragma once
// Far control transfers in protected mode (80286 PRM chapter 7.5 and 8, appendix B entries
// for CALL, JMP, RET and IRET). Conventions as in pm_context.hpp: state.ip is the IP of the
// instruction on entry; `next_ip` is the IP after it (the return address / saved task IP).
#include <cstdint>

#include "cpu/pm286/descriptor.hpp"

namespace quartz::pm286 {

// JMP ptr16:16 / JMP m16:16 to a code segment, call gate, task gate or TSS.
MaybeFault far_jump(PmContext& ctx, std::uint16_t selector, std::uint16_t offset,
                    std::uint16_t next_ip);
// CALL ptr16:16 / CALL m16:16; a call gate to a more privileged non-conforming segment
// switches to the TSS stack for that level, pushes the old SS:SP, copies the gate's word
// count of parameters, then pushes CS:IP.
MaybeFault far_call(PmContext& ctx, std::uint16_t selector, std::uint16_t offset,
                    std::uint16_t next_ip);
// RETF [pop_bytes]: same level, or to an outer level (pops SS:SP too and nulls DS/ES whose
// descriptors the new CPL may not use).
MaybeFault far_return(PmContext& ctx, std::uint16_t pop_bytes);
// IRET: NT=1 returns to the back-linked task (saving next_ip in the outgoing TSS, so the
// task resumes after its IRET when re-entered); otherwise same or outer level.
MaybeFault interrupt_return(PmContext& ctx, std::uint16_t next_ip);

// After a return to an outer level: DS/ES referring to data or non-conforming code with
// DPL < CPL become null (PRM 7.5.2.4).
void invalidate_inaccessible_segments(CpuState& s);

}  // namespace quartz::pm286
