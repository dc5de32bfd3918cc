; program.asm - the demo program the boot sector loads at 0800:0000 (DL = boot drive).
; It asks the BIOS about the machine through the classic services and prints a report both
; on the screen (INT 10h AH=0Eh teletype) and on the debug port E9h (so headless runs show
; it), then powers off through port 8900h. Services used (IBM PC/AT Technical Reference BIOS
; listing; Ralf Brown's Interrupt List):
;   INT 12h          conventional memory size in KiB
;   INT 13h AH=08h   drive parameters (CH/CL cylinder+sector maxima, DH max head)
;   INT 13h AH=02h   read sector (re-reads the boot sector and checks 55AAh)
;   INT 16h AH=01h   keystroke waiting? (ZF=1: none), non-blocking
;   INT 1Ah AH=00h   BIOS tick count (CX:DX), AH=02h RTC time, AH=04h RTC date (BCD)
; beeps the speaker at 1 kHz (PIT channel 2, mode 3), and measures the PIT: channel 2 in
; mode 2 counts the 1.193182 MHz input while the BIOS
; timer tick (channel 0, divisor 65536, IRQ0) advances 4 times; the expected count is
; 4 x 65536 = 262144.

        cpu     8086
        bits    16
        org     0

TICKS           equ 4                   ; BIOS ticks to measure the PIT over

start:
        mov     ax, cs
        mov     ds, ax
        mov     es, ax
        mov     [drive], dl
        cld

        mov     si, msg_title
        call    puts

        ; --- memory (INT 12h) ---
        int     0x12
        mov     si, msg_memory
        call    puts
        call    putdec
        mov     si, msg_kib
        call    puts

        ; --- drive parameters (INT 13h AH=08h) ---
        mov     si, msg_drive
        call    puts
        mov     al, [drive]
        call    puthex8
        mov     ah, 0x08
        mov     dl, [drive]
        push    es
        int     0x13
        pop     es
        jc      .no_params
        push    dx                      ; DH = max head
        push    cx
        ; cylinders = ((CL bits 7-6) << 8 | CH) + 1
        mov     al, ch
        mov     ah, cl
        mov     cl, 6
        shr     ah, cl
        inc     ax
        mov     si, msg_cyl
        call    puts
        call    putdec
        pop     cx
        pop     dx
        mov     si, msg_heads
        call    puts
        mov     al, dh
        xor     ah, ah
        inc     ax
        call    putdec
        mov     si, msg_spt
        call    puts
        mov     al, cl
        and     ax, 0x3F
        call    putdec
        call    newline
        jmp     .read_mbr
.no_params:
        mov     si, msg_failed
        call    puts

        ; --- re-read the boot sector (INT 13h AH=02h) and check its signature ---
.read_mbr:
        mov     si, msg_mbr
        call    puts
        mov     ax, 0x0201
        mov     bx, buffer
        mov     cx, 0x0001
        xor     dh, dh
        mov     dl, [drive]
        int     0x13
        jc      .mbr_bad
        cmp     word [buffer + 510], 0xAA55
        jne     .mbr_bad
        mov     si, msg_sig_ok
        call    puts
        jmp     .rtc
.mbr_bad:
        mov     si, msg_failed
        call    puts

        ; --- RTC date and time (INT 1Ah AH=04h, AH=02h; BCD) ---
.rtc:   mov     si, msg_rtc
        call    puts
        mov     ah, 0x04
        int     0x1A
        jc      .rtc_bad
        mov     al, ch                  ; century
        call    puthex8
        mov     al, cl                  ; year
        call    puthex8
        mov     al, '-'
        call    putc
        mov     al, dh                  ; month
        call    puthex8
        mov     al, '-'
        call    putc
        mov     al, dl                  ; day
        call    puthex8
        mov     al, ' '
        call    putc
        mov     ah, 0x02
        int     0x1A
        jc      .rtc_bad
        mov     al, ch                  ; hours
        call    puthex8
        mov     al, ':'
        call    putc
        mov     al, cl                  ; minutes
        call    puthex8
        mov     al, ':'
        call    putc
        mov     al, dh                  ; seconds
        call    puthex8
        call    newline
        jmp     .ticks
.rtc_bad:
        mov     si, msg_failed
        call    puts

        ; --- BIOS tick count (INT 1Ah AH=00h) ---
.ticks: mov     si, msg_ticks
        call    puts
        xor     ah, ah
        int     0x1A
        mov     ax, dx
        mov     dx, cx
        call    putdec32
        call    newline

        ; --- keyboard (INT 16h AH=01h, non-blocking) ---
        mov     si, msg_kbd
        call    puts
        mov     ah, 0x01
        int     0x16
        jz      .no_key
        mov     si, msg_key
        call    puts
        mov     al, ah                  ; scan code
        call    puthex8
        call    newline
        jmp     .pit
.no_key:
        mov     si, msg_no_key
        call    puts

        ; --- PIT channel 2 across TICKS BIOS ticks ---
.pit:   call    measure_pit             ; DX:AX = channel-2 input clocks
        push    dx
        push    ax
        mov     si, msg_pit
        call    puts
        pop     ax
        pop     dx
        call    putdec32
        mov     si, msg_pit_expect
        call    puts

        ; --- a 1 kHz beep for 2 BIOS ticks: channel 2, mode 3, divisor 1193 ---
        call    beep
        mov     si, msg_beep
        call    puts

        mov     si, msg_done
        call    puts

        ; --- power off (Quartz/Bochs shutdown port) ---
        mov     si, msg_shutdown
        mov     dx, 0x8900
.sd:    lodsb
        test    al, al
        jz      .halt
        out     dx, al
        jmp     .sd
.halt:  cli
        hlt
        jmp     .halt

; measure_pit: returns in DX:AX the number of PIT input clocks counted by channel 2 while the
; BIOS tick count (0040:006Ch, incremented by the IRQ0 handler) advances TICKS times.
; Channel 2 runs in mode 2 with count 0 (65536): it decrements by one per input clock and
; reloads on reaching 1, so elapsed = wraps * 65536 + (first - last) (8254 datasheet, mode 2).
measure_pit:
        in      al, 0x61
        and     al, 0xFC                ; speaker data off
        or      al, 0x01                ; GATE2 high: channel 2 counts
        out     0x61, al
        mov     al, 0xB4                ; channel 2, lobyte/hibyte, mode 2, binary
        out     0x43, al
        xor     al, al
        out     0x42, al
        out     0x42, al

        push    ds
        mov     ax, 0x0040
        mov     ds, ax
        sti
        mov     bx, [0x006C]
.sync:  cmp     bx, [0x006C]            ; wait for a tick edge
        je      .sync
        call    read_ch2
        mov     [cs:pit_first], ax
        mov     [cs:pit_prev], ax
        mov     word [cs:pit_wraps], 0
        mov     bx, [0x006C]
        add     bx, TICKS
.poll:  call    read_ch2
        cmp     ax, [cs:pit_prev]
        jbe     .same
        inc     word [cs:pit_wraps]     ; the down-counter reloaded
.same:  mov     [cs:pit_prev], ax
        cmp     bx, [0x006C]
        jne     .poll
        pop     ds

        in      al, 0x61
        and     al, 0xFC                ; gate off again
        out     0x61, al

        ; DX:AX = wraps * 65536 + first - last (borrow taken from the wraps)
        mov     ax, [pit_first]
        mov     dx, [pit_wraps]
        sub     ax, [pit_prev]
        sbb     dx, 0
        ret

; beep: PIT channel 2 as a square wave (mode 3) of 1193182 / 1193 = 1000.2 Hz, gated to the
; speaker through port 61h bits 0 (GATE2) and 1 (speaker data) for two BIOS ticks.
BEEP_DIVISOR    equ 1193
beep:
        mov     al, 0xB6                ; channel 2, lobyte/hibyte, mode 3, binary
        out     0x43, al
        mov     ax, BEEP_DIVISOR
        out     0x42, al
        mov     al, ah
        out     0x42, al
        in      al, 0x61
        or      al, 0x03
        out     0x61, al
        push    ds
        mov     ax, 0x0040
        mov     ds, ax
        sti
        mov     bx, [0x006C]
        add     bx, 2
.wait:  cmp     bx, [0x006C]
        jne     .wait
        pop     ds
        in      al, 0x61
        and     al, 0xFC
        out     0x61, al
        ret

; read_ch2: AX = channel 2's count (counter latch command, then low and high byte).
read_ch2:
        mov     al, 0x80                ; latch channel 2
        out     0x43, al
        in      al, 0x42
        mov     ah, al
        in      al, 0x42
        xchg    al, ah
        ret

; putc: AL to the screen (INT 10h teletype, page 0) and to the debug port.
putc:   push    ax
        push    bx
        out     0xE9, al
        mov     ah, 0x0E
        mov     bx, 0x0007
        int     0x10
        pop     bx
        pop     ax
        ret

puts:   push    ax
.next:  lodsb
        test    al, al
        jz      .done
        call    putc
        jmp     .next
.done:  pop     ax
        ret

newline:
        push    ax
        mov     al, 13
        call    putc
        mov     al, 10
        call    putc
        pop     ax
        ret

; puthex8: AL as two hexadecimal digits (also prints BCD bytes as decimal digits).
puthex8:
        push    ax
        push    cx
        mov     ah, al
        mov     cl, 4
        shr     al, cl
        call    .nib
        mov     al, ah
        and     al, 0x0F
        call    .nib
        pop     cx
        pop     ax
        ret
.nib:   add     al, '0'
        cmp     al, '9'
        jbe     .out
        add     al, 'A' - '9' - 1
.out:   jmp     putc

; putdec: AX unsigned decimal.
putdec: push    dx
        xor     dx, dx
        call    putdec32
        pop     dx
        ret

; putdec32: DX:AX unsigned decimal (long division by 10 in two 16-bit DIV steps).
putdec32:
        push    ax
        push    bx
        push    cx
        push    dx
        push    si
        mov     si, 10
        xor     cx, cx
.dig:   mov     bx, ax                  ; low word
        mov     ax, dx
        xor     dx, dx
        div     si                      ; high word / 10
        xchg    ax, bx                  ; BX = high quotient, AX = low word
        div     si                      ; (remainder:low) / 10
        push    dx                      ; digit
        inc     cx
        mov     dx, bx
        mov     bx, ax
        or      bx, dx
        jnz     .dig
.out:   pop     ax
        add     al, '0'
        call    putc
        loop    .out
        pop     si
        pop     dx
        pop     cx
        pop     bx
        pop     ax
        ret

drive:          db 0
pit_first:      dw 0
pit_prev:       dw 0
pit_wraps:      dw 0

msg_title:      db "Quartz demo program", 13, 10, 0
msg_memory:     db "conventional memory: ", 0
msg_kib:        db " KiB", 13, 10, 0
msg_drive:      db "boot drive ", 0
msg_cyl:        db "h: cylinders=", 0
msg_heads:      db " heads=", 0
msg_spt:        db " sectors=", 0
msg_mbr:        db "boot sector re-read: ", 0
msg_sig_ok:     db "signature 55AA ok", 13, 10, 0
msg_failed:     db "FAILED", 13, 10, 0
msg_rtc:        db "RTC: ", 0
msg_ticks:      db "BIOS ticks since midnight: ", 0
msg_kbd:        db "keyboard: ", 0
msg_key:        db "key waiting, scan code ", 0
msg_no_key:     db "no key waiting", 13, 10, 0
msg_pit:        db "PIT clocks over 4 BIOS ticks: ", 0
msg_pit_expect: db " (expected 262144)", 13, 10, 0
msg_beep:       db "speaker: 1000 Hz beep for 2 BIOS ticks", 13, 10, 0
msg_done:       db "demo complete", 13, 10, 0
msg_shutdown:   db "Shutdown", 0

        align   512, db 0
buffer:                                 ; 512-byte sector buffer (not part of the image)
