; bootcheck: a bootable disk image that exercises the Quartz BIOS services and reports each
; result as one "NAME key=value" line on the debug port E9h (and on screen via INT 10h).
; A boot test reads the E9 output and compares it with the values the BIOS interface
; documents (see docs/bios.md). Layout: LBA 0 boot sector (loads LBA 1-8 to 0000:7E00h),
; LBA 1-8 test program, LBA 9 a marker sector, LBA 10 scratch for the write test; 1 MiB total.
        cpu     8086
        bits    16
        org     7C00h

PROGRAM_SECTORS equ 8
MARKER_LBA      equ 9
SCRATCH_LBA     equ 10

boot:
        cli
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 7C00h
        sti
        cld
        mov     [boot_drive], dl
        mov     si, msg_boot
        call    puts
        mov     ax, 0200h + PROGRAM_SECTORS
        mov     bx, 7E00h
        mov     cx, 0002h           ; cylinder 0, sector 2 = LBA 1
        xor     dh, dh
        mov     dl, [boot_drive]
        int     13h
        jc      .fail
        jmp     program
.fail:  mov     si, msg_loadfail
        call    puts
        cli
        hlt

; puts: DS:SI zero-terminated -> E9h and INT 10h teletype
puts:   pushf
        push    ax
        push    bx
        push    si
.next:  lodsb
        or      al, al
        jz      .done
        out     0E9h, al
        mov     ah, 0Eh
        mov     bx, 0007h
        int     10h
        jmp     .next
.done:  pop     si
        pop     bx
        pop     ax
        popf
        ret

boot_drive:     db 0
msg_boot:       db "BOOT ok", 13, 10, 0
msg_loadfail:   db "BOOT load-failed", 13, 10, 0

        times   510 - ($ - $$) db 0
        dw      0AA55h

; ----------------------------------------------------------------------------- LBA 1..8
program:
        ; INT 11h / 12h
        int     11h
        mov     si, s_int11
        call    put_ax_line
        int     12h
        mov     si, s_int12
        call    put_ax_line

        ; INT 13h AH=08h: geometry of drive 80h
        mov     ah, 08h
        mov     dl, 80h
        int     13h
        mov     si, s_geo
        call    puts
        call    put_cf
        mov     si, s_cx
        call    puts
        mov     ax, cx
        call    hex16
        mov     si, s_dx
        call    puts
        mov     ax, dx
        call    hex16
        call    crlf

        ; INT 13h AH=15h
        mov     ah, 15h
        mov     dl, 80h
        int     13h
        mov     si, s_type
        call    put_ax_line

        ; INT 13h AH=41h
        mov     ah, 41h
        mov     bx, 55AAh
        mov     dl, 80h
        int     13h
        mov     si, s_ext
        call    puts
        call    put_cf
        mov     si, s_ax
        call    puts
        mov     al, ah
        call    hex8
        mov     si, s_bx
        call    puts
        mov     ax, bx
        call    hex16
        mov     si, s_cx
        call    puts
        mov     ax, cx
        call    hex16
        call    crlf

        ; INT 13h AH=48h: total sectors (low dword)
        mov     word [result_buf], 1Eh
        mov     ah, 48h
        mov     dl, 80h
        mov     si, result_buf
        int     13h
        mov     si, s_params
        call    puts
        call    put_cf
        mov     si, s_sectors
        call    puts
        mov     ax, [result_buf + 18]
        call    hex16
        mov     ax, [result_buf + 16]
        call    hex16
        mov     si, s_bps
        call    puts
        mov     ax, [result_buf + 24]
        call    hex16
        call    crlf

        ; INT 13h AH=42h: marker sector through LBA
        mov     word [dap + 8], MARKER_LBA
        mov     word [dap + 2], 1
        mov     ah, 42h
        mov     dl, 80h
        mov     si, dap
        int     13h
        mov     si, s_extread
        call    puts
        call    put_cf
        call    put_marker

        ; INT 13h AH=02h: the same sector through CHS (cylinder 0, head 0, sector 10)
        mov     di, sector_buf
        mov     cx, 256
        xor     ax, ax
        rep stosw
        mov     ax, 0201h
        mov     bx, sector_buf
        mov     cx, MARKER_LBA + 1
        mov     dx, 0080h
        int     13h
        mov     si, s_chsread
        call    puts
        call    put_cf
        call    put_marker

        ; INT 13h AH=03h then AH=02h: write a pattern to the scratch sector and read it back
        mov     di, sector_buf
        mov     cx, 256
        mov     ax, 0C35Ah
        rep stosw
        mov     ax, 0301h
        mov     bx, sector_buf
        mov     cx, SCRATCH_LBA + 1
        mov     dx, 0080h
        int     13h
        pushf
        mov     di, sector_buf
        mov     cx, 256
        xor     ax, ax
        rep stosw
        mov     ax, 0201h
        mov     bx, sector_buf
        mov     cx, SCRATCH_LBA + 1
        mov     dx, 0080h
        int     13h
        popf
        mov     si, s_write
        call    puts
        call    put_cf
        mov     si, s_match
        call    puts
        mov     di, sector_buf
        mov     cx, 256
        mov     ax, 0C35Ah
        repe scasw
        mov     al, '1'
        je      .wmatch
        mov     al, '0'
