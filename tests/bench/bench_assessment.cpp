// Benchmark (not a test): one film's whole assessment as `boneage assess` and the workstation run it
// (landmarks, each shipped package on its prepared view with test-time augmentation, the fitted
// ensemble and its interval, optionally every model's attention map), median of repeated runs on N
// LibTorch threads. Issue 17's target: under 1 s per film on 2 CPU threads. Packages are kept loaded
// between runs as assessRadiograph keeps them (LoadedPackages; the warm-up runs load them, and what
// getting them costs afterwards is reported apart as load_packages).
// usage: [BONEAGE_BENCH_MODELS=DIR] bench_assessment [threads=2] [runs=9] [file...]
//   BONEAGE_BENCH_MODELS: another models folder (e.g. the landmark packages and one global-local
//   package, for issue 18's "landmarks + refinement + patches + network" time).
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
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
    const int runs = argc > 2 ? std::atoi(argv[2]) : 9;
    std::vector<std::string> files;
    for (int i = 3; i < argc; ++i) files.push_back(argv[i]);
    if (files.empty())
        files = {BONEAGE_SOURCE_DIR "/resources/samples/sample-1491.dcm", BONEAGE_SOURCE_DIR "/resources/samples/sample-1405.dcm"};
    const char* other = std::getenv("BONEAGE_BENCH_MODELS");
    const std::string models = other && *other ? other : BONEAGE_SOURCE_DIR "/models";
    setInferenceThreads(threads);
    AssessmentOptions options;
    options.landmarkPackage = LandmarkModel::find(models).value_or("");
    if (const auto file = findEnsembleCalibration(models)) options.ensembleCalibration = readEnsembleCalibration(*file);
    const std::vector<std::string> packages = findModelPackages(models);
    std::printf("[");
    bool first = true;
    for (const std::string& file : files) {
        const Radiograph r = loadRadiograph(file);
        for (bool attention : {false, true}) {
            options.attentionMaps = attention;
            for (int i = 0; i < 2; ++i) assessRadiograph(r, r.metadata.sex, packages, options);   // warm-up
            std::vector<double> total, load, landmarks, prepare, network, maps;
            std::size_t models = 0;
            for (int i = 0; i < runs; ++i) {
                const auto a = Clock::now();
                const Assessment result = assessRadiograph(r, r.metadata.sex, packages, options);
                total.push_back(ms(a, Clock::now()));
                double l = 0, p = 0, n = 0, m = 0;
                for (const auto& model : result.models) {
                    l += model.loadMilliseconds;
                    p += model.estimate.prepareMilliseconds;
                    n += model.estimate.inferenceMilliseconds;
                    m += model.estimate.attentionMilliseconds;
                }
                load.push_back(l);
                prepare.push_back(p);
                network.push_back(n);
                maps.push_back(m);
                landmarks.push_back(result.landmarks ? result.landmarks->prepareMilliseconds + result.landmarks->inferenceMilliseconds : 0);
                models = result.models.size();
            }
            std::printf("%s\n {\"file\": \"%s\", \"threads\": %d, \"runs\": %d, \"models\": %zu, \"attention_maps\": %s, "
                        "\"median_ms\": {\"total\": %.1f, \"landmarks\": %.1f, \"load_packages\": %.1f, \"prepare_views\": %.1f, "
                        "\"networks_with_tta\": %.1f, \"attention\": %.1f}}",
                        first ? "" : ",", file.substr(file.find_last_of('/') + 1).c_str(), threads, runs, models,
                        attention ? "true" : "false", median(total), median(landmarks), median(load), median(prepare), median(network),
                        median(maps));
            first = false;
        }
    }
    std::printf("\n]\n");
    return 0;
}
