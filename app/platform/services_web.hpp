// The browser's side of ui::PlatformServices: downloads, the file picker, and requests to
// the page's own server (fetch).
#pragma once

#include "ui/platform_services.hpp"

namespace crm::platform {

class WebServices : public ui::PlatformServices {
public:
    void download(const std::string& file_name, const std::string& bytes, const char* mime_type) override;
    void choose_database_file() override;
    void choose_file(std::string accept, std::function<void(std::string name, std::string bytes)> done) override;
    void print_html(const std::string& html) override;
    void open_url(const std::string& url) override;
    void http(std::string method, std::string path, std::string body, std::string bearer_token,
              std::function<void(ui::HttpResponse)> done) override;
};

}  // namespace crm::platform
