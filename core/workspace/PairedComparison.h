#pragma once
// A candidate model against the active one on the same cases (the workspace's local check set),
// paired: each case's reference (the mean of its readings) and both models' estimates. The MAE
// difference (candidate - active) gets a paired bootstrap 95 % interval; the candidate counts as
// better only when the interval's upper bound is below zero (issue 16's promotion rule).
#include <cstdint>
#include <string>
#include <vector>

namespace boneage {

struct PairedCase {
    double reference = 0, active = 0, candidate = 0;   // months
};

struct ModelOnCheckSet {
    int n = 0;
    double mae = 0, bias = 0;   // bias: mean(estimate - reference)
};

struct AgeBandComparison {
    int fromYears = 0, toYears = 0;   // [from, to) of the reference; the last band is closed
    ModelOnCheckSet active, candidate;
};

struct PairedComparison {
    ModelOnCheckSet active, candidate;
    double meanDifference = 0;         // candidate MAE - active MAE (negative: the candidate is better)
    double lower = 0, upper = 0;       // paired bootstrap 95 % interval of that difference
    int resamples = 0;
    std::vector<AgeBandComparison> byAgeBand;   // 0-2, 2-4, ..., 16-19 years; empty bands left out

    bool candidateIsBetter() const { return upper < 0; }
};

// Throws std::invalid_argument for no cases. The bootstrap is seeded: the same cases give the same
// interval.
PairedComparison comparePaired(const std::vector<PairedCase>& cases, int resamples = 2000, std::uint64_t seed = 20261130);

} // namespace boneage
