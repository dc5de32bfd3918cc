// The debugger windows: thin views over machine/debugger's Debugger (all logic lives there).
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/core.h>

#include "gui/gui_app.hpp"

namespace quartz::gui {

namespace {

const ImVec4 kCurrent(1.0f, 0.85f, 0.3f, 1.0f);
const ImVec4 kBreak(1.0f, 0.35f, 0.35f, 1.0f);
const ImVec4 kChanged(1.0f, 0.4f, 0.4f, 1.0f);
const ImVec4 kDim(0.6f, 0.6f, 0.6f, 1.0f);

bool begin(Window w, bool& open, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(size, ImGuiCond_FirstUseEver);
  return ImGui::Begin(window_title(w), &open);
}

}  // namespace

void GuiApp::draw_registers() {
  bool& open = shown_[std::size_t(Window::kRegisters)];
  if (begin(Window::kRegisters, open, ImVec2(10, 30), ImVec2(380, 240))) {
    remember_rect(Window::kRegisters);
    const bool editable = !running();
    CpuState s = dbg_->regs();
    bool edited = false;
    struct R { const char* name; std::uint16_t* v; };
    R regs[] = {{"AX", &s.ax}, {"BX", &s.bx}, {"CX", &s.cx}, {"DX", &s.dx},
                {"SP", &s.sp}, {"BP", &s.bp}, {"SI", &s.si}, {"DI", &s.di},
                {"CS", &s.cs}, {"DS", &s.ds}, {"ES", &s.es}, {"SS", &s.ss},
                {"IP", &s.ip}, {"FLAGS", &s.flags}};
    ImGui::BeginDisabled(!editable);
    if (ImGui::BeginTable("regs", 4)) {
      for (auto& r : regs) {
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%-5s", r.name);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(42);
        std::string id = fmt::format("##r{}", r.name);
        edited |= ImGui::InputScalar(id.c_str(), ImGuiDataType_U16, r.v, nullptr, nullptr,
                                     "%04X", ImGuiInputTextFlags_CharsHexadecimal |
                                                 ImGuiInputTextFlags_EnterReturnsTrue);
      }
      ImGui::EndTable();
    }
    // FLAGS bits (8086 manual figure 2-9).
    static constexpr struct { const char* n; int bit; } kF[] = {
        {"OF", 11}, {"DF", 10}, {"IF", 9}, {"TF", 8}, {"SF", 7}, {"ZF", 6}, {"AF", 4},
        {"PF", 2}, {"CF", 0}};
    int col = 0;
    for (auto& f : kF) {
      bool on = (s.flags >> f.bit) & 1;
      if (ImGui::Checkbox(f.n, &on)) {
        s.flags = std::uint16_t((s.flags & ~(1u << f.bit)) | (unsigned(on) << f.bit));
        edited = true;
      }
      if (++col % 5) ImGui::SameLine();
    }
    if (col % 5) ImGui::NewLine();
    ImGui::EndDisabled();
    if (edited && editable) dbg_->set_regs(s);
    if (m_.cpu().model() == CpuModel::i80286) {
      ImGui::Separator();
      ImGui::Text("MSW %04X (PE=%d)  CPL %u", s.msw, s.msw & 1, s.cpl);
      ImGui::Text("GDTR %06X/%04X  IDTR %06X/%04X", s.gdtr.base, s.gdtr.limit, s.idtr.base,
                  s.idtr.limit);
      ImGui::Text("LDTR %04X base %06X  TR %04X base %06X", s.ldtr, s.ldtr_cache.base, s.tr,
                  s.tr_cache.base);
      static constexpr const char* kSeg[4] = {"ES", "CS", "SS", "DS"};
      for (int i = 0; i < 4; ++i)
        ImGui::Text("%s cache base %06X limit %04X access %02X", kSeg[i], s.seg_cache[i].base,
                    s.seg_cache[i].limit, s.seg_cache[i].access);
    }
    ImGui::TextColored(kDim, "%llu cycles, %llu instructions",
                       (unsigned long long)m_.cpu().cycles(),
                       (unsigned long long)dbg_->instructions());
  }
  ImGui::End();
}

void GuiApp::draw_disassembly() {
  bool& open = shown_[std::size_t(Window::kDisassembly)];
  if (begin(Window::kDisassembly, open, ImVec2(400, 30), ImVec2(560, 420))) {
    remember_rect(Window::kDisassembly);
    bool p = !running() && powered_;
    ImGui::BeginDisabled(!p);
    if (ImGui::Button("Step")) step_into();
    ImGui::SameLine();
    if (ImGui::Button("Over")) step_over();
    ImGui::SameLine();
    if (ImGui::Button("Out")) step_out();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(70);
    ImGui::InputInt("##n", &step_n_, 0, 0);
    step_n_ = std::max(1, step_n_);
    ImGui::SameLine();
    if (ImGui::Button("x instr")) after_stop(dbg_->step_into(std::uint64_t(step_n_)));
    ImGui::SameLine();
    if (ImGui::Button("x clocks")) after_stop(dbg_->step_cycles(std::uint64_t(step_n_)));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(running() ? "Pause" : "Run")) running() ? pause() : resume();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    if (ImGui::InputText("Go to", goto_buf_, sizeof goto_buf_,
                         ImGuiInputTextFlags_EnterReturnsTrue)) {
      std::uint32_t a;
      std::string err;
      if (dbg_->parse_address(goto_buf_, a, err)) disasm_addr_ = a;
      else message_ = err;
    }
    ImGui::Separator();
    std::vector<debugger::DisasmLine> lines;
    if (disasm_addr_) {
      std::uint32_t a = *disasm_addr_;
      lines = dbg_->disassemble(a, std::uint16_t((a >> 4) & 0xF000),
                                std::uint16_t(a - ((a >> 4) & 0xF000) * 16), 40);
    } else {
      lines = dbg_->disassemble_around_pc(8, 32);
    }
    ImGui::BeginChild("##lines");
    for (auto& l : lines) {
      if (!l.symbol.empty()) ImGui::TextColored(kDim, "%s:", l.symbol.c_str());
      std::string bytes;
      for (auto b : l.bytes) bytes += fmt::format("{:02X}", b);
      std::string cyc = l.last_cycles ? fmt::format("{:>4}", *l.last_cycles) : "    ";
      std::string text = fmt::format("{}{} {:04X}:{:04X}  {:<12} {:<30} {}",
                                     l.breakpoint ? '*' : ' ', l.current && !running() ? '>' : ' ',
                                     l.seg, l.off, bytes, l.insn.text, cyc);
      bool colored = l.breakpoint || (l.current && !running());
      if (colored) ImGui::PushStyleColor(ImGuiCol_Text, l.breakpoint ? kBreak : kCurrent);
      ImGui::PushID(int(l.linear));
      // Click: toggle a breakpoint; right click: run to cursor.
      if (ImGui::Selectable(text.c_str(), l.current && !running()))
        dbg_->toggle_exec_breakpoint(l.linear);
      if (ImGui::BeginPopupContextItem()) {
        if (ImGui::MenuItem("Run to cursor") && !running()) after_stop(dbg_->run_to(l.linear));
        if (ImGui::MenuItem("Toggle breakpoint")) dbg_->toggle_exec_breakpoint(l.linear);
        if (ImGui::MenuItem("Show in memory")) mem_addr_ = l.linear & ~0xFu;
        ImGui::EndPopup();
      }
      ImGui::PopID();
      if (colored) ImGui::PopStyleColor();
    }
    ImGui::EndChild();
  }
  ImGui::End();
}

