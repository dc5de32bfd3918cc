%define GFX_MODE 0Dh
%include "vgagfx.asm"
