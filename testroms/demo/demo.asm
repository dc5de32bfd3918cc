; demo.asm - the bundled demo disk: boot sector, then the program, padded to a raw image of
; 2 cylinders x 16 heads x 63 sectors (2016 sectors, 1008 KiB), a whole number of cylinders
; in the default translated geometry of small ATA disks, so CHS and LBA agree.
        incbin  "mbr.bin"
        incbin  "program.bin"
%if ($-$$) > 512 + 16*512
%error "program.bin exceeds the 16 sectors the boot sector loads"
%endif
        times 2016*512-($-$$) db 0
