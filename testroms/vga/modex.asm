; modex: unchained 320x240 256-colour "mode X" programmed by direct register writes on top
; of mode 13h (sequencer memory mode, CRTC underline/mode control and 480-line vertical
; timing, 25 MHz clock), DAC loaded through 3C8h/3C9h. Pixel (x, y) = (x XOR y) & 0FFh, drawn
; plane by plane through the map mask. DAC entry i = (i/4, (3i/4) & 3Fh, 63 - i/4).
; tests/vga/test_machine.cpp checks the resulting 640x480 frame.
%include "vgaboot.inc"

        mov     ax, 0013h
        int     10h
        mov     dx, 3C4h
        mov     ax, 0604h                     ; chain-4 off, odd/even off
        out     dx, ax
        mov     dx, 3D4h
        mov     ax, 0014h                     ; doubleword off
        out     dx, ax
        mov     ax, 0E317h                    ; byte mode
        out     dx, ax
        mov     dx, 3C2h
        mov     al, 0E3h                      ; 25 MHz, 480-line sync polarity
        out     dx, al
        mov     dx, 3D4h
        mov     si, crtc_480
        mov     cx, crtc_480_count
.crtc:  lodsw
        out     dx, ax
        loop    .crtc
        ; DAC through the ports.
        mov     dx, 3C8h
        xor     al, al
        out     dx, al
        inc     dx
        xor     bx, bx
.dac:   mov     al, bl
        shr     al, 1
        shr     al, 1
        out     dx, al
        mov     al, bl
        mov     ah, 3
        mul     ah
        shr     ax, 1
        shr     ax, 1
        and     al, 3Fh
        out     dx, al
        mov     al, bl
        shr     al, 1
        shr     al, 1
        mov     ah, 63
        sub     ah, al
        mov     al, ah
        out     dx, al
        inc     bl
        jnz     .dac
        ; Pixels, one plane at a time.
        mov     ax, 0A000h
        mov     es, ax
        xor     bp, bp                        ; plane
.plane: mov     dx, 3C4h
        mov     ax, bp
        mov     cl, al
        mov     ah, 1
        shl     ah, cl
        mov     al, 02h
        out     dx, ax
        xor     di, di
        xor     bx, bx                        ; y
.y:     xor     cx, cx                        ; byte column
.x:     mov     ax, cx
        shl     ax, 1
        shl     ax, 1
        add     ax, bp                        ; x = 4 * column + plane
        xor     al, bl
        stosb
        inc     cx
        cmp     cx, 80
        jb      .x
        inc     bx
        cmp     bx, 240
        jb      .y
        inc     bp
        cmp     bp, 4
        jb      .plane
        ; Let two full frames pass, then stop.
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

crtc_480:
        dw      2C11h                         ; unprotect, vertical retrace end
        dw      0D06h, 3E07h, 0EA10h, 0AC11h, 0DF12h, 0E715h, 0616h
crtc_480_count equ ($ - crtc_480) / 2

        times   (1 + PROGRAM_SECTORS) * 512 - ($ - $$) db 0
        times   1024 * 1024 - ($ - $$) db 0
