// Makes the "local site" of issue 16's demonstration (docs/training-in-the-workspace.md): films that
// the shipped model has not seen in this form, framed the ways clinics send them, with their labels
// to import as readings.
//
//   make_local_site IMAGES_DIR LABELS_CSV OUT_DIR [--limit N] [--keypoints COCO.json]
//
// Each film (RSNA train-1024: whole raw films) gets one framing, chosen from its id so the site is
// the same on every machine: a close crop around the hand (the bright region's bounding box plus
// 4 %), a quarter turn clockwise, a half turn, a quarter turn anticlockwise, a wide black margin
// (30 % on every side), or an inverted export (white background, dark bones). OUT_DIR receives
// films/<id>.png (lossless) and labels.csv (id,boneage,male) of the films written. With --keypoints
// (the shared COCO hand keypoints; the landmark branch of the demonstration), only the annotated
// films are written, and OUT_DIR/keypoints.json holds their keypoints carried into each framing by
// its geometry (film pixels of the framed film; a keypoint the framing cut off is not visible), to
// import as a reader's confirmed keypoints.
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const char* const kFramings[] = {"close-crop", "rotated-90", "rotated-180", "rotated-270", "wide-margin", "inverted"};

// Where a point of the original film lands in its framed copy.
struct Framed {
    cv::Mat image;
    std::function<cv::Point2d(cv::Point2d)> map;
};

cv::Rect closeCropBox(const cv::Mat& grey)
{
    cv::Mat mask;
    cv::threshold(grey, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {9, 9}));
    cv::Rect box = cv::boundingRect(mask);
    if (static_cast<size_t>(box.area()) < grey.total() / 10) return cv::Rect(0, 0, grey.cols, grey.rows);
    const int mx = box.width / 25, my = box.height / 25;
    return cv::Rect(box.x - mx, box.y - my, box.width + 2 * mx, box.height + 2 * my) & cv::Rect(0, 0, grey.cols, grey.rows);
}

