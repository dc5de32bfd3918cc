#include "devices/dma_pair.hpp"

namespace quartz {

namespace {
// Page register port (low nibble) for each AT channel (IBM PC/AT Technical Reference,
// "DMA page registers").
constexpr std::array<std::uint8_t, 8> kPagePort = {0x7, 0x3, 0x1, 0x2, 0xF, 0xB, 0x9, 0xA};
}  // namespace

DmaPair::DmaPair(Bus& bus, bool at)
    : bus_(bus), at_(at), dma8_("dma1", 0x00, 0, false), dma16_("dma2", 0xC0, 1, true) {}

void DmaPair::reset() {
  dma8_.reset();
  dma16_.reset();
}

void DmaPair::map_ports(Bus& bus) {
  bus.map_io(0x00, 0x0F, this);
  if (at_) {
    bus.map_io(0x81, 0x8F, this);
    bus.map_io(0xC0, 0xDF, this);
  } else {
    bus.map_io(0x81, 0x83, this);
  }
}

std::uint8_t DmaPair::io_read(std::uint16_t port) {
  if (port <= 0x0F) return dma8_.io_read(port);
  if (at_ && port >= 0xC0 && port <= 0xDF) {
    std::uint8_t v = dma16_.io_read(port);
    // Controller 1's HRQ is controller 2's DREQ4: it shows in the status request bits.
    if ((port & 0xFE) == 0xD0 && dma8_.any_active()) v |= 0x10;
    return v;
  }
  if (port >= 0x80 && port <= 0x8F) {
    // The PC's 74LS670 page registers are write-only; the AT's 74LS612 reads back.
    return at_ ? pages_[port & 0x0F] : 0xFF;
  }
  return 0xFF;
}

void DmaPair::io_write(std::uint16_t port, std::uint8_t value) {
  if (port <= 0x0F) {
    dma8_.io_write(port, value);
  } else if (at_ && port >= 0xC0 && port <= 0xDF) {
    dma16_.io_write(port, value);
  } else if (port >= 0x80 && port <= 0x8F) {
    const unsigned idx = port & 0x0F;
    pages_[idx] = at_ ? value : std::uint8_t(value & 0x0F);  // PC: 4-bit registers, A19-A16
    for (unsigned ch = 0; ch < 8; ++ch) {
      if (kPagePort[ch] != idx) continue;
      if (ch < 4) {
        if (at_ || ch != 0) dma8_.set_page(ch, pages_[idx]);
      } else if (at_) {
        dma16_.set_page(ch - 4, pages_[idx]);
      }
    }
  }
}

void DmaPair::set_client(unsigned ch, DmaClient* client) {
  if (ch < 4) dma8_.set_client(ch, client);
  else dma16_.set_client(ch - 4, client);
}

void DmaPair::set_dreq(unsigned ch, bool level) {
  if (ch < 4) dma8_.set_dreq(ch, level);
  else dma16_.set_dreq(ch - 4, level);
}

bool DmaPair::cascade_open() const {
  if (!at_) return true;
  // Controller 1's hold request enters controller 2 as DREQ4: it is only granted when
  // channel 4 is in cascade mode, unmasked, and controller 2 is enabled.
  return !(dma16_.command() & Dma8237::kCmdDisable) && !dma16_.masked(0) &&
         dma16_.channel(0).mode_select() == Dma8237::kCascade;
}

bool DmaPair::pending() const {
  return (cascade_open() && dma8_.any_active()) || (at_ && dma16_.any_active());
}

unsigned DmaPair::service(unsigned max_transfers) {
  unsigned done = 0;
  // Channel 4 (the cascade) has the highest priority on controller 2, so channels 0-3 go
  // first.
  if (cascade_open()) done += dma8_.service(bus_, max_transfers);
  if (at_ && done < max_transfers) done += dma16_.service(bus_, max_transfers - done);
  return done;
}

}  // namespace quartz
