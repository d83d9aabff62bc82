// bench_assessment_gpu MODELS CACHE [cpu|cuda] [runs=30] [batches=1,8,64] [threads=2]
//
// Issue 20: the network work of one film's assessment, on the device, in the LibTorch-only build
// (a GPU machine has LibTorch and none of Qt, OpenCV, DCMTK). From films of a training cache
// (`boneage prepare`), with the installed packages' own weights, it runs what `boneage assess` runs
// on the networks' side, stage by stage as the workstation does:
//   1. the first landmark stage on the film at its input size, in the four quarter turns, as displayed
//      and inverted (one batch of eight: the product's polarity check for inverted exports);
//   2. the second reading of the same network on the hand aligned by the first (128 px);
//   3. the refinement stage on the aligned hand at its own size (256 px);
//   4. for every bone-age package of the film's sex: the hand's view (the recipe's size, then the
//      network's), the 10 test-time views in one batch, and the pass that gives the attention map;
//   5. the estimates and maps back on the host.
// The crops are cut on the device (affine_grid + grid_sample), and between stages the keypoints go
// to the host, where the next crop's geometry is computed, as in the product. That geometry here is
// a plain similarity (centre, wrist-to-middle-finger angle, extent of the keypoints), not
// HandAlignment's: this program measures the cost of the assessment's tensors, not its numbers; its
// host-side steps (decode, window, hand finder, geometry, ensemble; a few ms) are bench_assessment's.
// Prints the median time per batch and per film at each batch size (latency at batch 1, throughput
// at the larger ones) and, at batch 1, the time of each stage (with a device sync after each).
#include "BenchTiming.h"

#include "nn/HandLandmarkNet.h"
#include "nn/Registry.h"
#include "nn/StoredWeights.h"
#include "nn/TestTimeViews.h"
#include "training/DatasetCache.h"

#include <torch/cuda.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace boneage;
using bench::Clock;
namespace F = torch::nn::functional;
namespace fs = std::filesystem;

