#pragma once
// Glue between the 808x/286 core (Cpu808x) and the 80286 protected-mode library (cpu/pm286/).
// The core keeps the 286's hidden registers (GDTR, IDTR, LDTR, TR and their caches, CPL,
// segment descriptor caches) in a PmRegs; the glue assembles a CpuState from the core's
// registers plus PmRegs, hands it to a pm286 function through a PmContext whose PmMemory is
// the core's bus, and writes the result back. Internal to cpu/.
#include <array>
#include <cstdint>

#include "cpu/cpu.hpp"
#include "cpu/pm_timing_286.hpp"

namespace quartz {

class Bus;
class Cpu808x;

// The 80286 hidden state the 8086 register file does not have (80286 PRM 6.3, 7.2).
struct PmRegs {
  // RESET: IDT base 0, limit 03FFh (80286 datasheet, "Protected Mode Initialization"); the
  // real-mode interrupt table limit is checked (Cpu808x::real_mode_vector).
  DescriptorTableReg gdtr{}, idtr{0, 0x03FF};
  std::uint16_t ldtr = 0, tr = 0;
  SegmentCache ldtr_cache{}, tr_cache{};
  std::uint8_t cpl = 0;
  // Segment descriptor caches (ES, CS, SS, DS). Loaded with the real-mode bases when LMSW
  // sets PE (the chip keeps using them until the next segment load, PRM 10.3); in protected
  // mode code fetches use the CS base (Cpu808x::code_phys).
  std::array<SegmentCache, 4> seg_cache{};
  // Real mode after LOADALL (cpu/loadall.cpp): bit i set while segment i's cache holds the
  // base LOADALL gave it. The chip keeps a cache until the next load of that segment
  // register (PRM 10.3): Cpu808x::loadall_after_instruction clears the bit when an
  // instruction loads the register, and as a safeguard the cache only applies while the
  // register still holds the selector LOADALL loaded (loadall_sel).
  std::uint8_t loadall_mask = 0;
  std::array<std::uint16_t, 4> loadall_sel{};
  // Error code of the fault being raised (set by the glue before it abandons the
  // instruction; consumed by the next interrupt delivery).
  bool fault_pending = false;
  std::uint16_t fault_error = 0;
};

// Copies the hidden registers between a PmRegs and a CpuState (same member names), either
// way: Cpu808x::state() reports them and set_state() loads them in protected mode.
template <typename To, typename From>
void copy_hidden_registers(To& to, const From& from) {
  to.seg_cache = from.seg_cache;
  to.gdtr = from.gdtr;
  to.idtr = from.idtr;
  to.ldtr = from.ldtr;
  to.tr = from.tr;
  to.ldtr_cache = from.ldtr_cache;
  to.tr_cache = from.tr_cache;
  to.cpl = from.cpl;
}

// 63 ARPL (protected_mode.cpp, with op_0f: the 0F 00/01/02/03/06 rows). They use
// cpu/pm286/system_insns and raise #UD in real mode where the PRM says so.
void op_arpl(Cpu808x& c);

// ESC (wait = false) and WAIT (wait = true) raise #NM (7) by the MSW bits, in real and
// protected mode alike (80286 PRM 10.1.2, table 10-1). The 808x's MSW never changes from
// FFF0h, so it never faults there.
void check_coprocessor(Cpu808x& c, bool wait);

// Protected-mode far transfers through cpu/pm286/control_transfer (PRM 7.5, 8.3): on
// success the core's registers, caches and CS:IP are the result and the prefetch queue is
// flushed; a fault restarts the instruction. next_ip is the IP after the instruction.
// `kind` (JMP/CALL, immediate or memory pointer) also selects the PRM clock row
// (cpu/timing_286.hpp), as RETF, IRET and interrupts do theirs.
void pm_far_transfer(Cpu808x& c, PmTransfer286 kind, std::uint16_t selector,
                     std::uint16_t offset, std::uint16_t next_ip);
void pm_far_return(Cpu808x& c, std::uint16_t pop_bytes);
void pm_iret(Cpu808x& c);

// POPF in protected mode: the popped image merged by pm286::merge_popped_flags.
std::uint16_t pm_popped_flags(Cpu808x& c, std::uint16_t popped);

// Privilege checks of PRM 10.3, no-ops in real mode: kIopl for CLI/STI (CPL <= IOPL),
// kCpl0 for HLT; both raise #GP(0).
enum class PmPrivilege : std::uint8_t { kIopl, kCpl0 };
void pm_check_privilege(Cpu808x& c, PmPrivilege p);

// MOV/POP Sreg, LDS/LES in protected mode: pm286::load_segment's checks (PRM 7.3, 6.3.2)
// fill the descriptor cache; a fault restarts the instruction with nothing changed.
void pm_load_segment(Cpu808x& c, unsigned seg, std::uint16_t selector, PmSegLoad286 kind);

// The protection check of a data reference through segment `seg` in protected mode (PRM
// 7.3: null segment, type, limit; #SS(0) for SS, #GP(0) otherwise): raises the fault.
// Meant for the BIU's mem_read/mem_write when MSW.PE is set, before the bus cycle.
void pm_check_data(Cpu808x& c, unsigned seg, std::uint16_t offset, unsigned size, bool write);

// Interrupt/exception delivery through the IDT (PRM chapter 9). software: INT n/INT 3/INTO
// (gate DPL check). Otherwise an exception when the glue raised it, else an external
// event. A fault while delivering #DF throws CpuShutdown (PRM 9.8, 11.6).
void pm_interrupt(Cpu808x& c, std::uint8_t vector, std::uint16_t return_ip, bool software);

// 0F 05 LOADALL (cpu/loadall.cpp): every register, the descriptor caches, GDTR, IDTR, LDTR,
// TR and the MSW from the 102-byte table at physical 000800h. #GP(0) above CPL 0.
void op_loadall(Cpu808x& c);

}  // namespace quartz
