#pragma once
// The workspace's local check set (issue 16): drawn once from the read cases, stratified by sex and
// age band, recorded, and never trained on. Size: 20 % of the read cases, at least 30.
#include "imaging/Radiograph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace boneage {

struct ReadCase {
    std::string caseId;
    Sex sex = Sex::Unknown;
    double referenceMonths = 0;   // the mean of the readers' latest readings
};

inline constexpr int kMinimumCheckSet = 30;
inline constexpr int kMinimumTrainingCases = 10;
inline constexpr std::uint64_t kCheckSetSeed = 20261130;   // the seed of a workspace's first draw

// How many of `readCases` go to the check set: max(ceil(20 %), 30), and never all of them.
int checkSetSize(int readCases);

// Draws the check set: in each stratum (sex x 2-year band of the reference) its share of the size,
// by largest remainder, picked at random with `seed`. Throws std::invalid_argument when there are
// too few read cases to leave kMinimumTrainingCases for training.
std::vector<std::string> drawCheckSet(const std::vector<ReadCase>& cases, std::uint64_t seed);

// `size` of `cases`, stratified as drawCheckSet (for growing a recorded check set).
std::vector<std::string> drawStratified(const std::vector<ReadCase>& cases, int size, std::uint64_t seed);

} // namespace boneage
