#include "anatomy/HandAlignment.h"

#include "anatomy/Tw3Roi.h"
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

namespace {

// Margins of the hand box, as fractions of the keypoints' box in the upright frame. The keypoints
// run from the wrist to the finger tips and between the thumb and little finger joints: the sides
// add the soft tissue beyond the outer joints, the top the tip's tuft, the bottom the distal radius
// and ulna with their growth plates below the wrist keypoint (TW3's radius and ulna ROIs).
constexpr double kSideMargin = 0.12, kTopMargin = 0.05, kBottomMargin = 0.30;

// Continuous pixel coordinates (corner at 0) of a w x h picture turned clockwise by `degrees`.
cv::Matx33d turnMatrix(int degrees, double w, double h)
{
    switch (degrees) {
    case 90: return {0, -1, h, 1, 0, 0, 0, 0, 1};     // (x, y) -> (h - y, x)
    case 180: return {-1, 0, w, 0, -1, h, 0, 0, 1};   // (x, y) -> (w - x, h - y)
    case 270: return {0, 1, 0, -1, 0, w, 0, 0, 1};    // (x, y) -> (y, w - x)
    default: return cv::Matx33d::eye();
    }
}

cv::Point2d apply(const cv::Matx33d& m, double x, double y)
{
    return {m(0, 0) * x + m(0, 1) * y + m(0, 2), m(1, 0) * x + m(1, 1) * y + m(1, 2)};
}

} // namespace

HandBoxView handBoxView(const HandKeypoints& points, int filmWidth, int filmHeight, int width, int height, bool asLeft)
{
    HandBoxView v;
    const HandPose pose = handPose(points);
    if (!pose.valid || width <= 0 || height <= 0 || filmWidth <= 0 || filmHeight <= 0) return v;
    // The fingers point at pose.angleDegrees clockwise from up: turn back by the nearest quarter.
    const int quarter = static_cast<int>(std::lround(pose.angleDegrees / 90.0));
    v.turnDegrees = ((-quarter * 90) % 360 + 360) % 360;
    v.mirrored = asLeft && pose.side == 'R';
    const bool sideways = v.turnDegrees == 90 || v.turnDegrees == 270;
    const double tw = sideways ? filmHeight : filmWidth;   // the turned film's width
    cv::Matx33d upright = turnMatrix(v.turnDegrees, filmWidth, filmHeight);
    if (v.mirrored) upright = cv::Matx33d(-1, 0, tw, 0, 1, 0, 0, 0, 1) * upright;
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const auto& k : points) {
        if (!k.visible) continue;
        const cv::Point2d q = apply(upright, k.x, k.y);
        x0 = std::min(x0, q.x), y0 = std::min(y0, q.y), x1 = std::max(x1, q.x), y1 = std::max(y1, q.y);
    }
    const double bw = x1 - x0, bh = y1 - y0;
    if (!(bw > 0 && bh > 0)) return v;
    const cv::Rect2d box(x0 - kSideMargin * bw, y0 - kTopMargin * bh, bw * (1 + 2 * kSideMargin), bh * (1 + kTopMargin + kBottomMargin));
    // The box back on the film (quarter turns and mirrors keep it axis-aligned).
    const cv::Matx33d back = upright.inv();
    const cv::Point2d a = apply(back, box.x, box.y), b = apply(back, box.x + box.width, box.y + box.height);
    v.filmBox = cv::Rect2d(cv::Point2d(std::min(a.x, b.x), std::min(a.y, b.y)), cv::Point2d(std::max(a.x, b.x), std::max(a.y, b.y)));
    v.width = width;
    v.height = height;
    const cv::Matx33d toView = cv::Matx33d(width / box.width, 0, -box.x * width / box.width, 0, height / box.height,
                                           -box.y * height / box.height, 0, 0, 1) * upright;
    v.toView = cv::Matx23d(toView(0, 0), toView(0, 1), toView(0, 2), toView(1, 0), toView(1, 1), toView(1, 2));
    v.valid = true;
    return v;
}

