; rtc: the MC146818 checked from the guest (Motorola MC146818A datasheet: "Address Map",
; "Time, Calendar and Alarm Locations", registers A-D, "Update Cycle", periodic rate table;
; IBM PC/AT Technical Reference "CMOS RAM Address Map": century at 32h, checksum of
; 10h-2Dh at 2Eh (high) / 2Fh (low); RTC IRQ on IRQ8 = slave IR0). The ctest boots it with
; --rtc 2024-05-06T07:08:09 (a Monday). Time base: PIT counter 0 in mode 2, count 1193
; (1000.15 Hz) on IRQ0. Reports on port E9h.
%include "chipboot.inc"

PIT_HZ_1000 equ 1193

main:
        cli
        call    chip_pic_init
        mov     al, MASTER_BASE
        mov     dx, irq0_handler
        call    set_vector
        mov     al, SLAVE_BASE
        mov     dx, irq8_handler
        call    set_vector

        ; ---- CMOS checksum: 16-bit sum of 10h-2Dh stored big-endian at 2Eh/2Fh
        xor     dx, dx
        mov     bl, 10h
.sum:   mov     al, bl
        call    cmos_read
        xor     ah, ah
        add     dx, ax
        inc     bl
        cmp     bl, 2Eh
        jb      .sum
        mov     al, 2Eh
        call    cmos_read
        mov     ah, al
        mov     al, 2Fh
        call    cmos_read
        mov     bx, dx
        EXPECT  "rtc.cmos_checksum_10h_2dh"

        mov     al, 0Dh
        call    cmos_read
        and     ax, 80h
        mov     bx, 80h
        EXPECT  "rtc.regD_valid_ram_and_time"

        ; ---- time and date as set by --rtc 2024-05-06T07:08:09, BCD, 24-hour
        call    wait_not_uip
        mov     al, 09h
        call    cmos_read
        mov     ah, al
        mov     al, 08h
        call    cmos_read
        mov     [v1], ax
        mov     al, 07h
        call    cmos_read
        mov     ah, al
        mov     al, 06h
        call    cmos_read
        mov     [v2], ax
        mov     al, 04h
        call    cmos_read
        mov     ah, al
        mov     al, 02h
        call    cmos_read
        mov     [v3], ax
        mov     al, 00h
        call    cmos_read
        xor     ah, ah
        mov     [v4], ax
        mov     al, 32h
        call    cmos_read
        xor     ah, ah
        mov     [v5], ax
        mov     ax, [v1]
        mov     bx, 2405h
        EXPECT  "rtc.year_month_bcd"
        mov     ax, [v2]
        mov     bx, 0602h
        EXPECT  "rtc.date_dayofweek_bcd"
        mov     ax, [v3]
        mov     bx, 0708h
        EXPECT  "rtc.hours_minutes_bcd"
        mov     ax, [v4]
        mov     bx, 09h
        mov     cx, 19h
        EXPECT_RANGE "rtc.seconds_bcd_counting_from_09"
        mov     ax, [v5]
        mov     bx, 20h
        EXPECT  "rtc.century_byte_32h"

        ; ---- register C: PF is set at the periodic rate even with PIE clear (IRQF
        ; then stays clear); reading register C clears it
        mov     ax, 260Ah
        call    cmos_write
        mov     ax, 020Bh
        call    cmos_write
        mov     al, 0Ch
        call    cmos_read
        mov     cx, 2000            ; > 1 ms at 1024 Hz
        loop    $
        mov     al, 0Ch
        call    cmos_read
        mov     ah, al
        mov     al, 0Ch
        call    cmos_read
        mov     [v1], ax
        mov     al, ah
        and     ax, 0C0h
        mov     bx, 40h
        EXPECT  "rtc.regC_pf_set_irqf_clear_without_pie"
        mov     ax, [v1]
        and     ax, 40h
        xor     bx, bx
        EXPECT  "rtc.regC_cleared_by_read"

        ; ---- the 1 kHz PIT time base on IRQ0
        mov     al, 34h
        out     43h, al
        mov     ax, PIT_HZ_1000
        out     40h, al
        mov     al, ah
        out     40h, al
        mov     al, 0FEh
        out     21h, al
        sti

        ; ---- UIP: seen rising within one second, high for tBUC + tUC = 244 + 1984 us
        ; (timed with PIT counter 2, gate 2 high, mode 2 count 65536), and the seconds
        ; register has advanced by one when it falls
        in      al, 61h
        and     al, 0FCh
        or      al, 01h
        out     61h, al
        mov     al, 0B4h
        out     43h, al
        xor     al, al
        out     42h, al
        out     42h, al
        call    wait_not_uip
        mov     word [ticks], 0
