%define GFX_MODE 11h
%include "vgagfx.asm"
