// Makes the "local site" of issue 16's demonstration (docs/training-in-the-workspace.md): films that
// the shipped model has not seen in this form, framed the ways clinics send them, with their labels
// to import as readings.
//
//   make_local_site IMAGES_DIR LABELS_CSV OUT_DIR [--limit N]
//
// Each film (RSNA train-1024: whole raw films) gets one framing, chosen from its id so the site is
// the same on every machine: a close crop around the hand (the bright region's bounding box plus
// 4 %), a quarter turn clockwise, a half turn, a quarter turn anticlockwise, a wide black margin
// (30 % on every side), or an inverted export (white background, dark bones). OUT_DIR receives
// films/<id>.png (lossless) and labels.csv (id,boneage,male) of the films written.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const char* const kFramings[] = {"close-crop", "rotated-90", "rotated-180", "rotated-270", "wide-margin", "inverted"};

cv::Mat closeCrop(const cv::Mat& grey)
{
    cv::Mat mask;
    cv::threshold(grey, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {9, 9}));
    cv::Rect box = cv::boundingRect(mask);
    if (static_cast<size_t>(box.area()) < grey.total() / 10) return grey.clone();   // nothing clear to crop to
    const int mx = box.width / 25, my = box.height / 25;
    box = cv::Rect(box.x - mx, box.y - my, box.width + 2 * mx, box.height + 2 * my) & cv::Rect(0, 0, grey.cols, grey.rows);
    return grey(box).clone();
}

cv::Mat frame(const cv::Mat& grey, int framing)
{
    cv::Mat out;
    switch (framing) {
    case 0: return closeCrop(grey);
    case 1: cv::rotate(grey, out, cv::ROTATE_90_CLOCKWISE); return out;
    case 2: cv::rotate(grey, out, cv::ROTATE_180); return out;
    case 3: cv::rotate(grey, out, cv::ROTATE_90_COUNTERCLOCKWISE); return out;
    case 4: {
        const int mx = grey.cols * 3 / 10, my = grey.rows * 3 / 10;
        cv::copyMakeBorder(grey, out, my, my, mx, mx, cv::BORDER_CONSTANT, cv::Scalar(0));
        cv::resize(out, out, grey.size(), 0, 0, cv::INTER_AREA);   // the same pixel size as the film
        return out;
    }
    default: cv::bitwise_not(grey, out); return out;
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::cerr << "usage: make_local_site IMAGES_DIR LABELS_CSV OUT_DIR [--limit N]\n";
        return 2;
    }
    const fs::path images = argv[1], out = argv[3];
    long limit = -1;
    if (argc == 6 && std::string(argv[4]) == "--limit") limit = std::stol(argv[5]);
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
        fs::path film = images / (id + ".jpg");
        if (!fs::exists(film)) film = images / (id + ".png");
        const cv::Mat grey = cv::imread(film.string(), cv::IMREAD_GRAYSCALE);
        if (grey.empty()) continue;
        const int framing = static_cast<int>(std::stoul(id) * 2654435761u % 6);
        if (!cv::imwrite((out / "films" / (id + ".png")).string(), frame(grey, framing))) {
            std::cerr << "cannot write " << (out / "films" / (id + ".png")) << "\n";
            return 1;
        }
        written << id << ',' << months << ',' << male << '\n';
        ++counts[framing];
        ++n;
    }
    written.close();
    fs::rename(out / "labels.csv.tmp", out / "labels.csv");
    std::printf("%ld films in %s:", n, out.string().c_str());
    for (int f = 0; f < 6; ++f) std::printf(" %s %d%s", kFramings[f], counts[f], f < 5 ? "," : "\n");
    return n > 0 ? 0 : 1;
}
