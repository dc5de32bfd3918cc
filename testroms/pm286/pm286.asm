; pm286.asm - 80286 protected-mode test program.
;
; Runs two ways (both load the whole image at 0000:7C00):
;   quartz run --cpu 80286 --program pm286.bin        (bare CPU + RAM, no BIOS)
;   as a boot sector on a PC/AT (or, for development only, qemu-system-i386 -drive
;   format=raw,file=pm286.bin -display none -debugcon stdio -no-reboot)
; The first sector loads the rest with INT 13h when it is not already in memory.
;
; Output goes to the debug port E9h: one "PASS name" or "FAIL name got X expected Y" line
; per check and the summary "pm286: N passed, M failed". The program ends by writing
; "Shutdown" to port 8900h, then forces a triple fault (IDT limit 0) so an emulator without
; that port stops too. Expected values come from the Intel 80286 Programmer's Reference
; Manual (1987), cited per section; the one 286-only result (the sixth byte SGDT stores,
; FFh on the 80286) is skipped on a 386 or later, detected from FLAGS bits 12-14, which the
; 80286 always clears in real mode.

        cpu     286
        bits    16
        org     0x7C00

TOTAL_SECTORS   equ 16                  ; image size: 8 KiB

; Selectors (GDT layout below)
SEL_CODE0       equ 0x08
SEL_DATA0       equ 0x10
SEL_CODE3       equ 0x18
SEL_DATA3       equ 0x20
SEL_TSS_MAIN    equ 0x28
SEL_TSS_B       equ 0x30
SEL_LDT         equ 0x38
SEL_ABSENT0     equ 0x40
SEL_RODATA3     equ 0x48
SEL_CONF0       equ 0x50
SEL_CALLGATE    equ 0x58
SEL_TASKGATE    equ 0x60
SEL_DOWN3       equ 0x68
SEL_EXECONLY3   equ 0x70
SEL_CALLGATE2   equ 0x78
SEL_BEYOND      equ 0x0FF8                 ; index past the GDT limit

STACK0          equ 0x7000                 ; ring-0 stack of the main task
STACK0_TSS      equ 0x6800                 ; SS0:SP0 in the main TSS (ring 3 -> 0)
STACK_B         equ 0x6400                 ; task B
STACK3          equ 0x5000                 ; ring 3

; ---------------------------------------------------------------------------------------
; Sector 1: get CS=0, load the rest if needed.
start:
        cli
        jmp     0:.go
.go:    xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, STACK0
        cld
        cmp     word [tail_signature], 0x2868
        je      main
        ; Booted from disk: only this sector is in memory. INT 13h AH=02h reads the rest
        ; from the boot drive (DL as the BIOS passed it).
        mov     ax, 0x0200 + TOTAL_SECTORS - 1
        mov     cx, 0x0002
        xor     dh, dh
        mov     bx, 0x7E00
        int     0x13
        jc      .ioerr
        cmp     word [tail_signature], 0x2868
        je      main
.ioerr: mov     si, msg_ioerr
.p:     lodsb
        or      al, al
        jz      .h
        out     0xE9, al
        jmp     .p
.h:     hlt
        jmp     .h
msg_ioerr: db "pm286: could not load the program sectors", 10, 0

        times   510-($-$$) db 0
        dw      0xAA55

; ---------------------------------------------------------------------------------------
; Test macros. Every variable is addressed through SS (all stack segments have base 0), so
; the macros work whatever DS holds.

; CHECKV "name", got, expected  (16-bit operands)
%macro CHECKV 3
        jmp     %%code
%%name: db      %1, 0
%%code: mov     ax, %2
        mov     bx, %3
        mov     si, %%name
        call    check
%endmacro

; TRYFAULT "name", vector, error, {instruction}: runs the instruction and expects the
; exception `vector` with `error` (0FFFFh: none pushed); vector 0FFFFh expects no fault.
; The exception handler resumes after the instruction; DS is saved around it.
%macro TRYFAULT 4
        jmp     %%code
%%name: db      %1, 0
%%code: push    ds
        mov     word [ss:got_vec], 0xFFFF
        mov     word [ss:got_err], 0xFFFF
        mov     word [ss:resume], %%after
        %4
