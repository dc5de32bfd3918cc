; pic: the 8259A pair checked from the guest (Intel 8259A datasheet, "Programming the
; 8259A"; IBM PC/AT Technical Reference: master 20h/21h, slave A0h/A1h on master IR2, PIT
; OUT0 on IR0, RTC IRQ on slave IR0 = IRQ8). Interrupt requests come from PIT counter 0 in
; mode 0 (OUT0 rises once at terminal count: one clean edge) and from the MC146818's
; periodic interrupt. Reports on port E9h (see chipboot.inc).
%include "chipboot.inc"

main:
        cli
        ; ICW1 clears the IMR and selects the IRR for reads (datasheet, ICW1 a-e)
        mov     al, 0FFh
        out     21h, al
        mov     al, 11h
        out     20h, al
        mov     al, MASTER_BASE
        out     21h, al
        mov     al, 04h
        out     21h, al
        mov     al, 01h
        out     21h, al
        in      al, 21h
        xor     ah, ah
        xor     bx, bx
        EXPECT  "pic.icw1_clears_imr"
        call    chip_pic_init

        mov     al, MASTER_BASE + 0
        mov     dx, irq0_handler
        call    set_vector
        mov     al, MASTER_BASE + 7
        mov     dx, irq7_handler
        call    set_vector
        mov     al, SLAVE_BASE + 0
        mov     dx, irq8_handler
        call    set_vector

        ; OCW1 is read back from the odd port
        mov     al, 0A5h
        out     21h, al
        mov     al, 5Ah
        out     0A1h, al
        in      al, 21h
        mov     ah, al
        in      al, 0A1h
        mov     bx, 0A55Ah
        EXPECT  "pic.ocw1_imr_readback"
        mov     al, 0FFh
        out     21h, al
        out     0A1h, al

        ; a masked request still sets its IRR bit (the IMR acts after the IRR)
        call    pit0_edge
        mov     al, 0Ah             ; OCW3: read IRR
        out     20h, al
        in      al, 20h
        and     ax, 01h
        mov     bx, 01h
        EXPECT  "pic.irr_latches_masked_request"
        mov     al, 0Bh             ; OCW3: read ISR
        out     20h, al
        in      al, 20h
        xor     ah, ah
        xor     bx, bx
        EXPECT  "pic.isr_empty_before_ack"

        ; masked: not delivered
        call    clear_log
        sti
        call    wait_short
        cli
        mov     ax, [log_n]
        xor     bx, bx
        EXPECT  "pic.masked_irq_not_delivered"

        ; unmasked: delivered at vector base+0, ISR bit set while in service, IRR bit
        ; cleared by the acknowledge
        mov     byte [irq0_eoi], 0
        mov     al, 0FEh
        out     21h, al
        sti
        call    wait_short
        cli
        mov     ah, [log_n]
        mov     al, [log_buf]
        mov     bx, 0100h
        EXPECT  "pic.unmask_delivers_irq0"
        mov     al, [isr_in_irq0]
        xor     ah, ah
        mov     bx, 01h
        EXPECT  "pic.isr_set_in_service"
        mov     al, [irr_in_irq0]
        and     ax, 01h
        xor     bx, bx
        EXPECT  "pic.irr_cleared_by_ack"
        call    read_master_isr
        mov     bx, 01h
        EXPECT  "pic.isr_held_until_eoi"

        ; specific EOI (OCW2 011 00 L2-L0) resets only its own level
        mov     al, 61h
        out     20h, al
        call    read_master_isr
        mov     bx, 01h
        EXPECT  "pic.specific_eoi_other_level_ignored"
        mov     al, 60h
        out     20h, al
        call    read_master_isr
        xor     bx, bx
        EXPECT  "pic.specific_eoi_clears_level"

        ; non-specific EOI (OCW2 20h) resets the highest ISR bit
        call    clear_log
        call    pit0_edge
        sti
        call    wait_short
        cli
        call    read_master_isr
        mov     bx, 01h
        EXPECT  "pic.second_irq0_in_service"
        mov     al, 20h
        out     20h, al
        call    read_master_isr
        xor     bx, bx
        EXPECT  "pic.nonspecific_eoi_clears"

        ; priority: IRQ8 (slave IR0 -> master IR2) raised first, then IRQ0; with both
        ; pending, IR0 has the higher priority and is serviced first (fully nested mode)
        ; (the slave's IR0 unmasked so its INT drives master IR2; the master masks all)
        mov     al, 0FFh
        out     21h, al
        mov     al, 0FEh
        out     0A1h, al
        call    rtc_periodic_on
        mov     cx, 0
.wait8: mov     al, 0Ah
        out     0A0h, al
        in      al, 0A0h
        test    al, 01h
        jnz     .got8
        loop    .wait8
.got8:  call    pit0_edge
        mov     al, 0Ah
        out     20h, al
        in      al, 20h
        mov     ah, al
        in      al, 0A0h            ; slave OCW3 already selects the IRR
        and     ax, 0501h
        mov     bx, 0501h
        EXPECT  "pic.irr_master_ir0_ir2_slave_ir0"
        call    clear_log
        mov     byte [irq0_eoi], 20h
        mov     al, 0FAh            ; IR0 and IR2 (cascade) unmasked
        out     21h, al
        mov     al, 0FEh            ; IRQ8
        out     0A1h, al
        sti
        call    wait_short
        cli
        mov     ah, [log_buf]
        mov     al, [log_buf + 1]
        mov     bx, 0008h
        EXPECT  "pic.priority_irq0_before_irq8"
        mov     ax, [log_n]
        mov     bx, 2
        EXPECT  "pic.two_requests_two_interrupts"
        ; cascade: IRQ8 arrived at the slave's vector with master IR2 and slave IR0 in
        ; service
        mov     ah, [m_isr_in_irq8]
        mov     al, [s_isr_in_irq8]
        mov     bx, 0401h
        EXPECT  "pic.cascade_irq8_isr_master_ir2_slave_ir0"
        call    read_master_isr
        mov     ah, al
        mov     al, 0Bh
        out     0A0h, al
        in      al, 0A0h
        xor     bx, bx
        EXPECT  "pic.cascade_eoi_clears_both"
        mov     al, 0FFh
        out     21h, al
        out     0A1h, al

        ; rotation (OCW2 A0h, rotate on non-specific EOI): the serviced IR0 becomes the
        ; lowest priority, so with IR0 and IR2 pending IR2 (IRQ8) now goes first; set
        ; priority (OCW2 C7h: IR7 lowest) restores IR0 as the highest
        mov     byte [irq0_eoi], 0A0h
        mov     al, 0FEh
        out     21h, al
        call    pit0_edge
        sti
        call    wait_short
        cli
        mov     byte [irq0_eoi], 20h
        call    both_pending
        mov     ah, [log_buf]
        mov     al, [log_buf + 1]
        mov     bx, 0800h
        EXPECT  "pic.rotate_on_eoi_makes_ir0_lowest"
        mov     al, 0C7h
        out     20h, al
        call    both_pending
        mov     ah, [log_buf]
        mov     al, [log_buf + 1]
        mov     bx, 0008h
        EXPECT  "pic.set_priority_ir7_lowest_restores_ir0"
        mov     al, 0FFh
        out     21h, al
        out     0A1h, al

        ; fully nested mode: with IR0 in service (no EOI yet) the lower-priority IR2
        ; (IRQ8) waits; special mask mode (OCW3 68h) with IR0 masked lets it through
        ; (datasheet, "Special Mask Mode")
        mov     byte [irq0_eoi], 0
        mov     al, 0FEh
        out     21h, al
        call    clear_log
        call    pit0_edge
        sti
        call    wait_short
        cli
        mov     al, 0FFh
        out     21h, al
        mov     al, 0FEh
        out     0A1h, al
        call    rtc_periodic_on
        mov     cx, 0
.wsmm:  mov     al, 0Ah
        out     0A0h, al
        in      al, 0A0h
        test    al, 01h
        jnz     .gsmm
        loop    .wsmm
.gsmm:  call    clear_log
        mov     al, 0FAh
        out     21h, al
        sti
        call    wait_short
        cli
        mov     ax, [log_n]
        mov     [v_nested], ax
        mov     al, 68h             ; OCW3: set special mask mode
        out     20h, al
        mov     al, 0FBh            ; IR0 masked, IR2 open
        out     21h, al
        sti
        call    wait_short
        cli
        mov     ah, [log_n]
        mov     al, [log_buf]
        mov     [v_smm], ax
        mov     al, 48h             ; OCW3: reset special mask mode
        out     20h, al
        mov     al, 60h             ; specific EOI for IR0
        out     20h, al
        call    read_master_isr
        mov     [v_isr], ax
        mov     al, 0FFh
        out     21h, al
        out     0A1h, al
        mov     byte [irq0_eoi], 20h
        mov     ax, [v_nested]
        xor     bx, bx
        EXPECT  "pic.in_service_ir0_blocks_lower_ir2"
        mov     ax, [v_smm]
        mov     bx, 0108h
        EXPECT  "pic.special_mask_mode_admits_lower_ir2"
        mov     ax, [v_isr]
        xor     bx, bx
        EXPECT  "pic.special_mask_mode_exit_isr_clear"

        ; poll mode (OCW3 P = 1): the next read of port 20h returns 1000 0LLL and acts as
        ; the acknowledge
        mov     al, 0FEh
        out     21h, al
        call    clear_log
        call    pit0_edge
        mov     al, 0Ch
        out     20h, al
        in      al, 20h
        xor     ah, ah
        mov     bx, 80h
        EXPECT  "pic.poll_reports_ir0"
        call    read_master_isr
        mov     bx, 01h
        EXPECT  "pic.poll_sets_isr"
        mov     al, 20h
        out     20h, al
        mov     al, 0Ch
        out     20h, al
        in      al, 20h
        and     ax, 80h
        xor     bx, bx
        EXPECT  "pic.poll_idle_no_request"
        mov     ax, [log_n]
        xor     bx, bx
        EXPECT  "pic.poll_no_cpu_interrupt"

        ; spurious interrupt: an IR input must stay high until the first INTA, else the
        ; 8259A answers with the IR7 vector and leaves ISR bit 7 clear (datasheet,
        ; "Interrupt Sequence" note). PIT counter 0 in mode 3 with count 2 holds IR0 high
        ; for one 838 ns PIT clock out of two, shorter than the time from the CPU's INTR
        ; sampling to its INTA cycles, so some acknowledges find the request gone.
        mov     word [spurious_n], 0
        mov     word [irq0_n], 0
        mov     byte [isr_in_irq7], 0FFh    ; stays FFh when no IR7 arrives
        mov     byte [irq0_eoi], 20h
        mov     al, 0FEh
        out     21h, al
        mov     al, 36h
        out     43h, al
        mov     al, 2
        out     40h, al
        xor     al, al
        out     40h, al
        sti
.spur:  cmp     word [irq0_n], 2000
        jb      .spur
        cli
        mov     al, 0FFh
        out     21h, al
        mov     al, 30h             ; counter 0 back to mode 0: OUT0 low
        out     43h, al
        ; At least one acknowledge must find the request gone. How many do is set by the
        ; phase at which the handlers leave the CPU (it varies a lot with the clock rate:
        ; docs/chip-tests.md), so no upper bound follows from the datasheet.
        mov     ax, [spurious_n]
        mov     bx, 1
        mov     cx, 0FFFFh
        EXPECT_RANGE "pic.spurious_ir7_when_request_vanishes"
        mov     al, [isr_in_irq7]
        xor     ah, ah
        xor     bx, bx
        EXPECT  "pic.spurious_ir7_isr_clear"

        ; automatic EOI (ICW4 AEOI = 1): ISR is reset at the end of the second INTA
        mov     al, 11h
        out     20h, al
        mov     al, MASTER_BASE
        out     21h, al
        mov     al, 04h
        out     21h, al
        mov     al, 03h
        out     21h, al
        mov     al, 0FEh
        out     21h, al
        call    clear_log
        mov     byte [irq0_eoi], 0
        mov     byte [isr_in_irq0], 0FFh
        call    pit0_edge
        sti
        call    wait_short
        cli
        mov     ah, [log_n]
        mov     al, [isr_in_irq0]
        mov     bx, 0100h
        EXPECT  "pic.auto_eoi_isr_clear_in_handler"
        call    chip_pic_init

        mov     si, s_chip
        jmp     finish

; ---------------------------------------------------------------------------- helpers
; pit0_edge: counter 0 mode 0, count 20: OUT0 goes low, rises at terminal count (IR0
; edge) and stays high. Waits long enough for the count to expire.
pit0_edge:
        mov     al, 30h
        out     43h, al
        mov     al, 20
        out     40h, al
        xor     al, al
        out     40h, al
wait_short:
        push    cx
        mov     cx, 2000
        loop    $
        pop     cx
        ret

; both_pending: IRQ8 then IRQ0 made pending while masked, then both unmasked; the log
; holds the order they were serviced in (IRQ0 handler EOI per irq0_eoi)
both_pending:
        mov     al, 0FFh
        out     21h, al
        mov     al, 0FEh
        out     0A1h, al
        call    rtc_periodic_on
        mov     cx, 0
.wait8: mov     al, 0Ah
        out     0A0h, al
        in      al, 0A0h
        test    al, 01h
        jnz     .got8
        loop    .wait8
.got8:  call    pit0_edge
        call    clear_log
        mov     al, 0FAh
        out     21h, al
        sti
        call    wait_short
        cli
        mov     al, 0FFh
        out     21h, al
        ret

read_master_isr:
        mov     al, 0Bh
        out     20h, al
        in      al, 20h
        xor     ah, ah
        ret

clear_log:
        mov     word [log_n], 0
        mov     word [log_buf], 0FFFFh
        ret

; rtc_periodic_on: register A 26h (32.768 kHz time base, rate 6 = 1024 Hz), register B
; PIE | 24-hour, register C read to clear pending flags
rtc_periodic_on:
        mov     ax, 260Ah
        call    cmos_write
        mov     ax, 420Bh
        call    cmos_write
        mov     al, 0Ch
        call    cmos_read
        ret

log_irq:                        ; AL = IRQ number
        push    bx
        mov     bx, [log_n]
        cmp     bx, 8
        jae     .full
        mov     [log_buf + bx], al
        inc     word [log_n]
.full:  pop     bx
        ret

irq0_handler:
        push    ax
        mov     al, 0
        call    log_irq
        inc     word [irq0_n]
        mov     al, 0Bh
        out     20h, al
        in      al, 20h
        mov     [isr_in_irq0], al
        mov     al, 0Ah
        out     20h, al
        in      al, 20h
        mov     [irr_in_irq0], al
        mov     al, [irq0_eoi]      ; the OCW2 to send, 0 = none
        or      al, al
        jz      .done
        out     20h, al
.done:  pop     ax
        iret

irq7_handler:
        push    ax
        mov     al, 7
        call    log_irq
        inc     word [spurious_n]
        mov     al, 0Bh
        out     20h, al
        in      al, 20h
        mov     [isr_in_irq7], al
        pop     ax
        iret

irq8_handler:
        push    ax
        mov     al, 8
        call    log_irq
        mov     al, 0Bh
        out     20h, al
        out     0A0h, al
        in      al, 20h
        mov     [m_isr_in_irq8], al
        in      al, 0A0h
        mov     [s_isr_in_irq8], al
        mov     ax, 020Bh           ; PIE off, then register C read drops the IRQ line
        call    cmos_write
        mov     al, 0Ch
        call    cmos_read
        mov     al, 60h             ; specific EOIs (also right in special mask mode)
        out     0A0h, al
        mov     al, 62h
        out     20h, al
        pop     ax
        iret

s_chip:         db "pic", 0
log_n:          dw 0
v_nested:       dw 0
v_smm:          dw 0
v_isr:          dw 0
irq0_n:         dw 0
spurious_n:     dw 0
log_buf:        times 8 db 0
irq0_eoi:       db 0
isr_in_irq0:    db 0
irr_in_irq0:    db 0
isr_in_irq7:    db 0
m_isr_in_irq8:  db 0
s_isr_in_irq8:  db 0

%include "chipend.inc"
