; quartz bench workload: a realistic real-mode mix that loops forever. Loaded at 1000:0000
; with SS:SP = 2000:0000; `quartz bench` stops it after a fixed instruction count.
; The mix: register ALU, MOV with memory operands (several addressing modes), REP MOVSW and
; LODSB/STOSB string work, CALL/RET, LOOP, conditional jumps, MUL and DIV.
bits 16
org 0

start:
        mov     ax, cs
        mov     ds, ax
        mov     es, ax
        cld
outer:
        mov     cx, 32
        mov     si, table
        xor     bx, bx
inner:
        mov     ax, [si]                ; MOV r, m (disp-less)
        add     ax, [bx + si + 2]       ; ALU r, m (base + index + disp)
        xor     dx, dx
        mov     di, 7
        div     di                      ; DIV r16
        mov     [bx + buffer], dx       ; MOV m, r (base + disp16)
        inc     bx
        inc     bx
        and     bx, 0x3E
        add     si, 2
        cmp     si, table + 64
        jb      .nowrap
        mov     si, table
.nowrap:
        call    mix
        loop    inner

        mov     si, buffer
        mov     di, buffer2
        mov     cx, 16
        rep     movsw                   ; string copy
        mov     si, buffer2
        mov     di, buffer
        mov     cx, 8
.bytes: lodsb
        add     al, 3
        stosb
        loop    .bytes
        jmp     outer

mix:
        mov     al, [bx + table]
        mov     ah, 5
        mul     ah                      ; MUL r8
        shl     ax, 1
        rcr     dx, 1
        test    al, 1
        jz      .even
        sub     word [counter], ax
        ret
.even:  add     word [counter], ax
        ret

        align   2
counter: dw     0
table:  times   40 dw 0x1357, 0x2468
buffer: times   64 db 0
buffer2: times  64 db 0
