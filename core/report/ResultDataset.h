#pragma once
// What every result object the report sends shares (PS3.3): the Patient and General Study modules
// copied from the film (so the PACS files it with the film), a new series of the program's own, the
// equipment that made it, and the UIDs of BoneAgeReport::resultUid. DCMTK.
#include "report/BoneAgeReport.h"

#include <functional>
#include <string>

class DcmItem;
class DcmTagKey;
class DcmFileFormat;

namespace boneage {

// `kind` names the object ("sr", "sc", "pdf"): its SOP Instance and Series UIDs derive from it.
// Sets SOP Class/Instance, Patient, General Study, General Series (Modality `modality`, Series Number
// `seriesNumber`), General Equipment, content date and time.
void putResultAttributes(DcmItem& dataset, const BoneAgeReport& report, const std::string& kind, const char* sopClassUid,
                         const char* modality, int seriesNumber, const std::string& seriesDescription);

// References the source film (Source Image Sequence style item: Referenced SOP Class/Instance UID),
// when it is a DICOM film; a PNG/JPEG/TIFF film has no UID to refer to.
void putSourceReference(DcmItem& dataset, const BoneAgeReport& report, const DcmTagKey& sequence);

// Saves atomically (temporary file, rename), Explicit VR Little Endian, with a meta header.
void saveDicomAtomically(DcmFileFormat& file, const std::string& path);

// DICOM DA and TM of the report's creation time (its `createdAt`).
std::string reportDicomDate(const BoneAgeReport& report);
std::string reportDicomTime(const BoneAgeReport& report);

} // namespace boneage
