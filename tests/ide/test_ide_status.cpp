// Errors, the interrupt rules, nIEN, SRST, diagnostics, device selection and power modes
// (ATA-2 5.2.9 INTRQ, 7.2.6 error, 7.2.7 device control, 7.2.13 status, 8.x, 9.3 reset).
#include "tests/ide/ide_rig.hpp"

using namespace quartz;
using namespace quartz::test;

TEST_CASE("reading past the end of the disk reports IDNF") {
  Rig r;
  r.lba_command(0x20, kDefaultSectors, 1);  // first sector beyond the end
  r.wait_not_busy();
  CHECK((r.status() & (ata::kErr | ata::kDrq)) == ata::kErr);
  CHECK(r.in(kError) == ata::kIdnf);
}

TEST_CASE("a read that runs off the end transfers the good sectors, then IDNF") {
  Rig r;
  r.lba_command(0x20, kDefaultSectors - 1, 3);
  r.wait_not_busy();
  REQUIRE((r.status() & ata::kDrq) != 0);
  std::vector<std::uint8_t> got;
  r.read_words(got, 512);
  CHECK(got == expected_sectors(kDefaultSectors - 1, 1));
  r.wait_not_busy();
  CHECK((r.status() & (ata::kErr | ata::kDrq)) == ata::kErr);
  CHECK(r.in(kError) == ata::kIdnf);
  // Registers point at the sector in error (LBA 20160 = 004EC0h) with 2 sectors left.
  CHECK(r.in(kSectorNumber) == 0xC0);
  CHECK(r.in(kCylLow) == 0x4E);
  CHECK(r.in(kCylHigh) == 0x00);
  CHECK(r.in(kSectorCount) == 2);
}

TEST_CASE("a write that runs off the end stores the good sectors, then IDNF") {
  Rig r;
  r.lba_command(0x30, kDefaultSectors - 1, 2);
  std::vector<std::uint8_t> data(512, 0x99);
  r.wait_not_busy();
  REQUIRE((r.status() & ata::kDrq) != 0);
  r.write_words(data.data(), 512);
  r.wait_not_busy();
  REQUIRE((r.status() & (ata::kDrq | ata::kErr)) == ata::kDrq);  // asks for the second sector
  r.write_words(data.data(), 512);
  r.wait_not_busy();
  CHECK((r.status() & (ata::kErr | ata::kDrq)) == ata::kErr);
  CHECK(r.in(kError) == ata::kIdnf);
  CHECK(r.in(kSectorCount) == 1);
  std::vector<std::uint8_t> last(512);
  REQUIRE(r.ide.image(0)->read_sectors(kDefaultSectors - 1, 1, last));
  CHECK(last == data);
}

TEST_CASE("invalid CHS addresses report IDNF") {
  Rig r;
  r.chs_command(0x20, 0, 0, 0, 1);  // sector numbers start at 1
  r.wait_not_busy();
  CHECK(r.in(kError) == ata::kIdnf);
  r.chs_command(0x20, 0, 0, 64, 1);  // 63 sectors per track
  r.wait_not_busy();
  CHECK(r.in(kError) == ata::kIdnf);
  r.chs_command(0x20, 20, 0, 1, 1);  // cylinders 0-19
  r.wait_not_busy();
  CHECK(r.in(kError) == ata::kIdnf);
  r.chs_command(0x70, 25, 0, 1, 1);  // SEEK too
  r.wait_not_busy();
  CHECK(r.in(kError) == ata::kIdnf);
}

TEST_CASE("unknown commands abort with ERR and ABRT and interrupt") {
  Rig r;
  for (std::uint8_t cmd : {0x00, 0x50, 0xE4, 0xFF}) {
    int before = r.irq.rises;
    r.simple_command(cmd);
    r.wait_not_busy();
    CHECK(r.irq.level);
    CHECK(r.irq.rises == before + 1);
    CHECK(r.status() == (ata::kDrdy | ata::kDsc | ata::kErr));
    CHECK(r.in(kError) == ata::kAbrt);
  }
  // SET FEATURES with an unknown subcommand and an unsupported transfer mode (DMA).
  r.simple_command(0xEF, 0x77);
  r.wait_not_busy();
  CHECK(r.in(kError) == ata::kAbrt);
  r.simple_command(0xEF, 0x03, 0x22);  // multiword DMA mode 2
  r.wait_not_busy();
  CHECK(r.in(kError) == ata::kAbrt);
  r.simple_command(0xEF, 0x03, 0x0A);  // PIO flow control mode 2
  r.wait_not_busy();
  CHECK((r.status() & ata::kErr) == 0);
}

