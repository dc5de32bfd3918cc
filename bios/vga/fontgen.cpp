// Build-time generator for the VGA BIOS data tables (bios/vga/FONTS.md):
//   * the 8x8, 8x14 and 8x16 code page 437 fonts, taken from the public-domain X11 misc-fixed
//     fonts of Debian's xfonts-base (5x8 and 8x13, ISO 10646 encoded) and fitted to the cells;
//     box-drawing, block and shade characters are drawn here procedurally so that they join
//     across cells (the 9th-dot line graphics of the VGA expects that);
//   * the default DAC tables (64-entry EGA, CGA-compatible and monochrome sets, 256-colour set).
// Usage: quartz_vga_fontgen <5x8.pcf.gz> <8x13.pcf.gz> <clR8x8.pcf.gz> <out.inc>
// (the Schumacher Clean 8x8 font supplies the printable ASCII glyphs of the 8x8 set).
// Any problem with an input file is reported with its name and a non-zero exit.
#include <zlib.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// Code page 437 -> Unicode (IBM PC character set, including the 01h-1Fh and 7Fh symbols).
constexpr std::array<std::uint16_t, 256> kCp437 = {
    0x0000, 0x263A, 0x263B, 0x2665, 0x2666, 0x2663, 0x2660, 0x2022, 0x25D8, 0x25CB, 0x25D9,
    0x2642, 0x2640, 0x266A, 0x266B, 0x263C, 0x25BA, 0x25C4, 0x2195, 0x203C, 0x00B6, 0x00A7,
    0x25AC, 0x21A8, 0x2191, 0x2193, 0x2192, 0x2190, 0x221F, 0x2194, 0x25B2, 0x25BC, 0x0020,
    0x0021, 0x0022, 0x0023, 0x0024, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029, 0x002A, 0x002B,
    0x002C, 0x002D, 0x002E, 0x002F, 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036,
    0x0037, 0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F, 0x0040, 0x0041,
    0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047, 0x0048, 0x0049, 0x004A, 0x004B, 0x004C,
    0x004D, 0x004E, 0x004F, 0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057,
    0x0058, 0x0059, 0x005A, 0x005B, 0x005C, 0x005D, 0x005E, 0x005F, 0x0060, 0x0061, 0x0062,
    0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D,
    0x006E, 0x006F, 0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, 0x0078,
    0x0079, 0x007A, 0x007B, 0x007C, 0x007D, 0x007E, 0x2302, 0x00C7, 0x00FC, 0x00E9, 0x00E2,
    0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4,
    0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
    0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1,
    0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551,
    0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C,
    0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568,
    0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588,
    0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5,
    0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1,
    0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F,
    0x00B2, 0x25A0, 0x00A0};

struct Glyph {
  int width = 0, ascent = 0, descent = 0, lsb = 0;
  std::vector<std::uint8_t> rows;  // one byte per row, MSB = leftmost ink column (lsb)
};

struct PcfFont {
  std::string path;
  int font_ascent = 0, font_descent = 0;
  std::map<std::uint16_t, Glyph> glyphs;
};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

std::vector<std::uint8_t> read_gz(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) fail(path, "cannot open (install the Debian package xfonts-base)");
  std::vector<std::uint8_t> data;
  std::uint8_t buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) data.insert(data.end(), buf, buf + n);
  gzclose(f);
  if (n < 0) fail(path, "corrupt gzip data");
  return data;
}

