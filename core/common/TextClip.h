#pragma once
// Text from a package or a library error, made fit for a one-line message that may end up in JSON:
// line breaks become spaces, bytes that are not valid UTF-8 become '?' (JSON writers refuse invalid
// UTF-8, and a file's bytes or a parser's "last read" may hold any), and text longer than `maxBytes`
// is cut at a character boundary and ends in "...".
#include <algorithm>
#include <cstddef>
#include <string>

namespace boneage {

namespace detail {
// Length of the valid UTF-8 sequence at s[i] (RFC 3629: no overlongs, no surrogates), 0 if invalid.
inline std::size_t utf8Length(const std::string& s, std::size_t i)
{
    const auto at = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned c = at(0);
    const auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(k) >= lo && at(k) <= hi; };
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}
} // namespace detail

inline std::string clipText(const std::string& s, std::size_t maxBytes)
{
    std::string out;
    out.reserve(std::min(s.size(), maxBytes + 3));
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = detail::utf8Length(s, i);
        if (out.size() + std::max<std::size_t>(n, 1) > maxBytes) return out + "...";
        if (n == 0) {
            out += '?';
            ++i;
        } else if (n == 1 && (s[i] == '\n' || s[i] == '\r')) {
            out += ' ';
            ++i;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
    return out;
}

} // namespace boneage
