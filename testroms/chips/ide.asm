; ide: the primary ATA channel checked from the guest (ATA-1 X3.221 / ATA-3 X3.298: command
; block 1F0h-1F7h, control block 3F6h, IDENTIFY DEVICE words 1/3/6/49/60-61, READ SECTORS
; 20h, WRITE SECTORS 30h, error register bits IDNF 10h / ABRT 04h, software reset and the
; device signature; IBM PC/AT: INTRQ on IRQ14 = slave IR6). The image has 2016 sectors
; (= 2 cylinders x 16 heads x 63 sectors) and carries a known pattern in sectors 20-22,
; 1000 and 2015: word i of sector L = (L * 256 + i) mod 65536. The ctest runs it with
; --snapshot and checks the image file is unchanged after the write test.
%include "chipboot.inc"

ATA_DATA    equ 1F0h
ATA_ERROR   equ 1F1h
ATA_COUNT   equ 1F2h
ATA_SECTOR  equ 1F3h
ATA_CYL_LO  equ 1F4h
ATA_CYL_HI  equ 1F5h
ATA_DRVHEAD equ 1F6h
ATA_STATUS  equ 1F7h
ATA_CTRL    equ 3F6h
ST_BSY      equ 80h
ST_DRDY     equ 40h
ST_DRQ      equ 08h
ST_ERR      equ 01h

main:
        cli
        call    chip_pic_init
        mov     al, SLAVE_BASE + 6
        mov     dx, irq14_handler
        call    set_vector
        mov     dx, ATA_CTRL
        mov     al, 02h             ; nIEN: polled until the IRQ test
        out     dx, al

        ; ---- IDENTIFY DEVICE
        mov     dx, ATA_DRVHEAD
        mov     al, 0A0h
        out     dx, al
        call    wait_not_busy
        mov     dx, ATA_STATUS
        mov     al, 0ECh
        out     dx, al
        call    wait_not_busy
        push    ax
        mov     di, idbuf
        call    read_words
        pop     ax
        and     ax, ST_DRQ | ST_ERR
        mov     bx, ST_DRQ
        EXPECT  "ide.identify_drq_no_err"
        mov     ax, [idbuf + 0*2]
        and     ax, 8000h
        xor     bx, bx
        EXPECT  "ide.identify_word0_ata_device"
        mov     ax, [idbuf + 1*2]
        mov     bx, 2
        EXPECT  "ide.identify_word1_cylinders_2"
        mov     ax, [idbuf + 3*2]
        mov     bx, 16
        EXPECT  "ide.identify_word3_heads_16"
        mov     ax, [idbuf + 6*2]
        mov     bx, 63
        EXPECT  "ide.identify_word6_sectors_63"
        mov     ax, [idbuf + 49*2]
        and     ax, 0200h
        mov     bx, 0200h
        EXPECT  "ide.identify_word49_lba_supported"
        mov     ax, [idbuf + 60*2]
        mov     bx, IMAGE_SECTORS
        EXPECT  "ide.identify_word60_lba_sectors_low"
        mov     ax, [idbuf + 61*2]
        xor     bx, bx
        EXPECT  "ide.identify_word61_lba_sectors_high"

        ; ---- READ SECTORS, polled: LBA 20-21
        mov     ax, 20
        mov     cl, 2
        call    set_lba
        mov     al, 20h
        call    command
        mov     di, buf
        call    wait_not_busy
        call    read_words
        call    wait_not_busy
        call    read_words
        call    wait_not_busy
        and     ax, ST_BSY | ST_DRDY | ST_DRQ | ST_ERR
        mov     [v1], ax
        mov     di, buf
        mov     ax, 20
        mov     cx, 2
        call    verify
        xor     bx, bx
        EXPECT  "ide.read_polled_lba20_21_data"
        mov     ax, [v1]
        mov     bx, ST_DRDY
        EXPECT  "ide.read_polled_final_status"

        ; CHS: cylinder 0, head 15, sector 56 = LBA (0 * 16 + 15) * 63 + 55 = 1000
        mov     dx, ATA_COUNT
        mov     al, 1
        out     dx, al
        inc     dx
        mov     al, 56
        out     dx, al
        inc     dx
        xor     al, al
        out     dx, al
        inc     dx
        out     dx, al
        inc     dx
        mov     al, 0A0h | 15
        out     dx, al
        mov     al, 20h
        call    command
        call    read_one
        mov     di, buf
        mov     ax, 1000
        mov     cx, 1
        call    verify
        xor     bx, bx
        EXPECT  "ide.read_chs_0_15_56_is_lba1000"
        ; the last sector, LBA 2015
        mov     ax, IMAGE_SECTORS - 1
        mov     cl, 1
        call    set_lba
        mov     al, 20h
        call    command
        call    read_one
        mov     di, buf
        mov     ax, IMAGE_SECTORS - 1
        mov     cx, 1
        call    verify
        xor     bx, bx
        EXPECT  "ide.read_last_lba_2015"

        ; ---- READ SECTORS driven by IRQ14: LBA 21-22, one interrupt per sector
        mov     word [irq_n], 0
        mov     word [irq_ptr], buf
        mov     dx, ATA_CTRL
        xor     al, al              ; nIEN = 0
        out     dx, al
        mov     al, 0FBh            ; master IR2 (cascade)
        out     21h, al
        mov     al, 0BFh            ; slave IR6 = IRQ14
        out     0A1h, al
        mov     ax, 21
        mov     cl, 2
        call    set_lba
        sti
        mov     al, 20h
        call    command
        mov     cx, 0
