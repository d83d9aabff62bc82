// `boneage landmarks`: hand keypoints, pose and the 18 TW3 ROIs of one radiograph, as JSON or text,
// with an optional overlay picture to look at.
#include "CommandLine.h"
#include "Commands.h"
#include "LabelsCsv.h"
#include "ActiveModels.h"
#include "ModelsLocation.h"
#include "OpenMpWaiting.h"
#include "OutputFiles.h"

#include "common/AtomicFile.h"
#include "imaging/Display.h"
#include "imaging/RadiographLoader.h"
#include "inference/LandmarkModel.h"
#include "training/LandmarkMetrics.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <cstdio>
#include <iostream>

namespace boneage::cli {

namespace {

double r1(double v) { return std::round(v * 10) / 10; }

nlohmann::json toJson(const HandLandmarks& h, const std::string& file)
{
    nlohmann::json points = nlohmann::json::array();
    for (int k = 0; k < kHandKeypointCount; ++k)
        points.push_back({{"name", handKeypointNames()[k]}, {"x", r1(h.points[k].x)}, {"y", r1(h.points[k].y)},
                          {"score", std::round(h.points[k].score * 1000) / 1000}});
    nlohmann::json rois = nlohmann::json::array();
    for (const auto& r : h.rois)
        // x0..y1: the enclosing axis-aligned box; the ROI is the square of `side` about (cx, cy) turned by
        // `angle` degrees clockwise (its top faces the bone's distal end); `mirrored`: a right hand.
        rois.push_back({{"name", r.name}, {"group", r.group}, {"x0", r1(r.x0)}, {"y0", r1(r.y0)}, {"x1", r1(r.x1)}, {"y1", r1(r.y1)},
                        {"cx", r1(r.cx())}, {"cy", r1(r.cy())}, {"side", r1(r.side())}, {"angle", r1(r.angleDegrees)},
                        {"mirrored", r.mirrored}});
    nlohmann::json j = {{"file", file},
                        {"model", h.modelId},
                        {"width", h.imageWidth},
                        {"height", h.imageHeight},
                        {"hand_found", h.handFound},
                        {"confidence", std::round(h.confidence * 1000) / 1000},
                        {"read_turn_degrees", h.readTurnDegrees},
                        {"read_on_hand", h.readOnHand},
                        {"read_inverted", h.readInverted},
                        // null: read as displayed; else the gamma of the tone-stretched picture the hand was found on
                        {"tone_stretch_gamma", h.toneStretchGamma > 0 ? nlohmann::json(h.toneStretchGamma) : nlohmann::json(nullptr)},
                        {"read_region", h.readRegion},   // "film", or the half the hand was found in (a film of both hands)
                        {"polarity_scores", {{"displayed", std::round(h.displayedPolarityScore * 1000) / 1000},
                                             {"inverted", std::round(h.invertedPolarityScore * 1000) / 1000}}},
                        {"refinement_model", h.refinementModelId.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.refinementModelId)},
                        {"refined_keypoints", h.refinedPoints},
                        {"keypoints", points},
                        {"rois", rois},
                        {"milliseconds", {{"prepare", r1(h.prepareMilliseconds)}, {"inference", r1(h.inferenceMilliseconds)}}}};
    if (h.handFound) {
        j["hand_box"] = {{"x0", r1(h.pose.x0)}, {"y0", r1(h.pose.y0)}, {"x1", r1(h.pose.x1)}, {"y1", r1(h.pose.y1)}};
        j["orientation_degrees"] = r1(h.pose.angleDegrees);
        j["orientation"] = "direction of the fingers, degrees clockwise from up";
        j["side"] = h.pose.side == 'L' ? "left" : h.pose.side == 'R' ? "right" : "unknown";
        j["hand_scale_pixels"] = r1(h.pose.scale);
    } else {
        j["problem"] = h.problem;
    }
    return j;
}

// The radiograph (default window) with the keypoints, the hand's skeleton, and the labelled ROI boxes.
cv::Mat drawOverlay(const Radiograph& film, const HandLandmarks& h)
{
    const Radiograph r = asRead(film, h);
    cv::Mat grey = renderDisplay8(r, r.defaultDisplay()), img;
    cv::cvtColor(grey, img, cv::COLOR_GRAY2BGR);
    const double unit = std::max(1.0, std::max(img.cols, img.rows) / 800.0);
    const int thick = std::max(1, static_cast<int>(std::lround(unit * 1.5)));
    auto pt = [](const HandKeypoint& k) { return cv::Point(static_cast<int>(std::lround(k.x)), static_cast<int>(std::lround(k.y))); };
    const int chains[5][5] = {{0, 1, 2, 3, 4}, {0, 5, 6, 7, 8}, {0, 9, 10, 11, 12}, {0, 13, 14, 15, 16}, {0, 17, 18, 19, 20}};
    for (const auto& c : chains)
        for (int i = 0; i < 4; ++i) cv::line(img, pt(h.points[c[i]]), pt(h.points[c[i + 1]]), cv::Scalar(80, 200, 80), thick, cv::LINE_AA);
    for (const auto& k : h.points) {
        // Colour by score: red (low) to green (high).
        const double s = std::clamp(k.score, 0.0, 1.0);
        cv::circle(img, pt(k), static_cast<int>(3 * unit), cv::Scalar(40, 255 * s, 255 * (1 - s)), cv::FILLED, cv::LINE_AA);
    }
    for (const auto& roi : h.rois) {
        const cv::Scalar colour = roi.group == "carpal" ? cv::Scalar(255, 180, 60) : cv::Scalar(60, 200, 255);
        const auto corners = roi.corners();
        std::vector<cv::Point> square;
        for (const auto& c : corners) square.emplace_back(int(std::lround(c.x)), int(std::lround(c.y)));
        cv::polylines(img, square, true, colour, thick, cv::LINE_AA);
        cv::putText(img, roi.name, cv::Point(square[0].x + 2, square[0].y - 3), cv::FONT_HERSHEY_SIMPLEX, 0.35 * unit, colour,
                    std::max(1, thick / 2), cv::LINE_AA);
    }
    if (h.handFound)
        cv::rectangle(img, cv::Point(int(h.pose.x0), int(h.pose.y0)), cv::Point(int(h.pose.x1), int(h.pose.y1)),
                      cv::Scalar(200, 200, 200), 1, cv::LINE_AA);
    char caption[256];
    std::snprintf(caption, sizeof caption, "%s  confidence %.2f%s  - research use, not a medical device", h.modelId.c_str(),
                  h.confidence, h.handFound ? "" : "  NO HAND FOUND");
    cv::putText(img, caption, cv::Point(int(8 * unit), int(20 * unit)), cv::FONT_HERSHEY_SIMPLEX, 0.5 * unit,
                cv::Scalar(255, 255, 255), std::max(1, thick / 2), cv::LINE_AA);
    return img;
}

} // namespace

