#pragma once
// The PC speaker: its drive is PIT OUT2 AND the speaker-data bit (port 61h bit 1 on the AT,
// 8255 PB1 on the PC/XT), IBM PC/AT Technical Reference, "Speaker". The Speaker turns that
// level into 16-bit mono samples at a chosen rate (each sample the mean level over its
// interval, a box filter) for a WAV file and/or a pull buffer for the GUI's audio device.
//
// Timing: the level only changes at PIT OUT2 edges (reported with their exact tick while the
// data bit is set) and at data-bit writes, so samples are exact box-filter averages.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "devices/device.hpp"
#include "devices/pit.hpp"
#include "devices/wav_writer.hpp"

namespace quartz {

class Speaker : public Device {
 public:
  static constexpr std::uint32_t kDefaultSampleRate = 48000;
  // Sample value while the cone is driven for the whole sample; 0 while it rests.
  static constexpr std::int16_t kAmplitude = 8192;

  // The Speaker listens to `pit`; declare it after the Pit so it is destroyed first.
  explicit Speaker(Pit& pit, std::uint32_t sample_rate = kDefaultSampleRate, int channel = 2);
  ~Speaker() override;
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  std::string_view name() const override { return "speaker"; }
  void reset() override;
  // Catches the PIT and the sample stream up to `now`. The machine should call it now and
  // then (e.g. once per frame) while a WAV is recorded; there is no self-timed event.
  void sync(Tick now) override;

  // The speaker-data gate (port 61h bit 1 / 8255 PB1), effective at `now`.
  void set_data_enable(bool on, Tick now);
  bool data_enable() const { return data_; }
  // OUT2 AND data at the last sync.
  bool level() const { return level_; }

  // --- headless WAV output (--speaker-wav FILE) -----------------------------------------
  bool start_wav(const std::string& path, std::string& error);
  // Renders up to `now`, patches the header and closes. False if writing failed.
  bool stop_wav(Tick now);
  bool recording() const { return wav_.is_open(); }

  // --- pull API for a host audio device ---------------------------------------------------
  // While enabled, samples are queued (the oldest are dropped beyond `capacity`).
  void enable_pull(bool on, std::size_t capacity = 16384);
  // Catches up to `until` (never ahead of the emulated time!) and moves up to `max_frames`
  // queued samples to `out`; returns how many.
  std::size_t render(std::int16_t* out, std::size_t max_frames, Tick until);
  std::size_t queued() const { return queue_.size(); }

  std::uint32_t sample_rate() const { return rate_; }
  std::uint64_t samples_emitted() const { return index_; }

 private:
  void change_level(Tick t, bool level);
  void advance_to(Tick t);
  void emit(std::int16_t s);

  Pit& pit_;
  int channel_;
  std::uint32_t rate_;
  ClockRatio sample_clock_;
  bool data_ = false;
  bool level_ = false;

  Tick cur_ = 0;             // time the stream is rendered up to
  std::uint64_t index_ = 0;  // index of the sample being accumulated
  Tick sample_start_ = 0, sample_end_ = 0;
  Tick high_ticks_ = 0;      // ticks of the current sample spent with the level high

  WavWriter wav_;
  bool pull_ = false;
  std::size_t capacity_ = 0;
  std::deque<std::int16_t> queue_;
};

}  // namespace quartz
