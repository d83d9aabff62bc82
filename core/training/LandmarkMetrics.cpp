#include "training/LandmarkMetrics.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace boneage {

namespace {

double quantile(std::vector<double> v, double q)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(pos));
    const auto hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

std::string num(double x)
{
    std::ostringstream s;
    s.precision(4);
    s << std::fixed << x;
    return s.str();
}

} // namespace

LandmarkMetrics evaluateLandmarks(const std::vector<std::vector<double>>& predicted,
                                  const std::vector<std::vector<double>>& truth,
                                  const std::vector<std::vector<bool>>& visible)
{
    if (predicted.size() != truth.size() || truth.size() != visible.size())
        throw std::invalid_argument("evaluateLandmarks: predicted, truth and visible differ in length");
    LandmarkMetrics m;
    std::vector<double> all;
    std::vector<std::vector<double>> perKeypoint;
    for (size_t h = 0; h < truth.size(); ++h) {
        const auto& t = truth[h];
        const auto& p = predicted[h];
        const size_t K = visible[h].size();
        if (t.size() != 2 * K || p.size() != 2 * K) throw std::invalid_argument("evaluateLandmarks: point count mismatch");
        if (K < 10 || !visible[h][0] || !visible[h][9]) continue;
        const double scale = std::hypot(t[18] - t[0], t[19] - t[1]);
        if (!(scale > 0)) continue;
        ++m.hands;
        perKeypoint.resize(std::max(perKeypoint.size(), K));
        for (size_t k = 0; k < K; ++k) {
            if (!visible[h][k]) continue;
            const double e = std::hypot(p[2 * k] - t[2 * k], p[2 * k + 1] - t[2 * k + 1]) / scale;
            all.push_back(e);
            perKeypoint[k].push_back(e);
        }
    }
    m.points = static_cast<int>(all.size());
    if (all.empty()) return m;
    m.medianError = quantile(all, 0.5);
    m.p90Error = quantile(all, 0.9);
    double sum = 0;
    int within2_5 = 0, within5 = 0, within10 = 0;
    for (double e : all) {
        sum += e;
        within2_5 += e <= 0.025;
        within5 += e <= 0.05;
        within10 += e <= 0.10;
    }
    m.meanError = sum / static_cast<double>(all.size());
    m.pck2_5 = within2_5 / static_cast<double>(all.size());
    m.pck5 = within5 / static_cast<double>(all.size());
    m.pck10 = within10 / static_cast<double>(all.size());
    for (const auto& k : perKeypoint) m.medianErrorPerKeypoint.push_back(quantile(k, 0.5));
    return m;
}

std::string LandmarkMetrics::toJson() const
{
    std::ostringstream s;
    s << "{\"hands\": " << hands << ", \"points\": " << points << ", \"median_error\": " << num(medianError)
      << ", \"p90_error\": " << num(p90Error) << ", \"mean_error\": " << num(meanError) << ", \"pck_2_5\": " << num(pck2_5) << ", \"pck_5\": " << num(pck5)
      << ", \"pck_10\": " << num(pck10) << ", \"median_error_per_keypoint\": [";
    for (size_t k = 0; k < medianErrorPerKeypoint.size(); ++k) s << (k ? ", " : "") << num(medianErrorPerKeypoint[k]);
    s << "], \"unit\": \"fraction of the wrist-to-middle-MCP distance\"}";
    return s.str();
}

} // namespace boneage
