#include "inference/Assessment.h"
#include "inference/LoadedPackages.h"
#include "inference/PreparedViews.h"

#include <torch/cuda.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <stdexcept>

namespace boneage {

std::optional<double> Assessment::boneAgeMonths() const
{
    if (ensemble) return ensemble->boneAgeMonths;
    if (!models.empty()) return models.front().estimate.boneAgeMonths;
    return std::nullopt;
}

std::optional<BoneAgeComparison> Assessment::comparison() const
{
    if (ensemble) return ensemble->comparison;
    if (!models.empty()) return models.front().comparison;
    return std::nullopt;
}

std::string Assessment::device() const
{
    return models.empty() ? std::string() : models.front().estimate.device;
}

std::vector<AttentionMap> Assessment::attentionMaps() const
{
    std::vector<AttentionMap> maps;
    for (const auto& m : models)
        if (m.estimate.attention) maps.push_back(*m.estimate.attention);
    return maps;
}

namespace {
double weightOf(const ModelAssessment& m, const std::map<std::string, double>& weights)
{
    std::string name = m.package;
    while (name.size() > 1 && name.back() == '/') name.pop_back();
    if (const auto slash = name.find_last_of('/'); slash != std::string::npos) name = name.substr(slash + 1);
    const auto it = weights.find(name);
    return it == weights.end() ? 1.0 : std::max(0.0, it->second);
}
} // namespace

double ensembleBoneAge(const std::vector<ModelAssessment>& models, const std::map<std::string, double>& weights)
{
    double sum = 0, total = 0, plain = 0;
    for (const auto& m : models) {
        const double w = weightOf(m, weights);
        sum += w * m.estimate.boneAgeMonths;
        total += w;
        plain += m.estimate.boneAgeMonths;
    }
    if (models.empty()) return 0;
    return total > 0 ? sum / total : plain / static_cast<double>(models.size());
}

std::string inferenceDevice() { return torch::cuda::is_available() ? "cuda" : "cpu"; }

bool Assessment::hasFlag(const std::string& code) const
{
    return std::any_of(reviewFlags.begin(), reviewFlags.end(), [&](const ReviewFlag& f) { return f.code == code; });
}

std::string chronologicalAgeProblemOf(const Radiograph& radiograph, std::optional<double> chronologicalAgeMonths)
{
    // Dates that contradict each other make any age of this study suspect, even one recorded beside
    // them (Patient's Age): the reader computes none from them (it warns); say why no SDS follows.
    const RadiographMetadata& m = radiograph.metadata;
    const std::optional<Date> exam = m.studyDate ? m.studyDate : m.acquisitionDate;
    if (m.birthDate && exam && monthsBetween(*m.birthDate, *exam) < 0)
        return "the study date (" + exam->toIso() + ") is before the birth date (" + m.birthDate->toIso() +
               "); correct the dates to compare the bone age with the chronological age";
    return chronologicalAgeMonths ? chronologicalAgeProblem(*chronologicalAgeMonths) : std::string();
}

namespace {

// The hand check before any estimate: the landmark model's verdict, or the absence of one.
std::optional<ReviewFlag> handFlag(const Assessment& a, bool landmarkPackageGiven)
{
    if (a.landmarks && a.landmarks->handFound) return std::nullopt;
    if (a.landmarks)
        return ReviewFlag{"no_hand", "no hand was recognised on this image (" + a.landmarks->problem +
                                         "); check that it is a hand radiograph, upright and uncropped"};
    return ReviewFlag{"hand_not_checked",
                      landmarkPackageGiven
                          ? "the hand landmark model could not be run, so the program could not check that the image shows a hand"
                          : "no hand landmark package is installed, so the program cannot check that the image shows a hand"};
}

} // namespace

Assessment assessRadiograph(const Radiograph& radiograph, Sex sex, const std::vector<std::string>& packages,
                            const AssessmentOptions& options)
{
    if (sex != Sex::Male && sex != Sex::Female)
        throw std::invalid_argument("the patient's sex is needed: bone age standards differ by sex");
    Assessment result;
    result.sex = sex;
    result.forced = options.forceWithoutHand;
    result.chronologicalAgeMonths = options.chronologicalAgeMonths ? options.chronologicalAgeMonths
                                                                   : radiograph.metadata.chronologicalAgeMonths;
    result.chronologicalAgeProblem = chronologicalAgeProblemOf(radiograph, result.chronologicalAgeMonths);
    const auto compare = [&](double boneAge) -> std::optional<BoneAgeComparison> {
        if (!result.chronologicalAgeMonths || !result.chronologicalAgeProblem.empty()) return std::nullopt;
        return compareWithChronologicalAge(boneAge, *result.chronologicalAgeMonths, sex);
    };
    const auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    const int total = static_cast<int>(packages.size()) + (options.landmarkPackage.empty() ? 0 : 1);
    int done = 0;

    // The packages for this sex, from their cards: with none, there is nothing to withhold.
    std::vector<std::string> applicable;
    for (const auto& package : packages) {
        try {
            if (readModelCard(package).appliesTo(sex)) applicable.push_back(package);
            else ++result.otherSexModels;   // the other sex's model of a per-sex pair
        } catch (const PackageError& e) {
            result.skippedPackages.push_back(e.what());
        }
    }
    if (applicable.empty()) {
        if (options.progress) options.progress(total, total, std::string());
        return result;
    }

    // The hand first: without one, no network is asked for a number.
    if (!options.landmarkPackage.empty()) {
        if (cancelled()) {
            result.cancelled = true;
            return result;
        }
        if (options.progress) options.progress(done, total, options.landmarkPackage);
        ++done;
        try {
            result.landmarks = LoadedPackages::landmarks(options.landmarkPackage).detect(radiograph);
        } catch (const PackageError& e) {
            result.skippedPackages.push_back(e.what());
        } catch (const std::exception& e) {
            result.skippedPackages.push_back(options.landmarkPackage + ": the landmark model failed (" + e.what() + ").");
        }
    }
    if (auto flag = handFlag(result, !options.landmarkPackage.empty())) {
        result.reviewFlags.push_back(*flag);
        if (!options.forceWithoutHand) {
            result.withheld = true;
            if (options.progress) options.progress(total, total, std::string());
            return result;
        }
    }

    // Every model reads its recipe's picture, each prepared once: the hand's view from the landmarks
    // found above (issue 17's one-way flow), the whole film for the older recipes.
    PreparedViews views(radiograph, result.landmarks ? &*result.landmarks : nullptr, options.forceWithoutHand);
    done += static_cast<int>(packages.size() - applicable.size());
    for (const auto& package : applicable) {
        if (cancelled()) {
            result.cancelled = true;
            return result;
        }
        if (options.progress) options.progress(done, total, package);
        ++done;
        try {
            double loadMs = 0;
            const InstalledModel model = LoadedPackages::model(
                package, options.testTimeAugmentation ? TestTimeAugmentation::FlipsAndShifts : TestTimeAugmentation::None, &loadMs);
            ModelAssessment m;
            const auto t0 = std::chrono::steady_clock::now();
            const PreparedImage& prepared = views.of(model.card().recipe);
            m.estimate = model.assessPrepared(prepared, sex, options.attentionMaps,
                                              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            m.package = package;
            m.weightsSha256 = model.card().weightsSha256;
            if (const std::string problem = boneAgeEstimateProblem(m.estimate.boneAgeMonths); !problem.empty()) {
                result.refusedEstimates.push_back({m.estimate.modelId, package, m.estimate.boneAgeMonths, problem});
                result.reviewFlags.push_back({"estimate_out_of_range", m.estimate.modelId + ": " + problem + "; the estimate is not used"});
                continue;
            }
            m.validationMae = model.card().validationMae;
            m.loadMilliseconds = loadMs;   // near 0 when the package was kept loaded from an earlier assessment
            m.comparison = compare(m.estimate.boneAgeMonths);
            result.models.push_back(std::move(m));
        } catch (const PackageError& e) {
            result.skippedPackages.push_back(e.what());
        } catch (const std::exception& e) {
            // One broken package never takes the others down (a LibTorch error, memory): skipped, with why.
            result.skippedPackages.push_back(package + ": the model failed (" + e.what() + ").");
        }
    }
    if (result.models.empty() && !result.refusedEstimates.empty()) {
        result.withheld = true;
        result.reviewFlags.push_back({"no_plausible_estimate", "no model gave an estimate within 0 to 20 years; no bone age is reported"});
    }

    // The fitted ensemble holds only for the packages it was fitted with, and only with its own weights.
    std::optional<std::map<std::string, double>> fittedWeights;
    if (!result.models.empty()) {
        if (!options.ensembleCalibration) {
            result.intervalNote = "no fitted ensemble is installed (models/ensemble.json), so there is no calibrated interval";
        } else if (!result.landmarks || !result.landmarks->handFound) {
            // A forced estimate read the whole film: the interval was calibrated on hands that were found.
            result.intervalNote = "the estimate was made without a recognised hand; the interval holds only for found hands";
        } else if (!options.ensembleWeights.empty()) {
            result.intervalNote = "the reader's own ensemble weights are set; the interval was calibrated for the fitted weights";
        } else {
            std::vector<std::pair<std::string, std::string>> run;
            for (const auto& m : result.models) run.emplace_back(packageFolderName(m.package), m.weightsSha256);
            const std::string sexCode = sex == Sex::Male ? "M" : "F";
            result.intervalNote = ensembleMismatch(*options.ensembleCalibration, sexCode, run);
            if (result.intervalNote.empty()) fittedWeights = options.ensembleCalibration->weightsFor(sexCode);
            else result.intervalNote = "no calibrated interval: " + result.intervalNote + " (fit it again: boneage ensemble fit)";
        }
    }

    if (result.models.size() > 1) {
        std::vector<double> ages;
        for (const auto& m : result.models) ages.push_back(m.estimate.boneAgeMonths);
        EnsembleEstimate e;
        e.models = ages.size();
        std::map<std::string, double> estimates;
        for (const auto& m : result.models) estimates[packageFolderName(m.package)] = m.estimate.boneAgeMonths;
        const std::optional<double> fitted = fittedWeights ? weightedEstimate(estimates, *fittedWeights) : std::nullopt;
        if (fitted) {
            e.boneAgeMonths = *fitted;
            e.fitted = true;
        } else if (options.ensembleWeights.empty()) {
            e.boneAgeMonths = std::accumulate(ages.begin(), ages.end(), 0.0) / static_cast<double>(ages.size());
        } else {
            e.boneAgeMonths = ensembleBoneAge(result.models, options.ensembleWeights);
            for (const auto& m : result.models) e.weighted = e.weighted || weightOf(m, options.ensembleWeights) != 1.0;
        }
        const auto [lo, hi] = std::minmax_element(ages.begin(), ages.end());
        e.spreadMonths = *hi - *lo;
        e.comparison = compare(e.boneAgeMonths);
        result.ensemble = e;
    }
    if (fittedWeights && result.boneAgeMonths()) {
        result.interval = options.ensembleCalibration->intervalAround(*result.boneAgeMonths());
        if (options.maxIntervalWidthMonths > 0 && result.interval->widthMonths() > options.maxIntervalWidthMonths) {
            char text[200];
            std::snprintf(text, sizeof text, "the %.0f %% interval is %.1f months wide, more than the %.1f months set as the limit; the models are unsure of this case",
                          100 * result.interval->nominal, result.interval->widthMonths(), options.maxIntervalWidthMonths);
            result.reviewFlags.push_back({"interval_too_wide", text});
        }
    }
    if (options.progress) options.progress(done, total, std::string());
    return result;
}

} // namespace boneage
