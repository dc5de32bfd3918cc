// PIO data transfers (ATA-2 9.4 PIO data-in, 9.5 PIO data-out): READ/WRITE SECTOR(S),
// READ/WRITE MULTIPLE, CHS and LBA addressing, the 16-bit data port over a byte-wide CPU.
#include "tests/ide/ide_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

// Reads `sectors` sectors of an accepted READ command, one DRQ block at a time; returns the
// number of bytes moved per DRQ block.
std::vector<std::size_t> drain_read(Rig& r, std::vector<std::uint8_t>& out, std::size_t block_bytes,
                                    std::size_t total_bytes, bool split) {
  std::vector<std::size_t> blocks;
  while (out.size() < total_bytes) {
    r.wait_not_busy();
    std::uint8_t st = r.status();
    REQUIRE((st & (ata::kDrq | ata::kErr)) == ata::kDrq);
    std::size_t before = out.size();
    // Move words while DRQ stays set (it drops at the end of the block).
    while ((r.alt_status() & (ata::kDrq | ata::kBsy)) == ata::kDrq) {
      if (split) r.read_split(out, 2);
      else r.read_words(out, 2);
      REQUIRE(out.size() - before <= block_bytes);
    }
    blocks.push_back(out.size() - before);
  }
  return blocks;
}

std::vector<std::uint8_t> fill(std::uint32_t n, std::uint8_t seed) {
  std::vector<std::uint8_t> v(std::size_t(n) * 512);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = std::uint8_t(seed + i * 13 + (i >> 9));
  return v;
}

}  // namespace

TEST_CASE("READ SECTORS in LBA mode returns the image contents, one interrupt per sector") {
  Rig r;
  r.lba_command(0x20, 1000, 3);
  std::vector<std::uint8_t> got;
  auto blocks = drain_read(r, got, 512, 3 * 512, false);
  CHECK(got == expected_sectors(1000, 3));
  CHECK(blocks == std::vector<std::size_t>{512, 512, 512});
  CHECK(r.irq.rises == 3);
  // Completion: registers hold the last sector read, sector count 0 (ATA-2 8.17).
  CHECK((r.status() & (ata::kBsy | ata::kDrq | ata::kErr)) == 0);
  CHECK(r.in(kSectorCount) == 0);
  CHECK(r.in(kSectorNumber) == (1002 & 0xFF));
  CHECK(r.in(kCylLow) == (1002 >> 8));
  CHECK((r.in(kDevHead) & 0x4F) == 0x40);
}

TEST_CASE("a word read split into byte cycles at 1F0h/1F1h transfers the same data") {
  Rig r;
  r.lba_command(0x20, 7, 2);
  std::vector<std::uint8_t> got;
  drain_read(r, got, 512, 1024, true);
  CHECK(got == expected_sectors(7, 2));
  // Outside a data phase 1F1h is the error register again.
  r.simple_command(0xFF);  // not an ATA command: ABRT
  r.wait_not_busy();
  CHECK(r.in(kError) == ata::kAbrt);
}

TEST_CASE("CHS addresses map to LBA (C*heads + H)*spt + S-1 under the current translation") {
  Rig r;
  // Default translation 16 heads x 63 sectors: C2 H3 S5 -> (2*16+3)*63 + 4 = 2209.
  r.chs_command(0x20, 2, 3, 5, 1);
  std::vector<std::uint8_t> got;
  drain_read(r, got, 512, 512, false);
  CHECK(got == expected_sectors(2209, 1));

  // Translated 8 heads x 32 sectors: C1 H2 S3 -> (1*8+2)*32 + 2 = 322.
  r.out(kSectorCount, 32);
  r.out(kDevHead, 0xA0 | 7);
  r.out(kCommand, 0x91);
  r.wait_not_busy();
  r.chs_command(0x20, 1, 2, 3, 2);
  got.clear();
  drain_read(r, got, 512, 1024, false);
  CHECK(got == expected_sectors(322, 2));
  // Last sector read was LBA 323 = C1 H2 S4.
  CHECK(r.in(kSectorNumber) == 4);
  CHECK(r.in(kCylLow) == 1);
  CHECK(r.in(kCylHigh) == 0);
  CHECK((r.in(kDevHead) & 0x0F) == 2);
}

