#pragma once
// Bone age evaluation metrics as the field reports them (domain.md): MAE, RMSE, by sex and by age
// group, share within 6/12/24 months, the cumulative accuracy curve and Bland-Altman statistics.
// Plain C++: used by the trainer (LibTorch-only build) and by `boneage evaluate`.
#include <cstddef>
#include <string>
#include <vector>

namespace boneage {

struct ErrorSummary {
    std::size_t count = 0;
    double mae = 0, rmse = 0;
};

struct AgeGroupSummary {
    int fromYears = 0, toYears = 0;   // [from, to) by the reference bone age; the last group is closed
    ErrorSummary errors;
};

struct EvaluationMetrics {
    ErrorSummary all, male, female;
    std::vector<AgeGroupSummary> byAgeGroup;   // 0-2, 2-4, ..., 14-16, 16-19 years
    double within6 = 0, within12 = 0, within24 = 0;   // shares in [0,1]
    std::vector<double> cumulative;            // k = 0..24: share with |error| <= k months
    // Bland-Altman on predicted - reference: mean difference and 95 % limits of agreement.
    double meanDifference = 0, sdDifference = 0, lowerLimit = 0, upperLimit = 0;
};

// Throws std::invalid_argument when the vectors differ in length or are empty.
EvaluationMetrics evaluateBoneAge(const std::vector<double>& predicted, const std::vector<double>& reference,
                                  const std::vector<bool>& male);

std::string toJson(const EvaluationMetrics& m);
std::string cumulativeCsv(const EvaluationMetrics& m);   // k,share

} // namespace boneage
