#include "memory/bus.hpp"

#include <algorithm>
#include <cstring>

namespace quartz {

Bus::Bus(unsigned address_bits) : address_bits_(address_bits) {
  pages_.resize((std::size_t(1) << address_bits_) >> kPageBits);
  update_mask();
}

void Bus::update_mask() {
  addr_mask_ = (address_bits_ >= 32) ? 0xFFFFFFFFu : ((1u << address_bits_) - 1);
  // A20 gate: on a 24-bit bus with the gate closed, address line 20 reads as 0.
  if (!a20_ && address_bits_ > 20) addr_mask_ &= ~(1u << 20);
}

void Bus::set_a20(bool enabled) {
  a20_ = enabled;
  update_mask();
}

void Bus::map_ram(std::uint32_t base, std::uint32_t bytes) {
  bytes = (bytes + kPageSize - 1) & ~(kPageSize - 1);
  // RAM is one host array indexed by physical address so DMA and snapshots see it whole.
  std::uint32_t end = base + bytes;
  if (ram_.size() < end) ram_.resize(end, 0);
  for (std::uint32_t a = base; a < end; a += kPageSize) {
    Page& p = pages_[a >> kPageBits];
    p.read = p.write = ram_.data() + a;
    p.mmio = nullptr;
  }
  // ram_ may have moved: re-point every RAM page.
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    std::uint32_t a = std::uint32_t(i) << kPageBits;
    if (pages_[i].write && a < ram_.size()) pages_[i].read = pages_[i].write = ram_.data() + a;
  }
}

void Bus::map_rom(std::uint32_t base, std::span<const std::uint8_t> image) {
  std::uint32_t bytes = (std::uint32_t(image.size()) + kPageSize - 1) & ~(kPageSize - 1);
  auto rom = std::make_unique<std::uint8_t[]>(bytes);
  std::memset(rom.get(), 0xFF, bytes);
  std::memcpy(rom.get(), image.data(), image.size());
  for (std::uint32_t off = 0; off < bytes; off += kPageSize) {
    Page& p = pages_[((base + off) & ((1u << address_bits_) - 1)) >> kPageBits];
    p.read = rom.get() + off;
    p.write = nullptr;
    p.mmio = nullptr;
  }
  roms_.push_back(std::move(rom));
}

void Bus::map_mmio(std::uint32_t base, std::uint32_t bytes, MmioHandler* handler) {
  for (std::uint32_t off = 0; off < bytes; off += kPageSize) {
    Page& p = pages_[(base + off) >> kPageBits];
    p.read = p.write = nullptr;
    p.mmio = handler;
  }
}

void Bus::unmap(std::uint32_t base, std::uint32_t bytes) {
  for (std::uint32_t off = 0; off < bytes; off += kPageSize) {
    Page& p = pages_[(base + off) >> kPageBits];
    p.read = p.write = nullptr;
    p.mmio = nullptr;
  }
}

void Bus::set_mem_wait_states(std::uint32_t base, std::uint32_t bytes, std::uint8_t waits) {
  for (std::uint32_t off = 0; off < bytes; off += kPageSize)
    pages_[(base + off) >> kPageBits].wait_states = waits;
}

void Bus::map_io(std::uint16_t first, std::uint16_t last, IoHandler* handler) {
  for (std::uint32_t p = first; p <= last; ++p) io_[p] = handler;
}

void Bus::unmap_io(std::uint16_t first, std::uint16_t last) { map_io(first, last, nullptr); }

std::uint8_t Bus::read8_slow(std::uint32_t phys) {
  const Page& p = pages_[phys >> kPageBits];
  std::uint8_t v;
  if (p.read) {
    v = p.read[phys & (kPageSize - 1)];
  } else if (p.mmio) {
    p.mmio->mmio_sync(now());
    v = p.mmio->mmio_read(phys);
  } else {
    v = 0xFF;  // open bus: the ISA data lines float high
  }
  if (observer_ && (p.flags & kWatchRead)) observer_->on_mem_read(phys, v);
  return v;
}

