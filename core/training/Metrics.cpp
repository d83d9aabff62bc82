#include "Metrics.h"

#include "common/JsonText.h"

#include <cmath>
#include <stdexcept>

namespace boneage {

namespace {

struct Accumulator {
    std::size_t n = 0;
    double abs = 0, sq = 0;
    void add(double e) { ++n; abs += std::abs(e); sq += e * e; }
    ErrorSummary summary() const
    {
        return n ? ErrorSummary{n, abs / n, std::sqrt(sq / n)} : ErrorSummary{0, std::nan(""), std::nan("")};
    }
};

std::string summaryJson(const ErrorSummary& s)
{
    return json::object({{"count", std::to_string(s.count)}, {"mae", json::number(s.mae, 3)}, {"rmse", json::number(s.rmse, 3)}});
}

} // namespace

EvaluationMetrics evaluateBoneAge(const std::vector<double>& predicted, const std::vector<double>& reference,
                                  const std::vector<bool>& male)
{
    if (predicted.empty() || predicted.size() != reference.size() || male.size() != reference.size())
        throw std::invalid_argument("evaluateBoneAge: predictions, references and sexes must be non-empty and of one length");
    EvaluationMetrics m;
    Accumulator all, men, women;
    std::vector<Accumulator> groups(9);
    std::vector<std::size_t> withinK(25, 0);
    double sum = 0, sumSq = 0;
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        const double d = predicted[i] - reference[i];
        all.add(d);
        (male[i] ? men : women).add(d);
        const int group = std::min(8, std::max(0, static_cast<int>(std::floor(reference[i] / 24.0))));
        groups[static_cast<std::size_t>(group)].add(d);
        for (int k = 0; k <= 24; ++k)
            if (std::abs(d) <= k) ++withinK[static_cast<std::size_t>(k)];
        sum += d;
        sumSq += d * d;
    }
    const double n = static_cast<double>(predicted.size());
    m.all = all.summary();
    m.male = men.summary();
    m.female = women.summary();
    for (int g = 0; g < 9; ++g)
        m.byAgeGroup.push_back({2 * g, g == 8 ? 19 : 2 * g + 2, groups[static_cast<std::size_t>(g)].summary()});
    for (int k = 0; k <= 24; ++k) m.cumulative.push_back(withinK[static_cast<std::size_t>(k)] / n);
    m.within6 = m.cumulative[6];
    m.within12 = m.cumulative[12];
    m.within24 = m.cumulative[24];
    m.meanDifference = sum / n;
    m.sdDifference = predicted.size() > 1 ? std::sqrt(std::max(0.0, (sumSq - n * m.meanDifference * m.meanDifference) / (n - 1))) : 0;
    m.lowerLimit = m.meanDifference - 1.96 * m.sdDifference;
    m.upperLimit = m.meanDifference + 1.96 * m.sdDifference;
    return m;
}

std::string toJson(const EvaluationMetrics& m)
{
    std::vector<std::string> groups, curve;
    for (const auto& g : m.byAgeGroup)
        groups.push_back(json::object({{"years", json::quote(std::to_string(g.fromYears) + "-" + std::to_string(g.toYears))},
                                       {"count", std::to_string(g.errors.count)},
                                       {"mae", json::number(g.errors.mae, 3)},
                                       {"rmse", json::number(g.errors.rmse, 3)}}));
    for (double c : m.cumulative) curve.push_back(json::number(c, 4));
    return json::object({{"count", std::to_string(m.all.count)},
                         {"mae", json::number(m.all.mae, 3)},
                         {"rmse", json::number(m.all.rmse, 3)},
                         {"male", summaryJson(m.male)},
                         {"female", summaryJson(m.female)},
                         {"by_age_group", json::array(groups)},
                         {"within_6_months", json::number(m.within6, 4)},
                         {"within_12_months", json::number(m.within12, 4)},
                         {"within_24_months", json::number(m.within24, 4)},
                         {"cumulative_accuracy", json::array(curve)},
                         {"bland_altman", json::object({{"mean_difference", json::number(m.meanDifference, 3)},
                                                        {"sd_difference", json::number(m.sdDifference, 3)},
                                                        {"lower_limit", json::number(m.lowerLimit, 3)},
                                                        {"upper_limit", json::number(m.upperLimit, 3)}})}});
}

std::string cumulativeCsv(const EvaluationMetrics& m)
{
    std::string out = "k_months,share_within_k\n";
    for (std::size_t k = 0; k < m.cumulative.size(); ++k) out += std::to_string(k) + "," + json::number(m.cumulative[k], 4) + "\n";
    return out;
}

} // namespace boneage
