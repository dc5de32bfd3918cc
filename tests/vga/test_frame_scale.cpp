// --screenshot-aspect: the VGA scans every standard mode to a 4:3 picture on the monitor
// (IBM VGA Technical Reference: 640x480, 720x400, 640x400 and 640x350 all fill the same
// screen), so the aspect-corrected screenshot keeps the width and gets height = width * 3/4.
// Lines are resampled nearest-neighbour: output row y shows the source row under its centre,
// (y + 0.5) * source_height / output_height.
#include <catch2/catch.hpp>

#include <cmath>

#include "machine/frame_scale.hpp"

using namespace quartz;

namespace {

// A frame whose pixel (x, y) encodes its own coordinates: R,G = y, B = x & FF.
Frame coded_frame(std::uint32_t w, std::uint32_t h) {
  Frame f;
  f.width = w;
  f.height = h;
  f.number = 42;
  f.rgba.resize(std::size_t(w) * h * 4);
  for (std::uint32_t y = 0; y < h; ++y)
    for (std::uint32_t x = 0; x < w; ++x) {
      std::uint8_t* p = &f.rgba[(std::size_t(y) * w + x) * 4];
      p[0] = std::uint8_t(y >> 8);
      p[1] = std::uint8_t(y);
      p[2] = std::uint8_t(x);
      p[3] = 255;
    }
  return f;
}

std::uint32_t source_row(const Frame& out, std::uint32_t x, std::uint32_t y) {
  std::uint32_t v = out.pixel(x, y);
  return v >> 8;  // R:G = the source row
}

}  // namespace

TEST_CASE("display sizes of the standard VGA frames at 4:3") {
  struct Case { std::uint32_t w, h, out_h; };
  for (Case c : {Case{720, 400, 540}, Case{640, 400, 480}, Case{640, 480, 480},
                 Case{640, 350, 480}, Case{320, 200, 240}}) {
    INFO(c.w << "x" << c.h);
    FrameSize s = display_size(c.w, c.h, 4.0 / 3.0);
    CHECK(s.width == c.w);
    CHECK(s.height == c.out_h);
  }
}

TEST_CASE("720x400 text frame becomes 720x540 with each row from the source row under it") {
  const Frame f = coded_frame(720, 400);
  const Frame out = scale_to_display_aspect(f);
  REQUIRE(out.width == 720);
  REQUIRE(out.height == 540);
  CHECK(out.number == 42);
  unsigned bad = 0;
  for (std::uint32_t y = 0; y < 540; ++y) {
    const auto expect = std::uint32_t(std::floor((y + 0.5) * 400.0 / 540.0));
    for (std::uint32_t x : {0u, 1u, 359u, 719u})
      if (source_row(out, x, y) != expect || (out.pixel(x, y) & 0xFF) != (x & 0xFF)) ++bad;
  }
  CHECK(bad == 0);
  // 400 -> 540 lines: every source row appears once or twice, none is dropped.
  std::vector<int> uses(400);
  for (std::uint32_t y = 0; y < 540; ++y) ++uses[source_row(out, 0, y)];
  for (int n : uses) CHECK((n == 1 || n == 2));
}

TEST_CASE("640x400 (double-scanned 320x200) becomes 640x480: 6 output rows per 5 source rows") {
  const Frame out = scale_to_display_aspect(coded_frame(640, 400));
  REQUIRE(out.width == 640);
  REQUIRE(out.height == 480);
  // Centres at (y + 0.5) * 5/6: rows 0..5 -> 0, 1, 2, 2, 3, 4; then the pattern repeats +5.
  const std::uint32_t first[] = {0, 1, 2, 2, 3, 4, 5, 6, 7, 7, 8, 9};
  for (std::uint32_t y = 0; y < 12; ++y) CHECK(source_row(out, 100, y) == first[y]);
  CHECK(source_row(out, 639, 479) == 399);
}

TEST_CASE("640x480 is already 4:3 and is copied unchanged, an empty frame stays empty") {
  const Frame f = coded_frame(640, 480);
  const Frame out = scale_to_display_aspect(f);
  CHECK(out.width == 640);
  CHECK(out.height == 480);
  CHECK(out.rgba == f.rgba);
  const Frame none = scale_to_display_aspect(Frame{});
  CHECK(none.width == 0);
  CHECK(none.height == 0);
  CHECK(none.rgba.empty());
}