int runLandmarks(const std::vector<std::string>& args)
{
    const Arguments a(args, {"models", "overlay", "threads", "workspace"}, {"json", "overwrite", "no-refinement"});
    if (a.positional().size() != 1) throw UsageError("give one radiograph");
    checkOutputOption(a, "overlay", {{"FILE", a.positional().front()}});
    restartWithPassiveOpenMpWaiting("boneage", "landmarks", args);
    const std::string dir = modelsDirectory(a.value("models").value_or(""));
    // --workspace DIR: its active landmark version, else the installed package.
    const ActiveModels active = activeModels(dir, a.value("workspace"));
    const auto package = active.landmarkPackage;
    if (!package) throw std::runtime_error("no hand landmark package found in " + dir + " (use --models DIR)");
    if (auto t = a.value("threads")) setInferenceThreads(static_cast<int>(parseNumber(*t, "threads")));
    const LandmarkModel model =
        LandmarkModel::load(*package, a.flag("no-refinement") ? LandmarkModel::Refinement::None : LandmarkModel::Refinement::Beside);
    const std::string file = a.positional().front();
    const Radiograph r = loadRadiograph(file);
    const HandLandmarks h = model.detect(r);
    if (auto out = a.value("overlay")) {
        const cv::Mat img = drawOverlay(r, h);
        std::vector<unsigned char> png;
        if (!cv::imencode(".png", img, png)) throw std::runtime_error("the overlay could not be encoded");
        writeTextAtomically(*out, std::string(png.begin(), png.end()));
    }
    if (a.flag("json")) {
        nlohmann::json j = toJson(h, file);
        if (!active.workspace.empty()) j["model_version"] = active.versionsJson()["landmarks"];
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        std::printf("%s: %s, confidence %.2f", file.c_str(), h.handFound ? "hand found" : "NO HAND FOUND", h.confidence);
        if (h.handFound)
            std::printf(", %s hand, fingers at %.0f degrees from up, %zu TW3 ROIs placed\n", h.pose.side == 'L' ? "left" : "right",
                        h.pose.angleDegrees, h.rois.size());
        else
            std::printf("\n  %s\n", h.problem.c_str());
        std::printf("  [%.0f ms prepare + %.0f ms network]\n", h.prepareMilliseconds, h.inferenceMilliseconds);
        if (!active.workspace.empty())
            std::printf("  landmark model of workspace %s: %s\n", active.workspace.c_str(),
                        active.landmarkVersion ? ("version " + std::to_string(*active.landmarkVersion)).c_str() : "installed");
    }
    return h.handFound ? 0 : 3;
}

