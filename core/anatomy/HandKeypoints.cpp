#include "anatomy/HandKeypoints.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <stdexcept>

namespace boneage {

const std::array<std::string, kHandKeypointCount>& handKeypointNames()
{
    static const std::array<std::string, kHandKeypointCount> names = {
        "wrist",         "thumb1",         "thumb2",         "thumb3",         "thumb4",       "forefinger1",
        "forefinger2",   "forefinger3",    "forefinger4",    "middle_finger1", "middle_finger2", "middle_finger3",
        "middle_finger4", "ring_finger1",  "ring_finger2",   "ring_finger3",   "ring_finger4", "pinky_finger1",
        "pinky_finger2", "pinky_finger3",  "pinky_finger4"};
    return names;
}

int handKeypointIndex(const std::string& name)
{
    const auto& n = handKeypointNames();
    const auto it = std::find(n.begin(), n.end(), name);
    return it == n.end() ? -1 : static_cast<int>(it - n.begin());
}

std::vector<AnnotatedHand> readCocoHandKeypoints(const std::string& path)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot be read.");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": not valid JSON (" + e.what() + ").");
    }
    std::vector<AnnotatedHand> out;
    try {
        std::map<std::string, std::pair<int, int>> sizes;
        for (const auto& im : j.at("images")) {
            const std::string id = im.at("id").is_string() ? im.at("id").get<std::string>() : std::to_string(im.at("id").get<long>());
            sizes[id] = {im.at("width").get<int>(), im.at("height").get<int>()};
        }
        for (const auto& a : j.at("annotations")) {
            const std::string id = a.at("image_id").is_string() ? a.at("image_id").get<std::string>()
                                                                 : std::to_string(a.at("image_id").get<long>());
            const auto size = sizes.find(id);
            if (size == sizes.end()) throw std::runtime_error("annotation of unknown image " + id);
            for (const char side : {'L', 'R'}) {
                const std::string key = side == 'L' ? "lefthand" : "righthand";
                if (!a.value(key + "_valid", false)) continue;
                const auto& k = a.at(key + "_kpts");
                if (k.size() != 3 * kHandKeypointCount)
                    throw std::runtime_error("image " + id + ": " + key + "_kpts holds " + std::to_string(k.size()) +
                                             " numbers, expected " + std::to_string(3 * kHandKeypointCount));
                AnnotatedHand h;
                h.id = id;
                h.width = size->second.first;
                h.height = size->second.second;
                h.side = side;
                for (int p = 0; p < kHandKeypointCount; ++p) {
                    h.points[p].x = k[3 * p].get<double>();
                    h.points[p].y = k[3 * p + 1].get<double>();
                    h.points[p].visible = k[3 * p + 2].get<double>() > 0;
                    h.points[p].score = h.points[p].visible ? 1 : 0;
                }
                out.push_back(h);
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": not a COCO hand keypoint file (" + e.what() + ").");
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(path + ": " + e.what() + ".");
    }
    return out;
}

HandPose handPose(const HandKeypoints& p)
{
    HandPose pose;
    const HandKeypoint& wrist = p[0];
    const HandKeypoint& middle = p[9];
    const HandKeypoint& thumb = p[1];
    if (!wrist.visible || !middle.visible) return pose;
    const double vx = middle.x - wrist.x, vy = middle.y - wrist.y;
    pose.scale = std::hypot(vx, vy);
    if (pose.scale <= 0) return pose;
    pose.valid = true;
    // Clockwise from up (image y grows downward): up = (0,-1), right = (1,0) is +90 degrees.
    pose.angleDegrees = std::atan2(vx, -vy) * 180.0 / std::acos(-1.0);
    if (thumb.visible) {
        const double cross = vx * (thumb.y - wrist.y) - vy * (thumb.x - wrist.x);
        pose.side = cross > 0 ? 'L' : 'R';
    }
    pose.x0 = pose.y0 = 1e300;
    pose.x1 = pose.y1 = -1e300;
    for (const auto& k : p) {
        if (!k.visible) continue;
        pose.x0 = std::min(pose.x0, k.x);
        pose.y0 = std::min(pose.y0, k.y);
        pose.x1 = std::max(pose.x1, k.x);
        pose.y1 = std::max(pose.y1, k.y);
    }
    const double m = 0.25 * pose.scale;
    pose.x0 -= m;
    pose.y0 -= m;
    pose.x1 += m;
    pose.y1 += m;
    return pose;
}

} // namespace boneage