.irqw:  cmp     word [irq_n], 2
        jae     .irqd
        loop    .irqw
.irqd:  mov     cx, 2000            ; any extra interrupt would arrive meanwhile
        loop    $
        cli
        mov     al, 0FFh
        out     21h, al
        out     0A1h, al
        mov     dx, ATA_CTRL
        mov     al, 02h
        out     dx, al
        mov     ax, [irq_n]
        mov     bx, 2
        EXPECT  "ide.read_irq14_one_per_sector"
        mov     di, buf
        mov     ax, 21
        mov     cx, 2
        call    verify
        xor     bx, bx
        EXPECT  "ide.read_irq14_lba21_22_data"

        ; ---- WRITE SECTORS LBA 30, then read it back
        mov     ax, 30
        mov     cl, 1
        call    set_lba
        mov     al, 30h
        call    command
        call    wait_not_busy
        and     ax, ST_DRQ | ST_ERR
        mov     [v1], ax
        mov     dx, ATA_DATA
        mov     bx, 30 * 256
        mov     cx, 256
.wr:    mov     ax, bx
        xor     ax, 5A5Ah
        out     dx, ax
        inc     bx
        loop    .wr
        call    wait_not_busy
        and     ax, ST_BSY | ST_DRDY | ST_DRQ | ST_ERR
        mov     [v2], ax
        mov     ax, [v1]
        mov     bx, ST_DRQ
        EXPECT  "ide.write_drq_for_data"
        mov     ax, [v2]
        mov     bx, ST_DRDY
        EXPECT  "ide.write_final_status"
        mov     ax, 30
        mov     cl, 1
        call    set_lba
        mov     al, 20h
        call    command
        call    read_one
        mov     si, buf
        mov     bx, 30 * 256
        mov     cx, 256
        xor     dx, dx
.cmpw:  lodsw
        xor     ax, 5A5Ah
        cmp     ax, bx
        je      .same
        inc     dx
