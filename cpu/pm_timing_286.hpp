#pragma once
// 80286 protected-mode clock counts as data (cpu/pm_timing_286.cpp), charged by the glue in
// cpu/protected_mode.cpp after a far transfer, interrupt or segment load succeeds.
#include <array>
#include <cstdint>

#include "cpu/pm286/pm_context.hpp"

namespace quartz {

// 80286 protected mode. The iAPX 286 PRM (appendix B) gives the clocks of each far transfer
// per path: JMP/CALL far ("pm="), through a call gate, to more privilege with X parameter
// words, through a TSS or a task gate; RET/IRET to the same or an outer level or (IRET) to
// another task; INT through a gate, to more privilege or through a task gate. The core runs
// the real-mode EU clocks and every descriptor, gate, stack and TSS access as a bus cycle;
// these rows are the EU clocks the protection microcode spends on top. They are chosen so
// that with no wait states each total is the PRM's (tests/cpu/test_286_pm_timing.cpp); wait
// states on the extra bus cycles add to it, as they would on the chip.
enum class PmTransfer286 : std::uint8_t { kJmpPtr, kJmpMem, kCallPtr, kCallMem, kRetFar, kIret, kInt };
inline constexpr bool is_jump(PmTransfer286 t) {
  return t == PmTransfer286::kJmpPtr || t == PmTransfer286::kJmpMem;
}
struct PmClocks286 {
  std::array<std::uint8_t, 7> by_path;  // indexed by pm286::Path
  std::uint8_t with_params = 0;         // CALL to more privilege with parameter words: more,
  std::uint8_t per_param = 0;           // and per word
};
unsigned pm_transfer_clocks_286(PmTransfer286 t, pm286::Path path, unsigned words);

// Segment register loads in protected mode (PRM appendix B: MOV Sreg,r 17, MOV Sreg,m 19,
// POP Sreg 20, LDS/LES 21), as EU clocks on top of the real-mode path and the descriptor read.
enum class PmSegLoad286 : std::uint8_t { kMovReg, kMovMem, kPop, kLoadFarPtr };
unsigned pm_segment_load_clocks_286(PmSegLoad286 k);

}  // namespace quartz
