// The board's clock and scheduler: time derives from the CPU's clocks through the preset's
// ratio, a device's next_event() is honoured to within one CPU instruction, and an I/O
// write that moves a deadline earlier brings the CPU back at once.
#include <catch2/catch.hpp>

#include "fake_cpu.hpp"
#include "machine/headless_runner.hpp"
#include "machine/machine.hpp"

using namespace quartz;
using quartz::test::FakeCpu;

namespace {

// A one-shot timer chip: writing N to its port arms it to fire N master ticks later.
class OneShot final : public IoDevice {
 public:
  std::string_view name() const override { return "one-shot"; }
  void reset() override { deadline_ = kNever; }
  void sync(Tick now) override {
    last_sync = now;
    if (deadline_ != kNever && now >= deadline_) {
      fired_at.push_back(now);
      deadline_ = kNever;
    }
  }
  Tick next_event() const override { return deadline_; }
  std::uint8_t io_read(std::uint16_t) override { return 0; }
  void io_write(std::uint16_t, std::uint8_t v) override {
    armed_at = last_sync;
    deadline_ = last_sync + v;
  }
  void arm_at(Tick t) { deadline_ = t; }

  Tick last_sync = 0, armed_at = 0;
  std::vector<Tick> fired_at;

 private:
  Tick deadline_ = kNever;
};

MachineConfig bare() {
  MachineConfig c;
  c.machine = "bare";
  return c;
}


CpuFactory fake(FakeCpu** out) {
  return [out](CpuModel m, Bus& bus) {
    auto cpu = std::make_unique<FakeCpu>(m, bus);
    *out = cpu.get();
    return cpu;
  };
}

}  // namespace

TEST_CASE("machine time is the CPU clock scaled to master ticks") {
  FakeCpu* cpu = nullptr;
  Machine m(bare(), fake(&cpu));
  REQUIRE(cpu);
  CHECK(m.now() == 0);
  // The bare board's 8088 runs at master/3 (4.77 MHz): 1000 clocks are 3000 ticks.
  auto r = m.run_until(3000);
  CHECK(r.stop == RunStop::kDeadline);
  CHECK(cpu->cycles() == 1000);
  CHECK(m.now() == 3000);
}

TEST_CASE("a device event fires at its tick, within one CPU instruction") {
  FakeCpu* cpu = nullptr;
  Machine m(bare(), fake(&cpu));
  OneShot dev;
  m.attach(dev);
  dev.arm_at(3001);  // not on a CPU clock boundary: the first clock at/after is 1001 = 3003
  m.refresh_deadlines();
  m.run_until(30000);
  REQUIRE(dev.fired_at.size() == 1);
  CHECK(dev.fired_at[0] >= 3001);
  // One fake instruction is 4 clocks = 12 ticks: the CPU may overshoot by less than that.
  CHECK(dev.fired_at[0] < 3001 + 12);
  // The CPU ran to the deadline first (cycle 1001 is the first starting at/after 3001).
  REQUIRE(cpu->deadlines.size() >= 2);
  CHECK(cpu->deadlines[0] == 1001);
}

TEST_CASE("an I/O write that moves a deadline earlier returns the CPU at once") {
  FakeCpu* cpu = nullptr;
  Machine m(bare(), fake(&cpu));
  OneShot dev;
  m.attach_io(dev, dev, 0x300, 0x300);
  // At CPU clock 400 (tick 1200) the program arms the timer for 90 ticks later.
  cpu->script.emplace(400, std::make_pair(std::uint16_t(0x300), std::uint8_t(90)));
  m.run_until(3'000'000);
  CHECK(dev.armed_at == 1200);
  REQUIRE(dev.fired_at.size() == 1);
  CHECK(dev.fired_at[0] >= 1290);
  CHECK(dev.fired_at[0] < 1290 + 12);
  // Without the early return the first run would have gone to the end of the slice.
  CHECK(cpu->deadlines[0] == 1'000'000);
  CHECK(cpu->deadlines[1] == 430);  // ceil(1290 / 3)
}

