// The runner and its comparisons, driven by a replaying stand-in CPU (replay_cpu.hpp): real
// captured tests replayed faithfully must pass every check, and each deliberate fault must be
// caught by exactly the check that covers it (and by no other).
#include <catch2/catch.hpp>

#include <filesystem>

#include <fmt/core.h>

#include "app/conformance/baseline.hpp"
#include "app/conformance/moo_reader.hpp"
#include "app/conformance/report.hpp"
#include "app/conformance/sst_compare.hpp"
#include "app/conformance/sst_runner.hpp"
#include "tests/conformance/moo_builder.hpp"
#include "tests/conformance/replay_cpu.hpp"

using namespace quartz;
using namespace quartz::conformance;
using quartz::test::Fault;
namespace fs = std::filesystem;

namespace {

std::string sst(const char* sub) { return (fs::path(QUARTZ_SST_DIR) / sub).string(); }

RunResult replay(const char* suite, const char* opcode, Fault fault, unsigned threads = 2,
                 std::size_t show = 0) {
  auto tests = std::make_shared<std::vector<MooTest>>();
  for (const auto& file : collect_moo_files({sst(suite)}, opcode)) {
    auto f = read_moo_file(file);
    tests->insert(tests->end(), f.tests.begin(), f.tests.end());
  }
  RunOptions o;
  o.inputs = {sst(suite)};
  o.opcode_filter = opcode;
  o.threads = threads;
  o.show_failures = show;
  o.factory = [tests, fault](CpuModel m, Bus& bus) -> std::unique_ptr<Cpu> {
    return std::make_unique<test::ReplayCpu>(m, bus, *tests, fault);
  };
  return run_sst(o);
}

// Tests whose expected trace has an ALE clock (some end before any bus cycle starts).
std::uint64_t tests_with_ale(const char* file) {
  std::uint64_t n = 0;
  for (const auto& t : read_moo_file(sst(file)).tests) {
    for (const auto& c : t.cycles) {
      if (c.bus.ale) {
        ++n;
        break;
      }
    }
  }
  return n;
}

// Tests whose expected trace has a data clock (808x T3 with a read/write command active) in
// a memory or I/O transfer (not a code fetch).
std::uint64_t tests_with_data_clock(const char* file) {
  std::uint64_t n = 0;
  for (const auto& t : read_moo_file(sst(file)).tests) {
    bool code = false;
    for (const auto& c : t.cycles) {
      if (c.bus.ale) code = c.bus.bus_status == 6;
      if (!code && c.bus.t_state == 3 && ((c.bus.mem_status | c.bus.io_status) & 5)) {
        ++n;
        break;
      }
    }
  }
  return n;
}

}  // namespace

TEST_CASE("Replayed 8086 captures pass state, cycles and bus") {
  RunResult r = replay("8086", "08", Fault::kNone);
  REQUIRE(r.opcodes.size() == 1);
  const PassCounts& c = r.opcodes.at("08");
  CHECK(c.tests == 1000);
  CHECK(c.state_pass == 1000);
  CHECK(c.cycles_pass == 1000);
  CHECK(c.bus_pass == 1000);
  CHECK(r.total == c);
  CHECK(r.model == CpuModel::i8086);  // from the MOO header
  CHECK(r.failures.empty());
}

TEST_CASE("Replayed 80286 captures pass, including exception tests (EXCP)") {
  RunResult r = replay("80286", "F7.6", Fault::kNone);
  const PassCounts& c = r.opcodes.at("F7.6");
  CHECK(r.model == CpuModel::i80286);
  CHECK(c.tests > 0);
  CHECK(c.state_pass == c.tests);
  CHECK(c.cycles_pass == c.tests);
  CHECK(c.bus_pass == c.tests);
  CHECK(r.revoked_skipped == 0);
}

