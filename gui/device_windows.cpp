// The Devices window: read-only views of each chip's state through its const accessors.
#include <SDL.h>
#include <imgui.h>

#include <vector>

#include <fmt/core.h>

#include "gui/gui_app.hpp"

namespace quartz::gui {

namespace {

void bits(const char* label, std::uint8_t v) {
  ImGui::Text("%-4s %02X  %c%c%c%c%c%c%c%c", label, v, v & 0x80 ? '1' : '0', v & 0x40 ? '1' : '0',
              v & 0x20 ? '1' : '0', v & 0x10 ? '1' : '0', v & 0x08 ? '1' : '0',
              v & 0x04 ? '1' : '0', v & 0x02 ? '1' : '0', v & 0x01 ? '1' : '0');
}

void pic_view(const char* name, const Pic& p) {
  ImGui::TextUnformatted(name);
  ImGui::Indent();
  bits("IRR", p.irr());
  bits("ISR", p.isr());
  bits("IMR", p.imr());
  ImGui::Text("ICW2 (vector base) %02X  %s%s%s", p.icw2(), p.initialized() ? "" : "initialising ",
              p.auto_eoi() ? "AEOI " : "", p.level_triggered() ? "level" : "edge");
  ImGui::Unindent();
}

template <std::size_t N>
void reg_row(const char* name, const std::array<std::uint8_t, N>& regs) {
  std::string s;
  for (std::size_t i = 0; i < N; ++i) s += fmt::format("{:02X} ", regs[i]);
  ImGui::Text("%-4s %s", name, s.c_str());
}

}  // namespace

void GuiApp::draw_devices() {
  bool& open = shown_[std::size_t(Window::kDevices)];
  ImGui::SetNextWindowPos(ImVec2(300, 120), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(560, 420), ImGuiCond_FirstUseEver);
  if (ImGui::Begin(window_title(Window::kDevices), &open)) {
    remember_rect(Window::kDevices);
    auto tab_flags = [this](const char* name) {
      return device_tab_ == name ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    };
    if (ImGui::BeginTabBar("dev")) {
      if (PicPair* pp = m_.pics(); pp && ImGui::BeginTabItem("PIC", nullptr, tab_flags("PIC"))) {
        pic_view("master (20h)", pp->master());
        pic_view("slave (A0h)", pp->slave());
        ImGui::EndTabItem();
      }
      if (Pit* pit = m_.pit(); pit && ImGui::BeginTabItem("PIT", nullptr, tab_flags("PIT"))) {
        ImGui::Text("%.*s", int(pit->name().size()), pit->name().data());
        for (int i = 0; i < 3; ++i) {
          const PitCounter& c = pit->counter(i);
          ImGui::Text("counter %d: mode %u  rw %u  %s count %04X  reload %04X  OUT %d  GATE %d%s", i,
                      c.mode(), c.rw_mode(), c.bcd() ? "BCD" : "bin", c.count(),
                      c.count_register(), c.out(), c.gate(), c.null_count() ? "  null" : "");
        }
        ImGui::EndTabItem();
      }
      if (Kbc8042* k = m_.kbc(); k && ImGui::BeginTabItem("KBC", nullptr, tab_flags("KBC"))) {
        bits("ST", k->status());
        ImGui::Text("command byte %02X  output port %02X  A20 %s  IRQ1 %d", k->command_byte(),
                    k->output_port(), k->a20() ? "on" : "off", k->irq1_level());
        ImGui::EndTabItem();
      }
      if (Cmos* c = m_.cmos(); c && ImGui::BeginTabItem("CMOS", nullptr, tab_flags("CMOS"))) {
        RtcTime t = c->time();
        (void)t;
        ImGui::Text("index %02X  NMI %s", c->index(), c->nmi_masked() ? "masked" : "enabled");
        for (int row = 0; row < 8; ++row) {
          std::string s = fmt::format("{:02X}:", row * 16);
          for (int i = 0; i < 16; ++i) s += fmt::format(" {:02X}", c->peek(std::uint8_t(row * 16 + i)));
          ImGui::TextUnformatted(s.c_str());
        }
        ImGui::EndTabItem();
      }
      if (DmaPair* d = m_.dma(); d && ImGui::BeginTabItem("DMA", nullptr, tab_flags("DMA"))) {
        for (unsigned ctl = 0; ctl < 2; ++ctl) {
          const Dma8237& c = d->controller(ctl);
          ImGui::Text("controller %u: command %02X mask %02X", ctl, c.command(), c.mask());
          for (unsigned ch = 0; ch < 4; ++ch) {
            const auto& x = c.channel(ch);
            ImGui::Text("  ch%u addr %04X/%04X count %04X/%04X mode %02X", ctl * 4 + ch,
                        x.current_address, x.base_address, x.current_count, x.base_count, x.mode);
          }
        }
        ImGui::EndTabItem();
      }
      if (IdeController* ide = m_.ide(); ide && ImGui::BeginTabItem("IDE", nullptr, tab_flags("IDE"))) {
        ImGui::Text("selected device %u  INTRQ %d", ide->selected(), ide->intrq());
        for (unsigned dev = 0; dev < 2; ++dev) {
          bits(dev ? "ST1" : "ST0", ide->peek_status(dev));
          // The task file registers 1F1h-1F7h of this device (ATA-2 section 7.2).
          const auto tf = ide->peek_task_file(dev);
          const auto geo = ide->current_geometry(dev);
          ImGui::Text("  err %02X feat %02X count %02X sector %02X cyl %02X%02X dev/head %02X",
                      tf.error, tf.features, tf.sector_count, tf.sector_number,
                      tf.cylinder_high, tf.cylinder_low, tf.device_head);
          const auto name = IdeController::command_name(tf.command);
          ImGui::Text("  last command %02X %.*s%s  geometry %u/%u/%u  multiple %u", tf.command,
                      int(name.size()), name.data(), tf.data_phase ? "  (data phase)" : "",
                      unsigned(geo.cylinders), unsigned(geo.heads), unsigned(geo.sectors),
                      ide->multiple_count(dev));
        }
        ImGui::Text("disk: %s", disk_path_.empty() ? "(from the command line)" : disk_path_.c_str());
        ImGui::EndTabItem();
      }
      if (Vga* v = m_.vga(); v && ImGui::BeginTabItem("VGA", nullptr, tab_flags("VGA"))) {
        const Frame& f = v->last_frame();
        const auto& g = v->geometry();
        ImGui::Text("frame %ux%u #%llu  %.2f Hz  %u chars x %u lines, %u dots per char", f.width, f.height,
                    (unsigned long long)f.number, g.frame_hz(), g.hdisplay, g.vdisplay,
                    g.char_dots);
        reg_row("SEQ", v->sequencer().regs);
        reg_row("CRTC", v->crtc().regs);
        reg_row("GC", v->graphics_controller().regs);
        ImGui::TextUnformatted("DAC palette:");
        const Dac& dac = v->dac();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImVec2 p = ImGui::GetCursorScreenPos();
        for (int i = 0; i < 256; ++i) {
          std::uint32_t c = dac.rgb(std::uint8_t(i));
          ImVec2 a(p.x + float(i % 32) * 12, p.y + float(i / 32) * 12);
          dl->AddRectFilled(a, ImVec2(a.x + 11, a.y + 11),
                            IM_COL32((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, 255));
        }
        ImGui::Dummy(ImVec2(32 * 12, 8 * 12));
        draw_vga_font();
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    device_tab_.clear();
  }
  ImGui::End();
}

void GuiApp::draw_vga_font() {
  // Text-mode glyphs live in plane 2, 32 bytes per character (IBM VGA Technical Reference,
  // "Character generator"); the sequencer's character map select (index 03h) chooses the
  // 8 KiB block, map A in bits 5,3,2 (block = bit5 | bits3-2 << 1).
  Vga* v = m_.vga();
  const unsigned rows = (v->crtc().regs[0x09] & 0x1F) + 1u;
  const std::uint8_t sel = v->sequencer().regs[3];
  const unsigned block = ((sel >> 5) & 1) | (((sel >> 2) & 3) << 1);
  const int tw = 32 * 8, th = int(8 * rows);
  if (!font_tex_ || font_tex_h_ != th) {
    if (font_tex_) SDL_DestroyTexture(font_tex_);
    font_tex_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32,
                                  SDL_TEXTUREACCESS_STREAMING, tw, th);
    font_tex_h_ = th;
  }
  if (!font_tex_) return;
  std::vector<std::uint32_t> px(std::size_t(tw) * th);
  for (unsigned c = 0; c < 256; ++c)
    for (unsigned r = 0; r < rows; ++r) {
      std::uint8_t bitsrow = v->planes().plane(2, block * 0x2000 + c * 32 + r);
      for (unsigned x = 0; x < 8; ++x) {
        std::size_t at = std::size_t((c / 32) * rows + r) * tw + (c % 32) * 8 + x;
        px[at] = (bitsrow & (0x80 >> x)) ? 0xFFFFFFFFu : 0xFF000000u;
      }
    }
  SDL_UpdateTexture(font_tex_, nullptr, px.data(), tw * 4);
  ImGui::Text("font: block %u, %u scan lines per character (%s mode)", block, rows,
              v->attribute_controller().graphics() ? "graphics" : "text");
  ImGui::Image(reinterpret_cast<ImTextureID>(font_tex_), ImVec2(float(tw * 2), float(th * 2)));
}

}  // namespace quartz::gui
