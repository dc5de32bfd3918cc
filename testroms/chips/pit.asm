; pit: the 8254 checked from the guest (Intel 8254 datasheet: "Control Word Format",
; "Counter Latch Command", "Read-Back Command", "Status Byte", mode definitions; IBM PC/AT
; Technical Reference: 1.193182 MHz clock on all counters, OUT0 -> IRQ0, counter 2 gated by
; port 61h bit 0 with OUT2 readable at port 61h bit 5). Reports on port E9h.
%include "chipboot.inc"

PIT_HZ_1000 equ 1193            ; 1193182 / 1193 = 1000.15 Hz

main:
        cli
        call    chip_pic_init

        ; ---- mode 0 through the read-back command (8254 only)
        mov     al, 30h             ; counter 0, LSB then MSB, mode 0, binary
        out     43h, al
        call    status0
        xor     ah, ah
        mov     bx, 70h             ; OUT low, NULL COUNT, RW 11, mode 0
        EXPECT  "pit.readback_status_after_control_word"
        mov     al, 00h
        out     40h, al
        mov     al, 10h             ; count 1000h
        out     40h, al
        mov     cx, 10
        loop    $
        ; measure first, report afterwards: each report line takes a few hundred us
        call    status0
        mov     [status], ax
        call    pit0_latch
        mov     [first], ax
        mov     al, 0D2h            ; read-back: latch count of counter 0
        out     43h, al
        in      al, 40h
        mov     ah, al
        in      al, 40h
        xchg    al, ah
        mov     [second], ax
        mov     ax, [status]
        mov     bx, 30h             ; count loaded: NULL COUNT clear, OUT still low
        EXPECT  "pit.readback_status_count_loaded"
        mov     ax, [first]
        mov     bx, 0F00h
        mov     cx, 0FFFh
        EXPECT_RANGE "pit.mode0_latch_counts_down"
        mov     ax, [second]
        mov     bx, 0E00h
        mov     cx, [first]
        EXPECT_RANGE "pit.readback_count_below_latch"
        ; a latched count stays frozen until read: latch, wait ~200 us, read, latch again
        mov     al, 00h
        out     43h, al
        mov     cx, 100
        loop    $
        in      al, 40h
        mov     ah, al
        in      al, 40h
        xchg    al, ah
        mov     [first], ax
        call    pit0_latch
        mov     bx, ax
        mov     ax, [first]
        sub     ax, bx
        mov     bx, 100
        mov     cx, 800
        EXPECT_RANGE "pit.latch_holds_value_until_read"
        ; terminal count: OUT goes high and stays high (mode 0)
        mov     cx, 0
.tc:    call    status0
        test    al, 80h
        jnz     .tcok
        loop    .tc
.tcok:  xor     ah, ah
        mov     bx, 0B0h
        EXPECT  "pit.mode0_out_high_at_terminal_count"

        ; ---- mode 2: counts N..1, never 0 (rate generator)
        mov     al, 34h
        out     43h, al
        mov     al, 100
        out     40h, al
        xor     al, al
        out     40h, al
        call    sample_counter0
        mov     ax, [minv]
        mov     bx, 1
        mov     cx, 100
        EXPECT_RANGE "pit.mode2_min_count_in_1_100"
        mov     ax, [maxv]
        mov     bx, 1
        mov     cx, 100
        EXPECT_RANGE "pit.mode2_max_count_in_1_100"
        call    status0
        and     ax, 3Fh
        mov     bx, 34h
        EXPECT  "pit.mode2_status_mode_bits"

        ; ---- mode 3 with an even count: decrements by two, values even, 2..N
        mov     al, 36h
        out     43h, al
        mov     ax, 1000
        out     40h, al
        mov     al, ah
        out     40h, al
        call    sample_counter0
        mov     ax, [orv]
        and     ax, 1
        xor     bx, bx
        EXPECT  "pit.mode3_counts_even"
        mov     ax, [maxv]
        mov     bx, 2
        mov     cx, 1000
        EXPECT_RANGE "pit.mode3_max_count_in_2_1000"

        ; ---- BCD: mode 0 from 0002 wraps to 9999 (not FFFF) and counts in decimal
        mov     al, 31h
        out     43h, al
        mov     al, 02h
        out     40h, al
        xor     al, al
        out     40h, al
        mov     cx, 50              ; ~100 us: past the terminal count, < 1000 clocks
        loop    $
        call    pit0_latch
        mov     [first], ax
        mov     al, ah
        xor     ah, ah
        mov     bx, 90h
        mov     cx, 99h
        EXPECT_RANGE "pit.bcd_wraps_to_9999"
        mov     ax, [first]
        call    bcd_valid
        mov     bx, 1
        EXPECT  "pit.bcd_wrapped_count_digits"
        call    status0
        and     ax, 3Fh
        mov     bx, 31h
        EXPECT  "pit.bcd_status_bit"
        ; mode 2 BCD count 0150: every read is a decimal number 0001..0150
        mov     al, 35h
        out     43h, al
        mov     al, 50h
        out     40h, al
        mov     al, 01h
        out     40h, al
        mov     word [badbcd], 0
        mov     word [maxv], 0
        mov     cx, 64