TEST_CASE("State faults fail state only") {
  SECTION("wrong AX") {
    RunResult r = replay("8086", "08", Fault::kWrongAx, 2, 2);
    CHECK(r.total.state_pass == 0);
    CHECK(r.total.cycles_pass == 1000);
    CHECK(r.total.bus_pass == 1000);
    REQUIRE(r.failures.size() == 2);
    CHECK_THAT(r.failures[0], Catch::Contains("!! ax"));
    CHECK_THAT(r.failures[0], !Catch::Contains("!! bx"));
    CHECK_THAT(r.failures[0], Catch::Contains("bus: trace matches"));
  }
  SECTION("a defined flag (CF of OR) is compared") {
    CHECK(replay("8086", "08", Fault::kDefinedFlag).total.state_pass == 0);
  }
  SECTION("an undefined flag (AF of OR, metadata flags-mask) is not") {
    CHECK(replay("8086", "08", Fault::kUndefinedFlag).total.state_pass == 1000);
  }
  SECTION("AF is compared where the metadata defines it (ADD)") {
    CHECK(replay("8086", "00", Fault::kUndefinedFlag).total.state_pass == 0);
  }
  SECTION("wrong memory byte") {
    RunResult r = replay("8086", "08", Fault::kWrongMemory, 1, 1);
    CHECK(r.total.state_pass == 0);
    CHECK(r.total.bus_pass == 1000);
    REQUIRE(r.failures.size() == 1);
    CHECK_THAT(r.failures[0], Catch::Contains("checked bytes differ"));
  }
}

TEST_CASE("Trace faults fail cycles and/or bus, naming the field") {
  SECTION("one clock short: cycles and bus (length)") {
    RunResult r = replay("8086", "08", Fault::kDropLastCycle);
    CHECK(r.total.state_pass == 1000);
    CHECK(r.total.cycles_pass == 0);
    CHECK(r.total.bus_pass == 0);
    CHECK(r.first_bus_diff.at("length") == 1000);
  }
  SECTION("wrong latched address") {
    RunResult r = replay("8086", "08", Fault::kWrongAddress, 2, 1);
    std::uint64_t with_ale = tests_with_ale("8086/08.MOO.gz");
    REQUIRE(with_ale > 0);
    CHECK(r.total.cycles_pass == 1000);
    CHECK(r.total.bus_pass == 1000 - with_ale);
    CHECK(r.first_bus_diff.at("address") == with_ale);
    REQUIRE(r.failures.size() == 1);
    CHECK_THAT(r.failures[0], Catch::Contains("first difference at cycle"));
    CHECK_THAT(r.failures[0], Catch::Contains("(address)"));
    CHECK_THAT(r.failures[0], Catch::Contains(">>"));
  }
  SECTION("wrong data in an active byte lane") {
    RunResult r = replay("8086", "08", Fault::kWrongData);
    std::uint64_t with_data = tests_with_data_clock("8086/08.MOO.gz");
    REQUIRE(with_data > 0);
    CHECK(r.total.bus_pass == 1000 - with_data);
    CHECK(r.first_bus_diff.at("data") == with_data);
  }
  SECTION("data in the unused byte lane is ignored") {
    CHECK(replay("8086", "08", Fault::kWrongInactiveLane).total.bus_pass == 1000);
    RunResult r = replay("80286", "00", Fault::kWrongInactiveLane);
    CHECK(r.total.bus_pass == r.total.tests);
  }
  SECTION("wrong queue byte") {
    RunResult r = replay("8086", "08", Fault::kWrongQueueByte);
    CHECK(r.total.bus_pass == 0);
    CHECK(r.first_bus_diff.at("queue byte") == 1000);
  }
}

TEST_CASE("A core that throws or never ends the instruction fails every check, without hanging") {
  RunResult r = replay("8086", "90", Fault::kThrow, 2, 1);
  CHECK(r.total.tests > 0);
  CHECK(r.total.state_pass == 0);
  CHECK(r.total.cycles_pass == 0);
  CHECK(r.total.bus_pass == 0);
  REQUIRE(r.failures.size() == 1);
  CHECK_THAT(r.failures[0], Catch::Contains("core error: replay: deliberate fault"));

  RunResult w = replay("8086", "90", Fault::kRunaway, 1, 1);
  CHECK(w.total.bus_pass == 0);
  CHECK(w.total.state_pass == 0);
  REQUIRE(w.failures.size() == 1);
  CHECK_THAT(w.failures[0], Catch::Contains("no end of instruction"));
}

