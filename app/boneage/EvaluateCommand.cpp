// `boneage evaluate`: a model package against labelled cases, with the metrics the field reports.
#include "CommandLine.h"
#include "Commands.h"
#include "LabelsCsv.h"
#include "OpenMpWaiting.h"
#include "PackageCache.h"

#include "common/AtomicFile.h"
#include "common/OutputPath.h"
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

namespace {

const std::vector<std::string> kReportFiles = {"metrics.json", "cumulative-accuracy.csv", "predictions.csv"};

// The packages answering for one case: those whose sex applies (a per-sex pair gives one each).
std::vector<size_t> applicable(const std::vector<InstalledModel>& models, bool male)
{
    std::vector<size_t> out;
    for (size_t k = 0; k < models.size(); ++k)
        if (models[k].card().appliesTo(male ? Sex::Male : Sex::Female)) out.push_back(k);
    return out;
}

} // namespace

int runEvaluate(const std::vector<std::string>& args)
{
    const Arguments a(args, {"model", "data", "ids", "images", "labels", "report"}, {"json", "no-tta", "overwrite"});
    const std::vector<std::string> modelDirs = a.values("model");
    if (modelDirs.empty()) throw UsageError("--model is required");
    const bool fromCache = a.value("data").has_value();
    if (fromCache == (a.value("images").has_value() || a.value("labels").has_value()))
        throw UsageError("give either --data CACHE or --images DIR --labels CSV");
    if (const auto report = a.value("report")) {
        std::vector<std::pair<std::string, std::string>> inputs;
        for (const auto& dir : modelDirs) inputs.emplace_back("--model", dir);
        for (const char* option : {"data", "ids", "images", "labels"})
            if (const auto v = a.value(option)) inputs.emplace_back(std::string("--") + option, *v);
        checkOutputFiles({*report, "--report", a.flag("overwrite"), inputs}, kReportFiles);
    }
    restartWithPassiveOpenMpWaiting("boneage", "evaluate", args);
    // Several --model: each case is assessed by the packages that apply to its sex (the mean where
    // more than one does), so a per-sex pair is evaluated as the one model it is.
    std::vector<InstalledModel> models;
    std::string modelId;
    for (const auto& dir : modelDirs) {
        models.push_back(InstalledModel::load(dir));
        if (a.flag("no-tta")) models.back().setTestTimeAugmentation(TestTimeAugmentation::None);
        modelId += (modelId.empty() ? "" : "+") + models.back().card().id;
    }

    std::vector<std::string> ids;
    std::vector<double> predicted, reference;
    std::vector<bool> male;
    size_t skipped = 0;
    if (fromCache) {
        const DatasetCache cache = DatasetCache::open(*a.value("data"));
        for (const auto& model : models)
            requirePackageRecipe(cache, *a.value("data"), model.card(), " or evaluate with --images/--labels");
        std::set<std::string> only;
        if (auto idsFile = a.value("ids")) only = readIdList(*idsFile);
        std::vector<size_t> rows;
        for (size_t i = 0; i < cache.size(); ++i) {
            if (!only.empty() && !only.count(cache.sample(i).id)) continue;
            if (applicable(models, cache.sample(i).male).empty()) { ++skipped; continue; }
            rows.push_back(i);
            ids.push_back(cache.sample(i).id);
            reference.push_back(cache.sample(i).boneAgeMonths);
            male.push_back(cache.sample(i).male);
        }
        if (rows.empty()) throw std::runtime_error("no case of the cache is selected (or none has a model of its sex)");
        predicted.assign(rows.size(), 0.0);
        std::vector<int> answers(rows.size(), 0);
        for (size_t k = 0; k < models.size(); ++k) {
            std::vector<const std::uint8_t*> images;
            std::vector<bool> sexes;
            std::vector<size_t> where;
            for (size_t r = 0; r < rows.size(); ++r)
                if (models[k].card().appliesTo(male[r] ? Sex::Male : Sex::Female)) {
                    images.push_back(cache.image(rows[r]));
                    sexes.push_back(male[r]);
                    where.push_back(r);
                }
            if (images.empty()) continue;
            const std::vector<double> p = models[k].predictPrepared(images, cache.width(), cache.height(), sexes);
            for (size_t j = 0; j < where.size(); ++j) {
                predicted[where[j]] += p[j];
                ++answers[where[j]];
            }
        }
        for (size_t r = 0; r < rows.size(); ++r) predicted[r] /= answers[r];
    } else {
        const auto rows = readLabelsCsv(*a.value("labels"));
        for (const auto& row : rows) {
            const std::string file = findLabelledImage(*a.value("images"), row.id);
            const std::vector<size_t> which = applicable(models, row.male);
            if (which.empty()) { ++skipped; continue; }
            try {
                if (file.empty()) throw InputError(InputError::Reason::NotFound, row.id + ": no image");
                LoadOptions o;
                o.sex = row.male ? Sex::Male : Sex::Female;
                const Radiograph radiograph = loadRadiograph(file, o);
                double sum = 0;
                for (size_t k : which) sum += models[k].assess(radiograph, *o.sex).boneAgeMonths;
                ids.push_back(row.id);
                predicted.push_back(sum / double(which.size()));
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
        j["model"] = modelId;
        j["skipped"] = skipped;
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    std::printf("%s on %zu cases (%zu skipped: unreadable or no model of their sex)\n", modelId.c_str(), ids.size(), skipped);
    // A per-sex package has no cases of the other sex: say so instead of printing nan.
    const auto bySex = [](const char* sex, const auto& g) {
        char text[64];
        if (g.count) std::snprintf(text, sizeof text, "%s MAE %.2f (n=%zu)", sex, g.mae, g.count);
        else std::snprintf(text, sizeof text, "no %s cases", sex);
        return std::string(text);
    };
    std::printf("  MAE %.2f months, RMSE %.2f; %s, %s\n", m.all.mae, m.all.rmse, bySex("male", m.male).c_str(),
                bySex("female", m.female).c_str());
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
