// Bus::io_read16/io_write16 (memory/bus.hpp): one 16-bit cycle when both byte ports belong to
// one handler at an even address, otherwise two byte cycles, low byte first.
#include <catch2/catch.hpp>

#include <vector>

#include "memory/bus.hpp"

using namespace quartz;

namespace {
struct BytePort : IoHandler {
  std::vector<std::uint16_t> reads;
  std::vector<std::pair<std::uint16_t, std::uint8_t>> writes;
  std::uint8_t io_read(std::uint16_t port) override {
    reads.push_back(port);
    return std::uint8_t(port);
  }
  void io_write(std::uint16_t port, std::uint8_t v) override { writes.emplace_back(port, v); }
};
struct WordPort : BytePort {
  int word_reads = 0, word_writes = 0;
  std::uint16_t last = 0;
  std::uint16_t io_read16(std::uint16_t) override {
    ++word_reads;
    return 0xBEEF;
  }
  void io_write16(std::uint16_t, std::uint16_t v) override {
    ++word_writes;
    last = v;
  }
};
}  // namespace

TEST_CASE("Bus word I/O uses the handler's 16-bit path at even ports") {
  Bus bus;
  WordPort w;
  bus.map_io(0x300, 0x301, &w);
  CHECK(bus.io_read16(0x300) == 0xBEEF);
  bus.io_write16(0x300, 0x1234);
  CHECK(w.word_reads == 1);
  CHECK(w.word_writes == 1);
  CHECK(w.last == 0x1234);
  CHECK(w.reads.empty());
  // An odd port is two byte cycles.
  CHECK(bus.io_read16(0x301) == 0xFF01);  // 302h is unmapped: floats high
  CHECK(w.reads == std::vector<std::uint16_t>{0x301});
}

TEST_CASE("Bus word I/O splits into byte cycles for 8-bit handlers") {
  Bus bus;
  BytePort a, b;
  bus.map_io(0x200, 0x201, &a);
  CHECK(bus.io_read16(0x200) == 0x0100);  // default IoHandler::io_read16: low byte first
  CHECK(a.reads == std::vector<std::uint16_t>{0x200, 0x201});
  bus.map_io(0x211, 0x211, &b);
  bus.map_io(0x210, 0x210, &a);
  bus.io_write16(0x210, 0xA55A);
  CHECK(a.writes.back() == std::pair<std::uint16_t, std::uint8_t>{0x210, 0x5A});
  CHECK(b.writes.back() == std::pair<std::uint16_t, std::uint8_t>{0x211, 0xA5});
}