TEST_CASE("Thread count does not change the results") {
  RunResult one = replay("8086", "F6", Fault::kWrongData, 1);
  RunResult two = replay("8086", "F6", Fault::kWrongData, 2);
  CHECK(one.opcodes.size() == 8);  // F6.0 - F6.7
  CHECK(one.opcodes == two.opcodes);
  CHECK(one.first_bus_diff == two.first_bus_diff);
}

TEST_CASE("Byte lanes: only the lanes a transfer uses are compared") {
  auto cyc = [](std::uint8_t ale, std::uint32_t addr, std::uint8_t bhe, std::uint8_t mem,
                std::uint16_t data, std::uint8_t status, std::uint8_t t) {
    MooCycle c;
    c.bus.ale = ale;
    c.bus.address = addr;
    c.bus.bhe = bhe;
    c.bus.mem_status = mem;
    c.bus.data = data;
    c.bus.bus_status = status;
    c.bus.t_state = t;
    return c;
  };
  // 8086 byte read at an odd address (A0 = 1, BHE# low): data on D8-D15 only.
  std::vector<MooCycle> e{cyc(1, 0x12345, 0, 0, 0, 3, 1), cyc(0, 0, 0, 4, 0, 3, 2),
                          cyc(0, 0, 0, 4, 0xAB00, 7, 3)};
  std::vector<BusCycle> a{e[0].bus, e[1].bus, e[2].bus};
  a[2].data = 0xABFF;
  CHECK(compare_traces(CpuModel::i8086, e, a).ok());
  a[2].data = 0xAC00;
  auto d = compare_traces(CpuModel::i8086, e, a);
  CHECK(d.field == BusField::kData);
  CHECK(d.cycle == 2);
  // The 8088 has an 8-bit bus: D0-D7 only, and pin 34 is not BHE#.
  e[2].bus.data = 0x00AB;
  a[2].data = 0xFFAB;
  a[0].bhe = 1;
  CHECK(compare_traces(CpuModel::i8088, e, a).ok());
  CHECK(compare_traces(CpuModel::i8086, e, a).field == BusField::kBhe);
  // 8086 word at an even address (BHE# low): both lanes.
  e[0].bus.address = 0x12344;
  a[0] = e[0].bus;
  e[2].bus.data = 0x1234;
  a[2].data = 0x1235;
  CHECK(compare_traces(CpuModel::i8086, e, a).field == BusField::kData);
}

TEST_CASE("286 passive bus status codes compare alike, active ones exactly") {
  MooCycle e;
  e.bus.bus_status = 15;  // S1=S0=1 with COD/INTA and M/IO high
  BusCycle a = e.bus;
  a.bus_status = 7;
  CHECK(compare_traces(CpuModel::i80286, std::span(&e, 1), std::span(&a, 1)).ok());
  CHECK(compare_traces(CpuModel::i8086, std::span(&e, 1), std::span(&a, 1)).ok());  // 15&7 == 7
  e.bus.bus_status = 13;  // CODE
  a.bus_status = 5;       // MEMR
  CHECK(compare_traces(CpuModel::i80286, std::span(&e, 1), std::span(&a, 1)).field ==
        BusField::kStatus);
}

