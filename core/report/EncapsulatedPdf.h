#pragma once
// The PDF report inside a DICOM object (Encapsulated PDF Storage), in the film's study, so that a
// PACS without a document store still keeps the report with the images.
#include "report/BoneAgeReport.h"

#include <QByteArray>

#include <string>

namespace boneage {

void writeEncapsulatedPdf(const BoneAgeReport& report, const QByteArray& pdf, const std::string& path);

} // namespace boneage
