#pragma once
// The report as a PDF (Qt's PDF writer, A4): patient and study, each model's estimate, the ensemble
// with its interval, the readers' readings, chronological age, difference and SDS with the reference
// named, review flags, the film with the chosen overlays, the bracketing atlas plates, the model
// versions with their SHA-256, and the research-use notice on every page. The words follow the
// translation installed in the application (German, Chinese); a QGuiApplication must exist.
#include "report/BoneAgeReport.h"

#include <QByteArray>

#include <string>

namespace boneage {

// The PDF's bytes (the caller writes them atomically, or embeds them: EncapsulatedPdf.h).
QByteArray reportPdf(const BoneAgeReport& report);

} // namespace boneage
