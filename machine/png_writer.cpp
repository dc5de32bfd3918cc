#include "machine/png_writer.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>
#include <zlib.h>

namespace quartz {

namespace {
void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  out.push_back(std::uint8_t(v >> 24));
  out.push_back(std::uint8_t(v >> 16));
  out.push_back(std::uint8_t(v >> 8));
  out.push_back(std::uint8_t(v));
}

void chunk(std::vector<std::uint8_t>& out, const char type[4], const std::uint8_t* data,
           std::size_t len) {
  put32(out, std::uint32_t(len));
  std::size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  if (len) out.insert(out.end(), data, data + len);
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, out.data() + start, uInt(out.size() - start));
  put32(out, std::uint32_t(crc));
}

void set_error(std::string* error, std::string msg) {
  if (error) *error = std::move(msg);
}
}  // namespace

std::vector<std::uint8_t> encode_png(std::uint32_t width, std::uint32_t height,
                                     std::span<const std::uint8_t> rgba, std::string* error) {
  if (width == 0 || height == 0 || width > 0x7FFFFFFF / 4 || height > 0x10000) {
    set_error(error, fmt::format("invalid image size {}x{}", width, height));
    return {};
  }
  const std::size_t stride = std::size_t(width) * 4;
  if (rgba.size() < stride * height) {
    set_error(error, fmt::format("pixel buffer holds {} bytes, {}x{} RGBA needs {}", rgba.size(),
                                 width, height, stride * height));
    return {};
  }
  // Filter type 0 (None) on every row keeps the encoder trivial; zlib does the work.
  std::vector<std::uint8_t> raw;
  raw.reserve((stride + 1) * height);
  for (std::uint32_t y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), rgba.begin() + std::ptrdiff_t(y * stride),
               rgba.begin() + std::ptrdiff_t((y + 1) * stride));
  }
  uLongf zlen = compressBound(uLong(raw.size()));
  std::vector<std::uint8_t> z(zlen);
  if (compress2(z.data(), &zlen, raw.data(), uLong(raw.size()), 6) != Z_OK) {
    set_error(error, "zlib compression failed");
    return {};
  }

  std::vector<std::uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::uint8_t ihdr[13];
  for (int i = 0; i < 4; ++i) {
    ihdr[i] = std::uint8_t(width >> (24 - 8 * i));
    ihdr[4 + i] = std::uint8_t(height >> (24 - 8 * i));
  }
  ihdr[8] = 8;   // bit depth
  ihdr[9] = 6;   // colour type: truecolour with alpha
  ihdr[10] = 0;  // deflate
  ihdr[11] = 0;  // adaptive filtering
  ihdr[12] = 0;  // no interlace
  chunk(out, "IHDR", ihdr, sizeof ihdr);
  chunk(out, "IDAT", z.data(), zlen);
  chunk(out, "IEND", nullptr, 0);
  return out;
}

bool write_png(const std::string& path, std::uint32_t width, std::uint32_t height,
               std::span<const std::uint8_t> rgba, std::string* error) {
  std::string why;
  std::vector<std::uint8_t> png = encode_png(width, height, rgba, &why);
  if (png.empty()) {
    set_error(error, fmt::format("{}: cannot encode PNG: {}", path, why));
    return false;
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    set_error(error, fmt::format("{}: cannot open for writing: {}", path, std::strerror(errno)));
    return false;
  }
  bool ok = std::fwrite(png.data(), 1, png.size(), f) == png.size();
  int err = errno;
  if (std::fclose(f) != 0) ok = false;
  if (!ok) {
    set_error(error, fmt::format("{}: write failed: {}", path, std::strerror(err)));
    std::remove(path.c_str());
  }
  return ok;
}

}  // namespace quartz
