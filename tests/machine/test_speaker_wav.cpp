// --speaker-wav: the demo beeps through PIT channel 2 in mode 3 with divisor 1193, i.e.
// 1193182 / 1193 = 1000.2 Hz, for one to two BIOS ticks (it waits for the tick count to
// advance by 2 from wherever the current tick is: 55-110 ms). The WAV must be 16-bit mono PCM
// with that tone in it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "run_quartz.hpp"

using namespace quartz::test;
namespace fs = std::filesystem;

namespace {
std::uint32_t le32(const std::string& s, std::size_t at) {
  std::uint32_t v;
  std::memcpy(&v, s.data() + at, 4);
  return v;
}
std::uint16_t le16(const std::string& s, std::size_t at) {
  std::uint16_t v;
  std::memcpy(&v, s.data() + at, 2);
  return v;
}
}  // namespace

TEST_CASE("the speaker WAV of the demo holds its 1 kHz beep") {
  fs::path dir = scratch_dir("wav");
  auto wav = dir / "demo.wav";
  auto r = run_quartz({"run", "--speaker-wav", wav.string()}, dir);
  REQUIRE(r.status == 0);
  std::string d = slurp(wav);
  fs::remove_all(dir);
  REQUIRE(d.size() > 44);
  CHECK(d.compare(0, 4, "RIFF") == 0);
  CHECK(d.compare(8, 8, "WAVEfmt ") == 0);
  CHECK(le16(d, 20) == 1);   // PCM
  CHECK(le16(d, 22) == 1);   // mono
  const std::uint32_t rate = le32(d, 24);
  CHECK(le16(d, 34) == 16);  // bits per sample
  auto data = d.find("data");
  REQUIRE(data != std::string::npos);
  const std::uint32_t bytes = le32(d, data + 4);
  REQUIRE(data + 8 + bytes <= d.size());
  std::vector<std::int16_t> s(bytes / 2);
  std::memcpy(s.data(), d.data() + data + 8, s.size() * 2);

  // The sound: from the first to the last sample that is not silence.
  std::size_t first = 0, last = s.size();
  while (first < s.size() && s[first] == 0) ++first;
  while (last > first && s[last - 1] == 0) --last;
  REQUIRE(last > first);
  const double seconds = double(last - first) / rate;
  CHECK(seconds > 0.05);
  CHECK(seconds < 0.115);
  int hi = *std::max_element(s.begin() + long(first), s.begin() + long(last));
  int lo = *std::min_element(s.begin() + long(first), s.begin() + long(last));
  const double mid = (hi + lo) / 2.0;
  int crossings = 0;
  for (std::size_t i = first + 1; i < last; ++i) crossings += (s[i - 1] > mid) != (s[i] > mid);
  const double hz = crossings / 2.0 / seconds;
  CHECK(hz > 1000.2 * 0.98);
  CHECK(hz < 1000.2 * 1.02);
}
