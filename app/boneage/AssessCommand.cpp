// `boneage assess`: every installed model on one radiograph, compared with the chronological age.
#include "CommandLine.h"
#include "Commands.h"
#include "ActiveModels.h"
#include "AssessFilm.h"
#include "ModelsLocation.h"
#include "OpenMpWaiting.h"
#include "OutputFiles.h"

#include "anatomy/GpStandards.h"
#include "imaging/Display.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/AssessmentJson.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

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


// The radiograph in its default window with the models' mean attention blended over it as a colour
// map, a low-to-high legend bar and the research-use notice burnt in (a picture travels without its
// caption). The maps are relative per model, so the legend has no units.
void writeAttentionPicture(const Radiograph& source, const Assessment& assessment, const std::string& path)
{
    const Radiograph r = assessment.filmAsRead(source);
    const cv::Mat grey = renderDisplay8(r, r.defaultDisplay());
    const cv::Mat attention = meanAttention(assessment.attentionMaps(), grey.size());
    if (attention.empty()) throw std::runtime_error("no model produced an attention map, so " + path + " was not written");
    constexpr double kAlpha = 0.45;
    cv::Mat film, heat, attention8;
    cv::cvtColor(grey, film, cv::COLOR_GRAY2BGR);
    attention.convertTo(attention8, CV_8U, 255.0);
    cv::applyColorMap(attention8, heat, cv::COLORMAP_JET);
    cv::Mat picture;
    cv::addWeighted(film, 1.0 - kAlpha, heat, kAlpha, 0.0, picture);

    // Legend and notice scale with the film, so they stay legible on 500 px and 3000 px films alike.
    const double unit = std::max(grey.cols, grey.rows) / 1000.0;
    const double font = 0.6 * unit;
    const int thick = std::max(1, int(std::lround(1.5 * unit)));
    const int margin = int(std::lround(20 * unit)), barW = grey.cols / 3, barH = int(std::lround(18 * unit));
    const cv::Rect bar(grey.cols - margin - barW, grey.rows - margin - barH, barW, barH);
    if (bar.x > 0 && bar.y > 0 && barW > 2) {
        cv::Mat ramp(1, barW, CV_8U);
        for (int x = 0; x < barW; ++x) ramp.at<std::uint8_t>(0, x) = cv::saturate_cast<std::uint8_t>(255.0 * x / (barW - 1));
        cv::Mat rampColour;
        cv::applyColorMap(ramp, rampColour, cv::COLORMAP_JET);
        cv::resize(rampColour, picture(bar), bar.size(), 0, 0, cv::INTER_NEAREST);
        cv::rectangle(picture, bar, cv::Scalar(255, 255, 255), thick);
        const auto text = [&](const std::string& t, cv::Point at) {
            cv::putText(picture, t, at, cv::FONT_HERSHEY_SIMPLEX, font, cv::Scalar(0, 0, 0), thick + 2, cv::LINE_AA);
            cv::putText(picture, t, at, cv::FONT_HERSHEY_SIMPLEX, font, cv::Scalar(255, 255, 255), thick, cv::LINE_AA);
        };
        const int gap = int(std::lround(8 * unit));
        text("low", {bar.x, bar.y - gap});
        int baseline = 0;
        const cv::Size high = cv::getTextSize("high", cv::FONT_HERSHEY_SIMPLEX, font, thick, &baseline);
        text("high", {bar.x + bar.width - high.width, bar.y - gap});
        const std::size_t n = assessment.attentionMaps().size();
        const std::string title = "attention (relative, " + (n > 1 ? "mean of " + std::to_string(n) + " models" : std::string("one model")) + ")";
        const cv::Size titleSize = cv::getTextSize(title, cv::FONT_HERSHEY_SIMPLEX, font, thick, &baseline);
        // Right-aligned with the bar: the title is wider than the bar on narrow films.
        text(title, {std::max(margin, bar.x + bar.width - titleSize.width), bar.y - gap - int(std::lround(30 * unit))});
        text("research use, not a medical device", {margin, grey.rows - margin});
    }
    writeImageAtomically(path, picture);
}

} // namespace


