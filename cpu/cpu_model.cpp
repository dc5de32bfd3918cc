#include <string_view>

#include "cpu/cpu.hpp"

namespace quartz {

std::string_view cpu_model_name(CpuModel m) {
  switch (m) {
    case CpuModel::i8088: return "8088";
    case CpuModel::i8086: return "8086";
    case CpuModel::i80286: return "80286";
  }
  return "?";
}

bool parse_cpu_model(std::string_view s, CpuModel& out) {
  struct Name { std::string_view text; CpuModel model; };
  static constexpr Name kNames[] = {
      {"8088", CpuModel::i8088}, {"8086", CpuModel::i8086},
      {"80286", CpuModel::i80286}, {"286", CpuModel::i80286}};
  for (const auto& n : kNames)
    if (s == n.text) { out = n.model; return true; }
  return false;
}

}  // namespace quartz