cv::Mat renderHandBoxView(const cv::Mat& grey8, const HandBoxView& v, int detail)
{
    if (!v.valid || grey8.empty()) return {};
    // The box in whole pixels, black where it reaches beyond the film.
    const cv::Rect box(static_cast<int>(std::floor(v.filmBox.x)), static_cast<int>(std::floor(v.filmBox.y)),
                       std::max(1, static_cast<int>(std::ceil(v.filmBox.x + v.filmBox.width)) - static_cast<int>(std::floor(v.filmBox.x))),
                       std::max(1, static_cast<int>(std::ceil(v.filmBox.y + v.filmBox.height)) - static_cast<int>(std::floor(v.filmBox.y))));
    // A box far larger than the film means the keypoints are nonsense: refuse rather than allocate.
    if (double(box.width) * box.height > 16.0 * std::max(1, grey8.cols) * std::max(1, grey8.rows) + 1e6) return {};
    cv::Mat cut(box.height, box.width, CV_8UC1, cv::Scalar(0));
    const cv::Rect inside = box & cv::Rect(0, 0, grey8.cols, grey8.rows);
    if (inside.area() > 0) grey8(inside).copyTo(cut(inside - box.tl()));
    if (detail > 0 && std::max(cut.cols, cut.rows) > detail) {
        const double f = double(detail) / std::max(cut.cols, cut.rows);
        cv::resize(cut, cut, cv::Size(std::max(1, static_cast<int>(std::lround(cut.cols * f))), std::max(1, static_cast<int>(std::lround(cut.rows * f)))),
                   0, 0, cv::INTER_AREA);
    }
    if (v.turnDegrees == 90) cv::rotate(cut, cut, cv::ROTATE_90_CLOCKWISE);
    else if (v.turnDegrees == 180) cv::rotate(cut, cut, cv::ROTATE_180);
    else if (v.turnDegrees == 270) cv::rotate(cut, cut, cv::ROTATE_90_COUNTERCLOCKWISE);
    if (v.mirrored) cv::flip(cut, cut, 1);
    cv::Mat out;
    const bool shrinking = cut.cols > v.width && cut.rows > v.height;
    cv::resize(cut, out, cv::Size(v.width, v.height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    return out;
}

namespace {

PreparedImage prepareHandBox(const cv::Mat& grey, const PreprocessRecipe& recipe, const HandBoxView& v)
{
    cv::Mat view = renderHandBoxView(grey, v, recipe.handBoxDetail);
    if (view.empty()) throw std::invalid_argument("the hand's box could not be derived from its keypoints: the image cannot be prepared");
    PreparedImage p;
    p.geometry.crop = cv::Rect(0, 0, grey.cols, grey.rows);
    p.geometry.hasAffine = true;
    p.geometry.affine = v.toView;
    p.hand.box = cv::Rect(v.filmBox) & cv::Rect(0, 0, grey.cols, grey.rows);
    p.hand.found = p.hand.box.area() > 0;
    p.hand.areaFraction = double(p.hand.box.area()) / std::max(1, grey.cols * grey.rows);
    p.grey8 = applyContrast(view, recipe);
    if (!p.grey8.isContinuous()) p.grey8 = p.grey8.clone();
    p.input = normalizeToFloat(p.grey8, recipe.mean, recipe.std);
    return p;
}

// The recipe's ROI patches (PreparedImage::roiPatches): cut from the windowed film at its own
// resolution, then each stretched linearly on its own between its 1st and 99th percentile grey levels,
// with a gain of at most 4 (films differ in exposure, and one bone's patch spans a narrow range of the
// film's grey levels: on the first cache a dim film's patches were near-flat grey without it; a
// histogram equalisation per patch, tried first, turned the soft tissue of flat patches into noise).
// An ROI is masked (black, roiPresent 0) when a keypoint it is placed from was not seen or
// its centre lies off the film; no keypoints (the whole film read without a hand): all masked.
cv::Mat stretchPatch(const cv::Mat& patch)
{
    int histogram[256] = {0};
    for (int y = 0; y < patch.rows; ++y)
        for (int x = 0; x < patch.cols; ++x) ++histogram[patch.at<std::uint8_t>(y, x)];
    const int n = patch.rows * patch.cols;
    int lo = 0, hi = 255, seen = 0;
    for (int v = 0; v < 256; ++v)
        if ((seen += histogram[v]) > n / 100) {
            lo = v;
            break;
        }
    seen = 0;
    for (int v = 255; v >= 0; --v)
        if ((seen += histogram[v]) > n / 100) {
            hi = v;
            break;
        }
    const double range = std::max(64, hi - lo), gain = 255.0 / range;
    // Centre a narrow range (gain capped) on mid-grey rather than pinning it to black.
    const double offset = hi - lo < 64 ? 0.5 * (lo + hi) - 0.5 * range : lo;
    cv::Mat out;
    patch.convertTo(out, CV_8U, gain, -offset * gain);
    return out;
}

void addRoiPatches(PreparedImage& p, const cv::Mat& grey, const HandKeypoints* points, const PreprocessRecipe& recipe)
{
    const int size = recipe.roiPatchSize;
    if (size <= 0) return;
    const auto& schema = tw3RoiSchema();
    p.roiPatches = cv::Mat::zeros(static_cast<int>(schema.size()) * size, size, CV_8UC1);
    p.roiPresent.assign(schema.size(), 0);
    if (!points) return;
    const std::vector<Tw3Roi> rois = placeTw3Rois(*points, schema);
    for (size_t i = 0; i < rois.size() && i < schema.size(); ++i) {
        const Tw3Roi& r = rois[i];
        const bool seen = (*points)[schema[i].anchor].visible && (*points)[schema[i].toward].visible;
        const bool onFilm = r.cx() >= 0 && r.cy() >= 0 && r.cx() < grey.cols && r.cy() < grey.rows;
        if (!seen || !onFilm) continue;
        stretchPatch(extractRoiPatch(grey, r, size)).copyTo(p.roiPatches(cv::Rect(0, static_cast<int>(i) * size, size, size)));
        p.roiPresent[i] = 1;
    }
}

void requireFixedSize(const PreprocessRecipe& recipe)
{
    if (recipe.width <= 0 || recipe.height <= 0)
        throw std::invalid_argument("recipe '" + recipe.name + "' cuts the hand's box: it needs a fixed size");
}

} // namespace

PreparedImage prepareWithKeypoints(const Radiograph& radiograph, const PreprocessRecipe& recipe, const HandKeypoints& points)
{
    if (!recipe.handBox) {
        PreparedImage p = prepareAligned(radiograph, recipe, points);
        if (recipe.roiPatchSize > 0) addRoiPatches(p, renderDisplay8(radiograph, radiograph.defaultDisplay()), &points, recipe);
        return p;
    }
    requireFixedSize(recipe);
    const cv::Mat grey = renderDisplay8(radiograph, radiograph.defaultDisplay());
    PreparedImage p = prepareHandBox(grey, recipe, handBoxView(points, grey.cols, grey.rows, recipe.width, recipe.height));
    addRoiPatches(p, grey, &points, recipe);
    return p;
}

PreparedImage prepareWholeFilmAsHandBox(const Radiograph& radiograph, const PreprocessRecipe& recipe)
{
    if (!recipe.handBox) throw std::invalid_argument("recipe '" + recipe.name + "' aligns the hand by its keypoints; without a hand it cannot be prepared");
    requireFixedSize(recipe);
    const cv::Mat grey = renderDisplay8(radiograph, radiograph.defaultDisplay());
    HandBoxView v;
    v.valid = true;
    v.filmBox = cv::Rect2d(0, 0, grey.cols, grey.rows);
    v.width = recipe.width;
    v.height = recipe.height;
    v.toView = cv::Matx23d(double(recipe.width) / std::max(1, grey.cols), 0, 0, 0, double(recipe.height) / std::max(1, grey.rows), 0);
    PreparedImage p = prepareHandBox(grey, recipe, v);
    addRoiPatches(p, grey, nullptr, recipe);
    return p;
}

} // namespace boneage
