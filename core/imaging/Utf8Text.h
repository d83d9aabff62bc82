#pragma once
// Text from files is not trusted to be UTF-8 (a DICOM name in an undeclared 8-bit character set, a
// path in a legacy encoding): everything we show or write as JSON goes through validUtf8 first, so
// that no output step can fail on it.
#include <string>
#include <string_view>

namespace boneage {

// `text` unchanged if it is valid UTF-8; otherwise each invalid byte (bad lead byte, missing or
// stray continuation, overlong form, surrogate, code point past U+10FFFF) becomes U+FFFD.
std::string validUtf8(std::string_view text);
bool isValidUtf8(std::string_view text);

} // namespace boneage
