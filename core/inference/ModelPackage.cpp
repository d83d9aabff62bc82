#include "ModelPackage.h"
#include "PackageFaults.h"

#include "anatomy/Tw3Roi.h"
#include "common/TextClip.h"
#include "imaging/InputError.h"
#include "nn/BoneAgeModel.h"
#include "nn/CpuPair.h"
#include "nn/Registry.h"
#include "nn/StoredWeights.h"
#include "nn/TestTimeViews.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <mutex>
#include <tuple>

namespace boneage {

using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// A package's fault is a PackageError, whatever raised it: LibTorch (c10::Error), memory, the
// network's own checks. Only InputError (the radiograph's fault, the same for every package) passes.
} // namespace

struct InstalledModel::Impl {
    ModelCard card;
    nn::BoneAgeModel model;
    torch::Device device{torch::kCPU};
    double loadMs = 0;
    TestTimeAugmentation tta = TestTimeAugmentation::FlipsAndShifts;
    bool calibrated = true;   // apply card.calibration (setCalibrationApplied)
    double calibrate(double rawMonths) const;
    mutable std::mutex mutex;   // one forward at a time per model

    bool readsRois() const { return model->preset().needsRoiPatches; }

    // [n,1,s,s] -> [views*n,1,s,s], view-major: the views of test-time augmentation (no mirrored
    // views for a model that reads ROI patches).
    torch::Tensor views(const torch::Tensor& x) const
    {
        return tta == TestTimeAugmentation::None ? x : nn::testTimeViews(x, !readsRois());
    }

    // [n,18,64,64] floats in [0,1] from 18 x size x size bytes per image (resized when size is not 64).
    torch::Tensor roiBatch(const std::vector<const std::uint8_t*>& patches, int size) const
    {
        constexpr int64_t kRois = 18, kSize = 64;
        torch::Tensor x = torch::empty({static_cast<int64_t>(patches.size()), kRois, size, size}, torch::kUInt8);
        for (size_t i = 0; i < patches.size(); ++i)
            std::memcpy(x[static_cast<int64_t>(i)].data_ptr<uint8_t>(), patches[i], static_cast<size_t>(kRois) * size * size);
        torch::Tensor f = x.to(device).to(torch::kFloat).div_(255.0);
        if (size != kSize)
            f = torch::nn::functional::interpolate(f, torch::nn::functional::InterpolateFuncOptions()
                                                          .size(std::vector<int64_t>{kSize, kSize})
                                                          .mode(torch::kBilinear)
                                                          .align_corners(false));
        return f;
    }

    // The ROI patches of a prepared picture, or a PackageError naming what is missing.
    torch::Tensor roiBatchOf(const PreparedImage& p) const
    {
        const int size = p.roiPatches.cols;
        if (p.roiPatches.empty() || p.roiPatches.type() != CV_8UC1 || p.roiPatches.rows != 18 * size)
            throw PackageError(card.directory + ": " + card.architecture + " reads the 18 TW3 ROI patches and the picture given has none "
                               "(prepare it with the card's recipe '" + card.recipe.name + "').");
        const cv::Mat c = p.roiPatches.isContinuous() ? p.roiPatches : p.roiPatches.clone();
        return roiBatch({c.ptr<std::uint8_t>()}, size);
    }

    torch::Tensor batchFromGrey(const std::vector<const std::uint8_t*>& images, int w, int h) const
    {
        torch::Tensor x = torch::empty({static_cast<int64_t>(images.size()), 1, h, w}, torch::kUInt8);
        for (size_t i = 0; i < images.size(); ++i)
            std::memcpy(x[static_cast<int64_t>(i)].data_ptr<uint8_t>(), images[i], static_cast<size_t>(w) * h);
        torch::Tensor f = x.to(device).to(torch::kFloat).div_(255.0);
        const int s = card.inputSize;
        if (h != s || w != s)
            f = torch::nn::functional::interpolate(f, torch::nn::functional::InterpolateFuncOptions()
                                                          .size(std::vector<int64_t>{s, s})
                                                          .mode(torch::kBilinear)
                                                          .align_corners(false));
        return f;
    }