.uip0:  mov     al, 00h
        call    cmos_read
        mov     bl, al              ; seconds while UIP was low
        mov     al, 0Ah
        call    cmos_read
        test    al, 80h
        jnz     .uip1
        cmp     word [ticks], 1500
        jb      .uip0
.uip1:  call    pit2_latch
        mov     [v1], ax
        mov     ax, [ticks]
        mov     [v2], ax
        mov     [v4], bl
.uip2:  mov     al, 0Ah
        call    cmos_read
        test    al, 80h
        jz      .uip3
        cmp     word [ticks], 3000
        jb      .uip2
.uip3:  call    pit2_latch
        mov     bx, [v1]
        sub     bx, ax
        mov     [v3], bx
        mov     al, 00h
        call    cmos_read
        mov     [v5], al
        mov     ax, [v2]
        xor     bx, bx
        mov     cx, 1001
        EXPECT_RANGE "rtc.uip_rises_within_one_second"
        mov     ax, [v3]
        mov     bx, 2500            ; 2228 us = 2658 PIT clocks, polling slack
        mov     cx, 2850
        EXPECT_RANGE "rtc.uip_high_244us_plus_1984us"
        mov     al, [v4]
        call    bcd_to_bin
        inc     al
        cmp     al, 60
        jb      .nowrap
        xor     al, al
