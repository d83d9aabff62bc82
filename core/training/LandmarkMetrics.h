#pragma once
// Keypoint error measures (plain C++): each error is the distance between predicted and annotated
// point divided by that hand's annotated wrist -> middle MCP distance (the hand's scale).
#include <string>
#include <vector>

namespace boneage {

struct LandmarkMetrics {
    int hands = 0, points = 0;
    double medianError = 0, p90Error = 0, meanError = 0;   // fractions of the hand scale
    double pck2_5 = 0, pck5 = 0, pck10 = 0;                 // share of points within 2.5 % / 5 % / 10 %
    std::vector<double> medianErrorPerKeypoint;             // [K]
    std::string toJson() const;
};

// predicted, truth: per hand, K points as x0 y0 x1 y1 ...; visible: per hand, K flags (only visible
// annotated points count). Hands whose wrist or middle MCP (indices 0 and 9) is not visible are skipped.
LandmarkMetrics evaluateLandmarks(const std::vector<std::vector<double>>& predicted,
                                  const std::vector<std::vector<double>>& truth,
                                  const std::vector<std::vector<bool>>& visible);

} // namespace boneage
