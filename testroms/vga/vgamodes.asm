; vgamodes: boots, exercises the VGA BIOS through INT 10h and draws a known picture in
; mode 13h, then reports results on port E9h and shuts down. tests/vga/test_machine.cpp
; boots it and checks the frame and the reported values against the IBM documentation.
;
; Picture (mode 13h, 320x200): DAC entries 0-255 set by INT 10h AX=1012h to a grey ramp
; (entry i = i/4 on all three components); pixel (x, y) = (x + 2*y) & 0FFh written through
; the A000h window for y < 100; rows 100-199 drawn with INT 10h AH=0Ch as colour x & 0FFh.
%include "vgaboot.inc"

        ; --- text mode queries (mode 03h set by the VGA BIOS at init) ---------------------
        mov     ah, 0Fh
        int     10h
        mov     si, n_getmode
        call    report16                      ; AH columns, AL mode
        mov     ax, 1A00h
        int     10h
        mov     si, n_dcc
        call    report16                      ; AL 1Ah
        mov     ax, bx
        mov     si, n_dcc_bx
        call    report16
        mov     ah, 12h
        mov     bl, 10h
        int     10h
        mov     ax, bx
        mov     si, n_ega_info
        call    report16
        mov     ax, 1130h
        mov     bh, 06h
        int     10h
        mov     ax, cx
        mov     si, n_font_height
        call    report16
        mov     al, dl
        xor     ah, ah
        mov     si, n_font_rows
        call    report16
        ; Text output through teletype and write string, then read back char/attribute.
        mov     ax, 1301h
        mov     bx, 001Eh
        mov     cx, msg_hello_len
        mov     dx, 0A05h                     ; row 10, column 5
        push    cs
        pop     es
        mov     bp, msg_hello
        int     10h
        mov     ah, 03h
        xor     bh, bh
        int     10h
        mov     ax, dx
        mov     si, n_cursor
        call    report16                      ; expect row 10, column 5 + length
        mov     ah, 02h
        mov     dx, 0A05h
        int     10h
        mov     ah, 08h
        int     10h
        mov     si, n_readchar
        call    report16                      ; expect 1E48h ('H' on yellow-on-blue)

        ; --- mode 13h ------------------------------------------------------------------
        mov     ax, 0013h
        int     10h
        mov     ah, 0Fh
        int     10h
        mov     si, n_getmode
        call    report16
        ; Grey ramp DAC through INT 10h AX=1012h.
        mov     di, dac_buf
        xor     bx, bx
.ramp:  mov     al, bl
        shr     al, 1
        shr     al, 1
        mov     [di], al
        mov     [di+1], al
        mov     [di+2], al
        add     di, 3
        inc     bl
        jnz     .ramp
        mov     ax, 1012h
        xor     bx, bx
        mov     cx, 256
        mov     dx, dac_buf
        push    cs
        pop     es
        int     10h
        ; Read one entry back (AX=1015h).
        mov     ax, 1015h
        mov     bx, 0081h
        int     10h
        mov     ax, dx
        mov     si, n_dac_read
        call    report16                      ; DH = 20h
        ; Top half through memory.
        mov     ax, 0A000h
        mov     es, ax
        xor     di, di
        xor     dx, dx                        ; y
.row:   xor     cx, cx                        ; x
        mov     bl, dl
        shl     bl, 1
.px:    mov     al, cl
        add     al, bl
        stosb
        inc     cx
        cmp     cx, 320
        jb      .px
        inc     dx
        cmp     dx, 100
        jb      .row
        ; Bottom half through INT 10h AH=0Ch.
        mov     dx, 100
.row2:  xor     cx, cx
.px2:   mov     al, cl
        mov     ah, 0Ch
        xor     bh, bh
        int     10h
        inc     cx
        cmp     cx, 320
        jb      .px2
        inc     dx
        cmp     dx, 200
        jb      .row2
        ; Read a pixel back (AH=0Dh).
        mov     ah, 0Dh
        mov     cx, 123
        mov     dx, 150
        int     10h
        xor     ah, ah
        mov     si, n_readpixel
        call    report16                      ; 123 = 7Bh
        ; Wait for two vertical retraces so the frame is complete, then stop.
        mov     cx, 4
        mov     dx, [0463h]                   ; CRTC base from the BDA: input status 1 = +6
        add     dx, 6
.vr1:   in      al, dx
        test    al, 08h
        jnz     .vr1
.vr2:   in      al, dx
        test    al, 08h
        jz      .vr2
        loop    .vr1
        jmp     finish

n_getmode:      db "getmode", 0
n_dcc:          db "dcc_al", 0
n_dcc_bx:       db "dcc_bx", 0
n_ega_info:     db "ega_info_bx", 0
n_font_height:  db "font_height", 0
n_font_rows:    db "font_rows", 0
n_cursor:       db "cursor", 0
n_readchar:     db "readchar", 0
n_dac_read:     db "dac_read_dx", 0
n_readpixel:    db "readpixel", 0
msg_hello:      db "Hello VGA"
msg_hello_len   equ $ - msg_hello

dac_buf         equ 0600h

        times   (1 + PROGRAM_SECTORS) * 512 - ($ - $$) db 0
        times   1024 * 1024 - ($ - $$) db 0
