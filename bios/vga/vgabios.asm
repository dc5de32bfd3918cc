; Quartz VGA BIOS: option ROM at C0000h for the IBM VGA chip model in devices/vga/.
; 8086 instructions only. Interface and data as the IBM VGA Technical Reference (BIOS
; chapter) and Ralf Brown's Interrupt List describe INT 10h; BIOS data area 40:49-40:8A.
cpu 8086
bits 16
org 0

ROM_BLOCKS equ 64                       ; 32 KiB

    db 55h, 0AAh, ROM_BLOCKS
    jmp near vga_init                     ; offset 3: called far by the system BIOS ROM scan
    db 0
    db 'Quartz VGA BIOS', 0
    db 'IBM VGA compatible', 0
    db '8x8 ASCII glyphs: Copyright 1989 Dale Schumacher', 0

%include "bda.inc"
%include "modes.inc"
%include "init.inc"
%include "int10.inc"
%include "setmode.inc"
%include "text.inc"
%include "graphics.inc"
%include "palette.inc"
%include "font.inc"
%include "misc.inc"

    align 16
%include "vgafont.inc"

    times (ROM_BLOCKS * 512 - 1) - ($ - $$) db 0
    db 0                                  ; checksum, set by quartz_romsum