    // One prepared image through the network with its explanation: the bone age and the map on the
    // input grid (`forwardMs`: the network pass alone, the rest is the map's cost). The caller holds
    // the mutex.
    std::pair<double, std::optional<AttentionMap>> estimateWithAttention(const PreparedImage& p, bool male, double& forwardMs,
                                                                         std::vector<ExplanationBox>* anchors = nullptr,
                                                                         std::optional<ExplanationBox>* crop = nullptr,
                                                                         std::vector<BoneAgeEstimate::RoiContribution>* contributions = nullptr) const
    {
        nn::ModelInput in;
        in.image = batchFromGrey({p.grey8.ptr<std::uint8_t>()}, p.grey8.cols, p.grey8.rows);
        in.sex = torch::tensor({male ? 1.0f : 0.0f}).to(device);
        if (readsRois()) in.roiPatches = roiBatchOf(p);
        // 2M-Net reads its attention for one query cell: the hand's centre says more than the film's.
        const HandRegion hand = findHand(p.grey8, 0.0);
        if (hand.found) {
            const double s = card.inputSize;
            const cv::Point2d c(hand.box.x + hand.box.width / 2.0, hand.box.y + hand.box.height / 2.0);
            in.attentionQuery = torch::tensor({float(c.x * s / p.grey8.cols), float(c.y * s / p.grey8.rows)}).view({1, 2}).to(device);
        }
        AttentionMap a;
        torch::Tensor map;
        double age = 0;
        {
            torch::NoGradGuard noGrad;
            const auto start = Clock::now();
            // One picture on the CPU is read as a pair of copies (several times faster, nn/CpuPair.h);
            // everything below reads the first of the batch.
            nn::ModelOutput out;
            if (nn::readAsCpuPair(in.image)) {
                nn::ModelInput pair = in;
                pair.image = nn::cpuPair(in.image);
                pair.sex = nn::cpuPair(in.sex);
                pair.roiPatches = nn::cpuPair(in.roiPatches);
                pair.roiBoxes = nn::cpuPair(in.roiBoxes);
                pair.attentionQuery = nn::cpuPair(in.attentionQuery);
                out = model->forward(pair);
            } else {
                out = model->forward(in);
            }
            age = out.boneAgeMonths[0].to(torch::kCPU).to(torch::kDouble).item<double>();
            forwardMs = msSince(start);
            if (auto it = out.maps.find("spatialAttention"); it != out.maps.end()) {
                map = it->second;
                a.kind = hand.found ? "2M-Net spatial attention (non-local block, query at the hand's centre)"
                                    : "2M-Net spatial attention (non-local block, query at the image centre)";
            } else if (auto at = out.maps.find("attention"); at != out.maps.end()) {
                map = at->second;
                a.kind = "AG-CNN attention heatmap";
            }
            // The architecture's boxes (input pixels, x1/y1 exclusive) placed on the source like the map.
            const cv::Matx23d toSource = inputToSource(p.geometry, p.grey8.size(), card.inputSize);
            if (auto b = out.boxes.find("parts"); anchors && b != out.boxes.end()) {
                const torch::Tensor boxes = b->second[0].to(torch::kCPU).to(torch::kDouble).contiguous();
                torch::Tensor scores;
                if (auto s = out.scores.find("parts"); s != out.scores.end()) scores = s->second[0].to(torch::kCPU).to(torch::kDouble).contiguous();
                for (int64_t k = 0; k < boxes.size(0); ++k) {
                    std::optional<double> score;
                    if (scores.defined() && k < scores.numel()) score = scores[k].item<double>();
                    anchors->push_back(boxToSource(toSource, boxes[k][0].item<double>(), boxes[k][1].item<double>(),
                                                   boxes[k][2].item<double>(), boxes[k][3].item<double>(),
                                                   "part " + std::to_string(k + 1), score));
                }
            }
            if (auto b = out.boxes.find("attentionCrop"); crop && b != out.boxes.end() && b->second.size(1) > 0) {
                const torch::Tensor box = b->second[0][0].to(torch::kCPU).to(torch::kDouble).contiguous();
                *crop = boxToSource(toSource, box[0].item<double>(), box[1].item<double>(), box[2].item<double>(),
                                    box[3].item<double>(), "AG-CNN crop");
            }
        }
        if (!map.defined()) {
            map = nn::gradCam(*model, in);
            a.kind = "Grad-CAM (bone age output, last feature map)";
        }
        // Relative per model: each architecture's map has its own units (softmax weights, activations).
        map = map[0].to(torch::kCPU).to(torch::kFloat).clamp_min(0);
        map = map / map.max().clamp_min(1e-12);
        map = map.contiguous();
        a.map = cv::Mat(int(map.size(0)), int(map.size(1)), CV_32F, map.data_ptr<float>()).clone();
        a.toSource = inputToSource(p.geometry, p.grey8.size(), card.inputSize);
        if (readsRois() && contributions) *contributions = roiContributionsOf(in, age, p.roiPresent);
        return {age, std::move(a)};
    }

