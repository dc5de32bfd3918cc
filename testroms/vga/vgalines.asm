; vgalines: INT 10h AH=12h BL=30h selects 200/350/400 scan lines for the next text mode set
; (LINES_CODE 0/1/2), then mode 03h is set and "Lines" written at row 0; reports AL of the
; select call and the BDA character height/rows.
%ifndef LINES_CODE
%define LINES_CODE 1
%endif
%include "vgaboot.inc"

        mov     ax, 1200h + LINES_CODE
        mov     bl, 30h
        int     10h
        xor     ah, ah
        mov     si, n_select
        call    report16                      ; AL = 12h: supported
        mov     ax, 0003h
        int     10h
        mov     ax, [0485h]
        mov     si, n_height
        call    report16
        mov     al, [0484h]
        xor     ah, ah
        mov     si, n_rows
        call    report16
        mov     si, msg_text
.p:     lodsb
        or      al, al
        jz      .w
        mov     ah, 0Eh
        int     10h
        jmp     .p
.w:     mov     cx, 3
        mov     dx, 3DAh
.vr1:   in      al, dx
        test    al, 08h
        jnz     .vr1
.vr2:   in      al, dx
        test    al, 08h
        jz      .vr2
        loop    .vr1
        jmp     finish

n_select:       db "select", 0
n_height:       db "height", 0
n_rows:         db "rows", 0
msg_text:       db "Lines", 0

        times   (1 + PROGRAM_SECTORS) * 512 - ($ - $$) db 0
        times   1024 * 1024 - ($ - $$) db 0
