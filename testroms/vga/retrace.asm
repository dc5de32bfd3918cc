; retrace: measures the vertical refresh rate the guest sees. For modes 03h, 12h and 13h (set
; through INT 10h AH=00h) it counts the rising edges of input status 1 bit 3 (3DAh, vertical
; retrace) over about one second of PIT time, and reports
;   "RETRACE mode=MM mHz=N"   N = edges * 1193182 * 1000 / PIT clocks elapsed
; on port E9h. Time base: 8254 channel 2 in mode 2 (rate generator) with count 0 (65536),
; gated by port 61h bit 0 (speaker data bit 1 kept off), read with the counter latch command;
; the PIT input clock is 1193182 Hz (14.31818 MHz / 12). Interrupts are off while counting so
; no short retrace pulse is missed behind an interrupt handler. tests/vga/test_retrace.cpp
; compares N with the rate computed from the mode's CRTC values and dot clock.
%include "vgaboot.inc"

        mov     ax, 0003h
        int     10h
        mov     byte [mode], 03h
        call    measure_report
        mov     ax, 0012h
        int     10h
        mov     byte [mode], 12h
        call    measure_report
        mov     ax, 0013h
        int     10h
        mov     byte [mode], 13h
        call    measure_report
        mov     ax, 0003h
        int     10h
        jmp     finish

; Counts retrace starts over >= 1193182 PIT clocks, then prints the result line.
measure_report:
        cli
        in      al, 61h
        and     al, 0FCh                      ; gate 2 low, speaker data off
        out     61h, al
        mov     al, 0B4h                      ; counter 2, LSB then MSB, mode 2, binary
        out     43h, al
        xor     al, al
        out     42h, al                       ; count 0 = 65536
        out     42h, al
        in      al, 61h
        or      al, 01h                       ; gate 2 high: counting starts
        out     61h, al
        mov     dx, 3DAh
.w1:    in      al, dx                        ; wait for the start of a retrace
        test    al, 08h
        jnz     .w1
.w2:    in      al, dx
        test    al, 08h
        jz      .w2
        call    read_pit
        mov     [prev], ax
        xor     ax, ax
        mov     [el_lo], ax
        mov     [el_hi], ax
        mov     [edges], ax
        mov     byte [vr_prev], 08h
.loop:  in      al, dx
        and     al, 08h
        mov     bl, al
        xor     al, [vr_prev]
        and     al, bl                        ; 08h on a rising edge
        mov     [vr_prev], bl
        mov     bh, al
        call    read_pit
        mov     cx, [prev]
        mov     [prev], ax
        sub     cx, ax                        ; clocks since the last read (count goes down)
        add     [el_lo], cx
        adc     word [el_hi], 0
        test    bh, bh
        jz      .loop
        inc     word [edges]
        cmp     word [el_hi], 0012h           ; 1193182 = 0012_34DEh
        jb      .loop
        ja      .done
        cmp     word [el_lo], 34DEh
        jb      .loop
.done:  sti
        ; num = edges * 1193182000 (471E_8330h), 48 bits
        mov     ax, 8330h
        mul     word [edges]
        mov     [num0], ax
        mov     [num1], dx
        mov     ax, 471Eh
        mul     word [edges]
        add     [num1], ax
        adc     dx, 0
        mov     [num2], dx
        call    div48
        mov     si, msg_head
        call    e9_puts
        mov     al, [mode]
        call    e9_hex8
        mov     si, msg_mhz
        call    e9_puts
        mov     ax, [num0]
        mov     dx, [num1]
        call    print_dec32
        mov     al, 10
        out     0E9h, al
        ret

; AX = current count of counter 2 (counter latch command, then LSB, MSB).
read_pit:
        mov     al, 80h
        out     43h, al
        in      al, 42h
        mov     ah, al
        in      al, 42h
        xchg    al, ah
        ret

; num2:num1:num0 /= el_hi:el_lo by shift-and-subtract (the divisor exceeds 16 bits, so DIV
; cannot do it directly); the remainder stays below the divisor (< 2^22), so DX:BX never
; overflows.
div48:
        mov     cx, 48
        xor     bx, bx
        xor     dx, dx
.d:     shl     word [num0], 1
        rcl     word [num1], 1
        rcl     word [num2], 1
        rcl     bx, 1
        rcl     dx, 1
        cmp     dx, [el_hi]
        jb      .next
        ja      .sub
        cmp     bx, [el_lo]
        jb      .next
.sub:   sub     bx, [el_lo]
        sbb     dx, [el_hi]
        or      word [num0], 1
.next:  loop    .d
        ret

; DX:AX in decimal on E9h.
print_dec32:
        xor     cx, cx
        mov     si, 10
.l:     mov     bx, ax
        mov     ax, dx
        xor     dx, dx
        div     si                            ; high word / 10
        mov     di, ax
        mov     ax, bx
        div     si                            ; (remainder:low word) / 10
        push    dx
        inc     cx
        mov     dx, di
        mov     bx, dx
        or      bx, ax
        jnz     .l
.p:     pop     ax
        add     al, '0'
        out     0E9h, al
        loop    .p
        ret

msg_head:       db "RETRACE mode=", 0
msg_mhz:        db " mHz=", 0
mode:           db 0
vr_prev:        db 0
prev:           dw 0
el_lo:          dw 0
el_hi:          dw 0
edges:          dw 0
num0:           dw 0
num1:           dw 0
num2:           dw 0

        times   (1 + PROGRAM_SECTORS) * 512 - ($ - $$) db 0
        times   1024 * 1024 - ($ - $$) db 0
