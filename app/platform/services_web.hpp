// The browser's side of ui::PlatformServices: downloads and the file picker.
#pragma once

#include "ui/platform_services.hpp"

namespace crm::platform {

class WebServices : public ui::PlatformServices {
public:
    void download(const std::string& file_name, const std::string& bytes, const char* mime_type) override;
    void choose_database_file() override;
};

}  // namespace crm::platform
