// The unit-test runner: doctest's main. Run one test with
//   build/test/crm_unit_tests -tc="*customer code*"
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
