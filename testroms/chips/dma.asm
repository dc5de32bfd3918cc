; dma: the 8237A pair checked from the guest (Intel 8237A datasheet: base/current address
; and word count through the byte-pointer flip-flop, mode register, single mask, request
; register, status register with TC bits cleared by the read; IBM PC/AT Technical
; Reference: controller 1 at 00h-0Fh, controller 2 at C0h-DFh (word ports, A1-A4), page
; registers 81h-8Fh). Reports on port E9h.
%include "chipboot.inc"

main:
        cli
        call    chip_pic_init

        ; ---- channel 1 address/count through the flip-flop (0Ch clears it)
        mov     al, 05h             ; mask channel 1
        out     0Ah, al
        out     0Ch, al
        mov     al, 34h
        out     02h, al
        mov     al, 12h
        out     02h, al
        mov     al, 78h
        out     03h, al
        mov     al, 56h
        out     03h, al
        out     0Ch, al
        in      al, 02h
        mov     ah, al
        in      al, 02h
        xchg    al, ah
        mov     bx, 1234h
        EXPECT  "dma.ch1_address_readback"
        out     0Ch, al
        in      al, 03h
        mov     ah, al
        in      al, 03h
        xchg    al, ah
        mov     bx, 5678h
        EXPECT  "dma.ch1_count_readback"
        ; one flip-flop serves every register: after a clear, a read of the address
        ; (low byte) leaves the next read of the count on its high byte
        out     0Ch, al
        in      al, 02h
        mov     ah, al
        in      al, 03h
        mov     bx, 3456h
        EXPECT  "dma.flipflop_shared_by_registers"

        ; ---- page registers (74LS612) read back
        mov     al, 5Ah
        out     83h, al
        mov     al, 0A5h
        out     8Bh, al
        in      al, 83h
        mov     ah, al
        in      al, 8Bh
        mov     bx, 5AA5h
        EXPECT  "dma.page_registers_83h_8bh_readback"

        ; ---- controller 2, channel 5 (word channel): address C4h, count C6h, flip-flop D8h
        mov     al, 05h
        out     0D4h, al            ; mask channel 5
        out     0D8h, al
        mov     al, 0CDh
        out     0C4h, al
        mov     al, 0ABh
        out     0C4h, al
        mov     al, 21h
        out     0C6h, al
        mov     al, 43h
        out     0C6h, al
        out     0D8h, al
        in      al, 0C4h
        mov     ah, al
        in      al, 0C4h
        xchg    al, ah
        mov     [v1], ax
        in      al, 0C6h
        mov     ah, al
        in      al, 0C6h
        xchg    al, ah
        mov     [v2], ax
        mov     ax, [v1]
        mov     bx, 0ABCDh
        EXPECT  "dma.ch5_address_readback"
        mov     ax, [v2]
        mov     bx, 4321h
        EXPECT  "dma.ch5_count_readback"

        ; ---- software request, block mode, verify transfer on channel 1: count 3 = four
        ; cycles, then TC: status bit 1, current count FFFFh, address advanced by 4
        in      al, 08h             ; clear old TC bits
        mov     al, 81h             ; block, increment, no autoinit, verify, channel 1
        out     0Bh, al
        out     0Ch, al
        xor     al, al
        out     02h, al
        mov     al, 10h
        out     02h, al             ; address 1000h
        mov     al, 3
        out     03h, al
        xor     al, al
        out     03h, al             ; count 3
        mov     al, 01h
        out     0Ah, al             ; unmask channel 1
        mov     al, 05h
        out     09h, al             ; request bit set, channel 1
        mov     cx, 200
        loop    $
        in      al, 08h
        mov     [v1], al
        in      al, 08h
        mov     [v2], al
        out     0Ch, al
        in      al, 03h
        mov     ah, al
        in      al, 03h
        xchg    al, ah
        mov     [v3], ax
        out     0Ch, al
        in      al, 02h
        mov     ah, al
        in      al, 02h
        xchg    al, ah
        mov     [v4], ax
        mov     al, 05h
        out     0Ah, al
        mov     al, [v1]
        and     ax, 02h
        mov     bx, 02h
        EXPECT  "dma.software_request_reaches_tc"
        mov     al, [v2]
        and     ax, 02h
        xor     bx, bx
        EXPECT  "dma.status_tc_cleared_by_read"
        mov     ax, [v3]
        mov     bx, 0FFFFh
        EXPECT  "dma.count_ffff_after_tc"
        mov     ax, [v4]
        mov     bx, 1004h
        EXPECT  "dma.address_advanced_by_4"

        ; ---- autoinitialize: the same with mode bit 4 reloads base address and count
        mov     al, 91h
        out     0Bh, al
        out     0Ch, al
        xor     al, al
        out     02h, al
        mov     al, 20h
        out     02h, al             ; address 2000h
        mov     al, 7
        out     03h, al
        xor     al, al
        out     03h, al             ; count 7
        mov     al, 01h
        out     0Ah, al
        mov     al, 05h
        out     09h, al
        mov     cx, 200
        loop    $
        in      al, 08h
        mov     [v1], al
        out     0Ch, al
        in      al, 03h
        mov     ah, al
        in      al, 03h
        xchg    al, ah
        mov     [v3], ax
        out     0Ch, al
        in      al, 02h
        mov     ah, al
        in      al, 02h
        xchg    al, ah
        mov     [v4], ax
        mov     al, 05h
        out     0Ah, al
        mov     al, [v1]
        and     ax, 02h
        mov     bx, 02h
        EXPECT  "dma.autoinit_reaches_tc"
        mov     ax, [v3]
        mov     bx, 7
        EXPECT  "dma.autoinit_reloads_count"
        mov     ax, [v4]
        mov     bx, 2000h
        EXPECT  "dma.autoinit_reloads_address"

        mov     si, s_chip
        jmp     finish

s_chip:     db "dma", 0
v1:         dw 0
v2:         dw 0
v3:         dw 0
v4:         dw 0

%include "chipend.inc"
