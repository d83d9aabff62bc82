#include "training/LandmarkTrainer.h"

#include "common/AtomicFile.h"
#include "common/CardSeal.h"
#include "common/JsonText.h"
#include "common/Sha256.h"
#include "nn/HandLandmarkNet.h"
#include "nn/StoredWeights.h"
#include "training/DatasetCache.h"
#include "training/LandmarkMetrics.h"
#include "training/TrainingSupport.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace boneage::training {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using json::number;
using json::quote;

TrainingRecipe landmarkRecipe()
{
    TrainingRecipe r;
    r.optimizer = OptimizerKind::AdamW;
    r.learningRate = 1e-3;
    r.weightDecay = 1e-4;
    r.schedule = ScheduleKind::Cosine;
    r.warmupEpochs = 2;
    r.warmupStartLearningRate = 1e-4;
    r.batchSize = 32;
    r.source = "project choice (no seed paper trains landmarks): AdamW 1e-3, wd 1e-4, cosine after a 2-epoch warm-up, "
               "batch 32";
    return r;
}

namespace {

struct KeypointData {
    torch::Tensor images;    // uint8 [N,1,H,W]
    torch::Tensor points;    // float [N,K,2], cache pixels
    torch::Tensor visible;   // bool [N,K]
    std::vector<std::string> ids;
    std::string recipeJson, source, keypointNames;
    int width = 0, height = 0;
};

KeypointData loadKeypointData(const std::string& folder)
{
    const DatasetCache cache = DatasetCache::open(folder);
    if (!cache.hasKeypoints())
        throw std::runtime_error(folder + ": the cache has no keypoints; prepare it with `boneage prepare --keypoints COCO.json`.");
    KeypointData d;
    const auto n = static_cast<int64_t>(cache.size());
    d.width = cache.width();
    d.height = cache.height();
    d.images = torch::empty({n, 1, d.height, d.width}, torch::kUInt8);
    std::memcpy(d.images.data_ptr<uint8_t>(), cache.image(0), static_cast<size_t>(d.images.numel()));
    const int64_t K = static_cast<int64_t>(cache.sample(0).keypoints.size() / 2);
    d.points = torch::zeros({n, K, 2});
    d.visible = torch::zeros({n, K}, torch::kBool);
    for (int64_t i = 0; i < n; ++i) {
        const auto& s = cache.sample(static_cast<size_t>(i));
        if (static_cast<int64_t>(s.keypoints.size()) != 2 * K)
            throw std::runtime_error(folder + ": sample " + s.id + " has " + std::to_string(s.keypoints.size() / 2) +
                                     " keypoints, the first has " + std::to_string(K) + ".");
        for (int64_t k = 0; k < K; ++k) {
            const float x = s.keypoints[static_cast<size_t>(2 * k)], y = s.keypoints[static_cast<size_t>(2 * k + 1)];
            if (std::isnan(x) || std::isnan(y)) continue;
            d.points[i][k][0] = x;
            d.points[i][k][1] = y;
            d.visible[i][k] = true;
        }
        d.ids.push_back(s.id);
    }
    d.recipeJson = cache.recipeJson();
    const auto& p = cache.properties();
    d.source = p.count("source") ? p.at("source") : folder;
    d.keypointNames = p.count("keypoints") ? p.at("keypoints") : "";
    return d;
}

struct Batch {
    torch::Tensor images, points, visible;   // [B,1,S,S] in [0,1]; [B,K,2] input pixels; [B,K]
};

// One random similarity transform (rotation, scale, shift, left/right flip) per image, applied to the
// image with grid_sample and to its points with the same matrix; then gamma and contrast.
Batch makeBatch(const KeypointData& d, const torch::Tensor& sel, int S, const LandmarkTrainOptions* aug,
                const torch::Device& device)
{
    namespace F = torch::nn::functional;
    const auto x = d.images.index_select(0, sel).to(device).to(torch::kFloat).div_(255.0);
    auto pts = d.points.index_select(0, sel).to(device);
    auto vis = d.visible.index_select(0, sel).to(device);
    const int64_t B = x.size(0);
    const auto fopt = torch::TensorOptions().device(device);
    torch::Tensor a = torch::zeros({B}, fopt), s = torch::ones({B}, fopt), f = torch::ones({B}, fopt);
    torch::Tensor tx = torch::zeros({B}, fopt), ty = torch::zeros({B}, fopt);
    if (aug) {
        const double pi = std::acos(-1.0);
        a = (torch::rand({B}, fopt) * 2 - 1) * (aug->rotationDegrees * pi / 180.0);
        s = 1 + (torch::rand({B}, fopt) * 2 - 1) * aug->scaleRange;
        f = torch::where(torch::rand({B}, fopt) < aug->flipProbability, -torch::ones({B}, fopt), torch::ones({B}, fopt));
        tx = (torch::rand({B}, fopt) * 2 - 1) * (2 * aug->shiftFraction);   // normalised units span 2
        ty = (torch::rand({B}, fopt) * 2 - 1) * (2 * aug->shiftFraction);
    }
    // Forward map in normalised coordinates: n_out = s R F n_in + t; grid_sample needs the inverse,
    // n_in = F R^T (n_out - t) / s.
    const auto c = torch::cos(a), sn = torch::sin(a);
    const auto m00 = s * c * f, m01 = -s * sn, m10 = s * sn * f, m11 = s * c;
    const auto i00 = f * c / s, i01 = f * sn / s, i10 = -sn / s, i11 = c / s;
    const auto theta = torch::stack({torch::stack({i00, i01, -(i00 * tx + i01 * ty)}, 1),
                                     torch::stack({i10, i11, -(i10 * tx + i11 * ty)}, 1)},
                                    1);   // [B,2,3]
    const auto grid = F::affine_grid(theta, {B, 1, S, S}, /*align_corners=*/false);
    auto img = F::grid_sample(x, grid, F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false));
    const auto nx = pts.select(2, 0) * (2.0 / d.width) - 1, ny = pts.select(2, 1) * (2.0 / d.height) - 1;
    const auto ox = m00.unsqueeze(1) * nx + m01.unsqueeze(1) * ny + tx.unsqueeze(1);
    const auto oy = m10.unsqueeze(1) * nx + m11.unsqueeze(1) * ny + ty.unsqueeze(1);
    pts = torch::stack({(ox + 1) * (S / 2.0), (oy + 1) * (S / 2.0)}, 2);
    vis = vis & (pts.select(2, 0) >= 0) & (pts.select(2, 0) < S) & (pts.select(2, 1) >= 0) & (pts.select(2, 1) < S);
    if (aug) {
        const auto gamma = torch::exp((torch::rand({B, 1, 1, 1}, fopt) * 2 - 1) * aug->gammaRange);
        img = img.clamp(1e-6, 1).pow(gamma);
        const auto contrast = 1 + (torch::rand({B, 1, 1, 1}, fopt) * 2 - 1) * aug->contrastRange;
        const auto mean = img.mean({1, 2, 3}, true);
        img = ((img - mean) * contrast + mean).clamp(0, 1);
    }
    return {img, pts, vis};
}