%%after:
        mov     word [ss:resume], 0
        pop     ds
        mov     ax, [ss:got_vec]
        mov     dx, [ss:got_err]
        mov     bx, %2
        mov     cx, %3
        mov     si, %%name
        call    check2
%endmacro

; ZF after the previous instruction -> AX (40h or 0)
%macro ZF_TO_AX 0
        pushf
        pop     ax
        and     ax, 0x0040
%endmacro

; ---------------------------------------------------------------------------------------
main:
        ; Mask both PICs: ring 3 runs with IF=1 to show what the gates do with it, and the
        ; BIOS's IRQ vectors (08h-0Fh) would land on exception handlers in protected mode.
        mov     al, 0xFF
        out     0x21, al
        out     0xA1, al

        mov     si, msg_start
        call    puts

        ; CPU detect: the 80286 clears FLAGS bits 12-15 in real mode (PRM 3.4 / B POPF).
        pushf
        push    0x7000
        popf
        pushf
        pop     ax
        popf                            ; a 386 would keep NT set: restore
        and     ax, 0x7000
        jnz     .not286
        mov     byte [is286], 1
.not286:
        lgdt    [gdt_ptr]
        lidt    [idt_ptr]

        ; SGDT stores FFh in the sixth byte on the 80286 (PRM appendix B, SGDT/SIDT).
        mov     byte [sgdt_buf+5], 0x5A
        sgdt    [sgdt_buf]
        cmp     byte [is286], 1
        jne     .skip_sgdt
        xor     ah, ah
        mov     al, [sgdt_buf+5]
        CHECKV  "sgdt_high_byte", ax, 0x00FF
        jmp     .sgdt_done
.skip_sgdt:
        mov     si, msg_skip_sgdt
        call    puts
.sgdt_done:
        CHECKV  "sgdt_limit", [sgdt_buf], gdt_end - gdt - 1
        CHECKV  "sgdt_base", [sgdt_buf+2], gdt

        ; Enter protected mode: LMSW sets PE, then a far jump loads CS (PRM 10.3).
        smsw    ax
        or      ax, 1
        lmsw    ax
        jmp     SEL_CODE0:pm_entry

; ---------------------------------------------------------------------------------------
pm_entry:
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, STACK0

        smsw    ax
        and     ax, 1
        CHECKV  "pe_set", ax, 1
        mov     ax, cs
        CHECKV  "cs_after_jmp", ax, SEL_CODE0

        mov     ax, SEL_TSS_MAIN
        ltr     ax
        str     ax
        CHECKV  "ltr_str", ax, SEL_TSS_MAIN
        ; LTR marks the TSS busy (PRM appendix B, LTR).
        xor     ah, ah
        mov     al, [gdt + SEL_TSS_MAIN + 5]
        CHECKV  "ltr_sets_busy", ax, 0x83

        ; --- segment register loads (PRM 7.3, appendix B MOV) ---
        TRYFAULT "load_ds_not_present", 11, SEL_ABSENT0, {mov ds, [ss:sel_absent0]}
        TRYFAULT "load_ss_not_present", 12, SEL_ABSENT0, {mov ss, [ss:sel_absent0]}
        TRYFAULT "load_ss_dpl3_at_cpl0", 13, SEL_DATA3, {mov ss, [ss:sel_data3_rpl0]}
        TRYFAULT "load_ss_read_only", 13, SEL_RODATA3, {mov ss, [ss:sel_rodata3]}
        TRYFAULT "load_ss_null", 13, 0, {mov ss, [ss:sel_null]}
        TRYFAULT "load_es_beyond_gdt", 13, SEL_BEYOND, {mov es, [ss:sel_beyond]}
        TRYFAULT "load_es_exec_only", 13, SEL_EXECONLY3, {mov es, [ss:sel_execonly3]}
        TRYFAULT "load_es_tss", 13, SEL_TSS_B, {mov es, [ss:sel_tss_b]}
        TRYFAULT "load_ds_null_ok", 0xFFFF, 0xFFFF, {mov ds, [ss:sel_null]}

        ; Using a null DS faults #GP(0) (PRM 7.3.2).
        mov     word [ss:got_vec], 0xFFFF
        mov     word [ss:got_err], 0xFFFF
        mov     word [ss:resume], .null_done
        mov     ds, [ss:sel_null]
        mov     al, [0]
