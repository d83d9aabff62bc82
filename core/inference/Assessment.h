#pragma once
// One radiograph assessed by every installed bone-age model that applies to the patient's sex: the
// estimate of each, their mean and spread, and how the bone age compares with the chronological age
// (difference, SDS from the Greulich-Pyle SD table, delayed / normal / advanced beyond ±2 SD).
// The `boneage assess` command and the workstation both show this struct. Torch-free header.
//
// No confident answer without a hand and a plausible result: the hand is found first (the landmark
// model); without one, no bone age is computed unless the reader forces it, and a forced result still
// says "review required". An estimate outside 0-20 years is refused per model, and a chronological age
// outside 0-20 years (or a study before the birth) gives no SDS.
#include "anatomy/GpStandards.h"
#include "inference/EnsembleCalibration.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct ModelAssessment {
    BoneAgeEstimate estimate;
    std::string package;                      // the package folder
    std::string weightsSha256;                // from its card: which weights gave the estimate
    double validationMae = -1;                // from the model card; negative when not given
    double loadMilliseconds = 0;              // reading the card, checking and loading the weights
    std::optional<BoneAgeComparison> comparison;   // when the chronological age is known
};

// The mean of several models for the same sex (e.g. two architectures of a per-sex pair), as
// `boneage evaluate` scores it; the spread (max - min) tells the reader how far they disagree.
struct EnsembleEstimate {
    std::size_t models = 0;
    double boneAgeMonths = 0;
    double spreadMonths = 0;
    std::optional<BoneAgeComparison> comparison;
    bool weighted = false;   // the reader's weights made it differ from the plain mean's weighting
    bool fitted = false;     // weighted by models/ensemble.json (weights fitted on held-out films)
};

// A model whose estimate was not used: the number it gave and why it was refused.
struct RefusedEstimate {
    std::string modelId, package;
    double boneAgeMonths = 0;
    std::string reason;
};

// Why a reader must look before the result is used. `code` is stable (JSON, tests, the UI's wording);
// `message` is the English text for the command line and logs.
struct ReviewFlag {
    std::string code;      // "no_hand", "hand_not_checked", "estimate_out_of_range", "no_plausible_estimate",
                           // "interval_too_wide"
    std::string message;
};

struct Assessment {
    Sex sex = Sex::Unknown;
    std::optional<double> chronologicalAgeMonths;
    std::vector<ModelAssessment> models;      // in package order
    std::optional<EnsembleEstimate> ensemble; // only with two or more models
    std::vector<std::string> skippedPackages; // packages that could not be used, with the reason
    std::size_t otherSexModels = 0;           // per-sex packages of the other sex (not run)
    std::optional<HandLandmarks> landmarks;   // when a landmark package was given
    bool cancelled = false;                   // stopped between two models at the caller's request
    std::vector<RefusedEstimate> refusedEstimates;   // out-of-range outputs, not in `models` nor the ensemble
    std::vector<ReviewFlag> reviewFlags;      // empty: nothing stands in the way of the result
    // No bone age is reported: no hand (or no way to check for one) and not forced, or every model's
    // estimate was refused. `models` is then empty and boneAgeMonths() has no value.
    bool withheld = false;
    bool forced = false;                      // the reader asked for estimates without a hand
    // Non-empty: the chronological age cannot be compared (outside 0-20 years, study before birth);
    // no comparison (difference, SDS, maturity) is made.
    std::string chronologicalAgeProblem;
    // The calibrated prediction interval around boneAgeMonths() (models/ensemble.json), when the
    // packages that ran are the ones it was fitted for; otherwise none, and intervalNote says why.
    std::optional<PredictionInterval> interval;
    std::string intervalNote;

    bool reviewRequired() const { return !reviewFlags.empty(); }
    bool hasFlag(const std::string& code) const;
    // The estimate to report: the ensemble's when there is one, else the single model's.
    std::optional<double> boneAgeMonths() const;
    std::optional<BoneAgeComparison> comparison() const;
    std::string device() const;               // "cpu" / "cuda" of the models run ("" when none)
    // The models' attention maps, in model order (empty when they were not asked for).
    std::vector<AttentionMap> attentionMaps() const;
    // The film as the models read it (asRead: inverted when the landmark model found an inverted
    // export); pictures of the result are drawn on it.
    Radiograph filmAsRead(const Radiograph& radiograph) const { return landmarks ? asRead(radiograph, *landmarks) : radiograph; }
};

struct AssessmentOptions {
    std::optional<double> chronologicalAgeMonths;   // default: the radiograph's metadata
    std::string landmarkPackage;                     // empty: no landmarks
    // Called before each model (done of total, the package being loaded) and once at the end.
    std::function<void(int done, int total, const std::string& package)> progress;
    // Checked between models: when set, the assessment stops and comes back with `cancelled`.
    const std::atomic<bool>* cancel = nullptr;
    // Each model's attention map (estimate.attention); off by default, so plain assessments pay nothing.
    bool attentionMaps = false;
    // The ensemble's weights, by package folder name (the last component of the package path); a
    // model not listed weighs 1, a negative weight counts as 0. Empty (the default): the plain mean.
    std::map<std::string, double> ensembleWeights;
    // Each model's estimate is the mean over 10 views (ModelPackage.h); off: the plain image only.
    bool testTimeAugmentation = true;
    // Estimate even when the landmark model finds no hand (or none is installed to look): the result
    // then carries the review flag instead of being withheld. Only on the reader's explicit request.
    bool forceWithoutHand = false;
    // The fitted ensemble (models/ensemble.json): its weights replace the plain mean and it gives the
    // interval, when the packages run match its members and the reader set no weights of their own.
    std::optional<EnsembleCalibration> ensembleCalibration;
    // > 0: a case whose interval is wider than this (months, upper - lower) is flagged
    // "interval_too_wide" for review (the workstation's setting; assess --max-interval-months).
    double maxIntervalWidthMonths = 0;
};

// Why the chronological age of this assessment cannot be compared with the standards (empty: it
// can): the value's own range, or a study date before the birth date recorded in the film.
std::string chronologicalAgeProblemOf(const Radiograph& radiograph, std::optional<double> chronologicalAgeMonths);

// The ensemble's bone age: the models' estimates averaged with `weights` (as in AssessmentOptions).
// When every weight is 0, the plain mean (switching every model off is done in the settings' list).
double ensembleBoneAge(const std::vector<ModelAssessment>& models, const std::map<std::string, double>& weights);

// Where InstalledModel::load puts the networks: "cuda" when LibTorch sees a GPU, else "cpu".
std::string inferenceDevice();

// Finds the hand (landmarkPackage), then runs the bone-age packages that apply to `sex` (Male or
// Female; anything else throws std::invalid_argument: the standards differ by sex and the caller must
// ask, never guess). Packages that cannot be used land in `skippedPackages`, with a one-line reason.
Assessment assessRadiograph(const Radiograph& radiograph, Sex sex, const std::vector<std::string>& packages,
                            const AssessmentOptions& options = {});

} // namespace boneage
