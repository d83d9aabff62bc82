#include "inference/AttentionMap.h"

#include "imaging/Preprocessing.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <utility>

namespace boneage {

cv::Point2d AttentionMap::sourcePoint(cv::Point2d p) const
{
    return {toSource(0, 0) * p.x + toSource(0, 1) * p.y + toSource(0, 2), toSource(1, 0) * p.x + toSource(1, 1) * p.y + toSource(1, 2)};
}

cv::Mat AttentionMap::inSourceFrame(cv::Size size) const
{
    if (map.empty()) return cv::Mat::zeros(size, CV_32F);
    // OpenCV addresses pixel centres by their index (centre of pixel i at i), this struct by edges
    // (centre at i + 0.5): shift into the edge frame, apply, shift back.
    cv::Matx23d m = toSource;
    m(0, 2) += 0.5 * (m(0, 0) + m(0, 1)) - 0.5;
    m(1, 2) += 0.5 * (m(1, 0) + m(1, 1)) - 0.5;
    cv::Mat out;
    cv::warpAffine(map, out, m, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    return out;
}

cv::Matx23d inputToSource(const PreparedGeometry& geometry, cv::Size preparedSize, int inputSize)
{
    // Input pixel u covers prepared [u * W / s, (u + 1) * W / s): bilinear resizing without aligned
    // corners keeps the edges of the two grids together. The prepared-to-source map is affine (a
    // stretch or pad resize, or the aligned hand's inverse affine): read it off three points.
    const double sx = double(preparedSize.width) / inputSize, sy = double(preparedSize.height) / inputSize;
    const cv::Point2d o = geometry.toSource({0, 0});
    const cv::Point2d ex = geometry.toSource({sx, 0}) - o;
    const cv::Point2d ey = geometry.toSource({0, sy}) - o;
    return cv::Matx23d(ex.x, ey.x, o.x, ex.y, ey.y, o.y);
}

ExplanationBox boxToSource(const cv::Matx23d& m, double x0, double y0, double x1, double y1, std::string label,
                           std::optional<double> score)
{
    // Both frames address edges (pixel i covers [i, i+1)), so box edges map directly.
    ExplanationBox b;
    b.label = std::move(label);
    b.score = score;
    bool first = true;
    for (const auto& [u, v] : {std::pair{x0, y0}, std::pair{x1, y0}, std::pair{x0, y1}, std::pair{x1, y1}}) {
        const double x = m(0, 0) * u + m(0, 1) * v + m(0, 2), y = m(1, 0) * u + m(1, 1) * v + m(1, 2);
        if (first) b.x0 = b.x1 = x, b.y0 = b.y1 = y, first = false;
        b.x0 = std::min(b.x0, x), b.x1 = std::max(b.x1, x), b.y0 = std::min(b.y0, y), b.y1 = std::max(b.y1, y);
    }
    return b;
}

cv::Mat meanAttention(const std::vector<AttentionMap>& maps, cv::Size size)
{
    cv::Mat sum;
    for (const auto& m : maps) {
        if (m.empty()) continue;
        const cv::Mat s = m.inSourceFrame(size);
        if (sum.empty()) sum = s.clone();
        else sum += s;
    }
    if (sum.empty()) return sum;
    double peak = 0;
    cv::minMaxLoc(sum, nullptr, &peak);
    if (peak > 0) sum /= peak;
    return sum;
}

} // namespace boneage
