// The one translation unit that builds Catch2's runner (v2 is header-only and slow to compile).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
