#pragma once
// The BIU's instruction queue: a small ring of prefetched code bytes. Bytes enter at the end
// of a code-fetch bus cycle and leave when the EU reads them (QS0/QS1 = first/subsequent).
#include <cstdint>

namespace quartz {

class PrefetchQueue {
  // Room for the 286's 6 bytes plus decoded instructions of up to 10 bytes each.
  static constexpr std::uint8_t kSlots = 64, kMask = kSlots - 1;

 public:
  void set_capacity(std::uint8_t n) { capacity_ = n; }
  std::uint8_t capacity() const { return capacity_; }
  std::uint8_t size() const { return size_; }
  std::uint8_t free() const { return std::uint8_t(capacity_ - size_); }
  bool empty() const { return size_ == 0; }
  void flush() {
    size_ = 0;
    head_ = 0;
    decoded_ = 0;
    dec = Decoder{};
  }
  void push(std::uint8_t b, std::uint64_t ready_at = 0) {
    buf_[(head_ + size_) & kMask] = b;
    ready_[(head_ + size_) & kMask] = ready_at;
    ++size_;
  }
  // Clock from which the oldest byte may be taken by the EU.
  std::uint64_t front_ready() const { return ready_[head_]; }
  std::uint8_t pop() {
    if (decoded_) --decoded_;
    std::uint8_t b = buf_[head_];
    head_ = (head_ + 1) & kMask;
    --size_;
    return b;
  }
  std::uint8_t at(std::uint8_t i) const { return buf_[(head_ + i) & kMask]; }

  // 80286 instruction decoder (biu286.cpp): it takes bytes out of the prefetch queue ahead
  // of the EU, one per clock, and hands whole decoded instructions to the EU. We keep the
  // bytes in the ring for the EU to read and only count how many the decoder has taken:
  // those no longer occupy the queue, so the prefetcher may refill their room.
  int room() const { return int(capacity_) - int(size_) + int(decoded_); }
  std::uint8_t decoded() const { return decoded_; }
  // Clock from which the decoder may take the byte `i` places behind the head.
  std::uint64_t ready_at(std::uint8_t i) const { return ready_[(head_ + i) & kMask]; }
  void decode_one() { ++decoded_; }

  // The decoder's progress (80286 only; biu286.cpp).
  struct Decoder {
    std::uint8_t insn_bytes = 0;   // bytes of the instruction being decoded taken so far
    std::uint8_t len = 0;          // its length once its bytes are queued (0: not yet known)
    std::uint8_t n_done = 0;       // decoded instructions the EU has not started
    bool stopped = false;          // after HLT or an unconditional transfer
    std::uint8_t fetch_hold = 0;   // INTO/LOOP decoded: EU starts until prefetch resumes
    std::uint64_t free_at = 0;     // clock from which the decoder takes its next byte
    std::uint64_t done_at[4]{};    // clock each decoded instruction's last byte was taken
    bool too_long[4]{};            // longer than the 286 allows (interrupt 13 at its start)
  } dec;
  // The EU starts the oldest decoded instruction; true if it is too long to execute.
  bool start_decoded() {
    const bool too_long = dec.too_long[0];
    for (unsigned i = 1; i < dec.n_done; ++i) {
      dec.done_at[i - 1] = dec.done_at[i];
      dec.too_long[i - 1] = dec.too_long[i];
    }
    --dec.n_done;
    return too_long;
  }

 private:
  std::uint8_t buf_[kSlots]{};
  std::uint64_t ready_[kSlots]{};
  std::uint8_t head_ = 0, size_ = 0, capacity_ = 6;
  std::uint8_t decoded_ = 0;  // bytes at the head the 286 decoder has taken
};

}  // namespace quartz