TEST_CASE("FLAGS pushed by an exception are compared under the undefined-flag mask") {
  MooTest t;
  t.init.regs.present = 0x3FFF;
  t.init.regs.value[kSs] = 0x1000;
  t.init.regs.value[kSp] = 0x0100;
  t.fina.ram = {{0x100FE, 0x13}, {0x100FF, 0xF0}, {0x20000, 0x55}};
  CpuState actual = initial_state(CpuModel::i8086, t);
  std::map<std::uint32_t, std::uint8_t> mem{{0x100FE, 0x13}, {0x100FF, 0xF0}, {0x20000, 0x55}};
  auto read = [&](std::uint32_t a) { return mem[a]; };
  const std::uint16_t div_mask = 63274;  // o..szapc undefined (metadata.json F6.6)

  // No exception in the trace: the stack bytes are compared exactly.
  mem[0x100FE] = 0x12;  // CF differs
  CHECK(compare_state(CpuModel::i8086, t, div_mask, actual, read).mem.size() == 1);

  // 808x divide error: the expected trace reads the type-0 vector at 00000h, so the FLAGS
  // word at SS:SP-2 = 100FEh is masked.
  MooCycle ivt;
  ivt.bus.ale = 1;
  ivt.bus.address = 0;
  ivt.bus.bus_status = 3;
  t.cycles = {ivt};
  auto addr = pushed_flags_address(CpuModel::i8086, t);
  REQUIRE(addr);
  CHECK(*addr == 0x100FE);
  CHECK(compare_state(CpuModel::i8086, t, div_mask, actual, read).ok());
  mem[0x100FF] = 0xF1;  // TF differs: defined, still caught
  CHECK(compare_state(CpuModel::i8086, t, div_mask, actual, read).mem.size() == 1);
  mem[0x100FF] = 0xF0;
  mem[0x20000] = 0x56;  // other bytes unaffected by the mask
  CHECK(compare_state(CpuModel::i8086, t, div_mask, actual, read).mem.size() == 1);
  mem[0x20000] = 0x55;

  // 286: the EXCP chunk gives the address; no trace heuristics.
  t.cycles.clear();
  CHECK_FALSE(pushed_flags_address(CpuModel::i80286, t));
  t.has_exception = true;
  t.exception_flag_address = 0x100FE;
  CHECK(compare_state(CpuModel::i80286, t, div_mask, actual, read).ok());
  CHECK_FALSE(compare_state(CpuModel::i80286, t, 0xFFFF, actual, read).ok());
}

TEST_CASE("Registers absent from FINA must keep their INIT value") {
  MooTest t;
  t.init.regs.present = 0x3FFF;
  t.init.regs.value[kBx] = 0x1234;
  t.fina.regs.present = 1u << kAx;
  t.fina.regs.value[kAx] = 0x5555;
  CpuState a = initial_state(CpuModel::i8086, t);
  a.ax = 0x5555;
  auto none = [](std::uint32_t) { return std::uint8_t(0); };
  CHECK(compare_state(CpuModel::i8086, t, 0xFFFF, a, none).ok());
  a.bx = 0x1235;
  CHECK(compare_state(CpuModel::i8086, t, 0xFFFF, a, none).reg_mismatch == (1u << kBx));
}

TEST_CASE("Revoked 286 tests are skipped and counted") {
  test::TempDir dir("revoke");
  test::GenTest g1, g2;
  g1.init_regs[kIp] = 0x100;
  g1.init_regs[kSp] = 0x200;
  g1.with_queue = false;
  g1.cycles = {{0x0D, 0x1000, 3, 0, 0, 0, 0, 13, 1, 0, 0}, {0x0C, 0x1002, 3, 4, 0, 0, 0x90F4, 15, 2, 0, 0}};
  g1.hash = test::Bytes(20, 0x11);
  g2 = g1;
  g2.init_regs[kIp] = 0x300;
  g2.hash = test::Bytes(20, 0x22);
  test::write_gz(dir.path / "90.MOO.gz", test::moo_file({g1, g2}, "C286"));
  test::write_text(dir.path / "metadata.json", test::kMinimalMetadata);
  test::write_text(dir.path / "revocation_list.txt",
                    "# bad tests\n2222222222222222222222222222222222222222\n");
  auto tests = std::make_shared<std::vector<MooTest>>(
      read_moo_file((dir.path / "90.MOO.gz").string()).tests);
  RunOptions o;
  o.inputs = {dir.path.string()};
  o.factory = [tests](CpuModel m, Bus& bus) -> std::unique_ptr<Cpu> {
    return std::make_unique<test::ReplayCpu>(m, bus, *tests, Fault::kNone);
  };
  RunResult r = run_sst(o);
  CHECK(r.model == CpuModel::i80286);
  CHECK(r.revoked_skipped == 1);
  CHECK(r.total.tests == 1);
  CHECK(r.total.bus_pass == 1);
  CHECK_THAT(format_table(r), Catch::Contains("1 revoked tests skipped"));
}

