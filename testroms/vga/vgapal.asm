; vgapal: INT 10h palette/DAC functions (AH=10h), CGA palette (AH=0Bh) and state information
; (AH=1Bh) in mode 03h and 04h; each result is reported on port E9h for tests/vga.
%include "vgaboot.inc"

        ; AX=1000h / 1007h: palette register 5 := 2Ah, read back.
        mov     ax, 1000h
        mov     bx, 2A05h
        int     10h
        mov     ax, 1007h
        mov     bl, 05h
        int     10h
        mov     al, bh
        xor     ah, ah
        mov     si, n_palreg
        call    report16                      ; 002A
        ; AX=1001h / 1008h: overscan.
        mov     ax, 1001h
        mov     bh, 11h
        int     10h
        mov     ax, 1008h
        int     10h
        mov     al, bh
        xor     ah, ah
        mov     si, n_overscan
        call    report16                      ; 0011
        ; AX=1010h / 1015h: DAC entry 40h := (01h, 22h, 3Fh).
        mov     ax, 1010h
        mov     bx, 0040h
        mov     dh, 01h
        mov     cx, 223Fh
        int     10h
        xor     dx, dx
        xor     cx, cx
        mov     ax, 1015h
        mov     bx, 0040h
        int     10h
        mov     ax, dx
        mov     si, n_dac_dx
        call    report16                      ; 01xx
        mov     ax, cx
        mov     si, n_dac_cx
        call    report16                      ; 223F
        ; AX=1018h / 1019h: PEL mask.
        mov     ax, 1018h
        mov     bl, 0F0h
        int     10h
        mov     ax, 1019h
        xor     bl, bl
        int     10h
        mov     al, bl
        xor     ah, ah
        mov     si, n_pelmask
        call    report16                      ; 00F0
        mov     ax, 1018h
        mov     bl, 0FFh
        int     10h
        ; AX=1003h BL=0: intensity instead of blink -> attribute mode control bit 3 clear.
        mov     ax, 1003h
        xor     bl, bl
        int     10h
        mov     dx, 3DAh
        in      al, dx
        mov     dx, 3C0h
        mov     al, 30h                       ; index 10h, PAS on
        out     dx, al
        inc     dx
        in      al, dx
        xor     ah, ah
        mov     si, n_acmode
        call    report16                      ; mode 03h 0Ch with bit 3 cleared = 0004
        ; AX=101Bh: grey sum entry 40h (01h, 22h, 3Fh) -> (77*1 + 151*34 + 28*63 + 128) / 256.
        mov     ax, 101Bh
        mov     bx, 0040h
        mov     cx, 1
        int     10h
        mov     ax, 1015h
        mov     bx, 0040h
        int     10h
        mov     ax, cx
        mov     si, n_grey
        call    report16
        ; AH=12h BL=33h AL=0: grey summing on; AX=1010h then sums the entry it writes.
        mov     ax, 1200h
        mov     bl, 33h
        int     10h
        mov     ax, 1010h
        mov     bx, 0041h
        mov     dh, 01h
        mov     cx, 223Fh
        int     10h
        mov     ax, 1200h + 01h
        mov     bl, 33h
        int     10h
        mov     ax, 1015h
        mov     bx, 0041h
        int     10h
        mov     ax, cx
        mov     si, n_grey_auto
        call    report16
        ; AH=1Bh state information.
        push    cs
        pop     es
        mov     di, state_buf
        mov     ah, 1Bh
        xor     bx, bx
        int     10h
        xor     ah, ah
        mov     si, n_state_al
        call    report16                      ; 001B
        mov     al, [state_buf + 04h]
        mov     ah, [state_buf + 05h]
        mov     si, n_state_mode
        call    report16                      ; cols low byte, mode: 5003
        mov     al, [state_buf + 22h]
        mov     ah, [state_buf + 23h]
        mov     si, n_state_rows
        call    report16                      ; height 10h, rows 19h: 1019
        mov     ax, [state_buf + 27h]
        mov     si, n_state_colors
        call    report16                      ; 0010
        mov     al, [state_buf + 2Ah]
        mov     ah, [state_buf + 29h]
        mov     si, n_state_lines
        call    report16                      ; pages 8, scan lines code 2: 0802
        les     bx, [state_buf]
        mov     al, [es:bx]
        mov     ah, [es:bx + 2]
        mov     si, n_static
        call    report16                      ; modes 10h-13h 0Fh, modes 00h-07h FFh: 0FFF
        ; Mode 04h: AH=0Bh palette 0 with intensity background 9 -> palette registers 1-3.
        mov     ax, 0004h
        int     10h
        mov     ah, 0Bh
        mov     bx, 0000h
        int     10h
        mov     ah, 0Bh
        mov     bx, 0100h
        int     10h
        mov     ax, 1007h
        mov     bl, 1
        int     10h
        mov     al, bh
        mov     ah, 0
        push    ax
        mov     ax, 1007h
        mov     bl, 3
        int     10h
        pop     ax
        mov     ah, bh
        mov     si, n_cga_pal
        call    report16                      ; regs 1 and 3 of palette 0: 02h, 06h -> 0602
        jmp     finish

n_palreg:       db "palreg", 0
n_overscan:     db "overscan", 0
n_dac_dx:       db "dac_dx", 0
n_dac_cx:       db "dac_cx", 0
n_pelmask:      db "pelmask", 0
n_acmode:       db "acmode", 0
n_grey:         db "grey_cx", 0
n_grey_auto:    db "grey_auto_cx", 0
n_state_al:     db "state_al", 0
n_state_mode:   db "state_mode", 0
n_state_rows:   db "state_rows", 0
n_state_colors: db "state_colors", 0
n_state_lines:  db "state_lines", 0
n_static:       db "static", 0
n_cga_pal:      db "cga_pal", 0

state_buf       equ 0600h

        times   (1 + PROGRAM_SECTORS) * 512 - ($ - $$) db 0
        times   1024 * 1024 - ($ - $$) db 0
