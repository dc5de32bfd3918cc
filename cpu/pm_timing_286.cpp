// 80286 protected-mode clock rows (cpu/pm_timing_286.hpp). The PRM totals each row makes up
// are in the comments; tests/cpu/test_286_pm_timing.cpp checks the totals.
#include "cpu/pm_timing_286.hpp"

namespace quartz {

namespace {
using pm286::Path;
// Rows of PmClocks286::by_path: none, same level, gate, inner level, outer level, TSS, task
// gate. Each comment gives the PRM totals the row makes up. A parameter word of an inner-level
// CALL costs the core a stack read and a write, the PRM's 4 clocks per word, so per_param is 0.
constexpr PmClocks286 kPmTransfer286[] = {
    // JMP ptr16:16: 23, call gate 38, TSS 175, task gate 180.
    {{0, 6, 15, 0, 0, 62, 67}},
    // JMP m16:16: 26, call gate 41, TSS 178, task gate 183.
    {{0, 9, 18, 0, 0, 65, 70}},
    // CALL ptr16:16: 26, call gate 41, more privilege 82 (X = 0) or 86+4X, TSS 177, task gate 182.
    {{0, 8, 17, 44, 0, 68, 73}, 4, 0},
    // CALL m16:16: 29, call gate 44, more privilege 83 (X = 0) or 90+4X, TSS 180, task gate 185.
    {{0, 8, 17, 42, 0, 68, 73}, 7, 0},
    // RETF (and RETF n): 25, to lesser privilege 55.
    {{0, 8, 0, 0, 28, 0, 0}},
    // IRET: 31, to lesser privilege 55, to another task (NT = 1) 169.
    {{0, 11, 0, 0, 25, 67, 0}},
    // INT n: same privilege 40, more privilege 78, task gate 167.
    {{0, 0, 14, 38, 0, 0, 58}},
};
// MOV Sreg,r 17 / MOV Sreg,m 19 / POP Sreg 20 / LDS, LES 21 (real mode 2 / 5 / 5 / 7).
constexpr std::uint8_t kPmSegLoad286[] = {8, 8, 9, 8};
}  // namespace

unsigned pm_transfer_clocks_286(PmTransfer286 t, pm286::Path path, unsigned words) {
  const PmClocks286& r = kPmTransfer286[unsigned(t)];
  unsigned n = r.by_path[unsigned(path)];
  if (path == Path::kInnerLevel && words) n += r.with_params + r.per_param * words;
  return n;
}

unsigned pm_segment_load_clocks_286(PmSegLoad286 k) { return kPmSegLoad286[unsigned(k)]; }

}  // namespace quartz
