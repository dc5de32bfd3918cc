#pragma once
// The Bus: the physical address space and the I/O port space that every CPU, DMA and
// debugger access goes through. Memory is mapped in 4 KiB pages; a page is backed by host
// memory (RAM or ROM, fast path) or by an MmioHandler (slow path). Per-page flags route a
// write to the slow path when cached decoded code or a debugger watch covers the page.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "memory/clock.hpp"
#include "memory/io_handler.hpp"

namespace quartz {

// Something that tells the bus the current master-clock time (the machine, from the CPU's
// cycle counter). Only consulted on I/O and MMIO accesses.
class TimeSource {
 public:
  virtual ~TimeSource() = default;
  virtual Tick now() const = 0;
};

// Told about a write to a page that holds cached decoded instructions (self-modifying code).
class CodeWriteListener {
 public:
  virtual ~CodeWriteListener() = default;
  virtual void on_code_write(std::uint32_t phys) = 0;
};

// Debugger hooks (cold path: consulted only when installed / when a page is watched).
class BusObserver {
 public:
  virtual ~BusObserver() = default;
  virtual void on_mem_read(std::uint32_t /*phys*/, std::uint8_t /*value*/) {}
  virtual void on_mem_write(std::uint32_t /*phys*/, std::uint8_t /*value*/) {}
  virtual void on_io_read(std::uint16_t /*port*/, std::uint8_t /*value*/) {}
  virtual void on_io_write(std::uint16_t /*port*/, std::uint8_t /*value*/) {}
};

class Bus {
 public:
  static constexpr unsigned kPageBits = 12;
  static constexpr std::uint32_t kPageSize = 1u << kPageBits;

  // address_bits: 20 for the 8086/8088 (wraps at 1 MiB), 24 for the 80286.
  explicit Bus(unsigned address_bits = 20);

  unsigned address_bits() const { return address_bits_; }
  std::uint32_t address_mask() const { return addr_mask_; }

  // --- mapping -----------------------------------------------------------------------
  // RAM from physical 0 up to `bytes` (rounded up to a page), plus an optional region
  // above 1 MiB on AT-class machines. Contents start zeroed.
  void map_ram(std::uint32_t base, std::uint32_t bytes);
  // A ROM image at `base`; writes are ignored (as on a real board).
  void map_rom(std::uint32_t base, std::span<const std::uint8_t> image);
  // Route [base, base+bytes) to a handler (e.g. the VGA window A0000-BFFFF).
  void map_mmio(std::uint32_t base, std::uint32_t bytes, MmioHandler* handler);
  void unmap(std::uint32_t base, std::uint32_t bytes);

  // The A20 gate (8042 output port bit 1, port 92h bit 1). When disabled on a 24-bit bus,
  // address line 20 is forced low, reproducing the 8086 wrap at 1 MiB.
  void set_a20(bool enabled);
  bool a20() const { return a20_; }

  // --- wait states (charged by the CPU's bus interface per bus cycle) -----------------
  void set_mem_wait_states(std::uint32_t base, std::uint32_t bytes, std::uint8_t waits);
  std::uint8_t mem_wait_states(std::uint32_t phys) const {
    return pages_[(phys & addr_mask_) >> kPageBits].wait_states;
  }
  void set_io_wait_states(std::uint8_t waits) { io_wait_states_ = waits; }
  std::uint8_t io_wait_states() const { return io_wait_states_; }

  // --- I/O ports --------------------------------------------------------------------
  void map_io(std::uint16_t first, std::uint16_t last, IoHandler* handler);
  void unmap_io(std::uint16_t first, std::uint16_t last);
  IoHandler* io_handler(std::uint16_t port) const { return io_[port]; }

  // --- accesses ---------------------------------------------------------------------
  std::uint8_t read8(std::uint32_t phys) {
    phys &= addr_mask_;
    const Page& p = pages_[phys >> kPageBits];
    if (p.read && !(p.flags & kWatchRead)) [[likely]]
      return p.read[phys & (kPageSize - 1)];
    return read8_slow(phys);
  }
  void write8(std::uint32_t phys, std::uint8_t v) {
    phys &= addr_mask_;
    Page& p = pages_[phys >> kPageBits];
    if (p.write && !p.flags) [[likely]] {
      p.write[phys & (kPageSize - 1)] = v;
      return;
    }
    write8_slow(phys, v);
  }
  // Side-effect-free read for debuggers and disassemblers (MMIO answers via peek()).
  std::uint8_t peek8(std::uint32_t phys) const;
  // Debugger/loader write: bypasses ROM protection, still invalidates cached code.
  void poke8(std::uint32_t phys, std::uint8_t v);

  std::uint8_t io_read8(std::uint16_t port);
  void io_write8(std::uint16_t port, std::uint8_t v);
  // Word I/O (IN AX,DX / OUT DX,AX and the string forms). At an even port whose two byte
  // ports belong to the same handler, one IoHandler::io_read16/io_write16 call (a 16-bit
  // device such as the ATA data register sees one word cycle); otherwise two byte accesses,
  // low byte first.
  std::uint16_t io_read16(std::uint16_t port);
  void io_write16(std::uint16_t port, std::uint16_t v);

  // --- decode-cache support -----------------------------------------------------------
  void set_code_write_listener(CodeWriteListener* l) { code_listener_ = l; }
  // Mark/unmark the page holding `phys` as containing cached decoded code.
  void watch_code_page(std::uint32_t phys, bool on);
  bool code_page_watched(std::uint32_t phys) const {
    return pages_[(phys & addr_mask_) >> kPageBits].flags & kWatchCode;
  }

  // --- debugger support ---------------------------------------------------------------
  void set_observer(BusObserver* o) { observer_ = o; }
  // Route reads/writes of the page holding `phys` through the observer.
  void watch_debug_page(std::uint32_t phys, bool read, bool write);
  void clear_debug_watches();

  void set_time_source(const TimeSource* t) { time_ = t; }
  Tick now() const { return time_ ? time_->now() : 0; }

  // Direct host pointer to RAM (for DMA bursts, snapshots, loaders). May be null.
  std::uint8_t* ram() { return ram_.data(); }
  std::uint32_t ram_size() const { return std::uint32_t(ram_.size()); }

 private:
  enum : std::uint8_t { kWatchCode = 1, kWatchRead = 2, kWatchWrite = 4 };
  struct Page {
    std::uint8_t* read = nullptr;   // host memory for reads (null: MMIO or unmapped)
    std::uint8_t* write = nullptr;  // host memory for writes (null: ROM, MMIO, unmapped)
    MmioHandler* mmio = nullptr;
    std::uint8_t flags = 0;
    std::uint8_t wait_states = 0;
  };

  std::uint8_t read8_slow(std::uint32_t phys);
  void write8_slow(std::uint32_t phys, std::uint8_t v);
  void update_mask();

  unsigned address_bits_;
  std::uint32_t addr_mask_ = 0;
  bool a20_ = true;
  std::vector<Page> pages_;
  std::vector<std::uint8_t> ram_;
  std::vector<std::unique_ptr<std::uint8_t[]>> roms_;
  std::array<IoHandler*, 65536> io_{};
  std::uint8_t io_wait_states_ = 0;
  CodeWriteListener* code_listener_ = nullptr;
  BusObserver* observer_ = nullptr;
  const TimeSource* time_ = nullptr;
};

}  // namespace quartz