    // Occlusion on the local pathway: the estimate with each ROI's patch masked in turn (one batch of
    // 18), subtracted from the estimate with all of them. Masking reads as a missing ROI does, so the
    // number is what that ROI adds to this case's estimate.
    std::vector<BoneAgeEstimate::RoiContribution> roiContributionsOf(const nn::ModelInput& in, double age,
                                                                     const std::vector<std::uint8_t>& present) const
    {
        torch::NoGradGuard noGrad;
        const int64_t k = in.roiPatches.size(1);
        nn::ModelInput masked;
        masked.image = in.image.repeat({k, 1, 1, 1});
        masked.sex = in.sex.repeat({k});
        masked.roiPatches = in.roiPatches.repeat({k, 1, 1, 1});
        for (int64_t i = 0; i < k; ++i) masked.roiPatches[i][i].zero_();
        const torch::Tensor without = model->forward(masked).boneAgeMonths.to(torch::kCPU).to(torch::kDouble).contiguous();
        std::vector<BoneAgeEstimate::RoiContribution> out;
        const auto& schema = tw3RoiSchema();
        for (int64_t i = 0; i < k; ++i)
            out.push_back({i < int64_t(schema.size()) ? schema[size_t(i)].name : "ROI " + std::to_string(i + 1),
                           age - without.data_ptr<double>()[i], size_t(i) >= present.size() || present[size_t(i)] != 0});
        return out;
    }
};

InstalledModel InstalledModel::load(const std::string& directory)
{
    const auto start = Clock::now();
    InstalledModel m;
    m.impl_ = std::make_shared<Impl>();
    Impl& d = *m.impl_;
    rethrowAsPackageError(directory, "package", "cannot be loaded", [&] {
        d.card = readModelCard(directory);
        const std::string weights = readVerifiedWeights(d.card);
        try {
            d.model = nn::createModel(d.card.architecture, d.card.preset);
        } catch (const std::invalid_argument& e) {
            throw PackageError(directory + ": this program cannot build " + d.card.architecture + "/" + d.card.preset + " (" +
                               e.what() + ").");
        }
        const auto& preset = d.model->preset();
        if (preset.inputSize != d.card.inputSize)
            throw PackageError(directory + ": the card's input size " + std::to_string(d.card.inputSize) +
                               " differs from the architecture's " + std::to_string(preset.inputSize) + ".");
        if (preset.inputChannels != d.card.inputChannels)
            throw PackageError(directory + ": the card's input channels " + std::to_string(d.card.inputChannels) +
                               " differ from the architecture's " + std::to_string(preset.inputChannels) + ".");
        if (d.card.parameters != 0 && d.card.parameters != d.model->parameterCount())
            throw PackageError(directory + ": the card says " + std::to_string(d.card.parameters) + " parameters, " +
                               d.card.architecture + "/" + d.card.preset + " has " + std::to_string(d.model->parameterCount()) +
                               " (saved by another version of the network?).");
        // The stored tensors are checked (names, count, shapes, the card's dtype) before any reaches
        // the network: LibTorch's own Module::load does not check, and crashes later (StoredWeights.h).
        try {
            nn::loadCheckedWeights(*d.model, weights, d.card.weightsDtype == "float16" ? torch::kHalf : torch::kFloat);
        } catch (const std::invalid_argument& e) {
            throw PackageError(directory + ": the weights do not fit " + d.card.architecture + "/" + d.card.preset + " as the card describes it (" +
                               e.what() + "); the package is damaged or was saved by another version of the network.");
        }
        if (torch::cuda::is_available()) d.device = torch::Device(torch::kCUDA);
        d.model->to(d.device);
        d.model->eval();
    });
    if (!d.card.testTimeAugmentation) d.tta = TestTimeAugmentation::None;
    d.loadMs = msSince(start);
    return m;
}

