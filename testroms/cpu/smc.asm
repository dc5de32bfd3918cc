; Self-modifying code versus the prefetch queue (the classic 8088/8086 detection).
;
; Loaded at 1000:0000 with SS:SP = 2000:0000 by tests/cpu/test_smc.cpp, which runs it to the
; HLT and reads the results from the result block at offset 0x200:
;   +0  queue probe: 1 on an 8086 (6-byte queue), 0 on an 8088 (4-byte queue)
;   +2  far-ahead probe: 0 (the rewritten bytes were not yet fetched, so the new code runs)
;   +4  sanity: 1234h once the code after the patched bytes ran
;
; Probe 1: REP STOSB with DF=1 overwrites, from the far end, the STI at q_end, the NOP before
; it and the INC DX before that with STI opcodes. On an 8086 the six-byte queue already holds
; CLD, three NOPs, INC DX and NOP when the stores land, so the INC DX that was fetched runs;
; on an 8088 the four-byte queue stops short of it and the rewritten byte (STI) runs.
; (Intel's 8086 Family User's Manual describes the queue sizes; the test is the well-known
; CPU identification routine.)
bits 16
org 0

start:
        mov     ax, cs
        mov     ds, ax
        mov     es, ax
        xor     dx, dx
        cli
        std
        mov     di, q_end
        mov     al, 0xFB                ; STI
        mov     cx, 3
        rep     stosb
        cld
        nop
        nop
        nop
        inc     dx
        nop
q_end:  sti
        cli
        mov     [result], dx

; Probe 2: a word store rewrites an INC DX ten bytes after the store instruction, further
; than either queue reaches, so the new bytes (two NOPs) run and DX stays 0.
        xor     dx, dx
        mov     word [patch2], 0x9090   ; replaces INC DX; NOP
        times   10 nop
patch2: inc     dx
        nop
        mov     [result + 2], dx

        mov     word [result + 4], 0x1234
        hlt

        times   0x200 - ($ - $$) db 0
result: dw      0xFFFF, 0xFFFF, 0xFFFF
