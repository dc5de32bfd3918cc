#pragma once
// Per-model data for the bus-cycle cores (8086/8088 now, 80286 later): the differences the
// chips' manuals and the SingleStepTests captures show, kept as table rows so handlers ask a
// question ("does this model mask shift counts?") instead of testing the model name.
#include <cstdint>

#include "cpu/cpu.hpp"

namespace quartz {

struct ModelTraits {
  CpuModel model;
  std::uint8_t queue_size;       // prefetch queue bytes (8086 user's manual 2-4: 6 / 8088: 4)
  std::uint8_t bus_bytes;        // data bus width in bytes
  std::uint8_t fetch_threshold;  // free queue bytes needed before the BIU starts a code fetch
  bool shift_count_masked;       // 80186+: shift/rotate counts taken mod 32 (808x: not masked)
  bool push_sp_pushes_new;       // 808x PUSH SP stores the decremented SP (286: the old one)
  bool div_fault_returns_next;   // 808x divide error pushes the address of the next insn
  bool flags_high_bits_set;      // 808x FLAGS bits 12-15 always read as 1
};

const ModelTraits& model_traits(CpuModel m);

}  // namespace quartz
