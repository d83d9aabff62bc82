#pragma once
// A workspace large enough to train in (the check set needs at least 40 read cases) made from the
// five bundled sample films alone: each film framed ten ways (crops, quarter and half turns,
// margins, an inverted export, a mirror), written as 8-bit PNG, imported with the sample's bone age
// as a reading. What the training tests and the workstation's training test run on, with or
// without ../shared.
#include "imaging/Display.h"
#include "imaging/RadiographLoader.h"
#include "workspace/Workspace.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace boneage::test {

inline cv::Mat reframed(const cv::Mat& grey, int variant)
{
    cv::Mat out;
    const int w = grey.cols, h = grey.rows;
    switch (variant) {
    case 0: return grey.clone();
    case 1: cv::rotate(grey, out, cv::ROTATE_90_CLOCKWISE); return out;
    case 2: cv::rotate(grey, out, cv::ROTATE_180); return out;
    case 3: cv::rotate(grey, out, cv::ROTATE_90_COUNTERCLOCKWISE); return out;
    case 4: return grey(cv::Rect(w / 10, h / 10, w * 8 / 10, h * 8 / 10)).clone();
    case 5: return grey(cv::Rect(w / 20, 0, w * 9 / 10, h * 9 / 10)).clone();
    case 6: cv::copyMakeBorder(grey, out, h / 4, h / 4, w / 4, w / 4, cv::BORDER_CONSTANT, cv::Scalar(0)); return out;
    case 7: cv::bitwise_not(grey, out); return out;
    case 8: cv::flip(grey, out, 1); return out;
    default: cv::resize(grey, out, {w * 3 / 4, h * 3 / 4}, 0, 0, cv::INTER_AREA); return out;
    }
}

// Imports 5 x variants films into the (open, writable) workspace, each with a reading by `reader`.
// Returns the number of cases added.
inline int importReframedSamples(Workspace& ws, const std::string& samplesDir, const std::string& scratch,
                                 int variants = 10, const std::string& reader = "sample-label")
{
    namespace fs = std::filesystem;
    std::ifstream csv(fs::path(samplesDir) / "samples.csv");
    if (!csv) throw std::runtime_error(samplesDir + "/samples.csv is missing");
    std::string line;
    std::getline(csv, line);
    fs::create_directories(scratch);
    int added = 0;
    while (std::getline(csv, line)) {
        std::vector<std::string> f;
        std::stringstream s(line);
        for (std::string x; std::getline(s, x, ',');) f.push_back(x);
        if (f.size() < 4) continue;
        LoadOptions load;
        load.sex = f[3] == "M" ? Sex::Male : Sex::Female;
        const Radiograph r = loadRadiograph((fs::path(samplesDir) / f[0]).string(), load);
        const cv::Mat grey = renderDisplay8(r, r.defaultDisplay());
        for (int v = 0; v < variants; ++v) {
            const std::string file = (fs::path(scratch) / (f[1] + "-" + std::to_string(v) + ".png")).string();
            if (!cv::imwrite(file, reframed(grey, v))) throw std::runtime_error("cannot write " + file);
            ImportOptions o;
            o.sex = load.sex;
            o.labelBoneAgeMonths = std::stod(f[2]);
            o.labelReader = reader;
            const ImportOutcome outcome = ws.importFilm(file, o);
            if (outcome.kind == ImportOutcome::Kind::Refused) throw std::runtime_error(outcome.message);
            added += outcome.kind == ImportOutcome::Kind::Added ? 1 : 0;
        }
    }
    return added;
}

} // namespace boneage::test
