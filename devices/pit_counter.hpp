#pragma once
// One counter of the 8254/8253 (Intel 8254 datasheet, "Operational Description"): the count
// register CR (written by the CPU), the counting element CE, the output latch OL, the status
// latch, and the OUT/GATE pins. It knows nothing of master ticks: the Pit feeds it CLK pulses.
//
// Clocking is split so that long intervals cost O(1): clocks_to_event() says how many CLK
// pulses pass before one that does more than a plain decrement (a load, a trigger, a reload,
// an OUT edge); coast(k) applies k plain pulses arithmetically and step() applies exactly one
// pulse with all its side effects.
#include <cstdint>

namespace quartz {

class PitCounter {
 public:
  static constexpr std::uint64_t kNoEvent = ~std::uint64_t(0);

  PitCounter() { write_control(0x30); }
  void reset();
  // The 8253 and 8254 datasheets describe mode 3 with odd counts differently (the OUT
  // waveform is the same, the CE values a read returns differ); see step().
  void set_8253(bool is_8253) { i8253_ = is_8253; }
  bool is_8253() const { return i8253_; }

  // --- CPU side -------------------------------------------------------------------------
  // Control word bits 5-0 (RW1 RW0 M2 M1 M0 BCD) with RW != 00.
  void write_control(std::uint8_t cw);
  void latch_count();   // counter latch command (RW = 00) or read-back with COUNT# = 0
  void latch_status();  // read-back with STATUS# = 0 (8254 only)
  void write_count_byte(std::uint8_t v);
  std::uint8_t read_byte();

  // --- pins -----------------------------------------------------------------------------
  void set_gate(bool level);
  bool gate() const { return gate_; }
  bool out() const { return out_; }

  // --- clocking -------------------------------------------------------------------------
  std::uint64_t clocks_to_event() const;
  void coast(std::uint64_t clocks);
  void step();
  // Clocks after which the counter returns to the same state with no programmed change
  // pending (modes 2 and 3 running freely), or 0 when it is not periodic.
  std::uint64_t steady_period() const;
  // `clocks` CLK pulses in O(1) (no one is told about OUT edges in between).
  void advance(std::uint64_t clocks);

  // --- observation (debugger, tests) ----------------------------------------------------
  std::uint16_t count() const;  // CE as a read would return it (BCD-encoded in BCD mode)
  std::uint8_t mode() const { return mode_; }
  std::uint8_t rw_mode() const { return rw_mode_; }
  bool bcd() const { return bcd_; }
  bool null_count() const { return null_count_; }
  std::uint8_t status() const;  // the status byte as read-back would latch it now
  std::uint16_t count_register() const { return cr_; }

 private:
  std::uint32_t modulus() const { return bcd_ ? 10000u : 65536u; }
  // The count written to CR as a plain number (0 stands for the modulus: 65536 or 10^4).
  std::uint32_t initial_count() const;
  std::uint32_t ce_value() const { return ce_ == 0 ? modulus() : ce_; }
  void load_ce();
  void load_ce_mode3();
  std::uint32_t mode3_value() const;
  void decrement(std::uint64_t k);
  bool counting() const;

  // Programming.
  std::uint8_t control_ = 0;  // RW1 RW0 M2 M1 M0 BCD as written
  std::uint8_t mode_ = 0;     // 0-5 (modes 6 and 7 alias 2 and 3)
  std::uint8_t rw_mode_ = 3;  // 1 LSB, 2 MSB, 3 LSB then MSB
  bool bcd_ = false;
  std::uint16_t cr_ = 0;
  std::uint8_t cr_lsb_ = 0;
  bool cr_valid_ = false;        // a count was written since the control word
  bool write_msb_next_ = false;  // write flip-flop (LSB then MSB)
  bool read_msb_next_ = false;   // read flip-flop

  // Counting element and its control logic.
  std::uint32_t ce_ = 0;  // plain number in [0, modulus)
  bool out_ = false;
  bool gate_ = true;
  bool load_pending_ = false;     // CR -> CE on the next CLK pulse
  bool trigger_pending_ = false;  // GATE rising edge seen, acted on at the next CLK pulse
  bool counting_enabled_ = true;  // mode 0: false between the two bytes of a new count
  bool running_ = false;          // CE holds a loaded count and is counting
  bool armed_ = false;            // modes 0/1/4/5: the terminal count still has to act on OUT
  bool null_count_ = true;
  bool i8253_ = false;
  // 8254 mode 3 with an odd count: CE holds N-1 and counts by two; at the end of the high
  // half CE sits at 0 for one pulse ("expired") before OUT goes low.
  bool odd_ = false;
  bool expired_ = false;

  // Latches.
  std::uint16_t ol_ = 0;
  bool ol_valid_ = false;
  std::uint8_t status_ = 0;
  bool status_latched_ = false;
};

}  // namespace quartz
