#pragma once
// A DICOM node (PACS, modality, workstation) the program talks to, and what can go wrong talking to
// it, in words a radiologist or a PACS administrator can act on. DCMTK's dcmnet; no torch, no Qt.
#include <stdexcept>
#include <string>

namespace boneage {

struct DicomNode {
    std::string aeTitle;   // the called AE title (1-16 characters, no backslash)
    std::string host;
    int port = 104;

    // "AET@HOST:PORT" (e.g. ORTHANC@127.0.0.1:4242). Throws std::invalid_argument naming what is wrong.
    static DicomNode parse(const std::string& text);
    std::string toString() const;   // AET@HOST:PORT
};

// Checks an AE title (1-16 characters of the default repertoire, no backslash, not only spaces).
// Throws std::invalid_argument naming `what` ("the calling AE title", ...).
void checkAeTitle(const std::string& aeTitle, const std::string& what);

// The program's default calling AE title.
inline constexpr const char* kDefaultCallingAeTitle = "BONEAGE";

// A node that could not be reached, refused the association or answered with an error status.
struct NetworkError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace boneage
