%define GFX_MODE 13h
%include "vgagfx.asm"
