// Tests for core/base64 and domain/customer_file: bytes there and back, what a file must be
// (a name without folders, base64 of its size, not empty, not too large), removing one drops
// its bytes, and a merge takes the files to the survivor.
#include <doctest/doctest.h>

#include "core/base64.hpp"
#include "domain/customer.hpp"
#include "domain/customer_file.hpp"
#include "domain/merge.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

struct Fixture {
    Db db = test::fresh_crm_db();
    std::string tea = add("Hangzhou Tea Co.");

    std::string add(const std::string& name) {
        Customer c;
        c.name = name;
        REQUIRE_OK(save_customer(db, c, "sales1"));
        return c.id;
    }
};

std::string problem_of(const Error& error) {
    REQUIRE(!error.fields.empty());
    return error.fields[0].field + ":" + error.fields[0].code;
}

CustomerFile file_with(const std::string& customer, const std::string& content, int64_t size) {
    CustomerFile f;
    f.customer_id = customer;
    f.name = "licence.pdf";
    f.content = content;
    f.size = size;
    return f;
}

}  // namespace

TEST_CASE("base64 encodes RFC 4648's examples and reads back only canonical text") {
    const std::pair<const char*, const char*> kExamples[] = {
        {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [bytes, text] : kExamples) {
        CHECK(base64_encode(bytes) == text);
        CHECK(base64_decode(text) == std::optional<std::string>(bytes));
        CHECK(base64_decoded_size(text) == std::string_view(bytes).size());
    }
    std::string every_byte;
    for (int b = 0; b < 256; ++b) every_byte.push_back(static_cast<char>(b));
    CHECK(base64_decode(base64_encode(every_byte)) == every_byte);
    for (const char* bad : {"Zg=", "Zg", "Z===", "Zh==", "Zm9=", "Zm 9v", "Zm9v\n", "Zg==Zg==", "=Zm9", "Zm-v"})
        CHECK_MESSAGE(!base64_decode(bad), bad);
}

TEST_CASE("a file needs a live customer, a plain name, and content that is base64 of its size, within the limit") {
    Fixture f;
    CHECK(validate(file_with(f.tea, "Zm9v", 3), f.db).empty());
    CHECK(problem_of(Error::invalid(validate(file_with(f.tea, "Zm9v", 4), f.db))) == "size:mismatch");
    CHECK(problem_of(Error::invalid(validate(file_with(f.tea, "Zm9v!", 3), f.db))) == "content:invalid_format");
    CHECK(problem_of(Error::invalid(validate(file_with(f.tea, "", 0), f.db))) == "content:required");
    CHECK(problem_of(Error::invalid(validate(file_with("nobody", "Zm9v", 3), f.db))) == "customer_id:not_found");
    const std::string too_big = base64_encode(std::string(file_limits::bytes + 1, 'x'));
    CHECK(problem_of(Error::invalid(validate(file_with(f.tea, too_big, file_limits::bytes + 1), f.db))) ==
          "content:too_large");
    CustomerFile in_folder = file_with(f.tea, "Zm9v", 3);
    in_folder.name = "../etc/passwd";
    CHECK(problem_of(Error::invalid(validate(in_folder, f.db))) == "name:invalid_format");
    in_folder.name = "C:\\contracts\\a.pdf";
    CHECK(problem_of(Error::invalid(validate(in_folder, f.db))) == "name:invalid_format");
}

TEST_CASE("attached files list newest first without their bytes, download whole, and lose their bytes when removed") {
    Fixture f;
    std::string pdf = "%PDF-1.4\n";
    pdf.push_back('\0');
    pdf += "\xff\xfe binary";
    Result<CustomerFile> contract = attach_file(f.db, f.tea, " 合同 2026.PDF ", pdf, "sales1");
    REQUIRE(contract);
    CHECK(contract.value().name == "合同 2026.PDF");
    CHECK(contract.value().mime_type == "application/pdf");
    CHECK(contract.value().size == static_cast<int64_t>(pdf.size()));
    REQUIRE(attach_file(f.db, f.tea, "shop.jpg", "jpeg bytes", "sales1"));
    CHECK(attach_file(f.db, f.tea, "unknown.xyz", "x", "sales1").value().mime_type == "application/octet-stream");

    const std::vector<CustomerFile> files = files_of(f.db, f.tea);
    REQUIRE(files.size() == 3);
    CHECK(files[0].content.empty());  // a list carries no bytes
    std::optional<CustomerFile> full = find_file(f.db, contract.value().id);
    REQUIRE(full);
    CHECK(file_bytes(*full) == pdf);

    Result<CustomerFile> empty = attach_file(f.db, f.tea, "empty.txt", "", "sales1");
    REQUIRE(!empty);
    CHECK(problem_of(empty.error()) == "content:required");
    Result<CustomerFile> huge = attach_file(f.db, f.tea, "video.mp4", std::string(file_limits::bytes + 1, 'v'), "sales1");
    REQUIRE(!huge);
    CHECK(problem_of(huge.error()) == "content:too_large");
    CHECK(files_of(f.db, f.tea).size() == 3);  // nothing half-written

    REQUIRE_OK(remove_file(f.db, contract.value().id, "sales1"));
    CHECK(!find_file(f.db, contract.value().id));
    CHECK(files_of(f.db, f.tea).size() == 2);
    CHECK(scalar(f.db, "SELECT length(content) FROM customer_files WHERE deleted = 1") == 0);
}

TEST_CASE("file sizes read as a person reads them") {
    CHECK(format_file_size(0) == "0 B");
    CHECK(format_file_size(1023) == "1023 B");
    CHECK(format_file_size(1024) == "1 KB");
    CHECK(format_file_size(1025) == "2 KB");
    CHECK(format_file_size(512 * 1024) == "512 KB");
    CHECK(format_file_size(3 * 1024 * 1024 / 2) == "1.5 MB");
}

TEST_CASE("merging takes the merged customer's files to the survivor") {
    Fixture f;
    const std::string other = f.add("Hangzhou Tea Company");
    REQUIRE(attach_file(f.db, other, "licence.pdf", "licence", "sales1"));
    REQUIRE_OK(merge_customers(f.db, f.tea, other, MergeChoices{}, "sales1"));
    REQUIRE(files_of(f.db, f.tea).size() == 1);
    CHECK(files_of(f.db, f.tea)[0].name == "licence.pdf");
}
