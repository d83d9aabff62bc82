// Benchmark (not a test): the hand landmark model on a bundled DICOM, per step, median of repeated
// runs, on N LibTorch threads (issue 5's target: under 50 ms per image on 2 CPU threads).
// usage: bench_landmarks [threads=2] [runs=30] [file]
#include "imaging/RadiographLoader.h"
#include "inference/LandmarkModel.h"

#include "BenchTiming.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace boneage;
using namespace boneage::bench;

int main(int argc, char** argv)
{
    const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 30;
    const std::string file = argc > 3 ? argv[3] : BONEAGE_SOURCE_DIR "/resources/samples/sample-1491.dcm";
    const auto package = LandmarkModel::find(BONEAGE_SOURCE_DIR "/models");
    if (!package) {
        std::fprintf(stderr, "no landmark package in models/\n");
        return 1;
    }
    setInferenceThreads(threads);
    const auto t0 = Clock::now();
    const LandmarkModel model = LandmarkModel::load(*package);
    const double loadMs = ms(t0, Clock::now());
    const Radiograph r = loadRadiograph(file);
    for (int i = 0; i < 3; ++i) model.detect(r);   // warm-up: first-call allocations
    std::vector<double> total, prepare, network, rest;
    for (int i = 0; i < runs; ++i) {
        const auto a = Clock::now();
        const HandLandmarks h = model.detect(r);
        const double t = ms(a, Clock::now());
        total.push_back(t);
        prepare.push_back(h.prepareMilliseconds);
        network.push_back(h.inferenceMilliseconds);
        rest.push_back(t - h.prepareMilliseconds - h.inferenceMilliseconds);
    }
    std::printf("{\"file\": \"%s\", \"width\": %d, \"height\": %d, \"threads\": %d, \"runs\": %d, \"load_model_ms\": %.1f, "
                "\"median_ms\": {\"detect_total\": %.1f, \"prepare\": %.1f, \"network\": %.1f, \"hand_finder_and_rois\": %.1f}}\n",
                file.c_str(), r.width(), r.height(), threads, runs, loadMs, median(total), median(prepare), median(network),
                median(rest));
    return 0;
}
