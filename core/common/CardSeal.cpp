#include "CardSeal.h"

#include "RegularFile.h"
#include "Sha256.h"

#include <set>
#include <vector>

namespace boneage {

namespace {

// One member of the card's top-level object: where it lies in the text and its canonical form.
struct Member {
    size_t keyStart = 0, valueEnd = 0;
    std::string key;         // decoded
    std::string canonical;   // "key":value without whitespace
    std::string value;       // canonical value alone
};

struct TopLevel {
    size_t open = 0, close = 0;   // offsets of the object's braces
    std::vector<Member> members;
};

// A strict RFC 8259 reader that keeps the tokens' own text (no number or string is re-encoded, so
// the canonical text is the same whatever program wrote the card).
class Scanner {
public:
    explicit Scanner(std::string_view s) : s_(s) {}

    TopLevel card()
    {
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;   // a byte order mark some editors add
        skipSpace();
        if (peek() != '{') fail("a model card must be one JSON object");
        TopLevel top;
        top.open = i_;
        std::string ignored;
        object(1, ignored, &top.members);
        top.close = i_ - 1;
        skipSpace();
        if (i_ != s_.size()) fail("there is text after the card's closing brace");
        return top;
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw CardSyntaxError("not a valid JSON card at byte " + std::to_string(i_) + ": " + what);
    }
    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    bool atEnd() const { return i_ >= s_.size(); }
    void skipSpace()
    {
        while (!atEnd() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }
    void expect(char c, const char* what)
    {
        if (atEnd() || s_[i_] != c) fail(what);
        ++i_;
    }

    void value(int depth, std::string& out)
    {
        if (atEnd()) fail("the text ends where a value should be");
        const char c = s_[i_];
        if (c == '{') object(depth + 1, out, nullptr);
        else if (c == '[') array(depth + 1, out);
        else if (c == '"') string(out);
        else if (c == '-' || (c >= '0' && c <= '9')) number(out);
        else if (c == 't' || c == 'f' || c == 'n') literal(out);
        else fail("a value cannot start with this character");
    }

    void object(int depth, std::string& out, std::vector<Member>* members)
    {
        if (depth > kCardMaxDepth) fail("values are nested more than " + std::to_string(kCardMaxDepth) + " levels deep");
        ++i_;
        out += '{';
        skipSpace();
        if (peek() == '}') {
            ++i_;
            out += '}';
            return;
        }
        std::set<std::string> keys;
        for (bool first = true;; first = false) {
            skipSpace();
            if (peek() != '"') fail("a key in double quotes was expected");
            Member m;
            m.keyStart = i_;
            std::string key;
            m.key = string(key);
            // nlohmann::json keeps the last of two equal keys, a reader of the file may see the first.
            if (!keys.insert(m.key).second) fail("the key \"" + m.key + "\" appears twice in one object");
            skipSpace();
            expect(':', "a colon was expected after the key");
            skipSpace();
            value(depth, m.value);
            m.valueEnd = i_;
            m.canonical = key + ":" + m.value;
            if (!first) out += ',';
            out += m.canonical;
            if (members) members->push_back(std::move(m));
            skipSpace();
            if (peek() == ',') {
                ++i_;
                continue;
            }
            expect('}', "a comma or a closing brace was expected");
            break;
        }
        out += '}';
    }

    void array(int depth, std::string& out)
    {
        if (depth > kCardMaxDepth) fail("values are nested more than " + std::to_string(kCardMaxDepth) + " levels deep");
        ++i_;
        out += '[';
        skipSpace();
        if (peek() == ']') {
            ++i_;
            out += ']';
            return;
        }
        for (bool first = true;; first = false) {
            skipSpace();
            if (!first) out += ',';
            value(depth, out);
            skipSpace();
            if (peek() == ',') {
                ++i_;
                continue;
            }
            expect(']', "a comma or a closing bracket was expected");
            break;
        }
        out += ']';
    }

    unsigned hex4()
    {
        if (s_.size() - i_ < 4) fail("\\u needs four hexadecimal digits");
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = s_[i_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
            else fail("\\u needs four hexadecimal digits");
        }
        return v;
    }

    static void appendUtf8(std::string& s, unsigned cp)
    {
        if (cp < 0x80) {
            s += char(cp);
        } else if (cp < 0x800) {
            s += char(0xC0 | (cp >> 6));
            s += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s += char(0xE0 | (cp >> 12));
            s += char(0x80 | ((cp >> 6) & 0x3F));
            s += char(0x80 | (cp & 0x3F));
        } else {
            s += char(0xF0 | (cp >> 18));
            s += char(0x80 | ((cp >> 12) & 0x3F));
            s += char(0x80 | ((cp >> 6) & 0x3F));
            s += char(0x80 | (cp & 0x3F));
        }
    }

    // Appends the string token as written to `out`; returns its decoded value (for keys).
    std::string string(std::string& out)
    {
        const size_t start = i_++;
        std::string decoded;
        for (;;) {
            if (atEnd()) fail("a string is not closed");
            const unsigned char c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') break;
            if (c < 0x20) fail("a string holds a control character (write it as an escape)");
            if (c != '\\') {
                decoded += char(c);
                ++i_;
                continue;
            }
            ++i_;
            const char e = peek();
            ++i_;
            switch (e) {
            case '"': decoded += '"'; break;
            case '\\': decoded += '\\'; break;
            case '/': decoded += '/'; break;
            case 'b': decoded += '\b'; break;
            case 'f': decoded += '\f'; break;
            case 'n': decoded += '\n'; break;
            case 'r': decoded += '\r'; break;
            case 't': decoded += '\t'; break;
            case 'u': {
                unsigned cp = hex4();
                if (cp >= 0xDC00 && cp <= 0xDFFF) fail("a lone low surrogate in a \\u escape");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (s_.substr(i_, 2) != "\\u") fail("a high surrogate without its low half");
                    i_ += 2;
                    const unsigned low = hex4();
                    if (low < 0xDC00 || low > 0xDFFF) fail("a high surrogate without its low half");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(decoded, cp);
                break;
            }
            default: --i_; fail("an unknown escape in a string");
            }
        }
        ++i_;
        out.append(s_.substr(start, i_ - start));
        return decoded;
    }

    void digits()
    {
        if (atEnd() || s_[i_] < '0' || s_[i_] > '9') fail("a digit was expected in a number");
        while (!atEnd() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }

    void number(std::string& out)
    {
        const size_t start = i_;
        if (peek() == '-') ++i_;
        if (peek() == '0') ++i_;
        else digits();
        if (peek() == '.') {
            ++i_;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            ++i_;
            if (peek() == '+' || peek() == '-') ++i_;
            digits();
        }
        out.append(s_.substr(start, i_ - start));
    }

    void literal(std::string& out)
    {
        for (const std::string_view word : {"true", "false", "null"})
            if (s_.substr(i_, word.size()) == word) {
                i_ += word.size();
                out.append(word);
                return;
            }
        fail("only true, false and null are words in JSON");
    }

    std::string_view s_;
    size_t i_ = 0;
};

std::string canonicalOf(const TopLevel& top)
{
    std::string out = "{";
    bool first = true;
    for (const auto& m : top.members) {
        if (m.key == kCardSealKey) continue;
        if (!first) out += ',';
        out += m.canonical;
        first = false;
    }
    return out + "}";
}

} // namespace

std::string canonicalCardText(std::string_view card) { return canonicalOf(Scanner(card).card()); }

CardSealCheck checkCardSeal(std::string_view card)
{
    const TopLevel top = Scanner(card).card();
    CardSealCheck check;
    check.computed = sha256Hex(canonicalOf(top));
    for (const auto& m : top.members) {
        if (m.key != kCardSealKey) continue;
        const bool plain = m.value.size() == 66 && m.value.front() == '"' && m.value.back() == '"';
        check.stored = plain ? m.value.substr(1, 64) : std::string();
        check.state = check.stored == check.computed ? CardSealState::Valid : CardSealState::Mismatch;
    }
    return check;
}

std::string sealCardText(std::string_view card)
{
    const TopLevel top = Scanner(card).card();
    const std::string member = std::string("\"") + kCardSealKey + "\": \"" + sha256Hex(canonicalOf(top)) + "\"";
    std::string text(card);
    const auto& ms = top.members;
    size_t remaining = ms.size();
    for (size_t k = 0; k < ms.size(); ++k) {
        if (ms[k].key != kCardSealKey) continue;   // at most one: keys are unique
        --remaining;
        if (k + 1 < ms.size()) text.erase(ms[k].keyStart, ms[k + 1].keyStart - ms[k].keyStart);   // with its comma
        else if (k > 0) text.erase(ms[k - 1].valueEnd, ms[k].valueEnd - ms[k - 1].valueEnd);      // with the comma before
    }
    if (remaining == 0) return text.replace(top.open + 1, top.close - top.open - 1, member);
    // The seal goes first, followed by the whitespace that came before the first member, so that it
    // is indented like the rest and re-sealing gives the same text (what is inserted here is exactly
    // what the erase above removes).
    size_t first = top.open + 1;
    while (text[first] == ' ' || text[first] == '\t' || text[first] == '\n' || text[first] == '\r') ++first;
    const std::string gap = text.substr(top.open + 1, first - top.open - 1);
    text.insert(first, member + "," + (gap.empty() ? std::string(" ") : gap));
    return text;
}

std::string cardSealProblem(const std::string& cardPath, const std::string& packageDirectory, const CardSealCheck& check)
{
    const std::string reseal = "if you changed the card on purpose, check it and run: boneage package seal " + packageDirectory;
    if (check.state == CardSealState::Missing)
        return cardPath + " is not sealed (it has no \"" + kCardSealKey +
               "\"): it was written by an older version or by hand. Reinstall the package, or, " + reseal + ".";
    return cardPath + " was changed after it was sealed (its content does not match its \"" + kCardSealKey +
           "\"): the card is damaged or was edited. Reinstall the package, or, " + reseal + ".";
}

std::string readSealedCard(const std::string& packageDirectory)
{
    const std::string path = packageDirectory + "/model.json";
    std::string text;
    try {
        text = readRegularFile(path, 1u << 20);
    } catch (const RegularFileError& e) {
        if (e.kind == RegularFileError::Kind::Missing) throw std::runtime_error(packageDirectory + ": not a model package (no model.json)");
        throw std::runtime_error(std::string(e.what()) + ": not a model card");
    }
    CardSealCheck check;
    try {
        check = checkCardSeal(text);
    } catch (const CardSyntaxError& e) {
        throw std::runtime_error(path + ": the model card is malformed (" + e.what() + ")");
    }
    if (check.state != CardSealState::Valid) throw std::runtime_error(cardSealProblem(path, packageDirectory, check));
    return text;
}

} // namespace boneage