const ModelCard& InstalledModel::card() const { return impl_->card; }
std::string InstalledModel::device() const { return impl_->device.is_cuda() ? "cuda" : "cpu"; }
double InstalledModel::loadMilliseconds() const { return impl_->loadMs; }
// A card that declares "test_time_augmentation": "none" keeps the plain view whatever is asked.
void InstalledModel::setTestTimeAugmentation(TestTimeAugmentation mode)
{
    impl_->tta = impl_->card.testTimeAugmentation ? mode : TestTimeAugmentation::None;
}
void InstalledModel::setCalibrationApplied(bool applied) { impl_->calibrated = applied; }

double InstalledModel::Impl::calibrate(double rawMonths) const
{
    return calibrated && card.calibration ? card.calibration->apply(rawMonths) : rawMonths;
}
TestTimeAugmentation InstalledModel::testTimeAugmentation() const { return impl_->tta; }

bool InstalledModel::readsRoiPatches() const { return impl_->readsRois(); }

std::vector<double> InstalledModel::predictPrepared(const std::vector<const std::uint8_t*>& images, int width, int height,
                                                    const std::vector<bool>& male, const std::vector<const std::uint8_t*>& roiPatches,
                                                    int roiPatchSize) const
{
    const Impl& d = *impl_;
    if (d.readsRois() && roiPatches.size() != images.size())
        throw PackageError(d.card.directory + ": " + d.card.architecture + " reads the 18 TW3 ROI patches of each image and none were given "
                           "(prepare the images with the card's recipe '" + d.card.recipe.name + "').");
    std::lock_guard<std::mutex> lock(d.mutex);
    torch::NoGradGuard noGrad;
    std::vector<double> out;
    const size_t chunk = d.tta == TestTimeAugmentation::None ? 64 : 16;   // 16 x 10 views per forward
    for (size_t start = 0; start < images.size(); start += chunk) {
        const size_t end = std::min(images.size(), start + chunk);
        nn::ModelInput in;
        in.image = d.batchFromGrey(std::vector<const std::uint8_t*>(images.begin() + long(start), images.begin() + long(end)),
                                   width, height);
        std::vector<float> sex;
        for (size_t i = start; i < end; ++i) sex.push_back(male[i] ? 1.0f : 0.0f);
        in.sex = torch::tensor(sex).to(d.device);
        const int64_t n = in.image.size(0);
        in.image = d.views(in.image);
        const int64_t viewCount = in.image.size(0) / n;
        in.sex = in.sex.repeat({viewCount});
        if (d.readsRois())
            in.roiPatches = d.roiBatch(std::vector<const std::uint8_t*>(roiPatches.begin() + long(start), roiPatches.begin() + long(end)),
                                       roiPatchSize)
                                .repeat({viewCount, 1, 1, 1});
        const torch::Tensor age =
            d.model->forward(in).boneAgeMonths.view({viewCount, n}).mean(0).to(torch::kCPU).to(torch::kDouble).contiguous();
        for (int64_t i = 0; i < age.numel(); ++i) out.push_back(d.calibrate(age.data_ptr<double>()[i]));
    }
    return out;
}

