// The system BIOS images as the PC/AT architecture expects them (IBM PC/AT Technical
// Reference, "System BIOS"): 64 KiB at F0000h, the reset vector at F000:FFF0h a far jump to
// the POST entry F000:E05Bh, an mm/dd/yy date at F000:FFF5h, the model byte at F000:FFFEh
// (FCh AT, FFh PC) and all bytes summing to zero.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <numeric>
#include <string>
#include <vector>

namespace {

std::vector<std::uint8_t> load(const std::string& name) {
  std::ifstream f(std::string(QUARTZ_BUILD_DIR) + "/bios/" + name, std::ios::binary);
  REQUIRE(f.good());
  return {std::istreambuf_iterator<char>(f), {}};
}

unsigned word_at(const std::vector<std::uint8_t>& rom, std::size_t at) {
  return rom[at] | (rom[at + 1] << 8);
}

void check_layout(const std::vector<std::uint8_t>& rom, std::uint8_t model) {
  REQUIRE(rom.size() == 65536);
  const unsigned sum = std::accumulate(rom.begin(), rom.end(), 0u);
  CHECK(sum % 256 == 0);
  // JMP FAR ptr16:16 (EAh, offset, segment) = F000:E05B
  CHECK(rom[0xFFF0] == 0xEA);
  CHECK(word_at(rom, 0xFFF1) == 0xE05B);
  CHECK(word_at(rom, 0xFFF3) == 0xF000);
  const std::string date(rom.begin() + 0xFFF5, rom.begin() + 0xFFFD);
  REQUIRE(date.size() == 8);
  for (int i : {0, 1, 3, 4, 6, 7}) CHECK((date[i] >= '0' && date[i] <= '9'));
  CHECK(date[2] == '/');
  CHECK(date[5] == '/');
  CHECK(rom[0xFFFE] == model);
  // The POST entry point holds code (a JMP), not padding.
  CHECK((rom[0xE05B] == 0xE9 || rom[0xE05B] == 0xEB));
  const std::string text(rom.begin(), rom.end());
  CHECK(text.find("Quartz BIOS") != std::string::npos);
}

}  // namespace

TEST_CASE("AT BIOS image: size, checksum, reset vector, date and model byte FCh") {
  check_layout(load("quartz-bios.bin"), 0xFC);
}

TEST_CASE("PC BIOS image: same layout with model byte FFh") {
  check_layout(load("quartz-bios-pc.bin"), 0xFF);
}

TEST_CASE("IBM fixed entry points hold a jump") {
  const auto rom = load("quartz-bios.bin");
  REQUIRE(rom.size() == 65536);
  // POST, INT 13h, INT 19h, INT 16h, INT 09h, INT 10h, INT 12h, INT 11h, INT 15h, INT 1Ah,
  // INT 08h (IBM PC/AT Technical Reference BIOS listing addresses).
  for (unsigned at : {0xE05Bu, 0xE3FEu, 0xE6F2u, 0xE82Eu, 0xE987u, 0xF065u, 0xF841u, 0xF84Du,
                      0xF859u, 0xFE6Eu, 0xFEA5u}) {
    INFO("entry point F000:" << std::hex << at);
    CHECK((rom[at] == 0xE9 || rom[at] == 0xEB));
  }
  CHECK(rom[0xFF53] == 0xCF);  // IRET
}
