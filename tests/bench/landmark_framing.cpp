// landmark_framing LANDMARK_PACKAGE IMAGES_DIR LABELS_CSV [limit]: does the landmark model find the
// same hand on the film turned by 90, 180 and 270 degrees (issue 17)? For each film, the keypoints
// read on each turned copy are mapped back onto the film and compared with those read on the film
// itself (distance / hand scale). Prints, per turn: hand found, the same hand (median keypoint
// distance below 10 % of the hand scale), the quarter turn the model read it on, and the median and
// 90th percentile of the per-film median distance. docs/landmarks.md quotes its figures.
#include "imaging/RadiographLoader.h"
#include "inference/LandmarkModel.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace boneage;

namespace {

double quantile(std::vector<double> v, double q)
{
    if (v.empty()) return NAN;
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(std::min<double>(v.size() - 1, std::floor(q * (v.size() - 1) + 0.5)))];
}

// A point of the film turned clockwise by `degrees`, back on the film (w x h, continuous pixels).
cv::Point2d unturn(double x, double y, int degrees, double w, double h)
{
    switch (degrees) {
    case 90: return {y, h - x};
    case 180: return {w - x, h - y};
    case 270: return {w - y, x};
    default: return {x, y};
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: landmark_framing LANDMARK_PACKAGE IMAGES_DIR LABELS_CSV [limit]\n");
        return 2;
    }
    setInferenceThreads(1);
    const LandmarkModel model = LandmarkModel::load(argv[1]);
    const size_t limit = argc > 4 ? std::stoul(argv[4]) : 100000;
    std::ifstream labels(argv[3]);
    std::string line;
    std::getline(labels, line);
    struct Tally { int films = 0, found = 0, same = 0; std::map<int, int> readOn; std::vector<double> distance; };
    std::map<int, Tally> tally;
    size_t done = 0;
    while (std::getline(labels, line) && done < limit) {
        const std::string id = line.substr(0, line.find(','));
        std::string file;
        for (const char* ext : {".jpg", ".png", ".dcm"})
            if (std::filesystem::exists(std::string(argv[2]) + "/" + id + ext)) file = std::string(argv[2]) + "/" + id + ext;
        if (file.empty()) continue;
        Radiograph film;
        try {
            film = loadRadiograph(file);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s: %s\n", id.c_str(), e.what());
            continue;
        }
        const HandLandmarks upright = model.detect(film);
        if (!upright.handFound) continue;   // the reference must have a hand
        ++done;
        const double w = film.width(), h = film.height();
        for (int degrees : {0, 90, 180, 270}) {
            Radiograph turned = film;
            turned.pixels = cv::Mat();
            if (degrees == 0) turned.pixels = film.pixels;
            else cv::rotate(film.pixels, turned.pixels, degrees == 90 ? cv::ROTATE_90_CLOCKWISE
                                                        : degrees == 180 ? cv::ROTATE_180 : cv::ROTATE_90_COUNTERCLOCKWISE);
            const HandLandmarks l = model.detect(turned);
            Tally& t = tally[degrees];
            ++t.films;
            ++t.readOn[l.readTurnDegrees];
            if (!l.handFound) continue;
            ++t.found;
            std::vector<double> d;
            for (int k = 0; k < kHandKeypointCount; ++k) {
                const cv::Point2d p = unturn(l.points[k].x, l.points[k].y, degrees, w, h);
                d.push_back(std::hypot(p.x - upright.points[k].x, p.y - upright.points[k].y) / upright.pose.scale);
            }
            const double median = quantile(d, 0.5);
            t.distance.push_back(median);
            if (median < 0.10) ++t.same;
        }
    }
    std::printf("films with a hand on the upright film: %zu\n", done);
    for (auto& [degrees, t] : tally) {
        std::printf("turned %3d: hand found %d/%d, same hand %d, keypoint distance / scale median %.4f p90 %.4f; read on turns:",
                    degrees, t.found, t.films, t.same, quantile(t.distance, 0.5), quantile(t.distance, 0.9));
        for (auto [turn, n] : t.readOn) std::printf(" %d:%d", turn, n);
        std::printf("\n");
    }
    return 0;
}
