; hello.asm - Quartz's bare-metal smoke test: a flat 8086 program run with RAM only
; (`quartz run --program hello.bin`, loaded at 0000:7C00 by default; position independent
; in the sense that it only uses CS-relative data, with DS = CS set by the loader).
;
; It computes three numbers whose values are known from arithmetic, prints them in decimal
; on the Bochs-style debug port (E9h), then writes "Shutdown" to port 8900h:
;   sum of 1..100                 = 5050   (n(n+1)/2)
;   primes below 100              = 25
;   Fibonacci F(24)               = 46368  (F(1) = F(2) = 1)
; The test in tests/machine/ checks the exact text.

        cpu     8086
        bits    16
        org     0x7C00

start:
        cld
        mov     si, msg_hello
        call    puts

        ; --- sum of 1..100 with a LOOP ---
        xor     ax, ax
        mov     cx, 100
.sum:   add     ax, cx
        loop    .sum
        mov     si, msg_sum
        push    ax                      ; puts clobbers AL (LODSB)
        call    puts
        pop     ax
        call    putdec
        call    newline

        ; --- primes below 100 by trial division (DIV) ---
        xor     bp, bp                  ; count
        mov     bx, 2                   ; candidate
.cand:  mov     cx, 2                   ; divisor
.div:   mov     ax, cx
        mul     cx                      ; divisor^2 > candidate -> prime
        cmp     ax, bx
        ja      .prime
        mov     ax, bx
        xor     dx, dx
        div     cx
        test    dx, dx
        jz      .next                   ; divisible: composite
        inc     cx
        jmp     .div
.prime: inc     bp
.next:  inc     bx
        cmp     bx, 100
        jb      .cand
        mov     si, msg_primes
        call    puts
        mov     ax, bp
        call    putdec
        call    newline

        ; --- Fibonacci F(24) iteratively ---
        mov     ax, 1                   ; F(1)
        mov     dx, 1                   ; F(2)
        mov     cx, 22                  ; 22 more steps reach F(24)
.fib:   mov     bx, dx
        add     dx, ax
        mov     ax, bx
        loop    .fib
        mov     si, msg_fib
        call    puts
        mov     ax, dx
        call    putdec
        call    newline

        ; --- power off (Bochs/Quartz shutdown port) ---
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

; puts: print the NUL-terminated string at DS:SI on port E9h.
puts:   lodsb
        test    al, al
        jz      .done
        out     0xE9, al
        jmp     puts
.done:  ret

newline:
        mov     al, 10
        out     0xE9, al
        ret

; putdec: print AX as unsigned decimal (digits pushed, then popped in order).
putdec: push    ax
        push    bx
        push    cx
        push    dx
        mov     bx, 10
        xor     cx, cx
.dig:   xor     dx, dx
        div     bx
        push    dx
        inc     cx
        test    ax, ax
        jnz     .dig
.out:   pop     ax
        add     al, '0'
        out     0xE9, al
        loop    .out
        pop     dx
        pop     cx
        pop     bx
        pop     ax
        ret

msg_hello:    db "Hello from Quartz!", 10, 0
msg_sum:      db "sum 1..100 = ", 0
msg_primes:   db "primes below 100 = ", 0
msg_fib:      db "F(24) = ", 0
msg_shutdown: db "Shutdown", 0
