// PNG writer: structure per the PNG specification, decoded back with zlib.
#include <catch2/catch.hpp>

#include <cstdio>
#include <vector>
#include <zlib.h>

#include "machine/png_writer.hpp"

using namespace quartz;

namespace {
std::uint32_t be32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}
}  // namespace

TEST_CASE("PNG encoder produces signature, IHDR, IDAT, IEND with valid CRCs") {
  const std::uint32_t w = 7, h = 5;
  std::vector<std::uint8_t> rgba(w * h * 4);
  for (std::size_t i = 0; i < rgba.size(); ++i) rgba[i] = std::uint8_t(i * 31);
  std::vector<std::uint8_t> png = encode_png(w, h, rgba);
  REQUIRE(png.size() > 8 + 25 + 12 + 12);
  const std::uint8_t sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  CHECK(std::equal(sig, sig + 8, png.begin()));
  std::size_t pos = 8;
  std::vector<std::uint8_t> idat;
  std::vector<std::string> types;
  while (pos + 12 <= png.size()) {
    std::uint32_t len = be32(&png[pos]);
    std::string type(reinterpret_cast<const char*>(&png[pos + 4]), 4);
    types.push_back(type);
    uLong crc = crc32(0, &png[pos + 4], 4 + len);
    CHECK(be32(&png[pos + 8 + len]) == std::uint32_t(crc));
    if (type == "IHDR") {
      CHECK(len == 13);
      CHECK(be32(&png[pos + 8]) == w);
      CHECK(be32(&png[pos + 12]) == h);
      CHECK(png[pos + 16] == 8);
      CHECK(png[pos + 17] == 6);
    }
    if (type == "IDAT") idat.insert(idat.end(), &png[pos + 8], &png[pos + 8 + len]);
    pos += 12 + len;
  }
  CHECK(pos == png.size());
  REQUIRE(types.size() == 3);
  CHECK(types[0] == "IHDR");
  CHECK(types[2] == "IEND");
  std::vector<std::uint8_t> raw((w * 4 + 1) * h);
  uLongf rawlen = raw.size();
  REQUIRE(uncompress(raw.data(), &rawlen, idat.data(), idat.size()) == Z_OK);
  REQUIRE(rawlen == raw.size());
  for (std::uint32_t y = 0; y < h; ++y) {
    CHECK(raw[y * (w * 4 + 1)] == 0);  // filter None
    for (std::uint32_t x = 0; x < w * 4; ++x)
      CHECK(raw[y * (w * 4 + 1) + 1 + x] == rgba[y * w * 4 + x]);
  }
}

TEST_CASE("PNG writer reports bad paths and bad buffers without crashing") {
  std::vector<std::uint8_t> px(4 * 4 * 4, 0x80);
  std::string err;
  CHECK_FALSE(write_png("/nonexistent-dir/x.png", 4, 4, px, &err));
  CHECK(err.find("/nonexistent-dir/x.png") != std::string::npos);
  err.clear();
  CHECK_FALSE(write_png("/tmp/quartz-short.png", 8, 8, px, &err));
  CHECK(err.find("needs") != std::string::npos);
  CHECK(encode_png(0, 4, px).empty());
}
