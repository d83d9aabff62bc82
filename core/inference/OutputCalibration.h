#pragma once
// A package's output calibration: a straight line through the network's estimate, fitted on the
// package's own training films (never its held-out ones) by `boneage calibrate`, and applied by the
// loader to every estimate (assess, evaluate, the workstation). It corrects a systematic offset the
// network keeps outside training mode: the shipped female 2M-Net read +2 months too old on its own
// training films with augmentation off, and the same on its held-out films (docs/training.md).
// Torch-free.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct OutputCalibration {
    double slope = 1.0;
    double intercept = 0.0;        // months
    double centreMonths = 120.0;   // the slope turns about this age
    double apply(double rawMonths) const { return centreMonths + slope * (rawMonths - centreMonths) + intercept; }
};

// The line that minimises the mean absolute error of apply(predicted) against reference: for each
// slope of a grid over [0.8, 1.2] (step 0.0025) the best intercept is the median residual.
// Needs at least 2 pairs; throws std::invalid_argument otherwise or on unequal lengths.
OutputCalibration fitOutputCalibration(const std::vector<double>& predicted, const std::vector<double>& reference);
double meanAbsoluteError(const std::vector<double>& predicted, const std::vector<double>& reference,
                         const OutputCalibration& calibration = {});

// The card's "calibration" object: {"slope", "intercept", "centre_months", ...}. Absent or null: none.
// A slope outside [0.5, 1.5], an intercept beyond +-36 months, a centre outside 0-240 months or a
// field of the wrong type is not a calibration but a broken card: std::invalid_argument naming the field.
std::optional<OutputCalibration> calibrationFromCard(const nlohmann::json& card);

} // namespace boneage