.nowrap:
        call    bin_to_bcd
        xor     ah, ah
        mov     bx, ax
        mov     al, [v5]
        xor     ah, ah
        EXPECT  "rtc.seconds_advance_when_uip_falls"

        ; ---- periodic interrupt on IRQ8: 1024 Hz (RS = 6) and 8192 Hz (RS = 3)
        mov     al, 0FAh            ; IRQ0 and the cascade
        out     21h, al
        mov     al, 0FEh            ; IRQ8
        out     0A1h, al
        mov     ax, 260Ah
        mov     bx, 1000
        call    count_periodic
        mov     bx, 1014            ; 1024 * 0.99985 s, within 1 %
        mov     cx, 1034
        EXPECT_RANGE "rtc.periodic_1024hz_within_1pct"
        mov     ax, 230Ah
        mov     bx, 100
        call    count_periodic
        mov     bx, 811             ; 8192 * 0.099985 s = 819, within 1 %
        mov     cx, 827
        EXPECT_RANGE "rtc.periodic_8192hz_within_1pct"
        mov     ax, 260Ah
        call    cmos_write

        ; ---- alarm: time set to 10:20:30 with SET, alarm 10:20:32, AIE
        mov     ax, 820Bh           ; SET, BCD, 24-hour
        call    cmos_write
        mov     ax, 1004h
        call    cmos_write
        mov     ax, 2002h
        call    cmos_write
        mov     ax, 3000h
        call    cmos_write
        mov     ax, 1005h
        call    cmos_write
        mov     ax, 2003h
        call    cmos_write
        mov     ax, 3201h
        call    cmos_write
        mov     al, 0Ch
        call    cmos_read
        mov     word [alarms], 0
        mov     byte [alarm_sec], 0FFh
        mov     ax, 220Bh           ; AIE, SET clear
        call    cmos_write
        mov     bx, 3500
        call    wait_ticks
        mov     ax, [alarms]
        mov     bx, 1
        EXPECT  "rtc.alarm_interrupt_once"
        mov     al, [alarm_sec]
        xor     ah, ah
        mov     bx, 32h
        EXPECT  "rtc.alarm_at_programmed_second"
        mov     al, [alarm_c]
        and     ax, 0A0h
        mov     bx, 0A0h
        EXPECT  "rtc.regC_irqf_and_af_on_alarm"
        ; don't-care alarm bytes (C0h-FFh) match every second
        mov     ax, 0C001h
        call    cmos_write
        mov     ax, 0C003h
        call    cmos_write
        mov     ax, 0C005h
        call    cmos_write
        mov     word [alarms], 0
        mov     bx, 3000
        call    wait_ticks
        mov     ax, [alarms]
        mov     bx, 2
        mov     cx, 4
        EXPECT_RANGE "rtc.alarm_dont_care_every_second"
        mov     ax, 020Bh
        call    cmos_write
        cli
        mov     al, 0FEh
        out     21h, al
        mov     al, 0FFh
        out     0A1h, al
        sti

        ; ---- calendar rollovers (BCD)
        mov     si, t_leap
        call    set_and_update
        mov     ax, [v1]
        mov     bx, 2402h
        EXPECT  "rtc.leap_year_feb28_to_feb29_year_month"
        mov     ax, [v2]
        mov     bx, 2905h
        EXPECT  "rtc.leap_year_feb28_to_feb29_date_dow"
        mov     ax, [v3]
        xor     bx, bx
        EXPECT  "rtc.midnight_hours_minutes_zero"
        mov     si, t_noleap
        call    set_and_update
        mov     ax, [v1]
        mov     bx, 2303h
        EXPECT  "rtc.non_leap_feb28_to_mar01_year_month"
        mov     ax, [v2]
        mov     bx, 0104h
        EXPECT  "rtc.non_leap_feb28_to_mar01_date_dow"
        mov     si, t_y2k
        call    set_and_update
        mov     ax, [v1]
        mov     bx, 0001h
        EXPECT  "rtc.dec31_1999_to_jan01_00"
        mov     ax, [v2]
        mov     bx, 0107h
        EXPECT  "rtc.dec31_1999_to_jan01_date_dow"

        ; ---- binary mode (register B DM = 1): 2023-01-31 23:59:59 -> 02-01 00:00:00
        mov     si, t_binary
        call    set_and_update
        mov     ax, [v1]
        mov     bx, 1702h           ; 23, February
        EXPECT  "rtc.binary_year_month"
        mov     ax, [v2]
        mov     bx, 0104h
        EXPECT  "rtc.binary_date_dow"
        mov     si, t_binary2       ; 12:34:09 -> 12:34:10 in binary: seconds 0Ah
        call    set_and_update
        mov     ax, [v3]
        mov     bx, 0C22h
        EXPECT  "rtc.binary_hours_minutes"
        mov     ax, [v4]
        mov     bx, 0Ah
        EXPECT  "rtc.binary_seconds_9_to_10"
        mov     si, t_bcd2          ; and in BCD: 09 -> 10h
        call    set_and_update
        mov     ax, [v4]
        mov     bx, 10h
        EXPECT  "rtc.bcd_seconds_09_to_10"

        ; ---- 12-hour mode (register B bit 1 = 0): hours 01-12, bit 7 = PM
        mov     si, t_12h_noon      ; 11:59:59 AM -> 12:00:00 PM = 92h
        call    set_and_update
        mov     ax, [v3]
        mov     bx, 9200h
        EXPECT  "rtc.12h_11am_to_12pm"
        mov     si, t_12h_one       ; 12:59:59 PM -> 01:00:00 PM = 81h
        call    set_and_update
        mov     ax, [v3]
        mov     bx, 8100h
        EXPECT  "rtc.12h_12pm_to_1pm"

        ; ---- SET (register B bit 7) inhibits updates: 1.5 s later the time is unchanged
        mov     ax, 820Bh
        call    cmos_write
        mov     ax, 0000h
        call    cmos_write
        mov     bx, 1500
        call    wait_ticks
        mov     al, 00h
        call    cmos_read
        xor     ah, ah
        mov     [v4], ax
        mov     ax, 020Bh
        call    cmos_write
        mov     ax, [v4]
        xor     bx, bx
        EXPECT  "rtc.set_bit_inhibits_updates"

        mov     si, s_chip
        jmp     finish

; ---------------------------------------------------------------------------- helpers
wait_not_uip:
        mov     al, 0Ah
        call    cmos_read
        test    al, 80h
        jnz     wait_not_uip
        ret

pit2_latch:
        mov     al, 80h
        out     43h, al
        in      al, 42h
        mov     ah, al
        in      al, 42h
        xchg    al, ah
        ret

; wait_ticks: BX = number of 1 ms IRQ0 ticks
wait_ticks:
        mov     ax, [ticks]
.w:     mov     dx, [ticks]
        sub     dx, ax
        cmp     dx, bx
        jb      .w
        ret

; count_periodic: AX = register A write (AH value, AL = 0Ah), BX = ticks -> AX = PF
; interrupts counted over BX ticks, starting on a tick edge
count_periodic:
        push    bx
        call    cmos_write
        mov     ax, 420Bh           ; PIE, 24-hour, BCD
        call    cmos_write
        mov     al, 0Ch
        call    cmos_read
        mov     bx, 1
        call    wait_ticks
        mov     word [periodic], 0
        pop     bx
        call    wait_ticks
        mov     ax, [periodic]
        push    ax
        mov     ax, 020Bh
        call    cmos_write
        pop     ax
        ret

