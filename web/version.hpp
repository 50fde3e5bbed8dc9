// The server's version, reported by GET /api/v1/health and by --help.
#pragma once

namespace crm {

inline constexpr const char* kServerVersion = "0.1.0";

}  // namespace crm
