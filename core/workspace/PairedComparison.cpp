#include "PairedComparison.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace boneage {

namespace {
ModelOnCheckSet summary(const std::vector<const PairedCase*>& cases, bool candidate)
{
    ModelOnCheckSet s;
    s.n = static_cast<int>(cases.size());
    if (!s.n) return s;
    for (const PairedCase* c : cases) {
        const double e = (candidate ? c->candidate : c->active) - c->reference;
        s.mae += std::abs(e);
        s.bias += e;
    }
    s.mae /= s.n;
    s.bias /= s.n;
    return s;
}
} // namespace

PairedComparison comparePaired(const std::vector<PairedCase>& cases, int resamples, std::uint64_t seed)
{
    if (cases.empty()) throw std::invalid_argument("no case to compare the models on");
    std::vector<const PairedCase*> all;
    for (const PairedCase& c : cases) all.push_back(&c);
    PairedComparison out;
    out.active = summary(all, false);
    out.candidate = summary(all, true);
    out.meanDifference = out.candidate.mae - out.active.mae;

    // Paired: each resample draws cases (with both models' errors), so what the two models share
    // (hard films, a reader's habit) cancels in the difference.
    std::vector<double> delta(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i)
        delta[i] = std::abs(cases[i].candidate - cases[i].reference) - std::abs(cases[i].active - cases[i].reference);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, cases.size() - 1);
    std::vector<double> means(static_cast<std::size_t>(std::max(resamples, 1)));
    for (double& m : means) {
        double sum = 0;
        for (std::size_t k = 0; k < cases.size(); ++k) sum += delta[pick(rng)];
        m = sum / static_cast<double>(cases.size());
    }
    std::sort(means.begin(), means.end());
    auto quantile = [&](double q) {
        const double at = q * static_cast<double>(means.size() - 1);
        const std::size_t i = static_cast<std::size_t>(std::floor(at));
        const std::size_t j = std::min(i + 1, means.size() - 1);
        return means[i] + (at - static_cast<double>(i)) * (means[j] - means[i]);
    };
    out.lower = quantile(0.025);
    out.upper = quantile(0.975);
    out.resamples = static_cast<int>(means.size());

    for (int from = 0; from < 19; from += 2) {
        const int to = from == 16 ? 19 : from + 2;
        std::vector<const PairedCase*> band;
        for (const PairedCase& c : cases) {
            const double years = c.reference / 12.0;
            if ((years >= from || from == 0) && (years < to || to == 19)) band.push_back(&c);
        }
        if (!band.empty()) out.byAgeBand.push_back({from, to, summary(band, false), summary(band, true)});
        if (to == 19) break;
    }
    return out;
}

} // namespace boneage