// Points of every sample (no augmentation), in the cache's pixels.
torch::Tensor predictPoints(nn::HandLandmarkNetImpl& model, const KeypointData& d, int S, const torch::Device& device)
{
    torch::NoGradGuard g;
    model.eval();
    std::vector<torch::Tensor> out;
    const int64_t n = d.images.size(0);
    for (int64_t start = 0; start < n; start += 64) {
        const auto sel = torch::arange(start, std::min(n, start + 64), torch::kLong);
        const Batch b = makeBatch(d, sel, S, nullptr, device);
        auto p = model.forward(b.images).points.to(torch::kCPU);
        p.select(2, 0).mul_(static_cast<double>(d.width) / S);
        p.select(2, 1).mul_(static_cast<double>(d.height) / S);
        out.push_back(p);
    }
    model.train();
    return torch::cat(out, 0);
}

LandmarkMetrics metricsOf(const torch::Tensor& predicted, const KeypointData& d)
{
    std::vector<std::vector<double>> pred, truth;
    std::vector<std::vector<bool>> vis;
    const auto p = predicted.to(torch::kDouble).contiguous();
    const auto t = d.points.to(torch::kDouble).contiguous();
    for (int64_t i = 0; i < p.size(0); ++i) {
        pred.emplace_back(p[i].data_ptr<double>(), p[i].data_ptr<double>() + p[i].numel());
        truth.emplace_back(t[i].data_ptr<double>(), t[i].data_ptr<double>() + t[i].numel());
        std::vector<bool> v;
        for (int64_t k = 0; k < d.visible.size(1); ++k) v.push_back(d.visible[i][k].item<bool>());
        vis.push_back(v);
    }
    return evaluateLandmarks(pred, truth, vis);
}

