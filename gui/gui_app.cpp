// The main window: SDL2 + the software-capable SDL_Renderer path (so it runs under Xvfb),
// Dear ImGui for menus and debugger windows, the guest frame as a streaming texture.
#include "gui/gui_app.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include <fmt/core.h>

#include "devices/disk_image.hpp"
#include "gui/keymap.hpp"
#include "gui/settings.hpp"
#include "machine/png_writer.hpp"

namespace quartz::gui {

const char* window_title(Window w) {
  static constexpr const char* kTitles[kWindowCount] = {
      "Registers", "Disassembly", "Memory", "Stack", "Breakpoints", "History", "Devices",
      "Console"};
  return kTitles[std::size_t(w)];
}

std::string default_config_dir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return (std::filesystem::path(xdg) / "quartz").string();
  const char* home = std::getenv("HOME");
  if (home && *home) return (std::filesystem::path(home) / ".config" / "quartz").string();
  return ".";
}

GuiApp::GuiApp(Machine& machine, GuiOptions options)
    : m_(machine), opt_(std::move(options)), dbg_(std::make_unique<debugger::Debugger>(m_)) {
  running_ = !opt_.start_paused;
  // A free run records no history by default until the user opens the History window.
  if (opt_.config_dir.empty()) opt_.config_dir = default_config_dir();
  browser_dir_ = std::filesystem::current_path().string();
}

std::string GuiApp::settings_path() const {
  return (std::filesystem::path(opt_.config_dir) / "gui.txt").string();
}

GuiApp::~GuiApp() {
  if (imgui_ready_ && opt_.save_layout) {
    GuiSettings st{opt_.aspect_correct, opt_.integer_scale, opt_.speed_percent, shown_};
    save_settings(settings_path(), st);
  }
  if (imgui_ready_) {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (audio_dev_) SDL_CloseAudioDevice(audio_dev_);
  if (texture_) SDL_DestroyTexture(texture_);
  if (font_tex_) SDL_DestroyTexture(font_tex_);
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  if (m_.speaker()) m_.speaker()->enable_pull(false);
  dbg_.reset();
  SDL_Quit();
}

bool GuiApp::init(std::string& error) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    error = fmt::format("cannot initialise SDL video: {}", SDL_GetError());
    return false;
  }
  window_ = SDL_CreateWindow("Quartz", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                             opt_.width, opt_.height, SDL_WINDOW_RESIZABLE);
  if (!window_) {
    error = fmt::format("cannot open a window: {}", SDL_GetError());
    return false;
  }
  renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED);
  if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  if (!renderer_) {
    error = fmt::format("cannot create a renderer: {}", SDL_GetError());
    return false;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  if (opt_.save_layout) {
    std::error_code ec;
    std::filesystem::create_directories(opt_.config_dir, ec);
    ini_path_ = (std::filesystem::path(opt_.config_dir) / "imgui.ini").string();
    io.IniFilename = ini_path_.c_str();
    GuiSettings st;
    st.aspect_correct = opt_.aspect_correct;
    st.integer_scale = opt_.integer_scale;
    st.speed_percent = opt_.speed_percent;
    st.shown = shown_;
    if (load_settings(settings_path(), st)) {
      opt_.aspect_correct = st.aspect_correct;
      opt_.integer_scale = st.integer_scale;
      opt_.speed_percent = st.speed_percent;
      shown_ = st.shown;
    }
  } else {
    io.IniFilename = nullptr;
  }
  ImGui::StyleColorsDark();
  ImGui_ImplSDL2_InitForSDLRenderer(window_);
  ImGui_ImplSDLRenderer_Init(renderer_);
  imgui_ready_ = true;

  // PC speaker: 16-bit mono at the speaker's rate, queued (no callback thread).
  if (opt_.audio && m_.speaker() && SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
    SDL_AudioSpec want{}, have{};
    want.freq = int(m_.speaker()->sample_rate());
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    audio_dev_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (audio_dev_) {
      m_.speaker()->enable_pull(true);
      SDL_PauseAudioDevice(audio_dev_, 0);
    }
  }
  last_counter_ = stat_counter_ = SDL_GetPerformanceCounter();
  stat_cycles_ = m_.cpu().cycles();
  stat_ticks_ = m_.now();
  if (!running_) dbg_->pause();
  return true;
}

