; vgafont: INT 10h AH=11h in text mode. Loads the ROM 8x8 set with recalculation
; (AX=1112h: 80x50), writes 'A' (41h) with attribute 1Fh at row 0 column 0 and 'B' at row 49
; column 79, reports the BDA rows/height and the AX=1130h answers, then stops. The machine test
; compares the rendered cells with the 8x8 glyphs read from the ROM image.
%include "vgaboot.inc"

        mov     ax, 1112h
        xor     bl, bl
        int     10h
        mov     al, [0484h]
        xor     ah, ah
        mov     si, n_rows
        call    report16                      ; 49 = 31h
        mov     ax, [0485h]
        mov     si, n_height
        call    report16                      ; 8
        mov     ax, [044Ch]
        mov     si, n_pagesize
        call    report16                      ; 80 * 50 * 2 = 1F40h
        mov     ax, 1130h
        mov     bh, 03h                       ; ROM 8x8 font
        int     10h
        mov     ax, bp
        mov     si, n_font_off
        call    report16
        mov     ax, es
        mov     si, n_font_seg
        call    report16
        mov     ax, cx
        mov     si, n_font_cx
        call    report16
        ; Cursor shape is off-screen for the test picture: hide it (CH bit 5).
        mov     ah, 01h
        mov     cx, 2000h
        int     10h
        mov     ah, 02h
        xor     bh, bh
        xor     dx, dx
        int     10h
        mov     ax, 0941h
        mov     bx, 001Fh
        mov     cx, 1
        int     10h
        mov     ah, 02h
        mov     dx, 314Fh                     ; row 49, column 79
        int     10h
        mov     ax, 0942h
        mov     bx, 004Eh
        int     10h
        mov     cx, 3
        mov     dx, 3DAh
.vr1:   in      al, dx
        test    al, 08h
        jnz     .vr1
.vr2:   in      al, dx
        test    al, 08h
        jz      .vr2
        loop    .vr1
        jmp     finish

n_rows:         db "rows", 0
n_height:       db "height", 0
n_pagesize:     db "pagesize", 0
n_font_off:     db "font8x8_off", 0
n_font_seg:     db "font8x8_seg", 0
n_font_cx:      db "font_cx", 0

        times   (1 + PROGRAM_SECTORS) * 512 - ($ - $$) db 0
        times   1024 * 1024 - ($ - $$) db 0
