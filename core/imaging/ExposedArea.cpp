#include "ExposedArea.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

namespace boneage {

namespace {

int median(std::vector<std::uint8_t> values)
{
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

// The film's darkest and brightest grey (0.5th and 99.5th percentiles, so a few stray pixels do not
// count).
std::pair<int, int> extremes(const cv::Mat& grey8)
{
    int histogram[256] = {};
    for (auto it = grey8.begin<std::uint8_t>(); it != grey8.end<std::uint8_t>(); ++it) ++histogram[*it];
    const double n = double(grey8.total());
    int low = 0, high = 255;
    for (double below = 0; low < 255 && (below += histogram[low]) <= 0.005 * n;) ++low;
    for (double above = 0; high > 0 && (above += histogram[high]) <= 0.005 * n;) --high;
    return {low, high};
}

// Whether a line (a row or a column of the working copy) is margin: flat (within the tolerance of its
// own median but for a few pixels) at the film's black or its white.
bool margin(const cv::Mat& line, std::pair<int, int> extremes)
{
    std::vector<std::uint8_t> v;
    v.reserve(line.total());
    for (auto it = line.begin<std::uint8_t>(); it != line.end<std::uint8_t>(); ++it) v.push_back(*it);
    const int value = median(v);
    // The percentiles sit a little inside a grainy band's values: twice the tolerance for them.
    if (std::abs(value - extremes.first) > 2 * kExposedAreaTolerance && std::abs(value - extremes.second) > 2 * kExposedAreaTolerance)
        return false;
    // Two more: the line's two ends, where a band already cut meets the next one (blended pixels).
    const int allowed = 2 + static_cast<int>(std::floor(kExposedAreaOutliers * double(v.size())));
    int off = 0;
    for (const std::uint8_t x : v)
        if (std::abs(int(x) - value) > kExposedAreaTolerance && ++off > allowed) return false;
    return true;
}

} // namespace

cv::Rect exposedArea(const cv::Mat& grey8)
{
    const cv::Rect whole(0, 0, grey8.cols, grey8.rows);
    if (grey8.empty() || grey8.type() != CV_8UC1 || grey8.cols < 16 || grey8.rows < 16) return whole;
    // On a copy of at most 512 px, median-filtered: JPEG ringing and film grain are not structure.
    const double scale = std::min(1.0, 512.0 / std::max(grey8.cols, grey8.rows));
    const cv::Size size(std::max(1, int(std::lround(grey8.cols * scale))), std::max(1, int(std::lround(grey8.rows * scale))));
    cv::Mat small;
    cv::resize(grey8, small, size, 0, 0, cv::INTER_AREA);
    cv::medianBlur(small, small, 3);
    const int w = small.cols, h = small.rows;
    const auto ends = extremes(small);
    int top = 0, bottom = h, left = 0, right = w;   // [top, bottom) x [left, right)
    // Rows over the columns left and columns over the rows left, until nothing more goes: a band that
    // is flat only between two other bands (a film's own frame inside a wider pad) goes too.
    for (bool changed = true; changed;) {
        const cv::Vec4i before(top, bottom, left, right);
        const cv::Range columns(left, right);
        while (top < bottom && margin(small.row(top).colRange(columns), ends)) ++top;
        while (bottom > top && margin(small.row(bottom - 1).colRange(columns), ends)) --bottom;
        const cv::Range rows(top, bottom);
        while (left < right && rows.size() > 0 && margin(small.col(left).rowRange(rows), ends)) ++left;
        while (right > left && rows.size() > 0 && margin(small.col(right - 1).rowRange(rows), ends)) --right;
        if (bottom - top < kExposedAreaMinimum * h || right - left < kExposedAreaMinimum * w) return whole;
        changed = cv::Vec4i(top, bottom, left, right) != before;
    }
    cv::Rect area(static_cast<int>(std::floor(left / scale)), static_cast<int>(std::floor(top / scale)), 0, 0);
    area.width = static_cast<int>(std::ceil(right / scale)) - area.x;
    area.height = static_cast<int>(std::ceil(bottom / scale)) - area.y;
    area &= whole;
    return area.area() > 0 ? area : whole;
}

} // namespace boneage