// --- actions -------------------------------------------------------------------------------

void GuiApp::after_stop(const debugger::StopInfo& s) {
  if (s.kind == debugger::StopKind::kNone) return;
  if (s.kind == debugger::StopKind::kMachine && s.machine_stop == RunStop::kShutdownPort)
    guest_shutdown_ = true;
  running_ = false;
  disasm_addr_.reset();
  CpuState r = dbg_->regs();
  message_ = fmt::format("{} at {:04X}:{:04X}", s.message, r.cs, r.ip);
}

void GuiApp::pause() {
  dbg_->pause();  // also settles a debugger left running between slices
  if (!running_) return;
  running_ = false;
  CpuState r = dbg_->regs();
  message_ = fmt::format("paused at {:04X}:{:04X}", r.cs, r.ip);
  disasm_addr_.reset();
}

void GuiApp::resume() {
  if (!powered_) return;
  running_ = true;
  message_.clear();
  last_counter_ = SDL_GetPerformanceCounter();
  owed_ticks_ = 0;
}

void GuiApp::step_into() { if (!running_ && powered_) after_stop(dbg_->step_into(1)); }
void GuiApp::step_over() { if (!running_ && powered_) after_stop(dbg_->step_over()); }
void GuiApp::step_out() { if (!running_ && powered_) after_stop(dbg_->step_out()); }

void GuiApp::reset() {
  m_.reset();
  message_ = "reset";
}

void GuiApp::ctrl_alt_del() {
  if (Kbc8042* k = m_.kbc()) {
    k->key_down(HostKey::LeftCtrl, m_.now());
    k->key_down(HostKey::LeftAlt, m_.now());
    k->key_down(HostKey::Delete, m_.now());
    k->key_up(HostKey::Delete, m_.now());
    k->key_up(HostKey::LeftAlt, m_.now());
    k->key_up(HostKey::LeftCtrl, m_.now());
  }
}

void GuiApp::power(bool on) {
  if (on == powered_) return;
  powered_ = on;
  if (on) {
    m_.reset();
    running_ = true;
    message_ = "powered on";
  } else {
    running_ = false;
    message_ = "powered off";
  }
}

bool GuiApp::attach_disk(const std::string& path, std::string& error) {
  if (!m_.ide()) {
    error = "this machine has no IDE controller";
    return false;
  }
  try {
    m_.ide()->attach(0, std::make_unique<DiskImage>(path, DiskAccess::read_write));
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
  disk_path_ = path;
  message_ = fmt::format("attached {}", path);
  return true;
}

void GuiApp::eject_disk() {
  if (!m_.ide()) return;
  m_.ide()->attach(0, nullptr);
  disk_path_.clear();
  message_ = "disk ejected";
}

std::string GuiApp::screenshot(std::string& error) {
  Vga* vga = m_.vga();
  if (!vga || vga->last_frame().width == 0) {
    error = "no guest frame to save";
    return {};
  }
  const Frame& f = vga->last_frame();
  std::time_t t = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&t));
  std::string path = fmt::format("quartz-{}-{}.png", stamp, f.number);
  if (!write_png(path, f.width, f.height, f.rgba, &error)) return {};
  message_ = fmt::format("saved {}", path);
  return path;
}

void GuiApp::set_input_captured(bool on) {
  captured_ = on;
  SDL_SetWindowGrab(window_, on ? SDL_TRUE : SDL_FALSE);
  SDL_SetWindowTitle(window_, on ? "Quartz (input captured: Right Ctrl releases)" : "Quartz");
}

