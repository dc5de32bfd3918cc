; Quartz BIOS: the system ROM for F0000h-FFFFFh (64 KiB), written for the Quartz emulator
; from the IBM PC/AT Technical Reference and the published BIOS interface documents (Ralf
; Brown's Interrupt List, Phoenix EDD 1.1). 8086 instructions only, so one image runs on
; the 8088, 8086 and 80286; the single 286-only routine (INT 15h AH=87h) is reached only
; after POST has identified a 286.
;
; Build: nasm -f bin -I bios/system/ bios.asm; then a checksum byte at FFFFh is patched so
; the 64 KiB sum to zero (bios/system/rom_checksum.cpp). Pass -DMODEL_PC for the PC model
; byte (FFh) instead of the AT's (FCh).

        cpu     8086
        bits    16
        org     0

%include "bda.inc"

%define BIOS_VERSION "0.1"
%ifdef MODEL_PC
MODEL_BYTE      equ 0FFh
%else
MODEL_BYTE      equ 0FCh
%endif
POST_PORT       equ 80h
DEBUG_PORT      equ 0E9h
POST_STACK_TOP  equ 7000h           ; POST and boot stack: 0000:7000h, below the boot sector
EQUIP_VIDEO_80X25_COLOR equ 0020h

; fixed_at: pad to an IBM-compatible fixed entry point (IBM PC/AT Technical Reference,
; BIOS listing). NASM stops with an error if the code before it grew past the address.
%macro fixed_at 1
        times   (%1) - ($ - $$) db 0
%endmacro

rom_start:
        db      "Quartz BIOS ", BIOS_VERSION, " for the Quartz PC emulator. 8086/8088/80286, PC and AT boards.", 0

%include "util.inc"
%include "post.inc"
%include "services.inc"
%include "timer.inc"
%include "rtc.inc"
%include "boot.inc"
%include "int15.inc"
%include "blockmove.inc"
%include "video.inc"
%include "keyboard.inc"
%include "disk.inc"
%include "kbd_tables.inc"

code_end:

; ---- IBM fixed entry points: software that jumps or calls into the ROM directly. ----
        fixed_at 0E05Bh             ; POST
        jmp     post_entry
        fixed_at 0E2C3h             ; NMI
        jmp     int02_nmi
        fixed_at 0E3FEh             ; INT 13h fixed disk
        jmp     int13_disk
        fixed_at 0E6F2h             ; INT 19h
        jmp     int19_boot
        fixed_at 0E739h             ; INT 14h
        jmp     int14_serial
        fixed_at 0E82Eh             ; INT 16h
        jmp     int16_keyboard
        fixed_at 0E987h             ; INT 09h
        jmp     int09_keyboard
        fixed_at 0EC59h             ; INT 13h diskette
        jmp     int13_disk
        fixed_at 0EF57h             ; INT 0Eh
        jmp     int0e_floppy
        fixed_at 0EFD2h             ; INT 17h
        jmp     int17_printer
        fixed_at 0F065h             ; INT 10h
        jmp     int10_video
        fixed_at 0F841h             ; INT 12h
        jmp     int12_memory
        fixed_at 0F84Dh             ; INT 11h
        jmp     int11_equipment
        fixed_at 0F859h             ; INT 15h
        jmp     int15_system
        fixed_at 0FE6Eh             ; INT 1Ah
        jmp     int1a_time
        fixed_at 0FEA5h             ; INT 08h
        jmp     int08_timer
        fixed_at 0FF53h             ; dummy interrupt return
        iret
        fixed_at 0FF54h             ; INT 05h print screen
        jmp     int05_print_screen

        fixed_at 0FFF0h             ; reset vector: the CPU starts at F000:FFF0h
        jmp     0F000h:0E05Bh
        db      "11/23/26"          ; BIOS date at F000:FFF5h
        db      0
        db      MODEL_BYTE          ; F000:FFFEh
        db      0                   ; checksum, patched after assembly
