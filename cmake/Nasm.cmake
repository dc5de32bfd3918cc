# quartz_nasm(TARGET OUTPUT SOURCE [INCLUDES dir...]): assemble a flat binary with NASM at
# build time. ROM and test images are build outputs, never committed binaries.
function(quartz_nasm target output source)
  cmake_parse_arguments(QN "" "" "INCLUDES;DEPENDS" ${ARGN})
  set(incs "")
  foreach(d ${QN_INCLUDES})
    list(APPEND incs "-I${d}/")
  endforeach()
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${NASM_EXECUTABLE} -f bin -w+all ${incs} -o ${output} ${source}
    DEPENDS ${source} ${QN_DEPENDS}
    COMMENT "NASM ${source}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${output})
endfunction()
