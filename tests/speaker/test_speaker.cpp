// PC speaker = PIT OUT2 AND the speaker-data bit (IBM PC/AT Technical Reference, "Speaker"
// and port 61h), rendered as box-filtered 16-bit samples; WAV output per the RIFF WAVE PCM
// layout; port 61h ("System Control Port B") bits per the AT Technical Reference.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "devices/pit.hpp"
#include "devices/speaker.hpp"
#include "devices/system_control_b.hpp"

using namespace quartz;

namespace {

constexpr Tick clk(std::uint64_t k) { return kPitClock.to_ticks(k); }

// Counter 2, LSB/MSB, mode 3, count n.
void square_wave(Pit& pit, std::uint16_t n, Tick t) {
  pit.sync(t);
  pit.io_write(0x43, 0xB6);
  pit.io_write(0x42, std::uint8_t(n));
  pit.io_write(0x42, std::uint8_t(n >> 8));
}

std::vector<std::int16_t> drain(Speaker& s, Tick until) {
  std::vector<std::int16_t> v(1 << 20);
  v.resize(s.render(v.data(), v.size(), until));
  return v;
}

std::uint32_t le32(const std::string& b, std::size_t at) {
  return std::uint32_t(std::uint8_t(b[at])) | std::uint32_t(std::uint8_t(b[at + 1])) << 8 |
         std::uint32_t(std::uint8_t(b[at + 2])) << 16 |
         std::uint32_t(std::uint8_t(b[at + 3])) << 24;
}
std::uint16_t le16(const std::string& b, std::size_t at) {
  return std::uint16_t(std::uint8_t(b[at]) | std::uint8_t(b[at + 1]) << 8);
}

}  // namespace

TEST_CASE("speaker data off: silence even with OUT2 toggling", "[speaker]") {
  Pit pit;
  Speaker spk(pit, 48000);
  spk.enable_pull(true, 1 << 20);
  pit.set_gate(2, true, 0);
  square_wave(pit, 100, 0);
  auto s = drain(spk, seconds_to_ticks(0.01));
  REQUIRE(s.size() >= 479);
  REQUIRE(s.size() <= 481);  // 10 ms at 48 kHz
  for (auto v : s) CHECK(v == 0);
  CHECK(pit.next_event() == kNever);  // OUT2 edges are not scheduled while nobody hears them
}

TEST_CASE("box filter: a constant high level gives full-amplitude samples", "[speaker]") {
  Pit pit;
  Speaker spk(pit, 48000);
  spk.enable_pull(true, 1 << 20);
  // Mode 3 with GATE low holds OUT2 high, so the data bit alone shapes the sound.
  pit.set_gate(2, false, 0);
  square_wave(pit, 100, 0);
  REQUIRE(pit.out(2));
  const Tick on = seconds_to_ticks(0.001), off = seconds_to_ticks(0.003);
  spk.set_data_enable(true, on);
  spk.set_data_enable(false, off);
  auto s = drain(spk, seconds_to_ticks(0.005));
  REQUIRE(s.size() >= 239);
  // Samples wholly inside [1 ms, 3 ms) are full scale, samples wholly outside are zero, and
  // the total equals the high time in samples (2 ms = 96 samples) up to the two partial ones.
  long sum = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    sum += s[i];
    double t0 = double(i) / 48000, t1 = double(i + 1) / 48000;
    if (t0 >= 0.001 + 1e-7 && t1 <= 0.003 - 1e-7) CHECK(s[i] == Speaker::kAmplitude);
    if (t1 <= 0.001 - 1e-7 || t0 >= 0.003 + 1e-7) CHECK(s[i] == 0);
  }
  CHECK(std::abs(sum - 96L * Speaker::kAmplitude) <= 2);
}

TEST_CASE("square wave from PIT counter 2 at the programmed frequency", "[speaker]") {
  Pit pit;
  Speaker spk(pit, 48000);
  spk.enable_pull(true, 1 << 20);
  pit.set_gate(2, true, 0);
  square_wave(pit, 1190, 0);  // 1193182 / 1190 = 1002.7 Hz, 50% duty (even count)
  spk.set_data_enable(true, 0);
  // The speaker does not make the scheduler stop at OUT2 edges: they reach it, timestamped,
  // whenever the PIT is caught up (render() does that).
  CHECK(pit.next_event() == kNever);
  auto s = drain(spk, seconds_to_ticks(1.0));
  REQUIRE(s.size() >= 47999);  // 1 s at 48 kHz (the last one may end a fraction later)
  REQUIRE(s.size() <= 48000);
  long sum = 0;
  int rises = 0;
  bool high = false;
  for (auto v : s) {
    sum += v;
    bool h = v > Speaker::kAmplitude / 2;
    if (h && !high) ++rises;
    high = h;
  }
  double mean = double(sum) / double(s.size()) / Speaker::kAmplitude;
  CHECK(mean == Approx(0.5).margin(0.005));
  CHECK(rises >= 1001);
  CHECK(rises <= 1004);
}

