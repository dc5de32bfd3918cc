// The decode cache must not change behaviour: the bench workload and the self-modifying
// program give the same registers, memory and clock count with the cache on and off.
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

struct Outcome {
  CpuState state;
  std::uint64_t cycles;
  std::vector<std::uint8_t> mem;
};

Outcome run_program(const std::string& path, bool cache, int steps) {
  CpuRig r;
  r.cpu->set_decode_cache(cache);
  CpuState s;
  s.sp = 0xFFFE;
  r.start(read_file(path), s);
  for (int i = 0; i < steps && !r.cpu->halted(); ++i) r.cpu->step();
  Outcome o{r.cpu->state(), r.cpu->cycles(), {}};
  for (std::uint32_t a = 0x10000; a < 0x10800; ++a) o.mem.push_back(r.bus.peek8(a));
  return o;
}

}  // namespace

TEST_CASE("decode cache on and off give identical results", "[cpu]") {
  struct Program {
    const char* name;
    std::uint64_t min_cycles;
  };
  for (const Program& p : {Program{"/testroms/cpu/bench.bin", 1000000},
                           Program{"/testroms/cpu/smc.bin", 150}}) {
    const char* name = p.name;
    const std::string path = std::string(QUARTZ_BUILD_DIR) + name;
    Outcome a = run_program(path, true, 200000);
    Outcome b = run_program(path, false, 200000);
    INFO(name);
    CHECK(a.cycles == b.cycles);
    CHECK(a.state.ax == b.state.ax);
    CHECK(a.state.bx == b.state.bx);
    CHECK(a.state.cx == b.state.cx);
    CHECK(a.state.dx == b.state.dx);
    CHECK(a.state.si == b.state.si);
    CHECK(a.state.di == b.state.di);
    CHECK(a.state.ip == b.state.ip);
    CHECK(a.state.flags == b.state.flags);
    CHECK(a.mem == b.mem);
    CHECK(a.cycles > p.min_cycles);  // the program really ran
  }
}
