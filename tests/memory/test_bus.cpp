// Bus: page mapping, ROM protection, open bus, A20 wrap, I/O dispatch with sync-before-access,
// and the code-page write notifications the decode cache depends on.
#include <catch2/catch.hpp>

#include <vector>

#include "memory/bus.hpp"

using namespace quartz;

namespace {
struct FakeClock : TimeSource {
  Tick t = 0;
  Tick now() const override { return t; }
};
struct Port : IoHandler {
  Tick synced = 0;
  const FakeClock* clock = nullptr;
  std::vector<std::pair<std::uint16_t, std::uint8_t>> writes;
  void io_sync(Tick now) override { synced = now; }
  std::uint8_t io_read(std::uint16_t port) override { return std::uint8_t(port ^ 0x5A); }
  void io_write(std::uint16_t port, std::uint8_t v) override { writes.emplace_back(port, v); }
};
struct Listener : CodeWriteListener {
  std::vector<std::uint32_t> hits;
  void on_code_write(std::uint32_t phys) override { hits.push_back(phys); }
};
}  // namespace

TEST_CASE("RAM reads back what was written, unmapped memory floats high") {
  Bus bus(20);
  bus.map_ram(0, 640 * 1024);
  bus.write8(0x12345, 0xAB);
  CHECK(bus.read8(0x12345) == 0xAB);
  CHECK(bus.read8(0xA0000) == 0xFF);  // nothing mapped above 640 KiB
  bus.write8(0xA0000, 0x11);          // write to nothing is lost
  CHECK(bus.read8(0xA0000) == 0xFF);
}

TEST_CASE("ROM ignores bus writes but the debugger can poke it") {
  Bus bus(20);
  std::vector<std::uint8_t> rom(8192, 0xEA);
  bus.map_rom(0xFE000, rom);
  bus.write8(0xFFFF0, 0x00);
  CHECK(bus.read8(0xFFFF0) == 0xEA);
  bus.poke8(0xFFFF0, 0x90);
  CHECK(bus.read8(0xFFFF0) == 0x90);
}

TEST_CASE("8086 address space wraps at 1 MiB") {
  Bus bus(20);
  bus.map_ram(0, 1 << 20);
  bus.write8(0x100005, 0x42);  // FFFF:0015 on an 8086
  CHECK(bus.read8(0x00005) == 0x42);
}

TEST_CASE("A20 gate on a 24-bit bus") {
  Bus bus(24);
  bus.map_ram(0, 2 << 20);
  bus.write8(0x100000, 1);
  bus.write8(0x000000, 2);
  CHECK(bus.read8(0x100000) == 1);
  bus.set_a20(false);
  CHECK(bus.read8(0x100000) == 2);  // line 20 forced low: aliases address 0
  bus.set_a20(true);
  CHECK(bus.read8(0x100000) == 1);
}

TEST_CASE("I/O ports sync the device to the bus time before each access") {
  Bus bus(20);
  FakeClock clock;
  bus.set_time_source(&clock);
  Port port;
  bus.map_io(0x40, 0x43, &port);
  clock.t = 1234;
  CHECK(bus.io_read8(0x41) == (0x41 ^ 0x5A));
  CHECK(port.synced == 1234);
  clock.t = 2000;
  bus.io_write8(0x43, 0x36);
  CHECK(port.synced == 2000);
  REQUIRE(port.writes.size() == 1);
  CHECK(port.writes[0] == std::make_pair(std::uint16_t(0x43), std::uint8_t(0x36)));
  CHECK(bus.io_read8(0x3F8) == 0xFF);  // no responder
}

TEST_CASE("writes to a watched code page are reported, others are not") {
  Bus bus(20);
  bus.map_ram(0, 1 << 20);
  Listener l;
  bus.set_code_write_listener(&l);
  bus.watch_code_page(0x7C00, true);
  bus.write8(0x7C10, 0x90);
  bus.write8(0x9000, 0x90);
  REQUIRE(l.hits.size() == 1);
  CHECK(l.hits[0] == 0x7C10);
  CHECK(bus.read8(0x7C10) == 0x90);
  bus.watch_code_page(0x7C00, false);
  bus.write8(0x7C11, 0x90);
  CHECK(l.hits.size() == 1);
}

TEST_CASE("clock ratios are exact against the 315/22 MHz crystal") {
  CHECK(kPitClock.to_ticks(1) == 12);
  constexpr auto cpu8mhz = ClockRatio::from_hz(8'000'000);
  // 8 MHz is not a divisor of the crystal: one second of CPU clocks is one second of ticks.
  CHECK(cpu8mhz.to_ticks(8'000'000) == Tick((kMasterHzNum + kMasterHzDen - 1) / kMasterHzDen));
  CHECK(cpu8mhz.to_cycles(cpu8mhz.to_ticks(123456)) == 123456);
}

namespace {
struct Window : MmioHandler {
  int reads = 0;
  std::uint8_t mmio_read(std::uint32_t) override { ++reads; return 0x42; }
  void mmio_write(std::uint32_t, std::uint8_t) override {}
  std::uint8_t mmio_peek(std::uint32_t addr) const override { return std::uint8_t(addr); }
};
}  // namespace

TEST_CASE("the debugger's peek reaches MMIO windows without a bus read") {
  Bus bus(20);
  Window w;
  bus.map_mmio(0xB8000, 0x8000, &w);
  CHECK(bus.peek8(0xB8012) == 0x12);
  CHECK(w.reads == 0);
  CHECK(bus.read8(0xB8012) == 0x42);
  CHECK(w.reads == 1);
  CHECK(bus.peek8(0xC8000) == 0xFF);  // unmapped
}
