// Port 92h (IBM PS/2 "system control port A": bit 1 = A20 gate, bit 0 = fast reset), the
// POST-code port 80h and the Bochs-convention debug ports E9h / 8900h.
#include <catch2/catch.hpp>

#include <string>

#include "devices/debug_port.hpp"
#include "devices/port92.hpp"
#include "devices/post_port.hpp"

using namespace quartz;

TEST_CASE("Port 92h bit 1 gates A20 and bit 0 rising pulses reset") {
  Port92 p;
  int resets = 0;
  std::vector<bool> a20;
  p.set_on_a20([&](bool on) { a20.push_back(on); });
  p.set_on_reset([&] { ++resets; });
  p.io_write(0x92, 0x02);
  CHECK(p.a20());
  CHECK(a20 == std::vector<bool>{true});
  CHECK(p.io_read(0x92) == 0x02);
  p.io_write(0x92, 0x03);  // 0 -> 1 on bit 0
  CHECK(resets == 1);
  p.io_write(0x92, 0x03);  // stays 1: no second reset
  CHECK(resets == 1);
  CHECK(a20.size() == 1);  // A20 unchanged
  p.io_write(0x92, 0x00);
  CHECK_FALSE(p.a20());
  CHECK(a20 == std::vector<bool>{true, false});
  p.io_write(0x92, 0x01);
  CHECK(resets == 2);
}

TEST_CASE("POST port latches codes with the time of each write") {
  PostPort p;
  p.sync(100);
  p.io_write(0x80, 0x12);
  p.sync(250);
  p.io_write(0x80, 0x34);
  CHECK(p.io_read(0x80) == 0x34);
  CHECK(p.last_code() == 0x34);
  REQUIRE(p.log().size() == 2);
  CHECK(p.log()[0].when == 100);
  CHECK(p.log()[0].code == 0x12);
  CHECK(p.log()[1].when == 250);
  CHECK(p.log()[1].code == 0x34);
  p.set_log_limit(2);
  p.io_write(0x80, 0x56);
  REQUIRE(p.log().size() == 2);
  CHECK(p.log()[0].code == 0x34);
  CHECK(p.log()[1].code == 0x56);
}

TEST_CASE("Debug port E9h forwards bytes and identifies itself, 8900h Shutdown sequence") {
  DebugPort d;
  std::string out;
  int shutdowns = 0;
  d.set_sink([&](std::uint8_t c) { out.push_back(char(c)); });
  d.set_on_shutdown([&] { ++shutdowns; });
  for (char ch : std::string("hi\n")) d.io_write(0xE9, std::uint8_t(ch));
  CHECK(out == "hi\n");
  CHECK(d.io_read(0xE9) == 0xE9);
  for (char ch : std::string("Shutdow")) d.io_write(0x8900, std::uint8_t(ch));
  CHECK(shutdowns == 0);
  d.io_write(0x8900, 'x');  // wrong byte restarts the match
  d.io_write(0x8900, 'n');
  CHECK(shutdowns == 0);
  for (char ch : std::string("SShutdown")) d.io_write(0x8900, std::uint8_t(ch));
  CHECK(shutdowns == 1);
}