nn::HandLandmarkNet makeNet(int inputSize, double width)
{
    return nn::HandLandmarkNet(nn::HandLandmarkOptions().inputSize(inputSize).widthMultiplier(width));
}

void saveNet(nn::HandLandmarkNetImpl& model, const std::string& path)
{
    torch::serialize::OutputArchive archive;
    model.save(archive);
    saveArchiveAtomically(archive, path);
}

struct Row {
    int epoch;
    double loss, meanError, medianError, lr, seconds;
    double monitorMeanError = -1;   // -1: no monitor cache
};


} // namespace

LandmarkTrainResult trainLandmarks(const LandmarkTrainOptions& o, const std::function<void(const LandmarkProgress&)>& progress,
                                   const std::atomic<bool>* cancel)
{
    keepFreedMemoryForReuse();
    if (o.outDir.empty()) throw std::runtime_error("no output folder given");
    if (o.validationCache.empty()) throw std::runtime_error("a validation cache with keypoints is required");
    if (o.device == "cuda" && !torch::cuda::is_available())
        throw std::runtime_error("--device cuda: this LibTorch has no CUDA device; use --device cpu.");
    const torch::Device device(o.device == "cuda" ? torch::kCUDA : torch::kCPU);
    if (o.threads > 0) torch::set_num_threads(o.threads);
    const KeypointData train = loadKeypointData(o.dataCache), val = loadKeypointData(o.validationCache);
    if (train.points.size(1) != val.points.size(1)) throw std::runtime_error("training and validation caches differ in keypoints");
    const TrainingRecipe& recipe = o.recipe;
    const int S = o.inputSize, batch = std::max(1, recipe.batchSize);
    fs::create_directories(o.outDir);

    torch::manual_seed(o.seed);
    nn::HandLandmarkNet model = makeNet(S, o.widthMultiplier);
    if (!o.initialWeights.empty())   // checked against the network before any tensor reaches it
        nn::loadCheckedWeightsFile(*model, o.initialWeights, o.initialWeightsHalf ? torch::kHalf : torch::kFloat);
    model->to(device);
    const FrozenBlocks frozen = freezeBlocks(*model, o.freezePrefixes, "the landmark model");
    const std::vector<torch::Tensor>& trainable = frozen.trainable;
    auto optimizer = makeOptimizer(trainable, recipe);
    std::optional<KeypointData> monitor;
    if (!o.monitorCache.empty()) {
        monitor = loadKeypointData(o.monitorCache);
        if (monitor->points.size(1) != train.points.size(1)) throw std::runtime_error("the monitor cache differs in keypoints");
    }

    const std::string checkpoint = (fs::path(o.outDir) / "checkpoint.pt").string();
    const std::string bestWeights = (fs::path(o.outDir) / "weights-best.pt").string();
    int startEpoch = 0, bestEpoch = 0, badEpochs = 0;
    bool bestWrittenHere = false;
    double best = 1e9, priorSeconds = 0;
    std::vector<Row> history;
    if (!o.resumeCheckpoint.empty()) {
        torch::serialize::InputArchive root, m;
        root.load_from(o.resumeCheckpoint, device);
        root.read("model", m);
        model->load(m);
        torch::Tensor bytes, state, hist;
        root.read("optimizer", bytes);
        const std::string b(reinterpret_cast<const char*>(bytes.to(torch::kCPU).data_ptr<uint8_t>()), static_cast<size_t>(bytes.numel()));
        std::istringstream in(b);
        torch::load(*optimizer, in, device);
        root.read("state", state);
        startEpoch = static_cast<int>(state[0].item<double>());
        best = state[1].item<double>();
        bestEpoch = static_cast<int>(state[2].item<double>());
        badEpochs = static_cast<int>(state[3].item<double>());
        priorSeconds = state[4].item<double>();
        root.read("history", hist);
        for (int64_t r = 0; r < hist.size(0); ++r)   // checkpoints before the monitor column have 6
            history.push_back({static_cast<int>(hist[r][0].item<double>()), hist[r][1].item<double>(), hist[r][2].item<double>(),
                               hist[r][3].item<double>(), hist[r][4].item<double>(), hist[r][5].item<double>(),
                               hist.size(1) > 6 ? hist[r][6].item<double>() : -1.0});
    }

    const int64_t n = train.images.size(0);
    int steps = static_cast<int>((n + batch - 1) / batch);
    if (o.maxStepsPerEpoch > 0) steps = std::min(steps, o.maxStepsPerEpoch);
    LandmarkTrainResult result;
    result.modelDir = o.outDir;
    const auto start = Clock::now();
    double trainImages = 0, trainSeconds = 0;
    int epoch = startEpoch;
    for (; epoch < o.epochs; ++epoch) {
        torch::manual_seed(o.seed * 1000003ULL + static_cast<std::uint64_t>(epoch));   // an epoch repeats exactly on resume
        const auto order = torch::randperm(n, torch::kLong);
        double lossSum = 0, lr = 0;
        int done = 0;
        const auto epochStart = Clock::now();
        frozen.keepInEval();   // validation put the whole model back in train mode
        for (int step = 0; step < steps; ++step) {
            if (cancel && cancel->load()) {
                result.cancelled = true;
                break;
            }
            // The time budget (across resumes): the partial epoch is validated like a whole one below.
            if (o.maxTrainingSeconds > 0 && done > 0 &&
                priorSeconds + std::chrono::duration<double>(Clock::now() - start).count() >= o.maxTrainingSeconds) {
                result.stoppedByBudget = true;
                break;
            }
            lr = learningRateAt(recipe, epoch + static_cast<double>(step) / steps, o.epochs);
            setLearningRate(*optimizer, lr);
            const auto sel = order.slice(0, int64_t(step) * batch, std::min(n, int64_t(step + 1) * batch));
            const Batch b = makeBatch(train, sel, S, o.augment ? &o : nullptr, device);
            optimizer->zero_grad();
            const auto loss = nn::handLandmarkLoss(model->forward(b.images), b.points, b.visible, S);
            loss.backward();
            optimizer->step();
            lossSum += loss.item<double>();
            ++done;
            trainImages += static_cast<double>(sel.size(0));
            if (progress) {
                LandmarkProgress p;
                p.epoch = epoch + 1;
                p.epochs = o.epochs;
                p.step = step + 1;
                p.stepsPerEpoch = steps;
                p.loss = lossSum / done;
                p.learningRate = lr;
                const double secs = std::chrono::duration<double>(Clock::now() - epochStart).count();
                p.imagesPerSecond = secs > 0 ? (step + 1) * double(batch) / secs : 0;
                p.etaSeconds = secs / (step + 1) * (double(o.epochs - epoch) * steps - step - 1);
                if (o.maxTrainingSeconds > 0)
                    p.etaSeconds = std::min(p.etaSeconds, std::max(0.0, o.maxTrainingSeconds - priorSeconds -
                                                                         std::chrono::duration<double>(Clock::now() - start).count()));
                progress(p);
            }
        }
        trainSeconds += std::chrono::duration<double>(Clock::now() - epochStart).count();
        if (result.cancelled) break;
        const LandmarkMetrics m = metricsOf(predictPoints(*model, val, S, device), val);
        const double monitorError = monitor ? metricsOf(predictPoints(*model, *monitor, S, device), *monitor).meanError : -1.0;
        const double seconds = priorSeconds + std::chrono::duration<double>(Clock::now() - start).count();
        history.push_back({epoch + 1, lossSum / std::max(1, done), m.meanError, m.medianError, lr, seconds, monitorError});
        if (m.meanError < best) {
            best = m.meanError;
            bestEpoch = epoch + 1;
            badEpochs = 0;
            model->to(torch::kCPU);
            saveNet(*model, bestWeights);
            bestWrittenHere = true;
            model->to(device);
        } else {
            ++badEpochs;
        }
        {   // checkpoint: model, optimizer (as its own bytes, see Trainer.cpp), state, history
            torch::serialize::OutputArchive root, mArchive;
            model->save(mArchive);
            root.write("model", mArchive);
            std::ostringstream ob;
            torch::save(*optimizer, ob);
            const std::string bytes = ob.str();
            root.write("optimizer", torch::from_blob(const_cast<char*>(bytes.data()), {int64_t(bytes.size())}, torch::kUInt8).clone());
            root.write("state", torch::tensor({double(epoch + 1), best, double(bestEpoch), double(badEpochs), seconds}, torch::kDouble));
            std::vector<double> flat;
            for (const auto& h : history)
                flat.insert(flat.end(), {double(h.epoch), h.loss, h.meanError, h.medianError, h.lr, h.seconds, h.monitorMeanError});
            root.write("history", torch::tensor(flat, torch::kDouble).view({int64_t(history.size()), 7}));
            saveArchiveAtomically(root, checkpoint);
        }
        if (progress) {
            LandmarkProgress p;
            p.epoch = epoch + 1;
            p.epochs = o.epochs;
            p.step = p.stepsPerEpoch = steps;
            p.loss = lossSum / std::max(1, done);
            p.learningRate = lr;
            p.epochFinished = true;
            p.validationMeanError = m.meanError;
            p.bestValidationMeanError = best;
            p.monitorMeanError = monitorError;
            progress(p);
        }
        if (badEpochs >= o.earlyStoppingPatience) {
            result.stoppedEarly = true;
            ++epoch;
            break;
        }
        if (o.maxTrainingSeconds > 0 && seconds >= o.maxTrainingSeconds) result.stoppedByBudget = true;
        if (result.stoppedByBudget) break;
    }
    result.epochsRun = static_cast<int>(history.size());
    result.bestEpoch = bestEpoch;
    result.bestValidationMeanError = best;
    result.seconds = priorSeconds + std::chrono::duration<double>(Clock::now() - start).count();
    result.trainImagesPerSecond = trainSeconds > 0 ? trainImages / trainSeconds : 0;
    if (!history.empty()) {
        std::ostringstream s;
        s << "epoch,train_loss,validation_mean_error,validation_median_error,learning_rate,seconds,monitor_mean_error\n";
        for (const auto& h : history) {
            s << h.epoch << ',' << h.loss << ',' << h.meanError << ',' << h.medianError << ',' << h.lr << ',' << h.seconds << ',';
            if (h.monitorMeanError >= 0) s << h.monitorMeanError;
            s << '\n';
        }
        writeTextAtomically((fs::path(o.outDir) / "curves.csv").string(), s.str());
    }

    // A weights-best.pt counts only if this run, or the run it resumes, wrote it: with --overwrite
    // one of an earlier, unrelated run may still be in the folder. A run resumed after its package
    // was written that found no better epoch since leaves that package as it is.
    if (!bestWrittenHere && (o.resumeCheckpoint.empty() || !fs::exists(bestWeights))) {
        if (!o.resumeCheckpoint.empty() && fs::exists(fs::path(o.outDir) / "model.json")) return result;
        throw std::runtime_error("stopped before the first epoch ended: no model was written");
    }

    // The best weights, in float16 when the validation error holds (within 0.001 of the hand scale).
    nn::HandLandmarkNet bestNet = makeNet(S, o.widthMultiplier);
    {
        torch::serialize::InputArchive in;
        in.load_from(bestWeights);
        bestNet->load(in);
    }
    bestNet->to(device);
    const LandmarkMetrics bestMetrics = metricsOf(predictPoints(*bestNet, val, S, device), val);
    bestNet->to(torch::kCPU);
    bestNet->to(torch::kHalf);
    bestNet->to(torch::kFloat);
    bestNet->to(device);
    const LandmarkMetrics halfMetrics = metricsOf(predictPoints(*bestNet, val, S, device), val);
    const bool half = std::abs(halfMetrics.meanError - bestMetrics.meanError) < 1e-3;
    bestNet->to(torch::kCPU);
    if (half) bestNet->to(torch::kHalf);
    const std::string weights = (fs::path(o.outDir) / "weights.pt").string();
    saveNet(*bestNet, weights);
    std::string testJson = "null";
    if (!o.testCache.empty()) {
        const KeypointData test = loadKeypointData(o.testCache);
        bestNet->to(torch::kFloat);
        bestNet->to(device);
        testJson = metricsOf(predictPoints(*bestNet, test, S, device), test).toJson();
    }
    std::vector<std::string> names;
    {
        std::stringstream ns(train.keypointNames);
        for (std::string item; std::getline(ns, item, ',');) names.push_back(quote(item));
    }
    const std::string card = json::object({
        {"format", quote("boneage-landmarks-1")},
        {"id", quote("hand-landmarks-" + std::to_string(S) + "px")},
        {"architecture", quote("handpose")},
        {"description", quote("21 hand keypoints: ResNet-18 (width " + number(o.widthMultiplier, 2) +
                              ") encoder, top-down decoder to stride 4, integral (soft-argmax) heatmap regression")},
        {"research_use_only", "true"},
        {"input", json::object({{"size", std::to_string(S)},
                                {"channels", "1"},
                                {"width_multiplier", number(o.widthMultiplier, 3)},
                                {"intensity", quote("grey / 255, in [0,1]")},
                                {"recipe", train.recipeJson}})},
        {"keypoints", json::array(names)},
        {"parameters", std::to_string(bestNet->parameterCount())},
        {"weights", json::object({{"file", quote("weights.pt")},
                                  {"bytes", std::to_string(fs::file_size(weights))},
                                  {"sha256", quote(sha256OfFile(weights))},
                                  {"dtype", quote(half ? "float16" : "float32")}})},
        {"training_data", json::object({{"cache", quote(o.dataCache)},
                                        {"source", quote(train.source)},
                                        {"train_count", std::to_string(train.ids.size())},
                                        {"validation_cache", quote(o.validationCache)},
                                        {"validation_count", std::to_string(val.ids.size())},
                                        {"test_cache", quote(o.testCache)}})},
        {"training", json::object({{"command", quote(o.commandLine)},
                                   {"device", quote(o.device)},
                                   {"threads", std::to_string(torch::get_num_threads())},
                                   {"epochs_run", std::to_string(result.epochsRun)},
                                   {"best_epoch", std::to_string(bestEpoch)},
                                   {"seconds", number(result.seconds, 1)},
                                   {"train_images_per_second", number(result.trainImagesPerSecond, 1)},
                                   {"stopped_early", result.stoppedEarly ? "true" : "false"},
                                   {"stopped_by_time_budget", result.stoppedByBudget ? "true" : "false"},
                                   {"time_budget_seconds", number(o.maxTrainingSeconds, 0)},
                                   {"frozen", [&] {
                                        std::vector<std::string> v;
                                        for (const auto& f : o.freezePrefixes) v.push_back(quote(f));
                                        return json::array(v);
                                    }()},
                                   {"monitor_cache", quote(o.monitorCache)},
                                   {"optimizer", quote(optimizerName(recipe.optimizer))},
                                   {"learning_rate", number(recipe.learningRate, 6)},
                                   {"schedule", quote(scheduleName(recipe.schedule))},
                                   {"batch_size", std::to_string(batch)},
                                   {"recipe_source", quote(recipe.source)},
                                   {"augmentation", quote("rotation +-" + number(o.rotationDegrees, 0) + " deg, scale +-" +
                                                          number(o.scaleRange, 2) + ", shift +-" + number(o.shiftFraction, 2) +
                                                          ", left/right flip " + number(o.flipProbability, 2) + ", gamma, contrast")}})},
        {"validation_metrics", bestMetrics.toJson()},
        {"validation_mean_error_float16", number(halfMetrics.meanError, 4)},
        {"test_metrics", testJson},
        {"started_from", o.startedFromJson.empty() ? "null" : o.startedFromJson},
    });
    // Sealed (common/CardSeal.h): the loader refuses a card edited after it was written.
    writeTextAtomically((fs::path(o.outDir) / "model.json").string(), sealCardText(card) + "\n");
    std::error_code ec;
    fs::remove(bestWeights, ec);
    return result;
}