; set_and_update: SI -> 8 bytes: register B, seconds, minutes, hours, day of week, date,
; month, year. Written with SET, then SET cleared and one update cycle awaited (UF);
; v1 = year:month, v2 = date:dow, v3 = hours:minutes, v4 = seconds. Register B is put
; back to 02h (BCD, 24-hour) afterwards.
set_and_update:
        lodsb
        mov     ah, al
        or      ah, 80h
        mov     [v5], al
        mov     al, 0Bh
        call    cmos_write
        mov     bl, 0
        mov     bh, 0
.regs:  lodsb
        mov     ah, al
        mov     al, [upd_regs + bx]
        call    cmos_write
        inc     bx
        cmp     bx, 7
        jb      .regs
        mov     al, 0Ch
        call    cmos_read
        mov     ah, [v5]
        mov     al, 0Bh
        call    cmos_write
.uf:    mov     al, 0Ch
        call    cmos_read
        test    al, 10h
        jz      .uf
        mov     al, 09h
        call    cmos_read
        mov     ah, al
        mov     al, 08h
        call    cmos_read
        mov     [v1], ax
        mov     al, 07h
        call    cmos_read
        mov     ah, al
        mov     al, 06h
        call    cmos_read
        mov     [v2], ax
        mov     al, 04h
        call    cmos_read
        mov     ah, al
        mov     al, 02h
        call    cmos_read
        mov     [v3], ax
        mov     al, 00h
        call    cmos_read
        xor     ah, ah
        mov     [v4], ax
        mov     ax, 020Bh
        call    cmos_write
        ret

upd_regs:   db 00h, 02h, 04h, 06h, 07h, 08h, 09h
;                 B    sec  min  hour dow  date mon  year
t_leap:     db 02h, 59h, 59h, 23h, 04h, 28h, 02h, 24h  ; Wed 2024-02-28 23:59:59
t_noleap:   db 02h, 59h, 59h, 23h, 03h, 28h, 02h, 23h  ; Tue 2023-02-28 23:59:59
t_y2k:      db 02h, 59h, 59h, 23h, 06h, 31h, 12h, 99h  ; Fri 1999-12-31 23:59:59
t_binary:   db 06h, 59, 59, 23, 3, 31, 1, 23           ; Tue 2023-01-31 23:59:59
t_binary2:  db 06h, 9, 34, 12, 3, 31, 1, 23            ; 12:34:09
t_bcd2:     db 02h, 09h, 34h, 12h, 03h, 31h, 01h, 23h  ; 12:34:09
t_12h_noon: db 00h, 59h, 59h, 11h, 03h, 31h, 01h, 23h  ; 11:59:59 AM
t_12h_one:  db 00h, 59h, 59h, 92h, 03h, 31h, 01h, 23h  ; 12:59:59 PM

bcd_to_bin:                     ; AL BCD -> AL binary
        push    cx
        mov     ch, al
        and     ch, 0Fh
        mov     cl, 4
        shr     al, cl
        mov     cl, 10
        mul     cl
        add     al, ch
        pop     cx
        ret

bin_to_bcd:                     ; AL 0-99 -> AL BCD
        push    cx
        xor     ah, ah
        mov     cl, 10
        div     cl
        mov     cl, 4
        shl     al, cl
        or      al, ah
        pop     cx
        ret

irq0_handler:
        push    ax
        inc     word [ticks]
        mov     al, 20h
        out     20h, al
        pop     ax
        iret

irq8_handler:
        push    ax
        mov     al, 0Ch
        call    cmos_read
        test    al, 40h
        jz      .nopf
        inc     word [periodic]
.nopf:  test    al, 20h
        jz      .noaf
        mov     [alarm_c], al
        inc     word [alarms]
        mov     al, 00h
        call    cmos_read
        mov     [alarm_sec], al
.noaf:  mov     al, 20h
        out     0A0h, al
        out     20h, al
        pop     ax
        iret

s_chip:     db "rtc", 0
ticks:      dw 0
periodic:   dw 0
alarms:     dw 0
alarm_sec:  db 0
alarm_c:    db 0
v1:         dw 0
v2:         dw 0
v3:         dw 0
v4:         dw 0
v5:         dw 0

%include "chipend.inc"
