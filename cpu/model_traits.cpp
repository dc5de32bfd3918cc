#include "cpu/model_traits.hpp"

#include "cpu/cpu808x.hpp"

namespace quartz {

namespace {
// 8086 Family User's Manual (1979), section 2: "the 8086 BIU ... a 6-byte queue; the 8088 a
// 4-byte queue"; the 8086 fetches when two bytes are free, the 8088 when one is free.
// 80286 PRM (real address mode, "differences from the 8086"): shift counts masked to 5 bits,
// PUSH SP pushes the old SP, divide errors point at the faulting instruction, FLAGS 12-15
// read 0, a word at offset FFFFh raises interrupt 13; 0F and 60-6F hold new instructions.
constexpr ModelTraits kTraits[] = {
    {CpuModel::i8088, 4, 1, 1, false, true, true, true, false, false, true, true, 0, false, false, opcode_map_808x},
    {CpuModel::i8086, 6, 2, 2, false, true, true, true, false, false, true, true, 0, false, false, opcode_map_808x},
    {CpuModel::i80286, 6, 2, 2, true, false, false, false, true, true, false, false, 10, true, true, opcode_map_286},
};
}  // namespace

const ModelTraits& model_traits(CpuModel m) {
  for (const auto& t : kTraits)
    if (t.model == m) return t;
  return kTraits[1];
}

}  // namespace quartz
