#include "dicomnet/InstanceKind.h"

#include "dicomnet/StorageListener.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>

namespace boneage {

namespace {
// core/report's result objects carry this manufacturer (ResultDataset.cpp).
constexpr const char* kOurManufacturer = "Bone Age Workstation";
} // namespace

InstanceKind instanceKind(const std::string& file)
{
    InstanceKind kind;
    DcmFileFormat f;
    // The header is enough: stop before the pixel data, however large the film.
    if (f.loadFileUntilTag(file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData).bad()) {
        kind.description = "not a DICOM file";
        return kind;
    }
    kind.dicom = true;
    DcmDataset* ds = f.getDataset();
    OFString sopClass, manufacturer, modality;
    ds->findAndGetOFString(DCM_SOPClassUID, sopClass);
    ds->findAndGetOFString(DCM_Manufacturer, manufacturer);
    ds->findAndGetOFString(DCM_Modality, modality);
    kind.sopClassUid = sopClass.c_str();
    const auto& films = acceptedFilmClasses();
    const bool filmClass = std::find(films.begin(), films.end(), kind.sopClassUid) != films.end();
    if (kind.sopClassUid == UID_EncapsulatedPDFStorage) {
        kind.description = "encapsulated PDF";
    } else if (std::string(sopClass.c_str()).rfind("1.2.840.10008.5.1.4.1.1.88.", 0) == 0) {
        kind.description = "structured report";
    } else if (filmClass && std::string(manufacturer.c_str()).rfind(kOurManufacturer, 0) == 0) {
        kind.description = "result capture made by Bone Age Workstation";
    } else if (filmClass) {
        kind.film = true;
        kind.description = modality.empty() ? "radiograph" : std::string(modality.c_str()) + " radiograph";
    } else {
        const char* name = dcmFindNameOfUID(sopClass.c_str());
        kind.description = name ? name : "SOP class " + kind.sopClassUid;
    }
    return kind;
}

} // namespace boneage
