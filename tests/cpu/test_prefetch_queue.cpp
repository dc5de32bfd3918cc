// Self-modifying code against the prefetch queue (testroms/cpu/smc.asm): bytes already in
// the queue execute as fetched. The 8086 queue holds 6 bytes, the 8088's 4 (8086 Family
// User's Manual), so the classic identification routine tells them apart.
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

struct SmcResult {
  std::uint16_t queue_probe, far_probe, sanity;
};

SmcResult run_smc(CpuModel model, bool cache) {
  CpuRig r(model);
  r.cpu->set_decode_cache(cache);
  r.start(read_file(QUARTZ_BUILD_DIR "/testroms/cpu/smc.bin"));
  r.run_to_halt();
  const std::uint32_t base = (std::uint32_t(CpuRig::kCodeSeg) << 4) + 0x200;
  return {r.read16(base), r.read16(base + 2), r.read16(base + 4)};
}

}  // namespace

TEST_CASE("8086 executes the already-queued INC DX (6-byte queue)", "[cpu]") {
  for (bool cache : {true, false}) {
    SmcResult res = run_smc(CpuModel::i8086, cache);
    CHECK(res.sanity == 0x1234);
    CHECK(res.queue_probe == 1);
    CHECK(res.far_probe == 0);
  }
}

TEST_CASE("8088 executes the rewritten byte (4-byte queue)", "[cpu]") {
  for (bool cache : {true, false}) {
    SmcResult res = run_smc(CpuModel::i8088, cache);
    CHECK(res.sanity == 0x1234);
    CHECK(res.queue_probe == 0);
    CHECK(res.far_probe == 0);
  }
}

TEST_CASE("queue() reports at most 6 bytes on the 8086 and 4 on the 8088", "[cpu]") {
  for (CpuModel m : {CpuModel::i8086, CpuModel::i8088}) {
    CpuRig r(m);
    std::vector<std::uint8_t> code;
    for (int i = 0; i < 32; ++i) code.insert(code.end(), {0xD4, 0x0A});  // AAM: 83 clocks
    r.start(code);
    // A long instruction gives the BIU time to fill the queue completely.
    for (int i = 0; i < 5; ++i) r.cpu->step();
    const std::size_t want = m == CpuModel::i8086 ? 6 : 4;
    CHECK(r.cpu->queue().size() == want);
  }
}