void GuiApp::draw_memory() {
  bool& open = shown_[std::size_t(Window::kMemory)];
  if (begin(Window::kMemory, open, ImVec2(10, 460), ImVec2(640, 300))) {
    remember_rect(Window::kMemory);
    ImGui::SetNextItemWidth(120);
    if (ImGui::InputText("Address", mem_goto_buf_, sizeof mem_goto_buf_,
                         ImGuiInputTextFlags_EnterReturnsTrue)) {
      std::uint32_t a;
      std::string err;
      if (dbg_->parse_address(mem_goto_buf_, a, err)) {
        mem_addr_ = a & ~0xFu;
        mem_selected_ = a;
      } else {
        message_ = err;
      }
    }
    if (mem_selected_) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(50);
      std::string label = fmt::format("= {:06X}", *mem_selected_);
      if (ImGui::InputText(label.c_str(), mem_edit_buf_, sizeof mem_edit_buf_,
                           ImGuiInputTextFlags_CharsHexadecimal |
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
        unsigned v = 0;
        if (std::sscanf(mem_edit_buf_, "%x", &v) == 1) {
          dbg_->poke(*mem_selected_, std::uint8_t(v));
          mem_selected_ = *mem_selected_ + 1;  // typing on continues with the next byte
          mem_edit_buf_[0] = 0;
        }
      }
    }
    ImGui::TextColored(kDim, "red: changed since the last stop; click a byte to edit it");
    ImGui::Separator();
    ImGui::BeginChild("##hex");
    const std::uint32_t mask = m_.bus().address_mask();
    for (int row = 0; row < 32; ++row) {
      std::uint32_t a = (mem_addr_ + std::uint32_t(row) * 16) & mask;
      ImGui::Text("%06X ", a);
      std::string ascii;
      for (int i = 0; i < 16; ++i) {
        std::uint32_t b = (a + std::uint32_t(i)) & mask;
        std::uint8_t v = dbg_->peek(b);
        ascii += (v >= 0x20 && v < 0x7F) ? char(v) : '.';
        ImGui::SameLine(0, i == 8 ? 10 : 6);
        bool ch = dbg_->changed(b);
        bool sel = mem_selected_ && *mem_selected_ == b;
        if (ch) ImGui::PushStyleColor(ImGuiCol_Text, kChanged);
        std::string id = fmt::format("{:02X}##m{}", v, b);
        if (ImGui::Selectable(id.c_str(), sel, 0, ImGui::CalcTextSize("00"))) {
          mem_selected_ = b;
          *fmt::format_to_n(mem_edit_buf_, sizeof mem_edit_buf_ - 1, "{:02X}", v).out = '\0';
        }
        if (ch) ImGui::PopStyleColor();
      }
      ImGui::SameLine(0, 12);
      ImGui::TextUnformatted(ascii.c_str());
    }
    ImGui::EndChild();
  }
  ImGui::End();
}

