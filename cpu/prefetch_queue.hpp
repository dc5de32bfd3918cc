#pragma once
// The BIU's instruction queue: a small ring of prefetched code bytes. Bytes enter at the end
// of a code-fetch bus cycle and leave when the EU reads them (QS0/QS1 = first/subsequent).
#include <cstdint>

namespace quartz {

class PrefetchQueue {
  // Room for the 286's 6 bytes plus two decoded instructions of up to 10 bytes.
  static constexpr std::uint8_t kSlots = 32, kMask = kSlots - 1;

 public:
  void set_capacity(std::uint8_t n) { capacity_ = n; }
  std::uint8_t capacity() const { return capacity_; }
  std::uint8_t size() const { return size_; }
  std::uint8_t free() const { return std::uint8_t(capacity_ - size_); }
  bool empty() const { return size_ == 0; }
  void flush() { size_ = 0; head_ = 0; dec_n_ = 0; dec_stopped_ = false; }
  void push(std::uint8_t b, std::uint64_t ready_at = 0) {
    buf_[(head_ + size_) & kMask] = b;
    ready_[(head_ + size_) & kMask] = ready_at;
    ++size_;
  }
  // Clock from which the oldest byte may be taken by the EU.
  std::uint64_t front_ready() const { return ready_[head_]; }
  std::uint8_t pop() {
    if (dec_n_) [[unlikely]] note_pop();
    std::uint8_t b = buf_[head_];
    head_ = (head_ + 1) & kMask;
    --size_;
    return b;
  }
  std::uint8_t at(std::uint8_t i) const { return buf_[(head_ + i) & kMask]; }

  // 80286 instruction decoder (biu286.cpp): it takes whole instructions out of the prefetch
  // queue ahead of the EU, at most two at a time counting the executing one (SingleStepTests
  // 80286 captures: the prefetcher refills the room they leave). We keep the bytes in the
  // ring for the EU and only count how many of them the decoder holds.
  // Bytes the prefetcher may still fill (the decoder's bytes no longer occupy the queue).
  int room() const { return int(capacity_) - int(size_) + int(decoded_bytes()); }
  std::uint8_t decoded_insns() const { return dec_n_; }
  std::uint8_t decoded_bytes() const {
    return std::uint8_t((dec_n_ > 0 ? dec_left_[0] : 0) + (dec_n_ > 1 ? dec_left_[1] : 0));
  }
  void add_decoded(std::uint8_t len) { dec_left_[dec_n_++] = len; }
  // HLT: the decoder takes nothing after it until the queue is flushed.
  bool decoder_stopped() const { return dec_stopped_; }
  void stop_decoder() { dec_stopped_ = true; }

 private:
  void note_pop() {
    if (dec_left_[0]) {
      --dec_left_[0];
    } else if (dec_n_ == 2) {
      // The EU starts the next decoded instruction: the previous one has finished.
      dec_left_[0] = std::uint8_t(dec_left_[1] - 1);
      dec_n_ = 1;
    } else {
      dec_n_ = 0;  // the EU outran the decoder
    }
  }

 public:

 private:
  std::uint8_t buf_[kSlots]{};
  std::uint64_t ready_[kSlots]{};
  std::uint8_t head_ = 0, size_ = 0, capacity_ = 6;
  std::uint8_t dec_left_[2]{};
  std::uint8_t dec_n_ = 0;
  bool dec_stopped_ = false;
};

}  // namespace quartz
