%define GFX_MODE 10h
%include "vgagfx.asm"
