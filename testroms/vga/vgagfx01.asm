%define GFX_MODE 01h
%include "vgagfx.asm"
