#include "Utf8Text.h"

namespace boneage {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 (RFC 3629 table 3-7).
std::size_t sequenceLength(std::string_view t, std::size_t i)
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;   // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) { n = 3; lo = 0xA0; }
    else if (c == 0xED) { n = 3; hi = 0x9F; }   // no surrogates
    else if (c >= 0xE1 && c <= 0xEF) n = 3;
    else if (c == 0xF0) { n = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) { n = 4; hi = 0x8F; }
    else return 0;
    if (i + n > t.size()) return 0;
    if (b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
    return n;
}

} // namespace

bool isValidUtf8(std::string_view t)
{
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t n = sequenceLength(t, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string validUtf8(std::string_view t)
{
    if (isValidUtf8(t)) return std::string(t);
    std::string out;
    out.reserve(t.size() + 8);
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t n = sequenceLength(t, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(t.substr(i, n));
            i += n;
        }
    }
    return out;
}

} // namespace boneage
