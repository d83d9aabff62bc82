// `boneage calibrate`: fits a package's output calibration (inference/OutputCalibration.h) on its own
// training films in a cache (those of its sex not in its validation-ids.txt) and records it in the
// card. The held-out films are never read, so the card's held-out metrics stay honest.
#include "CommandLine.h"
#include "Commands.h"
#include "OpenMpWaiting.h"
#include "PackageCache.h"

#include "common/AtomicFile.h"
#include "common/OutputPath.h"
#include "common/CardSeal.h"
#include "inference/ModelPackage.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

namespace boneage::cli {

namespace {
constexpr size_t kMinimumFilms = 200;   // fewer: the line would follow the noise of a few films

double rounded(double v, double scale) { return std::round(v * scale) / scale; }
} // namespace

int runCalibrate(const std::vector<std::string>& args)
{
    const Arguments a(args, {"model", "data"}, {"json", "no-tta", "overwrite"});
    if (!a.value("model") || !a.value("data")) throw UsageError("--model and --data are required");
    restartWithPassiveOpenMpWaiting("boneage", "calibrate", args);
    const std::string dir = *a.value("model"), cacheDir = *a.value("data");
    InstalledModel model = InstalledModel::load(dir);
    model.setCalibrationApplied(false);
    if (a.flag("no-tta")) model.setTestTimeAugmentation(TestTimeAugmentation::None);
    const ModelCard& card = model.card();
    // The card is the package's own file and calibrate updates it in place (atomically); what this
    // command writes is the "calibration" entry, so replacing an earlier fit takes --overwrite.
    if (card.json.contains("calibration") && !a.flag("overwrite")) {
        const nlohmann::json& earlier = card.json.at("calibration");
        throw OutputRefused(dir + "/model.json already has a calibration (" +
                            (earlier.is_object() ? earlier.value("fitted_on", std::string("fitted earlier")) : std::string("fitted earlier")) +
                            "); add --overwrite to replace it. Nothing was changed.");
    }

    const std::string heldOutFile = (std::filesystem::path(dir) / "validation-ids.txt").string();
    if (!std::filesystem::exists(heldOutFile))
        throw std::runtime_error(heldOutFile + " is missing: without the package's held-out ids its training films "
                                 "cannot be told apart, and a calibration fitted on held-out films would flatter it.");
    const std::set<std::string> heldOut = readIdList(heldOutFile);

    const DatasetCache cache = DatasetCache::open(cacheDir);
    requirePackageRecipe(cache, cacheDir, card);
    std::vector<const std::uint8_t*> images, rois;
    std::vector<bool> sexes;
    std::vector<double> reference;
    size_t heldOutSeen = 0;
    for (size_t i = 0; i < cache.size(); ++i) {
        const CacheSample& s = cache.sample(i);
        if (!card.appliesTo(s.male ? Sex::Male : Sex::Female)) continue;
        if (heldOut.count(s.id)) { ++heldOutSeen; continue; }
        images.push_back(cache.image(i));
        if (cache.roiPatchSize() > 0) rois.push_back(cache.roiPatches(i));
        sexes.push_back(s.male);
        reference.push_back(s.boneAgeMonths);
    }
    if (images.size() < kMinimumFilms)
        throw std::runtime_error(cacheDir + " has " + std::to_string(images.size()) + " training films for " + card.id +
                                 " (its sex, not held out); a calibration needs at least " + std::to_string(kMinimumFilms) + ".");
    const std::vector<double> raw =
        model.predictPrepared(images, cache.width(), cache.height(), sexes, rois, cache.roiPatchSize() > 0 ? cache.roiPatchSize() : 64);
    const OutputCalibration c = fitOutputCalibration(raw, reference);
    const double before = meanAbsoluteError(raw, reference), after = meanAbsoluteError(raw, reference, c);

    nlohmann::json updated = card.json;
    updated["calibration"] = {
        {"slope", rounded(c.slope, 1e4)},
        {"intercept", rounded(c.intercept, 1e3)},
        {"centre_months", c.centreMonths},
        {"fitted_on", std::to_string(images.size()) + " training films of " + cacheDir + " (the package's sex, not in validation-ids.txt; " +
                          std::to_string(heldOutSeen) + " held-out films left out), estimates " +
                          (a.flag("no-tta") ? "from one view" : "with test-time augmentation")},
        {"training_mae_before", rounded(before, 1e3)},
        {"training_mae_after", rounded(after, 1e3)},
        {"method", "least absolute error line: slope on a grid over 0.8-1.2 (step 0.0025), intercept the median residual"}};
    // Re-sealed (common/CardSeal.h): the card was checked at load, and only "calibration" changed.
    writeTextAtomically((std::filesystem::path(dir) / "model.json").string(), sealCardText(updated.dump(1)) + "\n");
    if (a.flag("json")) {
        std::printf("%s\n", updated["calibration"].dump(1).c_str());
    } else {
        std::printf("%s: estimate -> %.1f + %.4f x (estimate - %.1f) %+.2f months, fitted on %zu training films; "
                    "their MAE %.3f -> %.3f months. Written to %s/model.json (the held-out metrics in the card were "
                    "measured without it: evaluate again).\n",
                    card.id.c_str(), c.centreMonths, c.slope, c.centreMonths, c.intercept, images.size(), before, after, dir.c_str());
    }
    return 0;
}

} // namespace boneage::cli
