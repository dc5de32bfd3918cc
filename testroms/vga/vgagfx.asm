; vgagfx: graphics-mode BIOS text and drawing. Sets mode GFX_MODE (default 12h), draws 16
; vertical colour bars with write mode 2 (planar modes) or AH=0Ch (CGA modes), prints lines
; with INT 10h teletype in colour 0Fh until the screen scrolls, clears a window with AH=06h,
; then stops. For visual checks and screenshots (quartz run --disk ... --screenshot).
%ifndef GFX_MODE
%define GFX_MODE 12h
%endif
%include "vgaboot.inc"

        mov     ax, GFX_MODE
        int     10h
        mov     ah, 0Fh
        int     10h
        mov     si, n_getmode
        call    report16
%if GFX_MODE == 13h
        ; Colour bars: pixel x gets colour x / 20 (16 bars).
        mov     ax, 0A000h
        mov     es, ax
        xor     di, di
        mov     bx, 200
.line:  xor     cx, cx
.col:   mov     ax, cx
        mov     dl, 20
        div     dl
        stosb
        inc     cx
        cmp     cx, 320
        jb      .col
        dec     bx
        jnz     .line
%elif GFX_MODE >= 0Dh
        ; Colour bars: byte column c gets colour (c / (cols/16)) via write mode 2.
        mov     dx, 3CEh
        mov     ax, 0205h
        out     dx, ax
        mov     ax, 0A000h
        mov     es, ax
        xor     di, di
        mov     bx, 200                       ; lines
.line:  xor     cx, cx
.col:   mov     al, cl
        shr     al, 1
        shr     al, 1
%if GFX_MODE == 0Dh
        shr     al, 1
        shl     al, 1
        shr     al, 1
%else
        shr     al, 1
%endif
        mov     ah, [es:di]
        stosb
        inc     cx
        cmp     cx, BYTES_PER_LINE
        jb      .col
        dec     bx
        jnz     .line
        mov     ax, 0005h
        out     dx, ax
%else
        ; CGA modes: bars with AH=0Ch.
        xor     dx, dx
.cl:    xor     cx, cx
.cp:    mov     al, cl
        shr     al, 1
        shr     al, 1
        shr     al, 1
        shr     al, 1
        shr     al, 1
        shr     al, 1
        mov     ah, 0Ch
        xor     bh, bh
        int     10h
        inc     cx
        cmp     cx, 320
        jb      .cp
        inc     dx
        cmp     dx, 100
        jb      .cl
%endif
        ; Teletype lines.
        mov     cx, 40
.tl:    mov     si, msg_line
.tc:    lodsb
        or      al, al
        jz      .te
        mov     ah, 0Eh
        mov     bx, 000Fh
        int     10h
        jmp     .tc
.te:    mov     al, cl
        add     al, 'A' - 1
        mov     ah, 0Eh
        int     10h
        mov     al, 13
        int     10h
        mov     al, 10
        int     10h
        loop    .tl
        ; Read back the character at row 0, column 0 (AH=08h matches the glyph).
        mov     ah, 02h
        xor     bh, bh
        xor     dx, dx
        int     10h
        mov     ah, 08h
        int     10h
        xor     ah, ah
        mov     si, n_readchar
        call    report16
        ; Clear a window (rows 2-4, columns 10-19) with colour 4.
        mov     ax, 0600h
        mov     bh, 04h
        mov     cx, 020Ah
        mov     dx, 0413h
        int     10h
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

%if GFX_MODE == 0Dh
BYTES_PER_LINE equ 40
%else
BYTES_PER_LINE equ 80
%endif
n_getmode:      db "getmode", 0
n_readchar:     db "readchar", 0
msg_line:       db "Quartz VGA graphics text line ", 0

        times   (1 + PROGRAM_SECTORS) * 512 - ($ - $$) db 0
        times   1024 * 1024 - ($ - $$) db 0