TEST_CASE("JSON report, baseline ratchet and Markdown table") {
  RunResult r = replay("8086", "F6", Fault::kWrongAx);  // state 0, cycles and bus all pass
  std::string json = format_json(r);
  Baseline b = parse_baseline(json, "run.json");
  CHECK(b.cpu == "8086");
  CHECK(b.opcodes == r.opcodes);
  CHECK(b.total == r.total);
  CHECK(find_regressions(b, r).empty());

  // The baseline asks for more than the run reaches on one opcode: exactly that is reported.
  Baseline higher = b;
  higher.opcodes["F6.3"].state_pass = 5;
  auto reg = find_regressions(higher, r);
  REQUIRE(reg.size() == 1);
  CHECK(reg[0] == "opcode F6.3: state pass 0 < baseline 5");
  // An opcode the run no longer covers is a regression unless the run was filtered.
  Baseline extra = b;
  extra.opcodes["F7.0"] = PassCounts{10, 0, 0, 0};
  CHECK(find_regressions(extra, r).size() == 1);
  CHECK(find_regressions(extra, r, true).empty());

  // Improvements are listed; merging keeps opcodes the run did not cover.
  Baseline lower = b;
  lower.opcodes["F6.0"].bus_pass = 0;
  auto up = find_improvements(lower, r);
  REQUIRE(up.size() == 1);
  CHECK_THAT(up[0], Catch::StartsWith("opcode F6.0: bus 0 -> "));
  Baseline merged = parse_baseline(merged_baseline_json(extra, r), "m.json");
  CHECK(merged.opcodes.count("F7.0") == 1);
  CHECK(merged.opcodes.at("F6.0") == r.opcodes.at("F6.0"));

  std::string md = format_markdown(r);
  CHECK_THAT(md, Catch::StartsWith("| opcode | tests | state pass | cycles pass | bus pass |"));
  CHECK_THAT(md, Catch::Contains("| F6.6 |"));
  CHECK_THAT(md, Catch::Contains("| **total** |"));
  // Only the imperfect opcodes; the perfect ones summed in one row. Here every F6 file fails
  // state (AX is wrong), so nothing is folded.
  CHECK(format_markdown(r, true) == md);
  RunResult clean = replay("8086", "F6", Fault::kNone);
  std::string folded = format_markdown(clean, true);
  CHECK_THAT(folded, !Catch::Contains("| F6.6 |"));
  CHECK_THAT(folded, Catch::Contains("| 8 other opcodes | 8000 | 8000 (100.0%) | 8000 (100.0%) | 8000 (100.0%) |"));

  CHECK_THROWS_WITH(parse_baseline("{\"opcodes\": {\"00\": {\"tests\": 1}}}", "b.json"),
                    Catch::Contains("b.json: opcode 00 lacks a count \"state_pass\""));
}

namespace {
// Replays the capture but loads AX from a byte pair no test lists, to observe the memory
// background the runner provides.
class ProbeCpu : public test::ReplayCpu {
 public:
  ProbeCpu(CpuModel m, Bus& bus, const std::vector<MooTest>& tests, bool scribble = false)
      : ReplayCpu(m, bus, tests, Fault::kNone), bus_(bus), scribble_(scribble) {}
  void conformance_step() override {
    ReplayCpu::conformance_step();
    CpuState s = state();
    s.ax = std::uint16_t(bus_.read8(0x50000) | (bus_.read8(0x50001) << 8));
    set_state(s);
    // A stray write no trace or FINA record mentions: the runner must still undo it.
    if (scribble_) bus_.write8(0x50001, 0x77);
  }

 private:
  Bus& bus_;
  bool scribble_;
};

PassCounts probe(const char* cpu_id, std::uint16_t expect_ax, bool scribble = false) {
  test::TempDir dir("probe");
  test::GenTest g, g2;
  g.with_queue = std::string(cpu_id) != "C286";
  g.fina_mask = 1u << kAx;
  g.fina_regs[kAx] = expect_ax;
  g2 = g;
  g2.init_regs[kIp] = 0x1234;  // a second, distinguishable test
  test::write_gz(dir.path / "90.MOO.gz", test::moo_file({g, g2}, cpu_id));
  test::write_text(dir.path / "metadata.json", test::kMinimalMetadata);
  auto tests = std::make_shared<std::vector<MooTest>>(
      read_moo_file((dir.path / "90.MOO.gz").string()).tests);
  RunOptions o;
  o.inputs = {dir.path.string()};
  o.threads = 1;
  o.factory = [tests, scribble](CpuModel m, Bus& bus) -> std::unique_ptr<Cpu> {
    return std::make_unique<ProbeCpu>(m, bus, *tests, scribble);
  };
  return run_sst(o).total;
}
}  // namespace

