#pragma once
// Intel 8259A Programmable Interrupt Controller (one chip). Ports: A0 = 0 (20h / A0h on the
// PC/AT) takes ICW1, OCW2, OCW3 and reads IRR/ISR/poll; A0 = 1 (21h / A1h) takes ICW2-ICW4
// and OCW1 and reads the IMR. The chip has no clock of its own: every change is immediate.
//
// Wiring: ir(n) is the IRn input pin (an IrqLine); the INT output goes to an IrqLine given
// to connect_int() (the CPU's INTR pin through the board, or the master's IRn for a slave)
// and can be read with intr(). The two INTA pulses are inta_first()/inta_second(); a single
// chip can use acknowledge(), a cascade goes through PicPair::acknowledge().
#include <array>
#include <cstdint>
#include <string_view>

#include "devices/device.hpp"

namespace quartz {

class Pic : public IoDevice {
 public:
  // sp_en_master: level of the SP/EN pin in non-buffered mode (high = master).
  explicit Pic(bool sp_en_master = true);

  std::string_view name() const override { return "8259A"; }
  void reset() override;
  void sync(Tick) override {}

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  // --- pins -----------------------------------------------------------------------------
  IrqLine& ir(int n) { return inputs_[n]; }
  bool intr() const { return int_; }
  void connect_int(IrqLine* line);

  // First INTA pulse: the highest-priority unmasked request goes in service (ISR set, its
  // IRR edge latch cleared). When the request has vanished the chip answers as IR7 without
  // setting ISR (a spurious interrupt, datasheet "Interrupt Sequence" note).
  struct Ack {
    int level = 7;
    bool spurious = true;
  };
  Ack inta_first();
  // Second INTA pulse: the vector byte (8086 mode: ICW2 T7-T3 | level); performs the
  // automatic EOI when ICW4 AEOI is set.
  std::uint8_t inta_second(const Ack& ack);
  // Both pulses on a chip that is not a cascade master.
  std::uint8_t acknowledge();

  // --- state (debugger, tests, PicPair) -------------------------------------------------
  std::uint8_t irr() const;
  std::uint8_t isr() const { return isr_; }
  std::uint8_t imr() const { return imr_; }
  std::uint8_t icw1() const { return icw1_; }
  std::uint8_t icw2() const { return icw2_; }
  std::uint8_t icw3() const { return icw3_; }
  std::uint8_t icw4() const { return icw4_; }
  std::uint8_t lowest_priority() const { return lowest_; }
  bool initialized() const { return init_step_ == 0; }
  bool special_mask_mode() const { return smm_; }
  bool level_triggered() const { return icw1_ & kLtim; }
  bool auto_eoi() const { return icw4_ & kAeoi; }
  bool cascade_mode() const { return !(icw1_ & kSngl); }
  bool is_master() const;
  // True when this chip is a cascade master and IR `level` has a slave (ICW3 bit).
  bool slave_on(int level) const;
  // A slave's cascade address (ICW3 ID2-ID0).
  int slave_id() const { return icw3_ & 7; }

 private:
  // ICW1 / ICW4 bits (datasheet Figure "Initialization Command Word Format").
  static constexpr std::uint8_t kIc4 = 0x01, kSngl = 0x02, kLtim = 0x08;
  static constexpr std::uint8_t kUpm = 0x01, kAeoi = 0x02, kMs = 0x04, kBuf = 0x08,
                                kSfnm = 0x10;

  class Input : public IrqLine {
   public:
    void set_level(bool high) override { pic->set_ir(n, high); }
    Pic* pic = nullptr;
    int n = 0;
  };

  void set_ir(int n, bool high);
  int highest_request() const;
  int highest_in_service() const;
  void update_int();
  void write_icw1(std::uint8_t v);
  void write_ocw2(std::uint8_t v);
  void write_ocw3(std::uint8_t v);
  std::uint8_t poll();

  std::array<Input, 8> inputs_{};
  IrqLine* int_line_ = nullptr;
  bool sp_en_master_;

  std::uint8_t level_ = 0;       // IR pin levels
  std::uint8_t edge_latch_ = 0;  // edge-sense latches (edge-triggered mode)
  std::uint8_t isr_ = 0;
  std::uint8_t imr_ = 0;
  std::uint8_t icw1_ = 0, icw2_ = 0, icw3_ = 0, icw4_ = 0;
  int init_step_ = -1;  // next ICW on A0 = 1 (2, 3, 4), 0 initialized, -1 never initialized
  std::uint8_t lowest_ = 7;
  bool read_isr_ = false;  // OCW3 RIS: port A0 = 0 reads ISR instead of IRR
  bool poll_ = false;      // OCW3 P: the next read is a poll
  bool smm_ = false;       // special mask mode
  bool rotate_aeoi_ = false;
  bool int_ = false;
};

}  // namespace quartz
