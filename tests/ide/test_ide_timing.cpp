// BSY/DRQ timing as drivers poll it, against next_event(): command overhead, block gaps,
// the linear seek model and the deterministic rotational position (see devices/ide.hpp).
#include "tests/ide/ide_rig.hpp"

using namespace quartz;
using namespace quartz::test;

TEST_CASE("timing: READ is BSY for the command overhead, then DRQ with INTRQ") {
  Rig r;  // overhead 100, block gap 10, no seek or rotation
  r.clock.t = 5000;
  r.lba_command(0x20, 3, 2);
  CHECK(r.ide.next_event() == 5100);
  r.clock.t = 5099;
  CHECK(r.alt_status() == ata::kBsy);
  CHECK_FALSE(r.irq.level);
  r.clock.t = 5100;
  CHECK(r.alt_status() == (ata::kDrdy | ata::kDsc | ata::kDrq));
  CHECK(r.irq.level);
  r.status();
  std::vector<std::uint8_t> got;
  r.clock.t = 6000;
  r.read_words(got, 512);
  // The second sector follows after the block gap.
  CHECK(r.alt_status() == ata::kBsy);
  CHECK(r.ide.next_event() == 6010);
  r.clock.t = 6010;
  CHECK((r.alt_status() & ata::kDrq) != 0);
  r.read_words(got, 512);
  CHECK(r.ide.next_event() == kNever);
  CHECK(r.alt_status() == (ata::kDrdy | ata::kDsc));
}

TEST_CASE("timing: while BSY every command block register reads as Status") {
  Rig r;
  r.lba_command(0x20, 0x123456, 1);
  for (std::uint16_t port = 0x1F1; port <= 0x1F6; ++port) CHECK(r.in(port) == ata::kBsy);
}

TEST_CASE("timing: WRITE raises DRQ after the setup delay without an interrupt") {
  Rig r;
  r.lba_command(0x30, 9, 1);
  CHECK(r.ide.next_event() == 20);
  r.clock.t = 20;
  CHECK(r.alt_status() == (ata::kDrdy | ata::kDsc | ata::kDrq));
  CHECK_FALSE(r.irq.level);
  std::vector<std::uint8_t> data(512, 0x5A);
  r.clock.t = 400;
  r.write_words(data.data(), 512);
  CHECK(r.alt_status() == ata::kBsy);
  CHECK(r.ide.next_event() == 410);  // write cache: block gap only
  r.clock.t = 410;
  CHECK(r.alt_status() == (ata::kDrdy | ata::kDsc));
  CHECK(r.irq.level);
}

TEST_CASE("timing: seeks are linear in the cylinder distance") {
  IdeTiming t = test_timing();
  t.seek_track = 1000;
  t.seek_full = 10000;
  Rig r(kDefaultSectors, t);  // 20 cylinders: full stroke is 19 cylinders
  // Cylinder 10 starts at LBA 10 * 16 * 63 = 10080. From cylinder 0: distance 10,
  // seek = 1000 + (10000 - 1000) * (10 - 1) / (19 - 1) = 5500; plus overhead 100.
  r.lba_command(0x20, 10080, 1);
  CHECK(r.ide.next_event() == 5600);
  r.wait_not_busy();
  std::vector<std::uint8_t> got;
  r.read_words(got, 512);
  // Same cylinder: no seek.
  Tick t0 = r.clock.t;
  r.lba_command(0x20, 10081, 1);
  CHECK(r.ide.next_event() == t0 + 100);
  r.wait_not_busy();
  r.read_words(got, 512);
  // One cylinder away: the track-to-track time.
  t0 = r.clock.t;
  r.lba_command(0x20, 11 * 1008, 1);
  CHECK(r.ide.next_event() == t0 + 100 + 1000);
  r.wait_not_busy();
  r.read_words(got, 512);
  // RECALIBRATE back to cylinder 0 from 11: 1000 + 9000 * 10 / 18 = 6000.
  t0 = r.clock.t;
  r.simple_command(0x10);
  CHECK(r.ide.next_event() == t0 + 100 + 6000);
}

TEST_CASE("timing: rotational latency follows the platter position") {
  IdeTiming t = test_timing();
  t.rpm = 3600;
  Rig r(kDefaultSectors, t);
  // One turn at 3600 rpm = 1/60 s = 14318181.8 / 60 master ticks -> 238636.
  CHECK(r.ide.revolution_time() == 238636);
  // 63 sectors per track: 238636 / 63 -> 3787 ticks per sector.
  CHECK(r.ide.sector_time(0) == 3787);
  // READ of LBA 5 at tick 0: overhead ends at 100; sector 5 starts at 5 * 3787 = 18935;
  // it has been read one sector time later, at 22722.
  r.lba_command(0x20, 5, 2);
  CHECK(r.ide.next_event() == 22722);
  r.clock.t = 22722;
  std::vector<std::uint8_t> got;
  r.read_words(got, 512);
  // Read-ahead: sector 6 is under the head right after sector 5 -> ready at 26509.
  CHECK(r.ide.next_event() == 26509);
  // The index pulse shows in Status at the start of each turn.
  r.clock.t = 2 * 238636 + 5;
  r.ide.sync(r.clock.t);
  CHECK((r.ide.peek_status(0) & ata::kIdx) != 0);
  r.clock.t = 2 * 238636 + 238636 / 2;
  r.ide.sync(r.clock.t);
  CHECK((r.ide.peek_status(0) & ata::kIdx) == 0);
}

TEST_CASE("timing: with the write cache off, writes wait for the media") {
  IdeTiming t = test_timing();
  t.rpm = 3600;
  Rig r(kDefaultSectors, t);
  r.simple_command(0xEF, 0x82);  // disable write cache
  r.wait_not_busy();
  r.clock.t = 238636 * 4;        // the index
  r.lba_command(0x30, 63 + 2, 1);  // sector index 2 on its track
  r.wait_not_busy();
  std::vector<std::uint8_t> data(512, 1);
  Tick start = r.clock.t;  // 4 turns + 20 (DRQ delay)
  CHECK(start == 238636 * 4 + 20);
  r.write_words(data.data(), 512);
  // Block gap to +30, then wait for sector 2 at +7574, write it: done at +11361.
  CHECK(r.ide.next_event() == 238636 * 4 + 2 * 3787 + 3787);
}

TEST_CASE("timing: the default timing is in the range of early-1990s ATA drives") {
  IdeTiming t = IdeTiming::defaults();
  // 30 us of command overhead, 5400 rpm (11.1 ms per turn), 3-20 ms seeks.
  CHECK(ticks_to_seconds(t.command_overhead) == Approx(30e-6).epsilon(0.01));
  CHECK(t.rpm == 5400);
  // PIO data-out: DRQ within 700 ns for older hosts (ATA-3 clause 8, note 9).
  CHECK(ticks_to_seconds(t.write_drq_delay) <= 700e-9);
  CHECK(ticks_to_seconds(t.seek_track) == Approx(3e-3).epsilon(0.01));
  CHECK(ticks_to_seconds(t.seek_full) == Approx(20e-3).epsilon(0.01));
  IdeController ide(nullptr, t);
  CHECK(ticks_to_seconds(ide.revolution_time()) == Approx(60.0 / 5400).epsilon(1e-5));
}
