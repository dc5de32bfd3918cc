// `quartz run --screenshot FILE.png --screenshot-aspect` end to end: boots
// testroms/vga/vgamodes.img, whose final picture is mode 13h (320x200, scanned as 640x400)
// with pixel (px, py) = colour (px + 2 py) & FFh for py < 100, px below, and DAC entry i =
// grey i/4 (see tests/vga/test_machine.cpp). The PNG must be 640x480 (4:3): IHDR width and
// height are the big-endian words at file offsets 16 and 20 (PNG spec, 2nd ed., 5.2/11.2.2),
// and row y must show scan line floor((y + 0.5) * 400 / 480).
#include <catch2/catch.hpp>

#include <zlib.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/machine/run_quartz.hpp"
#include "tests/vga/vga_rig.hpp"

using namespace quartz::test;
namespace fs = std::filesystem;

namespace {

std::uint32_t be32(const std::string& s, std::size_t at) {
  return std::uint32_t(std::uint8_t(s[at])) << 24 | std::uint32_t(std::uint8_t(s[at + 1])) << 16 |
         std::uint32_t(std::uint8_t(s[at + 2])) << 8 | std::uint8_t(s[at + 3]);
}

// Unfiltered RGBA rows of an 8-bit RGBA non-interlaced PNG (PNG spec 9.2 filter types 0-4);
// empty on any problem.
std::vector<std::uint8_t> decode_rgba(const std::string& file, std::uint32_t w, std::uint32_t h) {
  std::string idat;
  for (std::size_t pos = 8; pos + 12 <= file.size();) {
    std::uint32_t len = be32(file, pos);
    if (file.compare(pos + 4, 4, "IDAT") == 0) idat += file.substr(pos + 8, len);
    pos += 12 + len;
  }
  const std::size_t stride = std::size_t(w) * 4;
  std::vector<std::uint8_t> raw((stride + 1) * h), img(stride * h);
  uLongf n = raw.size();
  if (uncompress(raw.data(), &n, reinterpret_cast<const Bytef*>(idat.data()), idat.size()) !=
          Z_OK ||
      n != raw.size())
    return {};
  for (std::uint32_t y = 0; y < h; ++y) {
    const std::uint8_t f = raw[y * (stride + 1)];
    const std::uint8_t* in = &raw[y * (stride + 1) + 1];
    std::uint8_t* out = &img[y * stride];
    const std::uint8_t* up = y ? &img[(y - 1) * stride] : nullptr;
    for (std::size_t i = 0; i < stride; ++i) {
      int a = i >= 4 ? out[i - 4] : 0, b = up ? up[i] : 0, c = up && i >= 4 ? up[i - 4] : 0;
      int pred = 0;
      if (f == 1) pred = a;
      else if (f == 2) pred = b;
      else if (f == 3) pred = (a + b) / 2;
      else if (f == 4) {
        int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
        pred = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
      } else if (f != 0) return {};
      out[i] = std::uint8_t(in[i] + pred);
    }
  }
  return img;
}

struct Scratch {
  fs::path dir = scratch_dir("aspect");
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

const std::string kImage = std::string(QUARTZ_BUILD_DIR) + "/testroms/vga/vgamodes.img";

}  // namespace

TEST_CASE("screenshot with --screenshot-aspect writes the mode 13h picture at 640x480") {
  Scratch s;
  auto png = s.dir / "shot.png";
  auto r = run_quartz({"run", "--headless", "--disk", kImage, "--snapshot", "--debug-port", "--max-seconds", "30",
                       "--screenshot", png.string(), "--screenshot-aspect"},
                      s.dir);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  const std::string file = slurp(png);
  REQUIRE(file.size() > 24);
  CHECK(file.compare(12, 4, "IHDR") == 0);
  const std::uint32_t w = be32(file, 16), h = be32(file, 20);
  REQUIRE(w == 640);
  REQUIRE(h == 480);
  const std::vector<std::uint8_t> img = decode_rgba(file, w, h);
  REQUIRE(img.size() == std::size_t(w) * h * 4);
  unsigned bad = 0;
  for (std::uint32_t y = 0; y < h; ++y) {
    const auto line = std::uint32_t(std::floor((y + 0.5) * 400.0 / 480.0));
    for (std::uint32_t x = 0; x < w; ++x) {
      unsigned px = x / 2, py = line / 2;
      std::uint8_t colour = py < 100 ? std::uint8_t(px + 2 * py) : std::uint8_t(px);
      std::uint8_t g = colour / 4;
      const std::uint8_t* p = &img[(std::size_t(y) * w + x) * 4];
      std::uint32_t rgb = std::uint32_t(p[0]) << 16 | std::uint32_t(p[1]) << 8 | p[2];
      if (rgb != vgatest::widen(g, g, g)) ++bad;
    }
  }
  CHECK(bad == 0);
}

TEST_CASE("without --screenshot-aspect the same run keeps the scanned 640x400") {
  Scratch s;
  auto png = s.dir / "shot.png";
  auto r = run_quartz({"run", "--headless", "--disk", kImage, "--snapshot", "--debug-port", "--max-seconds", "30",
                       "--screenshot", png.string()},
                      s.dir);
  REQUIRE(r.status == 0);
  const std::string file = slurp(png);
  REQUIRE(file.size() > 24);
  CHECK(be32(file, 16) == 640);
  CHECK(be32(file, 20) == 400);
}

TEST_CASE("screenshot option --screenshot-aspect without --screenshot is a usage error") {
  Scratch s;
  auto r = run_quartz({"run", "--screenshot-aspect"}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: --screenshot-aspect needs --screenshot FILE.png\n");
}
