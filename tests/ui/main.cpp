// The native UI test runner: doctest's main. Run one test with
//   build/test/crm_ui_tests -tc="*discard*"
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
