// The only bridge between the app and the page's JavaScript: window.crm (see shell/loader.js)
// reads these exported functions; the app reports readiness and errors through them.
#pragma once

namespace crm::platform {

void set_ready();
void report_error(const char* message);
// The app cannot start: the page replaces the canvas with this message.
void fail(const char* message);

}  // namespace crm::platform
