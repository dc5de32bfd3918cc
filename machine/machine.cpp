#include "machine/machine.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/core.h>

namespace quartz {

// A chip registered with the board and its scheduler event.
struct Machine::Attached {
  Device* device = nullptr;
  Scheduler::EventId event = 0;
};

// Routes a chip's ports through the board: the access itself goes straight to the chip
// (the Bus already synced it); afterwards the board re-reads the chips' deadlines, since a
// write (new PIT count, IDE command) or a read (status read clearing an interrupt) can move
// them.
class Machine::BoardPort final : public IoHandler {
 public:
  BoardPort(Machine& m, IoHandler& inner) : m_(m), inner_(inner) {}
  void io_sync(Tick now) override { inner_.io_sync(now); }
  std::uint8_t io_read(std::uint16_t port) override {
    std::uint8_t v = inner_.io_read(port);
    m_.on_device_io();
    return v;
  }
  void io_write(std::uint16_t port, std::uint8_t value) override {
    inner_.io_write(port, value);
    m_.on_device_io();
  }
  // Word ports (the ATA data register) keep their native 16-bit path.
  std::uint16_t io_read16(std::uint16_t port) override {
    std::uint16_t v = inner_.io_read16(port);
    m_.on_device_io();
    return v;
  }
  void io_write16(std::uint16_t port, std::uint16_t value) override {
    inner_.io_write16(port, value);
    m_.on_device_io();
  }

 private:
  Machine& m_;
  IoHandler& inner_;
};

// The PIC's INT output, wired to the CPU's INTR pin.
class Machine::IntrPin final : public IrqLine {
 public:
  explicit IntrPin(Machine& m) : m_(m) {}
  void set_level(bool high) override {
    level = high;
    if (m_.cpu_) m_.cpu_->set_intr(high);
  }
  bool level = false;

 private:
  Machine& m_;
};

// The CPU's two INTA cycles, answered by the interrupt controller(s).
class Machine::InterruptAck final : public InterruptAcknowledge {
 public:
  InterruptAck(Machine& m, PicPair& pics) : machine_(m), pics_(pics) {}
  // The INTA cycles happen clocks after INTR was sampled; an IR input that fell in between
  // (8259A datasheet, "Interrupt sequence": the request must stay high until the first INTA
  // pulse) must be seen by the PIC, so bring due device events up to this T-state first.
  std::uint8_t acknowledge() override {
    machine_.scheduler_.run_due(machine_.now());
    return pics_.acknowledge();
  }

