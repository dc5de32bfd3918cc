; pm286_extras.asm - 80286 LOADALL, I/O privilege and shutdown checks.
;
;   quartz run --machine at --cpu 80286 --memory 2048 --program pm286_extras.bin --debug-port
;
; Loaded whole at 0000:7C00 (no BIOS). Output goes to port E9h: "PASS name" or "FAIL name got
; X expected Y" per check and the summary "pm286_extras: N passed, M failed". The program
; ends with a deliberate triple fault (IDT limit 0, INT 3 in protected mode), so the run
; ends with `quartz run`'s exit status 4 ("triple fault"): the AT board turns the shutdown
; cycle into a CPU reset and, with CMOS byte 0Fh at 0, the runner reports the crash.
;
; Expected values:
;   - LOADALL (0F 05): the 102-byte table at physical 800h (Intel's LOADALL note for the
;     80286; Ralf Brown's interrupt list, "LOADALL"): every register and descriptor cache;
;     a real-mode segment uses its cache base (here above 1 MiB) until the segment register
;     is loaded again, which sets base = selector * 16 (PRM 5.1).
;   - I/O privilege (80286 PRM 10.3 and appendix B): IN, OUT, INS, OUTS, CLI and STI raise
;     #GP(0) when CPL > IOPL; POPF and IRET change IOPL only at CPL 0 and IF only when
;     CPL <= IOPL. LOADALL is CPL 0 only in protected mode (#GP(0)).
;   - Shutdown (PRM 9.8, 11.6): a fault while delivering a double fault.

        cpu     286
        bits    16
        org     0x7C00

LA              equ 0x0800              ; LOADALL table (physical; DS base 0 in real mode)

SEL_CODE0       equ 0x08
SEL_DATA0       equ 0x10
SEL_CODE3       equ 0x18
SEL_DATA3       equ 0x20
SEL_TSS         equ 0x28

STACK0          equ 0x7000              ; ring 0 (real mode and protected mode)
STACK0_TSS      equ 0x6800              ; SS0:SP0 in the TSS (ring 3 -> 0)
STACK3          equ 0x6000              ; ring 3

; CHECKV "name", got, expected  (16-bit operands, DS base 0)
%macro CHECKV 3
        jmp     %%code
%%name: db      %1, 0
%%code: mov     ax, %2
        mov     bx, %3
        mov     si, %%name
        call    check
%endmacro

; CACHE offset, base, access, limit: one 6-byte LOADALL descriptor-cache entry.
%macro CACHE 4
        mov     word [LA + %1], (%2) & 0xFFFF
        mov     byte [LA + %1 + 2], ((%2) >> 16) & 0xFF
        mov     byte [LA + %1 + 3], %3
        mov     word [LA + %1 + 4], %4
%endmacro

; TRY3 index, {instruction}: runs the instruction (ring 3) and records the exception the
; ring-0 handler saw (vector, error code; FFFFh: none) in res_vec/res_err[index].
%macro TRY3 2
        mov     word [ss:resume], %%after
        mov     word [ss:got_vec], 0xFFFF
        mov     word [ss:got_err], 0xFFFF
        %2
%%after:
        mov     word [ss:resume], 0
        mov     ax, [ss:got_vec]
        mov     [ss:res_vec + 2 * %1], ax
        mov     ax, [ss:got_err]
        mov     [ss:res_err + 2 * %1], ax
%endmacro

; CHECKR index, "name", vector, error
%macro CHECKR 4
        CHECKV  %2, [res_vec + 2 * %1], %3
        jmp     %%code
%%name: db      %2, "_error_code", 0
%%code: mov     ax, [res_err + 2 * %1]
        mov     bx, %4
        mov     si, %%name
        call    check
%endmacro

; ---------------------------------------------------------------------------------------
start:
        cli
        jmp     0:.go
.go:    xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, STACK0
        cld
        ; No BIOS ran: mask both PICs so nothing arrives while a test runs with IF=1.
        mov     al, 0xFF
        out     0x21, al
        out     0xA1, al
        mov     si, msg_start
        call    puts
        ; A20 on through port 92h bit 1 (bit 0 is the fast reset: kept 0), so an address of
        ; 1 MiB + n is not folded to n.
        in      al, 0x92
        or      al, 0x02
        and     al, 0xFE
        out     0x92, al

; --- LOADALL 1: real mode, ES cache base 120000h, every register from the table ----------
        push    ds
        push    0x2000
        pop     ds
        mov     word [0], 0             ; 20000h: where 120000h lands if A20 were off
        push    0x4321
        pop     ds
        mov     word [0], 0             ; 43210h: ES selector * 16
        pop     ds

        call    loadall_clear
        mov     word [LA + 0x06], 0xFFF0        ; MSW: real mode
        mov     word [LA + 0x18], 0x00C3        ; FLAGS: SF ZF CF
        mov     word [LA + 0x1A], la1_resume    ; IP
        mov     word [LA + 0x24], 0x4321        ; ES selector (its *16 is not the base)
        mov     [LA + 0x2C], sp                 ; SP
        mov     word [LA + 0x34], 0x1357        ; AX
        mov     word [LA + 0x32], 0x2468        ; CX
        mov     word [LA + 0x30], 0x369C        ; DX
        mov     word [LA + 0x2E], 0x48D0        ; BX
        mov     word [LA + 0x2A], 0x5A5A        ; BP
        mov     word [LA + 0x28], 0x6B6B        ; SI
        mov     word [LA + 0x26], 0x7C7C        ; DI
        CACHE   0x36, 0x120000, 0x93, 0xFFFF    ; ES cache
        db      0x0F, 0x05                      ; LOADALL
        ; Reached only if LOADALL did not load IP.
        mov     si, msg_no_ip
        call    puts
        inc     word [nfail]
        jmp     la1_done
la1_resume:
        mov     [r_ax], ax
        mov     [r_bx], bx
        mov     [r_cx], cx
        mov     [r_dx], dx
        mov     [r_bp], bp
        mov     [r_si], si
        mov     [r_di], di
        mov     [r_sp], sp
        pushf
        pop     word [r_fl]
        mov     ax, es
        mov     [r_es], ax
        mov     word [es:0x0000], 0xA55A        ; through the ES cache: 120000h
        mov     word [es:0x0002], 0xC33C
        CHECKV  "loadall_ax", [r_ax], 0x1357
        CHECKV  "loadall_bx", [r_bx], 0x48D0
        CHECKV  "loadall_cx", [r_cx], 0x2468
        CHECKV  "loadall_dx", [r_dx], 0x369C
        CHECKV  "loadall_bp", [r_bp], 0x5A5A
        CHECKV  "loadall_si", [r_si], 0x6B6B
        CHECKV  "loadall_di", [r_di], 0x7C7C
        CHECKV  "loadall_sp", [r_sp], STACK0
        mov     ax, [r_fl]
        and     ax, 0x0FD5
        CHECKV  "loadall_flags", ax, 0x00C3 & 0x0FD5
        CHECKV  "loadall_es_selector", [r_es], 0x4321
        push    ds
        push    0x4321
        pop     ds
        mov     ax, [0]
        pop     ds
        CHECKV  "loadall_not_selector_base", ax, 0
        ; ES loaded again: the base is selector * 16 once more.
        push    0x4321
        pop     es
        mov     word [es:0x0000], 0x7777
        push    ds
        push    0x4321
        pop     ds
        mov     ax, [0]
        pop     ds
        CHECKV  "reload_es_selector_base", ax, 0x7777
        xor     ax, ax
        mov     es, ax
la1_done:

; --- LOADALL 2: read 120000h back through a DS cache based at 11FFF0h ---------------------
        call    loadall_clear
        mov     word [LA + 0x06], 0xFFF0
        mov     word [LA + 0x18], 0x0002
        mov     word [LA + 0x1A], la2_resume
        mov     word [LA + 0x1E], 0x1000        ; DS selector (10000h is not the base)
        mov     [LA + 0x2C], sp
        CACHE   0x48, 0x11FFF0, 0x93, 0xFFFF    ; DS cache
        db      0x0F, 0x05
        mov     si, msg_no_ip
        call    puts
        inc     word [nfail]
        jmp     la2_done
la2_resume:
        mov     ax, [0x0010]                    ; 11FFF0h + 10h = 120000h
        mov     bx, [0x0012]
        xor     cx, cx
        mov     ds, cx                          ; a load: base 0 again
        mov     [r_ax], ax
        mov     [r_bx], bx
        CHECKV  "loadall_read_above_1m_lo", [r_ax], 0xA55A
        CHECKV  "loadall_read_above_1m_hi", [r_bx], 0xC33C
        push    ds
        push    0x2000
        pop     ds
        mov     ax, [0]
        pop     ds
        CHECKV  "loadall_write_not_at_20000h", ax, 0
la2_done:

; --- protected mode ---------------------------------------------------------------------
        lgdt    [gdt_ptr]
        lidt    [idt_ptr]
        smsw    ax
        or      ax, 1
        lmsw    ax
        jmp     SEL_CODE0:pm0
pm0:
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, STACK0
        mov     ax, SEL_TSS
        ltr     ax
        ; CPL 0 <= IOPL 0: I/O is allowed at ring 0 whatever IOPL is.
        TRY3    0, {in al, 0x80}
        CHECKR  0, "ring0_iopl0_in", 0xFFFF, 0xFFFF

        ; Ring 3 with IOPL 3: CPL <= IOPL, nothing faults.
        mov     word [next_phase], phase2
        push    SEL_DATA3 | 3
        push    STACK3
        push    0x3002
        push    SEL_CODE3 | 3
        push    ring3_iopl3
        iret

ring3_iopl3:
        mov     ax, SEL_DATA3 | 3
        mov     ds, ax
        mov     es, ax
        mov     dx, 0x80
        mov     di, scratch
        mov     si, scratch
        mov     cx, 1
        TRY3    1, {in al, dx}
        TRY3    2, {out dx, al}
        TRY3    3, {in al, 0x80}
        TRY3    4, {out 0x80, al}
        TRY3    5, {insb}
        TRY3    6, {outsb}
        TRY3    7, {sti}
        TRY3    8, {cli}
        TRY3    9, {db 0x0F, 0x05}              ; LOADALL: CPL 0 only, IOPL aside
        ; POPF at CPL 3, IOPL 3: IF follows the image, IOPL does not.
        push    0x0201
        popf
        pushf
        pop     word [ss:r_popf3]
        cli
        int     0x30                            ; DPL-3 gate back to ring 0

phase2:
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     sp, STACK0
        mov     word [next_phase], phase3
        push    SEL_DATA3 | 3
        push    STACK3
        push    0x0002                          ; IOPL 0, IF 0
        push    SEL_CODE3 | 3
        push    ring3_iopl0
        iret

ring3_iopl0:
        mov     ax, SEL_DATA3 | 3
        mov     ds, ax
        mov     es, ax
        mov     dx, 0x80
        mov     di, scratch
        mov     si, scratch
        mov     cx, 1
        TRY3    10, {in al, dx}
        TRY3    11, {out dx, al}
        TRY3    12, {in ax, 0x80}
        TRY3    13, {out 0x80, al}
        TRY3    14, {insb}
        TRY3    15, {outsw}
        TRY3    16, {rep insb}
        TRY3    17, {cli}
        TRY3    18, {sti}
        TRY3    19, {db 0x0F, 0x05}
        ; POPF at CPL 3, IOPL 0: neither IOPL nor IF change; CF does.
        push    0x3201
        popf
        pushf
        pop     word [ss:r_popf0]
        ; IRET to the same level: the same rule for the FLAGS image.
        push    0x3201
        push    cs
        push    .after_iret
        iret
.after_iret:
        pushf
        pop     word [ss:r_iret0]
        int     0x31

phase3:
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     es, ax
        mov     sp, STACK0
        CHECKR  1, "iopl3_in_dx", 0xFFFF, 0xFFFF
        CHECKR  2, "iopl3_out_dx", 0xFFFF, 0xFFFF
        CHECKR  3, "iopl3_in_imm", 0xFFFF, 0xFFFF
        CHECKR  4, "iopl3_out_imm", 0xFFFF, 0xFFFF
        CHECKR  5, "iopl3_insb", 0xFFFF, 0xFFFF
        CHECKR  6, "iopl3_outsb", 0xFFFF, 0xFFFF
        CHECKR  7, "iopl3_sti", 0xFFFF, 0xFFFF
        CHECKR  8, "iopl3_cli", 0xFFFF, 0xFFFF
        CHECKR  9, "cpl3_loadall_gp", 13, 0
        mov     ax, [r_popf3]
        and     ax, 0x3201
        CHECKV  "iopl3_popf_if_not_iopl", ax, 0x3201
        CHECKR  10, "iopl0_in_dx_gp", 13, 0
        CHECKR  11, "iopl0_out_dx_gp", 13, 0
        CHECKR  12, "iopl0_in_imm_gp", 13, 0
        CHECKR  13, "iopl0_out_imm_gp", 13, 0
        CHECKR  14, "iopl0_insb_gp", 13, 0
        CHECKR  15, "iopl0_outsw_gp", 13, 0
        CHECKR  16, "iopl0_rep_insb_gp", 13, 0
        CHECKR  17, "iopl0_cli_gp", 13, 0
        CHECKR  18, "iopl0_sti_gp", 13, 0
        CHECKR  19, "iopl0_cpl3_loadall_gp", 13, 0
        mov     ax, [r_popf0]
        and     ax, 0x3201
        CHECKV  "iopl0_popf_keeps_iopl_if", ax, 0x0001
        mov     ax, [r_iret0]
        and     ax, 0x3201
        CHECKV  "iopl0_iret_keeps_iopl_if", ax, 0x0001

finish:
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     si, msg_summary
        call    puts
        mov     ax, [npass]
        call    putdec
        mov     si, msg_passed
        call    puts
        mov     ax, [nfail]
        call    putdec
        mov     si, msg_failed
        call    puts
        ; Last: the triple fault. With an IDT limit of 0, INT 3 raises #GP, #GP raises #DF,
        ; and a fault while delivering #DF shuts the processor down (PRM 9.8).
        mov     si, msg_triple
        call    puts
        lidt    [null_idt]
        int     3
        mov     si, msg_no_shutdown
        call    puts
.h:     hlt
        jmp     .h

; ---------------------------------------------------------------------------------------
; Zero the LOADALL table; GDTR base 0 limit 0, IDTR = the real-mode table (base 0, limit
; 3FFh), CS/SS/DS/ES caches base 0 (selectors 0), present, limit FFFFh.
loadall_clear:
        push    di
        push    cx
        push    ax
        push    es
        xor     ax, ax
        mov     es, ax
        mov     di, LA
        mov     cx, 51
        rep     stosw
        pop     es
        pop     ax
        pop     cx
        pop     di
        CACHE   0x36, 0, 0x93, 0xFFFF           ; ES
        CACHE   0x3C, 0, 0x9B, 0xFFFF           ; CS (this code runs at CS = 0)
        CACHE   0x42, 0, 0x93, 0xFFFF           ; SS
        CACHE   0x48, 0, 0x93, 0xFFFF           ; DS
        CACHE   0x5A, 0, 0x00, 0x03FF           ; IDTR
        ret

; ---------------------------------------------------------------------------------------
; Ring 0 handlers. #GP: record vector and error code, resume where TRY3 said.
gp_handler:
        push    bp
        mov     bp, sp
        push    ax
        mov     word [ss:got_vec], 13
        mov     ax, [bp + 2]
        mov     [ss:got_err], ax
        mov     ax, [ss:resume]
        or      ax, ax
        jz      .unexpected
        mov     [bp + 4], ax
        pop     ax
        pop     bp
        add     sp, 2
        iret
.unexpected:
        mov     ax, 13
        jmp     unexpected

; INT 30h/31h from ring 3 (DPL-3 interrupt gates): continue at next_phase on ring 0.
to_ring0:
        jmp     word [ss:next_phase]

%assign v 0
%rep 16
stub_%+v:
        mov     ax, v
        jmp     unexpected
%assign v v+1
%endrep
stub_other:
        mov     ax, 0x00FF
unexpected:
        mov     bx, SEL_DATA0
        mov     ds, bx
        mov     si, msg_unexpected
        call    puts
        call    puthex
        call    newline
        inc     word [nfail]
        jmp     finish

; ---------------------------------------------------------------------------------------
; check: AX got, BX expected, SI name (DS base 0).
check:
        cmp     ax, bx
        jne     .fail
        inc     word [npass]
        push    si
        mov     si, msg_pass
        call    puts
        pop     si
        call    puts
        jmp     newline
.fail:
        inc     word [nfail]
        push    si
        mov     si, msg_fail
        call    puts
        pop     si
        call    puts
        mov     si, msg_got
        call    puts
        call    puthex
        mov     si, msg_expected
        call    puts
        mov     ax, bx
        call    puthex
        jmp     newline

%include "e9_output.inc"

; ---------------------------------------------------------------------------------------
msg_start:      db "pm286_extras: LOADALL, I/O privilege, shutdown", 10, 0
msg_no_ip:      db "FAIL loadall_ip (execution fell through the LOADALL)", 10, 0
msg_pass:       db "PASS ", 0
msg_fail:       db "FAIL ", 0
msg_got:        db " got ", 0
msg_expected:   db " expected ", 0
msg_unexpected: db "FAIL unexpected exception ", 0
msg_summary:    db "pm286_extras: ", 0
msg_passed:     db " passed, ", 0
msg_failed:     db " failed", 10, 0
msg_triple:     db "pm286_extras: triple fault next (IDT limit 0, INT 3)", 10, 0
msg_no_shutdown: db "FAIL no shutdown after the triple fault", 10, 0

align 2
npass:          dw 0
nfail:          dw 0
got_vec:        dw 0
got_err:        dw 0
resume:         dw 0
next_phase:     dw 0
r_ax:           dw 0
r_bx:           dw 0
r_cx:           dw 0
r_dx:           dw 0
r_bp:           dw 0
r_si:           dw 0
r_di:           dw 0
r_sp:           dw 0
r_fl:           dw 0
r_es:           dw 0
r_popf3:        dw 0
r_popf0:        dw 0
r_iret0:        dw 0
res_vec:        times 20 dw 0
res_err:        times 20 dw 0
scratch:        times 8 db 0x5A

; Descriptors (PRM figure 6-5 / 9-3): limit, 24-bit base, access byte, reserved word.
%macro DESC 3   ; base, limit, access
        dw      %2
        dw      (%1) & 0xFFFF
        db      ((%1) >> 16) & 0xFF
        db      %3
        dw      0
%endmacro
%macro GATE 2   ; offset, access (selector SEL_CODE0)
        dw      %1
        dw      SEL_CODE0
        db      0
        db      %2
        dw      0
%endmacro

align 8
gdt:
        dw      0, 0, 0, 0
        DESC    0, 0xFFFF, 0x9A                 ; 08h ring-0 code, base 0
        DESC    0, 0xFFFF, 0x92                 ; 10h ring-0 data
        DESC    0, 0xFFFF, 0xFA                 ; 18h ring-3 code
        DESC    0, 0xFFFF, 0xF2                 ; 20h ring-3 data
        DESC    tss - $$ + 0x7C00, 43, 0x81     ; 28h available 286 TSS
gdt_end:

idt:
%assign v 0
%rep 0x32
  %if v = 13
        GATE    gp_handler, 0x86
  %elif v = 0x30 || v = 0x31
        GATE    to_ring0, 0xE6                  ; DPL 3: INT n from ring 3
  %elif v < 16
        GATE    stub_%+v, 0x86
  %else
        GATE    stub_other, 0x86
  %endif
%assign v v+1
%endrep
idt_end:

gdt_ptr:        dw gdt_end - gdt - 1
                dd gdt
idt_ptr:        dw idt_end - idt - 1
                dd idt
null_idt:       dw 0, 0, 0

tss:    dw      0                               ; back link
        dw      STACK0_TSS, SEL_DATA0           ; SP0, SS0
        times   19 dw 0