.wmatch:
        call    putc
        call    crlf

        ; INT 13h AH=02h beyond the geometry: sector 0 is invalid -> CF=1
        mov     ax, 0201h
        mov     bx, sector_buf
        mov     cx, 0000h
        mov     dx, 0080h
        int     13h
        mov     si, s_badsec
        call    puts
        call    put_cf
        mov     si, s_ax
        call    puts
        mov     al, ah
        call    hex8
        call    crlf

        ; INT 13h AH=01h: last status (the error above, 04h)
        mov     ah, 01h
        mov     dl, 80h
        int     13h
        mov     si, s_status
        call    puts
        mov     al, ah
        call    hex8
        call    crlf

        ; INT 15h AH=88h, AH=C0h
        mov     ah, 88h
        clc
        int     15h
        mov     si, s_ext_mem
        call    puts
        call    put_cf
        mov     si, s_ax
        call    puts
        call    hex16
        call    crlf
        mov     ah, 0C0h
        int     15h
        mov     si, s_config
        call    puts
        call    put_cf
        mov     si, s_model
        call    puts
        mov     al, [es:bx + 2]
        call    hex8
        call    crlf
        push    ds
        pop     es

        ; INT 15h AX=2401h/2402h/2400h/2402h: A20 on, status, off, status
        mov     ax, 2401h
        int     15h
        mov     si, s_a20
        call    puts
        call    put_cf
        mov     ax, 2402h
        int     15h
        mov     si, s_a20_on
        call    puts
        call    hex8
        mov     ax, 2400h
        int     15h
        mov     ax, 2402h
        int     15h
        mov     si, s_a20_off
        call    puts
        call    hex8
        call    crlf

        ; INT 15h AH=87h: copy 512 bytes to 1 MiB and back
        call    move_block_test

        ; INT 15h AH=86h: wait 110 ms (0001:ADB0h us) = 2 ticks of 54.9 ms
        xor     ax, ax
        mov     es, ax
        mov     bx, [es:046Ch]
        mov     ah, 86h
        mov     cx, 0001h
        mov     dx, 0ADB0h
        int     15h
        pushf
        mov     ax, [es:046Ch]
        sub     ax, bx
        popf
        push    ax
        mov     si, s_wait
        call    puts
        call    put_cf
        mov     si, s_ticks
        call    puts
        pop     ax
        call    hex16
        call    crlf

        ; INT 16h AH=01h: no key pressed -> ZF=1; AH=02h shift flags
        mov     ah, 01h
        int     16h
        mov     al, '1'
        jz      .zf
        mov     al, '0'