// PCF (X11 portable compiled font): a table of contents of typed tables, each starting with
// its own format word that gives its byte order and bitmap padding.
class PcfReader {
 public:
  PcfReader(std::string path, std::vector<std::uint8_t> d) : path_(std::move(path)), d_(std::move(d)) {}
  std::uint32_t u32(std::size_t at, bool msb) const {
    need(at + 4);
    return msb ? std::uint32_t(d_[at]) << 24 | d_[at + 1] << 16 | d_[at + 2] << 8 | d_[at + 3]
               : std::uint32_t(d_[at + 3]) << 24 | d_[at + 2] << 16 | d_[at + 1] << 8 | d_[at];
  }
  int s16(std::size_t at, bool msb) const {
    need(at + 2);
    return std::int16_t(msb ? d_[at] << 8 | d_[at + 1] : d_[at + 1] << 8 | d_[at]);
  }
  std::uint8_t u8(std::size_t at) const { need(at + 1); return d_[at]; }
  void need(std::size_t end) const { if (end > d_.size()) fail(path_, "truncated PCF file"); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<std::uint8_t> d_;
};

PcfFont load_pcf(const std::string& path) {
  PcfReader r(path, read_gz(path));
  if (r.u32(0, false) != 0x70636601) fail(path, "not a PCF font");
  std::uint32_t count = r.u32(4, false);
  std::map<std::uint32_t, std::uint32_t> table;  // type -> offset
  for (std::uint32_t i = 0; i < count; ++i)
    table[r.u32(8 + i * 16, false)] = r.u32(8 + i * 16 + 12, false);
  const std::uint32_t kAccel = 1 << 1, kMetrics = 1 << 2, kBitmaps = 1 << 3, kEnc = 1 << 5,
                      kBdfAccel = 1 << 8;
  for (std::uint32_t t : {kMetrics, kBitmaps, kEnc})
    if (!table.count(t)) fail(path, "PCF table missing");
  PcfFont font;
  font.path = path;
  {
    std::uint32_t at = table.count(kBdfAccel) ? table[kBdfAccel] : table.count(kAccel) ? table[kAccel] : 0;
    if (!at) fail(path, "PCF accelerator table missing");
    bool msb = r.u32(at, false) & 4;
    font.font_ascent = int(r.u32(at + 12, msb));
    font.font_descent = int(r.u32(at + 16, msb));
  }
  std::vector<Glyph> metrics;
  {
    std::uint32_t at = table[kMetrics];
    std::uint32_t fmt = r.u32(at, false);
    bool msb = fmt & 4;
    if (fmt & 0x100) {
      int n = r.s16(at + 4, msb);
      for (int i = 0; i < n; ++i) {
        std::size_t p = at + 6 + i * 5;
        Glyph g;
        g.lsb = r.u8(p) - 0x80;
        int rsb = r.u8(p + 1) - 0x80;
        g.width = rsb - g.lsb;
        g.ascent = r.u8(p + 3) - 0x80;
        g.descent = r.u8(p + 4) - 0x80;
        metrics.push_back(g);
      }
    } else {
      std::uint32_t n = r.u32(at + 4, msb);
      for (std::uint32_t i = 0; i < n; ++i) {
        std::size_t p = at + 8 + i * 12;
        Glyph g;
        g.lsb = r.s16(p, msb);
        g.width = r.s16(p + 2, msb) - g.lsb;
        g.ascent = r.s16(p + 6, msb);
        g.descent = r.s16(p + 8, msb);
        metrics.push_back(g);
      }
    }
  }
  {
    std::uint32_t at = table[kBitmaps];
    std::uint32_t fmt = r.u32(at, false);
    bool msb = fmt & 4, msbit = fmt & 8;
    unsigned pad = 1u << (fmt & 3);
    std::uint32_t n = r.u32(at + 4, msb);
    if (n != metrics.size()) fail(path, "PCF bitmap and metric counts differ");
    std::size_t data = at + 8 + n * 4 + 16;
    for (std::uint32_t i = 0; i < n; ++i) {
      Glyph& g = metrics[i];
      std::size_t off = data + r.u32(at + 8 + i * 4, msb);
      unsigned stride = ((unsigned(g.width) + 7) / 8 + pad - 1) / pad * pad;
      for (int y = 0; y < g.ascent + g.descent; ++y) {
        std::uint8_t b = r.u8(off + y * stride);  // widths here are <= 8
        if (!msbit) {
          std::uint8_t rev = 0;
          for (int k = 0; k < 8; ++k) if (b & (1 << k)) rev |= 0x80 >> k;
          b = rev;
        }
        g.rows.push_back(b);
      }
    }
  }
  {
    std::uint32_t at = table[kEnc];
    bool msb = r.u32(at, false) & 4;
    int min2 = r.s16(at + 4, msb), max2 = r.s16(at + 6, msb);
    int min1 = r.s16(at + 8, msb), max1 = r.s16(at + 10, msb);
    int cols = max2 - min2 + 1;
    for (int b1 = min1; b1 <= max1; ++b1)
      for (int b2 = min2; b2 <= max2; ++b2) {
        std::size_t p = at + 14 + 2 * std::size_t((b1 - min1) * cols + (b2 - min2));
        int idx = r.s16(p, msb) & 0xFFFF;
        if (idx != 0xFFFF && std::size_t(idx) < metrics.size())
          font.glyphs[std::uint16_t(b1 << 8 | b2)] = metrics[idx];
      }
  }
  return font;
}

// --- procedural box drawing -----------------------------------------------------------------
// Each of U+2500-256C in CP437 is four arms (up, down, left, right), each 0 none, 1 single,
// 2 double.
struct Arms { int u, d, l, r; };
bool box_arms(std::uint16_t u, Arms& a) {
  static const std::map<std::uint16_t, Arms> k = {
      {0x2500, {0, 0, 1, 1}}, {0x2502, {1, 1, 0, 0}}, {0x250C, {0, 1, 0, 1}},
      {0x2510, {0, 1, 1, 0}}, {0x2514, {1, 0, 0, 1}}, {0x2518, {1, 0, 1, 0}},
      {0x251C, {1, 1, 0, 1}}, {0x2524, {1, 1, 1, 0}}, {0x252C, {0, 1, 1, 1}},
      {0x2534, {1, 0, 1, 1}}, {0x253C, {1, 1, 1, 1}}, {0x2550, {0, 0, 2, 2}},
      {0x2551, {2, 2, 0, 0}}, {0x2552, {0, 1, 0, 2}}, {0x2553, {0, 2, 0, 1}},
      {0x2554, {0, 2, 0, 2}}, {0x2555, {0, 1, 2, 0}}, {0x2556, {0, 2, 1, 0}},
      {0x2557, {0, 2, 2, 0}}, {0x2558, {1, 0, 0, 2}}, {0x2559, {2, 0, 0, 1}},
      {0x255A, {2, 0, 0, 2}}, {0x255B, {1, 0, 2, 0}}, {0x255C, {2, 0, 1, 0}},
      {0x255D, {2, 0, 2, 0}}, {0x255E, {1, 1, 0, 2}}, {0x255F, {2, 2, 0, 1}},
      {0x2560, {2, 2, 0, 2}}, {0x2561, {1, 1, 2, 0}}, {0x2562, {2, 2, 1, 0}},
      {0x2563, {2, 2, 2, 0}}, {0x2564, {0, 1, 2, 2}}, {0x2565, {0, 2, 1, 1}},
      {0x2566, {0, 2, 2, 2}}, {0x2567, {1, 0, 2, 2}}, {0x2568, {2, 0, 1, 1}},
      {0x2569, {2, 0, 2, 2}}, {0x256A, {1, 1, 2, 2}}, {0x256B, {2, 2, 1, 1}},
      {0x256C, {2, 2, 2, 2}}};
  auto it = k.find(u);
  if (it == k.end()) return false;
  a = it->second;
  return true;
}

// Draw a box character into an 8-wide cell of height h. Single lines run along column 3 and
// row m; double lines along columns 2 and 4 and rows m-1 and m+1. Where double lines meet,
// the inner corner stays open and the outer rails join, as in the IBM character set.
std::vector<std::uint8_t> draw_box(const Arms& a, int h) {
  std::vector<std::uint8_t> rows(h, 0);
  const int m = h / 2 - 1 + (h >= 14 ? 1 : 0);
  auto set = [&](int x, int y) { if (x >= 0 && x < 8 && y >= 0 && y < h) rows[y] |= 0x80 >> x; };
  auto vline = [&](int x, int y0, int y1) { for (int y = y0; y <= y1; ++y) set(x, y); };
  auto hline = [&](int y, int x0, int x1) { for (int x = x0; x <= x1; ++x) set(x, y); };
  const bool dh = a.l == 2 || a.r == 2, dv = a.u == 2 || a.d == 2;
  // Vertical arms.
  if (a.u == 1) vline(3, 0, dh ? m - 1 : m);
  if (a.d == 1) vline(3, dh ? m + 1 : m, h - 1);
  if (a.u == 2) {
    vline(2, 0, a.l == 2 ? m - 1 : a.r == 2 ? m + 1 : m);
    vline(4, 0, a.r == 2 ? m - 1 : a.l == 2 ? m + 1 : m);
  }
  if (a.d == 2) {
    vline(2, a.l == 2 ? m + 1 : a.r == 2 ? m - 1 : m, h - 1);
    vline(4, a.r == 2 ? m + 1 : a.l == 2 ? m - 1 : m, h - 1);
  }
  // Horizontal arms.
  const bool both_dv = a.u == 2 && a.d == 2;
  if (a.l == 1) hline(m, 0, both_dv ? 2 : dv ? 4 : 3);
  if (a.r == 1) hline(m, both_dv ? 4 : dv ? 2 : 3, 7);
  if (a.l == 2) {
    hline(m - 1, 0, a.u == 2 ? 2 : a.u == 1 ? 3 : a.d == 2 ? 4 : a.d == 1 ? 3 : 7);
    hline(m + 1, 0, a.d == 2 ? 2 : a.d == 1 ? 3 : a.u == 2 ? 4 : a.u == 1 ? 3 : 7);
  }
  if (a.r == 2) {
    hline(m - 1, a.u == 2 ? 4 : a.u == 1 ? 3 : a.d == 2 ? 2 : a.d == 1 ? 3 : 0, 7);
    hline(m + 1, a.d == 2 ? 4 : a.d == 1 ? 3 : a.u == 2 ? 2 : a.u == 1 ? 3 : 0, 7);
  }
  return rows;
}

// Blocks and shades (B0-B2, DB-DF, FE), drawn for the cell height.
bool draw_block(std::uint16_t u, int h, std::vector<std::uint8_t>& rows) {
  rows.assign(h, 0);
  switch (u) {
    case 0x2591: for (int y = 0; y < h; ++y) rows[y] = y % 2 ? 0x22 : 0x88; return true;
    case 0x2592: for (int y = 0; y < h; ++y) rows[y] = y % 2 ? 0x55 : 0xAA; return true;
    case 0x2593: for (int y = 0; y < h; ++y) rows[y] = y % 2 ? 0xDD : 0x77; return true;
    case 0x2588: for (int y = 0; y < h; ++y) rows[y] = 0xFF; return true;
    case 0x2584: for (int y = h / 2; y < h; ++y) rows[y] = 0xFF; return true;
    case 0x2580: for (int y = 0; y < h / 2; ++y) rows[y] = 0xFF; return true;
    case 0x258C: for (int y = 0; y < h; ++y) rows[y] = 0xF0; return true;
    case 0x2590: for (int y = 0; y < h; ++y) rows[y] = 0x0F; return true;
    default: return false;
  }
}

// Fit a font glyph into an 8 x h cell: baseline placed so the font's ascent+descent box is
// centred vertically, glyph columns shifted by `xoff`.
std::vector<std::uint8_t> fit(const PcfFont& f, std::uint16_t u, int h, int xoff) {
  std::vector<std::uint8_t> rows(h, 0);
  auto it = f.glyphs.find(u);
  if (it == f.glyphs.end()) return rows;
  const Glyph& g = it->second;
  const int box = f.font_ascent + f.font_descent;
  const int top = (h - box + 1) / 2;  // cell row of the font's top line
  const int baseline = top + f.font_ascent;
  for (int y = 0; y < int(g.rows.size()); ++y) {
    int cy = baseline - g.ascent + y;
    if (cy < 0 || cy >= h) continue;
    int shift = g.lsb + xoff;
    std::uint8_t b = g.rows[y];
    rows[cy] |= shift >= 0 ? std::uint8_t(b >> shift) : std::uint8_t(b << -shift);
  }
  return rows;
}

// `ascii` (optional): a font whose glyphs replace f's for the printable ASCII range.
std::vector<std::uint8_t> make_font(const PcfFont& f, int h, int xoff,
                                    const PcfFont* ascii = nullptr) {
  std::vector<std::uint8_t> out;
  for (int c = 0; c < 256; ++c) {
    std::uint16_t u = kCp437[c];
    std::vector<std::uint8_t> rows;
    Arms a;
    if (c == 0 || c == 0x20 || c == 0xFF) rows.assign(h, 0);
    else if (box_arms(u, a)) rows = draw_box(a, h);
    else if (ascii && c > 0x20 && c < 0x7F && ascii->glyphs.count(u)) {
      rows = fit(*ascii, u, h, 0);
      // Keep column 7 free as the spacing column (the PC fonts' convention) when the glyph
      // leaves column 0 empty.
      std::uint8_t ink = 0;
      for (std::uint8_t r : rows) ink |= r;
      if ((ink & 0x01) && !(ink & 0x80))
        for (std::uint8_t& r : rows) r = std::uint8_t(r << 1);
    }
    else if (!draw_block(u, h, rows)) rows = fit(f, u, h, xoff);
    out.insert(out.end(), rows.begin(), rows.end());
  }
  return out;
}

void emit(std::FILE* o, const char* label, const std::vector<std::uint8_t>& v, int per_line) {
  std::fprintf(o, "%s:\n", label);
  for (std::size_t i = 0; i < v.size(); i += per_line) {
    std::fprintf(o, "    db ");
    for (int k = 0; k < per_line && i + k < v.size(); ++k)
      std::fprintf(o, "%s0x%02X", k ? "," : "", v[i + k]);
    std::fprintf(o, "\n");
  }
}

// Default DAC contents. EGA 64-colour set: bits 2/1/0 = R/G/B at 2/3 intensity, bits 5/4/3 =
// r/g/b at 1/3 (IBM EGA/VGA palette register meaning). Monochrome set: bit 3 video (2/3),
// bit 4 intensity (1/3). 256-colour set: 16 CGA colours, a 16-step grey ramp, then nine
// 24-step hue circles (3 brightness x 3 saturation levels), then 8 blacks.
std::vector<std::uint8_t> dac_ega() {
  std::vector<std::uint8_t> v;
  for (int i = 0; i < 64; ++i) {
    v.push_back(std::uint8_t((i & 4 ? 42 : 0) + (i & 32 ? 21 : 0)));
    v.push_back(std::uint8_t((i & 2 ? 42 : 0) + (i & 16 ? 21 : 0)));
    v.push_back(std::uint8_t((i & 1 ? 42 : 0) + (i & 8 ? 21 : 0)));
  }
  return v;
}
// 200-line modes (04h-06h, 0Dh, 0Eh): the CGA-compatible set, bits 2/1/0 = R/G/B and bit 4 =
// intensity, with colour 6 as brown (green at half level), as CGA monitors show it.
std::vector<std::uint8_t> dac_cga() {
  std::vector<std::uint8_t> v;
  for (int i = 0; i < 64; ++i) {
    int c = (i & 7) | (i & 0x10 ? 8 : 0);
    int in = c & 8 ? 21 : 0;
    int r = (c & 4 ? 42 : 0) + in, g = (c & 2 ? 42 : 0) + in, b = (c & 1 ? 42 : 0) + in;
    if (c == 6) g = 21;
    v.insert(v.end(), {std::uint8_t(r), std::uint8_t(g), std::uint8_t(b)});
  }
  return v;
}
std::vector<std::uint8_t> dac_mono() {
  std::vector<std::uint8_t> v;
  for (int i = 0; i < 64; ++i) {
    std::uint8_t g = std::uint8_t((i & 8 ? 42 : 0) + (i & 16 ? 21 : 0));
    v.insert(v.end(), {g, g, g});
  }
  return v;
}
std::vector<std::uint8_t> dac_256() {
  std::vector<std::uint8_t> v;
  static const int cga[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07,
                              0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F};
  std::vector<std::uint8_t> ega = dac_ega();
  for (int i = 0; i < 16; ++i)
    for (int c = 0; c < 3; ++c) v.push_back(ega[cga[i] * 3 + c]);
  static const int grey[16] = {0, 5, 8, 11, 14, 17, 20, 24, 28, 32, 36, 40, 45, 50, 56, 63};
  for (int g : grey) v.insert(v.end(), {std::uint8_t(g), std::uint8_t(g), std::uint8_t(g)});
  static const int levels[9][5] = {{0, 16, 31, 47, 63},  {31, 39, 47, 55, 63}, {45, 49, 54, 58, 63},
                                   {0, 7, 14, 21, 28},   {14, 17, 21, 24, 28}, {20, 22, 24, 26, 28},
                                   {0, 4, 8, 12, 16},    {8, 10, 12, 14, 16},  {11, 12, 13, 15, 16}};
  for (const auto& l : levels) {
    // Walk the hue circle blue -> magenta -> red -> yellow -> green -> cyan -> blue.
    for (int s = 0; s < 24; ++s) {
      int seg = s / 4, k = s % 4;
      int up = l[k], down = l[4 - k], lo = l[0], hi = l[4];
      int r = 0, g = 0, b = 0;
      switch (seg) {
        case 0: r = up; g = lo; b = hi; break;
        case 1: r = hi; g = lo; b = down; break;
        case 2: r = hi; g = up; b = lo; break;
        case 3: r = down; g = hi; b = lo; break;
        case 4: r = lo; g = hi; b = up; break;
        default: r = lo; g = down; b = hi; break;
      }
      v.insert(v.end(), {std::uint8_t(r), std::uint8_t(g), std::uint8_t(b)});
    }
  }
  while (v.size() < 768) v.push_back(0);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s <5x8.pcf.gz> <8x13.pcf.gz> <clR8x8.pcf.gz> <out.inc>\n",
                 argv[0]);
    return 2;
  }
  try {
    PcfFont small = load_pcf(argv[1]);
    PcfFont large = load_pcf(argv[2]);
    PcfFont clean = load_pcf(argv[3]);
    std::vector<std::uint8_t> f8 = make_font(small, 8, 1, &clean);
    std::vector<std::uint8_t> f14 = make_font(large, 14, 0);
    std::vector<std::uint8_t> f16 = make_font(large, 16, 0);
    std::FILE* o = std::fopen(argv[4], "w");
    if (!o) {
      std::fprintf(stderr, "%s: cannot open for writing\n", argv[4]);
      return 1;
    }
    std::fprintf(o, "; Generated by bios/vga/fontgen.cpp from X11 misc-fixed (public domain) and\n"
                    "; Schumacher Clean 8x8 (Copyright 1989 Dale Schumacher; see FONTS.md).\n");
    emit(o, "font8x8", f8, 8);
    emit(o, "font8x14", f14, 14);
    emit(o, "font8x16", f16, 16);
    emit(o, "dac_ega", dac_ega(), 12);
    emit(o, "dac_mono", dac_mono(), 12);
    emit(o, "dac_cga", dac_cga(), 12);
    emit(o, "dac_256", dac_256(), 12);
    std::fclose(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
