#pragma once
// The PC/AT interrupt controller pair: a master 8259A at ports 20h-21h and a slave at
// A0h-A1h whose INT output drives the master's IR2 (IBM PC/AT Technical Reference, System
// Board). The PC/XT preset uses the master alone (cascade = false); irq(8..15) then go to a
// slave that nothing listens to.
//
// The board maps the two chips' ports itself (master() and slave() are IoDevices), connects
// the master's INT to the CPU's INTR with connect_int(), and answers the CPU's INTA cycles
// with acknowledge().
#include <cstdint>

#include "devices/pic.hpp"

namespace quartz {

class PicPair {
 public:
  static constexpr int kCascadeIr = 2;

  explicit PicPair(bool cascade = true);
  PicPair(const PicPair&) = delete;
  PicPair& operator=(const PicPair&) = delete;

  void reset();

  Pic& master() { return master_; }
  Pic& slave() { return slave_; }
  const Pic& master() const { return master_; }
  const Pic& slave() const { return slave_; }
  bool cascade() const { return cascade_; }

  // IRQ 0-7 are master IR0-7, IRQ 8-15 slave IR0-7.
  IrqLine& irq(int n) { return n < 8 ? master_.ir(n) : slave_.ir(n - 8); }

  bool intr() const { return master_.intr(); }
  void connect_int(IrqLine* line) { master_.connect_int(line); }

  // The two INTA bus cycles: returns the vector. When the master acknowledges an IR with a
  // slave (ICW3), the slave whose ID matches the cascade address supplies the vector (its
  // own IR7 vector if its request vanished: spurious IRQ 15). A vanished master request
  // yields the master's IR7 vector (spurious IRQ 7) with no ISR bit set.
  std::uint8_t acknowledge();

 private:
  bool cascade_;
  Pic master_{true};
  Pic slave_{false};
};

}  // namespace quartz
