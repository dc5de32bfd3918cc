#pragma once
// The board: owns the bus, the CPU, every chip of the preset and the scheduler, and wires
// them (interrupt lines, A20, reset). Everything lives in this object, so two Machines can
// run side by side in one process.
//
// Time: one master clock (memory/clock.hpp). now() is derived from the CPU's cycle counter
// through the preset's ClockRatio, so a device reached through the Bus mid-instruction
// sees the T-state of that bus cycle. The CPU runs until the scheduler's next deadline;
// devices are synced lazily (before each access, and when their next_event() is due).
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cpu/cpu.hpp"
#include "devices/device.hpp"
#include "devices/cmos.hpp"
#include "devices/debug_port.hpp"
#include "devices/dma_pair.hpp"
#include "devices/ide.hpp"
#include "devices/kbc.hpp"
#include "devices/pic_pair.hpp"
#include "devices/pit.hpp"
#include "devices/port92.hpp"
#include "devices/post_port.hpp"
#include "devices/ppi8255.hpp"
#include "devices/speaker.hpp"
#include "devices/system_control_b.hpp"
#include "devices/vga/vga.hpp"
#include "machine/config.hpp"
#include "machine/irq_lines.hpp"
#include "machine/presets.hpp"
#include "machine/rom_files.hpp"
#include "machine/scheduler.hpp"
#include "memory/bus.hpp"

namespace quartz {

enum class RunStop : std::uint8_t {
  kDeadline,      // reached the requested time
  kShutdownPort,  // the guest wrote "Shutdown" to port 8900h
  kTripleFault,   // the CPU shut down; the board reset it (as the AT's logic does)
  kHook,          // a debugger hook stopped the CPU
};

struct RunResult {
  RunStop stop = RunStop::kDeadline;
  Tick at = 0;  // master tick when the run returned
};

// Makes the CPU core; the default is cpu/'s make_cpu. Tests substitute a scripted core.
using CpuFactory = std::function<std::unique_ptr<Cpu>(CpuModel, Bus&)>;

class Machine final : public TimeSource {
 public:
  // Builds the machine `config` describes. Throws MachineError (missing/bad BIOS, disk
  // image or program, unusable option) with a message naming the file and the problem.
  explicit Machine(const MachineConfig& config, const CpuFactory& make_core = {});
  ~Machine() override;
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  // --- time ----------------------------------------------------------------------------
  Tick now() const override;
  // Runs the machine until master tick `end` (or an earlier stop, see RunStop).
  RunResult run_until(Tick end);
  RunResult run_for(Tick ticks) { return run_until(now() + ticks); }
  double seconds() const { return ticks_to_seconds(now()); }

  // --- resets -------------------------------------------------------------------------
  void reset();      // power-on/RESET button: every chip and the CPU
  void reset_cpu();  // the CPU's RESET line alone (8042 output, port 92h, shutdown)
  // A chip pulsed the CPU's RESET line during an I/O cycle: reset at the next boundary.
  void request_cpu_reset();
  std::uint64_t cpu_resets() const { return cpu_resets_; }

  // --- parts ----------------------------------------------------------------------------
  const MachineConfig& config() const { return config_; }
  const MachinePreset& preset() const { return *preset_; }
  ClockRatio cpu_clock() const { return preset_->cpu_clock; }
  std::uint32_t conventional_kib() const { return conventional_kib_; }
  std::uint32_t extended_kib() const { return extended_kib_; }
  Bus& bus() { return bus_; }
  Cpu& cpu() { return *cpu_; }
  Scheduler& scheduler() { return scheduler_; }
  IrqLines& irqs() { return irqs_; }
  // Chips the preset fitted (null when absent).
  IdeController* ide() { return ide_.get(); }
  Vga* vga() { return vga_.get(); }
  Cmos* cmos() { return cmos_.get(); }
  PicPair* pics() { return pics_.get(); }
  Kbc8042* kbc() { return kbc_.get(); }
  Ppi8255* ppi() { return ppi_.get(); }
  Pit* pit() { return pit_.get(); }
  DmaPair* dma() { return dma_.get(); }
  Speaker* speaker() { return speaker_.get(); }
  PostPort* post_port() { return post_.get(); }