Framed frameWithGeometry(const cv::Mat& grey, int framing)
{
    const double w = grey.cols, h = grey.rows;
    Framed f;
    switch (framing) {
    case 0: {
        const cv::Rect box = closeCropBox(grey);
        f.image = grey(box).clone();
        f.map = [box](cv::Point2d p) { return cv::Point2d(p.x - box.x, p.y - box.y); };
        return f;
    }
    case 1: cv::rotate(grey, f.image, cv::ROTATE_90_CLOCKWISE); f.map = [h](cv::Point2d p) { return cv::Point2d(h - p.y, p.x); }; return f;
    case 2: cv::rotate(grey, f.image, cv::ROTATE_180); f.map = [w, h](cv::Point2d p) { return cv::Point2d(w - p.x, h - p.y); }; return f;
    case 3: cv::rotate(grey, f.image, cv::ROTATE_90_COUNTERCLOCKWISE); f.map = [w](cv::Point2d p) { return cv::Point2d(p.y, w - p.x); }; return f;
    case 4: {
        const int mx = grey.cols * 3 / 10, my = grey.rows * 3 / 10;
        cv::copyMakeBorder(grey, f.image, my, my, mx, mx, cv::BORDER_CONSTANT, cv::Scalar(0));
        cv::resize(f.image, f.image, grey.size(), 0, 0, cv::INTER_AREA);
        f.map = [=](cv::Point2d p) { return cv::Point2d((p.x + mx) * w / (w + 2 * mx), (p.y + my) * h / (h + 2 * my)); };
        return f;
    }
    default: cv::bitwise_not(grey, f.image); f.map = [](cv::Point2d p) { return p; }; return f;
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::cerr << "usage: make_local_site IMAGES_DIR LABELS_CSV OUT_DIR [--limit N] [--keypoints COCO.json]\n";
        return 2;
    }
    const fs::path images = argv[1], out = argv[3];
    long limit = -1;
    std::string keypointsFile;
    for (int a = 4; a + 1 < argc; a += 2) {
        if (std::string(argv[a]) == "--limit") limit = std::stol(argv[a + 1]);
        else if (std::string(argv[a]) == "--keypoints") keypointsFile = argv[a + 1];
    }
    // The annotated films (id -> image entry, its annotations) when --keypoints is given.
    nlohmann::json coco, framedImages = nlohmann::json::array(), framedAnnotations = nlohmann::json::array();
    std::map<std::string, nlohmann::json> cocoImages;
    std::map<std::string, std::vector<nlohmann::json>> cocoAnnotations;
    if (!keypointsFile.empty()) {
        std::ifstream in(keypointsFile);
        coco = nlohmann::json::parse(in, nullptr, false);
        if (!coco.is_object()) {
            std::cerr << keypointsFile << ": not a COCO keypoint file\n";
            return 1;
        }
        const auto key = [](const nlohmann::json& id) { return id.is_string() ? id.get<std::string>() : std::to_string(id.get<long>()); };
        for (const auto& im : coco.at("images")) cocoImages[key(im.at("id"))] = im;
        for (const auto& an : coco.at("annotations")) cocoAnnotations[key(an.at("image_id"))].push_back(an);
    }
    std::ifstream labels(argv[2]);
    if (!labels) {
        std::cerr << argv[2] << ": cannot be read\n";
        return 1;
    }
    fs::create_directories(out / "films");
    std::ofstream written(out / "labels.csv.tmp");
    written << "id,boneage,male\n";
    std::string line;
    std::getline(labels, line);   // header
    long n = 0;
    int counts[6] = {};
    while (std::getline(labels, line) && (limit < 0 || n < limit)) {
        std::istringstream row(line);
        std::string id, months, male;
        if (!std::getline(row, id, ',') || !std::getline(row, months, ',') || !std::getline(row, male)) continue;
        if (!keypointsFile.empty() && !cocoImages.count(id)) continue;
        fs::path film = images / (id + ".jpg");
        if (!fs::exists(film)) film = images / (id + ".png");
        const cv::Mat grey = cv::imread(film.string(), cv::IMREAD_GRAYSCALE);
        if (grey.empty()) continue;
        const int framing = static_cast<int>(std::stoul(id) * 2654435761u % 6);
        const Framed framed = frameWithGeometry(grey, framing);
        if (!keypointsFile.empty()) {
            nlohmann::json im = cocoImages.at(id);
            const double sx = double(grey.cols) / im.at("width").get<double>(), sy = double(grey.rows) / im.at("height").get<double>();
            im["width"] = framed.image.cols;
            im["height"] = framed.image.rows;
            im["file_name"] = id + ".png";
            framedImages.push_back(im);
            for (nlohmann::json an : cocoAnnotations[id]) {
                for (const char* side : {"lefthand_kpts", "righthand_kpts"}) {
                    if (!an.contains(side)) continue;
                    auto& k = an[side];
                    for (size_t i = 0; i + 2 < k.size(); i += 3) {
                        if (k[i + 2].get<double>() <= 0) continue;
                        const cv::Point2d q = framed.map({k[i].get<double>() * sx, k[i + 1].get<double>() * sy});
                        // A keypoint the framing cut off cannot be placed on this film: not visible.
                        const bool inside = q.x >= 0 && q.y >= 0 && q.x < framed.image.cols && q.y < framed.image.rows;
                        k[i] = inside ? q.x : 0.0;
                        k[i + 1] = inside ? q.y : 0.0;
                        if (!inside) k[i + 2] = 0;
                    }
                }
                an.erase("bbox"), an.erase("lefthand_box"), an.erase("righthand_box");
                framedAnnotations.push_back(an);
            }
        }
        if (!cv::imwrite((out / "films" / (id + ".png")).string(), framed.image)) {
            std::cerr << "cannot write " << (out / "films" / (id + ".png")) << "\n";
            return 1;
        }
        written << id << ',' << months << ',' << male << '\n';
        ++counts[framing];
        ++n;
    }
    written.close();
    fs::rename(out / "labels.csv.tmp", out / "labels.csv");
    if (!keypointsFile.empty()) {
        coco["images"] = framedImages;
        coco["annotations"] = framedAnnotations;
        std::ofstream(out / "keypoints.json.tmp") << coco.dump(1) << "\n";
        fs::rename(out / "keypoints.json.tmp", out / "keypoints.json");
    }
    std::printf("%ld films in %s:", n, out.string().c_str());
    for (int f = 0; f < 6; ++f) std::printf(" %s %d%s", kFramings[f], counts[f], f < 5 ? "," : "\n");
    return n > 0 ? 0 : 1;
}