void GuiApp::host_key(int sc, bool down) {
  // Right Ctrl is the host key: it releases the capture and never reaches the guest.
  if (sc == SDL_SCANCODE_RCTRL) {
    if (down) set_input_captured(false);
    return;
  }
  Kbc8042* k = m_.kbc();
  if (!k) return;
  auto key = host_key_for_sdl(sc);
  if (!key) return;
  if (down) k->key_down(*key, m_.now());
  else k->key_up(*key, m_.now());
}

// --- the frame -----------------------------------------------------------------------------

void GuiApp::handle_events(bool& quit) {
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    if (e.type == SDL_QUIT) quit = true;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) quit = true;
    if (captured_ && (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP)) {
      // Host auto-repeat is dropped: the emulated keyboard produces its own typematic
      // repeats at the rate the guest programmed (command F3h).
      if (!e.key.repeat) host_key(e.key.keysym.scancode, e.type == SDL_KEYDOWN);
      continue;
    }
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT &&
        !ImGui::GetIO().WantCaptureMouse) {
      const Rect& r = screen_rect_;
      if (e.button.x >= r.x && e.button.x < r.x + r.w && e.button.y >= r.y &&
          e.button.y < r.y + r.h)
        set_input_captured(true);
    }
  }
}

void GuiApp::emulate() {
  std::uint64_t now = SDL_GetPerformanceCounter();
  double host_s = double(now - last_counter_) / double(SDL_GetPerformanceFrequency());
  last_counter_ = now;
  if (!running()) return;
  host_s = std::min(host_s, 0.1);  // never try to catch up more than 100 ms
  Tick slice;
  if (opt_.speed_percent <= 0) {
    // As fast as possible: a fixed chunk per frame, sized to keep the UI responsive.
    slice = seconds_to_ticks(0.05);
  } else {
    owed_ticks_ += host_s * kMasterHz * opt_.speed_percent / 100.0;
    slice = Tick(owed_ticks_);
    owed_ticks_ -= double(slice);
  }
  if (slice == 0) return;
  debugger::StopInfo s = dbg_->run_for(slice);
  after_stop(s);
  if (m_.speaker() && audio_dev_) {
    std::int16_t buf[4096];
    std::size_t n;
    // Faster than real time the samples pile up: keep at most ~250 ms queued (dropping
    // the excess) so the sound never lags far behind the picture.
    const Uint32 max_bytes = m_.speaker()->sample_rate() / 4 * sizeof(std::int16_t);
    while ((n = m_.speaker()->render(buf, 4096, m_.now())) > 0)
      if (SDL_GetQueuedAudioSize(audio_dev_) < max_bytes)
        SDL_QueueAudio(audio_dev_, buf, Uint32(n * sizeof(std::int16_t)));
  }
}

void GuiApp::upload_frame() {
  Vga* vga = m_.vga();
  if (!vga) return;
  const Frame& f = vga->last_frame();
  if (f.width == 0 || f.height == 0 || f.rgba.size() < std::size_t(f.width) * f.height * 4)
    return;
  if (!texture_ || tex_w_ != int(f.width) || tex_h_ != int(f.height)) {
    if (texture_) SDL_DestroyTexture(texture_);
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "0");  // nearest: crisp pixels
    texture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING,
                                 int(f.width), int(f.height));
    tex_w_ = int(f.width);
    tex_h_ = int(f.height);
    uploaded_frame_ = ~0ull;
  }
  if (uploaded_frame_ == f.number) return;
  SDL_UpdateTexture(texture_, nullptr, f.rgba.data(), int(f.width * 4));
  uploaded_frame_ = f.number;
}

