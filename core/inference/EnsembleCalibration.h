#pragma once
// The ensemble of the installed packages, fitted on held-out predictions (issue 17): each member's
// weight per sex, and a 90 % prediction interval around the weighted estimate, calibrated by split
// conformal prediction with an age-dependent scale. Written by `boneage ensemble fit` into
// models/ensemble.json, read by assess, evaluate and the workstation. Torch-free.
//
// The method, chosen where the issue leaves it open:
//  - the held-out cases are split in two halves by a seeded hash of their id (stable when films are
//    added): the "fit" half chooses the weights and the scale, the "conformal" half only the quantile;
//  - weights: for each sex, non-negative and summing to 1, minimising the mean absolute error of the
//    weighted estimate on the fit half (coordinate search on the simplex; a package that adds nothing
//    gets 0). No intercept: each package's card already carries its own calibration line;
//  - scale s(age): the fit half's mean absolute error in bins of the *estimated* age (0-2, 2-5, 5-8,
//    8-11, 11-14, 14-17, 17-20 years), shrunk towards the overall MAE with the weight of 20 cases, so
//    that infants and late adolescents (where the models err most) get wider intervals;
//  - conformal: scores |reference - estimate| / s(estimate) on the conformal half; q is the
//    ceil((n + 1) x 0.9)-th smallest; the interval is estimate +- q x s(estimate). Under
//    exchangeability of the conformal half with new films this covers 90 % of them (and at most
//    90 % + 1/(n+1));
//  - its coverage is measured, not assumed: the whole procedure repeated on 200 random three-way
//    splits (fit / conformal / check), coverage counted on the check third each time.
// The interval holds for the members and weights it was fitted with; any other set of packages (one
// added, one retrained, the reader's own weights) gets no interval, and says why.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

// One package of the fitted ensemble: its folder name (as in models/) and the SHA-256 of the weights
// it was fitted with, so a retrained package with the same name is not taken for the fitted one.
struct EnsembleMember {
    std::string package;
    std::string weightsSha256;
    std::map<std::string, double> weightBySex;   // "M" / "F" -> weight (absent: not a member for that sex)
};

struct PredictionInterval {
    double lowerMonths = 0, upperMonths = 0;
    double nominal = 0.9;
    double widthMonths() const { return upperMonths - lowerMonths; }
};

struct EnsembleCalibration {
    std::vector<EnsembleMember> members;
    double nominal = 0.9;
    std::vector<double> scaleEdgesMonths;   // bin edges of the estimated age (k + 1 values)
    std::vector<double> scaleMonths;        // k scales, one per bin
    double quantile = 0;                    // q: half-width in units of the scale
    // Measured, for the card and the documentation.
    std::size_t fitCases = 0, conformalCases = 0;
    double measuredCoverage = 0, measuredCoverageLow = 0, measuredCoverageHigh = 0;   // mean, 5th and 95th percentile
    double measuredMedianWidthMonths = 0;
    std::map<std::string, double> memberMae;   // package -> held-out MAE of that member alone (its sex's cases)
    double ensembleMae = 0;                    // all held-out cases, weighted estimate
    std::string fittedOn, fitted;              // what the predictions were, and when/how

    double scaleAt(double estimateMonths) const;
    PredictionInterval intervalAround(double estimateMonths) const;
    // The member weights for `sex` ("M"/"F"), by package folder name.
    std::map<std::string, double> weightsFor(const std::string& sex) const;
};

// One held-out case: the reference, the sex and each package's estimate (absent: the package does
// not apply to the case's sex).
struct HeldOutPrediction {
    std::string id;
    bool male = false;
    double referenceMonths = 0;
    std::map<std::string, double> estimates;   // package folder name -> estimate (months)
};

struct EnsembleFitOptions {
    double nominal = 0.9;
    unsigned seed = 17;          // the id hash's salt and the repeated splits' seed
    int coverageRepeats = 200;
};

// Fits the ensemble (see above). `weightsSha256`: package folder name -> SHA-256 of its weights; every
// package with an estimate must be listed. Throws std::invalid_argument with a reason a retraining
// engineer can act on (too few cases: at least 40 per half; a package without estimates).
EnsembleCalibration fitEnsemble(const std::vector<HeldOutPrediction>& cases,
                                const std::map<std::string, std::string>& weightsSha256,
                                const EnsembleFitOptions& options = {});

// The weighted estimate of one case with `weights` (package -> weight; packages absent weigh 0).
// Returns nullopt when no package of the case has a positive weight.
std::optional<double> weightedEstimate(const std::map<std::string, double>& estimates, const std::map<std::string, double>& weights);

// models/ensemble.json: format "boneage-ensemble-1". Reading checks every field (a broken file is a
// std::invalid_argument naming the field); writing is atomic.
EnsembleCalibration readEnsembleCalibration(const std::string& path);
void writeEnsembleCalibration(const std::string& path, const EnsembleCalibration& calibration);
std::string ensembleCalibrationJson(const EnsembleCalibration& calibration);

// The file next to the packages of `modelsDirectory` ("ensemble.json"); nullopt when there is none.
std::optional<std::string> findEnsembleCalibration(const std::string& modelsDirectory);

// Why this calibration does not hold for the packages run on a case of `sex` ("M"/"F"), given as
// (folder name, weights SHA-256); empty when it holds (the same members for that sex, same weights).
std::string ensembleMismatch(const EnsembleCalibration& calibration, const std::string& sex,
                             const std::vector<std::pair<std::string, std::string>>& packagesRun);

// The folder name of a package path ("models/x/" -> "x").
std::string packageFolderName(std::string path);

} // namespace boneage
