// What the UI asks of the platform it runs on (the browser, or a test's fake): the UI
// stays platform-free and never calls JavaScript itself.
#pragma once

#include <functional>
#include <string>

namespace crm::ui {

struct HttpResponse {
    int status = 0;  // 0: no connection (network down, no server, timed out)
    std::string body;
};

class PlatformServices {
public:
    virtual ~PlatformServices() = default;
    // Offers `bytes` to the person as a file to save (the browser's download).
    virtual void download(const std::string& file_name, const std::string& bytes, const char* mime_type) = 0;
    // Opens a file picker; the chosen file's bytes come back later through App::import_image.
    virtual void choose_database_file() = 0;
    // Opens a file picker for files matching `accept` (".csv,text/csv"); `done` runs later, on
    // the main thread between frames, with the chosen file's name and bytes. It never runs
    // when the person cancels the picker.
    virtual void choose_file(std::string accept, std::function<void(std::string name, std::string bytes)> done) = 0;
    // Opens `html` (a whole page, UTF-8) in a print window and then the browser's own print
    // dialog, whose "Save as PDF" printer works too.
    virtual void print_html(const std::string& html) = 0;
    // Follows a mailto: or tel: link (the mail program, the phone app).
    virtual void open_url(const std::string& url) = 0;
    // Sends a request to the page's own server (same origin, "/api/v1/..."), with a JSON body
    // when `body` is not empty and "Authorization: Bearer" when `bearer_token` is not empty.
    // `done` runs later, on the main thread between frames, and frames are drawn after it:
    // at once, or within half a second when `done` sent the next request itself.
    virtual void http(std::string method, std::string path, std::string body, std::string bearer_token,
                      std::function<void(HttpResponse)> done) = 0;
};

}  // namespace crm::ui
