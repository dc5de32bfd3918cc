// --screenshot: the PNG holds the VGA's picture at the end of the run. Decoded here with zlib
// (PNG spec, 2nd ed.: chunks, IHDR, IDAT zlib stream, per-row filter types 0-4) and checked
// against what the VGA shows in text mode 03h: 720x400 (80 x 9-dot columns, 25 x 16-line
// rows), grey-on-black text (attribute 07h) in the top-left, black below the last line.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "run_quartz.hpp"

using namespace quartz::test;
namespace fs = std::filesystem;

namespace {

struct Image {
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> rgba;
  std::uint32_t rgb(std::uint32_t x, std::uint32_t y) const {
    const std::uint8_t* p = &rgba[(std::size_t(y) * width + x) * 4];
    return std::uint32_t(p[0]) << 16 | std::uint32_t(p[1]) << 8 | p[2];
  }
};

std::uint32_t be32(const std::string& s, std::size_t at) {
  return std::uint32_t(std::uint8_t(s[at])) << 24 | std::uint32_t(std::uint8_t(s[at + 1])) << 16 |
         std::uint32_t(std::uint8_t(s[at + 2])) << 8 | std::uint8_t(s[at + 3]);
}

// Decodes an 8-bit RGBA, non-interlaced PNG (what Quartz writes). Empty image on failure.
Image decode_png(const std::string& file) {
  Image img;
  if (file.size() < 8 || file.compare(0, 8, "\x89PNG\r\n\x1A\n") != 0) return img;
  std::string idat;
  std::size_t pos = 8;
  bool rgba8 = false;
  while (pos + 12 <= file.size()) {
    std::uint32_t len = be32(file, pos);
    std::string type = file.substr(pos + 4, 4);
    if (type == "IHDR") {
      img.width = be32(file, pos + 8);
      img.height = be32(file, pos + 12);
      rgba8 = file[pos + 16] == 8 && file[pos + 17] == 6 && file[pos + 20] == 0;
    } else if (type == "IDAT") {
      idat += file.substr(pos + 8, len);
    }
    pos += 12 + len;
  }
  if (!rgba8) return {};
  const std::size_t stride = std::size_t(img.width) * 4;
  std::vector<std::uint8_t> raw((stride + 1) * img.height);
  uLongf raw_len = raw.size();
  if (uncompress(raw.data(), &raw_len, reinterpret_cast<const Bytef*>(idat.data()),
                 idat.size()) != Z_OK ||
      raw_len != raw.size())
    return {};
  img.rgba.resize(stride * img.height);
  for (std::uint32_t y = 0; y < img.height; ++y) {
    const std::uint8_t filter = raw[y * (stride + 1)];
    const std::uint8_t* in = &raw[y * (stride + 1) + 1];
    std::uint8_t* out = &img.rgba[y * stride];
    const std::uint8_t* up = y ? &img.rgba[(y - 1) * stride] : nullptr;
    for (std::size_t i = 0; i < stride; ++i) {
      int a = i >= 4 ? out[i - 4] : 0, b = up ? up[i] : 0, c = (up && i >= 4) ? up[i - 4] : 0;
      int pred = 0;
      switch (filter) {
        case 0: pred = 0; break;
        case 1: pred = a; break;
        case 2: pred = b; break;
        case 3: pred = (a + b) / 2; break;
        case 4: {
          int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
          break;
        }
        default: return {};
      }
      out[i] = std::uint8_t(in[i] + pred);
    }
  }
  return img;
}

struct Scratch {
  fs::path dir = scratch_dir("shot");
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

TEST_CASE("a screenshot of the demo shows its text-mode report") {
  Scratch s;
  auto png = s.dir / "demo.png";
  auto r = run_quartz({"run", "--screenshot", png.string()}, s.dir);
  REQUIRE(r.status == 0);
  Image img = decode_png(slurp(png));
  REQUIRE(img.width == 720);
  REQUIRE(img.height == 400);
  std::set<std::uint32_t> colours;
  for (std::uint32_t y = 0; y < img.height; ++y)
    for (std::uint32_t x = 0; x < img.width; ++x) colours.insert(img.rgb(x, y));
  // Only black and the light grey of attribute 07h (DAC entry 7 = 2Ah,2Ah,2Ah in 6 bits).
  REQUIRE(colours.size() == 2);
  CHECK(colours.count(0x000000) == 1);
  std::uint32_t grey = *colours.rbegin();
  CHECK(((grey >> 16) & 0xFF) >= 0xA8);
  CHECK(((grey >> 16) & 0xFF) <= 0xAA);
  CHECK(grey == ((grey & 0xFF) * 0x010101u));
  // The report fills the first rows; row 24 (the bottom 16 lines) is still empty.
  int lit_top = 0, lit_bottom = 0;
  for (std::uint32_t y = 0; y < 16 * 4; ++y)
    for (std::uint32_t x = 0; x < img.width; ++x) lit_top += img.rgb(x, y) != 0;
  for (std::uint32_t y = 384; y < 400; ++y)
    for (std::uint32_t x = 0; x < img.width; ++x) lit_bottom += img.rgb(x, y) != 0;
  CHECK(lit_top > 500);
  CHECK(lit_bottom == 0);
}

TEST_CASE("a screenshot of a board without a display fails with exit status 1") {
  Scratch s;
  auto png = s.dir / "none.png";
  auto r = run_quartz({"run", "--program", std::string(QUARTZ_BUILD_DIR) +
                                               "/testroms/hello/hello.bin",
                       "--screenshot", png.string()},
                      s.dir);
  CHECK(r.status == 1);
  CHECK(r.err == "quartz run: --screenshot '" + png.string() +
                     "': the 'bare' machine has no display\n");
  CHECK_FALSE(fs::exists(png));
}
