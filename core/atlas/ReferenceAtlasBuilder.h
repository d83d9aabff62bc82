#pragma once
// Builds a reference atlas from labelled local cases, for sites without licensed Greulich-Pyle
// plates (which cannot be shipped). For each GP standard plate age and sex it picks "the most
// typical case near that age":
//   1. every labelled case goes to the group of the plate age nearest its bone age (ties: the
//      younger plate), if it lies within ±windowMonths of it: groups do not overlap, so no case
//      stands for two plates;
//   2. in a group, each film becomes a hand thumbnail (HandThumbnail.h) and the case whose
//      thumbnail is closest (RMS) to the group's element-wise median thumbnail is chosen: the
//      median is robust to the outliers (rotated hands, casts, dim films, labels), so they are not.
//      A group of fewer than 15 films is compared with the median of the 15 films of that sex
//      nearest in age to the plate instead (a lone film would be "typical" of itself, and in a
//      small group the rotated films can be half of it);
//   3. an empty group falls back to the unused cases nearest in age (the most typical of those
//      within 3 months of the nearest, against that same median), if within maxFallbackMonths
//      ("nearest age" in the manifest); otherwise the plate is left out and reported.
// Each plate image is the chosen film, whole (findHand's box misses dim fingertips on some films,
// and a plate must not lose anatomy; the viewer frames the hand), at its default display, downsized
// so that its longest side is at most maxSide, as an 8-bit PNG. Plain C++ and OpenCV.
#include "atlas/AtlasPack.h"
#include "common/OutputPath.h"

#include <functional>
#include <string>
#include <vector>

namespace boneage {

struct LabelledCase {
    std::string id;
    double boneAgeMonths = 0;
    Sex sex = Sex::Unknown;
    std::string imagePath;
};

struct ReferenceAtlasOptions {
    double windowMonths = 6;
    double maxFallbackMonths = 9;
    int maxSide = 512;
    std::string name = "Reference atlas from labelled cases";
    std::string description;
    // "RSNA Pediatric Bone Age Challenge 2017, training case {id}": {id} is replaced by the case id.
    std::string sourceTemplate = "labelled case {id}";
    // Plate ages per sex; empty: the GP standard ages (resources/gp/plates.csv).
    std::vector<double> maleAges, femaleAges;
    // Files copied into the pack (README, NOTICE): read before the old folder is replaced, so they
    // may live in it.
    std::vector<std::string> extraFiles;
};

struct ReferenceAtlasReport {
    AtlasPack pack;
    int casesRead = 0;
    std::vector<std::string> problems;      // unreadable films (skipped), each naming the file
    std::vector<std::string> skippedPlates; // plate ages without a case near enough
};

// Writes the plate PNGs and atlas.json into `outFolder` (replaced atomically as a whole; a previous
// atlas there is replaced, a folder holding anything else never: OutputRefused). Throws AtlasError
// when no case could be read or no plate could be filled.
ReferenceAtlasReport buildReferenceAtlas(const std::vector<LabelledCase>& cases, const std::string& outFolder,
                                         const ReferenceAtlasOptions& options = {},
                                         const std::function<void(const std::string&)>& progress = {});

// What a built atlas folder consists of: atlas.json, the plate images its manifest names, and the
// files named like `extraFiles` (copied in by --include). For the output checks (common/OutputPath.h).
FolderOutput referenceAtlasOutput(const std::vector<std::string>& extraFiles);

// The film as the atlas shows it: default display window to 8 bit, bone bright. Throws on unreadable.
cv::Mat displayGrey8(const std::string& imagePath);

} // namespace boneage
