// IDENTIFY DEVICE (ATA-2 8.12, word layout in 7.1.15 table 10) and INITIALIZE DEVICE
// PARAMETERS (ATA-2 8.14) as seen through the PIO data-in protocol.
#include "tests/ide/ide_rig.hpp"

#include <string>

using namespace quartz;
using namespace quartz::test;

namespace {

std::vector<std::uint16_t> identify(Rig& r) {
  r.simple_command(0xEC);
  r.wait_not_busy();
  REQUIRE((r.status() & (ata::kDrq | ata::kErr)) == ata::kDrq);
  std::vector<std::uint8_t> bytes;
  r.read_words(bytes, 512);
  std::vector<std::uint16_t> w(256);
  for (unsigned i = 0; i < 256; ++i) w[i] = std::uint16_t(bytes[2 * i] | (bytes[2 * i + 1] << 8));
  return w;
}

// ATA strings: first character of each pair in the high byte of the word.
std::string ata_string(const std::vector<std::uint16_t>& w, unsigned first, unsigned words) {
  std::string s;
  for (unsigned i = first; i < first + words; ++i) {
    s += char(w[i] >> 8);
    s += char(w[i] & 0xFF);
  }
  return s;
}

}  // namespace

TEST_CASE("IDENTIFY reports default geometry, LBA capacity and capabilities") {
  Rig r;  // 20160 sectors -> default translation 20 cylinders x 16 heads x 63 sectors
  auto w = identify(r);
  CHECK(w[0] == 0x0040);  // bit 6: fixed device
  CHECK(w[1] == 20);      // default cylinders
  CHECK(w[3] == 16);      // default heads
  CHECK(w[6] == 63);      // default sectors per track
  CHECK((w[49] & 0x0200) != 0);  // LBA supported
  CHECK((w[53] & 0x0001) != 0);  // words 54-58 valid
  CHECK(w[54] == 20);
  CHECK(w[55] == 16);
  CHECK(w[56] == 63);
  CHECK((std::uint32_t(w[58]) << 16 | w[57]) == 20160u);  // current CHS capacity
  CHECK((std::uint32_t(w[61]) << 16 | w[60]) == 20160u);  // LBA user-addressable sectors
  CHECK((w[47] & 0xFF) == IdeController::kMaxMultiple);
  CHECK(w[59] == 0x0100);  // multiple setting valid, multiple mode off
  // After the last word the data phase ends: no DRQ, not busy, no error.
  CHECK((r.status() & (ata::kBsy | ata::kDrq | ata::kErr)) == 0);
}

TEST_CASE("IDENTIFY strings are space padded with the ATA byte order") {
  Rig r;
  r.simple_command(0xEC);
  r.wait_not_busy();
  std::vector<std::uint8_t> bytes;
  r.read_split(bytes, 512);  // as an 8086 reads it: byte by byte into memory
  // Model number, words 27-46: in memory the characters of each pair appear swapped.
  std::string model_in_memory(bytes.begin() + 54, bytes.begin() + 94);
  std::string model = std::string("QUARTZ HARDDISK") + std::string(40 - 15, ' ');
  std::string swapped = model;
  for (std::size_t i = 0; i < swapped.size(); i += 2) std::swap(swapped[i], swapped[i + 1]);
  CHECK(model_in_memory == swapped);
  CHECK(bytes[54] == 'U');
  CHECK(bytes[55] == 'Q');

  std::vector<std::uint16_t> w(256);
  for (unsigned i = 0; i < 256; ++i) w[i] = std::uint16_t(bytes[2 * i] | (bytes[2 * i + 1] << 8));
  CHECK(w[27] == (('Q' << 8) | 'U'));
  CHECK(ata_string(w, 27, 20) == model);
  std::string serial = ata_string(w, 10, 10);
  CHECK(serial.size() == 20);
  CHECK(serial.find_first_not_of(' ') != std::string::npos);  // not blank
  std::string firmware = ata_string(w, 23, 4);
  CHECK(firmware == "QZ 1.0  ");
}

TEST_CASE("IDENTIFY of an image with explicit 17-sector geometry") {
  // Seagate ST-225 layout: 615 cylinders, 4 heads, 17 sectors (41820 sectors).
  Rig r(615 * 4 * 17, test_timing(), DiskAccess::read_write, ChsGeometry{615, 4, 17});
  auto w = identify(r);
  CHECK(w[1] == 615);
  CHECK(w[3] == 4);
  CHECK(w[6] == 17);
  CHECK((std::uint32_t(w[61]) << 16 | w[60]) == 41820u);
}

TEST_CASE("INITIALIZE DEVICE PARAMETERS sets the translated geometry in words 54-58") {
  Rig r;
  // 8 heads (device/head bits 3-0 = heads - 1), 32 sectors per track.
  r.out(kSectorCount, 32);
  r.out(kDevHead, 0xA0 | 7);
  r.out(kCommand, 0x91);
  r.wait_not_busy();
  CHECK((r.status() & ata::kErr) == 0);
  auto w = identify(r);
  // Cylinders = capacity / (heads * sectors) = 20160 / 256 = 78 (ATA-2 8.14).
  CHECK(w[54] == 78);
  CHECK(w[55] == 8);
  CHECK(w[56] == 32);
  CHECK((std::uint32_t(w[58]) << 16 | w[57]) == 78u * 8 * 32);
  // The default geometry words do not change.
  CHECK(w[1] == 20);
  CHECK(w[3] == 16);
  CHECK(w[6] == 63);
}

TEST_CASE("INITIALIZE DEVICE PARAMETERS with 0 sectors per track aborts") {
  Rig r;
  r.out(kSectorCount, 0);
  r.out(kDevHead, 0xA0 | 15);
  r.out(kCommand, 0x91);
  r.wait_not_busy();
  CHECK((r.status() & ata::kErr) != 0);
  CHECK(r.in(kError) == ata::kAbrt);
  // No valid current translation: word 53 bit 0 clear, words 54-58 not reported.
  auto w = r.ide.identify_data(0);
  CHECK((w[53] & 1) == 0);
  CHECK(w[54] == 0);
  // Until a valid translation is set, CHS media access fails with IDNF.
  r.chs_command(0x20, 0, 0, 1, 1);
  r.wait_not_busy();
  CHECK((r.status() & ata::kErr) != 0);
  CHECK(r.in(kError) == ata::kIdnf);
}