.same:  inc     bx
        loop    .cmpw
        mov     ax, dx
        xor     bx, bx
        EXPECT  "ide.write_then_read_back_lba30"

        ; ---- out of range: LBA 2016 (one past the end) -> ERR, IDNF
        mov     ax, IMAGE_SECTORS
        mov     cl, 1
        call    set_lba
        mov     al, 20h
        call    command
        call    wait_not_busy
        and     ax, ST_ERR
        mov     [v1], ax
        mov     dx, ATA_ERROR
        in      al, dx
        and     ax, 10h
        mov     [v2], ax
        mov     ax, [v1]
        mov     bx, ST_ERR
        EXPECT  "ide.read_beyond_end_err"
        mov     ax, [v2]
        mov     bx, 10h
        EXPECT  "ide.read_beyond_end_idnf"

        ; ---- a command code no ATA standard assigns (5Ah) -> ERR, ABRT
        mov     dx, ATA_DRVHEAD
        mov     al, 0E0h
        out     dx, al
        mov     al, 5Ah
        call    command
        call    wait_not_busy
        and     ax, ST_DRDY | ST_ERR
        mov     [v1], ax
        mov     dx, ATA_ERROR
        in      al, dx
        and     ax, 04h
        mov     [v2], ax
        mov     ax, [v1]
        mov     bx, ST_DRDY | ST_ERR
        EXPECT  "ide.unknown_command_err"
        mov     ax, [v2]
        mov     bx, 04h
        EXPECT  "ide.unknown_command_abrt"

        ; ---- INITIALIZE DEVICE PARAMETERS (91h): 4 heads, 32 sectors per track; CHS
        ; then follows the new translation: 7/3/9 = (7 * 4 + 3) * 32 + 8 = LBA 1000, and
        ; IDENTIFY words 55/56 report the current heads/sectors (ATA-2 words 54-58)
        mov     dx, ATA_COUNT
        mov     al, 32
        out     dx, al
        mov     dx, ATA_DRVHEAD
        mov     al, 0A0h | (4 - 1)
        out     dx, al
        mov     al, 91h
        call    command
        call    wait_not_busy
        and     ax, ST_ERR
        mov     [v1], ax
        mov     dx, ATA_COUNT
        mov     al, 1
        out     dx, al
        inc     dx
        mov     al, 9
        out     dx, al
        inc     dx
        mov     al, 7
        out     dx, al
        inc     dx
        xor     al, al
        out     dx, al
        inc     dx
        mov     al, 0A0h | 3
        out     dx, al
        mov     al, 20h
        call    command
        call    read_one
        mov     di, buf
        mov     ax, 1000
        mov     cx, 1
        call    verify
        mov     [v2], ax
        mov     dx, ATA_DRVHEAD
        mov     al, 0A0h
        out     dx, al
        mov     al, 0ECh
        call    command
        call    wait_not_busy
        mov     di, idbuf
        call    read_words
        mov     ax, [v1]
        xor     bx, bx
        EXPECT  "ide.init_device_parameters_accepted"
        mov     ax, [v2]
        xor     bx, bx
        EXPECT  "ide.init_params_chs_7_3_9_is_lba1000"
        mov     ah, [idbuf + 55*2]
        mov     al, [idbuf + 56*2]
        mov     bx, 0420h
        EXPECT  "ide.identify_words55_56_current_4_32"

        ; ---- software reset (device control SRST): BSY while reset, then the ATA
        ; signature: count 01h, sector 01h, cylinder 0000h; error 01h (diagnostic passed)
        mov     dx, ATA_CTRL
        mov     al, 06h
        out     dx, al
        mov     dx, ATA_STATUS
        in      al, dx
        and     ax, ST_BSY
        mov     [v1], ax
        mov     cx, 20
        loop    $
        mov     dx, ATA_CTRL
        mov     al, 02h
        out     dx, al
        call    wait_not_busy
        mov     dx, ATA_COUNT
        in      al, dx
        mov     ah, al
        inc     dx
        in      al, dx
        mov     [v2], ax
        inc     dx
        in      al, dx
        mov     bl, al
        inc     dx
        in      al, dx
        mov     ah, al
        mov     al, bl
        mov     [v3], ax
        mov     dx, ATA_ERROR
        in      al, dx
        xor     ah, ah
        mov     [v4], ax
        mov     ax, [v1]
        mov     bx, ST_BSY
        EXPECT  "ide.srst_busy_during_reset"
        mov     ax, [v2]
        mov     bx, 0101h
        EXPECT  "ide.srst_signature_count_sector"
        mov     ax, [v3]
        xor     bx, bx
        EXPECT  "ide.srst_signature_cylinder"
        mov     ax, [v4]
        mov     bx, 01h
        EXPECT  "ide.srst_diagnostic_code"

        mov     si, s_chip
        jmp     finish