  // Registers a chip with the board: its next_event() is scheduled, it is synced when due,
  // and its I/O ports [first, last] are routed through the board so an access that moves
  // its deadline earlier returns the CPU at the next instruction boundary.
  void attach(Device& device);
  void attach_io(Device& device, IoHandler& handler, std::uint16_t first, std::uint16_t last);
  // For chips that map their own ports (map_ports/attach): re-route every port currently
  // mapped to `handler` through the board.
  void attach_mapped_io(Device& device, IoHandler& handler);

  // End of a run: finish outputs that need closing (the speaker's WAV file).
  void finish();
  // Recomputes every chip's deadline (after anything that may have changed one).
  void refresh_deadlines();

  // --- host-side outputs ------------------------------------------------------------------
  // Bytes the guest wrote to the debug port (E9h): the last kDebugKeep of them at least (a
  // guest printing forever must not exhaust host memory). The sink sees every byte.
  static constexpr std::size_t kDebugKeep = 1 << 20;
  const std::string& debug_output() const { return debug_text_; }
  void set_debug_sink(std::function<void(char)> sink) { debug_sink_ = std::move(sink); }
  void set_post_code_sink(std::function<void(std::uint8_t)> sink) {
    post_sink_ = std::move(sink);
  }
  std::uint8_t last_post_code() const { return last_post_code_; }

  // Loads a flat program into RAM and points CS:IP (and DS=ES=SS, SP) at it.
  void load_program(std::span<const std::uint8_t> image, std::uint16_t segment,
                    std::uint16_t offset);

  // Called by the debug/shutdown port (and the GUI's close button): end run_until().
  void request_stop(RunStop why);

 private:
  struct Attached;
  class BoardPort;
  class IntrPin;
  class InterruptAck;

  void build_board();
  void load_bios();
  void build_ide();
  void build_cmos();
  void build_timers_and_interrupts(std::uint32_t fitted);
  void update_a20();
  std::uint64_t cycle_deadline(Tick t) const;
  void on_debug_byte(std::uint8_t v);
  void on_post_code(std::uint8_t v);
  void on_device_io();

  MachineConfig config_;
  const MachinePreset* preset_;
  Bus bus_;
  Scheduler scheduler_;
  std::unique_ptr<Cpu> cpu_;
  std::unique_ptr<IntrPin> intr_pin_;
  std::unique_ptr<InterruptAck> inta_;

  // now() = epoch_tick_ + cpu_clock.to_ticks(cpu cycles - epoch_cycles_): the epoch moves
  // when the CPU is reset so time never runs backwards.
  Tick epoch_tick_ = 0;
  std::uint64_t epoch_cycles_ = 0;
  Tick run_deadline_ = kNever;  // deadline of the CPU run in progress
  bool stop_requested_ = false;
  bool cpu_reset_pending_ = false;
  RunStop stop_reason_ = RunStop::kDeadline;
  std::uint64_t cpu_resets_ = 0;
  std::uint32_t conventional_kib_ = 0, extended_kib_ = 0;

  IrqLines irqs_;
  std::unique_ptr<IdeController> ide_;
  std::unique_ptr<Vga> vga_;
  std::unique_ptr<PicPair> pics_;
  std::unique_ptr<Pit> pit_;
  std::unique_ptr<Speaker> speaker_;
  std::unique_ptr<SystemControlB> port61_;
  std::unique_ptr<Ppi8255> ppi_;
  std::unique_ptr<DmaPair> dma_;
  std::unique_ptr<Cmos> cmos_;
  std::unique_ptr<Kbc8042> kbc_;
  std::unique_ptr<PostPort> post_;
  std::unique_ptr<Port92> port92_;
  std::unique_ptr<DebugPort> debug_port_;
  bool a20_port92_ = false, a20_kbc_ = false;  // the board ORs the two A20 sources

  std::vector<std::unique_ptr<Attached>> attached_;
  std::vector<std::unique_ptr<BoardPort>> ports_;
  std::vector<std::unique_ptr<Device>> owned_;  // chips built from the preset

  std::string debug_text_;
  std::function<void(char)> debug_sink_;
  std::function<void(std::uint8_t)> post_sink_;
  std::uint8_t last_post_code_ = 0;
};

}  // namespace quartz
