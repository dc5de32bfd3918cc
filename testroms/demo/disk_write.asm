; disk_write.asm - a one-sector boot disk that writes LBA 1 through INT 13h AH=03h and reads
; it back (AH=02h), reporting on port E9h. It exercises the disk modes of `quartz run`:
; read-only (the write must fail and the image stay as it was), --snapshot (the write
; succeeds for the guest, the file is unchanged) and --write (the file changes).
; Output: "write: ok\r\nread back: match\r\n" or "write: error AH=xx\r\n", then power-off.
; The image is 1008 sectors = 1 cylinder x 16 heads x 63 sectors.

        cpu     8086
        bits    16
        org     0x7C00

BUF_W   equ 0x8000
BUF_R   equ 0x8200

start:  cli
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 0x7C00
        sti
        cld
        mov     [drive], dl

        ; the pattern: byte i = (i * 7 + 3) & 0xFF
        mov     di, BUF_W
        xor     cx, cx
.fill:  mov     al, cl
        mov     bl, 7
        mul     bl
        add     al, 3
        stosb
        inc     cx
        cmp     cx, 512
        jb      .fill

        mov     si, msg_write
        call    puts
        mov     ax, 0x0301                  ; write 1 sector
        mov     bx, BUF_W
        mov     cx, 0x0002                  ; cylinder 0, sector 2 (LBA 1)
        xor     dh, dh
        mov     dl, [drive]
        int     0x13
        jc      .error
        mov     si, msg_ok
        call    puts

        mov     si, msg_read
        call    puts
        mov     ax, 0x0201
        mov     bx, BUF_R
        mov     cx, 0x0002
        xor     dh, dh
        mov     dl, [drive]
        int     0x13
        jc      .error
        mov     si, BUF_W
        mov     di, BUF_R
        mov     cx, 256
        repe    cmpsw
        jne     .mismatch
        mov     si, msg_match
        call    puts
        jmp     .off
.mismatch:
        mov     si, msg_mismatch
        call    puts
        jmp     .off
.error: push    ax
        mov     si, msg_error
        call    puts
        pop     ax
        mov     al, ah
        call    puthex8
        mov     si, msg_crlf
        call    puts

.off:   mov     si, msg_shutdown
        mov     dx, 0x8900
.sd:    lodsb
        test    al, al
        jz      .halt
        out     dx, al
        jmp     .sd
.halt:  cli
        hlt
        jmp     .halt

puts:   lodsb
        test    al, al
        jz      .done
        out     0xE9, al
        jmp     puts
.done:  ret

puthex8:
        push    ax
        mov     cl, 4
        shr     al, cl
        call    .nib
        pop     ax
        and     al, 0x0F
.nib:   add     al, '0'
        cmp     al, '9'
        jbe     .out
        add     al, 'A' - '9' - 1
.out:   out     0xE9, al
        ret

drive:        db 0
msg_write:    db "write: ", 0
msg_ok:       db "ok", 13, 10, 0
msg_read:     db "read back: ", 0
msg_match:    db "match", 13, 10, 0
msg_mismatch: db "MISMATCH", 13, 10, 0
msg_error:    db "error AH=", 0
msg_crlf:     db 13, 10, 0
msg_shutdown: db "Shutdown", 0

        times 510-($-$$) db 0
        dw      0xAA55
        times 1008*512-($-$$) db 0