TEST_CASE("Memory a test does not list reads as the capture harness answered it") {
  // 8086 README, "Instruction Prefetching": every byte fetched after the instruction is NOP.
  CHECK(probe("8086", 0x9090).state_pass == 2);
  CHECK(probe("8086", 0x0000).state_pass == 0);
  // 80286 captures list every fetched byte; nothing else is defined, the runner uses zero.
  CHECK(probe("C286", 0x0000).state_pass == 2);
}

TEST_CASE("Every byte a core writes is restored before the next test") {
  // The first test's stray write would show up in the second test's AX if it survived.
  CHECK(probe("8086", 0x9090, true).state_pass == 2);
  CHECK(probe("C286", 0x0000, true).state_pass == 2);
}

TEST_CASE("Failure reports: kind filter, per-opcode cap, CPU mismatch warning") {
  auto tests = std::make_shared<std::vector<MooTest>>();
  for (const auto& file : collect_moo_files({sst("8086")}, "F6")) {
    auto f = read_moo_file(file);
    tests->insert(tests->end(), f.tests.begin(), f.tests.end());
  }
  RunOptions o;
  o.inputs = {sst("8086")};
  o.opcode_filter = "F6";
  o.show_failures = 5;
  o.failures_per_opcode = 1;
  o.factory = [tests](CpuModel m, Bus& bus) -> std::unique_ptr<Cpu> {
    return std::make_unique<test::ReplayCpu>(m, bus, *tests, Fault::kWrongAx);
  };
  RunResult r = run_sst(o);
  REQUIRE(r.failures.size() == 5);
  for (int i = 0; i < 5; ++i)
    CHECK_THAT(r.failures[std::size_t(i)], Catch::StartsWith(fmt::format("=== F6.{} test 0:", i)));
  CHECK(r.warnings.empty());

  o.show_kind = FailureKind::kBus;  // AX is wrong, the bus is right: nothing to show
  CHECK(run_sst(o).failures.empty());
  o.show_kind = FailureKind::kState;
  CHECK(run_sst(o).failures.size() == 5);

  o.model = CpuModel::i8088;
  RunResult w = run_sst(o);
  REQUIRE(w.warnings.size() == 1);
  CHECK(w.warnings[0] == "F6.0.MOO.gz holds 8086 captures, run here as the 8088 (and 7 more files)");
}

TEST_CASE("Opcode filters select whole groups, single files and lists") {
  auto keys = [](const char* filter) {
    std::vector<std::string> out;
    for (const auto& f : collect_moo_files({sst("8086")}, filter)) out.push_back(opcode_key_of(f));
    return out;
  };
  CHECK(keys("f6.6") == std::vector<std::string>{"F6.6"});
  CHECK(keys("D0").size() == 8);
  CHECK(keys("00,F7.7,8f") == std::vector<std::string>{"00", "8F", "F7.7"});
  CHECK(keys("F").empty());  // a prefix of a key is not a match
  CHECK(keys("").size() == 322);
  CHECK(opcode_key_of("/x/y/f6.6.moo.gz") == "F6.6");
  CHECK(opcode_key_of("0F04.MOO") == "0F04");
}

TEST_CASE("808x code fetches: NOP bytes the capture harness supplied are not compared") {
  auto cyc = [](std::uint8_t ale, std::uint32_t addr, std::uint8_t mem, std::uint16_t data,
                std::uint8_t status, std::uint8_t t) {
    MooCycle c;
    c.bus.ale = ale;
    c.bus.address = addr;
    c.bus.mem_status = mem;
    c.bus.data = data;
    c.bus.bus_status = status;
    c.bus.t_state = t;
    return c;
  };
  // EB test 54 of the 8086 suite: "jmp 0002h" (EB FF) jumps onto its own FF byte; the chip
  // fetched 9090 there because the harness feeds NOPs, the emulated RAM holds FF.
  std::vector<MooCycle> e{cyc(1, 0x53044, 0, 0, 6, 1), cyc(0, 0, 4, 0, 6, 2),
                          cyc(0, 0, 4, 0x9090, 7, 3)};
  std::vector<BusCycle> a{e[0].bus, e[1].bus, e[2].bus};
  a[2].data = 0x90FF;
  CHECK(compare_traces(CpuModel::i8086, e, a).ok());
  // Other code bytes are compared...
  e[2].bus.data = 0x9012;
  CHECK(compare_traces(CpuModel::i8086, e, a).field == BusField::kData);
  // ... and so is a data read of the same bytes.
  e[0].bus.bus_status = e[1].bus.bus_status = 3;  // MEMR
  a[0].bus_status = a[1].bus_status = 3;
  e[2].bus.data = 0x9090;
  CHECK(compare_traces(CpuModel::i8086, e, a).field == BusField::kData);
}

