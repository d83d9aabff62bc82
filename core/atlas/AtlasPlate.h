#pragma once
// One plate of an atlas pack: an image of a hand at a standard bone age for one sex. For a licensed
// Greulich-Pyle atlas the source names the book's plate; for a reference atlas built from labelled
// cases it names the case, and `reference` records how that case was chosen (so a reader can judge it).
#include "imaging/Radiograph.h"

#include <optional>
#include <string>

namespace boneage {

// How a reference atlas chose the case shown on a plate (absent for licensed GP plates).
struct ReferenceCase {
    std::string id;                 // the case id in the labelled data (an RSNA id for the shipped pack)
    double boneAgeMonths = 0;       // the case's own label, which may differ from the plate's age
    double distance = 0;            // RMS distance of its thumbnail to the group's median thumbnail
    std::string chosenBy;           // "typical" (closest to the median of its group) or "nearest age"
    int candidates = 0;             // cases in the plate's age group
};

struct AtlasPlate {
    Sex sex = Sex::Unknown;
    double ageMonths = 0;           // the standard age the plate stands for
    std::string imageFile;          // relative to the manifest's folder
    std::string source;             // where the picture comes from, shown with the plate
    std::optional<ReferenceCase> reference;

    // "M 7 y 6 m (90 months)".
    std::string ageLabel() const;
};

} // namespace boneage
