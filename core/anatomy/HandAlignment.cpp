#include "anatomy/HandAlignment.h"

#include "imaging/Display.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace boneage {

HandAlignment handAlignment(const HandKeypoints& points, int size, bool asLeft)
{
    HandAlignment a;
    const HandPose pose = handPose(points);
    if (!pose.valid || size <= 0) return a;
    a.size = size;
    a.mirrored = asLeft && pose.side == 'R';
    // Rotation by -angle about the wrist (angle is clockwise from up, y down), then the mirror about
    // the wrist's column.
    const double t = -pose.angleDegrees * std::acos(-1.0) / 180.0;
    const double c = std::cos(t), s = std::sin(t), m = a.mirrored ? -1.0 : 1.0;
    const double wx = points[0].x, wy = points[0].y;
    const cv::Matx23d upright(m * c, -m * s, wx - m * (c * wx - s * wy), s, c, wy - (s * wx + c * wy));
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const auto& k : points) {
        if (!k.visible) continue;
        const double qx = upright(0, 0) * k.x + upright(0, 1) * k.y + upright(0, 2);
        const double qy = upright(1, 0) * k.x + upright(1, 1) * k.y + upright(1, 2);
        x0 = std::min(x0, qx), y0 = std::min(y0, qy), x1 = std::max(x1, qx), y1 = std::max(y1, qy);
    }
    const double margin = 0.25 * pose.scale;
    y1 = std::max(y1, wy + 0.35 * pose.scale);   // the rotated wrist keypoint stays at (wx, wy)
    const double side = std::max(x1 - x0, y1 - y0) + 2 * margin;
    const double left = (x0 + x1 - side) / 2, top = (y0 + y1 - side) / 2, k = size / side;
    for (int col = 0; col < 3; ++col) {
        a.toAligned(0, col) = k * upright(0, col);
        a.toAligned(1, col) = k * upright(1, col);
    }
    a.toAligned(0, 2) -= k * left;
    a.toAligned(1, 2) -= k * top;
    a.valid = true;
    return a;
}

cv::Mat alignHand(const cv::Mat& image, const HandAlignment& a)
{
    if (!a.valid || image.empty()) return {};
    // warpAffine has no area interpolation: shrink by area first so a 2000 px film does not alias.
    const double scale = std::sqrt(std::abs(a.toAligned(0, 0) * a.toAligned(1, 1) - a.toAligned(0, 1) * a.toAligned(1, 0)));
    cv::Mat source = image;
    cv::Matx23d map = a.toAligned;
    if (scale < 0.5) {
        const double f = std::min(1.0, 2 * scale);
        cv::resize(image, source, cv::Size(), f, f, cv::INTER_AREA);
        const double fx = double(source.cols) / image.cols, fy = double(source.rows) / image.rows;
        for (int r = 0; r < 2; ++r) {   // source = diag(fx, fy) * image: divide the columns
            map(r, 0) /= fx;
            map(r, 1) /= fy;
        }
    }
    cv::Mat out;
    cv::warpAffine(source, out, cv::Mat(map), cv::Size(a.size, a.size), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    return out;
}

PreparedImage prepareAligned(const Radiograph& radiograph, const PreprocessRecipe& recipe, const HandKeypoints& points)
{
    if (recipe.width <= 0 || recipe.width != recipe.height)
        throw std::invalid_argument("recipe '" + recipe.name + "' aligns the hand: it needs a square size");
    const HandAlignment a = handAlignment(points, recipe.width);
    if (!a.valid) throw std::invalid_argument("the hand's pose could not be derived from its keypoints: the image cannot be aligned");
    PreparedImage p;
    const cv::Mat grey = renderDisplay8(radiograph, radiograph.defaultDisplay());
    p.geometry.crop = cv::Rect(0, 0, grey.cols, grey.rows);
    p.geometry.hasAffine = true;
    p.geometry.affine = a.toAligned;
    // The hand region: the aligned square's footprint on the film (its corners mapped back).
    std::vector<cv::Point2f> corners;
    for (const cv::Point2d c : {cv::Point2d(0, 0), cv::Point2d(a.size, 0), cv::Point2d(0, a.size), cv::Point2d(a.size, a.size)}) {
        const cv::Point2d q = p.geometry.toSource(c);
        corners.emplace_back(static_cast<float>(q.x), static_cast<float>(q.y));
    }
    p.hand.box = cv::boundingRect(corners) & cv::Rect(0, 0, grey.cols, grey.rows);
    p.hand.found = p.hand.box.area() > 0;
    p.hand.areaFraction = double(p.hand.box.area()) / std::max(1, grey.cols * grey.rows);
    p.grey8 = applyContrast(alignHand(grey, a), recipe);
    if (!p.grey8.isContinuous()) p.grey8 = p.grey8.clone();
    p.input = normalizeToFloat(p.grey8, recipe.mean, recipe.std);
    return p;
}

} // namespace boneage
