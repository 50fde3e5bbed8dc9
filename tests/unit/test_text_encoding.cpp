// Tests for core/text_encoding: UTF-8 with and without a byte order mark, GBK and GB18030
// bytes, damaged files; and the four-byte table against the system's iconv.
#include <doctest/doctest.h>

#include <iconv.h>

#include <string>

#include "core/text_encoding.hpp"
#include "support.hpp"

using namespace crm;

namespace {

// 华信科技有限公司 in GBK, as python3 -c "print('华信科技有限公司'.encode('gbk'))" prints it.
constexpr std::string_view kGbkName = "\xbb\xaa\xd0\xc5\xbf\xc6\xbc\xbc\xd3\xd0\xcf\xde\xb9\xab\xcb\xbe";

DecodedText decoded(std::string_view bytes) {
    Result<DecodedText> text = decode_text(bytes);
    INFO(crm::test::error_text(text));
    REQUIRE(text.ok());
    return text.value();
}

// What glibc's iconv makes of one sequence; "" when it rejects it.
std::string glibc_gb18030(std::string_view bytes) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    char out[16];
    char* in = const_cast<char*>(bytes.data());
    char* to = out;
    size_t in_left = bytes.size(), to_left = sizeof out;
    const size_t result = iconv(cd, &in, &in_left, &to, &to_left);
    iconv_close(cd);
    return result == static_cast<size_t>(-1) ? std::string() : std::string(out, static_cast<size_t>(to - out));
}

std::string four_bytes(uint32_t linear, unsigned char first) {
    return {static_cast<char>(first + linear / 12600), static_cast<char>(0x30 + linear / 1260 % 10),
            static_cast<char>(0x81 + linear / 10 % 126), static_cast<char>(0x30 + linear % 10)};
}

}  // namespace

TEST_CASE("UTF-8 without a byte order mark is taken as it is") {
    DecodedText text = decoded("名称,城市\n华信,北京\n");
    CHECK(text.text == "名称,城市\n华信,北京\n");
    CHECK(text.encoding == TextEncoding::utf8);
    CHECK(std::string(encoding_id(text.encoding)) == "utf8");
}

TEST_CASE("UTF-8 with a byte order mark loses the mark and says it had one") {
    DecodedText text = decoded("\xEF\xBB\xBF名称\n");
    CHECK(text.text == "名称\n");
    CHECK(text.encoding == TextEncoding::utf8_bom);
}

TEST_CASE("GBK bytes, as Excel on Chinese Windows writes them, decode as GB18030") {
    DecodedText text = decoded(std::string("name\n") + std::string(kGbkName) + "\n");
    CHECK(text.text == "name\n华信科技有限公司\n");
    CHECK(text.encoding == TextEncoding::gb18030);
}

TEST_CASE("GB18030 four-byte sequences decode, inside and beyond the Basic Multilingual Plane") {
    // U+00E9 is two bytes; U+0080, U+FFFF and U+20000 (𠀀) four; 0x80 alone is the euro sign.
    auto text = gb18030_to_utf8(std::string(kGbkName) + "\xa8\xa6\x81\x30\x81\x30\x84\x31\xa4\x39\x95\x32\x82\x36\x80");
    REQUIRE_OK(text);
    CHECK(text.value() == "华信科技有限公司\u00e9\u0080\uffff\U00020000\u20ac");
}

TEST_CASE("the four-byte table agrees with glibc's iconv on every BMP sequence and samples beyond") {
    for (uint32_t linear = 0; linear < 39420; ++linear) {
        const std::string bytes = four_bytes(linear, 0x81);
        Result<std::string> ours = gb18030_to_utf8(bytes);
        CAPTURE(linear);
        REQUIRE(ours.value_or("") == glibc_gb18030(bytes));
    }
    for (uint32_t linear = 0; linear < 0x100000; linear += 997) {
        const std::string bytes = four_bytes(linear, 0x90);
        CAPTURE(linear);
        REQUIRE(gb18030_to_utf8(bytes).value_or("") == glibc_gb18030(bytes));
    }
}

TEST_CASE("bytes that are neither UTF-8 nor GB18030 give an error with the line, not a crash") {
    Result<DecodedText> text = decode_text("name\ncity\n\xbb\xaa\xff\xff\n");
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().code == "encoding");
    CHECK(text.error().fields == Problems{{"file", "invalid_encoding", 3}});
    CHECK_FALSE(gb18030_to_utf8("\xbb").ok());       // cut off
    CHECK_FALSE(gb18030_to_utf8("\x81\x30\x81").ok());  // four-byte sequence cut off
    CHECK_FALSE(gb18030_to_utf8("\xff").ok());
}

TEST_CASE("UTF-8 with a stray bad byte is refused, not misread as GB18030") {
    Result<DecodedText> text = decode_text("名称,城市\n华信科技有限公司,北京\n上海\xff浦东,上海\n");
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().fields == Problems{{"file", "invalid_encoding", 3}});
    CHECK_FALSE(decode_text("\xEF\xBB\xBF\xbb\xaa").ok());  // a byte order mark promises UTF-8
}
