// `boneage assess`: every installed model on one radiograph, compared with the chronological age.
#include "CommandLine.h"
#include "Commands.h"
#include "ModelsLocation.h"
#include "OpenMpWaiting.h"

#include "anatomy/GpStandards.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/ModelPackage.h"

#include <algorithm>
#include <numeric>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace boneage::cli {

namespace {

constexpr const char* kDisclaimer = "Research use only - not a certified medical device. Results must be reviewed by a radiologist.";

double msSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

int runAssess(const std::vector<std::string>& args)
{
    const Arguments a(args, {"sex", "age-months", "models", "threads"}, {"json"});
    if (a.positional().size() != 1) throw UsageError("give one radiograph");
    restartWithPassiveOpenMpWaiting("boneage", "assess", args);
    const auto start = std::chrono::steady_clock::now();
    LoadOptions options;
    if (auto s = a.value("sex")) {
        options.sex = parseSex(*s);
        if (!options.sex) throw UsageError("--sex must be M or F, not '" + *s + "'");
    }
    if (auto v = a.value("age-months")) options.chronologicalAgeMonths = parseNumber(*v, "age-months");
    const std::string file = a.positional().front();

    const auto t0 = std::chrono::steady_clock::now();
    const Radiograph r = loadRadiograph(file, options);
    const double loadMs = msSince(t0);
    const Sex sex = r.metadata.sex;
    if (sex == Sex::Unknown)
        throw InputError(InputError::Reason::MissingData,
                         file + ": the patient's sex is not recorded in the file; bone age standards differ by sex, "
                                "so give it with --sex M or --sex F.");

    const std::string dir = modelsDirectory(a.value("models").value_or(""));
    const auto packages = findModelPackages(dir);
    if (packages.empty()) throw std::runtime_error("no model packages found in " + dir + " (use --models DIR)");

    nlohmann::json results = nlohmann::json::array();
    std::vector<std::string> problems;
    std::vector<double> ages;
    size_t otherSex = 0;
    for (const auto& package : packages) {
        try {
            if (!readModelCard(package).appliesTo(sex)) {   // the other sex's model of a per-sex pair
                ++otherSex;
                continue;
            }
            const InstalledModel model = InstalledModel::load(package);
            const BoneAgeEstimate e = model.assess(r, sex);
            ages.push_back(e.boneAgeMonths);
            nlohmann::json j = {{"model", e.modelId},
                                {"package", package},
                                {"bone_age_months", std::round(e.boneAgeMonths * 10) / 10},
                                {"bone_age", yearsAndMonths(e.boneAgeMonths)},
                                {"device", e.device},
                                {"validation_mae_months", model.card().validationMae},
                                {"milliseconds", {{"load_model", std::round(model.loadMilliseconds() * 10) / 10},
                                                  {"prepare", std::round(e.prepareMilliseconds * 10) / 10},
                                                  {"inference", std::round(e.inferenceMilliseconds * 10) / 10}}}};
            if (r.metadata.chronologicalAgeMonths) {
                const BoneAgeComparison c = compareWithChronologicalAge(e.boneAgeMonths, *r.metadata.chronologicalAgeMonths, sex);
                j["difference_months"] = std::round(c.differenceMonths * 10) / 10;
                j["sds"] = std::round(c.sds * 100) / 100;
                j["maturity"] = toString(c.maturity);
            }
            results.push_back(j);
        } catch (const PackageError& e) {
            problems.push_back(e.what());
        }
    }
    for (const auto& p : problems) std::cerr << "warning: model skipped: " << p << "\n";
    if (results.empty())
        throw std::runtime_error(otherSex ? "no installed model assesses sex " + std::string(toString(sex)) + " (only per-sex models of the other sex are in " + dir + ")"
                                          : std::string("no installed model could be run"));

    const auto& m = r.metadata;
    nlohmann::json out = {{"file", file},
                          {"patient_id", m.patientId},
                          {"sex", toString(sex)},
                          {"chronological_age_months", m.chronologicalAgeMonths ? nlohmann::json(std::round(*m.chronologicalAgeMonths * 10) / 10) : nlohmann::json()},
                          {"models", results},
                          {"milliseconds", {{"load_radiograph", std::round(loadMs * 10) / 10}, {"total", std::round(msSince(start) * 10) / 10}}},
                          {"notice", kDisclaimer}};
    // Several models for this sex (e.g. two architectures of a per-sex pair): their mean is the estimate,
    // as `boneage evaluate` scores it, and the spread between them is shown beside it.
    if (ages.size() > 1) {
        const double mean = std::accumulate(ages.begin(), ages.end(), 0.0) / static_cast<double>(ages.size());
        const auto [lo, hi] = std::minmax_element(ages.begin(), ages.end());
        nlohmann::json j = {{"models", ages.size()},
                            {"bone_age_months", std::round(mean * 10) / 10},
                            {"bone_age", yearsAndMonths(mean)},
                            {"spread_months", std::round((*hi - *lo) * 10) / 10}};
        if (r.metadata.chronologicalAgeMonths) {
            const BoneAgeComparison c = compareWithChronologicalAge(mean, *r.metadata.chronologicalAgeMonths, sex);
            j["difference_months"] = std::round(c.differenceMonths * 10) / 10;
            j["sds"] = std::round(c.sds * 100) / 100;
            j["maturity"] = toString(c.maturity);
        }
        out["ensemble"] = j;
    }
    if (a.flag("json")) {
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::printf("%s\n  patient %s, sex %s", file.c_str(), m.patientId.empty() ? "-" : m.patientId.c_str(), toString(sex));
    if (m.chronologicalAgeMonths)
        std::printf(", chronological age %.1f months (%s)", *m.chronologicalAgeMonths, yearsAndMonths(*m.chronologicalAgeMonths).c_str());
    std::printf("\n");
    for (const auto& j : results) {
        std::printf("  %-24s bone age %6.1f months (%s)", j["model"].get<std::string>().c_str(), j["bone_age_months"].get<double>(),
                    j["bone_age"].get<std::string>().c_str());
        if (j.contains("sds"))
            std::printf(", %+.1f months, SDS %+.2f (%s)", j["difference_months"].get<double>(), j["sds"].get<double>(),
                        j["maturity"].get<std::string>().c_str());
        std::printf("  [%.0f ms on %s]\n", j["milliseconds"]["prepare"].get<double>() + j["milliseconds"]["inference"].get<double>(),
                    j["device"].get<std::string>().c_str());
    }
    if (out.contains("ensemble")) {
        const auto& j = out["ensemble"];
        std::printf("  %-24s bone age %6.1f months (%s)", ("mean of " + std::to_string(ages.size()) + " models").c_str(),
                    j["bone_age_months"].get<double>(), j["bone_age"].get<std::string>().c_str());
        if (j.contains("sds"))
            std::printf(", %+.1f months, SDS %+.2f (%s)", j["difference_months"].get<double>(), j["sds"].get<double>(),
                        j["maturity"].get<std::string>().c_str());
        std::printf("  [spread %.1f months]\n", j["spread_months"].get<double>());
    }
    std::printf("  %s\n", kDisclaimer);
    return 0;
}

} // namespace boneage::cli
