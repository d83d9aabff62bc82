#pragma once
// The result as a picture for any PACS viewer: a DICOM Secondary Capture (RGB) of the film with the
// chosen overlays burnt in and a band below it with the result in words and the research-use notice
// (Burned In Annotation YES). In the film's study, its own series, referencing the film.
#include "report/BoneAgeReport.h"

#include <QImage>

#include <string>

namespace boneage {

// The picture the Secondary Capture holds (also handy to look at): film, overlays, result band.
QImage resultCapturePicture(const BoneAgeReport& report);
void writeResultCapture(const BoneAgeReport& report, const std::string& path);

} // namespace boneage
