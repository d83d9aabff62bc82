#include "DicomText.h"
#include "Utf8Text.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcspchrs.h>

#include <iconv.h>

#include <algorithm>
#include <optional>
#include <sstream>

namespace boneage::dicom {

struct TextDecoder::Converter {
    DcmSpecificCharacterSet dcmtk;
};

namespace {

bool isAscii(const std::string& s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80 && c != 0x1B; });
}

std::vector<std::string> terms(const std::string& charset)
{
    std::vector<std::string> out;
    std::stringstream in(charset);
    std::string t;
    while (std::getline(in, t, '\\')) {
        while (!t.empty() && t.back() == ' ') t.pop_back();
        while (!t.empty() && t.front() == ' ') t.erase(t.begin());
        out.push_back(t);
    }
    return out;
}

// DCMTK hands JIS X 0208 and JIS X 0212 (ISO 2022 IR 87, IR 159) to iconv under names the GNU C
// library does not have, so Japanese names fail with DCMTK built on glibc's iconv. We read the ISO
// 2022 escape sequences ourselves (PS3.5 6.1.2.5 and annex H) and rewrite the text as EUC-JP, which
// holds the same character sets, for glibc's iconv to turn into UTF-8.
std::optional<std::string> japaneseToUtf8(const std::string& raw, bool halfWidthKatakana)
{
    enum class G0 { Ascii, Jis0208, Jis0212 } g0 = G0::Ascii;
    std::string euc;
    for (std::size_t i = 0; i < raw.size();) {
        const auto b = static_cast<unsigned char>(raw[i]);
        if (b == 0x1B) {
            const std::string rest = raw.substr(i + 1, 3);
            if (rest.rfind("(B", 0) == 0 || rest.rfind("(J", 0) == 0) { g0 = G0::Ascii; i += 3; }
            else if (rest.rfind(")I", 0) == 0) { i += 3; }   // JIS X 0201 katakana into G1
            else if (rest.rfind("$B", 0) == 0 || rest.rfind("$@", 0) == 0) { g0 = G0::Jis0208; i += 3; }
            else if (rest.rfind("$(D", 0) == 0) { g0 = G0::Jis0212; i += 4; }
            else return std::nullopt;
            continue;
        }
        if (b >= 0x80) {
            // Only JIS X 0201 katakana (G1) may use the high half: SS2 + byte in EUC-JP.
            if (!halfWidthKatakana || b < 0xA1 || b > 0xDF) return std::nullopt;
            euc += '\x8E';
            euc += static_cast<char>(b);
            ++i;
            continue;
        }
        if (g0 == G0::Ascii || b < 0x21 || b == 0x7F) {
            // Control characters (CR, LF, ...) end a double-byte run (PS3.5 6.1.2.5.3).
            if (b < 0x21) g0 = G0::Ascii;
            euc += static_cast<char>(b);
            ++i;
            continue;
        }
        if (i + 1 >= raw.size()) return std::nullopt;
        const auto b2 = static_cast<unsigned char>(raw[i + 1]);
        if (b2 < 0x21 || b2 > 0x7E) return std::nullopt;
        if (g0 == G0::Jis0212) euc += '\x8F';
        euc += static_cast<char>(b | 0x80);
        euc += static_cast<char>(b2 | 0x80);
        i += 2;
    }
    iconv_t cd = iconv_open("UTF-8", "EUC-JP");
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(euc.size() * 3 + 4, '\0');
    char* in = euc.data();
    std::size_t inLeft = euc.size();
    char* dst = out.data();
    std::size_t outLeft = out.size();
    const std::size_t rc = iconv(cd, &in, &inLeft, &dst, &outLeft);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1) || inLeft != 0) return std::nullopt;
    out.resize(out.size() - outLeft);
    return out;
}

} // namespace

TextDecoder::TextDecoder(DcmItem& dataset)
{
    OFString value;
    if (dataset.findAndGetOFStringArray(DCM_SpecificCharacterSet, value).good()) charset_ = value.c_str();
    // Leading/trailing blanks are padding; an empty first value means the default repertoire.
    while (!charset_.empty() && (charset_.back() == ' ' || charset_.back() == '\0')) charset_.pop_back();
    while (!charset_.empty() && charset_.front() == ' ') charset_.erase(charset_.begin());
    if (charset_.empty() || charset_ == "ISO_IR 6" || charset_ == "ISO_IR 192") return;
    converter_ = new Converter;
    const OFCondition c = converter_->dcmtk.selectCharacterSet(charset_.c_str(), "ISO_IR 192");
    if (c.good()) return;
    converterFailed_ = true;
    static const char* const japanese[] = {"", "ISO_IR 6", "ISO 2022 IR 6", "ISO_IR 13", "ISO 2022 IR 13",
                                           "ISO 2022 IR 87", "ISO 2022 IR 159"};
    const auto declared = terms(charset_);
    japanese_ = std::all_of(declared.begin(), declared.end(), [](const std::string& t) {
        return std::any_of(std::begin(japanese), std::end(japanese), [&](const char* j) { return t == j; });
    });
    halfWidthKatakana_ = std::any_of(declared.begin(), declared.end(),
                                     [](const std::string& t) { return t.find("IR 13") != std::string::npos; });
    if (!japanese_) warn("the character set '" + charset_ + "' is not known (" + c.text() + ")");
}

TextDecoder::~TextDecoder() { delete converter_; }

void TextDecoder::warn(const std::string& what)
{
    if (warning_.empty())
        warning_ = what + "; names and descriptions are shown with unreadable characters replaced by \xEF\xBF\xBD";
}

std::string TextDecoder::decode(const std::string& raw, bool personName)
{
    if (isAscii(raw)) return raw;
    if (japanese_) {
        if (auto utf8 = japaneseToUtf8(raw, halfWidthKatakana_)) return validUtf8(*utf8);
        warn("some text is not valid in its character set '" + charset_ + "'");
        return validUtf8(raw);
    }
    if (converter_ && !converterFailed_) {
        OFString out;
        // PS3.5 6.1.2.5.3: in a PN value the escape state is reset at "^" and "="; values at "\".
        const OFCondition c = converter_->dcmtk.convertString(raw.c_str(), raw.size(), out, personName ? "\\^=" : "\\");
        if (c.good()) return validUtf8(std::string(out.c_str(), out.length()));
        warn("some text is not valid in its character set '" + charset_ + "' (" + c.text() + ")");
        return validUtf8(raw);
    }
    if (!converter_ && !isValidUtf8(raw)) {
        warn(charset_.empty() ? "some text holds 8-bit characters but the file declares no character set"
                              : "some text is not valid " + charset_ + " (UTF-8)");
    }
    return validUtf8(raw);
}

} // namespace boneage::dicom
