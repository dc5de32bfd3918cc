#pragma once
// A bare 808x/80286 machine for the CPU tests: 1 MiB of RAM on a 20-bit bus and one CPU core.
// Programs are loaded at 1000:0000 with SS:SP = 2000:0000 unless a test says otherwise.
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "cpu/cpu.hpp"
#include "memory/bus.hpp"

namespace quartz::test {

struct CpuRig {
  Bus bus{20};
  std::unique_ptr<Cpu> cpu;
  static constexpr std::uint16_t kCodeSeg = 0x1000;

  explicit CpuRig(CpuModel model = CpuModel::i8086) {
    bus.map_ram(0, 1u << 20);
    cpu = make_cpu(model, bus);
    if (!cpu) throw std::runtime_error("no core");
  }

  void load(std::uint32_t phys, const std::vector<std::uint8_t>& bytes) {
    for (std::size_t i = 0; i < bytes.size(); ++i) bus.poke8(std::uint32_t(phys + i), bytes[i]);
  }
  // Loads `code` at 1000:0000 and points CS:IP at it.
  void start(const std::vector<std::uint8_t>& code, CpuState s = {}) {
    load(std::uint32_t(kCodeSeg) << 4, code);
    s.cs = kCodeSeg;
    s.ip = 0;
    if (!s.ss) s.ss = 0x2000;
    cpu->set_state(s);
  }
  // Points interrupt vector `v` at a HLT placed at 0050:(v*2).
  void hlt_vector(std::uint8_t v) {
    const std::uint16_t off = std::uint16_t(v * 2);
    bus.poke8(0x500 + off, 0xF4);
    write16(std::uint32_t(v) * 4, off);
    write16(std::uint32_t(v) * 4 + 2, 0x0050);
  }
  void write16(std::uint32_t phys, std::uint16_t v) {
    bus.poke8(phys, std::uint8_t(v));
    bus.poke8(phys + 1, std::uint8_t(v >> 8));
  }
  std::uint16_t read16(std::uint32_t phys) const {
    return std::uint16_t(bus.peek8(phys) | (bus.peek8(phys + 1) << 8));
  }
  // Steps until HLT (or the step limit); returns the number of instructions executed.
  int run_to_halt(int limit = 100000) {
    int n = 0;
    while (!cpu->halted() && n < limit) {
      cpu->step();
      ++n;
    }
    return n;
  }
  // Stack word at SS:SP+off.
  std::uint16_t stack(std::uint16_t off) const {
    CpuState s = cpu->state();
    return read16((std::uint32_t(s.ss) << 4) + std::uint16_t(s.sp + off));
  }
};

// Collects every clock of a traced run (cpu/cpu.hpp CycleTraceSink).
struct TraceRecorder : CycleTraceSink {
  std::vector<BusCycle> cycles;
  void on_cycle(const BusCycle& c) override { cycles.push_back(c); }
};

// 80286: runs `code`, loaded at 1000:s.ip, on `r` from an empty prefetch queue (as after a
// jump: Cpu::conformance_begin) until HLT or `limit` instructions, and returns every clock
// of the trace. CS is 1000h and SS defaults to 2000h; all other registers are the test's.
inline std::vector<BusCycle> trace_286(CpuRig& r, const std::vector<std::uint8_t>& code,
                                       CpuState s = {}, int limit = 10) {
  r.load((std::uint32_t(CpuRig::kCodeSeg) << 4) + s.ip, code);
  s.cs = CpuRig::kCodeSeg;
  if (!s.ss) s.ss = 0x2000;
  TraceRecorder rec;
  r.cpu->set_trace(&rec);
  r.cpu->conformance_begin(s, {});
  r.run_to_halt(limit);
  r.cpu->set_trace(nullptr);
  return std::move(rec.cycles);
}

// The same on a fresh 80286 rig.
inline std::vector<BusCycle> trace_286(const std::vector<std::uint8_t>& code, CpuState s = {}) {
  CpuRig r(CpuModel::i80286);
  return trace_286(r, code, s);
}

// One 80286 bus cycle start (Ts, ALE high): its clock (index in the trace) and bus status.
struct TsClock {
  unsigned clock;
  std::uint8_t status;
};

inline std::vector<TsClock> ts_clocks(const std::vector<BusCycle>& t) {
  std::vector<TsClock> out;
  for (unsigned i = 0; i < t.size(); ++i)
    if (t[i].ale) out.push_back({i, t[i].bus_status});
  return out;
}

// Clock of the first Ts with `status`, ~0u if there is none.
inline unsigned first_ts(const std::vector<TsClock>& t, std::uint8_t status) {
  for (const TsClock& x : t)
    if (x.status == status) return x.clock;
  return ~0u;
}

inline std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot open " + path);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(f), {});
}

inline constexpr std::uint16_t CF = 0x0001, PF = 0x0004, AF = 0x0010, ZF = 0x0040,
                               SF = 0x0080, TF = 0x0100, IF = 0x0200, DF = 0x0400,
                               OF = 0x0800;

}  // namespace quartz::test
