# The GUI tests need a display: each TEST_CASE runs under xvfb-run (a private X server).
# Included from tests/CMakeLists.txt with `area` = gui.
if(TARGET quartz_gui)
  find_program(XVFB_RUN xvfb-run)
  set(_gui_cases
    "gui: the guest screen is the VGA frame pixel for pixel"
    "gui: every debugger window renders"
    "gui: pause then step then a breakpoint through the UI actions"
    "gui: aspect-correct scaling shows the frame at 4:3"
    "gui: documentation screenshots"
    "gui: real-time speed follows the host clock"
    "gui: Machine menu actions for disks and power"
    "gui: settings round trip and tolerate bad lines"
    "gui: Machine > Screenshot writes the guest frame as PNG"
    "gui: keyboard reaches the 8042 and Right Ctrl releases the capture")
  foreach(_case ${_gui_cases})
    if(XVFB_RUN)
      add_test(NAME "${_case}"
        COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x1024x24" $<TARGET_FILE:test_gui> "${_case}"
        WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
    else()
      add_test(NAME "${_case}" COMMAND $<TARGET_FILE:test_gui> "${_case}"
        WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
    endif()
    # Catch exits 0 when a name matches no test case: make that a failure.
    set_tests_properties("${_case}" PROPERTIES TIMEOUT 300
      ENVIRONMENT "SDL_AUDIODRIVER=dummy"
      FAIL_REGULAR_EXPRESSION "No test cases matched")
  endforeach()
  # End to end: `quartz run` with a display opens the window, runs the bundled demo (its
  # debug-port report reaches stdout) and closes at the guest's shutdown-port write or the
  # time limit.
  # No usable video driver: one message, then the same run headless.
  add_test(NAME "gui: quartz run falls back to headless without a usable display"
    COMMAND $<TARGET_FILE:quartz> run --max-seconds 5
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties("gui: quartz run falls back to headless without a usable display"
    PROPERTIES TIMEOUT 120
    ENVIRONMENT "SDL_VIDEODRIVER=nosuch;DISPLAY=:4242;SDL_AUDIODRIVER=dummy"
    PASS_REGULAR_EXPRESSION "cannot initialise SDL video.*running headless")
  if(XVFB_RUN)
    add_test(NAME "gui: quartz run opens a window and runs the demo"
      COMMAND ${XVFB_RUN} -a $<TARGET_FILE:quartz> run --max-seconds 20
      WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
    set_tests_properties("gui: quartz run opens a window and runs the demo" PROPERTIES
      TIMEOUT 120 ENVIRONMENT "SDL_AUDIODRIVER=dummy;XDG_CONFIG_HOME=${CMAKE_BINARY_DIR}/gui-config"
      PASS_REGULAR_EXPRESSION "demo complete.*window closed after")
  endif()
endif()
