// make_cpu: the core for a model. The 808x share one bus-cycle core parameterised by the
// model table (the 80286 in real mode: its own opcode map, 808x-style bus timing so far).
#include "cpu/cpu.hpp"
#include "cpu/cpu808x.hpp"

namespace quartz {

std::unique_ptr<Cpu> make_cpu(CpuModel model, Bus& bus) {
  switch (model) {
    case CpuModel::i8086:
    case CpuModel::i8088:
    case CpuModel::i80286: return std::make_unique<Cpu808x>(model, bus);
    default: return nullptr;
  }
}

}  // namespace quartz