namespace {

// No bone age: the hand is missing (or could not be looked for) and the reader did not force it, or
// every estimate was refused. Exit status 3, as `boneage landmarks` uses for "no hand".
int reportWithheld(const std::string& file, const Radiograph& r, const Assessment& a, bool json)
{
    if (json) {
        std::cout << assessmentJson(file, r, a).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        std::printf("%s\n  REVIEW REQUIRED, no bone age reported:\n", file.c_str());
        for (const auto& f : a.reviewFlags) std::printf("    %s\n", f.message.c_str());
        if (a.hasFlag("no_hand") || a.hasFlag("hand_not_checked"))
            std::printf("  (boneage assess --force estimates anyway; the result is then marked for review)\n");
        std::printf("  %s\n", kDisclaimer);
    }
    return 3;
}

} // namespace

int runAssess(const std::vector<std::string>& args)
{
    const Arguments a(args, {"sex", "age-months", "models", "threads", "attention", "workspace", "max-interval-months"},
                      {"json", "no-tta", "force", "overwrite"});
    if (a.positional().size() != 1) throw UsageError("give one radiograph");
    restartWithPassiveOpenMpWaiting("boneage", "assess", args);
    const auto start = std::chrono::steady_clock::now();
    const std::string file = a.positional().front();
    checkOutputOption(a, "attention", {{"FILE", file}});
    const auto attentionPicture = a.value("attention");
    const AssessedFilm film = assessFilm(a, file, attentionPicture.has_value());
    const Radiograph& r = film.radiograph;
    const Assessment& assessment = film.assessment;
    const ActiveModels& active = film.active;
    const Sex sex = r.metadata.sex;
    const double loadMs = film.loadMilliseconds;
    if (assessment.withheld) return reportWithheld(file, r, assessment, a.flag("json"));

    nlohmann::json out = assessmentJson(file, r, assessment);
    out["milliseconds"] = {{"load_radiograph", round1(loadMs)}, {"total", round1(msSince(start))}};
    if (!active.workspace.empty()) out["model_versions"] = active.versionsJson();
    const nlohmann::json& results = out["models"];
    const auto& m = r.metadata;
    if (attentionPicture) {
        writeAttentionPicture(r, assessment, *attentionPicture);
        out["attention_picture"] = *attentionPicture;
    }
    if (a.flag("json")) {
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    std::printf("%s\n  patient %s, sex %s", file.c_str(), m.patientId.empty() ? "-" : m.patientId.c_str(), toString(sex));
    if (m.chronologicalAgeMonths)
        std::printf(", chronological age %.1f months (%s)", *m.chronologicalAgeMonths, yearsAndMonths(*m.chronologicalAgeMonths).c_str());
    std::printf("\n");
    if (!active.workspace.empty())
        std::printf("  models of workspace %s: bone age %s, landmarks %s\n", active.workspace.c_str(),
                    active.boneAgeVersion ? ("version " + std::to_string(*active.boneAgeVersion)).c_str() : "installed",
                    active.landmarkVersion ? ("version " + std::to_string(*active.landmarkVersion)).c_str() : "installed");
    if (!assessment.chronologicalAgeProblem.empty())
        std::printf("  no SDS: %s\n", assessment.chronologicalAgeProblem.c_str());
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
        std::printf("  %-24s bone age %6.1f months (%s)", ((assessment.ensemble->fitted ? "fitted ensemble of " : "mean of ") + std::to_string(assessment.ensemble->models) + " models").c_str(),
                    j["bone_age_months"].get<double>(), j["bone_age"].get<std::string>().c_str());
        if (j.contains("sds"))
            std::printf(", %+.1f months, SDS %+.2f (%s)", j["difference_months"].get<double>(), j["sds"].get<double>(),
                        j["maturity"].get<std::string>().c_str());
        std::printf("  [spread %.1f months]\n", j["spread_months"].get<double>());
    }
    if (const auto& i = assessment.interval)
        std::printf("  %.0f %% interval: %.1f to %.1f months (width %.1f; calibrated on held-out films)\n", 100 * i->nominal,
                    i->lowerMonths, i->upperMonths, i->widthMonths());
    else if (!assessment.intervalNote.empty())
        std::printf("  %s\n", assessment.intervalNote.c_str());
    for (const auto& f : assessment.reviewFlags) std::printf("  REVIEW REQUIRED: %s\n", f.message.c_str());
    if (attentionPicture) {
        std::printf("  attention map (mean of the models, relative): %s\n", attentionPicture->c_str());
        for (const auto& m : assessment.models)
            if (m.estimate.attention)
                std::printf("    %-22s %s [+%.0f ms]\n", m.estimate.modelId.c_str(), m.estimate.attention->kind.c_str(),
                            m.estimate.attentionMilliseconds);
    }
    std::printf("  %s\n", kDisclaimer);
    return 0;
}

} // namespace boneage::cli
