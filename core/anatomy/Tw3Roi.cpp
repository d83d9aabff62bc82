#include "anatomy/Tw3Roi.h"

#include "Tw3RoiData.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

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
        if (a.visible && b.visible && len > 1e-6) {
            ax = (b.x - a.x) / len;
            ay = (b.y - a.y) / len;
        }
        const double cx = a.x + s * (spec.along * ax + spec.lateral * tx);
        const double cy = a.y + s * (spec.along * ay + spec.lateral * ty);
        const double h = 0.5 * spec.size * s;
        out.push_back({spec.name, spec.group, cx - h, cy - h, cx + h, cy + h});
    }
    return out;
}

cv::Mat extractRoiPatch(const cv::Mat& image, const Tw3Roi& roi, int size)
{
    if (size <= 0) throw std::invalid_argument("patch size must be positive");
    // Affine map from the ROI square to the patch; warpAffine samples outside the image as black.
    const double sx = size / std::max(1e-6, roi.x1 - roi.x0), sy = size / std::max(1e-6, roi.y1 - roi.y0);
    const cv::Mat m = (cv::Mat_<double>(2, 3) << sx, 0, -roi.x0 * sx, 0, sy, -roi.y0 * sy);
    cv::Mat src = image;
    if (sx < 1 || sy < 1) {   // shrinking: smooth first so the patch does not alias
        const double sigma = 0.5 / std::min(sx, sy);
        cv::GaussianBlur(image, src, cv::Size(), sigma * 0.6, sigma * 0.6);
    }
    cv::Mat patch;
    cv::warpAffine(src, patch, m, cv::Size(size, size), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    return patch;
}

} // namespace boneage