namespace {

// This build has no JSON parser: the few plain fields needed, read from the card's text.
std::string textField(const std::string& card, const std::string& key)
{
    std::smatch m;
    return std::regex_search(card, m, std::regex("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"")) ? m[1].str() : std::string();
}
double numberField(const std::string& card, const std::string& key, double fallback)
{
    std::smatch m;
    return std::regex_search(card, m, std::regex("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)")) ? std::stod(m[1].str()) : fallback;
}
std::string readText(const fs::path& p)
{
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Landmarks {
    mutable nn::HandLandmarkNet net{nullptr};   // forward() is not const
    int size = 128;
};
struct BoneAgePackage {
    std::string id, sex;   // "M", "F" or "any"
    nn::BoneAgeModel model;
    int viewSize = 100;    // the recipe's picture, before the network's own resize
};

torch::ScalarType dtypeOf(const std::string& card) { return textField(card, "dtype") == "float16" ? torch::kHalf : torch::kFloat; }

Landmarks loadLandmarks(const fs::path& dir, const std::string& card, const torch::Device& device)
{
    Landmarks l;
    l.size = int(numberField(card, "size", 128));
    l.net = nn::HandLandmarkNet(nn::HandLandmarkOptions().inputSize(l.size).widthMultiplier(numberField(card, "width_multiplier", 0.5)));
    nn::loadCheckedWeightsFile(*l.net, (dir / textField(card, "file")).string(), dtypeOf(card));
    l.net->to(device);
    l.net->eval();
    return l;
}

// Keypoints [B,21,2] in a picture of `size` px -> normalised coordinates ([-1, 1], align_corners
// false) of the film, through the crop `theta` [B,2,3] the picture was cut with (identity: the film).
torch::Tensor toFilm(const torch::Tensor& points, int size, const torch::Tensor& theta)
{
    const torch::Tensor n = points / size * 2 - 1;                             // [B,K,2] in the picture
    const torch::Tensor a = theta.slice(2, 0, 2), t = theta.select(2, 2);      // [B,2,2], [B,2]
    return torch::matmul(n, a.transpose(1, 2)) + t.unsqueeze(1);
}

// The next crop from keypoints in film coordinates (host): centred on them, turned so that the wrist
// is below the middle finger's base, wide enough for all of them with a margin. [B,2,3] on `device`.
torch::Tensor cropAround(const torch::Tensor& filmPoints, const torch::Device& device)
{
    const torch::Tensor p = filmPoints.to(torch::kCPU).to(torch::kDouble).contiguous();
    const int64_t b = p.size(0);
    torch::Tensor theta = torch::zeros({b, 2, 3}, torch::kDouble);
    for (int64_t i = 0; i < b; ++i) {
        const torch::Tensor q = p[i], c = q.mean(0);
        const double cx = c[0].item<double>(), cy = c[1].item<double>();
        const double ux = q[9][0].item<double>() - q[0][0].item<double>(), uy = q[9][1].item<double>() - q[0][1].item<double>();
        const double angle = std::atan2(ux, -uy);   // 0 when the fingers point up
        const double half = std::max(0.05, 1.15 * (q - c).norm(2, 1).max().item<double>());
        const double cs = std::cos(angle) * half, sn = std::sin(angle) * half;
        theta[i][0][0] = cs, theta[i][0][1] = -sn, theta[i][0][2] = cx;
        theta[i][1][0] = sn, theta[i][1][1] = cs, theta[i][1][2] = cy;
    }
    return theta.to(torch::kFloat).to(device);
}

torch::Tensor cut(const torch::Tensor& film, const torch::Tensor& theta, int size)
{
    const torch::Tensor grid = F::affine_grid(theta, {film.size(0), 1, size, size}, false);
    return F::grid_sample(film, grid, F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kBorder).align_corners(false));
}

struct Stages {
    double first = 0, second = 0, refine = 0, boneAge = 0, back = 0;
};

// One batch of films through every stage; `stages` (batch 1) syncs and times each.
std::vector<double> assess(const torch::Tensor& filmBytes, const std::vector<bool>& male, const Landmarks& first, const Landmarks* refine,
                           const std::vector<BoneAgePackage>& packages, const torch::Device& device, Stages* stages)
{
    torch::NoGradGuard noGrad;
    const auto sync = [&] {
        if (device.is_cuda()) torch::cuda::synchronize();
    };
    auto t = Clock::now();
    const auto lap = [&](double* into) {
        if (!into) return;
        sync();
        const auto now = Clock::now();
        *into += bench::ms(t, now);
        t = now;
    };
    const int64_t b = filmBytes.size(0);
    const torch::Tensor film = filmBytes.to(device).to(torch::kFloat).div_(255.0);
    const int s = first.size;
    // 1. four quarter turns, as displayed and inverted, in one batch; the turn with the highest mean
    // score wins. (The films of a cache are displayed as they should be: the geometry below takes the
    // displayed polarity's four readings; the inverted four cost the same work as in the product.)
    const torch::Tensor small = F::interpolate(film, F::InterpolateFuncOptions().size(std::vector<int64_t>{s, s}).mode(torch::kBilinear).align_corners(false));
    std::vector<torch::Tensor> turns;
    for (int k = 0; k < 8; ++k) {
        const torch::Tensor picture = k < 4 ? small : 1.0 - small;
        turns.push_back(k % 4 == 0 ? picture : torch::rot90(picture, k % 4, {2, 3}));
    }
    const nn::HandLandmarkOutput o1 = first.net->forward(torch::cat(turns, 0));
    const torch::Tensor best = o1.scores.mean(1).view({8, b}).slice(0, 0, 4).argmax(0);   // [B]
    const torch::Tensor points = o1.points.view({8, b, 21, 2}).slice(0, 0, 4);
    // Back to the upright picture: torch::rot90 by k turns (u, v) into the point below.
    const torch::Tensor u = points.select(3, 0), v = points.select(3, 1);
    const torch::Tensor back = torch::stack({torch::stack({u, v}, 3), torch::stack({s - v, u}, 3), torch::stack({s - u, s - v}, 3),
                                             torch::stack({v, s - u}, 3)}, 0);   // [4 turns, 4, B, 21, 2]: [k][k]
    std::vector<torch::Tensor> chosen;
    for (int k = 0; k < 4; ++k) chosen.push_back(back[k][k]);
    const torch::Tensor upright = torch::stack(chosen, 0).gather(0, best.view({1, b, 1, 1}).expand({1, b, 21, 2})).squeeze(0);
    const torch::Tensor identity = torch::tensor({1.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f}, film.options()).view({1, 2, 3}).expand({b, 2, 3});
    torch::Tensor theta = cropAround(toFilm(upright, s, identity), device);   // the host reads the keypoints
    lap(stages ? &stages->first : nullptr);
    // 2. the second reading on the aligned hand.
    const nn::HandLandmarkOutput o2 = first.net->forward(cut(film, theta, s));
    theta = cropAround(toFilm(o2.points, s, theta), device);
    lap(stages ? &stages->second : nullptr);
    // 3. the refinement stage at its own size.
    if (refine) {
        const nn::HandLandmarkOutput o3 = refine->net->forward(cut(film, theta, refine->size));
        theta = cropAround(toFilm(o3.points, refine->size, theta), device);
        lap(stages ? &stages->refine : nullptr);
    }
    // 4. every package of each film's sex: the hand's view, 10 test-time views, and the attention pass.
    std::vector<double> ages(size_t(b), 0.0);
    std::vector<torch::Tensor> agesOnDevice, maps;
    std::vector<std::vector<int64_t>> whose;
    for (const auto& p : packages) {
        std::vector<int64_t> rows;
        for (int64_t i = 0; i < b; ++i)
            if (p.sex == "any" || (p.sex == "M") == bool(male[size_t(i)])) rows.push_back(i);
        if (rows.empty()) continue;
        const torch::Tensor sel = torch::tensor(rows).to(device);
        const int input = p.model->preset().inputSize;
        torch::Tensor view = cut(film.index_select(0, sel), theta.index_select(0, sel), p.viewSize);
        if (p.viewSize != input)
            view = F::interpolate(view, F::InterpolateFuncOptions().size(std::vector<int64_t>{input, input}).mode(torch::kBilinear).align_corners(false));
        std::vector<float> sexes;
        for (int64_t i : rows) sexes.push_back(male[size_t(i)] ? 1.0f : 0.0f);
        const torch::Tensor sex = torch::tensor(sexes).to(device);
        nn::ModelInput tta;
        tta.image = nn::testTimeViews(view, true);
        tta.sex = sex.repeat({tta.image.size(0) / int64_t(rows.size())});
        agesOnDevice.push_back(p.model->forward(tta).boneAgeMonths.view({-1, int64_t(rows.size())}).mean(0));
        nn::ModelInput plain;
        plain.image = view;
        plain.sex = sex;
        plain.attentionQuery = torch::full({int64_t(rows.size()), 2}, input / 2.0f, view.options());
        const nn::ModelOutput out = p.model->forward(plain);
        if (auto it = out.maps.find("spatialAttention"); it != out.maps.end()) {
            const torch::Tensor m = it->second.clamp_min(0);
            maps.push_back(m / m.flatten(1).amax(1).clamp_min(1e-12).view({-1, 1, 1}));
        }
        whose.push_back(rows);
    }
    lap(stages ? &stages->boneAge : nullptr);
    // 5. back on the host: the estimates (the ensemble's arithmetic is the host's) and the maps.
    for (size_t k = 0; k < agesOnDevice.size(); ++k) {
        const torch::Tensor a = agesOnDevice[k].to(torch::kCPU).to(torch::kDouble).contiguous();
        for (size_t j = 0; j < whose[k].size(); ++j) ages[size_t(whose[k][j])] += a.data_ptr<double>()[j];
    }
    for (const auto& m : maps) (void)m.to(torch::kCPU).contiguous();
    lap(stages ? &stages->back : nullptr);
    return ages;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_assessment_gpu MODELS CACHE [cpu|cuda] [runs=30] [batches=1,8,64] [threads=2]\n");
        return 2;
    }
    const fs::path models = argv[1];
    const std::string cacheDir = argv[2], deviceName = argc > 3 ? argv[3] : "cpu";
    const int runs = argc > 4 ? std::max(3, std::atoi(argv[4])) : 30, threads = argc > 6 ? std::atoi(argv[6]) : 2;
    std::vector<int> batches;
    {
        std::stringstream list(argc > 5 ? argv[5] : "1,8,64");
        for (std::string item; std::getline(list, item, ',');)
            if (std::atoi(item.c_str()) > 0) batches.push_back(std::atoi(item.c_str()));
    }
    if ((deviceName != "cpu" && deviceName != "cuda") || batches.empty()) {
        std::fprintf(stderr, "bench_assessment_gpu: the device is cpu or cuda, the batches positive numbers\n");
        return 2;
    }
    if (deviceName == "cuda" && !torch::cuda::is_available()) {
        std::fprintf(stderr, "bench_assessment_gpu: this LibTorch has no usable GPU\n");
        return 1;
    }
    if (threads > 0) torch::set_num_threads(threads);
    const torch::Device device(deviceName == "cuda" ? torch::kCUDA : torch::kCPU);

    const auto t0 = Clock::now();
    std::optional<Landmarks> first, refine;
    std::vector<BoneAgePackage> packages;
    for (const auto& entry : fs::directory_iterator(models)) {
        const fs::path card = entry.path() / "model.json";
        if (!fs::exists(card)) continue;
        const std::string text = readText(card);
        const std::string format = textField(text, "format");
        if (format == "boneage-landmarks-1") {
            const bool aligned = std::regex_search(text, std::regex("\"align_hand\"\\s*:\\s*true"));
            (aligned ? refine : first) = loadLandmarks(entry.path(), text, device);
        } else if (format == "boneage-model-1") {
            BoneAgePackage p;
            p.id = textField(text, "id");
            p.sex = textField(text, "sex");
            p.model = nn::createModel(textField(text, "architecture"), textField(text, "preset"));
            nn::loadCheckedWeightsFile(*p.model, (entry.path() / textField(text, "file")).string(), dtypeOf(text));
            p.model->to(device);
            p.model->eval();
            std::smatch m;
            const std::regex width(R"("recipe"\s*:\s*\{[^}]*"width"\s*:\s*([0-9]+))");
            p.viewSize = std::regex_search(text, m, width) ? std::stoi(m[1].str()) : p.model->preset().inputSize;
            packages.push_back(std::move(p));
        }
    }
    if (!first || packages.empty()) {
        std::fprintf(stderr, "bench_assessment_gpu: %s holds no first-stage landmark package or no bone-age package\n", models.string().c_str());
        return 1;
    }
    const double loadMs = bench::ms(t0, Clock::now());

    const DatasetCache cache = DatasetCache::open(cacheDir);
    const int w = cache.width(), h = cache.height();
    const int64_t largest = *std::max_element(batches.begin(), batches.end());
    if (cache.size() == 0) {
        std::fprintf(stderr, "bench_assessment_gpu: %s holds no films\n", cacheDir.c_str());
        return 1;
    }
    torch::Tensor films = torch::empty({largest, 1, h, w}, torch::kUInt8);
    std::vector<bool> male;
    for (int64_t i = 0; i < largest; ++i) {
        const size_t k = size_t(i) % cache.size();
        std::memcpy(films[i].data_ptr<uint8_t>(), cache.image(k), size_t(w) * h);
        male.push_back(cache.sample(k).male);
    }
    std::printf("device %s, %d threads; %zu bone-age packages, refinement %s; cache %s (%d x %d px); load %.0f ms\n", deviceName.c_str(),
                torch::get_num_threads(), packages.size(), refine ? "yes" : "no", cacheDir.c_str(), w, h, loadMs);
    std::printf("every film: landmarks (4 turns) + second reading + refinement + its sex's package(s) x 10 test-time views + attention\n");
    for (int b : batches) {
        const torch::Tensor batch = films.slice(0, 0, b);
        const std::vector<bool> sexes(male.begin(), male.begin() + b);
        for (int i = 0; i < 3; ++i) assess(batch, sexes, *first, refine ? &*refine : nullptr, packages, device, nullptr);   // warm-up
        std::vector<double> ms;
        Stages stages;
        for (int r = 0; r < runs; ++r) {
            const auto start = Clock::now();
            assess(batch, sexes, *first, refine ? &*refine : nullptr, packages, device, nullptr);
            ms.push_back(bench::ms(start, Clock::now()));
        }
        const double m = bench::median(ms);
        std::printf("batch %4d: %8.2f ms per batch, %7.2f ms per film, %8.1f films/s (median of %d)\n", b, m, m / b, 1000.0 * b / m, runs);
        if (b == 1) {
            for (int r = 0; r < runs; ++r) assess(batch, sexes, *first, refine ? &*refine : nullptr, packages, device, &stages);
            std::printf("  batch 1 by stage (synced, mean of %d): first landmarks %.2f, second reading %.2f, refinement %.2f, "
                        "bone-age packages %.2f, back to host %.2f ms\n",
                        runs, stages.first / runs, stages.second / runs, stages.refine / runs, stages.boneAge / runs, stages.back / runs);
        }
    }
    return 0;
}
