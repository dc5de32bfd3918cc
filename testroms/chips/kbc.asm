; kbc: the 8042 keyboard controller checked from the guest (IBM PC/AT Technical Reference,
; "Keyboard Controller": status port 64h bits OBF 0, IBF 1, SYS 2; commands 20h read and
; 60h write the command byte, AAh self test -> 55h, ABh keyboard interface test -> 00h,
; ADh/AEh disable/enable keyboard (command byte bit 4), D0h/D1h read/write output port
; (bit 1 = A20 gate); command byte bit 0 enables IRQ1 on output buffer full). Reports on
; port E9h.
%include "chipboot.inc"

main:
        cli
        call    chip_pic_init
        mov     al, MASTER_BASE + 1
        mov     dx, irq1_handler
        call    set_vector
        call    flush

        mov     al, 0AAh
        call    kbc_command
        call    read_data
        mov     bx, 55h
        EXPECT  "kbc.self_test_55"
        mov     al, 0ABh
        call    kbc_command
        call    read_data
        xor     bx, bx
        EXPECT  "kbc.keyboard_interface_test_00"

        ; command byte: written with 60h, read back with 20h; SYS mirrors into status bit 2
        mov     ah, 40h             ; translate only, SYS clear, IRQ1 off
        call    write_cmd_byte
        call    read_cmd_byte
        mov     [v1], ax
        in      al, 64h
        and     ax, 04h
        mov     [v2], ax
        mov     ah, 44h             ; translate, SYS set
        call    write_cmd_byte
        call    read_cmd_byte
        mov     [v3], ax
        in      al, 64h
        and     ax, 04h
        mov     [v4], ax
        mov     ax, [v1]
        mov     bx, 40h
        EXPECT  "kbc.command_byte_40_read_back"
        mov     ax, [v3]
        mov     bx, 44h
        EXPECT  "kbc.command_byte_44_read_back"
        mov     ah, [v2]
        mov     al, [v4]
        mov     bx, 0004h
        EXPECT  "kbc.status_sys_follows_command_byte_bit2"

        ; ADh sets command byte bit 4 (keyboard disabled), AEh clears it
        mov     al, 0ADh
        call    kbc_command
        call    read_cmd_byte
        and     ax, 10h
        mov     bx, 10h
        EXPECT  "kbc.disable_keyboard_sets_bit4"
        mov     al, 0AEh
        call    kbc_command
        call    read_cmd_byte
        and     ax, 10h
        xor     bx, bx
        EXPECT  "kbc.enable_keyboard_clears_bit4"

        ; output port: D1h DFh (A20 on, reset line high), D0h reads bit 1 set; DDh clears it
        mov     al, 0D1h
        call    kbc_command
        mov     al, 0DFh
        call    kbc_data
        mov     al, 0D0h
        call    kbc_command
        call    read_data
        and     ax, 03h
        mov     bx, 03h
        EXPECT  "kbc.output_port_a20_on"
        mov     al, 0D1h
        call    kbc_command
        mov     al, 0DDh
        call    kbc_data
        mov     al, 0D0h
        call    kbc_command
        call    read_data
        and     ax, 03h
        mov     bx, 01h
        EXPECT  "kbc.output_port_a20_off"

        ; IRQ1 on output buffer full when command byte bit 0 is set
        mov     ah, 45h
        call    write_cmd_byte
        call    flush
        mov     word [irq1_n], 0
        mov     byte [irq1_data], 0
        mov     al, 0FDh
        out     21h, al
        sti
        mov     al, 0AAh
        call    kbc_command
        mov     cx, 0
.w:     cmp     word [irq1_n], 0
        jne     .got
        loop    .w
.got:   mov     cx, 2000
        loop    $
        cli
        mov     ah, [irq1_n]
        mov     al, [irq1_data]
        mov     bx, 0155h
        EXPECT  "kbc.irq1_on_output_buffer_full"
        ; with bit 0 clear there is no IRQ1
        mov     ah, 44h
        call    write_cmd_byte
        mov     word [irq1_n], 0
        sti
        mov     al, 0AAh
        call    kbc_command
        mov     cx, 4000
        loop    $
        cli
        call    read_data
        mov     ah, [irq1_n]
        mov     bx, 0055h
        EXPECT  "kbc.no_irq1_with_command_bit0_clear"
        mov     al, 0FFh
        out     21h, al
        mov     ah, 45h
        call    write_cmd_byte

        mov     si, s_chip
        jmp     finish

; ---------------------------------------------------------------------------- helpers
wait_ibf_clear:
        push    cx
        mov     cx, 0
.p:     in      al, 64h
        test    al, 02h
        jz      .d
        loop    .p
.d:     pop     cx
        ret

kbc_command:                    ; AL -> port 64h
        push    ax
        call    wait_ibf_clear
        pop     ax
        out     64h, al
        ret

kbc_data:                       ; AL -> port 60h
        push    ax
        call    wait_ibf_clear
        pop     ax
        out     60h, al
        ret

read_data:                      ; waits for OBF -> AX = port 60h (FFFFh on timeout)
        push    cx
        mov     cx, 0
.p:     in      al, 64h
        test    al, 01h
        jnz     .r
        loop    .p
        pop     cx
        mov     ax, 0FFFFh
        ret
.r:     in      al, 60h
        xor     ah, ah
        pop     cx
        ret

flush:                          ; drains the output buffer
        push    cx
        mov     cx, 16
.p:     in      al, 64h
        test    al, 01h
        jz      .d
        in      al, 60h
        loop    .p
.d:     pop     cx
        ret

write_cmd_byte:                 ; AH = command byte
        mov     al, 60h
        call    kbc_command
        mov     al, ah
        jmp     kbc_data

read_cmd_byte:
        mov     al, 20h
        call    kbc_command
        jmp     read_data

irq1_handler:
        push    ax
        in      al, 60h
        mov     [irq1_data], al
        inc     word [irq1_n]
        mov     al, 20h
        out     20h, al
        pop     ax
        iret

s_chip:     db "kbc", 0
irq1_n:     dw 0
irq1_data:  db 0
v1:         dw 0
v2:         dw 0
v3:         dw 0
v4:         dw 0

%include "chipend.inc"