TEST_CASE("sector count 0 means 256 sectors") {
  Rig r;
  r.lba_command(0x20, 300, 0);
  std::vector<std::uint8_t> got;
  auto blocks = drain_read(r, got, 512, 256 * 512, false);
  CHECK(blocks.size() == 256);
  CHECK(got == expected_sectors(300, 256));
  CHECK((r.status() & (ata::kDrq | ata::kBsy)) == 0);
}

TEST_CASE("WRITE SECTORS then READ SECTORS round-trips through the ports") {
  Rig r;
  auto data = fill(5, 0x3C);
  r.lba_command(0x30, 100, 5);
  // PIO data-out: first DRQ without an interrupt, then one interrupt per written sector.
  for (int s = 0; s < 5; ++s) {
    r.wait_not_busy();
    REQUIRE((r.status() & (ata::kDrq | ata::kErr)) == ata::kDrq);
    r.write_split(data.data() + s * 512, 512);  // 8086-style byte cycles
  }
  r.wait_not_busy();
  CHECK((r.status() & (ata::kDrq | ata::kErr)) == 0);
  CHECK(r.irq.rises == 5);
  CHECK(r.in(kSectorCount) == 0);
  CHECK(r.in(kSectorNumber) == 104);

  std::vector<std::uint8_t> disk(5 * 512);
  REQUIRE(r.ide.image(0)->read_sectors(100, 5, disk));
  CHECK(disk == data);
  // Neighbours untouched.
  std::vector<std::uint8_t> before(512), after(512);
  REQUIRE(r.ide.image(0)->read_sectors(99, 1, before));
  REQUIRE(r.ide.image(0)->read_sectors(105, 1, after));
  CHECK(before == expected_sectors(99, 1));
  CHECK(after == expected_sectors(105, 1));

  r.lba_command(0x20, 100, 5);
  std::vector<std::uint8_t> got;
  drain_read(r, got, 512, 5 * 512, false);
  CHECK(got == data);
}

TEST_CASE("WRITE and WRITE VERIFY with 16-bit port cycles") {
  Rig r;
  auto cmd = GENERATE(as<std::uint8_t>{}, 0x30, 0x3C);
  auto data = fill(2, 0x81);
  r.lba_command(cmd, 20000, 2);
  for (int s = 0; s < 2; ++s) {
    r.wait_not_busy();
    REQUIRE((r.status() & ata::kDrq) != 0);
    r.write_words(data.data() + s * 512, 512);
  }
  r.wait_not_busy();
  std::vector<std::uint8_t> disk(1024);
  REQUIRE(r.ide.image(0)->read_sectors(20000, 2, disk));
  CHECK(disk == data);
}

TEST_CASE("peek_task_file shows a device's registers without side effects") {
  Rig r;
  r.lba_command(0x20, 0x1234, 1);
  r.wait_not_busy();
  auto tf = r.ide.peek_task_file(0);
  CHECK(tf.command == 0x20);
  CHECK(tf.data_phase);
  CHECK(tf.intrq_pending);
  CHECK(tf.sector_number == 0x34);
  CHECK(tf.cylinder_low == 0x12);
  CHECK(tf.cylinder_high == 0x00);
  CHECK(tf.device_head == 0xE0);
  CHECK((tf.status & ata::kDrq) != 0);
  CHECK(r.irq.level);  // peeking did not acknowledge the interrupt
}

