; benchvid: the guest side of `quartz bench --video` (app/bench_video.cpp). After boot it
; prints "benchvid ready" on E9h and then follows the phase byte at 0000:0500h, which the
; host writes between measurements:
;   1: mode 03h, keeps writing words to the text buffer B800:0000-0FA0h
;   2: mode 03h, the same loop writing to RAM at 2000:0000 (no video writes)
;   3: mode 13h, keeps writing pixels to A000:0000-F9FFh
;   4: mode 13h, the same loop writing to RAM at 2000:0000 (no video writes)
;   FFh: shut down (port 8900h)
; Modes are set through INT 10h AH=00h; each phase switch is acknowledged with "phase=000N".
%include "vgaboot.inc"

PHASE   equ     0500h

        mov     byte [PHASE], 0
        mov     si, msg_ready
        call    e9_puts
        xor     bl, bl                        ; phase in effect
main:   mov     al, [PHASE]
        cmp     al, bl
        jne     switch
        or      bl, bl
        jz      main
        call    work
        jmp     main

switch: cmp     al, 0FFh
        jne     .set
        jmp     finish
.set:   mov     bl, al
        cmp     al, 4
        ja      main                          ; unknown phase: ignore
        or      al, al
        jz      main
        xor     ah, ah
        dec     ax
        mov     si, ax
        shl     si, 1
        add     si, ax                        ; 3 words per entry
        shl     si, 1
        mov     ax, [phase_tab + si + 4]
        mov     [limit], ax
        mov     ax, [phase_tab + si + 2]
        mov     [target], ax
        mov     ax, [phase_tab + si]
        push    bx
        int     10h
        pop     bx
        mov     es, [target]
        xor     di, di
        xor     bp, bp
        mov     al, bl
        xor     ah, ah
        mov     si, msg_phase
        call    report16
        jmp     main

; 256 words of a pattern that changes every pass, wrapping DI at the phase's limit.
work:   mov     cx, 256
.w:     mov     ax, di
        add     ax, bp
        stosw
        loop    .w
        cmp     di, [limit]
        jb      .r
        xor     di, di
        inc     bp
.r:     ret

;               mode,  segment, limit
phase_tab:      dw      0003h, 0B800h, 4000
                dw      0003h, 2000h,  4000
                dw      0013h, 0A000h, 64000
                dw      0013h, 2000h,  64000
limit:          dw      0
target:         dw      0
msg_ready:      db      "benchvid ready", 10, 0
msg_phase:      db      "phase", 0

        times   (1 + PROGRAM_SECTORS) * 512 - ($ - $$) db 0
        times   1024 * 1024 - ($ - $$) db 0
