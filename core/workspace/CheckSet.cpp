#include "CheckSet.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>

namespace boneage {

int checkSetSize(int readCases)
{
    return std::max(kMinimumCheckSet, static_cast<int>(std::ceil(0.2 * readCases)));
}

std::vector<std::string> drawCheckSet(const std::vector<ReadCase>& cases, std::uint64_t seed)
{
    const int n = static_cast<int>(cases.size());
    const int size = checkSetSize(n);
    if (n < size + kMinimumTrainingCases)
        throw std::invalid_argument("the workspace has " + std::to_string(n) + " read cases; training needs at least " +
                                    std::to_string(kMinimumCheckSet + kMinimumTrainingCases) + " (" +
                                    std::to_string(kMinimumCheckSet) + " for the local check set, " +
                                    std::to_string(kMinimumTrainingCases) + " to train on)");
    return drawStratified(cases, size, seed);
}

std::vector<std::string> drawStratified(const std::vector<ReadCase>& cases, int size, std::uint64_t seed)
{
    const int n = static_cast<int>(cases.size());
    size = std::clamp(size, 0, n);
    if (size == 0) return {};
    std::map<std::pair<int, int>, std::vector<std::string>> strata;   // (sex, band) -> cases
    for (const ReadCase& c : cases) {
        const int band = std::clamp(static_cast<int>(c.referenceMonths / 24.0), 0, 8);   // 0-2, ..., 16-19 years
        strata[{static_cast<int>(c.sex), band}].push_back(c.caseId);
    }
    // Largest remainder: each stratum's exact share rounded down, the rest to the largest remainders.
    struct Share {
        std::pair<int, int> key;
        int take;
        double remainder;
    };
    std::vector<Share> shares;
    int taken = 0;
    for (auto& [key, ids] : strata) {
        std::sort(ids.begin(), ids.end());   // the draw depends on the seed, not on the listing order
        const double exact = static_cast<double>(size) * static_cast<double>(ids.size()) / n;
        shares.push_back({key, static_cast<int>(std::floor(exact)), exact - std::floor(exact)});
        taken += shares.back().take;
    }
    std::stable_sort(shares.begin(), shares.end(), [](const Share& a, const Share& b) { return a.remainder > b.remainder; });
    for (std::size_t i = 0; taken < size && i < shares.size(); ++i, ++taken) ++shares[i].take;
    std::mt19937_64 rng(seed);
    std::vector<std::string> out;
    for (const Share& s : shares) {
        std::vector<std::string> ids = strata[s.key];
        std::shuffle(ids.begin(), ids.end(), rng);
        out.insert(out.end(), ids.begin(), ids.begin() + std::min<std::ptrdiff_t>(s.take, static_cast<std::ptrdiff_t>(ids.size())));
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace boneage
