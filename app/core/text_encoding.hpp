// Bytes of a text file, in whatever encoding it came, as UTF-8 (文本编码).
//
// Two encodings reach us: UTF-8, with or without a byte order mark (what most programs and
// "CSV UTF-8" in Excel write), and GBK, what Excel and WPS on Chinese Windows write for
// "CSV (comma delimited)". GBK is decoded as GB18030, its superset (GB2312 < GBK < GB18030).
//
// Valid UTF-8 is taken as UTF-8: a GBK file of Chinese text is almost never valid UTF-8 by
// chance (its lead bytes 0x81-0xFE are rarely followed by the continuation bytes UTF-8 needs
// three of), while every UTF-8 file is also a sequence of GB18030 bytes.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace crm {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

enum class TextEncoding { utf8, utf8_bom, gb18030 };

// "utf8", "utf8_bom", "gb18030": stable names for logs and translation keys ("encoding.gb18030").
const char* encoding_id(TextEncoding encoding);

struct DecodedText {
    std::string text;  // UTF-8, without a byte order mark
    TextEncoding encoding = TextEncoding::utf8;
};

// The text of `bytes`, and the encoding it was in. Bytes that are neither UTF-8 nor GB18030
// fail with code "encoding" and the problem {"file", "invalid_encoding", line}: the 1-based
// line of the first byte that is not.
Result<DecodedText> decode_text(std::string_view bytes);

// GB18030 bytes as UTF-8. Bytes that are not GB18030 fail with code "encoding" and the
// problem {"file", "invalid_encoding", offset}: the byte offset of the first of them.
// Uses iconv(3) for one- and two-byte sequences and its own table for four-byte ones
// (text_encoding.cpp says why). A lone 0x80 reads as the euro sign, as in Windows code page
// 936 and the WHATWG decoder browsers use.
Result<std::string> gb18030_to_utf8(std::string_view bytes);

}  // namespace crm
