%define LINES_CODE 0
%include "vgalines.asm"
