#include "AssessmentJson.h"

#include "anatomy/GpStandards.h"
#include "anatomy/HandKeypoints.h"
#include "anatomy/Tw3Roi.h"
#include "common/Sha256.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace boneage {

namespace {

constexpr const char* kDisclaimer = "Research use only - not a certified medical device. Results must be reviewed by a radiologist.";

double round1(double v) { return std::round(v * 10) / 10; }

void addComparison(nlohmann::json& j, const std::optional<BoneAgeComparison>& c)
{
    if (!c) return;
    j["difference_months"] = round1(c->differenceMonths);
    j["sds"] = std::round(c->sds * 100) / 100;
    j["maturity"] = toString(c->maturity);
}

// What stands between the estimate and its use (assess --json: "review_required", "review", "hand").
void addReview(nlohmann::json& out, const Assessment& a)
{
    out["review_required"] = a.reviewRequired();
    out["withheld"] = a.withheld;
    if (a.forced) out["forced"] = true;
    nlohmann::json flags = nlohmann::json::array();
    for (const auto& f : a.reviewFlags) flags.push_back({{"code", f.code}, {"message", f.message}});
    out["review"] = flags;
    if (a.landmarks) {
        nlohmann::json hand = {{"found", a.landmarks->handFound}, {"confidence", std::round(a.landmarks->confidence * 1000) / 1000},
                               {"model", a.landmarks->modelId}, {"read_inverted", a.landmarks->readInverted}};
        if (!a.landmarks->handFound) hand["problem"] = a.landmarks->problem;
        if (a.landmarks->toneStretchGamma > 0) hand["tone_stretch_gamma"] = a.landmarks->toneStretchGamma;
        if (a.landmarks->readRegion != "film") hand["read_region"] = a.landmarks->readRegion;
        out["hand"] = hand;
    } else {
        out["hand"] = nullptr;
    }
    nlohmann::json refused = nlohmann::json::array();
    for (const auto& e : a.refusedEstimates)
        refused.push_back({{"model", e.modelId}, {"package", e.package}, {"bone_age_months", round1(e.boneAgeMonths)}, {"reason", e.reason}});
    if (!refused.empty()) out["refused_estimates"] = refused;
}

} // namespace

nlohmann::json assessmentJson(const std::string& file, const Radiograph& r, const Assessment& assessment)
{
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
        if (e.attention) {
            j["attention"] = e.attention->kind;
            j["milliseconds"]["attention"] = round1(e.attentionMilliseconds);
        }
        if (!e.roiContributions.empty()) {
            // The global-local network's explanation: months each ROI adds (the estimate minus the
            // estimate with that ROI's patch masked), in schema order; "present" false: masked already.
            nlohmann::json rois = nlohmann::json::array();
            for (const auto& c : e.roiContributions)
                rois.push_back({{"name", c.name}, {"months", std::round(c.months * 100) / 100}, {"present", c.present}});
            j["roi_contributions"] = rois;
        }
        results.push_back(j);
    }
    const auto& m = r.metadata;
    nlohmann::json out = {{"file", file},
                          {"patient_id", m.patientId},
                          {"sex", toString(assessment.sex)},
                          {"chronological_age_months", m.chronologicalAgeMonths ? nlohmann::json(round1(*m.chronologicalAgeMonths)) : nlohmann::json()},
                          {"models", results},
                          {"notice", kDisclaimer}};
    if (!assessment.chronologicalAgeProblem.empty()) out["chronological_age_problem"] = assessment.chronologicalAgeProblem;
    if (const auto& e = assessment.ensemble) {
        nlohmann::json j = {{"models", e->models},
                            {"bone_age_months", round1(e->boneAgeMonths)},
                            {"bone_age", yearsAndMonths(e->boneAgeMonths)},
                            {"spread_months", round1(e->spreadMonths)}};
        if (e->fitted) j["weights"] = "fitted";
        addComparison(j, e->comparison);
        out["ensemble"] = j;
    }
    if (const auto& i = assessment.interval) {
        out["interval"] = {{"lower_months", round1(i->lowerMonths)}, {"upper_months", round1(i->upperMonths)},
                           {"width_months", round1(i->widthMonths())}, {"nominal", i->nominal},
                           {"method", "split conformal, age-dependent scale (models/ensemble.json)"}};
    } else {
        out["interval"] = nullptr;
        if (!assessment.intervalNote.empty()) out["interval_note"] = assessment.intervalNote;
    }
    addReview(out, assessment);
    return out;
}

nlohmann::json storedAssessmentJson(const std::string& file, const Radiograph& r, const Assessment& assessment)
{
    nlohmann::json result = assessmentJson(file, r, assessment);
    if (assessment.landmarks && assessment.landmarks->handFound) {
        nlohmann::json points = nlohmann::json::array();
        for (int i = 0; i < kHandKeypointCount; ++i) {
            const HandKeypoint& p = assessment.landmarks->points[i];
            points.push_back({{"name", handKeypointNames()[i]}, {"x", p.x}, {"y", p.y}, {"score", p.score}, {"visible", p.visible}});
        }
        result["hand"]["keypoints"] = points;
    }
    return result;
}