.bcd:   push    cx
        call    pit0_latch
        cmp     ax, [maxv]
        jbe     .nomax
        mov     [maxv], ax
.nomax: call    bcd_valid
        xor     al, 1
        xor     ah, ah
        add     [badbcd], ax
        pop     cx
        loop    .bcd
        mov     ax, [badbcd]
        xor     bx, bx
        EXPECT  "pit.bcd_mode2_reads_all_decimal"
        mov     ax, [maxv]
        mov     bx, 1
        mov     cx, 150h
        EXPECT_RANGE "pit.bcd_mode2_max_0150"

        ; ---- OUT2 through port 61h bit 5, timed against counter 0
        mov     al, 34h             ; counter 0: mode 2, count 65536 as the time base
        out     43h, al
        xor     al, al
        out     40h, al
        out     40h, al
        in      al, 61h
        and     al, 0FCh            ; speaker data off
        or      al, 01h             ; GATE2 high
        out     61h, al
        mov     al, 0B0h            ; counter 2, LSB then MSB, mode 0
        out     43h, al
        mov     ax, PIT_HZ_1000
        out     42h, al
        mov     al, ah
        out     42h, al
        call    pit0_latch
        mov     [first], ax
        in      al, 61h
        and     ax, 20h
        xor     bx, bx
        EXPECT  "pit.out2_low_after_mode0_load"
        mov     cx, 0
.out2:  in      al, 61h
        test    al, 20h
        jnz     .out2hi
        loop    .out2
.out2hi:
        call    pit0_latch
        mov     bx, ax
        mov     ax, [first]
        sub     ax, bx              ; clocks elapsed (counter 0 counts down)
        mov     bx, PIT_HZ_1000 - 10
        mov     cx, PIT_HZ_1000 + 100
        EXPECT_RANGE "pit.out2_rises_after_count_1193_clocks"

        ; ---- mode 3 on counter 2, count 2386: OUT2 square wave, high for N/2 = 1193
        ; clocks, period 2386 clocks (edges seen on port 61h bit 5, timed by counter 0)
        mov     al, 0B6h
        out     43h, al
        mov     ax, 2 * PIT_HZ_1000
        out     42h, al
        mov     al, ah
        out     42h, al
        mov     ah, 0
        call    wait_out2           ; low
        mov     ah, 20h
        call    wait_out2           ; rising edge
        call    pit0_latch
        mov     [first], ax
        mov     ah, 0
        call    wait_out2           ; falling edge
        call    pit0_latch
        mov     [second], ax
        mov     ah, 20h
        call    wait_out2           ; next rising edge
        call    pit0_latch
        mov     [status], ax
        mov     ax, [first]
        sub     ax, [second]
        mov     bx, PIT_HZ_1000 - 40
        mov     cx, PIT_HZ_1000 + 40
        EXPECT_RANGE "pit.mode3_out2_high_half_of_2386"
        mov     ax, [first]
        sub     ax, [status]
        mov     bx, 2 * PIT_HZ_1000 - 40
        mov     cx, 2 * PIT_HZ_1000 + 40
        EXPECT_RANGE "pit.mode3_out2_period_2386"

        ; ---- mode 1 (hardware retriggerable one-shot) on counter 2: OUT2 high after the
        ; control word and while waiting for a trigger; a GATE2 rising edge (port 61h bit
        ; 0) starts it: OUT2 low, high again N = 1193 clocks later (timed by counter 0)
        in      al, 61h
        and     al, 0FCh            ; GATE2 low
        out     61h, al
        mov     al, 0B2h            ; counter 2, LSB then MSB, mode 1
        out     43h, al
        mov     ax, PIT_HZ_1000
        out     42h, al
        mov     al, ah
        out     42h, al
        mov     cx, 200             ; no trigger yet: nothing may happen
        loop    $
        in      al, 61h
        and     al, 20h
        mov     [v_m1a], al
        in      al, 61h
        or      al, 01h             ; GATE2 rising edge: trigger
        out     61h, al
        call    pit0_latch
        mov     [first], ax
        mov     cx, 5
        loop    $
        in      al, 61h
        and     al, 20h
        mov     [v_m1b], al
        mov     ah, 20h
        call    wait_out2
        call    pit0_latch
        mov     bx, ax
        mov     ax, [first]
        sub     ax, bx
        mov     [second], ax
        mov     al, [v_m1a]
        xor     ah, ah
        mov     bx, 20h
        EXPECT  "pit.mode1_out2_high_until_trigger"
        mov     al, [v_m1b]
        xor     ah, ah
        xor     bx, bx
        EXPECT  "pit.mode1_out2_low_after_gate_edge"
        mov     ax, [second]
        mov     bx, PIT_HZ_1000 - 10
        mov     cx, PIT_HZ_1000 + 100
        EXPECT_RANGE "pit.mode1_one_shot_1193_clocks"

        ; ---- GATE2 low (port 61h bit 0 = 0) suspends counting in mode 0
        in      al, 61h
        and     al, 0FCh
        out     61h, al
        mov     al, 0B0h
        out     43h, al
        mov     al, 100
        out     42h, al
        xor     al, al
        out     42h, al
        mov     cx, 200             ; ~400 us: count 100 would have expired
        loop    $
        mov     al, 80h             ; latch counter 2
        out     43h, al
        in      al, 42h
        mov     ah, al
        in      al, 42h
        xchg    al, ah
        mov     bx, 100
        EXPECT  "pit.gate2_low_holds_count"
        in      al, 61h
        and     ax, 20h
        xor     bx, bx
        EXPECT  "pit.gate2_low_out2_stays_low"
        in      al, 61h
        or      al, 01h
        out     61h, al
        mov     cx, 200
        loop    $
        in      al, 61h
        and     ax, 20h
        mov     bx, 20h
        EXPECT  "pit.gate2_high_out2_rises"
        in      al, 61h
        and     al, 0FCh
        out     61h, al

        ; ---- IRQ0 rate in mode 2, count 1193, over one RTC second (UF flag edges)
        mov     al, MASTER_BASE
        mov     dx, irq0_handler
        call    set_vector
        mov     al, 34h
        out     43h, al
        mov     ax, PIT_HZ_1000
        out     40h, al
        mov     al, ah
        out     40h, al
        mov     al, 0FEh
        out     21h, al
        sti
        call    wait_uf
        cli
        mov     word [ticks], 0
        sti
        call    wait_uf
        cli
        mov     ax, [ticks]
        mov     bx, 999
        mov     cx, 1002
        EXPECT_RANGE "pit.irq0_mode2_1000hz_per_rtc_second"
        mov     al, 0FFh
        out     21h, al

        mov     si, s_chip
        jmp     finish