TEST_CASE("INTRQ is cleared by reading Status, not Alternate Status") {
  Rig r;
  r.simple_command(0x70 /* SEEK */, 0, 0);
  CHECK_FALSE(r.irq.level);
  r.wait_not_busy();
  CHECK(r.irq.level);
  CHECK(r.ide.intrq());
  r.alt_status();
  CHECK(r.irq.level);
  std::uint8_t st = r.status();
  CHECK((st & (ata::kDrdy | ata::kDsc)) == (ata::kDrdy | ata::kDsc));
  CHECK_FALSE(r.irq.level);
  // Writing a new command also clears a pending interrupt.
  r.simple_command(0x10);
  r.wait_not_busy();
  CHECK(r.irq.level);
  r.simple_command(0x10);
  CHECK_FALSE(r.irq.level);
}

TEST_CASE("nIEN masks INTRQ without changing the protocol") {
  Rig r;
  r.out(kDevCtl, ata::kNien);
  r.lba_command(0x20, 5, 1);
  r.wait_not_busy();
  CHECK((r.alt_status() & ata::kDrq) != 0);
  CHECK_FALSE(r.irq.level);
  CHECK(r.irq.rises == 0);
  // The interrupt is still pending in the device: enabling INTRQ drives it.
  r.out(kDevCtl, 0);
  CHECK(r.irq.level);
  r.status();
  CHECK_FALSE(r.irq.level);
}

TEST_CASE("SRST holds BSY, then leaves the ATA signature without an interrupt") {
  Rig r;
  r.lba_command(0x20, 5, 4);
  r.wait_not_busy();  // in the middle of a data phase
  r.status();
  r.out(kDevCtl, ata::kSrst);
  CHECK((r.alt_status() & ata::kBsy) != 0);
  CHECK(r.ide.next_event() == kNever);  // held in reset while SRST is set
  r.clock.t += 1000;
  r.out(kDevCtl, 0);
  Tick released = r.clock.t;
  CHECK(r.ide.next_event() == released + test_timing().reset_time);
  CHECK((r.alt_status() & ata::kBsy) != 0);
  r.clock.t = released + test_timing().reset_time - 1;
  CHECK((r.alt_status() & ata::kBsy) != 0);
  r.clock.t += 1;
  CHECK(r.alt_status() == (ata::kDrdy | ata::kDsc));
  CHECK(r.in(kSectorCount) == 0x01);
  CHECK(r.in(kSectorNumber) == 0x01);
  CHECK(r.in(kCylLow) == 0x00);
  CHECK(r.in(kCylHigh) == 0x00);
  CHECK(r.in(kError) == 0x01);  // diagnostic code: device 0 passed
  CHECK_FALSE(r.irq.level);
  CHECK(r.irq.rises == 1);  // only the DRQ interrupt from before the reset
}

TEST_CASE("SRST reverts multiple mode unless SET FEATURES 66h") {
  Rig r;
  r.simple_command(0xC6, 0, 8);
  r.wait_not_busy();
  REQUIRE(r.ide.multiple_count(0) == 8);
  r.out(kDevCtl, ata::kSrst);
  r.out(kDevCtl, 0);
  r.wait_not_busy();
  CHECK(r.ide.multiple_count(0) == 0);

  r.simple_command(0xEF, 0x66);
  r.wait_not_busy();
  r.simple_command(0xC6, 0, 8);
  r.wait_not_busy();
  r.out(kDevCtl, ata::kSrst);
  r.out(kDevCtl, 0);
  r.wait_not_busy();
  CHECK(r.ide.multiple_count(0) == 8);
}

TEST_CASE("EXECUTE DEVICE DIAGNOSTIC reports 01h with the signature and interrupts") {
  Rig r;
  r.out(kSectorCount, 0x55);
  r.out(kCylLow, 0xAA);
  r.out(kCommand, 0x90);
  CHECK(r.ide.next_event() == r.clock.t + test_timing().diagnostic_time);
  r.wait_not_busy();
  CHECK(r.in(kError) == 0x01);
  CHECK(r.in(kSectorCount) == 0x01);
  CHECK(r.in(kSectorNumber) == 0x01);
  CHECK(r.in(kCylLow) == 0x00);
  CHECK(r.in(kCylHigh) == 0x00);
  CHECK(r.irq.level);
}

TEST_CASE("an absent device 1 reads status 00h and ignores commands") {
  Rig r;
  r.out(kDevHead, 0xB0);  // DEV = 1
  CHECK(r.status() == 0x00);
  CHECK(r.alt_status() == 0x00);
  r.out(kCommand, 0xEC);
  CHECK(r.ide.next_event() == kNever);
  CHECK_FALSE(r.irq.level);
  r.out(kDevHead, 0xA0);
  CHECK(r.status() == (ata::kDrdy | ata::kDsc));
}

