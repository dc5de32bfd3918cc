#pragma once
// The desktop front end: an SDL2 window showing the guest screen with Dear ImGui debugger
// windows on top. Everything the menus and windows do goes through public methods here, so
// the xvfb tests drive the same code paths as a user.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "machine/debugger/debugger.hpp"
#include "machine/machine.hpp"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;

namespace quartz::gui {

struct GuiOptions {
  bool aspect_correct = true;   // show the frame at the monitor's 4:3
  bool integer_scale = false;   // whole multiples of the frame size only
  double speed_percent = 100;   // of real time; 0 = as fast as possible
  bool start_paused = false;
  bool audio = true;
  std::string config_dir;       // empty: $XDG_CONFIG_HOME/quartz or ~/.config/quartz
  bool save_layout = true;      // imgui.ini and gui.txt (settings.hpp) in config_dir
  int width = 1280, height = 800;
  double max_seconds = 0;       // close after this much emulated time (0: never)
  bool quit_on_shutdown = true; // close when the guest writes "Shutdown" to port 8900h
};

enum class Window : std::uint8_t {
  kRegisters, kDisassembly, kMemory, kStack, kBreakpoints, kHistory, kDevices, kConsole,
  kCount
};
inline constexpr std::size_t kWindowCount = std::size_t(Window::kCount);
const char* window_title(Window w);

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

// $XDG_CONFIG_HOME/quartz, else $HOME/.config/quartz (created on demand).
std::string default_config_dir();

class GuiApp {
 public:
  GuiApp(Machine& machine, GuiOptions options);
  ~GuiApp();
  GuiApp(const GuiApp&) = delete;
  GuiApp& operator=(const GuiApp&) = delete;

  // Opens the window and renderer. False with a message on failure.
  bool init(std::string& error);
  // One host frame: events, an emulation slice (if running), drawing. False once the user
  // closed the window or chose Quit.
  bool frame();
  int run();  // frame() until quit; returns the process exit code

  debugger::Debugger& debugger() { return *dbg_; }
  Machine& machine() { return m_; }
  GuiOptions& options() { return opt_; }

  // --- the actions behind the menus ---------------------------------------------------------
  void show(Window w, bool on) { shown_[std::size_t(w)] = on; }
  bool shown(Window w) const { return shown_[std::size_t(w)]; }
  void pause();
  void resume();
  bool running() const { return running_ && powered_; }
  void step_into();
  void step_over();
  void step_out();
  void reset();
  void ctrl_alt_del();
  void power(bool on);
  bool attach_disk(const std::string& path, std::string& error);
  void eject_disk();
  // Saves the guest frame as PNG; returns the path written (or empty and sets error).
  std::string screenshot(std::string& error);
  void set_memory_address(std::uint32_t linear) { mem_addr_ = linear; }
  // Brings a Devices tab to the front ("PIC", "PIT", "KBC", "CMOS", "DMA", "IDE", "VGA").
  void select_device_tab(std::string name) { device_tab_ = std::move(name); }
  void set_disasm_address(std::optional<std::uint32_t> linear) { disasm_addr_ = linear; }
  const std::string& status_text() const { return status_; }
  const std::string& message() const { return message_; }

  // --- inspection (tests) -----------------------------------------------------------------
  // Where each ImGui window and the guest screen were drawn in the last frame (pixels).
  Rect window_rect(Window w) const { return rects_[std::size_t(w)]; }
  Rect screen_rect() const { return screen_rect_; }
  // The rendered back buffer of the last frame, RGBA bytes (SDL_RenderReadPixels).
  std::vector<std::uint8_t> read_pixels(int& w, int& h);
  bool input_captured() const { return captured_; }
  void set_input_captured(bool on);
  // Host key (SDL scancode) as the keyboard handler sees it.
  void host_key(int sdl_scancode, bool down);

 private:
  void handle_events(bool& quit);
  void emulate();
  void upload_frame();
  void draw_screen();
  void draw_menu(bool& quit);
  void draw_status_bar();
  void draw_registers();
  void draw_disassembly();
  void draw_memory();
  void draw_stack();
  void draw_breakpoints();
  void draw_history();
  void draw_devices();
  void draw_vga_font();
  void draw_console();
  void draw_file_browser();
  void remember_rect(Window w);
  std::string settings_path() const;
  void after_stop(const debugger::StopInfo& s);

  Machine& m_;
  GuiOptions opt_;
  std::unique_ptr<debugger::Debugger> dbg_;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  SDL_Texture* texture_ = nullptr;
  SDL_Texture* font_tex_ = nullptr;  // Devices > VGA: plane 2 character generator
  int font_tex_h_ = 0;
  int tex_w_ = 0, tex_h_ = 0;
  std::uint64_t uploaded_frame_ = ~0ull;
  unsigned audio_dev_ = 0;
  bool imgui_ready_ = false;
  std::string ini_path_;

  std::array<bool, kWindowCount> shown_{};
  std::array<Rect, kWindowCount> rects_{};
  Rect screen_rect_;
  bool running_ = true, powered_ = true;
  bool guest_shutdown_ = false;
  bool captured_ = false;

  // Pacing and the status bar.
  std::uint64_t last_counter_ = 0;
  double owed_ticks_ = 0;
  std::uint64_t stat_counter_ = 0, stat_cycles_ = 0, stat_insns_ = 0;
  Tick stat_ticks_ = 0;
  std::string status_, message_;

  // Window state.
  std::optional<std::uint32_t> disasm_addr_;
  int step_n_ = 10;  // Disassembly toolbar: N instructions / N clocks
  std::uint32_t mem_addr_ = 0;
  std::optional<std::uint32_t> mem_selected_;
  char goto_buf_[64] = "";
  char mem_goto_buf_[64] = "";
  char mem_edit_buf_[16] = "";
  char console_buf_[256] = "";
  char bp_buf_[256] = "";
  std::string console_log_;
  bool scroll_console_ = false;
  bool browser_open_ = false;
  std::string browser_dir_;
  std::string disk_path_;
  std::string device_tab_;
};

// Entry point for `quartz run` with a display. Returns the exit code, or
// kWindowUnavailable (after printing why) when no window could be opened, so the caller
// can run headless instead.
inline constexpr int kWindowUnavailable = -1;
int run_window(Machine& machine, const GuiOptions& options);

}  // namespace quartz::gui
