// Guest software can poke the ports in any order: a long pseudo-random sequence of port
// accesses and time steps must keep the ATA invariants (ATA-2 7.2.13: BSY and DRQ are never
// both set; a busy device always has a deadline) and never touch memory out of bounds.
#include "tests/ide/ide_rig.hpp"

#include <random>

using namespace quartz;
using namespace quartz::test;

TEST_CASE("random port traffic keeps the status invariants") {
  IdeTiming t = test_timing();
  t.rpm = 3600;
  t.seek_track = 50;
  t.seek_full = 500;
  Rig r(kDefaultSectors, t, DiskAccess::snapshot);
  r.ide.attach(1, std::make_unique<DiskImage>(patterned_disk(3000), DiskAccess::snapshot));
  std::mt19937 rng(12345);  // fixed seed: the sequence is the same on every run
  const std::uint8_t commands[] = {0x20, 0x21, 0x30, 0x3C, 0x40, 0x70, 0x10, 0x90, 0x91,
                                   0xC4, 0xC5, 0xC6, 0xE0, 0xE1, 0xE5, 0xEC, 0xEF, 0x50};
  std::uint8_t devctl = 0;
  for (int i = 0; i < 200000; ++i) {
    unsigned op = rng() % 16;
    std::uint16_t port = std::uint16_t(0x1F0 + rng() % 8);
    if (op < 5) {
      r.in(port);
    } else if (op < 7) {
      r.bus.io_read16(0x1F0);
    } else if (op < 9) {
      r.bus.io_write16(0x1F0, std::uint16_t(rng()));
    } else if (op < 11) {
      r.out(std::uint16_t(0x1F0 + rng() % 7), std::uint8_t(rng()));
    } else if (op == 11) {
      r.out(kCommand, commands[rng() % std::size(commands)]);
    } else if (op == 12) {
      devctl = std::uint8_t(rng() % 8);
      r.out(kDevCtl, devctl);
    } else if (op == 13) {
      devctl = 0;
      r.out(kDevCtl, devctl);
      r.advance();
    } else {
      r.clock.t += rng() % 20000;
    }
    bool busy = false;
    for (unsigned dev = 0; dev < 2; ++dev) {
      auto tf = r.ide.peek_task_file(dev);
      REQUIRE_FALSE(((tf.status & ata::kBsy) && (tf.status & ata::kDrq)));
      busy = busy || (tf.status & ata::kBsy);
    }
    // Outside SRST a busy device always has a deadline to leave BSY.
    if (busy && !(devctl & ata::kSrst)) REQUIRE(r.ide.next_event() != kNever);
  }
  // The channel still works afterwards.
  r.out(kDevCtl, ata::kSrst);
  r.out(kDevCtl, 0);
  r.wait_not_busy();
  r.out(kDevHead, 0xA0);
  r.simple_command(0xEF, 0x81);  // back to 16-bit transfers
  r.wait_not_busy();
  r.simple_command(0xEC);
  r.wait_not_busy();
  CHECK((r.status() & (ata::kDrq | ata::kErr)) == ata::kDrq);
}
