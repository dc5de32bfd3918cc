; videocheck: boot sector that points INT 10h back at the system BIOS's own entry F000:F065h
; (bypassing the VGA option ROM) and checks the BIOS's fallback text console, reading the
; screen at B800h directly. Prints "name=value" lines on port E9h, then "DONE".
        cpu     8086
        bits    16
        org     7C00h

%macro REPORT 2                     ; name string, value expression (word)
        mov     si, %%name
        mov     ax, %2
        call    report
        jmp     %%next
%%name: db      %1, 0
%%next:
%endmacro

start:  xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 7C00h
        mov     ax, 0204h           ; LBA 1-4 -> 0000:7E00h (the rest of this program)
        mov     bx, 7E00h
        mov     cx, 0002h
        xor     dh, dh
        int     13h
        jmp     main

        times   510 - ($ - $$) db 0
        dw      0AA55h

main:
        mov     word [10h * 4], 0F065h
        mov     word [10h * 4 + 2], 0F000h
        mov     ax, 0B800h
        mov     es, ax
        sti

        mov     ax, 0003h           ; set mode: clears to 0720h
        int     10h
        REPORT  "MODE-CELL", [es:0]
        mov     ah, 0Fh
        int     10h
        mov     [tmp], ax
        REPORT  "GET-MODE", [tmp]   ; AH = 80 columns (50h), AL = mode 03h

        mov     ah, 02h             ; cursor to row 5, column 10
        xor     bh, bh
        mov     dx, 050Ah
        int     10h
        mov     ah, 03h
        int     10h
        mov     [tmp], dx
        mov     [tmp2], cx
        REPORT  "CURSOR", [tmp]
        REPORT  "CURSOR-TYPE", [tmp2]

        mov     ax, 0E41h           ; teletype 'A', 'B' at 5,10
        int     10h
        mov     ax, 0E42h
        int     10h
        REPORT  "TTY-CELL", [es:(5 * 80 + 10) * 2]
        REPORT  "TTY-CELL2", [es:(5 * 80 + 11) * 2]
        mov     ah, 03h
        int     10h
        mov     [tmp], dx
        REPORT  "TTY-CURSOR", [tmp]

        mov     ax, 0958h           ; 'X' attribute 1Eh, 3 times, cursor stays
        mov     bx, 001Eh
        mov     cx, 3
        int     10h
        REPORT  "WRITE-CELL", [es:(5 * 80 + 14) * 2]
        REPORT  "WRITE-AFTER", [es:(5 * 80 + 15) * 2]
        mov     ah, 08h
        xor     bh, bh
        int     10h
        mov     [tmp], ax
        REPORT  "READ-CELL", [tmp]

        mov     ax, 0601h           ; scroll the whole screen up one line, fill 17h
        mov     bh, 17h
        xor     cx, cx
        mov     dx, 184Fh
        int     10h
        REPORT  "SCROLL-MOVED", [es:(4 * 80 + 10) * 2]
        REPORT  "SCROLL-FILL", [es:(24 * 80) * 2]

        mov     ax, 0701h           ; and down one line in a window rows 2-6, cols 0-39
        mov     bh, 70h
        mov     cx, 0200h
        mov     dx, 0627h
        int     10h
        REPORT  "DOWN-MOVED", [es:(5 * 80 + 10) * 2]
        REPORT  "DOWN-FILL", [es:(2 * 80 + 5) * 2]
        REPORT  "DOWN-OUTSIDE", [es:(2 * 80 + 50) * 2]

        mov     ah, 02h             ; last cell of the screen, then teletype scrolls
        xor     bh, bh
        mov     dx, 184Fh
        int     10h
        mov     ax, 0E5Ah
        int     10h
        REPORT  "WRAP-CELL", [es:(23 * 80 + 79) * 2]
        mov     ah, 03h
        int     10h
        mov     [tmp], dx
        REPORT  "WRAP-CURSOR", [tmp]

        mov     si, done
        call    puts
        cli
.halt:  hlt
        jmp     .halt

; report: SI = name, AX = value -> "name=XXXX\r\n"
report: mov     [tmp], ax
        call    puts
        mov     al, '='
        out     0E9h, al
        mov     ax, [tmp]
        mov     cx, 4
.dig:   push    cx
        mov     cl, 4
        rol     ax, cl
        pop     cx
        push    ax
        and     al, 0Fh
        add     al, '0'
        cmp     al, '9'
        jbe     .o
        add     al, 7
.o:     out     0E9h, al
        pop     ax
        loop    .dig
        mov     si, crlf
        jmp     puts

puts:   lodsb
        or      al, al
        jz      .d
        out     0E9h, al
        jmp     puts
.d:     ret

crlf:   db      13, 10, 0
done:   db      "DONE", 13, 10, 0
tmp:    dw      0
tmp2:   dw      0

        times   64 * 512 - ($ - $$) db 0