.null_done:
        mov     word [ss:resume], 0
        mov     ds, [ss:sel_data0]
        CHECKV  "null_ds_use_vec", [ss:got_vec], 13
        CHECKV  "null_ds_use_err", [ss:got_err], 0

        ; --- LDT (PRM 6.3.2) ---
        mov     ax, SEL_LDT
        lldt    ax
        sldt    ax
        CHECKV  "sldt", ax, SEL_LDT
        mov     es, [sel_ldt0]
        xor     ah, ah
        mov     al, [es:0]
        CHECKV  "ldt_segment_read", ax, 0x5A
        TRYFAULT "ldt_entry_not_present", 11, 0x000C, {mov es, [ss:sel_ldt1]}

        ; --- offset and type checks on memory references (PRM 7.3.1) ---
        mov     es, [sel_rodata3]
        TRYFAULT "write_read_only", 13, 0, {mov [es:0x10], al}
        TRYFAULT "word_crossing_limit", 13, 0, {mov ax, [es:0xFF]}
        TRYFAULT "byte_at_limit_ok", 0xFFFF, 0xFFFF, {mov al, [es:0xFF]}
        mov     es, [sel_down3]
        TRYFAULT "expand_down_at_limit", 13, 0, {mov al, [es:0x0FFF]}
        TRYFAULT "expand_down_above_ok", 0xFFFF, 0xFFFF, {mov al, [es:0x1000]}
        mov     es, [sel_code3]
        TRYFAULT "write_code_segment", 13, 0, {mov [es:0x10], al}
        TRYFAULT "read_readable_code_ok", 0xFFFF, 0xFFFF, {mov al, [es:0x10]}
        mov     es, [sel_data0]

        ; --- LAR / LSL / VERR / VERW / ARPL at CPL 0 (PRM appendix B) ---
        mov     bx, SEL_DATA3
        lar     ax, bx
        ZF_TO_AX
        CHECKV  "lar_data_zf", ax, 0x40
        mov     bx, SEL_DATA3
        lar     ax, bx
        and     ax, 0xFF00
        CHECKV  "lar_data_access", ax, 0xF200
        mov     bx, SEL_CALLGATE
        lar     ax, bx
        and     ax, 0xFF00
        CHECKV  "lar_call_gate", ax, 0xE400
        mov     bx, SEL_CALLGATE
        lsl     ax, bx
        ZF_TO_AX
        CHECKV  "lsl_call_gate_zf", ax, 0
        mov     bx, SEL_RODATA3
        lsl     ax, bx
        CHECKV  "lsl_limit", ax, 0x00FF
        mov     bx, SEL_TSS_MAIN
        lsl     ax, bx
        CHECKV  "lsl_tss", ax, 0x002B
        xor     bx, bx
        lar     ax, bx
        ZF_TO_AX
        CHECKV  "lar_null_zf", ax, 0
        mov     bx, SEL_BEYOND
        lar     ax, bx
        ZF_TO_AX
        CHECKV  "lar_beyond_gdt_zf", ax, 0
        mov     bx, SEL_RODATA3
        verr    bx
        ZF_TO_AX
        CHECKV  "verr_read_only", ax, 0x40
        mov     bx, SEL_RODATA3
        verw    bx
        ZF_TO_AX
        CHECKV  "verw_read_only", ax, 0
        mov     bx, SEL_EXECONLY3
        verr    bx
        ZF_TO_AX
        CHECKV  "verr_exec_only", ax, 0
        mov     bx, SEL_CODE3
        verr    bx
        ZF_TO_AX
        CHECKV  "verr_readable_code", ax, 0x40
        mov     bx, SEL_DATA3
        verw    bx
        ZF_TO_AX
        CHECKV  "verw_data", ax, 0x40
        mov     ax, 0x0010
        mov     bx, 0x0003
        arpl    ax, bx
        push    ax
        ZF_TO_AX
        CHECKV  "arpl_raises_zf", ax, 0x40
        pop     ax
        CHECKV  "arpl_raises_value", ax, 0x0013
        mov     ax, 0x0013
        mov     bx, 0x0001
        arpl    ax, bx
        ZF_TO_AX
        CHECKV  "arpl_keeps_zf", ax, 0

        ; --- ring 0 -> ring 3 with IRET (PRM 7.5.2.4) ---
        push    SEL_DATA3 | 3
        push    STACK3
        push    0x3202                  ; IOPL 3 (ring 3 prints), IF
        push    SEL_CODE3 | 3
        push    ring3_a
        iret