TEST_CASE("two machines in one process keep separate time, memory and devices") {
  FakeCpu* c1 = nullptr;
  FakeCpu* c2 = nullptr;
  Machine a(bare(), fake(&c1));
  Machine b(bare(), fake(&c2));
  OneShot da, db;
  a.attach_io(da, da, 0x300, 0x300);
  b.attach_io(db, db, 0x300, 0x300);
  c1->script.emplace(100, std::make_pair(std::uint16_t(0x300), std::uint8_t(30)));
  c2->script.emplace(200, std::make_pair(std::uint16_t(0x300), std::uint8_t(60)));
  a.bus().write8(0x1234, 0xAA);
  b.bus().write8(0x1234, 0x55);
  a.run_until(3000);
  b.run_until(6000);
  CHECK(a.now() == 3000);
  CHECK(b.now() == 6000);
  CHECK(a.bus().read8(0x1234) == 0xAA);
  CHECK(b.bus().read8(0x1234) == 0x55);
  REQUIRE(da.fired_at.size() == 1);
  REQUIRE(db.fired_at.size() == 1);
  CHECK(da.armed_at == 300);
  CHECK(db.armed_at == 600);
  CHECK(da.fired_at[0] >= 330);
  CHECK(db.fired_at[0] >= 660);
}

TEST_CASE("a CPU shutdown is reported and the board resets the CPU, time keeps running") {
  FakeCpu* cpu = nullptr;
  Machine m(bare(), fake(&cpu));
  int resets_before = cpu->resets;
  cpu->shutdown_at = 500;
  auto r = m.run_until(30000);
  CHECK(r.stop == RunStop::kTripleFault);
  CHECK(cpu->resets == resets_before + 1);
  CHECK(r.at >= 1500);
  CHECK(m.now() >= r.at);  // time did not run backwards across the reset
  CHECK(m.run_until(30000).stop == RunStop::kDeadline);
  CHECK(m.now() == 30000);
}

TEST_CASE("the debug port collects E9h text and 8900h \"Shutdown\" stops the run") {
  FakeCpu* cpu = nullptr;
  Machine m(bare(), fake(&cpu));
  std::uint64_t at = 10;
  for (char ch : std::string_view("hi\n"))
    cpu->script.emplace(at++, std::make_pair(std::uint16_t(0xE9), std::uint8_t(ch)));
  for (char ch : std::string_view("Shutdown"))
    cpu->script.emplace(at++, std::make_pair(std::uint16_t(0x8900), std::uint8_t(ch)));
  auto r = m.run_until(seconds_to_ticks(1.0));
  CHECK(r.stop == RunStop::kShutdownPort);
  CHECK(m.debug_output() == "hi\n");
  CHECK(r.at < seconds_to_ticks(0.001));
}

TEST_CASE("the runner ends on an unannounced triple fault but not on the BIOS's deliberate one") {
  // The AT board with Quartz's BIOS mapped (the fake core never executes it).
  MachineConfig c;
  c.machine = "at";
  FakeCpu* cpu = nullptr;
  Machine m(c, fake(&cpu));
  REQUIRE(m.cmos());
  HeadlessOptions o;
  o.max_seconds = 0.01;
  o.out = std::tmpfile();
  o.err = std::tmpfile();

  // Shutdown code 09h in CMOS 0Fh: the BIOS's block-move return path; the run goes on.
  m.cmos()->poke(Cmos::kShutdownStatus, 0x09);
  cpu->shutdown_at = 1000;
  CHECK(run_headless(m, o) == kRunExitTimeLimit);
  CHECK(cpu->shutdown_at == 0);  // the shutdown did happen

  // Code 0: a crash. Reported, exit status 4.
  m.cmos()->poke(Cmos::kShutdownStatus, 0x00);
  cpu->shutdown_at = cpu->cycles() + 1000;
  o.max_seconds = 0.05;
  std::fclose(o.err);
  o.err = std::tmpfile();
  CHECK(run_headless(m, o) == kRunExitTripleFault);
  std::rewind(o.err);
  char line[256] = {};
  REQUIRE(std::fgets(line, sizeof line, o.err));
  CHECK(std::string(line).rfind("quartz run: triple fault (CPU shutdown) at ", 0) == 0);
  std::fclose(o.out);
  std::fclose(o.err);
}

