; mbr.asm - boot sector of Quartz's bundled demo disk.
; The BIOS loads it at 0000:7C00 and jumps there with DL = boot drive (80h for the first
; hard disk). It loads the demo program from the sectors that follow (CHS 0/0/2 onwards,
; i.e. LBA 1..PROGRAM_SECTORS) to 0000:8000 with INT 13h AH=02h, retrying after a disk
; reset (AH=00h) as the IBM BIOS interface asks, and jumps to it with DL unchanged.

        cpu     8086
        bits    16
        org     0x7C00

PROGRAM_SEG     equ 0x0800              ; 0800:0000 = linear 8000h
PROGRAM_SECTORS equ 16                  ; 8 KiB, see demo.asm

start:
        cli
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 0x7C00
        sti
        cld
        mov     [boot_drive], dl

        mov     si, msg_loading
        call    puts

        mov     di, 3                   ; attempts
.read:  mov     ax, PROGRAM_SEG
        mov     es, ax
        xor     bx, bx                  ; ES:BX = 0800:0000
        mov     ax, 0x0200 | PROGRAM_SECTORS
        mov     cx, 0x0002              ; cylinder 0, sector 2
        xor     dh, dh                  ; head 0
        mov     dl, [boot_drive]
        int     0x13
        jnc     .loaded
        xor     ah, ah                  ; reset the disk system and try again
        mov     dl, [boot_drive]
        int     0x13
        dec     di
        jnz     .read
        mov     si, msg_failed
        call    puts
        mov     dx, 0x8900              ; nothing else to do: power off
        mov     si, msg_shutdown
.sd:    lodsb
        test    al, al
        jz      .halt
        out     dx, al
        jmp     .sd
.halt:  cli
        hlt
        jmp     .halt

.loaded:
        mov     dl, [boot_drive]
        jmp     PROGRAM_SEG:0

; puts: NUL-terminated DS:SI to the screen (INT 10h teletype) and the debug port (E9h).
puts:   lodsb
        test    al, al
        jz      .done
        out     0xE9, al
        mov     ah, 0x0E
        mov     bx, 0x0007
        int     0x10
        jmp     puts
.done:  ret

boot_drive:   db 0
msg_loading:  db "Quartz demo: boot sector loaded, reading the program", 13, 10, 0
msg_failed:   db "Quartz demo: disk read failed", 13, 10, 0
msg_shutdown: db "Shutdown", 0

        times 510-($-$$) db 0
        dw      0xAA55