std::pair<std::string, std::string> assessmentIdentity(const Assessment& a)
{
    std::string id, cards;
    for (const ModelAssessment& m : a.models) {
        id += (id.empty() ? "" : "+") + m.estimate.modelId;
        std::ifstream in(std::filesystem::path(m.package) / "model.json", std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        cards += text.str();
    }
    if (a.models.size() > 1) id = "ensemble(" + id + ")";
    if (id.empty()) id = "withheld";
    return {id, sha256Hex(cards)};
}

namespace {

std::optional<BoneAgeComparison> comparisonFrom(const nlohmann::json& j)
{
    if (!j.contains("difference_months") || !j.contains("sds")) return std::nullopt;
    BoneAgeComparison c;
    c.differenceMonths = j.value("difference_months", 0.0);
    c.sds = j.value("sds", 0.0);
    const std::string maturity = j.value("maturity", std::string());
    c.maturity = maturity == toString(MaturityClass::Delayed)    ? MaturityClass::Delayed
                 : maturity == toString(MaturityClass::Advanced) ? MaturityClass::Advanced
                                                                 : MaturityClass::Normal;
    return c;
}

double number(const nlohmann::json& j, const char* key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

} // namespace

Assessment assessmentFromJson(const nlohmann::json& j)
{
    Assessment a;
    if (!j.is_object()) return a;
    const std::string sex = j.value("sex", std::string());
    a.sex = sex == toString(Sex::Male) ? Sex::Male : sex == toString(Sex::Female) ? Sex::Female : Sex::Unknown;
    if (const auto it = j.find("chronological_age_months"); it != j.end() && it->is_number()) a.chronologicalAgeMonths = it->get<double>();
    if (const auto it = j.find("models"); it != j.end() && it->is_array())
        for (const auto& m : *it) {
            ModelAssessment model;
            model.estimate.modelId = m.value("model", std::string());
            model.package = m.value("package", std::string());
            model.estimate.boneAgeMonths = number(m, "bone_age_months");
            model.estimate.device = m.value("device", std::string());
            model.validationMae = m.contains("validation_mae_months") && m["validation_mae_months"].is_number() ? m["validation_mae_months"].get<double>() : -1;
            if (const auto ms = m.find("milliseconds"); ms != m.end() && ms->is_object()) {
                model.loadMilliseconds = number(*ms, "load_model");
                model.estimate.prepareMilliseconds = number(*ms, "prepare");
                model.estimate.inferenceMilliseconds = number(*ms, "inference");
            }
            model.comparison = comparisonFrom(m);
            a.models.push_back(std::move(model));
        }
    if (const auto e = j.find("ensemble"); e != j.end() && e->is_object()) {
        EnsembleEstimate ensemble;
        ensemble.models = e->value("models", std::size_t(0));
        ensemble.boneAgeMonths = number(*e, "bone_age_months");
        ensemble.spreadMonths = number(*e, "spread_months");
        ensemble.comparison = comparisonFrom(*e);
        ensemble.fitted = e->value("weights", std::string()) == "fitted";
        a.ensemble = ensemble;
    }
    if (const auto i = j.find("interval"); i != j.end() && i->is_object())
        a.interval = PredictionInterval{number(*i, "lower_months"), number(*i, "upper_months"), i->value("nominal", 0.9)};
    a.intervalNote = j.value("interval_note", std::string());
    a.withheld = j.value("withheld", false);
    a.forced = j.value("forced", false);
    a.chronologicalAgeProblem = j.value("chronological_age_problem", std::string());
    if (const auto it = j.find("review"); it != j.end() && it->is_array())
        for (const auto& f : *it) a.reviewFlags.push_back({f.value("code", std::string()), f.value("message", std::string())});
    if (const auto it = j.find("refused_estimates"); it != j.end() && it->is_array())
        for (const auto& e : *it)
            a.refusedEstimates.push_back({e.value("model", std::string()), e.value("package", std::string()), number(e, "bone_age_months"),
                                          e.value("reason", std::string())});
    if (const auto h = j.find("hand"); h != j.end() && h->is_object()) {
        HandLandmarks l;
        l.handFound = h->value("found", false);
        l.confidence = number(*h, "confidence");
        l.modelId = h->value("model", std::string());
        l.problem = h->value("problem", std::string());
        l.readInverted = h->value("read_inverted", false);
        l.toneStretchGamma = number(*h, "tone_stretch_gamma");
        l.readRegion = h->value("read_region", std::string("film"));   // an inverted export (absent before 2026-12-01: displayed)
        const auto points = h->find("keypoints");
        if (points != h->end() && points->is_array() && points->size() == std::size_t(kHandKeypointCount)) {
            for (int i = 0; i < kHandKeypointCount; ++i) {
                const auto& p = (*points)[std::size_t(i)];
                l.points[std::size_t(i)] = {number(p, "x"), number(p, "y"), number(p, "score"), p.value("visible", false)};
            }
            if (l.handFound) l.rois = placeTw3Rois(l.points);
        } else {
            l.handFound = false;   // found, but the points were not stored: nothing to draw or propose
        }
        a.landmarks = l;
    }
    return a;
}

} // namespace boneage
