; timer_irq.asm - the interrupt path on the AT board without a BIOS (`quartz run --machine at
; --program timer_irq.bin`): it programs the master 8259A (ICW1-ICW4, only IR0 unmasked) and
; 8254 channel 0 in mode 0 with a count of 1000, prints 'S' on port E9h right after the count
; is written, halts, and prints 'I' from the IRQ0 handler. The PIT's OUT0 goes high 1000
; counts after the count is loaded (8254 datasheet, mode 0: interrupt on terminal count), so
; the two bytes are 1001 PIT clocks (12012 master ticks) apart, plus the CPU's interrupt
; latency. tests/machine/test_runs.cpp measures that gap.

        cpu     8086
        bits    16
        org     0x7C00

COUNT   equ 1000

start:  cli
        xor     ax, ax
        mov     ds, ax
        mov     word [8 * 4], irq0          ; vector 08h (ICW2 = 08h, IR0)
        mov     word [8 * 4 + 2], 0

        mov     al, 0x11                    ; ICW1: edge triggered, cascade, ICW4 needed
        out     0x20, al
        mov     al, 0x08                    ; ICW2: vectors 08h-0Fh
        out     0x21, al
        mov     al, 0x04                    ; ICW3: slave on IR2
        out     0x21, al
        mov     al, 0x01                    ; ICW4: 8086 mode, normal EOI
        out     0x21, al
        mov     al, 0xFE                    ; OCW1: only IR0 unmasked
        out     0x21, al

        mov     al, 0x30                    ; channel 0, lobyte/hibyte, mode 0, binary
        out     0x43, al
        mov     al, COUNT & 0xFF
        out     0x40, al
        mov     al, COUNT >> 8
        out     0x40, al                    ; count written: loaded on the next CLK
        mov     al, 'S'
        out     0xE9, al
        sti
.wait:  hlt
        jmp     .wait

irq0:   mov     al, 'I'
        out     0xE9, al
        mov     al, 0x20                    ; OCW2: non-specific EOI
        out     0x20, al
        mov     si, shutdown
        mov     dx, 0x8900
.sd:    cs lodsb
        test    al, al
        jz      .halt
        out     dx, al
        jmp     .sd
.halt:  cli
        hlt
        jmp     .halt

shutdown: db "Shutdown", 0
