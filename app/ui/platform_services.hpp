// What the UI asks of the platform it runs on (the browser, or a test's fake): the UI
// stays platform-free and never calls JavaScript itself.
#pragma once

#include <string>

namespace crm::ui {

class PlatformServices {
public:
    virtual ~PlatformServices() = default;
    // Offers `bytes` to the person as a file to save (the browser's download).
    virtual void download(const std::string& file_name, const std::string& bytes, const char* mime_type) = 0;
    // Opens a file picker; the chosen file's bytes come back later through App::import_image.
    virtual void choose_database_file() = 0;
};

}  // namespace crm::ui