ring3_a:
        mov     ax, cs
        and     ax, 3
        CHECKV  "iret_to_ring3_cpl", ax, 3
        ; DS and ES held DPL-0 selectors: IRET to an outer level nulls them.
        mov     ax, ds
        CHECKV  "iret_outer_nulls_ds", ax, 0
        mov     ax, SEL_DATA3 | 3
        mov     ds, ax
        mov     es, ax
        TRYFAULT "ring3_load_dpl0_ds", 13, SEL_DATA0, {mov ds, [ss:sel_data0_rpl3]}
        TRYFAULT "ring3_int_dpl0_gate", 13, 0x32 * 8 + 2, {int 0x32}
        TRYFAULT "ring3_lgdt", 13, 0, {lgdt [ss:gdt_ptr]}
        TRYFAULT "ring3_clts", 13, 0, {clts}
        mov     bx, SEL_DATA0
        lar     ax, bx
        ZF_TO_AX
        CHECKV  "ring3_lar_dpl0_zf", ax, 0
        mov     bx, SEL_CONF0 | 3
        lar     ax, bx
        ZF_TO_AX
        CHECKV  "ring3_lar_conforming_zf", ax, 0x40

        ; Interrupt gate (DPL 3) to ring 0: IF cleared; trap gate: IF kept (PRM 9.4).
        int     0x30
        CHECKV  "int_gate_handler_cpl", [int_cpl], 0
        CHECKV  "int_gate_caller_cs", [int_caller_cs], SEL_CODE3 | 3
        CHECKV  "int_gate_caller_ss", [int_caller_ss], SEL_DATA3 | 3
        mov     ax, [int_flags]
        and     ax, 0x0200
        CHECKV  "int_gate_clears_if", ax, 0
        int     0x31
        mov     ax, [int_flags]
        and     ax, 0x0200
        CHECKV  "trap_gate_keeps_if", ax, 0x0200
        mov     ax, cs
        and     ax, 3
        CHECKV  "iret_back_to_ring3", ax, 3

        ; Conforming code runs at the caller's CPL (PRM 7.5.1).
        call    SEL_CONF0 | 3:conforming_proc
        CHECKV  "conforming_cpl", [conf_cpl], 3

        ; Call gate to ring 0, return with RETF to ring 3 (PRM 7.5.2.2 / 7.5.2.4).
        mov     word [gate_dispatch], gate_return_with_es0
        call    SEL_CALLGATE | 3:0
        CHECKV  "callgate_cpl", [gate_cpl], 0
        CHECKV  "callgate_old_ss", [gate_old_ss], SEL_DATA3 | 3
        CHECKV  "callgate_old_sp", [gate_old_sp], STACK3
        CHECKV  "callgate_new_ss", [gate_new_ss], SEL_DATA0
        mov     ax, cs
        and     ax, 3
        CHECKV  "retf_outer_cpl", ax, 3
        mov     ax, es
        CHECKV  "retf_outer_nulls_es", ax, 0
        mov     ax, SEL_DATA3 | 3
        mov     es, ax
        CHECKV  "retf_outer_sp", sp, STACK3

        ; Call gate with a word count of 2: the parameters are copied to the ring-0 stack
        ; in the same order; RETF 4 drops them from both stacks (PRM 7.5.2.2, figure 7-7).
        push    0x1111
        push    0x2222
        call    SEL_CALLGATE2 | 3:0
        CHECKV  "callgate_param_first", [gate_p0], 0x2222
        CHECKV  "callgate_param_second", [gate_p1], 0x1111
        CHECKV  "callgate_param_old_sp", [gate_old_sp], STACK3 - 4
        CHECKV  "retf_n_outer_sp", sp, STACK3

        ; Back to ring 0 for good through the call gate.
        mov     word [gate_dispatch], gate_stay_ring0
        call    SEL_CALLGATE | 3:0