void GuiApp::draw_screen() {
  // The guest screen fills the area between the menu bar and the status bar, centred.
  int ww, wh;
  SDL_GetRendererOutputSize(renderer_, &ww, &wh);
  const int top = int(ImGui::GetFrameHeight());
  const int bottom = int(ImGui::GetFrameHeight());
  const int aw = ww, ah = std::max(1, wh - top - bottom);
  screen_rect_ = {};
  if (!texture_ || !powered_) return;
  double fw = tex_w_, fh = tex_h_;
  if (opt_.aspect_correct) {
    const Frame& f = m_.vga()->last_frame();
    fw = fh * f.display_aspect;  // keep the height, widen or narrow to 4:3
  }
  double scale = std::min(aw / fw, ah / fh);
  if (opt_.integer_scale) scale = std::max(1.0, std::floor(scale));
  int w = int(std::lround(fw * scale)), h = int(std::lround(fh * scale));
  screen_rect_ = {(aw - w) / 2, top + (ah - h) / 2, w, h};
  SDL_Rect dst{screen_rect_.x, screen_rect_.y, w, h};
  SDL_RenderCopy(renderer_, texture_, nullptr, &dst);
}

void GuiApp::draw_status_bar() {
  std::uint64_t now = SDL_GetPerformanceCounter();
  double dt = double(now - stat_counter_) / double(SDL_GetPerformanceFrequency());
  if (dt >= 0.5) {
    std::uint64_t cyc = m_.cpu().cycles(), insns = dbg_->instructions();
    Tick ticks = m_.now();
    double mhz = double(cyc - stat_cycles_) / dt / 1e6;
    double ips = double(insns - stat_insns_) / dt;
    double pct = ticks_to_seconds(ticks - stat_ticks_) / dt * 100.0;
    status_ = fmt::format("{:.2f} MHz  {:.2f} M instr/s  {:.0f}% of real time", mhz, ips / 1e6,
                          pct);
    stat_counter_ = now;
    stat_cycles_ = cyc;
    stat_insns_ = insns;
    stat_ticks_ = ticks;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  float h = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - h));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x, h));
  ImGuiWindowFlags fl = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                        ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 2));
  if (ImGui::Begin("##status", nullptr, fl)) {
    const char* state = !powered_ ? "OFF" : running() ? "RUNNING" : "PAUSED";
    ImGui::Text("%s  |  %s  |  %s%s", state, status_.c_str(),
                captured_ ? "input captured (Right Ctrl releases)  " : "", message_.c_str());
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

void GuiApp::draw_menu(bool& quit) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("Machine")) {
    if (ImGui::MenuItem("Power", nullptr, powered_)) power(!powered_);
    if (ImGui::MenuItem("Reset")) reset();
    if (ImGui::MenuItem("Ctrl-Alt-Del", nullptr, false, m_.kbc() != nullptr)) ctrl_alt_del();
    ImGui::Separator();
    if (ImGui::MenuItem(running() ? "Pause" : "Resume", "F5")) running() ? pause() : resume();
    ImGui::Separator();
    if (ImGui::MenuItem("Attach disk image...", nullptr, false, m_.ide() != nullptr))
      browser_open_ = true;
    if (ImGui::MenuItem("Eject disk", nullptr, false, !disk_path_.empty())) eject_disk();
    if (ImGui::MenuItem("Screenshot", "F12")) {
      std::string err;
      if (screenshot(err).empty()) message_ = err;
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Quit")) quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Debug")) {
    bool p = !running() && powered_;
    if (ImGui::MenuItem("Step into", "F11", false, p)) step_into();
    if (ImGui::MenuItem("Step over", "F10", false, p)) step_over();
    if (ImGui::MenuItem("Step out", "Shift+F11", false, p)) step_out();
    bool trace = dbg_->trace_enabled();
    if (ImGui::MenuItem("Record bus trace", nullptr, trace)) dbg_->set_trace_enabled(!trace);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Speed")) {
    struct { const char* name; double pct; } kSpeeds[] = {
        {"Real time (100%)", 100}, {"25%", 25}, {"50%", 50}, {"200%", 200},
        {"400%", 400}, {"As fast as possible", 0}};
    for (auto& s : kSpeeds)
      if (ImGui::MenuItem(s.name, nullptr, opt_.speed_percent == s.pct)) opt_.speed_percent = s.pct;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    for (std::size_t i = 0; i < kWindowCount; ++i)
      ImGui::MenuItem(window_title(Window(i)), nullptr, &shown_[i]);
    ImGui::Separator();
    ImGui::MenuItem("Aspect-correct (4:3)", nullptr, &opt_.aspect_correct);
    ImGui::MenuItem("Integer scaling", nullptr, &opt_.integer_scale);
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void GuiApp::remember_rect(Window w) {
  ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
  rects_[std::size_t(w)] = {int(p.x), int(p.y), int(s.x), int(s.y)};
}

bool GuiApp::frame() {
  bool quit = false;
  handle_events(quit);
  // Debugger keys (when the guest does not own the keyboard).
  if (!captured_ && !ImGui::GetIO().WantTextInput) {
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F5)) running() ? pause() : resume();
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F10)) step_over();
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F11))
      ImGui::GetIO().KeyShift ? step_out() : step_into();
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F12)) {
      std::string err;
      if (screenshot(err).empty()) message_ = err;
    }
  }
  emulate();
  upload_frame();
  if (opt_.max_seconds > 0 && m_.seconds() >= opt_.max_seconds) quit = true;
  if (guest_shutdown_ && opt_.quit_on_shutdown) quit = true;

  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  rects_ = {};
  draw_menu(quit);
  if (shown(Window::kRegisters)) draw_registers();
  if (shown(Window::kDisassembly)) draw_disassembly();
  if (shown(Window::kMemory)) draw_memory();
  if (shown(Window::kStack)) draw_stack();
  if (shown(Window::kBreakpoints)) draw_breakpoints();
  if (shown(Window::kHistory)) draw_history();
  if (shown(Window::kDevices)) draw_devices();
  if (shown(Window::kConsole)) draw_console();
  if (browser_open_) draw_file_browser();
  draw_status_bar();
  ImGui::Render();

  SDL_SetRenderDrawColor(renderer_, 24, 24, 28, 255);
  SDL_RenderClear(renderer_);
  draw_screen();
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  SDL_RenderPresent(renderer_);
  // Without vsync (software renderer, Xvfb), don't spin: about 60 frames per second.
  if (running() && opt_.speed_percent > 0) SDL_Delay(5);
  else if (!running()) SDL_Delay(15);
  return !quit;
}

