#include "inference/Assessment.h"

#include <torch/cuda.h>

#include <algorithm>
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

Assessment assessRadiograph(const Radiograph& radiograph, Sex sex, const std::vector<std::string>& packages,
                            const AssessmentOptions& options)
{
    if (sex != Sex::Male && sex != Sex::Female)
        throw std::invalid_argument("the patient's sex is needed: bone age standards differ by sex");
    Assessment result;
    result.sex = sex;
    result.chronologicalAgeMonths = options.chronologicalAgeMonths ? options.chronologicalAgeMonths
                                                                   : radiograph.metadata.chronologicalAgeMonths;
    const auto compare = [&](double boneAge) -> std::optional<BoneAgeComparison> {
        if (!result.chronologicalAgeMonths) return std::nullopt;
        return compareWithChronologicalAge(boneAge, *result.chronologicalAgeMonths, sex);
    };
    const auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    const int total = static_cast<int>(packages.size()) + (options.landmarkPackage.empty() ? 0 : 1);
    int done = 0;

    for (const auto& package : packages) {
        if (cancelled()) {
            result.cancelled = true;
            return result;
        }
        if (options.progress) options.progress(done, total, package);
        ++done;
        try {
            if (!readModelCard(package).appliesTo(sex)) {   // the other sex's model of a per-sex pair
                ++result.otherSexModels;
                continue;
            }
            InstalledModel model = InstalledModel::load(package);
            model.setTestTimeAugmentation(options.testTimeAugmentation ? TestTimeAugmentation::FlipsAndShifts
                                                                       : TestTimeAugmentation::None);
            ModelAssessment m;
            m.estimate = model.assess(radiograph, sex, options.attentionMaps);
            m.package = package;
            m.validationMae = model.card().validationMae;
            m.loadMilliseconds = model.loadMilliseconds();
            m.comparison = compare(m.estimate.boneAgeMonths);
            result.models.push_back(std::move(m));
        } catch (const PackageError& e) {
            result.skippedPackages.push_back(e.what());
        }
    }

    if (result.models.size() > 1) {
        std::vector<double> ages;
        for (const auto& m : result.models) ages.push_back(m.estimate.boneAgeMonths);
        EnsembleEstimate e;
        e.models = ages.size();
        if (options.ensembleWeights.empty()) {
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

    if (!options.landmarkPackage.empty()) {
        if (cancelled()) {
            result.cancelled = true;
            return result;
        }
        if (options.progress) options.progress(done, total, options.landmarkPackage);
        ++done;
        try {
            result.landmarks = LandmarkModel::load(options.landmarkPackage).detect(radiograph);
        } catch (const PackageError& e) {
            result.skippedPackages.push_back(e.what());
        }
    }
    if (options.progress) options.progress(done, total, std::string());
    return result;
}

} // namespace boneage