TEST_CASE("pull queue drops the oldest samples beyond its capacity", "[speaker]") {
  Pit pit;
  Speaker spk(pit, 8000);
  spk.enable_pull(true, 100);
  spk.sync(seconds_to_ticks(0.1));  // 800 samples produced
  CHECK(spk.samples_emitted() >= 799);
  CHECK(spk.queued() == 100);
  std::int16_t buf[40];
  CHECK(spk.render(buf, 40, seconds_to_ticks(0.1)) == 40);
  CHECK(spk.queued() == 60);
}

TEST_CASE("WAV file: RIFF header fields and sample count", "[speaker][wav]") {
  const std::string path = std::string(QUARTZ_BUILD_DIR) + "/test_speaker_out.wav";
  Pit pit;
  Speaker spk(pit, 22050);
  std::string err;
  REQUIRE(spk.start_wav(path, err));
  pit.set_gate(2, true, 0);
  square_wave(pit, 2000, 0);
  spk.set_data_enable(true, 0);
  REQUIRE(spk.stop_wav(seconds_to_ticks(0.5)));
  std::ifstream f(path, std::ios::binary);
  std::string b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::remove(path.c_str());
  REQUIRE(b.size() > 44);
  const std::uint32_t n = std::uint32_t((b.size() - 44) / 2);
  CHECK((n == 11025 || n == 11024));  // 0.5 s at 22050 Hz
  CHECK(b.substr(0, 4) == "RIFF");
  CHECK(le32(b, 4) == 36 + 2 * n);
  CHECK(b.substr(8, 8) == "WAVEfmt ");
  CHECK(le32(b, 16) == 16);
  CHECK(le16(b, 20) == 1);  // PCM
  CHECK(le16(b, 22) == 1);  // mono
  CHECK(le32(b, 24) == 22050);
  CHECK(le32(b, 28) == 44100);
  CHECK(le16(b, 32) == 2);
  CHECK(le16(b, 34) == 16);
  CHECK(b.substr(36, 4) == "data");
  CHECK(le32(b, 40) == 2 * n);
  // The first sample is in the high half of the wave.
  CHECK(le16(b, 44) == Speaker::kAmplitude);
}

TEST_CASE("WAV file that cannot be created: one message naming it", "[speaker][wav]") {
  Pit pit;
  Speaker spk(pit);
  std::string err;
  CHECK_FALSE(spk.start_wav("/nonexistent-quartz-dir/out.wav", err));
  CHECK(err.find("/nonexistent-quartz-dir/out.wav") != std::string::npos);
  CHECK_FALSE(spk.recording());
}

TEST_CASE("port 61h: written bits read back, bits 6-7 read 0", "[speaker][port61]") {
  Pit pit;
  Speaker spk(pit);
  SystemControlB p61(pit, spk);
  p61.sync(0);
  p61.io_write(0x61, 0xFF);
  CHECK((p61.io_read(0x61) & 0xCF) == 0x0F);
  CHECK(pit.gate(2));
  CHECK(spk.data_enable());
  p61.io_write(0x61, 0x00);
  CHECK((p61.io_read(0x61) & 0x0F) == 0x00);
  CHECK_FALSE(pit.gate(2));
  CHECK_FALSE(spk.data_enable());
}

TEST_CASE("port 61h bit 4 toggles every 15.085 us (216 master ticks)", "[speaker][port61]") {
  Pit pit;
  Speaker spk(pit);
  SystemControlB p61(pit, spk);
  auto bit4 = [&](Tick t) {
    p61.sync(t);
    return (p61.io_read(0x61) >> 4) & 1;
  };
  CHECK(bit4(0) == 0);
  CHECK(bit4(215) == 0);
  CHECK(bit4(216) == 1);
  CHECK(bit4(431) == 1);
  CHECK(bit4(432) == 0);
  // 15.085 us period per half: 1 ms holds 66 whole halves.
  CHECK(ticks_to_seconds(SystemControlB::kRefreshToggleTicks) == Approx(15.085e-6).epsilon(1e-3));
}

TEST_CASE("port 61h bit 5 follows OUT2 at the tick of the read", "[speaker][port61]") {
  Pit pit;
  Speaker spk(pit);
  SystemControlB p61(pit, spk);
  p61.sync(6);
  p61.io_write(0x61, 0x01);  // GATE2 high, speaker off
  square_wave(pit, 4, 6);    // load at pulse 1, low at pulse 3, high at pulse 5
  auto bit5 = [&](Tick t) {
    p61.sync(t);
    return (p61.io_read(0x61) >> 5) & 1;
  };
  CHECK(bit5(clk(3) - 1) == 1);
  CHECK(bit5(clk(3)) == 0);
  CHECK(bit5(clk(5)) == 1);
  // GATE2 low through port 61h forces OUT2 high in mode 3 (8254 gate summary).
  CHECK(bit5(clk(7)) == 0);
  p61.io_write(0x61, 0x00);
  CHECK(bit5(clk(7)) == 1);
  CHECK(bit5(clk(100)) == 1);
}
