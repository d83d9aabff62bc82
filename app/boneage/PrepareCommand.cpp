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
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

namespace boneage::cli {

int runPrepare(const std::vector<std::string>& args)
{
    const Arguments a(args, {"images", "labels", "recipe", "out", "limit", "keypoints", "models", "jobs"}, {"overwrite"});
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

    // --jobs N: N films at a time, each worker with its own landmark model and one LibTorch thread (a
    // film's networks are too small for LibTorch's intra-op threads to fill two cores: one process
    // used 1.0 core of 2 here). The cache is written in the label file's order whatever N, so the same
    // films give the same cache. Default: one worker per core, at most 8.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const int jobs = a.value("jobs") ? static_cast<int>(parseNumber(*a.value("jobs"), "jobs")) : static_cast<int>(std::min(cores, 8u));
    if (jobs < 1 || jobs > 64) throw UsageError("--jobs must be 1 to 64");
    // No more workers than films: each worker loads its own landmark model.
    const int workers = static_cast<int>(std::min<size_t>(static_cast<size_t>(jobs), std::max<size_t>(rows.size(), 1)));

    // A recipe that aligns the hand runs the landmark model on every image (no hand: skipped).
#ifdef BONEAGE_WITH_TORCH
    std::vector<std::optional<LandmarkModel>> landmarks(static_cast<size_t>(workers));
    if (recipe.needsKeypoints()) {
        const auto dir = LandmarkModel::find(modelsDirectory(a.value("models").value_or("")));
        if (!dir) throw std::runtime_error("recipe " + recipe.name + " needs the hand landmark model; none is installed");
        for (auto& l : landmarks) l = LandmarkModel::load(*dir);
    }
    // Restored on the way out: a workspace training job prepares its caches in its own process and
    // trains there next, with the threads it had.
    struct ThreadsRestored {
        int before = inferenceThreads();
        ~ThreadsRestored() { setInferenceThreads(before); }
    } threadsRestored;
    if (workers > 1 && recipe.needsKeypoints()) setInferenceThreads(1);
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

    // One film: its prepared picture and cache row, or why it was skipped.
    struct Prepared {
        std::optional<CacheSample> sample;
        cv::Mat grey8, patches;
        std::string skipped;
    };
    const auto prepareOne = [&](const LabelRow& row, int worker) {
        Prepared result;
        const std::string file = findLabelledImage(*images, row.id);
        if (file.empty()) {
            result.skipped = row.id + " (line " + std::to_string(row.line) + "): no image named " + row.id + ".* in " + *images;
            return result;
        }
        try {
            LoadOptions o;
            o.sex = row.male ? Sex::Male : Sex::Female;
            const Radiograph radiograph = loadRadiograph(file, o);
#ifdef BONEAGE_WITH_TORCH
            const auto& model = landmarks[static_cast<size_t>(worker)];
            const PreparedImage p = prepareWithRecipe(radiograph, recipe, model ? &*model : nullptr);
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
                result.patches = p.roiPatches.isContinuous() ? p.roiPatches : p.roiPatches.clone();
            }
            result.grey8 = p.grey8.isContinuous() ? p.grey8 : p.grey8.clone();
            result.sample = std::move(sample);
        } catch (const InputError& e) {
            result.skipped = row.id + ": " + e.what();
        }
        return result;
    };

    size_t skipped = 0, done = 0;
    const size_t chunk = 16 * static_cast<size_t>(workers);
    for (size_t first = 0; first < rows.size(); first += chunk) {
        const size_t n = std::min(chunk, rows.size() - first);
        std::vector<Prepared> results(n);
        std::atomic<size_t> next{0};
        std::vector<std::exception_ptr> failures(static_cast<size_t>(workers));
        const auto work = [&](int worker) {
            try {
                for (size_t i; (i = next++) < n;) results[i] = prepareOne(rows[first + i], worker);
            } catch (...) {
                failures[static_cast<size_t>(worker)] = std::current_exception();
                next = n;
            }
        };
        if (workers == 1) {
            work(0);
        } else {
            std::vector<std::thread> threads;
            for (int w = 0; w < workers; ++w) threads.emplace_back(work, w);
            for (auto& t : threads) t.join();
        }
        for (const auto& f : failures)
            if (f) std::rethrow_exception(f);
        for (const Prepared& r : results) {
            ++done;
            if (r.sample) {
                if (recipe.roiPatchSize > 0) writer.add(*r.sample, r.grey8.ptr<std::uint8_t>(), r.patches.ptr<std::uint8_t>());
                else writer.add(*r.sample, r.grey8.ptr<std::uint8_t>());
            } else {
                std::cerr << "skipped " << r.skipped << "\n";
                ++skipped;
            }
            if (done % 1000 == 0) std::cerr << "prepared " << done << " / " << rows.size() << "\n";
        }
    }
    if (writer.size() == 0) throw std::runtime_error("no image could be prepared; nothing written");
    writer.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << nlohmann::json{{"cache", *out},     {"recipe", recipe.name}, {"samples", writer.size()},
                                {"skipped", skipped}, {"seconds", seconds}, {"jobs", workers}}
                     .dump()
              << "\n";
    return 0;
}

} // namespace boneage::cli