; ---------------------------------------------------------------------------- helpers
; wait_not_busy: polls the status register until BSY clears -> AX = status
wait_not_busy:
        push    cx
        push    dx
        mov     dx, ATA_STATUS
        mov     cx, 0
.poll:  in      al, dx
        test    al, ST_BSY
        jz      .done
        loop    .poll
.done:  xor     ah, ah
        pop     dx
        pop     cx
        ret

; set_lba: AX = LBA (< 65536), CL = sector count; LBA addressing, device 0
set_lba:
        push    ax
        mov     dx, ATA_COUNT
        mov     al, cl
        out     dx, al
        pop     ax
        inc     dx
        out     dx, al              ; LBA 7-0
        inc     dx
        mov     al, ah
        out     dx, al              ; LBA 15-8
        inc     dx
        xor     al, al
        out     dx, al              ; LBA 23-16
        inc     dx
        mov     al, 0E0h            ; LBA, device 0, LBA 27-24 = 0
        out     dx, al
        ret

command:
        mov     dx, ATA_STATUS
        out     dx, al
        ret

; read_words: 256 words from the data port to DS:DI (DI advances)
read_words:
        push    ax
        push    cx
        push    dx
        mov     dx, ATA_DATA
        mov     cx, 256
.w:     in      ax, dx
        mov     [di], ax
        add     di, 2
        loop    .w
        pop     dx
        pop     cx
        pop     ax
        ret

; read_one: one sector to buf
read_one:
        call    wait_not_busy
        mov     di, buf
        jmp     read_words

; verify: DS:DI = CX sectors starting at LBA AX -> AX = number of words that differ from
; the pattern
verify:
        push    si
        mov     si, di
        xor     dx, dx
.sec:   push    cx
        push    ax
        mov     bh, al
        xor     bl, bl              ; BX = LBA * 256 mod 65536
        mov     cx, 256
.w:     lodsw
        cmp     ax, bx
        je      .ok
        inc     dx
.ok:    inc     bx
        loop    .w
        pop     ax
        inc     ax
        pop     cx
        loop    .sec
        mov     ax, dx
        pop     si
        ret

; IRQ14: status read (acknowledges INTRQ), the sector's 256 words to [irq_ptr]
irq14_handler:
        push    ax
        push    dx
        push    di
        mov     dx, ATA_STATUS
        in      al, dx
        mov     [irq_status], al
        test    al, ST_DRQ
        jz      .nodata
        mov     di, [irq_ptr]
        call    read_words
        mov     [irq_ptr], di
.nodata:
        inc     word [irq_n]
        mov     al, 20h
        out     0A0h, al
        out     20h, al
        pop     di
        pop     dx
        pop     ax
        iret

s_chip:     db "ide", 0
irq_n:      dw 0
irq_ptr:    dw 0
irq_status: db 0
v1:         dw 0
v2:         dw 0
v3:         dw 0
v4:         dw 0

%if ($ - $$) > 512 * (1 + PROGRAM_SECTORS)
%error "ide program larger than PROGRAM_SECTORS"
%endif
; buffers live past the loaded program (not in the image)
idbuf       equ 7E00h + 512 * PROGRAM_SECTORS
buf         equ idbuf + 512

; ---------------------------------------------------------------------------- data
%macro PATTERN_SECTOR 1
        times   512 * (%1) - ($ - $$) db 0
%assign i 0
%rep 256
        dw      ((%1) * 256 + i) & 0FFFFh
%assign i i + 1
%endrep
%endmacro

        PATTERN_SECTOR 20
        PATTERN_SECTOR 21
        PATTERN_SECTOR 22
        PATTERN_SECTOR 1000
        PATTERN_SECTOR IMAGE_SECTORS - 1
%define DATA_SECTORS_PLACED
%include "chipend.inc"
