#pragma once
// What a bone-age report says, gathered once from the assessment and handed unchanged to each way
// out: the PDF, the DICOM Structured Report (TID 1500), the Secondary Capture and the encapsulated
// PDF. Each writer only lays out these facts; none goes back to the models or the workspace.
#include "atlas/AtlasPlate.h"
#include "imaging/Radiograph.h"
#include "inference/Assessment.h"
#include "workspace/Workspace.h"

#include <optional>
#include <string>
#include <vector>

namespace boneage {

// What is drawn over the film in the report's figure and the Secondary Capture.
struct ReportOverlays {
    bool rois = true;         // the 18 TW3 ROIs (turned squares)
    bool keypoints = false;   // the 21 hand keypoints and the hand's skeleton
    bool attention = false;   // the models' mean attention map (the assessment must have computed it)
};

// A plate of the atlas beside the case: the one at or below the bone age and the one at or above.
struct ReportPlate {
    AtlasPlate plate;
    std::string imagePath;    // absolute; empty when the pack has no picture for it
    std::string packName;
};

struct BoneAgeReport {
    std::string sourceFile;          // as given (shown, not a path the report depends on)
    std::string sourceSha256;        // the film's bytes: the report's identity with the models' digests
    Radiograph radiograph;           // pixels (for the figure) and the patient and study attributes
    Assessment assessment;
    std::vector<Reading> readings;   // each reader's latest reading of this film (workspace), oldest first
    std::vector<ReportPlate> plates; // the bracketing plates (none when no atlas pack is installed)
    std::string atlasProblem;        // why there are no plates although an atlas folder was given
    ReportOverlays overlays;
    std::string language = "en";     // "en", "de", "zh_CN": the translation the caller installed
    std::string createdAt;           // local date and time, ISO 8601, when the report was made
    std::string softwareVersion;     // the program's version

    // The study the results join: the film's own, or (PNG/JPEG/TIFF) one derived from the film's
    // digest, so that the SR, SC and PDF of one film always land in one study.
    std::string studyInstanceUid() const;
    // A result object's UID, derived from the film, the models' weights and the readings ("2.25."
    // + 128 bits of a SHA-256): the same film assessed by the same models gives the same UIDs, so
    // sending it twice replaces an object in the PACS instead of doubling it. `kind`: "sr", "sc",
    // "pdf", "series-sr", ...
    std::string resultUid(const std::string& kind) const;
};

// Gathers the report: `plates` from the atlas pack in `atlasFolder` (empty: no plates), `readings`
// as given (the caller looks them up in its workspace). Throws std::invalid_argument for an
// assessment that has no bone age (withheld): there is nothing to report but the review flags.
BoneAgeReport makeBoneAgeReport(const std::string& sourceFile, const Radiograph& radiograph, const Assessment& assessment,
                                const std::vector<Reading>& readings, const std::string& atlasFolder,
                                const ReportOverlays& overlays = {}, const std::string& language = "en");

// The latest reading of each reader among `readings`, oldest first.
std::vector<Reading> latestReadingPerReader(const std::vector<Reading>& readings);

} // namespace boneage