void GuiApp::draw_stack() {
  bool& open = shown_[std::size_t(Window::kStack)];
  if (begin(Window::kStack, open, ImVec2(970, 30), ImVec2(300, 300))) {
    remember_rect(Window::kStack);
    CpuState s = dbg_->regs();
    for (int i = 0; i < 24; ++i) {
      std::uint16_t off = std::uint16_t(s.sp + 2 * i);
      std::uint16_t v = std::uint16_t(dbg_->peek(dbg_->linear(s.ss, off)) |
                                      dbg_->peek(dbg_->linear(s.ss, std::uint16_t(off + 1))) << 8);
      if (i == 0) ImGui::TextColored(kCurrent, "%04X:%04X  %04X  <- SP", s.ss, off, v);
      else ImGui::Text("%04X:%04X  %04X%s", s.ss, off, v, off == s.bp ? "  <- BP" : "");
    }
  }
  ImGui::End();
}

void GuiApp::draw_breakpoints() {
  bool& open = shown_[std::size_t(Window::kBreakpoints)];
  if (begin(Window::kBreakpoints, open, ImVec2(660, 460), ImVec2(610, 220))) {
    remember_rect(Window::kBreakpoints);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##add", "bp 0000:7c00 if ax == 1 | bpm w ds:0 2 | bpio r 60 | bpint 21",
                                 bp_buf_, sizeof bp_buf_, ImGuiInputTextFlags_EnterReturnsTrue)) {
      message_ = dbg_->execute(bp_buf_);
      if (!message_.empty() && message_.back() == '\n') message_.pop_back();
      bp_buf_[0] = 0;
    }
    int remove = 0;
    if (ImGui::BeginTable("bps", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
      ImGui::TableSetupColumn("on");
      ImGui::TableSetupColumn("kind");
      ImGui::TableSetupColumn("where");
      ImGui::TableSetupColumn("hits / condition");
      ImGui::TableSetupColumn("");
      ImGui::TableHeadersRow();
      for (const auto& b : dbg_->breakpoints()) {
        ImGui::PushID(b.id);
        ImGui::TableNextColumn();
        bool on = b.enabled;
        if (ImGui::Checkbox("##on", &on)) dbg_->enable_breakpoint(b.id, on);
        ImGui::TableNextColumn();
        static constexpr const char* kKinds[] = {"exec", "mem r", "mem w", "mem rw",
                                                 "io r", "io w", "io rw", "int"};
        ImGui::Text("%d %s", b.id, kKinds[int(b.kind)]);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.where.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%u%s%s", b.hits,
                    b.hit_target > 1 ? fmt::format(" of {}", b.hit_target).c_str() : "",
                    b.condition.empty() ? "" : (" if " + b.condition).c_str());
        ImGui::TableNextColumn();
        if (ImGui::SmallButton("x")) remove = b.id;
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    if (remove) dbg_->remove_breakpoint(remove);
    std::string session = (std::filesystem::path(opt_.config_dir) / "session.txt").string();
    if (ImGui::Button("Save session")) {
      std::string err;
      message_ = dbg_->save_session(session, err) ? "saved " + session : err;
    }
    ImGui::SameLine();
    if (ImGui::Button("Load session")) {
      std::string err;
      message_ = dbg_->load_session(session, err) ? "loaded " + session : err;
    }
  }
  ImGui::End();
}