.zf:    mov     si, s_kbd
        call    puts
        call    putc
        mov     ah, 02h
        int     16h
        mov     si, s_flags
        call    puts
        call    hex8
        call    crlf
        ; INT 16h AH=05h then AH=00h: a stored keystroke comes back
        mov     ah, 05h
        mov     cx, 1E61h
        int     16h
        mov     si, s_store
        call    puts
        call    hex8
        xor     ah, ah
        int     16h
        mov     si, s_read
        call    puts
        call    hex16
        call    crlf

        ; INT 1Ah
        mov     ah, 00h
        int     1Ah
        mov     si, s_ticks_now
        call    puts
        mov     ax, cx
        call    hex16
        mov     ax, dx
        call    hex16
        call    crlf
        mov     ah, 02h
        int     1Ah
        mov     si, s_time
        call    puts
        call    put_cf
        mov     si, s_cx
        call    puts
        mov     ax, cx
        call    hex16
        call    crlf
        mov     ah, 04h
        int     1Ah
        mov     si, s_date
        call    puts
        call    put_cf
        mov     si, s_cx
        call    puts
        mov     ax, cx
        call    hex16
        mov     si, s_dx
        call    puts
        mov     ax, dx
        call    hex16
        call    crlf

        ; INT 1Ah AH=03h/05h: set 12:34:56 and 2027-01-02, read both back
        mov     ah, 03h
        mov     cx, 1234h
        mov     dx, 5600h
        int     1Ah
        mov     ah, 05h
        mov     cx, 2027h
        mov     dx, 0102h
        int     1Ah
        mov     ah, 02h
        int     1Ah
        mov     si, s_settime
        call    puts
        call    put_cf
        mov     si, s_cx
        call    puts
        mov     ax, cx
        call    hex16
        mov     ah, 04h
        int     1Ah
        mov     si, s_setdate
        call    puts
        call    put_cf
        mov     si, s_cx
        call    puts
        mov     ax, cx
        call    hex16
        mov     si, s_dx
        call    puts
        mov     ax, dx
        call    hex16
        call    crlf

        ; BIOS data area spot checks
        xor     ax, ax
        mov     es, ax
        mov     si, s_bda
        call    puts
        mov     al, [es:0475h]
        call    hex8
        mov     si, s_kbbuf
        call    puts
        mov     ax, [es:0480h]
        call    hex16
        mov     al, ','
        call    putc
        mov     ax, [es:0482h]
        call    hex16
        call    crlf
        push    ds
        pop     es

        mov     si, s_done
        call    puts
        cli
.halt:  hlt
        jmp     .halt

move_block_test:
        mov     di, sector_buf
        mov     cx, 256
        mov     ax, 5AA5h
        rep stosw
        ; descriptors 10h (source) and 18h (destination): limit, 24-bit base, access 93h
        mov     ax, ds
        mov     dx, ax
        mov     cl, 4
        shl     ax, cl
        mov     cl, 12
        shr     dx, cl
        add     ax, sector_buf
        adc     dl, 0
        mov     word [gdt + 10h], 0FFFFh
        mov     [gdt + 12h], ax
        mov     [gdt + 14h], dl
        mov     byte [gdt + 15h], 93h
        mov     word [gdt + 18h], 0FFFFh
        mov     word [gdt + 1Ah], 0000h
        mov     byte [gdt + 1Ch], 10h   ; 100000h
        mov     byte [gdt + 1Dh], 93h
        mov     si, gdt
        mov     cx, 256
        mov     ah, 87h
        int     15h
        mov     si, s_move
        call    puts
        call    put_cf
        mov     si, s_ax
        call    puts
        mov     al, ah
        call    hex8
        jc      .out
        ; back again into a cleared buffer
        mov     di, sector_buf
        mov     cx, 256
        xor     ax, ax
        rep stosw
        mov     ax, [gdt + 12h]
        mov     dl, [gdt + 14h]
        mov     word [gdt + 12h], 0000h
        mov     byte [gdt + 14h], 10h
        mov     [gdt + 1Ah], ax
        mov     [gdt + 1Ch], dl
        mov     si, gdt
        mov     cx, 256
        mov     ah, 87h
        int     15h
        mov     si, s_match
        call    puts
        mov     di, sector_buf
        mov     cx, 256
        mov     ax, 5AA5h
        repe scasw
        mov     al, '1'
        je      .m
        mov     al, '0'
.m:     call    putc
.out:   call    crlf
        ret

; put_marker: " data=" + first 8 bytes of sector_buf as text
put_marker:
        mov     si, s_data
        call    puts
        mov     si, sector_buf
        mov     cx, 8
