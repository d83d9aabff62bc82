#include "Trainer.h"

#include "common/AtomicFile.h"
#include "common/CardSeal.h"
#include "common/JsonText.h"
#include "common/Sha256.h"
#include "nn/Registry.h"
#include "training/DatasetCache.h"
#include "training/Metrics.h"
#include "training/TrainingSupport.h"
#include "training/WeightAverage.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <sstream>

namespace boneage::training {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

TrainingRecipe paperRecipe(const std::string& architecture)
{
    TrainingRecipe r;
    if (architecture == "2mnet") {
        r.source = "seed 000, section 'Implementation details': SGD, wd 1e-4, momentum 0.9, warm-up 5 epochs "
                   "from 0.001, then 0.0025 with x0.1 every 30 epochs, batch 64, 130 epochs";
        return r;
    }
    if (architecture == "globallocal") {
        r.optimizer = OptimizerKind::Adam;
        r.learningRate = 1e-3;
        r.weightDecay = 0;
        r.schedule = ScheduleKind::Paper;
        r.warmupEpochs = 0;
        r.stepEpochs = 10;
        r.stepFactor = 1.0 / 3.0;
        r.batchSize = 64;
        r.source = "seed 003, section 'Experimental settings': Adam, initial learning rate 0.001 decayed by 1/3 every 10 epochs, "
                   "batch 64, at most 100 epochs, early stopping with patience 10";
        return r;
    }
    // Architectures whose recipes are added with their models start from Adam, a neutral default.
    r.optimizer = OptimizerKind::Adam;
    r.learningRate = 1e-3;
    r.weightDecay = 0;
    r.schedule = ScheduleKind::Cosine;
    r.warmupEpochs = 1;
    r.batchSize = 32;
    r.source = "default (no paper recipe recorded for " + architecture + ")";
    return r;
}

namespace {

struct Data {
    torch::Tensor images;   // uint8 [N,1,H,W]
    torch::Tensor ages;     // float [N]
    torch::Tensor male;     // float [N]
    torch::Tensor rois;     // uint8 [N,18,S,S] TW3 ROI patches (a cache with roi_patches), else undefined
    std::vector<std::string> ids;
    std::string recipeJson, source;
};

Data loadData(const std::string& folder)
{
    const DatasetCache cache = DatasetCache::open(folder);
    Data d;
    const auto n = static_cast<int64_t>(cache.size());
    d.images = torch::empty({n, 1, cache.height(), cache.width()}, torch::kUInt8);
    std::memcpy(d.images.data_ptr<uint8_t>(), cache.image(0), static_cast<size_t>(d.images.numel()));
    d.ages = torch::empty({n});
    d.male = torch::empty({n});
    for (int64_t i = 0; i < n; ++i) {
        d.ages[i] = cache.sample(static_cast<size_t>(i)).boneAgeMonths;
        d.male[i] = cache.sample(static_cast<size_t>(i)).male ? 1.0f : 0.0f;
        d.ids.push_back(cache.sample(static_cast<size_t>(i)).id);
    }
    if (cache.roiPatchSize() > 0) {
        const int64_t s = cache.roiPatchSize();
        d.rois = torch::empty({n, cache.roiCount(), s, s}, torch::kUInt8);
        std::memcpy(d.rois.data_ptr<uint8_t>(), cache.roiPatches(0), static_cast<size_t>(d.rois.numel()));
    }
    d.recipeJson = cache.recipeJson();
    const auto& p = cache.properties();
    d.source = p.count("source") ? p.at("source") : folder;
    return d;
}

// Grey bytes -> the model's input frame: [0,1] floats at the preset's size.
torch::Tensor toModelImages(const torch::Tensor& bytes, int inputSize, const torch::Device& device)
{
    torch::Tensor x = bytes.to(device).to(torch::kFloat).div_(255.0);
    if (x.size(2) != inputSize || x.size(3) != inputSize)
        x = torch::nn::functional::interpolate(
            x, torch::nn::functional::InterpolateFuncOptions()
                   .size(std::vector<int64_t>{inputSize, inputSize})
                   .mode(torch::kBilinear)
                   .align_corners(false));
    return x;
}

// A model that reads the 18 TW3 ROI patches refuses a cache without them, before any training.
void requireRoiPatches(const nn::ArchitecturePreset& preset, const Data& d, const std::string& folder)
{
    if (!preset.needsRoiPatches) return;
    if (!d.rois.defined())
        throw std::runtime_error(folder + ": " + preset.architecture + " reads the 18 TW3 ROI patches and this cache has none; "
                                 "prepare it with a recipe that cuts them (boneage prepare --recipe hand-box-224-rois)");
    if (d.rois.size(1) != 18) throw std::runtime_error(folder + ": the cache holds " + std::to_string(d.rois.size(1)) + " ROI patches per film, not 18");
}

// The selected samples' ROI patches as the model reads them: [B,18,64,64] floats in [0,1] (resized
// when the cache cut another size); masked ROIs are the cache's black patches. Undefined for a model
// without a local pathway. `gainJitter` > 0: each film's patches scaled by one factor in [1-g, 1+g]
// (the training augmentation of the local pathway; the global image has its own).
torch::Tensor roiBatch(const nn::ArchitecturePreset& preset, const torch::Tensor& rois, const torch::Tensor& sel, const torch::Device& device,
                       double gainJitter = 0)
{
    if (!preset.needsRoiPatches || !rois.defined()) return {};
    torch::Tensor x = rois.index_select(0, sel).to(device).to(torch::kFloat).div_(255.0);
    constexpr int64_t kSize = 64;
    if (x.size(2) != kSize || x.size(3) != kSize)
        x = torch::nn::functional::interpolate(x, torch::nn::functional::InterpolateFuncOptions()
                                                      .size(std::vector<int64_t>{kSize, kSize})
                                                      .mode(torch::kBilinear)
                                                      .align_corners(false));
    if (gainJitter > 0) x = (x * (1.0 + gainJitter * (2 * torch::rand({x.size(0), 1, 1, 1}, x.options()) - 1))).clamp_(0, 1);
    return x;
}

// What the training steps read: on a GPU the cache moved there once (issue 20: each batch is then
// gathered on the device, with no host work and no copy per step), else the host's tensors.
struct TrainingTensors {
    torch::Tensor images, ages, male, rois;
    bool onDevice = false;
};

TrainingTensors trainingTensorsFor(const Data& d, const torch::Device& device, bool wanted, std::string& note)
{
    TrainingTensors t{d.images, d.ages, d.male, d.rois, false};
    if (!device.is_cuda() || !wanted) return t;
    try {
        t.images = d.images.to(device);
        t.ages = d.ages.to(device);
        t.male = d.male.to(device);
        if (d.rois.defined()) t.rois = d.rois.to(device);
        t.onDevice = true;
    } catch (const c10::Error&) {   // out of device memory: the host keeps it
        t = TrainingTensors{d.images, d.ages, d.male, d.rois, false};
        note = "the cache did not fit in the GPU's memory; batches are copied from the host";
    }
    return t;
}

// bf16 autocast for the enclosed training step on the device's type, the previous state restored
// after (and the autocast's cast cache dropped, as PyTorch's autocast does on leaving). LibTorch 2.4
// replaced the per-device functions by ones that take the device type (the old ones deprecated).
class Bf16Autocast {
public:
    Bf16Autocast(bool on, const torch::Device& device) : on_(on), type_(device.type())
    {
        if (!on_) return;
        wasEnabled_ = enabled(type_);
        previousType_ = dtype(type_);
        set(type_, true, at::kBFloat16);
    }
    ~Bf16Autocast()
    {
        if (!on_) return;
        set(type_, wasEnabled_, previousType_);
        at::autocast::clear_cache();
    }
    Bf16Autocast(const Bf16Autocast&) = delete;
    Bf16Autocast& operator=(const Bf16Autocast&) = delete;

private:
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    static bool enabled(c10::DeviceType t) { return at::autocast::is_autocast_enabled(t); }
    static at::ScalarType dtype(c10::DeviceType t) { return at::autocast::get_autocast_dtype(t); }
    static void set(c10::DeviceType t, bool on, at::ScalarType type)
    {
        at::autocast::set_autocast_dtype(t, type);
        at::autocast::set_autocast_enabled(t, on);
    }
#else
    static bool enabled(c10::DeviceType t) { return t == c10::DeviceType::CUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled(); }
    static at::ScalarType dtype(c10::DeviceType t)
    {
        return t == c10::DeviceType::CUDA ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
    }
    static void set(c10::DeviceType t, bool on, at::ScalarType type)
    {
        if (t == c10::DeviceType::CUDA) {
            at::autocast::set_autocast_gpu_dtype(type);
            at::autocast::set_enabled(on);
        } else {
            at::autocast::set_autocast_cpu_dtype(type);
            at::autocast::set_cpu_enabled(on);
        }
    }
#endif
    bool on_;
    c10::DeviceType type_;
    bool wasEnabled_ = false;
    at::ScalarType previousType_ = at::kBFloat16;
};

std::vector<double> predict(nn::BoneAgeModelImpl& model, const Data& d, const std::vector<int64_t>& idx, int inputSize,
                            const torch::Device& device)
{
    torch::NoGradGuard noGrad;
    model.eval();
    std::vector<double> out;
    out.reserve(idx.size());
    for (size_t start = 0; start < idx.size(); start += 128) {
        const size_t end = std::min(idx.size(), start + 128);
        const torch::Tensor sel = torch::tensor(std::vector<int64_t>(idx.begin() + long(start), idx.begin() + long(end)));
        nn::ModelInput in;
        in.image = toModelImages(d.images.index_select(0, sel), inputSize, device);
        in.sex = d.male.index_select(0, sel).to(device);
        in.roiPatches = roiBatch(model.preset(), d.rois, sel, device);
        const torch::Tensor age = model.forward(in).boneAgeMonths.to(torch::kCPU).to(torch::kDouble).contiguous();
        out.insert(out.end(), age.data_ptr<double>(), age.data_ptr<double>() + age.numel());
    }
    model.train();
    return out;
}

EvaluationMetrics metricsFor(nn::BoneAgeModelImpl& model, const Data& d, const std::vector<int64_t>& idx, int inputSize,
                             const torch::Device& device)
{
    const std::vector<double> pred = predict(model, d, idx, inputSize, device);
    std::vector<double> ref;
    std::vector<bool> male;
    for (int64_t i : idx) {
        ref.push_back(d.ages[i].item<double>());
        male.push_back(d.male[i].item<float>() > 0.5f);
    }
    return evaluateBoneAge(pred, ref, male);
}

void saveWeightsAtomically(nn::BoneAgeModelImpl& model, const std::string& path)
{
    torch::serialize::OutputArchive archive;
    model.save(archive);
    saveArchiveAtomically(archive, path);
}

struct HistoryRow {
    int epoch;
    double trainLoss, trainMae, validationMae, learningRate, seconds;
    double monitorMae = -1;   // on TrainOptions::monitorCache; -1: none
};

std::string curvesCsv(const std::vector<HistoryRow>& rows)
{
    std::ostringstream s;
    s << "epoch,train_loss,train_mae_months,validation_mae_months,learning_rate,seconds,monitor_mae_months\n";
    for (const auto& r : rows) {
        s << r.epoch << ',' << r.trainLoss << ',' << r.trainMae << ',' << r.validationMae << ',' << r.learningRate << ','
          << r.seconds << ',';
        if (r.monitorMae >= 0) s << r.monitorMae;
        s << '\n';
    }
    return s.str();
}

void saveCheckpoint(const std::string& path, nn::BoneAgeModelImpl& model, torch::optim::Optimizer& optimizer, int epoch,
                    double bestMae, int bestEpoch, int badEpochs, double seconds, const std::vector<HistoryRow>& history,
                    WeightAverage* average)
{
    torch::serialize::OutputArchive root, m;
    model.save(m);
    root.write("model", m);
    if (average) {
        torch::serialize::OutputArchive a;
        average->model().save(a);
        root.write("average", a);
        root.write("average_updates", torch::tensor({average->updates()}, torch::kLong));
    }
    // The optimizer goes in as its own serialized bytes: nested in the root archive, LibTorch 1.13
    // drops its state (momentum, Adam moments) on reading, and the resumed run then differs.
    std::ostringstream optimizerBytes;
    torch::save(optimizer, optimizerBytes);
    const std::string bytes = optimizerBytes.str();
    root.write("optimizer", torch::from_blob(const_cast<char*>(bytes.data()), {static_cast<int64_t>(bytes.size())},
                                             torch::kUInt8).clone());
    root.write("state", torch::tensor({double(epoch), bestMae, double(bestEpoch), double(badEpochs), seconds},
                                      torch::kDouble));
    std::vector<double> flat;
    for (const auto& h : history)
        flat.insert(flat.end(), {double(h.epoch), h.trainLoss, h.trainMae, h.validationMae, h.learningRate, h.seconds,
                                 h.monitorMae});
    root.write("history", torch::tensor(flat, torch::kDouble).view({int64_t(history.size()), 7}));
    saveArchiveAtomically(root, path);
}


} // namespace

CacheEvaluation evaluateOnCache(const std::string& architecture, const std::string& preset,
                                const std::string& weightsFile, bool halfWeights, const std::string& cacheFolder,
                                const std::vector<std::string>& onlyIds, const std::string& deviceName)
{
    const torch::Device device(deviceName == "cuda" ? torch::kCUDA : torch::kCPU);
    nn::BoneAgeModel model = nn::createModel(architecture, preset);
    if (halfWeights) model->to(torch::kHalf);   // loadModel converts either way; this keeps the card's word
    nn::loadModel(*model, weightsFile);         // checked: names, shapes, one float dtype (nn/StoredWeights.h)
    model->to(torch::kFloat);
    model->to(device);
    const Data data = loadData(cacheFolder);
    requireRoiPatches(model->preset(), data, cacheFolder);
    std::vector<int64_t> idx;
    const std::set<std::string> only(onlyIds.begin(), onlyIds.end());
    for (size_t i = 0; i < data.ids.size(); ++i)
        if (only.empty() || only.count(data.ids[i])) idx.push_back(static_cast<int64_t>(i));
    if (idx.empty()) throw std::runtime_error(cacheFolder + ": none of the selected ids is in the cache");
    CacheEvaluation e;
    e.predicted = predict(*model, data, idx, model->preset().inputSize, device);
    for (int64_t i : idx) {
        e.ids.push_back(data.ids[static_cast<size_t>(i)]);
        e.reference.push_back(data.ages[i].item<double>());
        e.male.push_back(data.male[i].item<float>() > 0.5f);
    }
    return e;
}

TrainResult train(const TrainOptions& o, const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    keepFreedMemoryForReuse();
    if (o.threads > 0) torch::set_num_threads(o.threads);
    if (o.device != "cpu" && o.device != "cuda") throw std::runtime_error("--device must be cpu or cuda");
    if (o.device == "cuda" && !torch::cuda::is_available())
        throw std::runtime_error("CUDA was requested but this LibTorch has no usable GPU; use --device cpu");
    const torch::Device device(o.device == "cuda" ? torch::kCUDA : torch::kCPU);
    if (o.outDir.empty()) throw std::runtime_error("no output folder given");
    fs::create_directories(o.outDir);

    torch::manual_seed(o.seed);
    nn::BoneAgeModel model = nn::createModel(o.architecture, o.preset);
    const auto& preset = model->preset();
    if (!o.initialWeights.empty()) {
        // loadModel checks the stored tensors against the network and converts their dtype.
        if (o.initialWeightsHalf) model->to(torch::kHalf);
        nn::loadModel(*model, o.initialWeights);
        model->to(torch::kFloat);
    }
    model->to(device);
    model->train();
    std::optional<WeightAverage> average;
    if (o.emaDecay > 0) average.emplace(nn::createModel(o.architecture, o.preset), *model, o.emaDecay);
    const FrozenBlocks frozen = freezeBlocks(*model, o.freezePrefixes, o.architecture + "/" + o.preset);
    const std::vector<torch::Tensor>& trainable = frozen.trainable;
    frozen.keepInEval();

    // Data and the held-out split (by a seeded permutation, recorded in the package).
    const Data data = loadData(o.dataCache);
    requireRoiPatches(preset, data, o.dataCache);
    Data valData;
    std::vector<int64_t> trainIdx, valIdx;
    if (!o.validationCache.empty()) {
        valData = loadData(o.validationCache);
        requireRoiPatches(preset, valData, o.validationCache);
        trainIdx.resize(static_cast<size_t>(data.images.size(0)));
        std::iota(trainIdx.begin(), trainIdx.end(), 0);
        valIdx.resize(static_cast<size_t>(valData.images.size(0)));
        std::iota(valIdx.begin(), valIdx.end(), 0);
    } else if (!o.validationIds.empty()) {
        const std::set<std::string> held(o.validationIds.begin(), o.validationIds.end());
        for (int64_t i = 0; i < data.images.size(0); ++i) (held.count(data.ids[static_cast<size_t>(i)]) ? valIdx : trainIdx).push_back(i);
        valData = data;
    } else {
        std::vector<int64_t> all(static_cast<size_t>(data.images.size(0)));
        std::iota(all.begin(), all.end(), 0);
        std::mt19937_64 rng(o.splitSeed.value_or(o.seed));
        std::shuffle(all.begin(), all.end(), rng);
        const auto nVal = static_cast<size_t>(std::llround(all.size() * o.validationFraction));
        valIdx.assign(all.begin(), all.begin() + long(nVal));
        trainIdx.assign(all.begin() + long(nVal), all.end());
        std::sort(valIdx.begin(), valIdx.end());
        valData = data;
    }
    if (!o.sexSubset.empty()) {
        if (o.sexSubset != "M" && o.sexSubset != "F") throw std::runtime_error("the sex subset must be M or F");
        const float keep = o.sexSubset == "M" ? 1.0f : 0.0f;
        const auto bySex = [keep](const Data& d, std::vector<int64_t>& idx) {
            idx.erase(std::remove_if(idx.begin(), idx.end(), [&](int64_t i) { return d.male[i].item<float>() != keep; }),
                      idx.end());
        };
        bySex(data, trainIdx);
        bySex(valData, valIdx);
    }
    if (trainIdx.empty() || valIdx.empty()) throw std::runtime_error("the training or validation set is empty");
    // The monitor (a workspace's check set): measured every epoch for the curves, never used to
    // choose the epoch, the early stop or anything else, so that it stays a fair test afterwards.
    Data monitorData;
    std::vector<int64_t> monitorIdx;
    if (!o.monitorCache.empty()) {
        monitorData = loadData(o.monitorCache);
        requireRoiPatches(preset, monitorData, o.monitorCache);
        for (int64_t i = 0; i < monitorData.images.size(0); ++i)
            if (o.sexSubset.empty() || (monitorData.male[i].item<float>() > 0.5f) == (o.sexSubset == "M")) monitorIdx.push_back(i);
    }

    const TrainingRecipe& recipe = o.recipe;
    auto optimizer = makeOptimizer(trainable, recipe);
    const int batch = std::max(1, recipe.batchSize);
    int stepsPerEpoch = static_cast<int>((trainIdx.size() + batch - 1) / batch);
    if (o.maxStepsPerEpoch > 0) stepsPerEpoch = std::min(stepsPerEpoch, o.maxStepsPerEpoch);

    const std::string checkpoint = (fs::path(o.outDir) / "checkpoint.pt").string();
    const std::string bestWeights = (fs::path(o.outDir) / "weights-best.pt").string();
    int startEpoch = 0, bestEpoch = 0, badEpochs = 0;
    bool bestWrittenHere = false;
    double bestMae = std::numeric_limits<double>::infinity(), previousSeconds = 0;
    std::vector<HistoryRow> history;
    if (!o.resumeCheckpoint.empty()) {
        torch::serialize::InputArchive root, m;
        torch::Tensor optimizerBytes;
        try {
            root.load_from(o.resumeCheckpoint);
            root.read("model", m);
            root.read("optimizer", optimizerBytes);
            model->load(m);
            model->to(device);
            std::istringstream in(std::string(reinterpret_cast<const char*>(optimizerBytes.data_ptr<uint8_t>()),
                                              static_cast<size_t>(optimizerBytes.numel())));
            torch::load(*optimizer, in);
            // In the uninterrupted run every parameter has had a gradient by now (zeroed, not
            // undefined), and Adam/momentum still move parameters whose gradient is zero, e.g. the
            // heads that 2M-Net's first progressive step does not reach. Recreate that state.
            for (auto& p : trainable) p.mutable_grad() = torch::zeros_like(p);
        } catch (const c10::Error& e) {
            throw std::runtime_error(o.resumeCheckpoint + ": not a readable training checkpoint of " + o.architecture +
                                     "/" + o.preset + " with this optimizer");
        }
        torch::serialize::InputArchive averageArchive;
        const bool hasAverage = root.try_read("average", averageArchive);
        if (hasAverage != average.has_value())
            throw std::runtime_error(o.resumeCheckpoint + (hasAverage ? ": written with --ema; resume it with the same --ema"
                                                                      : ": written without --ema; resume it without --ema"));
        if (average) {
            average->model().load(averageArchive);
            average->model().to(device);
            torch::Tensor updates;
            root.read("average_updates", updates);
            average->setUpdates(updates.item<int64_t>());
        }
        torch::Tensor state, hist;
        root.read("state", state);
        root.read("history", hist);
        startEpoch = static_cast<int>(state[0].item<double>()) + 1;
        bestMae = state[1].item<double>();
        bestEpoch = static_cast<int>(state[2].item<double>());
        badEpochs = static_cast<int>(state[3].item<double>());
        previousSeconds = state[4].item<double>();
        for (int64_t i = 0; i < hist.size(0); ++i)   // checkpoints before the monitor column have 6
            history.push_back({static_cast<int>(hist[i][0].item<double>()), hist[i][1].item<double>(), hist[i][2].item<double>(),
                               hist[i][3].item<double>(), hist[i][4].item<double>(), hist[i][5].item<double>(),
                               hist.size(1) > 6 ? hist[i][6].item<double>() : -1.0});
    }

    TrainResult result;
    result.modelDir = o.outDir;
    // The global-local network reads an upright left hand beside ROI patches cut from it: a mirrored
    // global image would no longer match its patches, so its training does not flip.
    AugmentationOptions augmentation = o.augmentation;
    if (preset.needsRoiPatches) augmentation.flipProbability = 0;
    std::string cacheNote;
    const TrainingTensors tensors = trainingTensorsFor(data, device, o.cacheOnDevice, cacheNote);
    if (!cacheNote.empty()) std::fprintf(stderr, "train: %s\n", cacheNote.c_str());
    result.cacheOnDevice = tensors.onDevice;
    // On a GPU the step's losses stay there, summed on the device, and are read (one wait for the
    // GPU) every kGpuReportSteps steps and at the epoch's end; on the CPU reading costs nothing, and
    // every step is reported as before.
    constexpr int kGpuReportSteps = 50;
    const torch::TensorOptions sumOptions = torch::TensorOptions().dtype(torch::kDouble).device(device);
    const auto runStart = Clock::now();
    double imagesSeen = 0, trainSeconds = 0, steadyImages = 0;
    int runSteps = 0, gpuReadings = 0;
    for (int epoch = startEpoch; epoch < o.epochs; ++epoch) {
        // Everything random in an epoch derives from (seed, epoch): a resumed run repeats it exactly.
        torch::manual_seed(o.seed * 1000003ull + static_cast<std::uint64_t>(epoch));
        model->reseedAugmentation(o.seed * 7919ull + static_cast<std::uint64_t>(epoch));
        model->setTrainingProgress(double(epoch) / std::max(1, o.epochs));   // TJ-Net's alpha schedule
        if (average) average->model().setTrainingProgress(double(epoch) / std::max(1, o.epochs));
        frozen.keepInEval();   // validation put the whole model back in train mode
        std::vector<int64_t> order = trainIdx;
        std::mt19937_64 rng(o.seed * 31ull + static_cast<std::uint64_t>(epoch));
        std::shuffle(order.begin(), order.end(), rng);
        const torch::Tensor epochOrder = torch::tensor(order).to(tensors.images.device());   // one copy per epoch

        const auto epochStart = Clock::now();
        torch::Tensor lossSumOnDevice = torch::zeros({}, sumOptions), maeSumOnDevice = torch::zeros({}, sumOptions);
        double lossSum = 0, maeSum = 0, lr = 0;
        int steps = 0;
        auto lastReading = Clock::now();
        double imagesSinceReading = 0;
        for (int step = 0; step < stepsPerEpoch; ++step) {
            if (cancel && cancel->load()) {
                result.cancelled = true;
                break;
            }
            // The time budget (across resumes): the partial epoch is validated like a whole one
            // below, so that a run stopped by its budget still ends with a package.
            if (o.maxTrainingSeconds > 0 && steps > 0 &&
                previousSeconds + std::chrono::duration<double>(Clock::now() - runStart).count() >= o.maxTrainingSeconds) {
                result.stoppedByBudget = true;
                break;
            }
            lr = learningRateAt(recipe, epoch + double(step) / stepsPerEpoch, o.epochs);
            setLearningRate(*optimizer, lr);
            const int64_t from = int64_t(step) * batch, to = std::min<int64_t>(int64_t(order.size()), from + batch);
            const torch::Tensor sel = epochOrder.slice(0, from, to);
            nn::TrainingBatch b;
            b.input.image = augment(toModelImages(tensors.images.index_select(0, sel), preset.inputSize, device), augmentation);
            b.input.sex = tensors.male.index_select(0, sel).to(device);
            b.input.roiPatches = roiBatch(preset, tensors.rois, sel, device, augmentation.enabled ? augmentation.contrastRange : 0);
            b.boneAgeMonths = tensors.ages.index_select(0, sel).to(device);
            const auto t0 = Clock::now();
            nn::TrainingStepResult r;
            {
                const Bf16Autocast autocast(o.bf16Autocast, device);
                r = model->trainingStep(b, *optimizer);
            }
            if (average) average->update(*model);
            // The card's throughput is the steady state. On the CPU the steps are timed, leaving out
            // the first 3 of a run (allocator and OpenMP warm-up), as the Python reference of
            // bench-train-throughput does; on a GPU (asynchronous) the time between two readings of
            // the losses, leaving out the first stretch of the run.
            if (!device.is_cuda() && (++runSteps > 3 || stepsPerEpoch * (o.epochs - startEpoch) <= 3)) {
                trainSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
                steadyImages += static_cast<double>(to - from);
            }
            imagesSeen += static_cast<double>(to - from);
            imagesSinceReading += static_cast<double>(to - from);
            // The running MAE is the last supervised output's L1 in months (2M-Net: the multi-scale
            // head on the unshuffled image), or an explicit "mae" part where a model reports one.
            const torch::Tensor mae = r.parts.count("l1.multiScale") ? r.parts.at("l1.multiScale")
                                      : r.parts.count("mae")         ? r.parts.at("mae")
                                      : r.parts.empty()              ? torch::zeros({}, sumOptions)
                                                                     : r.parts.rbegin()->second;
            lossSumOnDevice.add_(r.loss);
            maeSumOnDevice.add_(mae);
            ++steps;
            if (device.is_cuda() && step + 1 != stepsPerEpoch && (step + 1) % kGpuReportSteps != 0) continue;
            lossSum = lossSumOnDevice.item<double>();   // waits for the GPU
            maeSum = maeSumOnDevice.item<double>();
            if (device.is_cuda()) {
                if (gpuReadings++ > 0) {
                    trainSeconds += std::chrono::duration<double>(Clock::now() - lastReading).count();
                    steadyImages += imagesSinceReading;
                }
                lastReading = Clock::now();
                imagesSinceReading = 0;
            }
            if (progress) {
                TrainProgress p;
                p.epoch = epoch + 1;
                p.epochs = o.epochs;
                p.step = step + 1;
                p.stepsPerEpoch = stepsPerEpoch;
                p.loss = lossSum / steps;
                p.runningMae = maeSum / steps;
                p.learningRate = lr;
                p.imagesPerSecond = imagesSeen / std::max(1e-9, std::chrono::duration<double>(Clock::now() - runStart).count());
                const double remainingSteps = double(o.epochs - epoch - 1) * stepsPerEpoch + (stepsPerEpoch - step - 1);
                p.etaSeconds = remainingSteps * batch / std::max(1e-9, p.imagesPerSecond);
                if (o.maxTrainingSeconds > 0)
                    p.etaSeconds = std::min(p.etaSeconds, std::max(0.0, o.maxTrainingSeconds - previousSeconds -
                                                                         std::chrono::duration<double>(Clock::now() - runStart).count()));
                p.bestValidationMae = std::isfinite(bestMae) ? bestMae : -1;
                progress(p);
            }
        }
        if (result.cancelled) break;
        lossSum = lossSumOnDevice.item<double>();   // a stop by the budget may have left steps unread
        maeSum = maeSumOnDevice.item<double>();

        // What is validated and packaged: the weight average where there is one.
        nn::BoneAgeModelImpl& judged = average ? average->model() : *model;
        const EvaluationMetrics val = metricsFor(judged, valData, valIdx, preset.inputSize, device);
        const double monitorMae =
            monitorIdx.empty() ? -1.0 : metricsFor(judged, monitorData, monitorIdx, preset.inputSize, device).all.mae;
        const double seconds = previousSeconds + std::chrono::duration<double>(Clock::now() - runStart).count();
        history.push_back({epoch + 1, lossSum / std::max(1, steps), maeSum / std::max(1, steps), val.all.mae, lr,
                           std::chrono::duration<double>(Clock::now() - epochStart).count(), monitorMae});
        if (val.all.mae < bestMae) {
            bestMae = val.all.mae;
            bestEpoch = epoch + 1;
            badEpochs = 0;
            saveWeightsAtomically(judged, bestWeights);
            bestWrittenHere = true;
        } else {
            ++badEpochs;
        }
        saveCheckpoint(checkpoint, *model, *optimizer, epoch, bestMae, bestEpoch, badEpochs, seconds, history,
                       average ? &*average : nullptr);
        writeTextAtomically((fs::path(o.outDir) / "curves.csv").string(), curvesCsv(history));
        result.epochsRun = epoch + 1;
        if (progress) {
            TrainProgress p;
            p.epoch = epoch + 1;
            p.epochs = o.epochs;
            p.step = p.stepsPerEpoch = stepsPerEpoch;
            p.loss = lossSum / std::max(1, steps);
            p.runningMae = maeSum / std::max(1, steps);
            p.learningRate = lr;
            p.epochFinished = true;
            p.validationMae = val.all.mae;
            p.bestValidationMae = bestMae;
            p.monitorMae = monitorMae;
            p.imagesPerSecond = imagesSeen / std::max(1e-9, std::chrono::duration<double>(Clock::now() - runStart).count());
            progress(p);
        }
        if (badEpochs >= o.earlyStoppingPatience) {
            result.stoppedEarly = true;
            break;
        }
        if (o.maxTrainingSeconds > 0 && seconds >= o.maxTrainingSeconds) result.stoppedByBudget = true;
        if (result.stoppedByBudget) break;
    }
    result.seconds = previousSeconds + std::chrono::duration<double>(Clock::now() - runStart).count();
    result.trainImagesPerSecond = steadyImages / std::max(1e-9, trainSeconds);
    result.bestEpoch = bestEpoch;
    result.bestValidationMae = bestMae;
    // Cancelled before the first epoch ended (or a resumed run that had packaged its best already).
    // A weights-best.pt counts only if this run, or the run it resumes, wrote it: with --overwrite
    // one of an earlier, unrelated run may still be in the folder.
    if (!bestWrittenHere && (o.resumeCheckpoint.empty() || !fs::exists(bestWeights))) return result;

    // The package: best weights (fp16 when the validation MAE holds), card, curves, held-out ids.
    nn::loadModel(*model, bestWeights);
    model->to(torch::kFloat);
    model->to(device);
    const EvaluationMetrics best = metricsFor(*model, valData, valIdx, preset.inputSize, device);
    std::string dtype = "float32";
    double halfMae = best.all.mae;
    if (o.halfPrecisionWeights) {
        nn::BoneAgeModel half = nn::createModel(o.architecture, o.preset);
        nn::loadModel(*half, bestWeights);
        half->to(torch::kHalf);
        half->to(torch::kFloat);
        half->to(device);
        halfMae = metricsFor(*half, valData, valIdx, preset.inputSize, device).all.mae;
        if (std::abs(halfMae - best.all.mae) < 0.05) {
            dtype = "float16";
            half->to(torch::kCPU);
            half->to(torch::kHalf);
            saveWeightsAtomically(*half, (fs::path(o.outDir) / "weights.pt").string());
        }
    }
    if (dtype == "float32") {
        model->to(torch::kCPU);
        saveWeightsAtomically(*model, (fs::path(o.outDir) / "weights.pt").string());
    }
    const std::string weights = (fs::path(o.outDir) / "weights.pt").string();
    std::string ids;
    for (int64_t i : valIdx) ids += valData.ids[static_cast<size_t>(i)] + "\n";
    writeTextAtomically((fs::path(o.outDir) / "validation-ids.txt").string(), ids);
    writeTextAtomically((fs::path(o.outDir) / "validation-cumulative.csv").string(), cumulativeCsv(best));

    const std::string recipeJson = data.recipeJson.empty() ? "{}" : data.recipeJson;
    using json::number;
    using json::quote;
    const std::string card = json::object({
        {"format", quote("boneage-model-1")},
        {"id", quote(o.architecture + "-" + o.preset +
                     (o.sexSubset.empty() ? "" : o.sexSubset == "M" ? "-male" : "-female"))},
        {"architecture", quote(o.architecture)},
        {"preset", quote(o.preset)},
        {"paper", quote(preset.paper)},
        {"description", quote(preset.description)},
        {"research_use_only", "true"},
        {"input", json::object({{"size", std::to_string(preset.inputSize)},
                                {"channels", std::to_string(preset.inputChannels)},
                                {"intensity", quote("grey / 255, in [0,1]")},
                                {"recipe", recipeJson}})},
        {"sex", quote(o.sexSubset.empty() ? "any" : o.sexSubset)},
        {"sex_handling", quote(!o.sexSubset.empty()
                                   ? std::string("per-sex model: trained and validated on ") +
                                         (o.sexSubset == "M" ? "male" : "female") + " radiographs only"
                                   : preset.takesSex ? "sex is a model input" : "one model for both sexes; sex not used")},
        {"parameters", std::to_string(model->parameterCount())},
        {"test_time_augmentation", quote(preset.testTimeAugmentation ? "flips_and_shifts" : "none")},
        {"weights", json::object({{"file", quote("weights.pt")},
                                  {"bytes", std::to_string(fs::file_size(weights))},
                                  {"sha256", quote(sha256OfFile(weights))},
                                  {"dtype", quote(dtype)}})},
        {"training_data", json::object({{"cache", quote(o.dataCache)},
                                        {"source", quote(data.source)},
                                        {"train_count", std::to_string(trainIdx.size())},
                                        {"validation_count", std::to_string(valIdx.size())},
                                        {"validation", quote(!o.validationIds.empty()
                                                                 ? "held-out ids of " + o.validationIdsSource + " present in the cache (ids in validation-ids.txt)"
                                                                 : o.validationCache.empty()
                                                                 ? "held-out fraction " + number(o.validationFraction) +
                                                                       " of the cache, seed " + std::to_string(o.splitSeed.value_or(o.seed)) +
                                                                       " (ids in validation-ids.txt)"
                                                                 : "separate cache " + o.validationCache)}})},
        {"training", json::object({{"command", quote(o.commandLine)},
                                   {"device", quote(o.device)},
                                   {"threads", std::to_string(torch::get_num_threads())},
                                   {"epochs_run", std::to_string(result.epochsRun)},
                                   {"best_epoch", std::to_string(bestEpoch)},
                                   {"seconds", number(result.seconds, 1)},
                                   {"train_images_per_second", number(result.trainImagesPerSecond, 1)},
                                   {"bf16_autocast", o.bf16Autocast ? "true" : "false"},
                                   {"cache_on_device", result.cacheOnDevice ? "true" : "false"},
                                   {"stopped_early", result.stoppedEarly ? "true" : "false"},
                                   {"stopped_by_time_budget", result.stoppedByBudget ? "true" : "false"},
                                   {"time_budget_seconds", number(o.maxTrainingSeconds, 0)},
                                   {"optimizer", quote(optimizerName(recipe.optimizer))},
                                   {"learning_rate", number(recipe.learningRate, 6)},
                                   {"schedule", quote(scheduleName(recipe.schedule))},
                                   {"step_epochs", std::to_string(recipe.stepEpochs)},
                                   {"step_factor", number(recipe.stepFactor, 4)},
                                   {"batch_size", std::to_string(batch)},
                                   {"weight_average_decay", number(o.emaDecay, 6)},
                                   {"recipe_source", quote(recipe.source)},
                                   {"frozen", json::array([&] {
                                        std::vector<std::string> v;
                                        for (const auto& f : o.freezePrefixes) v.push_back(quote(f));
                                        return v;
                                    }())}})},
        {"validation_metrics", toJson(best)},
        {"started_from", o.startedFromJson.empty() ? "null" : o.startedFromJson},
        {"validation_mae_float16", number(halfMae, 3)},
    });
    // Sealed (common/CardSeal.h): the loader refuses a card edited after it was written.
    writeTextAtomically((fs::path(o.outDir) / "model.json").string(), sealCardText(card) + "\n");
    std::error_code ec;
    fs::remove(bestWeights, ec);
    return result;
}

} // namespace boneage::training