TEST_CASE("The write that pushes FLAGS on an exception is compared under the flags mask") {
  auto cyc = [](std::uint8_t ale, std::uint32_t addr, std::uint8_t mem, std::uint16_t data,
                std::uint8_t status, std::uint8_t t) {
    MooCycle c;
    c.bus.ale = ale;
    c.bus.address = addr;
    c.bus.mem_status = mem;
    c.bus.data = data;
    c.bus.bus_status = status;
    c.bus.t_state = t;
    return c;
  };
  // 8086 word write of FLAGS at 100FEh (D4 "aam 0" divide error, mask F7EEh from metadata:
  // OF, AF and CF undefined). Expected F446h, the core pushed FC47h: differs in OF and CF only.
  std::vector<MooCycle> e{cyc(1, 0x100FE, 0, 0, 4, 1), cyc(0, 0, 2, 0, 4, 2),
                          cyc(0, 0, 3, 0xF446, 7, 3)};
  std::vector<BusCycle> a{e[0].bus, e[1].bus, e[2].bus};
  a[2].data = 0xFC47;
  const PushedFlags aam{0x100FE, 0xF7EE};
  CHECK(compare_traces(CpuModel::i8086, e, a).field == BusField::kData);
  CHECK(compare_traces(CpuModel::i8086, e, a, aam).ok());
  a[2].data = 0xF546;  // TF differs: defined, caught
  CHECK(compare_traces(CpuModel::i8086, e, a, aam).field == BusField::kData);
  // A write elsewhere is compared in full.
  CHECK_FALSE(compare_traces(CpuModel::i8086, e, a, PushedFlags{0x20000, 0xF7EE}).ok());
  // 8088: the high FLAGS byte goes alone over D0-D7 to 100FFh.
  e[0].bus.address = 0x100FF;
  a[0].address = 0x100FF;
  e[2].bus.data = 0x00F4;
  a[2].data = 0x00FC;
  CHECK(compare_traces(CpuModel::i8088, e, a, aam).ok());
  CHECK(compare_traces(CpuModel::i8088, e, a).field == BusField::kData);
}

TEST_CASE("failure listing (--failures all) shows a passing test with its whole trace") {
  auto tests = std::make_shared<std::vector<MooTest>>(read_moo_file(sst("8086/00.MOO.gz")).tests);
  RunOptions o;
  o.inputs = {sst("8086")};
  o.opcode_filter = "00";
  o.only_test = 0;
  o.show_failures = 1;
  o.show_kind = FailureKind::kAll;
  o.factory = [tests](CpuModel m, Bus& bus) -> std::unique_ptr<Cpu> {
    return std::make_unique<test::ReplayCpu>(m, bus, *tests, Fault::kNone);
  };
  RunResult r = run_sst(o);
  CHECK(r.total.tests == 1);
  CHECK(r.total.bus_pass == 1);
  REQUIRE(r.failures.size() == 1);
  const std::string& rep = r.failures[0];
  CHECK_THAT(rep, Catch::StartsWith("=== 00 test 0: add cl, ah   [00 E1]"));
  CHECK_THAT(rep, Catch::Contains("bus: trace matches"));
  // The README's three clocks: Ti F 00, Ti S E1, then the CODE fetch T1 at 975398 = EE226h.
  CHECK_THAT(rep, Catch::Contains("PASV Ti F 00"));
  CHECK_THAT(rep, Catch::Contains("PASV Ti S E1"));
  CHECK_THAT(rep, Catch::Contains("A EE226"));
  CHECK_THAT(rep, !Catch::Contains(">>"));
}
