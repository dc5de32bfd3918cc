#include "cpu/model_traits.hpp"

namespace quartz {

namespace {
// 8086 Family User's Manual (1979), section 2: "the 8086 BIU ... a 6-byte queue; the 8088 a
// 4-byte queue"; the 8086 fetches when two bytes are free, the 8088 when one is free.
constexpr ModelTraits kTraits[] = {
    {CpuModel::i8088, 4, 1, 1, false, true, true, true},
    {CpuModel::i8086, 6, 2, 2, false, true, true, true},
    {CpuModel::i80286, 6, 2, 2, true, false, false, false},
};
}  // namespace

const ModelTraits& model_traits(CpuModel m) {
  for (const auto& t : kTraits)
    if (t.model == m) return t;
  return kTraits[1];
}

}  // namespace quartz
