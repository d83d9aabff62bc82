// `boneage assess`: every installed model on one radiograph, compared with the chronological age.
#include "CommandLine.h"
#include "Commands.h"
#include "ModelsLocation.h"
#include "OpenMpWaiting.h"

#include "anatomy/GpStandards.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/ModelPackage.h"

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

double round1(double v) { return std::round(v * 10) / 10; }

void addComparison(nlohmann::json& j, const std::optional<BoneAgeComparison>& c)
{
    if (!c) return;
    j["difference_months"] = round1(c->differenceMonths);
    j["sds"] = std::round(c->sds * 100) / 100;
    j["maturity"] = toString(c->maturity);
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

    const Assessment assessment = assessRadiograph(r, sex, packages);
    for (const auto& p : assessment.skippedPackages) std::cerr << "warning: model skipped: " << p << "\n";
    if (assessment.models.empty())
        throw std::runtime_error(assessment.otherSexModels
                                     ? "no installed model assesses sex " + std::string(toString(sex)) + " (only per-sex models of the other sex are in " + dir + ")"
                                     : std::string("no installed model could be run"));

    nlohmann::json results = nlohmann::json::array();
    for (const auto& m : assessment.models) {
        const BoneAgeEstimate& e = m.estimate;
        nlohmann::json j = {{"model", e.modelId},
                            {"package", m.package},
                            {"bone_age_months", round1(e.boneAgeMonths)},
                            {"bone_age", yearsAndMonths(e.boneAgeMonths)},
                            {"device", e.device},
                            {"validation_mae_months", m.validationMae},
                            {"milliseconds", {{"load_model", round1(m.loadMilliseconds)},
                                              {"prepare", round1(e.prepareMilliseconds)},
                                              {"inference", round1(e.inferenceMilliseconds)}}}};
        addComparison(j, m.comparison);
        results.push_back(j);
    }

    const auto& m = r.metadata;
    nlohmann::json out = {{"file", file},
                          {"patient_id", m.patientId},
                          {"sex", toString(sex)},
                          {"chronological_age_months", m.chronologicalAgeMonths ? nlohmann::json(round1(*m.chronologicalAgeMonths)) : nlohmann::json()},
                          {"models", results},
                          {"milliseconds", {{"load_radiograph", round1(loadMs)}, {"total", round1(msSince(start))}}},
                          {"notice", kDisclaimer}};
    if (const auto& e = assessment.ensemble) {
        nlohmann::json j = {{"models", e->models},
                            {"bone_age_months", round1(e->boneAgeMonths)},
                            {"bone_age", yearsAndMonths(e->boneAgeMonths)},
                            {"spread_months", round1(e->spreadMonths)}};
        addComparison(j, e->comparison);
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
        std::printf("  %-24s bone age %6.1f months (%s)", ("mean of " + std::to_string(assessment.ensemble->models) + " models").c_str(),
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
