// The customer 360 view's Files tab (ui/screens/customer_files_tab): a file chosen through the
// platform's chooser is attached and listed, downloads byte for byte, and is removed after a
// confirmation; one too large or empty is said next to the button and nothing is written.
#include <doctest/doctest.h>

#include "domain/customer_file.hpp"
#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::UiDriver;

namespace {

constexpr const char* kForm = "customer_detail";

void choose(UiDriver& ui, const std::string& name, const std::string& bytes) {
    ui.click("Attach file…", kForm);
    REQUIRE(ui.services().file_chosen);
    ui.services().file_chosen(name, bytes);
    ui.frames(2);
}

}  // namespace

TEST_CASE("a file is attached, downloads whole, and is removed after a confirmation; a bad one is refused in words") {
    UiDriver ui;
    ui.click("New customer");
    ui.fill("Name", "Hangzhou Tea Co.", kForm);
    ui.click("Create customer", kForm);
    ui.click("Files", kForm);
    CHECK(ui.find("No files yet.", kForm, true).has_value());

    std::string pdf = "%PDF-1.4 合同";
    pdf.push_back('\0');
    pdf += "\x80\xff";
    choose(ui, "合同 2026.pdf", pdf);
    CHECK(ui.find("Files (1)", kForm).has_value());
    CHECK(ui.find("合同 2026.pdf", kForm, true).has_value());

    ui.click("Download 合同 2026.pdf", kForm);
    CHECK(ui.services().downloaded_name == "合同 2026.pdf");
    CHECK(ui.services().downloaded_bytes == pdf);

    choose(ui, "video.mp4", std::string(crm::file_limits::bytes + 1, 'v'));
    CHECK(ui.find("video.mp4 is 513 KB: a file may be at most 512 KB. Nothing was attached.", kForm, true).has_value());
    choose(ui, "empty.txt", "");
    CHECK(ui.find("empty.txt is empty: there is nothing to keep.", kForm, true).has_value());
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customer_files") == 1);

    ui.click("Remove 合同 2026.pdf", kForm);
    ui.click("Remove", "Remove file?");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customer_files WHERE deleted = 0") == 0);
    CHECK(ui.find("No files yet.", kForm, true).has_value());
}
