#pragma once
// The board's interrupt request lines IRQ0-IRQ15 as the chips see them (IrqLine). The
// board routes each line to the interrupt controller input it is wired to (PC: one 8259A,
// IR0-7; AT: master IR0-7 and slave IR0-7 = IRQ8-15, cascaded on master IR2), and keeps the
// electrical level for the debugger.
#include <array>
#include <cstdint>
#include <functional>

#include "devices/device.hpp"

namespace quartz {

class IrqLines {
 public:
  static constexpr unsigned kCount = 16;
  using Sink = std::function<void(unsigned irq, bool level)>;

  IrqLines() {
    for (unsigned i = 0; i < kCount; ++i) lines_[i].init(this, i);
  }
  IrqLines(const IrqLines&) = delete;
  IrqLines& operator=(const IrqLines&) = delete;

  IrqLine& line(unsigned irq) { return lines_[irq & 15]; }
  bool level(unsigned irq) const { return levels_ & (1u << (irq & 15)); }
  std::uint16_t levels() const { return levels_; }
  // Where a level change goes (the interrupt controller input).
  void set_sink(Sink sink) { sink_ = std::move(sink); }

 private:
  class Line final : public IrqLine {
   public:
    void init(IrqLines* owner, unsigned n) {
      owner_ = owner;
      n_ = n;
    }
    void set_level(bool high) override { owner_->changed(n_, high); }

   private:
    IrqLines* owner_ = nullptr;
    unsigned n_ = 0;
  };

  void changed(unsigned n, bool high) {
    const std::uint16_t bit = std::uint16_t(1u << n);
    levels_ = high ? (levels_ | bit) : (levels_ & ~bit);
    if (sink_) sink_(n, high);
  }

  std::array<Line, kCount> lines_;
  std::uint16_t levels_ = 0;
  Sink sink_;
};

}  // namespace quartz
