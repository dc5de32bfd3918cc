#include "devices/speaker.hpp"

#include <algorithm>

namespace quartz {

Speaker::Speaker(Pit& pit, std::uint32_t sample_rate, int channel)
    : pit_(pit),
      channel_(channel),
      rate_(sample_rate ? sample_rate : kDefaultSampleRate),
      sample_clock_(ClockRatio::from_hz(rate_)) {
  reset();
}

Speaker::~Speaker() {
  if (data_) pit_.set_out_listener(channel_, {});
  wav_.close();
}

void Speaker::reset() {
  if (data_) pit_.set_out_listener(channel_, {});
  data_ = false;
  level_ = false;
  cur_ = pit_.now();
  index_ = sample_clock_.to_cycles(cur_);
  sample_start_ = sample_clock_.to_ticks(index_);
  sample_end_ = sample_clock_.to_ticks(index_ + 1);
  high_ticks_ = 0;
  queue_.clear();
}

void Speaker::sync(Tick now) {
  pit_.sync(now);  // reports OUT edges up to `now` through change_level
  advance_to(now);
}

void Speaker::set_data_enable(bool on, Tick now) {
  sync(now);
  if (on == data_) return;
  data_ = on;
  if (on) {
    // While the data bit is set the speaker follows OUT2 edge by edge; while it is clear
    // OUT2 does not matter and the PIT need not schedule its edges.
    pit_.set_out_listener(channel_, [this](Tick t, bool out) { change_level(t, out && data_); });
    change_level(now, pit_.out(channel_));
  } else {
    pit_.set_out_listener(channel_, {});
    change_level(now, false);
  }
}

void Speaker::change_level(Tick t, bool level) {
  advance_to(t);
  level_ = level;
}

void Speaker::emit(std::int16_t s) {
  if (wav_.is_open()) wav_.write(&s, 1);
  if (pull_) {
    if (queue_.size() >= capacity_) queue_.pop_front();
    queue_.push_back(s);
  }
}

void Speaker::advance_to(Tick t) {
  if (t <= cur_) return;
  if (!wav_.is_open() && !pull_) {
    // Nobody listens: jump straight to the sample holding `t`.
    index_ = sample_clock_.to_cycles(t);
    sample_start_ = sample_clock_.to_ticks(index_);
    sample_end_ = sample_clock_.to_ticks(index_ + 1);
    high_ticks_ = level_ ? t - std::max(sample_start_, cur_) : 0;
    cur_ = t;
    return;
  }
  while (sample_end_ <= t) {
    if (level_) high_ticks_ += sample_end_ - cur_;
    Tick len = sample_end_ - sample_start_;
    emit(std::int16_t((high_ticks_ * kAmplitude + len / 2) / len));
    cur_ = sample_start_ = sample_end_;
    high_ticks_ = 0;
    ++index_;
    sample_end_ = sample_clock_.to_ticks(index_ + 1);
  }
  if (level_) high_ticks_ += t - cur_;
  cur_ = t;
}

bool Speaker::start_wav(const std::string& path, std::string& error) {
  return wav_.open(path, rate_, error);
}

bool Speaker::stop_wav(Tick now) {
  sync(now);
  return wav_.close();
}

void Speaker::enable_pull(bool on, std::size_t capacity) {
  pull_ = on;
  capacity_ = std::max<std::size_t>(capacity, 1);
  if (!on) queue_.clear();
}

std::size_t Speaker::render(std::int16_t* out, std::size_t max_frames, Tick until) {
  sync(until);
  std::size_t n = std::min(max_frames, queue_.size());
  std::copy_n(queue_.begin(), n, out);
  queue_.erase(queue_.begin(), queue_.begin() + std::ptrdiff_t(n));
  return n;
}

}  // namespace quartz
