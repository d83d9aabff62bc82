// `boneage evaluate`: a model package against labelled cases, with the metrics the field reports.
#include "CommandLine.h"
#include "Commands.h"
#include "LabelsCsv.h"
#include "OpenMpWaiting.h"

#include "common/AtomicFile.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/ModelPackage.h"
#include "training/DatasetCache.h"
#include "training/Metrics.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace boneage::cli {

int runEvaluate(const std::vector<std::string>& args)
{
    const Arguments a(args, {"model", "data", "ids", "images", "labels", "report"}, {"json"});
    const auto modelDir = a.value("model");
    if (!modelDir) throw UsageError("--model is required");
    const bool fromCache = a.value("data").has_value();
    if (fromCache == (a.value("images").has_value() || a.value("labels").has_value()))
        throw UsageError("give either --data CACHE or --images DIR --labels CSV");
    restartWithPassiveOpenMpWaiting("boneage", "evaluate", args);
    const InstalledModel model = InstalledModel::load(*modelDir);

    std::vector<std::string> ids;
    std::vector<double> predicted, reference;
    std::vector<bool> male;
    size_t skipped = 0;
    if (fromCache) {
        const DatasetCache cache = DatasetCache::open(*a.value("data"));
        const nlohmann::json cacheRecipe = nlohmann::json::parse(cache.recipeJson(), nullptr, false);
        if (cacheRecipe != model.card().recipe.toJson())
            throw std::runtime_error(*a.value("data") + " was prepared with recipe '" + cacheRecipe.value("name", "?") +
                                     "' but the model reads '" + model.card().recipe.name +
                                     "'; prepare the cache with --recipe " + model.card().recipe.name +
                                     " or evaluate with --images/--labels.");
        std::set<std::string> only;
        if (auto idsFile = a.value("ids")) {
            std::ifstream in(*idsFile);
            if (!in) throw std::runtime_error(*idsFile + ": cannot be read");
            for (std::string line; std::getline(in, line);)
                if (!line.empty()) only.insert(line);
        }
        std::vector<const std::uint8_t*> images;
        for (size_t i = 0; i < cache.size(); ++i) {
            if (!only.empty() && !only.count(cache.sample(i).id)) continue;
            images.push_back(cache.image(i));
            ids.push_back(cache.sample(i).id);
            reference.push_back(cache.sample(i).boneAgeMonths);
            male.push_back(cache.sample(i).male);
        }
        if (images.empty()) throw std::runtime_error("no case of the cache is selected");
        predicted = model.predictPrepared(images, cache.width(), cache.height(), male);
    } else {
        const auto rows = readLabelsCsv(*a.value("labels"));
        for (const auto& row : rows) {
            std::string file;
            for (const char* ext : {".png", ".jpg", ".jpeg", ".dcm", ".tif", ".tiff", ""}) {
                const auto p = std::filesystem::path(*a.value("images")) / (row.id + ext);
                if (std::filesystem::is_regular_file(p)) { file = p.string(); break; }
            }
            try {
                if (file.empty()) throw InputError(InputError::Reason::NotFound, row.id + ": no image");
                LoadOptions o;
                o.sex = row.male ? Sex::Male : Sex::Female;
                const BoneAgeEstimate e = model.assess(loadRadiograph(file, o), *o.sex);
                ids.push_back(row.id);
                predicted.push_back(e.boneAgeMonths);
                reference.push_back(row.boneAgeMonths);
                male.push_back(row.male);
            } catch (const InputError& e) {
                std::cerr << "skipped " << row.id << ": " << e.what() << "\n";
                ++skipped;
            }
        }
        if (ids.empty()) throw std::runtime_error("no labelled image could be read");
    }

    const EvaluationMetrics m = evaluateBoneAge(predicted, reference, male);
    if (auto report = a.value("report")) {
        std::filesystem::create_directories(*report);
        writeTextAtomically(*report + "/metrics.json", toJson(m) + "\n");
        writeTextAtomically(*report + "/cumulative-accuracy.csv", cumulativeCsv(m));
        std::ostringstream p;
        p << "id,male,reference_months,predicted_months,difference_months\n";
        for (size_t i = 0; i < ids.size(); ++i)
            p << ids[i] << ',' << (male[i] ? 1 : 0) << ',' << reference[i] << ',' << predicted[i] << ','
              << predicted[i] - reference[i] << '\n';
        writeTextAtomically(*report + "/predictions.csv", p.str());
    }
    if (a.flag("json")) {
        nlohmann::json j = nlohmann::json::parse(toJson(m));
        j["model"] = model.card().id;
        j["skipped"] = skipped;
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::printf("%s on %zu cases (%zu skipped)\n", model.card().id.c_str(), ids.size(), skipped);
    std::printf("  MAE %.2f months, RMSE %.2f; male MAE %.2f (n=%zu), female MAE %.2f (n=%zu)\n", m.all.mae, m.all.rmse,
                m.male.mae, m.male.count, m.female.mae, m.female.count);
    std::printf("  within 6 months %.1f %%, 12 months %.1f %%, 24 months %.1f %%\n", 100 * m.within6, 100 * m.within12,
                100 * m.within24);
    std::printf("  Bland-Altman: mean difference %+.2f months, limits of agreement %+.2f to %+.2f\n", m.meanDifference,
                m.lowerLimit, m.upperLimit);
    std::printf("  by age group (years):");
    for (const auto& g : m.byAgeGroup)
        if (g.errors.count) std::printf(" %d-%d: %.1f (n=%zu);", g.fromYears, g.toYears, g.errors.mae, g.errors.count);
    std::printf("\n");
    return 0;
}

} // namespace boneage::cli
