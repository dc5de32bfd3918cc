#pragma once
// The BIU's instruction queue: a small ring of prefetched code bytes. Bytes enter at the end
// of a code-fetch bus cycle and leave when the EU reads them (QS0/QS1 = first/subsequent).
#include <cstdint>

namespace quartz {

class PrefetchQueue {
 public:
  void set_capacity(std::uint8_t n) { capacity_ = n; }
  std::uint8_t capacity() const { return capacity_; }
  std::uint8_t size() const { return size_; }
  std::uint8_t free() const { return std::uint8_t(capacity_ - size_); }
  bool empty() const { return size_ == 0; }
  void flush() { size_ = 0; head_ = 0; }
  void push(std::uint8_t b, std::uint64_t ready_at = 0) {
    buf_[(head_ + size_) & 7] = b;
    ready_[(head_ + size_) & 7] = ready_at;
    ++size_;
  }
  // Clock from which the oldest byte may be taken by the EU.
  std::uint64_t front_ready() const { return ready_[head_]; }
  std::uint8_t pop() {
    std::uint8_t b = buf_[head_];
    head_ = (head_ + 1) & 7;
    --size_;
    return b;
  }
  std::uint8_t at(std::uint8_t i) const { return buf_[(head_ + i) & 7]; }

 private:
  std::uint8_t buf_[8]{};
  std::uint64_t ready_[8]{};
  std::uint8_t head_ = 0, size_ = 0, capacity_ = 6;
};

}  // namespace quartz