std::vector<std::uint8_t> GuiApp::read_pixels(int& w, int& h) {
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  std::vector<std::uint8_t> px(std::size_t(w) * h * 4);
  // The back buffer after present is undefined: redraw the last frame's content first.
  SDL_SetRenderDrawColor(renderer_, 24, 24, 28, 255);
  SDL_RenderClear(renderer_);
  draw_screen();
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, px.data(), w * 4) != 0)
    px.clear();
  return px;
}

int GuiApp::run() {
  while (frame()) {
  }
  m_.finish();
  std::fflush(stdout);
  fmt::print(stderr, "quartz run: window closed after {:.3f} emulated seconds{}\n",
             m_.seconds(), guest_shutdown_ ? " (guest shutdown)" : "");
  return 0;
}

int run_window(Machine& machine, const GuiOptions& options) {
  if (machine.config().debug_port) {
    machine.set_debug_sink([](char c) {
      std::fputc(c, stdout);
      if (c == '\n') std::fflush(stdout);
    });
  }
  GuiOptions o = options;
  if (o.max_seconds <= 0) o.max_seconds = machine.config().max_seconds;
  GuiApp app(machine, o);
  std::string error;
  if (!app.init(error)) {
    fmt::print(stderr, "quartz run: {}; running headless\n", error);
    machine.set_debug_sink(nullptr);
    return kWindowUnavailable;
  }
  return app.run();
}

}  // namespace quartz::gui
