; keyecho: boot sector that prints every key word from INT 16h AH=10h as "KEY xxxx" (scan
; code, ASCII) plus the AH=12h shift flags on port E9h, until Esc. A keyboard test types
; scan codes into the machine and compares the lines with the IBM INT 16h key tables.
        cpu     8086
        bits    16
        org     7C00h

start:  xor     ax, ax
        mov     ds, ax
        mov     ss, ax
        mov     sp, 7C00h
        sti
        mov     si, msg_ready
        call    puts
.key:   mov     ah, 10h
        int     16h
        mov     di, ax              ; DI = key word
        mov     si, msg_key
        call    puts
        mov     ax, di
        call    hex16
        mov     ah, 12h
        int     16h
        mov     bx, ax
        mov     si, msg_flags
        call    puts
        mov     ax, bx
        call    hex16
        mov     si, msg_crlf
        call    puts
        cmp     di, 011Bh
        jne     .key
        mov     si, msg_done
        call    puts
        cli
.halt:  hlt
        jmp     .halt

puts:   lodsb
        or      al, al
        jz      .done
        out     0E9h, al
        jmp     puts
.done:  ret

hex16:  push    ax
        mov     al, ah
        call    hex8
        pop     ax
hex8:   push    ax
        push    cx
        mov     cl, 4
        shr     al, cl
        call    .nib
        pop     cx
        pop     ax
        push    ax
        call    .nib
        pop     ax
        ret
.nib:   and     al, 0Fh
        add     al, '0'
        cmp     al, '9'
        jbe     .o
        add     al, 7
.o:     out     0E9h, al
        ret

msg_ready:      db "KEYECHO ready", 13, 10, 0
msg_key:        db "KEY ", 0
msg_flags:      db " FLAGS ", 0
msg_crlf:       db 13, 10, 0
msg_done:       db "KEYECHO done", 13, 10, 0

        times   510 - ($ - $$) db 0
        dw      0AA55h
        times   64 * 512 - ($ - $$) db 0
