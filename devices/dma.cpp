#include "devices/dma.hpp"

namespace quartz {

Dma8237::Dma8237(std::string name, std::uint16_t port_base, unsigned port_shift, bool word_mode)
    : name_(std::move(name)), port_base_(port_base), port_shift_(port_shift), word_mode_(word_mode) {
  master_clear();
}

void Dma8237::master_clear() {
  // Datasheet "Master Clear": clears command, status, request and temporary registers and
  // the byte-pointer flip-flop, and sets the four mask bits. Mode and address registers keep
  // their contents.
  command_ = 0;
  tc_ = 0;
  sw_request_ = 0;
  temporary_ = 0;
  flip_flop_ = false;
  mask_ = 0x0F;
  last_serviced_ = 3;
}

std::uint8_t Dma8237::status() const {
  std::uint8_t req = sw_request_;
  for (unsigned i = 0; i < 4; ++i)
    if (ch_[i].dreq) req |= std::uint8_t(1u << i);
  return std::uint8_t(tc_ | (req << 4));
}

std::uint8_t Dma8237::io_read(std::uint16_t port) {
  const unsigned reg = ((port - port_base_) >> port_shift_) & 0x0F;
  if (reg < 8) {
    const Channel& c = ch_[reg >> 1];
    // Reads return the *current* address / count (datasheet "Read current address/word count").
    const std::uint16_t v = (reg & 1) ? c.current_count : c.current_address;
    const std::uint8_t byte = flip_flop_ ? std::uint8_t(v >> 8) : std::uint8_t(v);
    flip_flop_ = !flip_flop_;
    return byte;
  }
  switch (reg) {
    case kStatusCommand: {
      const std::uint8_t s = status();
      tc_ = 0;  // TC bits are cleared by a status read
      return s;
    }
    case kTempMasterClear:
      return temporary_;
    default:
      return 0xFF;  // not readable on the 8237A
  }
}

void Dma8237::io_write(std::uint16_t port, std::uint8_t value) {
  const unsigned reg = ((port - port_base_) >> port_shift_) & 0x0F;
  if (reg < 8) {
    Channel& c = ch_[reg >> 1];
    // A write loads both the base and the current register (datasheet "Base and current
    // address/word count registers").
    std::uint16_t& base = (reg & 1) ? c.base_count : c.base_address;
    std::uint16_t& cur = (reg & 1) ? c.current_count : c.current_address;
    base = flip_flop_ ? std::uint16_t((base & 0x00FF) | (value << 8))
                      : std::uint16_t((base & 0xFF00) | value);
    cur = base;
    flip_flop_ = !flip_flop_;
    return;
  }
  switch (reg) {
    case kStatusCommand: command_ = value; break;
    case kRequest: {
      const std::uint8_t bit = std::uint8_t(1u << (value & 3));
      sw_request_ = (value & 4) ? std::uint8_t(sw_request_ | bit) : std::uint8_t(sw_request_ & ~bit);
      break;
    }
    case kSingleMask: {
      const std::uint8_t bit = std::uint8_t(1u << (value & 3));
      mask_ = (value & 4) ? std::uint8_t(mask_ | bit) : std::uint8_t(mask_ & ~bit);
      break;
    }
    case kMode: ch_[value & 3].mode = value & 0xFC; break;
    case kClearFlipFlop: flip_flop_ = false; break;
    case kTempMasterClear: master_clear(); break;
    case kClearMask: mask_ = 0; break;
    case kAllMask: mask_ = value & 0x0F; break;
    default: break;
  }
}

bool Dma8237::channel_active(unsigned ch) const {
  ch &= 3;
  if (command_ & kCmdDisable) return false;
  const Channel& c = ch_[ch];
  if (c.mode_select() == kCascade) return false;
  // Software requests are not maskable (datasheet "Request register"); DREQ is.
  if (sw_request_ & (1u << ch)) return true;
  return c.dreq && !masked(ch);
}

bool Dma8237::any_active() const {
  for (unsigned i = 0; i < 4; ++i)
    if (channel_active(i)) return true;
  return false;
}

std::uint32_t Dma8237::next_address(unsigned ch) const {
  const Channel& c = ch_[ch & 3];
  if (word_mode_) {
    // AT 16-bit channels: A16-A1 from the address register, A23-A17 from page bits 7-1.
    return (std::uint32_t(c.page & 0xFE) << 16) | (std::uint32_t(c.current_address) << 1);
  }
  return (std::uint32_t(c.page) << 16) | c.current_address;
}

void Dma8237::finish_tc(unsigned ch) {
  Channel& c = ch_[ch];
  tc_ |= std::uint8_t(1u << ch);
  sw_request_ &= std::uint8_t(~(1u << ch));
  if (c.autoinit()) {
    // Autoinitialize (datasheet): the current registers are reloaded from the base
    // registers and the channel stays unmasked.
    c.current_address = c.base_address;
    c.current_count = c.base_count;
  } else {
    mask_ |= std::uint8_t(1u << ch);
  }
  if (c.client) c.client->dma_terminal_count();
}

bool Dma8237::mem_to_mem_transfer(Bus& bus) {
  // Datasheet "Memory-to-memory": channel 0 reads a byte into the temporary register,
  // channel 1 writes it; channel 1's word count ends the transfer. Command bit 1 holds
  // channel 0's address (block fill).
  Channel& src = ch_[0];
  Channel& dst = ch_[1];
  temporary_ = bus.read8(next_address(0));
  bus.write8(next_address(1), temporary_);
  if (!(command_ & kCmdAddressHold))
    src.current_address = std::uint16_t(src.decrement() ? src.current_address - 1 : src.current_address + 1);
  dst.current_address = std::uint16_t(dst.decrement() ? dst.current_address - 1 : dst.current_address + 1);
  src.current_count = std::uint16_t(src.current_count - 1);
  const bool tc = dst.current_count == 0;
  dst.current_count = std::uint16_t(dst.current_count - 1);
  if (tc) {
    sw_request_ &= std::uint8_t(~1u);
    finish_tc(1);
  }
  return tc;
}

unsigned Dma8237::pick_channel() const {
  // Fixed priority: channel 0 highest. Rotating priority (command bit 4): the channel
  // after the one last serviced is the highest.
  const unsigned first = (command_ & kCmdRotating) ? (last_serviced_ + 1) & 3 : 0;
  for (unsigned k = 0; k < 4; ++k) {
    const unsigned i = (first + k) & 3;
    if (channel_active(i)) return i;
  }
  return 4;
}

bool Dma8237::transfer(Bus& bus, unsigned ch) {
  Channel& c = ch_[ch & 3];
  const std::uint32_t addr = next_address(ch);
  const unsigned bytes = word_mode_ ? 2 : 1;
  for (unsigned i = 0; i < bytes; ++i) {
    switch (c.transfer_type()) {
      case kWrite: {  // I/O device -> memory
        const std::uint8_t v = c.client ? c.client->dma_read() : 0xFF;
        bus.write8(addr + i, v);
        break;
      }
      case kRead: {  // memory -> I/O device
        const std::uint8_t v = bus.read8(addr + i);
        if (c.client) c.client->dma_write(v);
        break;
      }
      default:  // verify (and the illegal type): addresses and counts run, no memory access
        if (c.client) c.client->dma_read();
        break;
    }
  }
  c.current_address = std::uint16_t(c.decrement() ? c.current_address - 1 : c.current_address + 1);
  // TC is reached when the word count rolls over from 0000h to FFFFh (datasheet: the
  // count programmed is one less than the number of transfers).
  const bool tc = c.current_count == 0;
  c.current_count = std::uint16_t(c.current_count - 1);
  if (tc) finish_tc(ch & 3);
  return tc;
}

unsigned Dma8237::service(Bus& bus, unsigned max_transfers) {
  unsigned done = 0;
  while (done < max_transfers) {
    if ((command_ & kCmdMemToMem) && (sw_request_ & 1) && !(command_ & kCmdDisable)) {
      while (done < max_transfers) {
        ++done;
        if (mem_to_mem_transfer(bus)) break;
      }
      continue;
    }
    const unsigned ch = pick_channel();
    if (ch == 4) break;
    last_serviced_ = ch;
    const Mode mode = ch_[ch].mode_select();
    const bool software = sw_request_ & (1u << ch);
    // Block mode (and software requests) keep the bus until TC; demand mode while DREQ is
    // held; single mode gives the bus up after each transfer, so re-arbitrate every time.
    bool tc = false;
    do {
      tc = transfer(bus, ch);
      ++done;
    } while (!tc && done < max_transfers &&
             ((mode == kBlock || software) ||
              (mode == kDemand && ch_[ch].dreq && !(command_ & kCmdDisable))));
  }
  return done;
}

}  // namespace quartz
