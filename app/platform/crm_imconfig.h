// Dear ImGui user configuration (IMGUI_USER_CONFIG), used by imgui*.cpp and our code alike.
//
// A failed ImGui assertion is a bug in how we call ImGui. Instead of aborting the page,
// report it where tests and people see it (window.crm.errors, the console) and go on:
// ImGui's asserts guard misuse that it can usually recover from in the next frame.
#pragma once

namespace crm {
void report_assert(const char* expression, const char* file, int line);
}

#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : ::crm::report_assert(#_EXPR, __FILE__, __LINE__))