; ---------------------------------------------------------------------------- helpers
; status0: read-back status of counter 0 -> AL (command 11 1 0 001 0 = E2h)
status0:
        mov     al, 0E2h
        out     43h, al
        in      al, 40h
        xor     ah, ah
        ret

; sample_counter0: 32 latched reads of counter 0 -> minv, maxv, orv
sample_counter0:
        mov     word [minv], 0FFFFh
        mov     word [maxv], 0
        mov     word [orv], 0
        mov     cx, 32
.next:  push    cx
        call    pit0_latch
        or      [orv], ax
        cmp     ax, [minv]
        jae     .nmin
        mov     [minv], ax
.nmin:  cmp     ax, [maxv]
        jbe     .nmax
        mov     [maxv], ax
.nmax:  mov     cx, 7
        loop    $
        pop     cx
        loop    .next
        ret

; wait_out2: polls port 61h until bit 5 (OUT2) equals AH (00h or 20h)
wait_out2:
        push    cx
        mov     cx, 0
.poll:  in      al, 61h
        and     al, 20h
        cmp     al, ah
        je      .done
        loop    .poll
.done:  pop     cx
        ret

; bcd_valid: AX -> AL = 1 when all four nibbles are 0-9
bcd_valid:
        push    cx
        push    dx
        mov     dx, ax
        mov     cx, 4
.nib:   mov     al, dl
        and     al, 0Fh
        cmp     al, 9
        ja      .bad
        push    cx
        mov     cl, 4
        shr     dx, cl
        pop     cx
        loop    .nib
        mov     ax, 1
        jmp     .out
.bad:   xor     ax, ax
.out:   pop     dx
        pop     cx
        ret

; wait_uf: RTC register C polled until UF (bit 4, set at the end of each update cycle);
; the read clears it, so a first read discards an old flag
wait_uf:
        mov     al, 0Ch
        call    cmos_read
.poll:  mov     al, 0Ch
        call    cmos_read
        test    al, 10h
        jz      .poll
        ret

irq0_handler:
        push    ax
        inc     word [ticks]
        mov     al, 20h
        out     20h, al
        pop     ax
        iret

s_chip:     db "pit", 0
first:      dw 0
second:     dw 0
status:     dw 0
minv:       dw 0
maxv:       dw 0
orv:        dw 0
badbcd:     dw 0
v_m1a:      db 0
v_m1b:      db 0
ticks:      dw 0

%include "chipend.inc"