std::string evaluateLandmarksOnCache(const std::string& modelDir, const std::string& cacheFolder, const std::string& device)
{
    // The card is read with a minimal scan (this layer has no JSON reader): size, width, file and
    // dtype; its seal is checked first, and the values are bounded as the loader bounds them
    // (inference/ModelCard.cpp), since they size the network.
    const std::string card = readSealedCard(modelDir);
    auto field = [&](const std::string& key) {
        const auto k = card.find("\"" + key + "\"");
        const auto colon = k == std::string::npos ? k : card.find(':', k);
        if (colon == std::string::npos) throw std::runtime_error(modelDir + "/model.json: no " + key);
        auto v = colon + 1;
        while (v < card.size() && (card[v] == ' ' || card[v] == '"')) ++v;
        auto e = v;
        while (e < card.size() && card[e] != ',' && card[e] != '"' && card[e] != '}' && card[e] != '\n') ++e;
        return card.substr(v, e - v);
    };
    const auto bad = [&](const std::string& key) { return std::runtime_error(modelDir + "/model.json: \"" + key + "\" is out of range"); };
    int S = 0;
    double width = 0;
    try {
        S = std::stoi(field("size"));
        width = std::stod(field("width_multiplier"));
    } catch (const std::logic_error&) {
        throw bad("size/width_multiplier");
    }
    if (S < 32 || S > 1024 || S % 32 != 0) throw bad("size");
    if (!(width >= 0.125 && width <= 2.0)) throw bad("width_multiplier");
    const std::string file = field("file");
    if (file.empty() || file.find_first_of("/\\") != std::string::npos || file == "..") throw bad("file");
    const bool half = field("dtype") == "float16";
    const torch::Device dev(device == "cuda" ? torch::kCUDA : torch::kCPU);
    nn::HandLandmarkNet net = makeNet(S, width);
    // Checked against the network before any tensor reaches it (nn/StoredWeights.h).
    nn::loadCheckedWeightsFile(*net, (fs::path(modelDir) / file).string(), half ? torch::kHalf : torch::kFloat);
    net->to(dev);
    const KeypointData d = loadKeypointData(cacheFolder);
    return metricsOf(predictPoints(*net, d, S, dev), d).toJson();
}

} // namespace boneage::training
