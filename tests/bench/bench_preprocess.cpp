// Benchmark: load + decode + crop + CLAHE + resize of a 2500x2048 16-bit DICOM (target < 150 ms on
// the 2-core development machine). Prints the median of repeated runs per step, in milliseconds.
// usage: bench_preprocess [runs] [sample.dcm]
#include "imaging/Display.h"
#include "imaging/DicomWriter.h"
#include "imaging/Preprocessing.h"
#include "imaging/RadiographLoader.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <vector>

using namespace boneage;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::string makeLargeDicom(const std::string& sample, const std::string& dir, DicomCompression compression)
{
    const Radiograph r = loadRadiograph(sample);
    cv::Mat grey = renderDisplay8(r, r.defaultDisplay()), big, wide;
    cv::resize(grey, big, cv::Size(2048, 2500), 0, 0, cv::INTER_CUBIC);   // a CR plate's size
    big.convertTo(wide, CV_16U, 4095.0 / 255.0);
    // Film-like noise so that compression and CLAHE see realistic data, not a smooth upscale.
    cv::Mat noise(wide.size(), CV_16S);
    cv::randn(noise, 0, 12);
    cv::add(wide, noise, wide, cv::noArray(), CV_16U);
    cv::min(wide, 4095, wide);
    DicomWriteOptions o;
    o.bitsStored = 12;
    o.compression = compression;
    const std::string path = dir + (compression == DicomCompression::None ? "/large.dcm" : "/large-jpegll.dcm");
    writeSecondaryCapture(wide, r.metadata, path, o);
    return path;
}

void run(const std::string& path, const char* label, int runs)
{
    const PreprocessRecipe& recipe = recipeByName("hand-clahe-512");
    std::map<std::string, std::vector<double>> t;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        const Radiograph r = loadRadiograph(path);
        const auto t2 = Clock::now();
        const cv::Mat grey = renderDisplay8(r, r.defaultDisplay());
        const auto t3 = Clock::now();
        const HandRegion hand = findHand(grey, recipe.cropMargin);
        const auto t4 = Clock::now();
        const cv::Mat contrast = applyClahe(grey(hand.found ? hand.box : cv::Rect(0, 0, grey.cols, grey.rows)),
                                            recipe.claheClipLimit, recipe.claheTiles);
        const auto t5 = Clock::now();
        const cv::Mat sized = resizeKeepAspectPad(contrast, recipe.width, recipe.height);
        const cv::Mat input = normalizeToFloat(sized, recipe.mean, recipe.std);
        const auto t6 = Clock::now();
        t["2 load + decode DICOM"].push_back(ms(t0, t2));
        t["3 window to 8 bit"].push_back(ms(t2, t3));
        t["4 hand crop"].push_back(ms(t3, t4));
        t["5 CLAHE"].push_back(ms(t4, t5));
        t["6 resize + normalise"].push_back(ms(t5, t6));
        t["total"].push_back(ms(t0, t6));
    }
    std::printf("\n%s (%s, %d runs, median ms)\n", label, path.c_str(), runs);
    for (const auto& [step, v] : t) std::printf("  %-22s %8.1f\n", step.c_str(), median(v));
}

} // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::max(3, std::atoi(argv[1])) : 21;
    const std::string sample = argc > 2 ? argv[2] : BONEAGE_SOURCE_DIR "/resources/samples/sample-1855.dcm";
    const std::string dir = (std::filesystem::temp_directory_path() / "boneage-bench").string();
    std::filesystem::create_directories(dir);
    std::printf("OpenCV threads: %d\n", cv::getNumThreads());
    run(makeLargeDicom(sample, dir, DicomCompression::None), "2500x2048 12-bit uncompressed", runs);
    run(makeLargeDicom(sample, dir, DicomCompression::JpegLossless), "2500x2048 12-bit JPEG lossless", runs);
    std::printf("\ntarget: total < 150 ms (uncompressed)\n");
    if (!std::getenv("BONEAGE_BENCH_KEEP")) std::filesystem::remove_all(dir);
    return 0;
}
