%define GFX_MODE 07h
%include "vgagfx.asm"
