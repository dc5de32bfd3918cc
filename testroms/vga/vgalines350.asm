%define LINES_CODE 1
%include "vgalines.asm"
