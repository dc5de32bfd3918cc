%define GFX_MODE 04h
%include "vgagfx.asm"