void Bus::write8_slow(std::uint32_t phys, std::uint8_t v) {
  Page& p = pages_[phys >> kPageBits];
  if (observer_ && (p.flags & kWatchWrite)) observer_->on_mem_write(phys, v);
  if (p.write) {
    p.write[phys & (kPageSize - 1)] = v;
  } else if (p.mmio) {
    p.mmio->mmio_sync(now());
    p.mmio->mmio_write(phys, v);
  }
  if ((p.flags & kWatchCode) && code_listener_) code_listener_->on_code_write(phys);
}

std::uint8_t Bus::peek8(std::uint32_t phys) const {
  phys &= addr_mask_;
  const Page& p = pages_[phys >> kPageBits];
  if (p.read) return p.read[phys & (kPageSize - 1)];
  if (p.mmio) return p.mmio->mmio_peek(phys);
  return 0xFF;
}

void Bus::poke8(std::uint32_t phys, std::uint8_t v) {
  phys &= addr_mask_;
  Page& p = pages_[phys >> kPageBits];
  if (p.read) const_cast<std::uint8_t*>(p.read)[phys & (kPageSize - 1)] = v;
  else if (p.mmio) p.mmio->mmio_write(phys, v);
  if ((p.flags & kWatchCode) && code_listener_) code_listener_->on_code_write(phys);
}

std::uint8_t Bus::io_read8(std::uint16_t port) {
  std::uint8_t v = 0xFF;  // no responder: the data bus floats high
  if (IoHandler* h = io_[port]) {
    h->io_sync(now());
    v = h->io_read(port);
  }
  if (observer_) observer_->on_io_read(port, v);
  return v;
}

void Bus::io_write8(std::uint16_t port, std::uint8_t v) {
  if (observer_) observer_->on_io_write(port, v);
  if (IoHandler* h = io_[port]) {
    h->io_sync(now());
    h->io_write(port, v);
  }
}

std::uint16_t Bus::io_read16(std::uint16_t port) {
  IoHandler* h = io_[port];
  std::uint16_t next = std::uint16_t(port + 1);
  if (!(port & 1) && h && io_[next] == h) {
    h->io_sync(now());
    std::uint16_t v = h->io_read16(port);
    if (observer_) {
      observer_->on_io_read(port, std::uint8_t(v));
      observer_->on_io_read(next, std::uint8_t(v >> 8));
    }
    return v;
  }
  std::uint8_t lo = io_read8(port);
  std::uint8_t hi = io_read8(next);
  return std::uint16_t(lo | (hi << 8));
}

void Bus::io_write16(std::uint16_t port, std::uint16_t v) {
  IoHandler* h = io_[port];
  std::uint16_t next = std::uint16_t(port + 1);
  if (!(port & 1) && h && io_[next] == h) {
    if (observer_) {
      observer_->on_io_write(port, std::uint8_t(v));
      observer_->on_io_write(next, std::uint8_t(v >> 8));
    }
    h->io_sync(now());
    h->io_write16(port, v);
    return;
  }
  io_write8(port, std::uint8_t(v));
  io_write8(next, std::uint8_t(v >> 8));
}

void Bus::watch_code_page(std::uint32_t phys, bool on) {
  Page& p = pages_[(phys & addr_mask_) >> kPageBits];
  if (on) p.flags |= kWatchCode;
  else p.flags &= ~kWatchCode;
}

void Bus::watch_debug_page(std::uint32_t phys, bool read, bool write) {
  Page& p = pages_[(phys & addr_mask_) >> kPageBits];
  if (read) p.flags |= kWatchRead;
  if (write) p.flags |= kWatchWrite;
}

void Bus::clear_debug_watches() {
  for (Page& p : pages_) p.flags &= kWatchCode;
}

}  // namespace quartz
