#include "dicomnet/DicomNode.h"

#include <cctype>

namespace boneage {

void checkAeTitle(const std::string& t, const std::string& what)
{
    if (t.empty() || t.size() > 16)
        throw std::invalid_argument(what + " '" + t + "' must have 1 to 16 characters");
    bool onlySpaces = true;
    for (unsigned char c : t) {
        if (c == '\\' || c < 0x20 || c > 0x7e) throw std::invalid_argument(what + " '" + t + "' may hold only plain characters, no backslash");
        onlySpaces = onlySpaces && c == ' ';
    }
    if (onlySpaces) throw std::invalid_argument(what + " must not be blank");
}

DicomNode DicomNode::parse(const std::string& text)
{
    const auto at = text.find('@');
    const auto colon = text.rfind(':');
    if (at == std::string::npos || colon == std::string::npos || colon < at)
        throw std::invalid_argument("'" + text + "' is not a DICOM node: write AET@HOST:PORT, e.g. ORTHANC@127.0.0.1:4242");
    DicomNode n;
    n.aeTitle = text.substr(0, at);
    n.host = text.substr(at + 1, colon - at - 1);
    const std::string port = text.substr(colon + 1);
    checkAeTitle(n.aeTitle, "the called AE title");
    if (n.host.empty()) throw std::invalid_argument("'" + text + "' names no host");
    if (port.empty() || port.size() > 5) throw std::invalid_argument("'" + text + "': the port must be a number from 1 to 65535");
    for (unsigned char c : port)
        if (!std::isdigit(c)) throw std::invalid_argument("'" + text + "': the port must be a number from 1 to 65535");
    n.port = std::stoi(port);
    if (n.port < 1 || n.port > 65535) throw std::invalid_argument("'" + text + "': the port must be a number from 1 to 65535");
    return n;
}

std::string DicomNode::toString() const { return aeTitle + "@" + host + ":" + std::to_string(port); }

} // namespace boneage
