%define GFX_MODE 06h
%include "vgagfx.asm"
