#pragma once
// The DICOM transfer syntaxes this reader knows by name, and whether it decodes them. The reader
// refuses the others by name; `boneage info --supported` prints this table.
#include <string>
#include <vector>

namespace boneage {

struct TransferSyntax {
    const char* uid;
    const char* name;
    const char* decoder;   // "DCMTK", "OpenJPEG", ...; nullptr: not supported
    bool supported() const { return decoder != nullptr; }
};

const std::vector<TransferSyntax>& transferSyntaxes();
// nullptr for a UID not in the table (private or unknown syntaxes).
const TransferSyntax* findTransferSyntax(const std::string& uid);
// JPEG 2000 Part 1 and High-Throughput JPEG 2000 (Part 15): decoded by OpenJPEG, not DCMTK.
bool isJpeg2000(const std::string& uid);
bool isHighThroughputJpeg2000(const std::string& uid);

} // namespace boneage