TEST_CASE("READ MULTIPLE transfers blocks of the SET MULTIPLE size, one interrupt each") {
  Rig r;
  r.simple_command(0xC6, 0, 4);
  r.wait_not_busy();
  REQUIRE((r.status() & ata::kErr) == 0);
  CHECK(r.ide.multiple_count(0) == 4);
  r.irq.rises = 0;
  r.lba_command(0xC4, 50, 10);
  std::vector<std::uint8_t> got;
  auto blocks = drain_read(r, got, 4 * 512, 10 * 512, false);
  // 10 sectors in blocks of 4: 4 + 4 + 2 (ATA-2 8.16: the last block is the remainder).
  CHECK(blocks == std::vector<std::size_t>{2048, 2048, 1024});
  CHECK(r.irq.rises == 3);
  CHECK(got == expected_sectors(50, 10));
}

TEST_CASE("WRITE MULTIPLE accepts blocks of the multiple size") {
  Rig r;
  r.simple_command(0xC6, 0, 8);
  r.wait_not_busy();
  auto data = fill(9, 0x11);
  r.irq.rises = 0;
  r.lba_command(0xC5, 4000, 9);
  std::size_t sent = 0;
  std::vector<std::size_t> blocks;
  while (sent < data.size()) {
    r.wait_not_busy();
    REQUIRE((r.status() & (ata::kDrq | ata::kErr)) == ata::kDrq);
    std::size_t before = sent;
    while ((r.alt_status() & (ata::kDrq | ata::kBsy)) == ata::kDrq) {
      r.write_words(data.data() + sent, 2);
      sent += 2;
    }
    blocks.push_back(sent - before);
  }
  r.wait_not_busy();
  CHECK(blocks == std::vector<std::size_t>{8 * 512, 512});
  CHECK(r.irq.rises == 2);  // one per completed block
  std::vector<std::uint8_t> disk(9 * 512);
  REQUIRE(r.ide.image(0)->read_sectors(4000, 9, disk));
  CHECK(disk == data);
}

TEST_CASE("SET MULTIPLE rejects unsupported block sizes, READ MULTIPLE needs it enabled") {
  Rig r;
  r.lba_command(0xC4, 0, 1);  // multiple mode is off after power-on
  r.wait_not_busy();
  CHECK((r.status() & (ata::kErr | ata::kDrq)) == ata::kErr);
  CHECK(r.in(kError) == ata::kAbrt);

  r.simple_command(0xC6, 0, 3);  // not a power of two
  r.wait_not_busy();
  CHECK((r.status() & ata::kErr) != 0);
  CHECK(r.in(kError) == ata::kAbrt);
  r.simple_command(0xC6, 0, 32);  // beyond IDENTIFY word 47 (16)
  r.wait_not_busy();
  CHECK((r.status() & ata::kErr) != 0);
  CHECK(r.ide.multiple_count(0) == 0);

  r.simple_command(0xC6, 0, 16);
  r.wait_not_busy();
  CHECK((r.status() & ata::kErr) == 0);
  CHECK((r.ide.identify_data(0)[59]) == 0x0110);
}

TEST_CASE("SET FEATURES 01h enables 8-bit data transfers") {
  Rig r;
  r.simple_command(0xEF, 0x01);
  r.wait_not_busy();
  REQUIRE((r.status() & ata::kErr) == 0);
  r.lba_command(0x20, 42, 1);
  r.wait_not_busy();
  REQUIRE((r.status() & ata::kDrq) != 0);
  std::vector<std::uint8_t> got;
  for (int i = 0; i < 512; ++i) got.push_back(r.in(kData));
  CHECK(got == expected_sectors(42, 1));
  CHECK((r.status() & ata::kDrq) == 0);
}

TEST_CASE("READ VERIFY checks sectors without a data phase") {
  Rig r;
  r.lba_command(0x40, 10, 20);
  r.wait_not_busy();
  CHECK((r.status() & (ata::kErr | ata::kDrq)) == 0);
  CHECK(r.irq.rises == 1);
  CHECK(r.in(kSectorNumber) == 29);  // last sector verified
  CHECK(r.in(kSectorCount) == 0);
}
