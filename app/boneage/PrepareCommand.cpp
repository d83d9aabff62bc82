#include "CommandLine.h"
#include "Commands.h"
#include "LabelsCsv.h"

#include "anatomy/HandKeypoints.h"
#include "anatomy/Tw3Roi.h"
#include "common/OutputPath.h"
#include "imaging/InputError.h"
#include "imaging/Preprocessing.h"
#include "imaging/RadiographLoader.h"
#ifdef BONEAGE_WITH_TORCH
#include "inference/LandmarkModel.h"
#include "ModelsLocation.h"
#endif
#include "training/DatasetCache.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <filesystem>
#include <iostream>
#include <optional>

namespace boneage::cli {

int runPrepare(const std::vector<std::string>& args)
{
    const Arguments a(args, {"images", "labels", "recipe", "out", "limit", "keypoints", "models"}, {"overwrite"});
    const auto images = a.value("images"), labels = a.value("labels"), recipeName = a.value("recipe"),
               out = a.value("out");
    if (!images || !labels || !recipeName || !out) throw UsageError("--images, --labels, --recipe and --out are required");
    checkOutputFolder({*out, "--out", a.flag("overwrite"),
                       {{"--images", *images}, {"--labels", *labels}, {"--keypoints", a.value("keypoints").value_or("")}}},
                      datasetCacheOutput());
    PreprocessRecipe recipe;
    try {
        recipe = recipeByName(*recipeName);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (recipe.width <= 0 || recipe.height <= 0) throw UsageError("the recipe must have a fixed size for a cache");
    auto rows = readLabelsCsv(*labels);
    if (auto limit = a.value("limit")) {
        const auto n = static_cast<size_t>(parseNumber(*limit, "limit"));
        if (rows.size() > n) rows.resize(n);
    }

    // With --keypoints, only the annotated hands, their keypoints mapped into the prepared image.
    std::map<std::string, AnnotatedHand> hands;
    if (auto k = a.value("keypoints")) {
        for (auto& h : readCocoHandKeypoints(*k)) hands[h.id] = h;
        rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const LabelRow& r) { return !hands.count(r.id); }), rows.end());
        if (rows.empty()) throw std::runtime_error(*k + ": none of its images is in " + *labels);
    }

    // A recipe that aligns the hand runs the landmark model on every image (no hand: skipped).
#ifdef BONEAGE_WITH_TORCH
    std::optional<LandmarkModel> landmarks;
    if (recipe.needsKeypoints()) {
        const auto dir = LandmarkModel::find(modelsDirectory(a.value("models").value_or("")));
        if (!dir) throw std::runtime_error("recipe " + recipe.name + " needs the hand landmark model; none is installed");
        landmarks = LandmarkModel::load(*dir);
    }
#else
    if (recipe.needsKeypoints()) throw std::runtime_error("recipe " + recipe.name + " needs the hand landmark model (a build with LibTorch)");
#endif
    const auto start = std::chrono::steady_clock::now();
    DatasetCacheWriter writer(*out, recipe.width, recipe.height, recipe.toJson().dump(),
                              *images + " + " + *labels + (hands.empty() ? "" : " + " + *a.value("keypoints")));
    if (!hands.empty()) {
        std::string names;
        for (const auto& n : handKeypointNames()) names += (names.empty() ? "" : ",") + n;
        writer.setProperty("keypoints", names);
    }
    if (recipe.roiPatchSize > 0) writer.setRoiPatches(static_cast<int>(tw3RoiSchema().size()), recipe.roiPatchSize);
    size_t skipped = 0, done = 0;
    for (const auto& row : rows) {
        ++done;
        const std::string file = findLabelledImage(*images, row.id);
        if (file.empty()) {
            std::cerr << "skipped " << row.id << " (line " << row.line << "): no image named " << row.id << ".* in "
                      << *images << "\n";
            ++skipped;
            continue;
        }
        try {
            LoadOptions o;
            o.sex = row.male ? Sex::Male : Sex::Female;
            const Radiograph radiograph = loadRadiograph(file, o);
#ifdef BONEAGE_WITH_TORCH
            const PreparedImage p = prepareWithRecipe(radiograph, recipe, landmarks ? &*landmarks : nullptr);
#else
            const PreparedImage p = prepare(radiograph, recipe);
#endif
            CacheSample sample{row.id, static_cast<float>(row.boneAgeMonths), row.male, {}, 0, {}};
            if (const auto h = hands.find(row.id); h != hands.end()) {
                // Annotated on the original film; this file may be a resized copy (the 100 px set).
                const double sx = double(radiograph.width()) / h->second.width, sy = double(radiograph.height()) / h->second.height;
                sample.hand = h->second.side;
                for (const auto& k : h->second.points) {
                    const cv::Point2d q = p.geometry.fromSource({k.x * sx, k.y * sy});
                    sample.keypoints.push_back(k.visible ? static_cast<float>(q.x) : std::nanf(""));
                    sample.keypoints.push_back(k.visible ? static_cast<float>(q.y) : std::nanf(""));
                }
            }
            if (recipe.roiPatchSize > 0) {
                for (const std::uint8_t present : p.roiPresent) sample.roiPresent += present ? '1' : '0';
                const cv::Mat patches = p.roiPatches.isContinuous() ? p.roiPatches : p.roiPatches.clone();
                writer.add(sample, p.grey8.ptr<std::uint8_t>(), patches.ptr<std::uint8_t>());
            } else {
                writer.add(sample, p.grey8.ptr<std::uint8_t>());
            }
        } catch (const InputError& e) {
            std::cerr << "skipped " << row.id << ": " << e.what() << "\n";
            ++skipped;
        }
        if (done % 1000 == 0) std::cerr << "prepared " << done << " / " << rows.size() << "\n";
    }
    if (writer.size() == 0) throw std::runtime_error("no image could be prepared; nothing written");
    writer.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << nlohmann::json{{"cache", *out},     {"recipe", recipe.name}, {"samples", writer.size()},
                                {"skipped", skipped}, {"seconds", seconds}}
                     .dump()
              << "\n";
    return 0;
}

} // namespace boneage::cli