void GuiApp::draw_history() {
  bool& open = shown_[std::size_t(Window::kHistory)];
  if (begin(Window::kHistory, open, ImVec2(400, 460), ImVec2(620, 300))) {
    remember_rect(Window::kHistory);
    bool trace = dbg_->trace_enabled();
    if (ImGui::Checkbox("Record bus trace (slower)", &trace)) dbg_->set_trace_enabled(trace);
    if (ImGui::BeginTabBar("hist")) {
      if (ImGui::BeginTabItem("Instructions")) {
        auto h = dbg_->history();
        ImGui::BeginChild("##h");
        std::size_t first = h.size() > 200 ? h.size() - 200 : 0;
        for (std::size_t i = first; i < h.size(); ++i) {
          auto in = debugger::decode_at([this](std::uint32_t a) { return dbg_->peek(a); },
                                        h[i].linear, h[i].regs.ip, m_.cpu().model());
          ImGui::Text("%8llu %04X:%04X %-26s AX=%04X BX=%04X CX=%04X DX=%04X SP=%04X %3u",
                      (unsigned long long)h[i].index, h[i].regs.cs, h[i].regs.ip,
                      in.text.c_str(), h[i].regs.ax, h[i].regs.bx, h[i].regs.cx, h[i].regs.dx,
                      h[i].regs.sp, h[i].cycles);
        }
        if (running()) ImGui::SetScrollHereY(1.0f);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Bus trace")) {
        auto t = dbg_->trace();
        ImGui::BeginChild("##t");
        std::size_t first = t.size() > 400 ? t.size() - 400 : 0;
        for (std::size_t i = first; i < t.size(); ++i) {
          const BusCycle& c = t[i].cycle;
          ImGui::Text("%8llu  %c addr %06X data %04X  T%u bus %u q%u",
                      (unsigned long long)t[i].instruction, c.ale ? 'A' : ' ', c.address,
                      c.data, c.t_state, c.bus_status, c.queue_op);
        }
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::End();
}

void GuiApp::draw_console() {
  bool& open = shown_[std::size_t(Window::kConsole)];
  if (begin(Window::kConsole, open, ImVec2(10, 300), ImVec2(560, 240))) {
    remember_rect(Window::kConsole);
    ImGui::BeginChild("##log", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()));
    ImGui::TextUnformatted(console_log_.c_str());
    if (scroll_console_) ImGui::SetScrollHereY(1.0f);
    scroll_console_ = false;
    ImGui::EndChild();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##cmd", "debugger command (help)", console_buf_,
                                 sizeof console_buf_, ImGuiInputTextFlags_EnterReturnsTrue)) {
      bool was_running = running();
      if (was_running) pause();
      console_log_ += fmt::format("> {}\n{}", console_buf_, dbg_->execute(console_buf_));
      if (console_log_.size() > 64 * 1024) console_log_.erase(0, console_log_.size() - 48 * 1024);
      console_buf_[0] = 0;
      scroll_console_ = true;
      disasm_addr_.reset();
      ImGui::SetKeyboardFocusHere(-1);
    }
  }
  ImGui::End();
}

void GuiApp::draw_file_browser() {
  // A small file chooser of our own: directories first, then files; click a file to attach.
  ImGui::SetNextWindowSize(ImVec2(520, 380), ImGuiCond_FirstUseEver);
  if (ImGui::Begin("Attach disk image", &browser_open_)) {
    ImGui::TextWrapped("%s", browser_dir_.c_str());
    if (ImGui::Button("..")) {
      browser_dir_ = std::filesystem::path(browser_dir_).parent_path().string();
    }
    ImGui::Separator();
    ImGui::BeginChild("##files");
    std::vector<std::filesystem::directory_entry> dirs, files;
    std::error_code ec;
    for (auto& e : std::filesystem::directory_iterator(browser_dir_, ec)) {
      if (e.is_directory(ec)) dirs.push_back(e);
      else if (e.is_regular_file(ec)) files.push_back(e);
    }
    auto by_name = [](auto& a, auto& b) { return a.path().filename() < b.path().filename(); };
    std::sort(dirs.begin(), dirs.end(), by_name);
    std::sort(files.begin(), files.end(), by_name);
    std::string next_dir;
    for (auto& d : dirs)
      if (ImGui::Selectable((d.path().filename().string() + "/").c_str()))
        next_dir = d.path().string();
    for (auto& f : files) {
      std::string label = fmt::format("{}  ({} KiB)", f.path().filename().string(),
                                      f.file_size(ec) / 1024);
      if (ImGui::Selectable(label.c_str())) {
        std::string err;
        if (attach_disk(f.path().string(), err)) browser_open_ = false;
        else message_ = err;
      }
    }
    if (!next_dir.empty()) browser_dir_ = next_dir;
    ImGui::EndChild();
  }
  ImGui::End();
}

}  // namespace quartz::gui