 private:
  Machine& machine_;
  PicPair& pics_;
};

namespace {
unsigned bus_bits(const MachinePreset* preset, const MachineConfig& config) {
  if (!preset) return 20;
  return std::min(preset->address_bits, cpu_address_bits(config.cpu.value_or(preset->cpu)));
}
}  // namespace

Machine::Machine(const MachineConfig& config, const CpuFactory& make_core)
    : config_(config),
      preset_(find_preset(config.machine)),
      bus_(bus_bits(preset_, config)) {
  if (!preset_) throw MachineError(fmt::format("unknown machine '{}'", config.machine));
  const CpuModel model = config.cpu.value_or(preset_->cpu);
  const std::uint32_t kib = config.memory_kib.value_or(preset_->default_memory_kib);
  // Conventional memory fills 0-640 KiB; the rest is extended memory from 1 MiB, which only
  // a CPU with more than 20 address lines reaches.
  const std::uint32_t max_kib =
      bus_.address_bits() > 20 ? preset_->max_memory_kib : std::min(preset_->max_memory_kib, 640u);
  if (kib > max_kib)
    throw MachineError(fmt::format(
        "--memory {}: the '{}' machine with an {} takes at most {} KiB", kib, preset_->name,
        cpu_model_name(model), max_kib));
  conventional_kib_ = std::min(kib, 640u);
  extended_kib_ = kib - conventional_kib_;
  bus_.map_ram(0, conventional_kib_ * 1024);
  if (extended_kib_) bus_.map_ram(0x100000, extended_kib_ * 1024);
  bus_.set_time_source(this);

  // Files first (BIOS, disk image, program), so a user error is reported the same way
  // whatever else is missing, and before anything could touch a disk image.
  std::vector<std::uint8_t> program;
  if (!config_.program_path.empty()) {
    program = read_file(config_.program_path, "program");
    if (program.empty())
      throw MachineError(fmt::format("program '{}': file is empty", config_.program_path));
    std::uint32_t start = (std::uint32_t(config_.load_segment) << 4) + config_.load_offset;
    if (start + program.size() > conventional_kib_ * 1024u)
      throw MachineError(fmt::format(
          "program '{}': {} bytes loaded at {:04X}:{:04X} do not fit in {} KiB of RAM",
          config_.program_path, program.size(), config_.load_segment, config_.load_offset,
          conventional_kib_));
  }
  if (preset_->uses_bios && (config_.program_path.empty() || !config_.bios_path.empty()))
    load_bios();
  build_board();

  cpu_ = make_core ? make_core(model, bus_) : make_cpu(model, bus_);
  if (!cpu_)
    throw MachineError(
        fmt::format("no {} CPU core in this build of Quartz", cpu_model_name(model)));
  if (pics_) {
    cpu_->set_interrupt_controller(inta_.get());
    cpu_->set_intr(intr_pin_->level);
  }
  reset();
  if (speaker_ && !config_.speaker_wav.empty()) {
    std::string error;
    if (!speaker_->start_wav(config_.speaker_wav, error)) throw MachineError(error);
  }

  if (!program.empty()) {
    load_program(program, config_.load_segment, config_.load_offset);
  }
}

Machine::~Machine() {
  // The CPU and the bus hold pointers into the board's chips: detach before they go.
  bus_.set_time_source(nullptr);
}

void Machine::build_board() {
  const std::uint32_t chips = preset_->chips;
  // Optional chips come with the options that need them: --disk an IDE channel, --rtc a
  // real-time clock (the PC's were add-in cards).
  std::uint32_t asked = 0;
  if (!config_.disk_path.empty()) asked |= kChipIde;
  if (config_.rtc) asked |= kChipCmos;
  const std::uint32_t fitted = chips | (preset_->optional_chips & asked);
  auto missing = [&](std::uint32_t chip, std::string_view option, std::string_view what) {
    if ((asked & chip) && !(fitted & chip))
      throw MachineError(
          fmt::format("{}: the '{}' machine has no {}", option, preset_->name, what));
  };
  missing(kChipIde, "--disk", "disk controller");
  missing(kChipCmos, "--rtc", "real-time clock");
  if (!config_.speaker_wav.empty() && !(fitted & kChipSpeaker))
    throw MachineError(
        fmt::format("--speaker-wav: the '{}' machine has no speaker", preset_->name));

  build_timers_and_interrupts(fitted);
  if (fitted & kChipVga) {
    vga_ = std::make_unique<Vga>();
    vga_->attach(bus_);  // ports 3B0h-3DFh and the MMIO window A0000h-BFFFFh
    attach_mapped_io(*vga_, *vga_);
  }
  if (fitted & kChipKbc) {
    // 8042: keyboard -> IRQ1, aux -> IRQ12; output port bit 1 gates A20, bit 0 pulses the
    // CPU's RESET (AT Technical Reference, "Keyboard controller" output port).
    kbc_ = std::make_unique<Kbc8042>(&irqs_.line(1), &irqs_.line(12));
    kbc_->set_on_a20([this](bool on) {
      a20_kbc_ = on;
      update_a20();
    });
    kbc_->set_on_reset([this] { request_cpu_reset(); });
    attach_io(*kbc_, *kbc_, 0x60, 0x60);
    attach_io(*kbc_, *kbc_, 0x64, 0x64);
  }
  if (fitted & kChipIde) build_ide();
  if (fitted & kChipCmos) build_cmos();
  if (fitted & kChipPostPort) {
    post_ = std::make_unique<PostPort>();
    post_->set_on_code([this](const PostCode& c) { on_post_code(c.code); });
    attach_io(*post_, *post_, PostPort::kPort, PostPort::kPort);
  }
  if (fitted & kChipPort92) {
    port92_ = std::make_unique<Port92>();
    port92_->set_on_a20([this](bool on) {
      a20_port92_ = on;
      update_a20();
    });
    // Port 92h bit 0 pulses the CPU's RESET line ("fast reset"); the rest of the board
    // keeps running.
    port92_->set_on_reset([this] { request_cpu_reset(); });
    attach_io(*port92_, *port92_, Port92::kPort, Port92::kPort);
  }

  // Wait states per region (see presets.cpp for the sources).
  bus_.set_io_wait_states(preset_->io_wait_states);
  bus_.set_mem_wait_states(0xA0000, 0x20000, preset_->video_wait_states);
  bus_.set_mem_wait_states(0xC0000, 0x40000, preset_->rom_wait_states);

  // Host ports: when asked for, for flat programs and the demo, and always on the bare board.
  if (config_.debug_port || !preset_->uses_bios || config_.default_run ||
      !config_.program_path.empty()) {
    debug_port_ = std::make_unique<DebugPort>();
    debug_port_->set_sink([this](std::uint8_t v) { on_debug_byte(v); });
    debug_port_->set_on_shutdown([this] { request_stop(RunStop::kShutdownPort); });
    attach_io(*debug_port_, *debug_port_, DebugPort::kConsolePort, DebugPort::kConsolePort);
    attach_io(*debug_port_, *debug_port_, DebugPort::kShutdownPort, DebugPort::kShutdownPort);
  }
}

void Machine::build_ide() {
  ide_ = std::make_unique<IdeController>(&irqs_.line(IdeController::kPrimaryIrq));
  if (!config_.disk_path.empty()) {
    static constexpr DiskAccess kAccess[] = {DiskAccess::read_only, DiskAccess::read_write,
                                             DiskAccess::snapshot};
    try {
      ide_->attach(0, std::make_unique<DiskImage>(
                          config_.disk_path, kAccess[unsigned(config_.disk_mode)]));
    } catch (const DiskImageError& e) {
      throw MachineError(e.what());
    }
  }
  attach_io(*ide_, *ide_, IdeController::kPrimaryBase, IdeController::kPrimaryBase + 7);
  attach_io(*ide_, *ide_, IdeController::kPrimaryControl, IdeController::kPrimaryControl);
}

void Machine::build_timers_and_interrupts(std::uint32_t fitted) {
  if (fitted & (kChipPic | kChipPicPair)) {
    // PC: one 8259A (IRQ8-15 go to a slave nothing listens to); AT: master + slave on IR2.
    pics_ = std::make_unique<PicPair>((fitted & kChipPicPair) != 0);
    intr_pin_ = std::make_unique<IntrPin>(*this);
    inta_ = std::make_unique<InterruptAck>(*this, *pics_);
    pics_->connect_int(intr_pin_.get());
    irqs_.set_sink([this](unsigned n, bool level) { pics_->irq(int(n)).set_level(level); });
    attach_io(pics_->master(), pics_->master(), 0x20, 0x21);
    if (fitted & kChipPicPair) attach_io(pics_->slave(), pics_->slave(), 0xA0, 0xA1);
  }
  if (fitted & (kChipPit8253 | kChipPit8254)) {
    pit_ = std::make_unique<Pit>((fitted & kChipPit8254) ? Pit::Variant::i8254
                                                          : Pit::Variant::i8253);
    // OUT0 -> IRQ0 (PC and AT system board); GATE0/1 are tied high.
    pit_->connect_out(0, &irqs_.line(0));
    attach_io(*pit_, *pit_, 0x40, 0x43);
    speaker_ = std::make_unique<Speaker>(*pit_);
    attach(*speaker_);
    if (fitted & kChipSysCtrlB) {
      // AT port 61h: timer 2 gate, speaker data, refresh toggle, timer 2 OUT.
      port61_ = std::make_unique<SystemControlB>(*pit_, *speaker_);
      attach_io(*port61_, *port61_, 0x61, 0x61);
    }
  }
  if (fitted & kChipPpi) {
    // PC/XT 8255 at 60h-63h: keyboard shift register (IRQ1), PB0/PB1 timer 2 gate and
    // speaker data, PC0-3 configuration switches.
    ppi_ = std::make_unique<Ppi8255>(Ppi8255::Model::kXt5160, &irqs_.line(1), pit_.get(),
                                     speaker_.get());
    // SW1 as read (1 = switch OFF), PC/XT Technical Reference "System board switch
    // settings": 1 OFF (normal POST), 2 ON (no 8087), 3-4 OFF (all memory banks),
    // 5-6 ON (display with its own BIOS: EGA/VGA), 7-8 ON (one diskette drive).
    ppi_->set_switches(0x0D);
    attach_io(*ppi_, *ppi_, 0x60, 0x63);
  }
  if (fitted & (kChipDma | kChipDmaPair)) {
    dma_ = std::make_unique<DmaPair>(bus_, (fitted & kChipDmaPair) != 0);
    dma_->map_ports(bus_);
    attach_mapped_io(*dma_, *dma_);
  }
}

void Machine::build_cmos() {
  cmos_ = std::make_unique<Cmos>(&irqs_.line(8));
  // The AT BIOS reads its configuration from CMOS RAM (AT Technical Reference, "CMOS RAM
  // address map"); the battery-backed contents a real board would have are filled here.
  CmosAtConfig at;
  at.base_memory_kb = std::uint16_t(conventional_kib_);
  at.extended_memory_kb = std::uint16_t(extended_kib_);
  at.floppy_types = 0x00;  // no floppy controller on Quartz's boards
  at.hard_disk_types = (ide_ && ide_->image(0)) ? 0xF0 : 0x00;
  at.hard_disk_c_ext_type = (ide_ && ide_->image(0)) ? 47 : 0;  // 47: user-defined type
  at.display = 0;  // EGA/VGA
  cmos_->configure_at(at);
  if (config_.rtc) cmos_->set_time(*config_.rtc);
  else cmos_->set_time_from_host();
  attach_io(*cmos_, *cmos_, Cmos::kIndexPort, Cmos::kDataPort);
}

void Machine::update_a20() {
  // AT: A20 = 8042 output port bit 1 OR port 92h bit 1 (the two gates are wired-OR).
  bus_.set_a20(a20_port92_ || a20_kbc_ || bus_.address_bits() <= 20);
}

void Machine::load_bios() {
  std::string path = config_.bios_path.empty() ? find_bundled_file(preset_->bios_file)
                                               : config_.bios_path;
  auto image = read_file(path, "BIOS image");
  // System BIOS images are whole power-of-two ROMs from 8 KiB (the 5150's) to 128 KiB,
  // mapped so that they end at FFFFFh where the reset vector is fetched.
  const std::size_t n = image.size();
  if (n < 8 * 1024 || n > 128 * 1024 || (n & (n - 1)))
    throw MachineError(fmt::format(
        "BIOS image '{}': size {} bytes is not 8, 16, 32, 64 or 128 KiB", path, n));
  bus_.map_rom(std::uint32_t(0x100000 - n), image);
  // On a 24-bit bus the AT decodes the same ROM at the top of the 16 MiB space, where the
  // 80286 fetches its first instruction (FFFFF0h) after RESET.
  if (bus_.address_bits() > 20) bus_.map_rom(std::uint32_t(0x1000000 - n), image);

  // The VGA card's option ROM at C0000h, found by the system BIOS's ROM scan (55AAh
  // signature, length byte in 512-byte blocks). Optional: without it the BIOS keeps
  // running, with no video services beyond what it provides itself.
  if (preset_->chips & kChipVga) {
    std::string vga_path = find_bundled_file("bios/quartz-vgabios.bin");
    std::error_code ec;
    if (std::filesystem::is_regular_file(vga_path, ec)) {
      auto rom = read_file(vga_path, "VGA BIOS image");
      if (rom.size() < 512 || rom.size() > 0x8000 || rom[0] != 0x55 || rom[1] != 0xAA)
        throw MachineError(fmt::format(
            "VGA BIOS image '{}': not an option ROM (55AAh signature, at most 32 KiB)",
            vga_path));
      bus_.map_rom(0xC0000, rom);
    }
  }
}

void Machine::attach(Device& device) {
  auto a = std::make_unique<Attached>();
  a->device = &device;
  Device* dev = &device;
  a->event = scheduler_.add(device.name(), [this, dev](Tick) {
    // The CPU may have overshot the deadline by part of an instruction: catch up to now.
    Tick t = now();
    dev->sync(t);
    refresh_deadlines();
  });
  attached_.push_back(std::move(a));
  refresh_deadlines();
}

void Machine::attach_io(Device& device, IoHandler& handler, std::uint16_t first,
                        std::uint16_t last) {
  bool known = std::any_of(attached_.begin(), attached_.end(),
                           [&](const auto& a) { return a->device == &device; });
  if (!known) attach(device);
  ports_.push_back(std::make_unique<BoardPort>(*this, handler));
  bus_.map_io(first, last, ports_.back().get());
}

void Machine::attach_mapped_io(Device& device, IoHandler& handler) {
  bool known = std::any_of(attached_.begin(), attached_.end(),
                           [&](const auto& a) { return a->device == &device; });
  if (!known) attach(device);
  ports_.push_back(std::make_unique<BoardPort>(*this, handler));
  for (std::uint32_t p = 0; p <= 0xFFFF; ++p)
    if (bus_.io_handler(std::uint16_t(p)) == &handler)
      bus_.map_io(std::uint16_t(p), std::uint16_t(p), ports_.back().get());
}

void Machine::finish() {
  if (speaker_ && speaker_->recording()) speaker_->stop_wav(now());
}

void Machine::refresh_deadlines() {
  const Tick t = now();
  for (auto& a : attached_) {
    Tick next = a->device->next_event();
    // A chip that reports a deadline already passed is synced at the next boundary.
    if (next != kNever && next <= t) next = t + 1;
    scheduler_.schedule(a->event, next);
  }
}

void Machine::on_device_io() {
  // A DMA request raised by a chip (or a channel just unmasked) is served at once: the
  // 8237 takes the bus between CPU cycles.
  if (dma_ && dma_->pending()) dma_->service();
  refresh_deadlines();
  if (cpu_ && scheduler_.next_deadline() < run_deadline_) cpu_->request_return();
}

Tick Machine::now() const {
  if (!cpu_) return epoch_tick_;  // while the board is being built
  return epoch_tick_ + preset_->cpu_clock.to_ticks(cpu_->cycles() - epoch_cycles_);
}

std::uint64_t Machine::cycle_deadline(Tick t) const {
  // First CPU cycle whose start is at or after master tick t.
  if (t <= epoch_tick_) return epoch_cycles_;
  const ClockRatio& r = preset_->cpu_clock;
  Tick rel = t - epoch_tick_;
  return epoch_cycles_ +
         std::uint64_t((unsigned __int128)(rel - 1) * r.cycles_per / r.ticks_per) + 1;
}

RunResult Machine::run_until(Tick end) {
  stop_requested_ = false;
  for (;;) {
    Tick t = now();
    scheduler_.run_due(t);
    if (stop_requested_) break;
    if (t >= end) return {RunStop::kDeadline, t};
    run_deadline_ = std::min(scheduler_.next_deadline(), end);
    StopReason why = cpu_->run(cycle_deadline(run_deadline_));
    run_deadline_ = kNever;
    if (cpu_reset_pending_) {
      cpu_reset_pending_ = false;
      reset_cpu();
    }
    if (stop_requested_) break;
    if (why == StopReason::kHook) return {RunStop::kHook, now()};
    if (why == StopReason::kShutdown) {
      // The AT decodes the 80286 shutdown cycle and pulses the CPU's RESET (AT Technical
      // Reference, system board: "shutdown" detection); the BIOS reads CMOS byte 0Fh to
      // tell a deliberate reset from a crash.
      reset_cpu();
      return {RunStop::kTripleFault, now()};
    }
  }
  stop_requested_ = false;
  return {stop_reason_, now()};
}

void Machine::request_cpu_reset() {
  // Raised from inside an OUT (8042 command FEh, port 92h bit 0): the CPU finishes the
  // instruction and the RESET pulse is applied at the boundary.
  cpu_reset_pending_ = true;
  if (cpu_) cpu_->request_return();
}

void Machine::request_stop(RunStop why) {
  stop_requested_ = true;
  stop_reason_ = why;
  cpu_->request_return();
}

void Machine::reset() {
  for (auto& a : attached_) a->device->reset();
  // The A20 gate follows its two sources as they come out of reset.
  a20_kbc_ = kbc_ && kbc_->a20();
  a20_port92_ = port92_ && port92_->a20();
  update_a20();
  reset_cpu();
  cpu_resets_ = 0;
  refresh_deadlines();
}

void Machine::reset_cpu() {
  epoch_tick_ = now();
  cpu_->reset();
  epoch_cycles_ = cpu_->cycles();
  ++cpu_resets_;
}

void Machine::load_program(std::span<const std::uint8_t> image, std::uint16_t segment,
                           std::uint16_t offset) {
  std::uint32_t base = (std::uint32_t(segment) << 4) + offset;
  for (std::size_t i = 0; i < image.size(); ++i) bus_.poke8(base + std::uint32_t(i), image[i]);
  CpuState s = cpu_->state();
  s.cs = s.ds = s.es = s.ss = segment;
  s.ip = offset;
  s.sp = offset;  // the stack grows down from just below the program
  s.flags = 0x0002;
  for (auto& cache : s.seg_cache) cache.base = std::uint32_t(segment) << 4;
  cpu_->set_state(s);
}

void Machine::on_debug_byte(std::uint8_t v) {
  if (debug_text_.size() >= 2 * kDebugKeep) debug_text_.erase(0, debug_text_.size() - kDebugKeep);
  debug_text_.push_back(char(v));
  if (debug_sink_) debug_sink_(char(v));
}

void Machine::on_post_code(std::uint8_t v) {
  last_post_code_ = v;
  if (post_sink_) post_sink_(v);
}

}  // namespace quartz
