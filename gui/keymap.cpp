// SDL scancodes follow the USB HID Usage Tables (keyboard page 07h), so one table maps a
// physical key position to the PC key at the same place, whatever the host layout.
#include "gui/keymap.hpp"

#include <SDL.h>

#include <utility>

namespace quartz::gui {

namespace {

constexpr std::pair<SDL_Scancode, HostKey> kMap[] = {
    {SDL_SCANCODE_ESCAPE, HostKey::Escape}, {SDL_SCANCODE_F1, HostKey::F1},
    {SDL_SCANCODE_F2, HostKey::F2}, {SDL_SCANCODE_F3, HostKey::F3},
    {SDL_SCANCODE_F4, HostKey::F4}, {SDL_SCANCODE_F5, HostKey::F5},
    {SDL_SCANCODE_F6, HostKey::F6}, {SDL_SCANCODE_F7, HostKey::F7},
    {SDL_SCANCODE_F8, HostKey::F8}, {SDL_SCANCODE_F9, HostKey::F9},
    {SDL_SCANCODE_F10, HostKey::F10}, {SDL_SCANCODE_F11, HostKey::F11},
    {SDL_SCANCODE_F12, HostKey::F12}, {SDL_SCANCODE_PRINTSCREEN, HostKey::PrintScreen},
    {SDL_SCANCODE_SCROLLLOCK, HostKey::ScrollLock}, {SDL_SCANCODE_PAUSE, HostKey::Pause},
    {SDL_SCANCODE_GRAVE, HostKey::Backquote}, {SDL_SCANCODE_1, HostKey::Digit1},
    {SDL_SCANCODE_2, HostKey::Digit2}, {SDL_SCANCODE_3, HostKey::Digit3},
    {SDL_SCANCODE_4, HostKey::Digit4}, {SDL_SCANCODE_5, HostKey::Digit5},
    {SDL_SCANCODE_6, HostKey::Digit6}, {SDL_SCANCODE_7, HostKey::Digit7},
    {SDL_SCANCODE_8, HostKey::Digit8}, {SDL_SCANCODE_9, HostKey::Digit9},
    {SDL_SCANCODE_0, HostKey::Digit0}, {SDL_SCANCODE_MINUS, HostKey::Minus},
    {SDL_SCANCODE_EQUALS, HostKey::Equals}, {SDL_SCANCODE_BACKSPACE, HostKey::Backspace},
    {SDL_SCANCODE_TAB, HostKey::Tab}, {SDL_SCANCODE_Q, HostKey::Q}, {SDL_SCANCODE_W, HostKey::W},
    {SDL_SCANCODE_E, HostKey::E}, {SDL_SCANCODE_R, HostKey::R}, {SDL_SCANCODE_T, HostKey::T},
    {SDL_SCANCODE_Y, HostKey::Y}, {SDL_SCANCODE_U, HostKey::U}, {SDL_SCANCODE_I, HostKey::I},
    {SDL_SCANCODE_O, HostKey::O}, {SDL_SCANCODE_P, HostKey::P},
    {SDL_SCANCODE_LEFTBRACKET, HostKey::LeftBracket},
    {SDL_SCANCODE_RIGHTBRACKET, HostKey::RightBracket},
    {SDL_SCANCODE_BACKSLASH, HostKey::Backslash}, {SDL_SCANCODE_CAPSLOCK, HostKey::CapsLock},
    {SDL_SCANCODE_A, HostKey::A}, {SDL_SCANCODE_S, HostKey::S}, {SDL_SCANCODE_D, HostKey::D},
    {SDL_SCANCODE_F, HostKey::F}, {SDL_SCANCODE_G, HostKey::G}, {SDL_SCANCODE_H, HostKey::H},
    {SDL_SCANCODE_J, HostKey::J}, {SDL_SCANCODE_K, HostKey::K}, {SDL_SCANCODE_L, HostKey::L},
    {SDL_SCANCODE_SEMICOLON, HostKey::Semicolon}, {SDL_SCANCODE_APOSTROPHE, HostKey::Quote},
    {SDL_SCANCODE_RETURN, HostKey::Enter}, {SDL_SCANCODE_LSHIFT, HostKey::LeftShift},
    {SDL_SCANCODE_Z, HostKey::Z}, {SDL_SCANCODE_X, HostKey::X}, {SDL_SCANCODE_C, HostKey::C},
    {SDL_SCANCODE_V, HostKey::V}, {SDL_SCANCODE_B, HostKey::B}, {SDL_SCANCODE_N, HostKey::N},
    {SDL_SCANCODE_M, HostKey::M}, {SDL_SCANCODE_COMMA, HostKey::Comma},
    {SDL_SCANCODE_PERIOD, HostKey::Period}, {SDL_SCANCODE_SLASH, HostKey::Slash},
    {SDL_SCANCODE_RSHIFT, HostKey::RightShift}, {SDL_SCANCODE_LCTRL, HostKey::LeftCtrl},
    {SDL_SCANCODE_LGUI, HostKey::LeftGui}, {SDL_SCANCODE_LALT, HostKey::LeftAlt},
    {SDL_SCANCODE_SPACE, HostKey::Space}, {SDL_SCANCODE_RALT, HostKey::RightAlt},
    {SDL_SCANCODE_RGUI, HostKey::RightGui}, {SDL_SCANCODE_APPLICATION, HostKey::Menu},
    {SDL_SCANCODE_RCTRL, HostKey::RightCtrl}, {SDL_SCANCODE_INSERT, HostKey::Insert},
    {SDL_SCANCODE_HOME, HostKey::Home}, {SDL_SCANCODE_PAGEUP, HostKey::PageUp},
    {SDL_SCANCODE_DELETE, HostKey::Delete}, {SDL_SCANCODE_END, HostKey::End},
    {SDL_SCANCODE_PAGEDOWN, HostKey::PageDown}, {SDL_SCANCODE_UP, HostKey::Up},
    {SDL_SCANCODE_LEFT, HostKey::Left}, {SDL_SCANCODE_DOWN, HostKey::Down},
    {SDL_SCANCODE_RIGHT, HostKey::Right}, {SDL_SCANCODE_NUMLOCKCLEAR, HostKey::NumLock},
    {SDL_SCANCODE_KP_DIVIDE, HostKey::KpDivide}, {SDL_SCANCODE_KP_MULTIPLY, HostKey::KpMultiply},
    {SDL_SCANCODE_KP_MINUS, HostKey::KpMinus}, {SDL_SCANCODE_KP_7, HostKey::Kp7},
    {SDL_SCANCODE_KP_8, HostKey::Kp8}, {SDL_SCANCODE_KP_9, HostKey::Kp9},
    {SDL_SCANCODE_KP_PLUS, HostKey::KpPlus}, {SDL_SCANCODE_KP_4, HostKey::Kp4},
    {SDL_SCANCODE_KP_5, HostKey::Kp5}, {SDL_SCANCODE_KP_6, HostKey::Kp6},
    {SDL_SCANCODE_KP_1, HostKey::Kp1}, {SDL_SCANCODE_KP_2, HostKey::Kp2},
    {SDL_SCANCODE_KP_3, HostKey::Kp3}, {SDL_SCANCODE_KP_ENTER, HostKey::KpEnter},
    {SDL_SCANCODE_KP_0, HostKey::Kp0}, {SDL_SCANCODE_KP_PERIOD, HostKey::KpPeriod},
    {SDL_SCANCODE_NONUSBACKSLASH, HostKey::NonUsBackslash},
};

}  // namespace

std::optional<HostKey> host_key_for_sdl(int sc) {
  for (auto& [s, k] : kMap)
    if (s == sc) return k;
  return std::nullopt;
}

}  // namespace quartz::gui
