#pragma once
// A minimal RIFF/WAVE writer: 16-bit signed PCM, mono, at a fixed sample rate. The header's
// size fields are patched when the file is closed (Microsoft RIFF "WAVE" format: 'RIFF'
// chunk, 'fmt ' chunk of 16 bytes with format tag 1 = PCM, 'data' chunk).
#include <cstdint>
#include <cstdio>
#include <string>

namespace quartz {

class WavWriter {
 public:
  WavWriter() = default;
  WavWriter(const WavWriter&) = delete;
  WavWriter& operator=(const WavWriter&) = delete;
  ~WavWriter() { close(); }

  // Creates/truncates `path`. On failure returns false and sets `error` to one message
  // naming the file and the reason.
  bool open(const std::string& path, std::uint32_t sample_rate, std::string& error);
  bool is_open() const { return file_ != nullptr; }
  void write(const std::int16_t* samples, std::size_t count);
  // Patches the header sizes and closes; returns false if a write failed along the way.
  bool close();
  std::uint64_t samples_written() const { return samples_; }
  const std::string& path() const { return path_; }

 private:
  void write_header(std::uint32_t data_bytes);

  std::FILE* file_ = nullptr;
  std::string path_;
  std::uint32_t rate_ = 0;
  std::uint64_t samples_ = 0;
  bool failed_ = false;
};

}  // namespace quartz