BoneAgeEstimate InstalledModel::assess(const Radiograph& radiograph, Sex sex, bool withAttention) const
{
    if (impl_->card.recipe.needsKeypoints())
        throw PackageError(impl_->card.directory + ": its recipe '" + impl_->card.recipe.name + "' reads the hand found by the landmark "
                           "model; assess the film with the landmark model installed (boneage assess, the workstation).");
    const auto t0 = Clock::now();
    const PreparedImage p = prepare(radiograph, impl_->card.recipe);
    return assessPrepared(p, sex, withAttention, msSince(t0));
}

namespace {
// The prepared picture's ROI patches as predictPrepared takes them (none when the recipe cut none).
std::vector<const std::uint8_t*> roisOf(const PreparedImage& p)
{
    if (p.roiPatches.empty() || !p.roiPatches.isContinuous() || p.roiPatches.rows != 18 * p.roiPatches.cols) return {};
    return {p.roiPatches.ptr<std::uint8_t>()};
}
} // namespace

BoneAgeEstimate InstalledModel::assessPrepared(const PreparedImage& p, Sex sex, bool withAttention, double prepareMilliseconds) const
{
    return rethrowAsPackageError(impl_->card.directory, "package", "failed on this radiograph", [&] {
        if (!impl_->card.appliesTo(sex))
            throw PackageError(impl_->card.id + " is a per-sex model for " + (impl_->card.sex == Sex::Male ? "males" : "females") +
                               "; it does not assess a radiograph of the other sex.");
        const PreprocessRecipe& r = impl_->card.recipe;
        if (p.grey8.type() != CV_8UC1 || (r.width > 0 && (p.grey8.cols != r.width || p.grey8.rows != r.height)))
            throw PackageError(impl_->card.directory + ": the picture given is not prepared with the card's recipe '" + impl_->card.recipe.name + "'.");
        BoneAgeEstimate e;
        e.modelId = impl_->card.id;
        e.device = device();
        e.prepareMilliseconds = prepareMilliseconds;
        const auto t1 = Clock::now();
        if (!withAttention) {
            e.boneAgeMonths = predictPrepared({p.grey8.ptr<std::uint8_t>()}, p.grey8.cols, p.grey8.rows, {sex == Sex::Male},
                                              roisOf(p), p.roiPatches.cols).front();
            e.inferenceMilliseconds = msSince(t1);
        } else {
            // One pass gives both: the query only chooses which attention row is read, not the age.
            std::lock_guard<std::mutex> lock(impl_->mutex);
            double forwardMs = 0;
            std::tie(e.boneAgeMonths, e.attention) =
                impl_->estimateWithAttention(p, sex == Sex::Male, forwardMs, &e.anchors, &e.crop, &e.roiContributions);
            e.boneAgeMonths = impl_->calibrate(e.boneAgeMonths);
            e.inferenceMilliseconds = forwardMs;
            e.attentionMilliseconds = msSince(t1) - forwardMs;
        }
        if (withAttention && impl_->tta != TestTimeAugmentation::None) {
            // The age from all views (the map above came from the plain one).
            const auto t2 = Clock::now();
            e.boneAgeMonths = predictPrepared({p.grey8.ptr<std::uint8_t>()}, p.grey8.cols, p.grey8.rows, {sex == Sex::Male},
                                              roisOf(p), p.roiPatches.cols).front();
            e.inferenceMilliseconds += msSince(t2);
        }
        if (!std::isfinite(e.boneAgeMonths))
            throw PackageError(impl_->card.directory + ": the network gave no finite bone age (its weights hold NaN or infinity?); "
                               "the package is damaged. Reinstall it.");
        return e;
    });
}

} // namespace boneage