ring0_again:
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, STACK0
        mov     ax, cs
        and     ax, 3
        CHECKV  "callgate_to_ring0", ax, 0

        ; --- ring 0 -> ring 3 with RETF, and back through the call gate ---
        push    SEL_DATA3 | 3
        push    STACK3
        push    SEL_CODE3 | 3
        push    ring3_b
        retf
ring3_b:
        mov     ax, cs
        and     ax, 3
        CHECKV  "retf_to_ring3_cpl", ax, 3
        mov     word [ss:gate_dispatch], gate_stay_ring0b
        call    SEL_CALLGATE | 3:0
ring0_b:
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, STACK0
        cli

        ; --- task switches (PRM chapter 8) ---
        call    SEL_TSS_B:0
        ; Back from task B's IRET (NT=1).
        str     ax
        CHECKV  "iret_task_return_str", ax, SEL_TSS_MAIN
        xor     ah, ah
        mov     al, [gdt + SEL_TSS_B + 5]
        CHECKV  "iret_task_clears_busy", ax, 0x81
        pushf
        pop     ax
        and     ax, 0x4000
        CHECKV  "main_task_nt_clear", ax, 0
        CHECKV  "task_b_saw_ax", [task_b_ax], 0x1234
        clts
        ; JMP through a task gate: no nesting; the old task is no longer busy.
        jmp     SEL_TASKGATE:0
        ; Task B jumps back to the main TSS; execution resumes here.
        str     ax
        CHECKV  "jmp_task_back_str", ax, SEL_TSS_MAIN
        smsw    ax
        and     ax, 8
        CHECKV  "task_switch_sets_ts", ax, 8
        clts
        ; INT through a task gate in the IDT nests like CALL (PRM 9.5); task B IRETs back.
        int     0x33
        str     ax
        CHECKV  "int_task_gate_back_str", ax, SEL_TSS_MAIN
        CHECKV  "int_task_gate_ran", [task_b_int], 1
        clts

        ; --- MSW: EM, MP, TS and ESC/WAIT (PRM 10.1, table 10-1) ---
        mov     ax, 0x0005              ; PE, EM
        lmsw    ax
        TRYFAULT "esc_with_em", 7, 0xFFFF, {fnop}
        mov     ax, 0x000B              ; PE, MP, TS
        lmsw    ax
        TRYFAULT "wait_with_ts_mp", 7, 0xFFFF, {wait}
        TRYFAULT "esc_with_ts", 7, 0xFFFF, {fnop}
        mov     ax, 0x0009              ; PE, TS (MP=0)
        lmsw    ax
        TRYFAULT "wait_with_ts_no_mp", 0xFFFF, 0xFFFF, {wait}
        clts
        smsw    ax
        and     ax, 0x000F
        CHECKV  "clts_clears_ts", ax, 0x0001
        xor     ax, ax
        lmsw    ax
        smsw    ax
        and     ax, 1
        CHECKV  "lmsw_cannot_clear_pe", ax, 1

        ; --- double fault (PRM 9.8): #NP whose gate is not present raises #NP during #NP
        ; delivery; both are contributory, so #DF(0) follows.
        and     byte [idt + 11 * 8 + 5], 0x7F
        TRYFAULT "double_fault", 8, 0, {mov ds, [ss:sel_absent0]}
        or      byte [idt + 11 * 8 + 5], 0x80
        TRYFAULT "np_after_restore", 11, SEL_ABSENT0, {mov ds, [ss:sel_absent0]}

        ; --- summary and stop ---
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
stop:
        mov     dx, 0x8900
        mov     si, msg_shutdown
.s:     lodsb
        or      al, al
        jz      .t
        out     dx, al
        jmp     .s