TEST_CASE("an empty channel floats high") {
  RecordingIrq irq;
  IdeController ide(&irq, test_timing());
  CHECK(ide.io_read(0x1F7) == 0xFF);
  CHECK(ide.io_read(0x3F6) == 0xFF);
  CHECK(ide.io_read(0x1F2) == 0xFF);
}

TEST_CASE("two devices answer by DEV and drive INTRQ only when selected") {
  Rig r;
  r.ide.attach(1, std::make_unique<DiskImage>(patterned_disk(1008), DiskAccess::read_write));
  r.out(kDevHead, 0xB0);
  r.simple_command(0xEC);
  r.wait_not_busy();
  CHECK((r.alt_status() & ata::kDrq) != 0);
  CHECK(r.irq.level);
  // Selecting device 0 takes device 1 off INTRQ (its interrupt stays pending).
  r.out(kDevHead, 0xA0);
  CHECK_FALSE(r.irq.level);
  CHECK((r.alt_status() & ata::kDrq) == 0);
  r.out(kDevHead, 0xB0);
  CHECK(r.irq.level);
  std::vector<std::uint8_t> bytes;
  r.read_words(bytes, 512);
  CHECK((bytes[120] | bytes[121] << 8) == 1008);  // word 60: device 1's capacity
}

TEST_CASE("STANDBY/IDLE and CHECK POWER MODE") {
  Rig r;
  r.simple_command(0xE0);  // STANDBY IMMEDIATE
  r.wait_not_busy();
  r.simple_command(0xE5);
  r.wait_not_busy();
  CHECK(r.in(kSectorCount) == 0x00);
  r.simple_command(0xE1);  // IDLE IMMEDIATE
  r.wait_not_busy();
  r.simple_command(0xE5);
  r.wait_not_busy();
  CHECK(r.in(kSectorCount) == 0xFF);
}

TEST_CASE("a read-only image refuses WRITE commands with ABRT and no data phase") {
  Rig r(kDefaultSectors, test_timing(), DiskAccess::read_only);
  r.lba_command(0x30, 10, 1);
  r.wait_not_busy();
  CHECK((r.status() & (ata::kErr | ata::kDrq)) == ata::kErr);
  CHECK(r.in(kError) == ata::kAbrt);
  std::vector<std::uint8_t> disk(512);
  REQUIRE(r.ide.image(0)->read_sectors(10, 1, disk));
  CHECK(disk == expected_sectors(10, 1));
}

TEST_CASE("command names follow the ATA command table") {
  CHECK(IdeController::command_name(0x20) == "READ SECTOR(S)");
  CHECK(IdeController::command_name(0xC4) == "READ MULTIPLE");
  CHECK(IdeController::command_name(0xEC) == "IDENTIFY DEVICE");
  CHECK(IdeController::command_name(0x1A) == "RECALIBRATE");  // 1xh
  CHECK(IdeController::command_name(0x50).empty());           // FORMAT TRACK: aborts here
}

TEST_CASE("SRST resets both devices, each shows the signature") {
  Rig r;
  r.ide.attach(1, std::make_unique<DiskImage>(patterned_disk(1008), DiskAccess::read_write));
  r.out(kDevHead, 0xB0);
  r.simple_command(0xC6, 0, 4);  // device 1 only
  r.wait_not_busy();
  REQUIRE(r.ide.multiple_count(1) == 4);
  r.out(kDevCtl, ata::kSrst);
  CHECK((r.ide.peek_status(0) & ata::kBsy) != 0);
  CHECK((r.ide.peek_status(1) & ata::kBsy) != 0);
  r.out(kDevCtl, 0);
  r.wait_not_busy();
  r.advance();
  for (unsigned dev = 0; dev < 2; ++dev) {
    auto tf = r.ide.peek_task_file(dev);
    CHECK(tf.status == (ata::kDrdy | ata::kDsc));
    CHECK(tf.sector_count == 1);
    CHECK(tf.sector_number == 1);
    CHECK(tf.cylinder_low == 0);
    CHECK(tf.cylinder_high == 0);
  }
  CHECK(r.ide.multiple_count(1) == 0);
  CHECK(r.ide.selected() == 0);  // device/head reads 00h: device 0 is selected
}

TEST_CASE("a controller on the secondary channel ports") {
  RecordingIrq irq;
  Bus bus;
  IdeController ide(&irq, test_timing());
  ide.map_ports(bus, IdeController::kSecondaryBase, IdeController::kSecondaryControl);
  ide.attach(0, std::make_unique<DiskImage>(patterned_disk(1008), DiskAccess::read_only));
  CHECK(bus.io_read8(0x177) == (ata::kDrdy | ata::kDsc));
  CHECK(bus.io_read8(0x1F7) == 0xFF);  // nothing on the primary ports
  bus.io_write8(0x376, ata::kSrst);
  CHECK(bus.io_read8(0x376) == ata::kBsy);
}
