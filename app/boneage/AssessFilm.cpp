#include "AssessFilm.h"

#include "ModelsLocation.h"

#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/ModelPackage.h"

#include <chrono>
#include <iostream>

namespace boneage::cli {

AssessedFilm assessFilm(const Arguments& a, const std::string& file, bool attentionMaps)
{
    AssessedFilm out;
    out.file = file;
    LoadOptions options;
    if (auto s = a.value("sex")) {
        options.sex = parseSex(*s);
        if (!options.sex) throw UsageError("--sex must be M or F, not '" + *s + "'");
    }
    if (auto v = a.value("age-months")) options.chronologicalAgeMonths = parseNumber(*v, "age-months");

    const auto t0 = std::chrono::steady_clock::now();
    out.radiograph = loadRadiograph(file, options);
    out.loadMilliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const Sex sex = out.radiograph.metadata.sex;
    if (sex == Sex::Unknown)
        throw InputError(InputError::Reason::MissingData,
                         file + ": the patient's sex is not recorded in the file; bone age standards differ by sex, "
                                "so give it with --sex M or --sex F.");

    // --workspace DIR: the versions active there (each kind separately), else the installed models.
    out.active = activeModels(modelsDirectory(a.value("models").value_or("")), a.value("workspace"));
    out.modelsDir = out.active.boneAgeDir;
    const auto packages = findModelPackages(out.modelsDir);
    if (packages.empty()) throw std::runtime_error("no model packages found in " + out.modelsDir + " (use --models DIR)");

    AssessmentOptions assessOptions;
    assessOptions.attentionMaps = attentionMaps;
    assessOptions.testTimeAugmentation = !a.flag("no-tta");
    assessOptions.forceWithoutHand = a.flag("force");
    if (out.active.landmarkPackage) assessOptions.landmarkPackage = *out.active.landmarkPackage;
    if (auto v = a.value("max-interval-months")) {
        assessOptions.maxIntervalWidthMonths = parseNumber(*v, "max-interval-months");
        if (!(assessOptions.maxIntervalWidthMonths > 0)) throw UsageError("--max-interval-months must be a positive number of months");
    }
    // The fitted ensemble beside the packages; a broken file costs the interval, not the assessment.
    if (const auto calibration = findEnsembleCalibration(out.modelsDir)) {
        try {
            assessOptions.ensembleCalibration = readEnsembleCalibration(*calibration);
        } catch (const std::invalid_argument& e) {
            std::cerr << "warning: no interval: " << e.what() << "\n";
        }
    }
    out.assessment = assessRadiograph(out.radiograph, sex, packages, assessOptions);
    for (const auto& p : out.assessment.skippedPackages) std::cerr << "warning: model skipped: " << p << "\n";
    if (!out.assessment.withheld && out.assessment.models.empty())
        throw std::runtime_error(out.assessment.otherSexModels
                                     ? "no installed model assesses sex " + std::string(toString(sex)) + " (only per-sex models of the other sex are in " + out.modelsDir + ")"
                                     : std::string("no installed model could be run"));
    return out;
}

} // namespace boneage::cli
