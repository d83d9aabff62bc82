// `boneage evaluate`: a model package against labelled cases, with the metrics the field reports.
#include "CommandLine.h"
#include "Commands.h"
#include "LabelsCsv.h"
#include "OpenMpWaiting.h"
#include "PackageCache.h"

#include "common/AtomicFile.h"
#include "common/OutputPath.h"
#include "imaging/Framing.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/EnsembleCalibration.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"
#include "inference/PreparedViews.h"
#include "ModelsLocation.h"
#include "training/DatasetCache.h"
#include "training/Metrics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>

namespace boneage::cli {

namespace {

const std::vector<std::string> kReportFiles = {"metrics.json", "cumulative-accuracy.csv", "predictions.csv", "framing.csv"};

// Issue 17's target for the estimate's movement with the framing: median and 90th percentile of
// |framed - original|, months.
constexpr double kFramingMedianLimit = 3.0, kFramingP90Limit = 6.0;

double quantile(std::vector<double> v, double q)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double pos = q * double(v.size() - 1);
    const auto lo = static_cast<size_t>(pos);
    const size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
}

struct FramingRow {
    std::string id;
    Framing framing;
    double original, framed;
    bool handFound = true;   // false: the framed copy's hand was not found (framed is then meaningless)
};

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
    const Arguments a(args, {"model", "models", "data", "ids", "images", "labels", "report", "landmarks", "ensemble", "max-interval-months", "framings"},
                      {"json", "no-tta", "overwrite", "framing"});
    // --framing: every framing (Framing.h); --framings NAME,...: those named.
    std::vector<Framing> framings;
    if (a.flag("framing")) framings = allFramings();
    if (const auto names = a.value("framings")) {
        framings.clear();
        std::stringstream list(*names);
        for (std::string name; std::getline(list, name, ',');) {
            const auto f = framingFromString(name);
            if (!f) {
                std::string known;
                for (Framing g : allFramings()) known += std::string(known.empty() ? "" : ", ") + toString(g);
                throw UsageError("--framings: unknown framing '" + name + "' (known: " + known + ")");
            }
            framings.push_back(*f);
        }
    }
    const bool framing = !framings.empty();
    if (framing && a.value("data")) throw UsageError("--framing needs films (--images/--labels), not a prepared cache");
    // --models DIR: exactly what `assess --models DIR` runs: every package there, its landmark
    // package and its fitted ensemble (models/ensemble.json) when present.
    const std::optional<std::string> installed = a.value("models");
    if (installed && !a.values("model").empty()) throw UsageError("give either --models DIR or --model PACKAGE..., not both");
    const std::vector<std::string> modelDirs = installed ? findModelPackages(*installed) : a.values("model");
    if (modelDirs.empty())
        throw UsageError(installed ? "no model packages found in " + *installed : std::string("--model (or --models DIR) is required"));
    std::optional<double> maxInterval;
    if (const auto v = a.value("max-interval-months")) {
        maxInterval = parseNumber(*v, "max-interval-months");
        if (!(*maxInterval > 0)) throw UsageError("--max-interval-months must be a positive number of months");
    }
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
    std::vector<std::string> folders;
    for (const auto& dir : modelDirs) {
        if (std::find(folders.begin(), folders.end(), packageFolderName(dir)) != folders.end())
            throw UsageError("two --model packages are both named '" + packageFolderName(dir) + "': each package's estimate is reported by its folder name");
        folders.push_back(packageFolderName(dir));
    }
    // --ensemble FILE: the fitted weights instead of the plain mean, and the interval's coverage.
    std::optional<EnsembleCalibration> ensemble;
    std::optional<std::string> ensembleFile = a.value("ensemble");
    if (!ensembleFile && installed) ensembleFile = findEnsembleCalibration(*installed);
    if (const auto file = ensembleFile) {
        ensemble = readEnsembleCalibration(*file);
        for (const auto& member : ensemble->members)
            if (std::find(folders.begin(), folders.end(), member.package) == folders.end())
                throw UsageError("--ensemble fits '" + member.package + "', which is not among the --model packages");
    }
    // One case's estimate from its packages' estimates (by folder name): fitted weights, else the mean.
    const auto combine = [&](const std::map<std::string, double>& estimates, bool isMale) {
        if (ensemble)
            if (const auto e = weightedEstimate(estimates, ensemble->weightsFor(isMale ? "M" : "F"))) return *e;
        double sum = 0;
        for (const auto& [name, v] : estimates) sum += v;
        return sum / double(std::max<std::size_t>(1, estimates.size()));
    };