.c:     lodsb
        cmp     al, ' '
        jb      .dot
        cmp     al, '~'
        jbe     .p
.dot:   mov     al, '.'
.p:     call    putc
        loop    .c
        jmp     crlf

; put_ax_line: SI = name; prints "name AX=xxxx"
put_ax_line:
        push    ax
        call    puts
        mov     si, s_ax
        call    puts
        pop     ax
        call    hex16
        jmp     crlf

; put_cf: " CF=0"/" CF=1" for the flags on entry
put_cf: pushf
        push    ax
        push    si
        mov     si, s_cf
        call    puts
        mov     al, '0'
        jnc     .c
        mov     al, '1'
.c:     call    putc
        pop     si
        pop     ax
        popf
        ret

putc:   push    si
        mov     [char_buf], al
        mov     si, char_buf
        call    puts
        pop     si
        ret

crlf:   push    ax
        mov     al, 13
        call    putc
        mov     al, 10
        call    putc
        pop     ax
        ret

hex16:  xchg    al, ah
        call    hex8
        xchg    al, ah
hex8:   pushf
        push    ax
        push    cx
        mov     ah, al
        mov     cl, 4
        shr     al, cl
        call    .nib
        mov     al, ah
        call    .nib
        pop     cx
        pop     ax
        popf
        ret
.nib:   and     al, 0Fh
        add     al, '0'
        cmp     al, '9'
        jbe     .o
        add     al, 7
.o:     jmp     putc

s_int11:        db "INT11", 0
s_int12:        db "INT12", 0
s_geo:          db "INT13-08", 0
s_type:         db "INT13-15", 0
s_ext:          db "INT13-41", 0
s_params:       db "INT13-48", 0
s_extread:      db "INT13-42", 0
s_chsread:      db "INT13-02", 0
s_write:        db "INT13-03", 0
s_badsec:       db "INT13-02-BAD", 0
s_status:       db "INT13-01 AH=", 0
s_ext_mem:      db "INT15-88", 0
s_config:       db "INT15-C0", 0
s_model:        db " model=", 0
s_move:         db "INT15-87", 0
s_a20:          db "INT15-24", 0
s_a20_on:       db " on=", 0
s_a20_off:      db " off=", 0
s_wait:         db "INT15-86", 0
s_ticks:        db " ticks=", 0
s_kbd:          db "INT16-01 ZF=", 0
s_flags:        db " flags=", 0
s_store:        db "INT16-05 AL=", 0
s_read:         db " INT16-00 AX=", 0
s_ticks_now:    db "INT1A-00 ticks=", 0
s_time:         db "INT1A-02", 0
s_date:         db "INT1A-04", 0
s_settime:      db "INT1A-03", 0
s_setdate:      db " INT1A-05", 0
s_bda:          db "BDA hd=", 0
s_kbbuf:        db " kbbuf=", 0
s_done:         db "DONE", 13, 10, 0
s_cf:           db " CF=", 0
s_ax:           db " AX=", 0
s_bx:           db " BX=", 0
s_cx:           db " CX=", 0
s_dx:           db " DX=", 0
s_sectors:      db " sectors=", 0
s_bps:          db " bps=", 0
s_match:        db " match=", 0
s_data:         db " data=", 0

dap:            db 10h, 0
                dw 1
                dw sector_buf, 0
                dq MARKER_LBA
char_buf:       db 0, 0

        times   (1 + PROGRAM_SECTORS) * 512 - ($ - $$) db 0
; ----------------------------------------------------------------------------- LBA 9
marker:         db "QUARTZ09", "marker sector for the INT 13h read tests"
        times   (MARKER_LBA + 1) * 512 - ($ - $$) db 0
; ----------------------------------------------------------------------------- LBA 10
        times   (SCRATCH_LBA + 1) * 512 - ($ - $$) db 0
        times   1024 * 1024 - ($ - $$) db 0

; uninitialised buffers, above the image in memory (org 7C00h + 1 MiB would not fit below
; 640 KiB, so they are placed explicitly)
gdt             equ 0600h           ; 48 bytes
result_buf      equ 0640h           ; 30 bytes
sector_buf      equ 0800h           ; 512 bytes