TEST_CASE("an AT with an 80286 gets a 24-bit bus, extended memory and the ROM at the top") {
  MachineConfig c;
  c.machine = "at";
  c.cpu = CpuModel::i80286;
  c.memory_kib = 2048;  // 640 KiB conventional + 1408 KiB extended from 1 MiB
  FakeCpu* cpu = nullptr;
  Machine m(c, fake(&cpu));
  CHECK(m.bus().address_bits() == 24);
  CHECK(m.conventional_kib() == 640);
  CHECK(m.extended_kib() == 1408);
  // Extended RAM from 100000h to 100000h + 1408 KiB; nothing in the 640K-1M hole but ROMs.
  m.bus().write8(0x100000, 0x12);
  m.bus().write8(0x100000 + 1408 * 1024 - 1, 0x34);
  CHECK(m.bus().read8(0x100000) == 0x12);
  CHECK(m.bus().read8(0x100000 + 1408 * 1024 - 1) == 0x34);
  CHECK(m.bus().read8(0x100000 + 1408 * 1024) == 0xFF);  // open bus above the RAM
  // The BIOS answers at both F0000h-FFFFFh and FF0000h-FFFFFFh (the 286 reset vector),
  // seen with the A20 gate open (with it closed FFxxxxh aliases EFxxxxh).
  m.bus().set_a20(true);
  for (std::uint32_t off : {0x0000u, 0xE05Bu, 0xFFF0u, 0xFFFFu})
    CHECK(m.bus().read8(0xFF0000 + off) == m.bus().read8(0xF0000 + off));
  // CMOS 17h-18h and 30h-31h hold the extended memory size in KiB (AT Technical Reference).
  REQUIRE(m.cmos());
  CHECK(m.cmos()->peek(0x17) == (1408 & 0xFF));
  CHECK(m.cmos()->peek(0x18) == (1408 >> 8));
  CHECK(m.cmos()->peek(0x30) == (1408 & 0xFF));
  CHECK(m.cmos()->peek(0x15) == (640 & 0xFF));
  CHECK(m.cmos()->peek(0x16) == (640 >> 8));
}

TEST_CASE("the pc board keeps a 20-bit bus, the at board drives 24 lines with the A20 gate") {
  FakeCpu* cpu = nullptr;
  // IBM 5150/5160: the 8088 drives A0-A19, so addresses wrap at 1 MiB.
  MachineConfig pc;
  pc.machine = "pc";
  Machine p(pc, fake(&cpu));
  CHECK(p.bus().address_bits() == 20);
  p.bus().write8(0x00005, 0x42);
  CHECK(p.bus().read8(0x100005) == 0x42);
  pc.memory_kib = 1024;
  CHECK_THROWS_WITH(Machine(pc, fake(&cpu)),
                    "--memory 1024: the 'pc' machine with an 8088 takes at most 640 KiB");

  // IBM 5170: the 80286 drives A0-A23; the board gates A20 (8042 output port bit 1, port
  // 92h bit 1) so real-mode software that expects the 8086's wrap still sees it.
  MachineConfig at;
  at.machine = "at";  // 80286 by default
  at.memory_kib = 1024;  // 384 KiB of extended memory from 100000h
  Machine a(at, fake(&cpu));
  CHECK(a.bus().address_bits() == 24);
  a.bus().write8(0x00005, 0x42);
  a.bus().set_a20(false);
  CHECK(a.bus().read8(0x100005) == 0x42);  // A20 forced low: FFFF:0015 is 00005h
  a.bus().set_a20(true);
  a.bus().write8(0x100005, 0x99);          // A20 open: extended RAM at 1 MiB
  CHECK(a.bus().read8(0x100005) == 0x99);
  CHECK(a.bus().read8(0x00005) == 0x42);

  // --cpu 8086 on the AT board: the bus gets the CPU's 20 lines and no extended memory.
  at.cpu = CpuModel::i8086;
  CHECK_THROWS_WITH(Machine(at, fake(&cpu)),
                    "--memory 1024: the 'at' machine with an 8086 takes at most 640 KiB");
  at.memory_kib.reset();
  Machine b(at, fake(&cpu));
  CHECK(b.bus().address_bits() == 20);
}
