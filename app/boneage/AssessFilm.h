#pragma once
// One film assessed as `boneage assess` does it, shared by `assess` and `report`: the options
// --sex, --age-months, --models, --workspace, --no-tta, --force and --max-interval-months read the
// same way, the same models run, and the fitted ensemble gives the interval.
#include "ActiveModels.h"
#include "CommandLine.h"

#include "imaging/Radiograph.h"
#include "inference/Assessment.h"

#include <string>

namespace boneage::cli {

struct AssessedFilm {
    std::string file;
    Radiograph radiograph;
    Assessment assessment;
    ActiveModels active;
    std::string modelsDir;          // the bone-age packages that ran
    double loadMilliseconds = 0;    // reading the film
};

// Throws InputError (no sex recorded and none given, unreadable film), UsageError, std::runtime_error
// (no packages). A withheld result is returned as it is (assessment.withheld): the caller decides.
AssessedFilm assessFilm(const Arguments& a, const std::string& file, bool attentionMaps);

} // namespace boneage::cli
