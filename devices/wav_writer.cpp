#include "devices/wav_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace quartz {

namespace {

void put16(std::uint8_t* p, std::uint16_t v) {
  p[0] = std::uint8_t(v);
  p[1] = std::uint8_t(v >> 8);
}

void put32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = std::uint8_t(v >> (8 * i));
}

}  // namespace

bool WavWriter::open(const std::string& path, std::uint32_t sample_rate, std::string& error) {
  close();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    error = fmt::format("cannot create WAV file '{}': {}", path, std::strerror(errno));
    return false;
  }
  file_ = f;
  path_ = path;
  rate_ = sample_rate;
  samples_ = 0;
  failed_ = false;
  write_header(0);
  if (failed_) {
    error = fmt::format("cannot write WAV file '{}': {}", path, std::strerror(errno));
    std::fclose(file_);
    file_ = nullptr;
    return false;
  }
  return true;
}

void WavWriter::write_header(std::uint32_t data_bytes) {
  std::uint8_t h[44];
  std::memcpy(h, "RIFF", 4);
  put32(h + 4, 36 + data_bytes);
  std::memcpy(h + 8, "WAVEfmt ", 8);
  put32(h + 16, 16);           // fmt chunk size
  put16(h + 20, 1);            // PCM
  put16(h + 22, 1);            // mono
  put32(h + 24, rate_);        // sample rate
  put32(h + 28, rate_ * 2);    // byte rate
  put16(h + 32, 2);            // block align
  put16(h + 34, 16);           // bits per sample
  std::memcpy(h + 36, "data", 4);
  put32(h + 40, data_bytes);
  if (std::fwrite(h, 1, sizeof h, file_) != sizeof h) failed_ = true;
}

void WavWriter::write(const std::int16_t* samples, std::size_t count) {
  if (!file_ || count == 0) return;
  std::uint8_t buf[512];
  std::size_t done = 0;
  while (done < count) {
    std::size_t n = std::min<std::size_t>(count - done, sizeof buf / 2);
    for (std::size_t i = 0; i < n; ++i) put16(buf + 2 * i, std::uint16_t(samples[done + i]));
    if (std::fwrite(buf, 2, n, file_) != n) failed_ = true;
    done += n;
  }
  samples_ += count;
}

bool WavWriter::close() {
  if (!file_) return !failed_;
  // RIFF sizes are 32-bit; a longer recording keeps the largest size that fits.
  std::uint64_t bytes = samples_ * 2;
  if (bytes > 0xFFFFFFFFull - 36) bytes = 0xFFFFFFFFull - 36;
  if (std::fseek(file_, 0, SEEK_SET) == 0)
    write_header(std::uint32_t(bytes));
  else
    failed_ = true;
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  return !failed_;
}

}  // namespace quartz
