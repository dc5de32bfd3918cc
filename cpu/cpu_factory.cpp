// TEMPORARY: returns no core until the 8086 core lands (the cpu engineer replaces this file).
#include "cpu/cpu.hpp"

namespace quartz {
std::unique_ptr<Cpu> make_cpu(CpuModel, Bus&) { return nullptr; }
}  // namespace quartz
