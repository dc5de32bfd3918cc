; rm_shutdown.asm - an 80286 real-mode shutdown: the interrupt table limit is set to 0 with
; LIDT, so INT 3 raises exception 8 (vector beyond the limit), and exception 8 beyond the
; limit shuts the processor down (80286 datasheet, "Shutdown", real address mode).
;   quartz run --machine at --cpu 80286 --program rm_shutdown.bin     -> exit status 4
; On a board that resets the CPU on shutdown the run ends as a triple fault; the line after
; INT 3 is never printed.
        cpu     286
        bits    16
        org     0x7C00

start:  cli
        jmp     0:.go
.go:    xor     ax, ax
        mov     ds, ax
        mov     ss, ax
        mov     sp, 0x7000
        cld
        mov     si, msg_before
        call    puts
        lidt    [null_idt]
        int     3
        mov     si, msg_after
        call    puts
.h:     hlt
        jmp     .h

puts:   lodsb
        or      al, al
        jz      .d
        out     0xE9, al
        jmp     puts
.d:     ret

msg_before: db "rm_shutdown: INT 3 with an IDT limit of 0", 10, 0
msg_after:  db "FAIL rm_shutdown: execution went on after INT 3", 10, 0
null_idt:   dw 0, 0, 0
