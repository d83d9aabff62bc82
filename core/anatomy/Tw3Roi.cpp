#include "anatomy/Tw3Roi.h"

#include "Tw3RoiData.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace boneage {

std::vector<Tw3RoiSpec> parseTw3RoiSchema(const std::string& text)
{
    std::vector<Tw3RoiSpec> out;
    try {
        const auto j = nlohmann::json::parse(text);
        if (j.value("format", "") != "boneage-tw3-rois-1") throw std::runtime_error("unknown format");
        for (const auto& r : j.at("rois")) {
            Tw3RoiSpec s;
            s.name = r.at("name").get<std::string>();
            s.group = r.at("group").get<std::string>();
            s.region = r.at("region").get<std::string>();
            s.bone = r.value("bone", "");
            s.anchor = handKeypointIndex(r.at("anchor").get<std::string>());
            s.toward = handKeypointIndex(r.at("toward").get<std::string>());
            if (s.anchor < 0 || s.toward < 0 || s.anchor == s.toward)
                throw std::runtime_error(s.name + ": unknown or equal anchor/toward keypoints");
            s.along = r.at("along").get<double>();
            s.lateral = r.at("lateral").get<double>();
            s.size = r.at("size").get<double>();
            if (!(s.size > 0 && s.size < 2)) throw std::runtime_error(s.name + ": size out of range");
            s.sizePerLength = r.value("size_per_length", 0.0);
            if (!(s.sizePerLength >= 0 && s.sizePerLength < 4)) throw std::runtime_error(s.name + ": size_per_length out of range");
            out.push_back(s);
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("TW3 ROI schema: ") + e.what());
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string("TW3 ROI schema: ") + e.what());
    }
    return out;
}

const std::vector<Tw3RoiSpec>& tw3RoiSchema()
{
    static const std::vector<Tw3RoiSpec> schema = parseTw3RoiSchema(kTw3RoisJson);
    return schema;
}

namespace {
constexpr double kPi = 3.14159265358979323846;
// The square's frame: `up` is the direction its top faces, `right` is up turned by 90 degrees clockwise.
void frameOf(double angleDegrees, cv::Point2d& up, cv::Point2d& right)
{
    const double t = angleDegrees * kPi / 180.0;
    up = {std::sin(t), -std::cos(t)};
    right = {std::cos(t), std::sin(t)};
}
} // namespace

double Tw3Roi::side() const
{
    const double t = angleDegrees * kPi / 180.0;
    return 0.5 * ((x1 - x0) + (y1 - y0)) / (std::abs(std::cos(t)) + std::abs(std::sin(t)));
}

std::array<cv::Point2d, 4> Tw3Roi::corners() const
{
    cv::Point2d up, right;
    frameOf(angleDegrees, up, right);
    const cv::Point2d c(cx(), cy());
    if (angleDegrees == 0) return {cv::Point2d(x0, y0), cv::Point2d(x1, y0), cv::Point2d(x1, y1), cv::Point2d(x0, y1)};
    const double h = 0.5 * side();
    return {c + h * (up - right), c + h * (up + right), c + h * (right - up), c - h * (up + right)};
}

bool Tw3Roi::contains(double x, double y) const
{
    if (angleDegrees == 0) return x >= x0 && x < x1 && y >= y0 && y < y1;
    cv::Point2d up, right;
    frameOf(angleDegrees, up, right);
    const cv::Point2d d(x - cx(), y - cy());
    const double h = 0.5 * side();
    return std::abs(d.dot(up)) <= h && std::abs(d.dot(right)) <= h;
}

Tw3Roi Tw3Roi::turned(std::string name, std::string group, double cx, double cy, double side, double angleDegrees, bool mirrored)
{
    const double t = angleDegrees * kPi / 180.0;
    const double e = 0.5 * side * (std::abs(std::cos(t)) + std::abs(std::sin(t)));
    return {std::move(name), std::move(group), cx - e, cy - e, cx + e, cy + e, angleDegrees, mirrored};
}

