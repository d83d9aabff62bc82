#pragma once
// What a DICOM file holds, in a word, for deciding what to do with the files a retrieval or a
// listener brought: a hand film to open, or something else (this program's own results, a report,
// another modality). Reads the header only (not the pixel data). No torch, no Qt.
#include <string>

namespace boneage {

struct InstanceKind {
    bool dicom = false;        // a DICOM file DCMTK can read
    bool film = false;         // a radiograph to read (CR, DX, or a Secondary Capture not made by us)
    std::string sopClassUid;
    std::string description;   // "structured report", "result capture made by Bone Age Workstation", ...
};

InstanceKind instanceKind(const std::string& file);

} // namespace boneage
