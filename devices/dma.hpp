#pragma once
// Intel 8237A programmable DMA controller (one chip, four channels). Register set and
// behaviour from the 8237A datasheet: per-channel base/current address and word count
// (16-bit, loaded one byte at a time through the byte-pointer flip-flop), mode register
// (transfer type, autoinitialize, address decrement, demand/single/block/cascade),
// command, request, mask (single bit and all bits), status (TC bits cleared on read,
// request bits), temporary register, master clear and clear-mask commands.
//
// Transfers are performed when the board calls service(): each granted cycle moves one
// byte (or one word on the AT's 16-bit controller) between a DmaClient and the Bus. The
// high address bits come from external page registers (74LS612 on the AT) set with
// set_page(). Memory-to-memory transfers (command bit 0: channel 0 source, channel 1
// destination, started by a software request on channel 0, through the temporary register)
// and rotating priority (command bit 4) are supported. Not modelled: transfer timing, DREQ /
// DACK polarity (command bits 6-7: requests are always "asserted" / "not asserted").
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "devices/device.hpp"
#include "memory/bus.hpp"

namespace quartz {

class Dma8237 : public IoDevice {
 public:
  // Register offsets (datasheet "Word count and address register command codes" and
  // "Software commands").
  enum Reg : std::uint8_t {
    kStatusCommand = 0x8, kRequest = 0x9, kSingleMask = 0xA, kMode = 0xB,
    kClearFlipFlop = 0xC, kTempMasterClear = 0xD, kClearMask = 0xE, kAllMask = 0xF,
  };
  // Mode register fields.
  enum TransferType : std::uint8_t { kVerify = 0, kWrite = 1, kRead = 2, kIllegal = 3 };
  enum Mode : std::uint8_t { kDemand = 0, kSingle = 1, kBlock = 2, kCascade = 3 };
  // Command register bits.
  static constexpr std::uint8_t kCmdMemToMem = 0x01, kCmdAddressHold = 0x02,
                                kCmdDisable = 0x04, kCmdRotating = 0x10;

  struct Channel {
    std::uint16_t base_address = 0, current_address = 0;
    std::uint16_t base_count = 0, current_count = 0;
    std::uint8_t mode = 0;  // raw mode register bits 7-2
    std::uint8_t page = 0;  // external page register (A23-A16)
    bool dreq = false;      // hardware request line
    DmaClient* client = nullptr;

    TransferType transfer_type() const { return TransferType((mode >> 2) & 3); }
    bool autoinit() const { return mode & 0x10; }
    bool decrement() const { return mode & 0x20; }
    Mode mode_select() const { return Mode(mode >> 6); }
  };

  // port_base: first port; port_shift: 0 when registers are on consecutive ports (00-0Fh),
  // 1 when only even ports decode (the AT's second controller at C0-DEh). word_mode: the
  // controller moves 16-bit words and its addresses count words (AT channels 4-7).
  Dma8237(std::string name, std::uint16_t port_base, unsigned port_shift, bool word_mode);

  std::string_view name() const override { return name_; }
  void reset() override { master_clear(); }
  void sync(Tick /*now*/) override {}

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  void set_client(unsigned ch, DmaClient* client) { ch_[ch & 3].client = client; }
  void set_dreq(unsigned ch, bool level) { ch_[ch & 3].dreq = level; }
  void request(unsigned ch, bool level) { set_dreq(ch, level); }
  void set_page(unsigned ch, std::uint8_t page) { ch_[ch & 3].page = page; }

  // A channel wants service: request (DREQ or software request bit) and not masked, the
  // controller enabled, and not a cascade channel.
  bool channel_active(unsigned ch) const;
  bool any_active() const;
  // Perform transfers through `bus`, at most `max_transfers`. Returns the number done.
  unsigned service(Bus& bus, unsigned max_transfers = 65536);
  // One transfer cycle on channel `ch` (used by service); true when it reached TC.
  bool transfer(Bus& bus, unsigned ch);

  // Debugger / board view.
  const Channel& channel(unsigned ch) const { return ch_[ch & 3]; }
  std::uint8_t command() const { return command_; }
  std::uint8_t mask() const { return mask_; }
  std::uint8_t status() const;
  bool masked(unsigned ch) const { return mask_ & (1u << (ch & 3)); }
  bool word_mode() const { return word_mode_; }
  // Physical address the channel would access next.
  std::uint32_t next_address(unsigned ch) const;

 private:
  void master_clear();
  bool mem_to_mem_transfer(Bus& bus);
  void finish_tc(unsigned ch);
  unsigned pick_channel() const;

  std::string name_;
  std::uint16_t port_base_;
  unsigned port_shift_;
  bool word_mode_;
  std::array<Channel, 4> ch_{};
  std::uint8_t command_ = 0;
  std::uint8_t mask_ = 0x0F;
  std::uint8_t tc_ = 0;           // status bits 3-0
  std::uint8_t sw_request_ = 0;   // request register bits
  std::uint8_t temporary_ = 0;
  bool flip_flop_ = false;        // false: next byte is the low byte
  unsigned last_serviced_ = 3;    // rotating priority: this channel is now the lowest
};

}  // namespace quartz