std::vector<Tw3Roi> placeTw3Rois(const HandKeypoints& p, const std::vector<Tw3RoiSpec>& schema)
{
    const HandPose pose = handPose(p);
    if (!pose.valid) return {};
    const double s = pose.scale;
    // Across the hand toward the thumb: perpendicular to wrist -> middle MCP, on the thumb's side.
    const double ux = (p[9].x - p[0].x) / s, uy = (p[9].y - p[0].y) / s;
    double tx = -uy, ty = ux;   // +90 degrees (clockwise on screen: toward image right when fingers are up)
    if (pose.side == 'R') {     // a right hand (PA) has its thumb on the other side
        tx = -tx;
        ty = -ty;
    }
    std::vector<Tw3Roi> out;
    for (const auto& spec : schema) {
        const HandKeypoint& a = p[spec.anchor];
        const HandKeypoint& b = p[spec.toward];
        double ax = ux, ay = uy;
        const double len = std::hypot(b.x - a.x, b.y - a.y);
        const bool spans = a.visible && b.visible && len > 1e-6;
        if (spans) {
            ax = (b.x - a.x) / len;
            ay = (b.y - a.y) / len;
        }
        const double cx = a.x + s * (spec.along * ax + spec.lateral * tx);
        const double cy = a.y + s * (spec.along * ay + spec.lateral * ty);
        // The box's top faces the bone's distal end: keypoints are numbered from the wrist outward
        // along each ray, so anchor -> toward is distal when toward has the larger index.
        const double dx = spec.toward > spec.anchor ? ax : -ax, dy = spec.toward > spec.anchor ? ay : -ay;
        const double angle = std::atan2(dx, -dy) * 180.0 / kPi;
        double side = spec.size * s;
        if (spans && spec.sizePerLength > 0) side = std::clamp(spec.sizePerLength * len, 0.7 * side, 1.4 * side);
        out.push_back(Tw3Roi::turned(spec.name, spec.group, cx, cy, side, angle, pose.side == 'R'));
    }
    return out;
}

cv::Matx23d roiPatchTransform(const Tw3Roi& roi, int size)
{
    cv::Point2d up, right;
    frameOf(roi.angleDegrees, up, right);
    if (roi.mirrored) right = -right;
    const double k = size / std::max(1e-6, roi.side()), c = 0.5 * (size - 1);
    // u = k * (p - centre) . right + c, v = -k * (p - centre) . up + c: the square onto [-0.5, size - 0.5].
    const double cx = roi.cx(), cy = roi.cy();
    return cv::Matx23d(k * right.x, k * right.y, c - k * (right.x * cx + right.y * cy),
                       -k * up.x, -k * up.y, c + k * (up.x * cx + up.y * cy));
}

cv::Mat extractRoiPatch(const cv::Mat& image, const Tw3Roi& roi, int size)
{
    if (size <= 0) throw std::invalid_argument("patch size must be positive");
    const double k = size / std::max(1e-6, roi.side());
    const cv::Matx23d m = roiPatchTransform(roi, size);
    if (k < 1) {   // shrinking: smooth the box's neighbourhood first so the patch does not alias
        const double sigma = 0.3 / k;
        const int pad = static_cast<int>(std::ceil(3 * sigma)) + 1;
        const cv::Rect around = cv::Rect(cv::Point(int(std::floor(roi.x0)) - pad, int(std::floor(roi.y0)) - pad),
                                         cv::Point(int(std::ceil(roi.x1)) + pad, int(std::ceil(roi.y1)) + pad)) &
                                cv::Rect(0, 0, image.cols, image.rows);
        if (around.empty()) return cv::Mat::zeros(size, size, image.type());
        cv::Mat part;
        cv::GaussianBlur(image(around), part, cv::Size(), sigma, sigma);
        cv::Mat patch;
        cv::Matx23d shifted = m;
        shifted(0, 2) += m(0, 0) * around.x + m(0, 1) * around.y;
        shifted(1, 2) += m(1, 0) * around.x + m(1, 1) * around.y;
        cv::warpAffine(part, patch, cv::Mat(shifted), cv::Size(size, size), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
        return patch;
    }
    cv::Mat patch;
    cv::warpAffine(image, patch, cv::Mat(m), cv::Size(size, size), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    return patch;
}

} // namespace boneage
