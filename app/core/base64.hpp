// Base64 (RFC 4648, the standard alphabet, with padding): how a file's bytes travel in the
// JSON of sync and sit in a TEXT column (domain/customer_file).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crm {

std::string base64_encode(std::string_view bytes);
// The bytes, or nullopt when `text` is not canonical base64: a character outside the
// alphabet, a length that is not a multiple of 4, misplaced padding, or padding bits set.
std::optional<std::string> base64_decode(std::string_view text);
// The number of bytes `text` decodes to, from its length and padding alone.
size_t base64_decoded_size(std::string_view text);

}  // namespace crm