.t:     ; Still running: triple fault (an IDT with limit 0 makes INT 3 fault, then #DF).
        lidt    [null_idt]
        int3
.h:     hlt
        jmp     .h

; ---------------------------------------------------------------------------------------
; Ring-0 code reached from ring 3.

; INT 30h (interrupt gate) / 31h (trap gate) / 32h (DPL 0): record what the handler sees.
int_handler:
        push    bp
        mov     bp, sp
        push    ax
        push    ds
        mov     ax, SEL_DATA0
        mov     ds, ax
        pushf
        pop     ax
        mov     [int_flags], ax
        mov     ax, cs
        and     ax, 3
        mov     [int_cpl], ax
        mov     ax, [bp+4]
        mov     [int_caller_cs], ax
        mov     ax, [bp+10]
        mov     [int_caller_ss], ax
        pop     ds
        pop     ax
        pop     bp
        iret

; Call gate target (0 parameters): [sp] IP, CS, SP, SS of the ring-3 caller.
gate_target:
        mov     bp, sp
        mov     ax, cs
        and     ax, 3
        mov     [ss:gate_cpl], ax
        mov     ax, [bp+4]
        mov     [ss:gate_old_sp], ax
        mov     ax, [bp+6]
        mov     [ss:gate_old_ss], ax
        mov     ax, ss
        mov     [ss:gate_new_ss], ax
        jmp     word [ss:gate_dispatch]
gate2_target:
        mov     bp, sp
        mov     ax, [bp+4]
        mov     [ss:gate_p0], ax
        mov     ax, [bp+6]
        mov     [ss:gate_p1], ax
        mov     ax, [bp+8]
        mov     [ss:gate_old_sp], ax
        retf    4
gate_return_with_es0:
        mov     ax, SEL_DATA0
        mov     es, ax
        retf
gate_stay_ring0:
        jmp     ring0_again
gate_stay_ring0b:
        jmp     ring0_b

; Conforming code segment entry (same code bytes, selector SEL_CONF0).
conforming_proc:
        mov     ax, cs
        and     ax, 3
        mov     [ss:conf_cpl], ax
        retf

; ---------------------------------------------------------------------------------------
; Task B: entered by CALL (nested) from the main task, then by JMP through the task gate.
task_b_entry:
        mov     [task_b_ax], ax
        str     ax
        CHECKV  "call_task_str", ax, SEL_TSS_B
        pushf
        pop     ax
        and     ax, 0x4000
        CHECKV  "call_task_sets_nt", ax, 0x4000
        CHECKV  "call_task_back_link", [tss_b], SEL_TSS_MAIN
        xor     ah, ah
        mov     al, [gdt + SEL_TSS_MAIN + 5]
        CHECKV  "call_task_old_stays_busy", ax, 0x83
        mov     al, [gdt + SEL_TSS_B + 5]
        CHECKV  "call_task_new_busy", ax, 0x83
        smsw    ax
        and     ax, 8
        CHECKV  "call_task_sets_ts", ax, 8
        mov     ax, ds
        CHECKV  "task_b_ds_from_tss", ax, SEL_DATA0
        iret
        ; Second entry: JMP through the task gate.
        pushf
        pop     ax
        and     ax, 0x4000
        CHECKV  "jmp_task_no_nt", ax, 0
        xor     ah, ah
        mov     al, [gdt + SEL_TSS_MAIN + 5]
        CHECKV  "jmp_task_old_not_busy", ax, 0x81
        jmp     SEL_TSS_MAIN:0
        ; Third entry: INT 33h through the IDT's task gate.
        pushf
        pop     ax
        and     ax, 0x4000
        CHECKV  "int_task_gate_nt", ax, 0x4000
        CHECKV  "int_task_gate_back_link", [tss_b], SEL_TSS_MAIN
        mov     word [task_b_int], 1
        iret

; ---------------------------------------------------------------------------------------
; Exception stubs 0..31: push a dummy error code where the CPU pushes none, then the
; vector, so every frame is [vector, error, IP, CS, FLAGS (, SP, SS)].
%assign v 0
%rep 32
stub_%+v:
  %if v = 8 || (v >= 10 && v <= 13)
        push    word v
        jmp     near exception_common
  %else
        push    word 0xFFFF
        push    word v
        jmp     near exception_common
  %endif
%assign v v+1
%endrep

exception_common:
        push    bp
        mov     bp, sp
        push    ax
        push    ds
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     ax, [bp+2]
        mov     [got_vec], ax
        mov     ax, [bp+4]
        mov     [got_err], ax
        mov     ax, [resume]
        or      ax, ax
        jz      .unexpected
        mov     [bp+6], ax              ; resume after the faulting instruction
        pop     ds
        pop     ax
        pop     bp
        add     sp, 4
        iret
.unexpected:
        mov     si, msg_unexpected
        call    puts
        mov     ax, [got_vec]
        call    puthex
        mov     al, ' '
        call    putc
        mov     ax, [got_err]
        call    puthex
        mov     si, msg_at
        call    puts
        mov     ax, [bp+8]
        call    puthex
        mov     al, ':'
        call    putc
        mov     ax, [bp+6]
        call    puthex
        call    newline
        inc     word [nfail]
        jmp     stop

; ---------------------------------------------------------------------------------------
; Output (port E9h). puts: DS:SI, DS must have base 0.
%include "e9_output.inc"

; check: SI name, AX got, BX expected. Uses DS for the name (base 0 in every mode).
check:  push    ds
        push    ss
        pop     ds
        cmp     ax, bx
        jne     .fail
        inc     word [npass]
        push    si
        mov     si, msg_pass
        call    puts
        pop     si
        call    puts
        call    newline
        pop     ds
        ret
.fail:  inc     word [nfail]
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
        call    newline
        pop     ds
        ret

; check2: SI name, AX:DX got vector:error, BX:CX expected.
check2: push    ds
        push    ss
        pop     ds
        cmp     ax, bx
        jne     .fail
        cmp     dx, cx
        jne     .fail
        inc     word [npass]
        push    si
        mov     si, msg_pass
        call    puts
        pop     si
        call    puts
        call    newline
        pop     ds
        ret
.fail:  inc     word [nfail]
        push    si
        mov     si, msg_fail
        call    puts
        pop     si
        call    puts
        mov     si, msg_got
        call    puts
        call    puthex
        mov     al, ':'
        call    putc
        mov     ax, dx
        call    puthex
        mov     si, msg_expected
        call    puts
        mov     ax, bx
        call    puthex
        mov     al, ':'
        call    putc
        mov     ax, cx
        call    puthex
        call    newline
        pop     ds
        ret

; ---------------------------------------------------------------------------------------
; Data
msg_start:      db "pm286: 80286 protected-mode tests", 10, 0
msg_skip_sgdt:  db "SKIP sgdt_high_byte (386 or later: the sixth byte is not FFh)", 10, 0
msg_pass:       db "PASS ", 0
msg_fail:       db "FAIL ", 0
msg_got:        db " got ", 0
msg_expected:   db " expected ", 0
msg_unexpected: db "FAIL unexpected exception ", 0
msg_at:         db " at ", 0
msg_summary:    db "pm286: ", 0
msg_passed:     db " passed, ", 0
msg_failed:     db " failed", 10, 0
msg_shutdown:   db "Shutdown", 0

is286:          db 0
                align 2
npass:          dw 0
nfail:          dw 0
got_vec:        dw 0
got_err:        dw 0
resume:         dw 0
int_flags:      dw 0
int_cpl:        dw 0
int_caller_cs:  dw 0
int_caller_ss:  dw 0
gate_dispatch:  dw 0
gate_cpl:       dw 0
gate_old_sp:    dw 0
gate_old_ss:    dw 0
gate_new_ss:    dw 0
conf_cpl:       dw 0
gate_p0:        dw 0
gate_p1:        dw 0
task_b_ax:      dw 0
task_b_int:     dw 0
sgdt_buf:       times 6 db 0

sel_null:       dw 0
sel_data0:      dw SEL_DATA0
sel_data0_rpl3: dw SEL_DATA0 | 3
sel_data3_rpl0: dw SEL_DATA3
sel_absent0:    dw SEL_ABSENT0
sel_rodata3:    dw SEL_RODATA3 | 3
sel_beyond:     dw SEL_BEYOND
sel_execonly3:  dw SEL_EXECONLY3 | 3
sel_tss_b:      dw SEL_TSS_B
sel_ldt0:       dw 0x0004 | 3
sel_ldt1:       dw 0x000C | 3
sel_down3:      dw SEL_DOWN3 | 3
sel_code3:      dw SEL_CODE3 | 3

gdt_ptr:        dw gdt_end - gdt - 1
                dw gdt
                db 0, 0
idt_ptr:        dw idt_end - idt - 1
                dw idt
                db 0, 0
null_idt:       dw 0, 0, 0

; Linear address of a label as a plain number (the image runs at 0000:7C00).
%define LIN(x) ((x) - $$ + 0x7C00)
; Descriptor: limit, base 15..0, base 23..16, access, reserved (PRM figure 6-5).
%macro SEG 3    ; base, limit, access
        dw      %2
        dw      (%1) & 0xFFFF
        db      (%1) >> 16, %3
        dw      0
%endmacro
; Gate: offset, selector, word count, access (PRM figure 7-3).
%macro GATE 4   ; selector, offset, word count, access
        dw      %2, %1
        db      %3, %4
        dw      0
%endmacro

                align 8
gdt:
        dw      0, 0, 0, 0
        SEG     0, 0xFFFF, 0x9A                 ; 08 code DPL0
        SEG     0, 0xFFFF, 0x92                 ; 10 data DPL0
        SEG     0, 0xFFFF, 0xFA                 ; 18 code DPL3, readable
        SEG     0, 0xFFFF, 0xF2                 ; 20 data DPL3
        SEG     LIN(tss_main), 0x2B, 0x81       ; 28 available TSS
        SEG     LIN(tss_b), 0x2B, 0x81          ; 30 available TSS
        SEG     LIN(ldt), ldt_end - ldt - 1, 0x82  ; 38 LDT
        SEG     0, 0xFFFF, 0x12                 ; 40 data DPL0, not present
        SEG     0, 0x00FF, 0xF0                 ; 48 read-only data DPL3, limit FFh
        SEG     0, 0xFFFF, 0x9E                 ; 50 conforming readable code DPL0
        GATE    SEL_CODE0, gate_target, 0, 0xE4 ; 58 call gate DPL3 -> ring 0
        GATE    SEL_TSS_B, 0, 0, 0xE5           ; 60 task gate DPL3 -> task B
        SEG     0, 0x0FFF, 0xF6                 ; 68 expand-down data DPL3, limit FFFh
        SEG     0, 0xFFFF, 0xF8                 ; 70 execute-only code DPL3
        GATE    SEL_CODE0, gate2_target, 2, 0xE4  ; 78 call gate DPL3, 2 words
gdt_end:

ldt:
        SEG     LIN(ldt_data), 0x00FF, 0xF2     ; 04 data DPL3
        SEG     0, 0xFFFF, 0x72                 ; 0C data DPL3, not present
ldt_end:

ldt_data:       db 0x5A

                align 8
idt:
%assign v 0
%rep 32
        GATE    SEL_CODE0, stub_%+v, 0, 0x86    ; interrupt gate DPL0
%assign v v+1
%endrep
%rep 16
        GATE    SEL_CODE0, int_handler, 0, 0x86
%endrep
        GATE    SEL_CODE0, int_handler, 0, 0xE6 ; 30 interrupt gate DPL3
        GATE    SEL_CODE0, int_handler, 0, 0xE7 ; 31 trap gate DPL3
        GATE    SEL_CODE0, int_handler, 0, 0x86 ; 32 interrupt gate DPL0
        GATE    SEL_TSS_B, 0, 0, 0x85           ; 33 task gate DPL0 -> task B
idt_end:

; 80286 TSS (PRM figure 8-1).
                align 2
tss_main:
        dw      0                               ; back link
        dw      STACK0_TSS, SEL_DATA0           ; SP0, SS0
        dw      0, 0, 0, 0                      ; SP1, SS1, SP2, SS2
        times   16 dw 0                         ; IP .. LDT: written on the first switch
tss_b:
        dw      0
        dw      0, 0, 0, 0, 0, 0
        dw      task_b_entry                    ; IP
        dw      0x0002                          ; FLAGS
        dw      0x1234, 0, 0, 0                 ; AX CX DX BX
        dw      STACK_B, 0, 0, 0                ; SP BP SI DI
        dw      SEL_DATA0, SEL_CODE0, SEL_DATA0, SEL_DATA0   ; ES CS SS DS
        dw      0                               ; LDT

tail_signature: dw 0x2868
        times   TOTAL_SECTORS * 512 - ($ - $$) db 0