namespace {

struct VocBox {
    std::string name;
    double x0, y0, x1, y1;
    double cx() const { return (x0 + x1) / 2; }
    double cy() const { return (y0 + y1) / 2; }
};

// The few fields of a Pascal VOC annotation that matter here (size and boxes); no XML library needed.
std::vector<VocBox> readVoc(const std::string& path, int& width, int& height)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string x = ss.str();
    std::smatch m;
    if (!std::regex_search(x, m, std::regex("<size>\\s*<width>(\\d+)</width>\\s*<height>(\\d+)</height>")))
        throw std::runtime_error(path + ": no <size>");
    width = std::stoi(m[1]);
    height = std::stoi(m[2]);
    std::vector<VocBox> boxes;
    const std::regex obj("<object>\\s*<name>([^<]+)</name>[\\s\\S]*?<xmin>([\\d.]+)</xmin>\\s*<ymin>([\\d.]+)</ymin>\\s*"
                         "<xmax>([\\d.]+)</xmax>\\s*<ymax>([\\d.]+)</ymax>");
    for (auto it = std::sregex_iterator(x.begin(), x.end(), obj); it != std::sregex_iterator(); ++it)
        boxes.push_back({(*it)[1], std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), std::stod((*it)[5])});
    return boxes;
}

double median(std::vector<double> v)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// The whole landmark stage (as `boneage landmarks` reads a film) against annotated keypoints (COCO,
// in the original film's pixels, mapped by the stored width and height onto the file read here):
// errors as fractions of the annotated hand scale, PCK at 2.5, 5 and 10 %.
int checkKeypoints(const LandmarkModel& model, const std::string& cocoFile, const std::string& imagesDir)
{
    std::vector<std::vector<double>> predicted, truth;
    std::vector<std::vector<bool>> visible;
    int noHand = 0, refinedHands = 0, missing = 0;
    std::vector<double> ms;
    for (const AnnotatedHand& hand : readCocoHandKeypoints(cocoFile)) {
        const std::string image = findLabelledImage(imagesDir, hand.id);
        if (image.empty()) {
            ++missing;
            continue;
        }
        const Radiograph r = loadRadiograph(image);
        const HandLandmarks l = model.detect(r);
        ms.push_back(l.prepareMilliseconds + l.inferenceMilliseconds);
        if (!l.handFound) ++noHand;   // counted with its keypoints as read: a miss costs PCK
        refinedHands += l.refinedPoints > 0;
        const double sx = double(r.width()) / hand.width, sy = double(r.height()) / hand.height;
        std::vector<double> p, t;
        std::vector<bool> v;
        for (int k = 0; k < kHandKeypointCount; ++k) {
            p.push_back(l.points[k].x);
            p.push_back(l.points[k].y);
            t.push_back(hand.points[k].x * sx);
            t.push_back(hand.points[k].y * sy);
            v.push_back(hand.points[k].visible);
        }
        predicted.push_back(p);
        truth.push_back(t);
        visible.push_back(v);
    }
    const LandmarkMetrics m = evaluateLandmarks(predicted, truth, visible);
    nlohmann::json j = {{"model", model.id()},
                        {"refinement", model.hasRefinement()},
                        {"hands", m.hands},
                        {"without_image", missing},
                        {"no_hand_found", noHand},
                        {"hands_refined", refinedHands},
                        {"median_milliseconds", median(ms)},
                        {"unit", "annotated hand scale (wrist to middle MCP)"},
                        {"metrics", nlohmann::json::parse(m.toJson())}};
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
}

} // namespace