    // A package that reads the hand's view needs the landmark model, as assess does: --landmarks, or
    // the installed one.
    std::optional<LandmarkModel> landmarks;
    const bool needsHand = std::any_of(models.begin(), models.end(), [](const InstalledModel& m) { return m.card().recipe.needsKeypoints(); });
    if (needsHand && !fromCache) {
        std::optional<std::string> dir = a.value("landmarks");
        if (!dir) dir = LandmarkModel::find(installed ? *installed : modelsDirectory());
        if (!dir) throw std::runtime_error("a package reads the hand found by the landmark model and none is installed: give --landmarks PACKAGE");
        landmarks = LandmarkModel::load(*dir);
    }

    std::vector<std::string> ids;
    std::vector<double> predicted, reference;
    std::vector<bool> male;
    std::vector<std::map<std::string, double>> perModel;   // each case's estimate by package folder
    size_t skipped = 0, noHand = 0;   // noHand: flagged "no hand" by assess (no estimate), counted apart
    size_t readInverted = 0;          // films the landmark model read inverted (an inverted export)
    size_t toneStretched = 0;         // films whose hand was read on their stretched tone (LandmarkModel.h)
    size_t readInHalf = 0;            // films whose hand was read in one half (a film of both hands)
    std::vector<FramingRow> framed;
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
        perModel.assign(rows.size(), {});
        for (size_t k = 0; k < models.size(); ++k) {
            std::vector<const std::uint8_t*> images, rois;
            std::vector<bool> sexes;
            std::vector<size_t> where;
            for (size_t r = 0; r < rows.size(); ++r)
                if (models[k].card().appliesTo(male[r] ? Sex::Male : Sex::Female)) {
                    images.push_back(cache.image(rows[r]));
                    if (cache.roiPatchSize() > 0) rois.push_back(cache.roiPatches(rows[r]));
                    sexes.push_back(male[r]);
                    where.push_back(r);
                }
            if (images.empty()) continue;
            if (models[k].readsRoiPatches() && rois.empty())
                throw std::runtime_error(*a.value("data") + ": " + folders[k] + " reads the 18 TW3 ROI patches and the cache has none "
                                         "(prepare it with the model's recipe)");
            const std::vector<double> p = models[k].predictPrepared(images, cache.width(), cache.height(), sexes, rois,
                                                                    cache.roiPatchSize() > 0 ? cache.roiPatchSize() : 64);
            for (size_t j = 0; j < where.size(); ++j) perModel[where[j]][folders[k]] = p[j];
        }
        for (size_t r = 0; r < rows.size(); ++r) predicted.push_back(combine(perModel[r], male[r]));
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
                // As assess: the hand found once, each recipe's picture prepared once, every model reads it.
                bool inverted = false, stretched = false, half = false;
                const auto estimates = [&](const Radiograph& r) {
                    const std::optional<HandLandmarks> hand = landmarks ? std::optional<HandLandmarks>(landmarks->detect(r)) : std::nullopt;
                    inverted = hand && hand->readInverted;
                    stretched = hand && hand->toneStretchGamma > 0;
                    half = hand && hand->readRegion != "film";
                    PreparedViews views(r, hand ? &*hand : nullptr);
                    std::map<std::string, double> each;
                    for (size_t k : which) each[folders[k]] = models[k].assessPrepared(views.of(models[k].card().recipe), *o.sex).boneAgeMonths;
                    return each;
                };
                const auto estimate = [&](const Radiograph& r) { return combine(estimates(r), row.male); };
                const std::map<std::string, double> each = estimates(radiograph);
                if (inverted) ++readInverted;
                if (stretched) ++toneStretched;
                if (half) ++readInHalf;
                const double original = combine(each, row.male);
                if (framing)
                    for (Framing f : framings) {
                        try {
                            framed.push_back({row.id, f, original, estimate(reframe(radiograph, f))});
                        } catch (const InputError& e) {
                            if (e.reason() != InputError::Reason::NoHand) throw;
                            framed.push_back({row.id, f, original, original, false});
                        }
                    }
                ids.push_back(row.id);
                perModel.push_back(each);
                predicted.push_back(original);
                reference.push_back(row.boneAgeMonths);
                male.push_back(row.male);
            } catch (const InputError& e) {
                std::cerr << "skipped " << row.id << ": " << e.what() << "\n";
                if (e.reason() == InputError::Reason::NoHand) ++noHand;
                else ++skipped;
            }
        }
        if (ids.empty()) throw std::runtime_error("no labelled image could be read");
    }

    const EvaluationMetrics m = evaluateBoneAge(predicted, reference, male);
    // The interval of the fitted ensemble: the share of cases whose reference lies inside it.
    nlohmann::json intervalJson;
    size_t intervalTooWide = 0;
    if (ensemble) {
        std::vector<double> widths;
        size_t inside = 0, tooWide = 0;
        for (size_t i = 0; i < ids.size(); ++i) {
            const PredictionInterval pi = ensemble->intervalAround(predicted[i]);
            widths.push_back(pi.widthMonths());
            inside += reference[i] >= pi.lowerMonths && reference[i] <= pi.upperMonths ? 1 : 0;
            tooWide += maxInterval && pi.widthMonths() > *maxInterval ? 1 : 0;
        }
        intervalTooWide = tooWide;
        intervalJson = {{"nominal", ensemble->nominal}, {"coverage", std::round(10000.0 * double(inside) / double(ids.size())) / 10000},
                        {"median_width_months", std::round(quantile(widths, 0.5) * 100) / 100}, {"n", ids.size()}};
    }
    // The estimate's movement with the framing, per framing (issue 17's target: median <= 3, p90 <= 6).
    nlohmann::json framingJson = nlohmann::json::object();
    bool framingMet = true;
    for (Framing f : framings) {
        std::vector<double> moved;
        size_t noHand = 0;
        for (const FramingRow& r : framed)
            if (r.framing == f) {
                if (r.handFound) moved.push_back(std::abs(r.framed - r.original));
                else ++noHand;
            }
        // A framed copy whose hand is lost is no estimate that stayed put: it fails the target.
        framingMet = framingMet && noHand == 0;
        if (moved.empty()) continue;
        const double median = quantile(moved, 0.5), p90 = quantile(moved, 0.9);
        framingMet = framingMet && median <= kFramingMedianLimit && p90 <= kFramingP90Limit;
        framingJson[toString(f)] = {{"median_months", std::round(median * 100) / 100}, {"p90_months", std::round(p90 * 100) / 100},
                                    {"max_months", std::round(quantile(moved, 1.0) * 100) / 100}, {"n", moved.size()},
                                    {"no_hand", noHand}};
    }
    if (auto report = a.value("report")) {
        std::filesystem::create_directories(*report);
        writeTextAtomically(*report + "/metrics.json", toJson(m) + "\n");
        writeTextAtomically(*report + "/cumulative-accuracy.csv", cumulativeCsv(m));
        std::ostringstream p;
        // Then each package's own estimate (empty where it does not apply): `boneage ensemble fit` reads them.
        p << "id,male,reference_months,predicted_months,difference_months";
        for (const auto& f : folders) p << ",estimate_" << f;
        if (ensemble) p << ",lower_months,upper_months";
        p << '\n';
        for (size_t i = 0; i < ids.size(); ++i) {
            p << ids[i] << ',' << (male[i] ? 1 : 0) << ',' << reference[i] << ',' << predicted[i] << ','
              << predicted[i] - reference[i];
            for (const auto& f : folders) {
                p << ',';
                if (const auto it = perModel[i].find(f); it != perModel[i].end()) p << it->second;
            }
            if (ensemble) {
                const PredictionInterval pi = ensemble->intervalAround(predicted[i]);
                p << ',' << pi.lowerMonths << ',' << pi.upperMonths;
            }
            p << '\n';
        }
        writeTextAtomically(*report + "/predictions.csv", p.str());
        if (framing) {
            std::ostringstream f;
            f << "id,framing,original_months,framed_months,moved_months\n";
            for (const FramingRow& r : framed) {
                f << r.id << ',' << toString(r.framing) << ',' << r.original << ',';
                if (r.handFound) f << r.framed << ',' << r.framed - r.original << '\n';
                else f << "no hand,\n";
            }
            writeTextAtomically(*report + "/framing.csv", f.str());
        }
    }
    if (a.flag("json")) {
        nlohmann::json j = nlohmann::json::parse(toJson(m));
        j["model"] = modelId;
        j["skipped"] = skipped;
        if (a.value("images")) {
            j["read_inverted"] = readInverted;
            j["tone_stretched"] = toneStretched;
            j["read_in_half"] = readInHalf;
        }
        if (ensemble) j["interval"] = intervalJson;
        // What assess would flag "review required" among the labelled films it could read.
        const size_t assessed = ids.size() + noHand, flagged = noHand + intervalTooWide;
        j["flagged"] = {{"cases", assessed}, {"no_hand", noHand}, {"interval_too_wide", intervalTooWide},
                        {"share", assessed ? std::round(10000.0 * double(flagged) / double(assessed)) / 10000 : 0.0}};
        if (framing) {
            j["framing"] = framingJson;
            j["framing"]["target"] = {{"median_months", kFramingMedianLimit}, {"p90_months", kFramingP90Limit}, {"met", framingMet}};
        }
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    std::printf("%s on %zu cases (%zu skipped: unreadable or no model of their sex; %zu flagged: no hand)\n", modelId.c_str(), ids.size(),
                skipped, noHand);
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
    if (ensemble)
        std::printf("  fitted ensemble: %.0f %% interval covers %.1f %% of the cases (median width %.1f months)\n",
                    100 * ensemble->nominal, 100 * intervalJson["coverage"].get<double>(), intervalJson["median_width_months"].get<double>());
    std::printf("  by age group (years):");
    for (const auto& g : m.byAgeGroup)
        if (g.errors.count) std::printf(" %d-%d: %.1f (n=%zu);", g.fromYears, g.toYears, g.errors.mae, g.errors.count);
    std::printf("\n");
    if (framing) {
        std::printf("  estimate moved by the framing (|framed - original|, months; target: median <= %.0f, 90th percentile <= %.0f):\n",
                    kFramingMedianLimit, kFramingP90Limit);
        for (const auto& [name, v] : framingJson.items())
            std::printf("    %-12s median %5.2f, 90th percentile %5.2f, max %6.2f (n=%d%s)\n", name.c_str(),
                        v["median_months"].get<double>(), v["p90_months"].get<double>(), v["max_months"].get<double>(),
                        v["n"].get<int>(), v["no_hand"].get<int>() ? (", hand lost on " + std::to_string(v["no_hand"].get<int>())).c_str() : "");
        std::printf("  %s\n", framingMet ? "the framing target is met" : "the framing target is NOT met");
    }
    return 0;
}

} // namespace boneage::cli
