#pragma once
// The two helpers every benchmark here times with: milliseconds between two instants and the median.
#include <algorithm>
#include <chrono>
#include <vector>

namespace boneage::bench {

using Clock = std::chrono::steady_clock;

inline double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace boneage::bench