// Checks predicted keypoints and placed ROIs against expert ossification boxes (Pascal VOC: DIP, PIP,
// MCP, Radius, Ulna, Wrist) and prints the hand-frame offsets of the expert boxes, from which the
// ROI schema's wrist offsets are calibrated (docs/landmarks.md).
int runLandmarksCheck(const std::vector<std::string>& args)
{
    const Arguments a(args, {"models", "rois", "keypoints", "images", "ids-from", "ids-to", "threads"}, {"json", "no-refinement"});
    const auto roisDir = a.value("rois"), imagesDir = a.value("images"), keypoints = a.value("keypoints");
    if ((!roisDir && !keypoints) || (roisDir && keypoints) || !imagesDir)
        throw UsageError("--images and one of --rois or --keypoints are required");
    restartWithPassiveOpenMpWaiting("boneage", "landmarks-check", args);
    const std::string dir = modelsDirectory(a.value("models").value_or(""));
    const auto package = LandmarkModel::find(dir);
    if (!package) throw std::runtime_error("no hand landmark package found in " + dir + " (use --models DIR)");
    if (auto t = a.value("threads")) setInferenceThreads(static_cast<int>(parseNumber(*t, "threads")));
    const LandmarkModel model =
        LandmarkModel::load(*package, a.flag("no-refinement") ? LandmarkModel::Refinement::None : LandmarkModel::Refinement::Beside);
    if (keypoints) return checkKeypoints(model, *keypoints, *imagesDir);
    const long from = a.value("ids-from") ? std::stol(*a.value("ids-from")) : 0;
    const long to = a.value("ids-to") ? std::stol(*a.value("ids-to")) : 1L << 40;

    // Candidate keypoints per joint class: DIP = finger keypoint 3 of fingers 2-5; PIP = keypoint 2 of
    // fingers 2-5 and the thumb's IP (thumb3); MCP = keypoint 1 of fingers 2-5 and thumb2.
    const std::map<std::string, std::vector<int>> candidates = {
        {"DIP", {7, 11, 15, 19}}, {"PIP", {3, 6, 10, 14, 18}}, {"MCP", {2, 5, 9, 13, 17}}};
    std::map<std::string, int> total, inside, insideHalf;
    std::map<std::string, std::vector<double>> jointDistance, along, lateral, size, centreDistance;
    int hands = 0, noHand = 0, carpalCentres = 0, carpalInside = 0;
    std::vector<double> confidences;
    std::map<std::string, int> problems;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(*roisDir))
        if (e.path().extension() == ".xml") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        const std::string id = std::filesystem::path(f).stem().string();
        long numeric = 0;
        try {
            numeric = std::stol(id);
        } catch (...) {
        }
        if (numeric < from || numeric > to) continue;
        const std::string image = findLabelledImage(*imagesDir, id);
        if (image.empty()) continue;
        int w = 0, h = 0;
        const auto boxes = readVoc(f, w, h);
        const Radiograph r = loadRadiograph(image);
        const HandLandmarks l = model.detect(r);
        confidences.push_back(l.confidence);
        if (!l.handFound) {
            ++noHand;
            ++problems[l.problem.substr(0, l.problem.find(':'))];
            continue;
        }
        ++hands;
        const double sx = double(r.width()) / w, sy = double(r.height()) / h, s = l.pose.scale;
        const auto& p = l.points;
        const double ux = (p[9].x - p[0].x) / s, uy = (p[9].y - p[0].y) / s;
        double tx = -uy, ty = ux;
        if (l.pose.side == 'R') tx = -tx, ty = -ty;
        std::map<std::string, const Tw3Roi*> roi;
        for (const auto& x : l.rois) roi[x.name] = &x;
        for (const auto& b0 : boxes) {
            const VocBox b{b0.name, b0.x0 * sx, b0.y0 * sy, b0.x1 * sx, b0.y1 * sy};
            ++total[b.name];
            if (const auto c = candidates.find(b.name); c != candidates.end()) {
                int best = c->second.front();
                for (int k : c->second)
                    if (std::hypot(p[k].x - b.cx(), p[k].y - b.cy()) < std::hypot(p[best].x - b.cx(), p[best].y - b.cy())) best = k;
                inside[b.name] += p[best].x >= b.x0 && p[best].x < b.x1 && p[best].y >= b.y0 && p[best].y < b.y1;
                // A stricter reading: the same box at half its width and height about its centre
                // (other expert sets draw tighter boxes than this one).
                insideHalf[b.name] += std::abs(p[best].x - b.cx()) < (b.x1 - b.x0) / 4 && std::abs(p[best].y - b.cy()) < (b.y1 - b.y0) / 4;
                jointDistance[b.name].push_back(std::hypot(p[best].x - b.cx(), p[best].y - b.cy()) / s);
            } else {
                // Expert centre in the hand frame, relative to the wrist keypoint, in hand scales.
                const double dx = b.cx() - p[0].x, dy = b.cy() - p[0].y;
                along[b.name].push_back((dx * ux + dy * uy) / s);
                lateral[b.name].push_back((dx * tx + dy * ty) / s);
                size[b.name].push_back(std::sqrt((b.x1 - b.x0) * (b.y1 - b.y0)) / s);
                double cx = 0, cy = 0;
                if (b.name == "Wrist") {   // the carpal ROIs' centroid against the expert wrist box
                    int n = 0;
                    for (const char* name : {"Capitate", "Hamate", "Triquetral", "Lunate", "Scaphoid"})
                        if (roi.count(name)) {
                            cx += roi[name]->cx(), cy += roi[name]->cy(), ++n;
                            ++carpalCentres;
                            carpalInside += roi[name]->cx() >= b.x0 && roi[name]->cx() < b.x1 && roi[name]->cy() >= b.y0 &&
                                            roi[name]->cy() < b.y1;
                        }
                    cx /= std::max(1, n), cy /= std::max(1, n);
                } else if (roi.count(b.name)) {
                    cx = roi[b.name]->cx(), cy = roi[b.name]->cy();
                }
                centreDistance[b.name].push_back(std::hypot(cx - b.cx(), cy - b.cy()) / s);
            }
        }
    }
    nlohmann::json j = {{"model", model.id()}, {"refinement", model.hasRefinement()}, {"hands", hands}, {"no_hand_found", noHand},
                        {"unit", "hand scale (wrist to middle MCP, predicted)"}};
    std::sort(confidences.begin(), confidences.end());
    if (!confidences.empty())
        j["confidence"] = {{"min", confidences.front()},
                           {"p5", confidences[confidences.size() / 20]},
                           {"median", confidences[confidences.size() / 2]}};
    j["no_hand_reasons"] = problems;
    for (const auto& [name, c] : candidates) {
        (void)c;
        j["joints"][name] = {{"boxes", total[name]},
                             {"containing_the_keypoint", total[name] ? double(inside[name]) / total[name] : 0.0},
                             {"half_size_box_containing_the_keypoint", total[name] ? double(insideHalf[name]) / total[name] : 0.0},
                             {"median_distance_to_box_centre", median(jointDistance[name])}};
    }
    for (const char* name : {"Radius", "Ulna", "Wrist"})
        j["wrist"][name] = {{"boxes", total[name]},
                            {"median_centre_distance", median(centreDistance[name])},
                            {"expert_centre_along", median(along[name])},
                            {"expert_centre_lateral", median(lateral[name])},
                            {"expert_box_size", median(size[name])}};
    j["wrist"]["Wrist"]["carpal_roi_centres_inside"] = carpalCentres ? double(carpalInside) / carpalCentres : 0.0;
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
}

} // namespace boneage::cli
