#include "inference/LandmarkModel.h"
#include "inference/PackageFaults.h"

#include "anatomy/HandAlignment.h"
#include "common/TextClip.h"
#include "imaging/Display.h"
#include "imaging/InputError.h"
#include "nn/HandLandmarkNet.h"
#include "nn/StoredWeights.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace boneage {

using Clock = std::chrono::steady_clock;

namespace {

// A package's fault is a PackageError, whatever raised it (LibTorch, memory, OpenCV on the recipe);
// InputError (the radiograph's own fault) passes. As in ModelPackage.cpp.
} // namespace

struct LandmarkModel::Impl {
    ModelCard card;   // the common fields (directory, id, weights, recipe, input size)
    double width = 0.5;
    double noHand = kDefaultNoHandThreshold;
    double noHandWithoutRegion = kDefaultNoHandWithoutRegionThreshold;
    nn::HandLandmarkNet net{nullptr};
    mutable std::mutex mutex;
};

std::optional<std::string> LandmarkModel::find(const std::string& modelsDirectory)
{
    for (const auto& dir : findModelPackages(modelsDirectory, "boneage-landmarks-1")) return dir;
    return std::nullopt;
}

LandmarkModel LandmarkModel::load(const std::string& directory)
{
    auto impl = std::make_shared<Impl>();
    rethrowAsPackageError(directory, "landmark package", "cannot be loaded", [&] {
        LandmarkCard l = readLandmarkCard(directory);
        ModelCard& c = impl->card;
        c = std::move(l.card);
        impl->width = l.widthMultiplier;
        impl->noHand = l.noHandBelow.value_or(kDefaultNoHandThreshold);
        impl->noHandWithoutRegion = std::max(impl->noHand, l.noHandWithoutRegionBelow.value_or(kDefaultNoHandWithoutRegionThreshold));
        const std::string weights = readVerifiedWeights(c);
        impl->net = nn::HandLandmarkNet(nn::HandLandmarkOptions().inputSize(c.inputSize).widthMultiplier(impl->width));
        if (c.parameters != 0 && c.parameters != impl->net->parameterCount())
            throw PackageError(directory + ": the card says " + std::to_string(c.parameters) + " parameters, the landmark network it describes has " +
                               std::to_string(impl->net->parameterCount()) + ".");
        // Checked before any tensor reaches the network (nn/StoredWeights.h): Module::load is not.
        try {
            nn::loadCheckedWeights(*impl->net, weights, c.weightsDtype == "float16" ? torch::kHalf : torch::kFloat);
        } catch (const std::invalid_argument& e) {
            throw PackageError(directory + ": the weights do not fit the landmark network of the card (" + e.what() +
                               "); the package is damaged or was saved by another version of the network.");
        }
        impl->net->eval();
    });
    LandmarkModel m;
    m.impl_ = impl;
    return m;
}

const std::string& LandmarkModel::id() const { return impl_->card.id; }
const PreprocessRecipe& LandmarkModel::recipe() const { return impl_->card.recipe; }
double LandmarkModel::noHandThreshold() const { return impl_->noHand; }

std::vector<std::vector<HandKeypoint>> LandmarkModel::predictPrepared(const std::vector<const std::uint8_t*>& images, int width,
                                                                      int height) const
{
    const int S = impl_->card.inputSize;
    torch::Tensor x = torch::empty({static_cast<int64_t>(images.size()), 1, height, width}, torch::kUInt8);
    for (size_t i = 0; i < images.size(); ++i)
        std::memcpy(x[static_cast<int64_t>(i)].data_ptr<uint8_t>(), images[i], static_cast<size_t>(width) * height);
    torch::Tensor in = x.to(torch::kFloat).div_(255.0);
    namespace F = torch::nn::functional;
    if (width != S || height != S)
        in = F::interpolate(in, F::InterpolateFuncOptions().size(std::vector<int64_t>{S, S}).mode(torch::kBilinear).align_corners(false));
    nn::HandLandmarkOutput out;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        torch::NoGradGuard g;
        out = impl_->net->forward(in);
    }
    const auto p = out.points.to(torch::kDouble).contiguous();
    const auto s = out.scores.to(torch::kDouble).contiguous();
    std::vector<std::vector<HandKeypoint>> result;
    for (int64_t b = 0; b < p.size(0); ++b) {
        std::vector<HandKeypoint> v;
        for (int64_t k = 0; k < p.size(1); ++k)
            v.push_back({p[b][k][0].item<double>() * width / S, p[b][k][1].item<double>() * height / S, s[b][k].item<double>(), true});
        result.push_back(v);
    }
    return result;
}

HandLandmarks LandmarkModel::detect(const Radiograph& r) const
{
    return rethrowAsPackageError(impl_->card.directory, "landmark package", "failed on this radiograph", [&] { return detectUnchecked(r); });
}

HandLandmarks LandmarkModel::detectUnchecked(const Radiograph& r) const
{
    HandLandmarks h;
    h.imageWidth = r.width();
    h.imageHeight = r.height();
    h.modelId = impl_->card.id;
    const auto t0 = Clock::now();
    const cv::Mat grey = renderDisplay8(r, r.defaultDisplay());   // for the network and the hand finder
    const PreparedImage p = prepareDisplayed(grey, impl_->card.recipe);
    const auto t1 = Clock::now();
    const auto points = predictPrepared({p.grey8.ptr<std::uint8_t>()}, p.grey8.cols, p.grey8.rows).front();
    h.inferenceMilliseconds = std::chrono::duration<double, std::milli>(Clock::now() - t1).count();
    h.prepareMilliseconds = std::chrono::duration<double, std::milli>(t1 - t0).count();
    for (const auto& k : points)
        if (!std::isfinite(k.x) || !std::isfinite(k.y) || !std::isfinite(k.score))
            throw PackageError(impl_->card.directory + ": the landmark network gave keypoints that are not finite numbers (its weights hold "
                               "NaN or infinity?); the package is damaged. Reinstall it.");
    double sum = 0;
    for (int k = 0; k < kHandKeypointCount; ++k) {
        const cv::Point2d q = p.geometry.toSource({points[k].x, points[k].y});
        h.points[k] = {q.x, q.y, points[k].score, true};
        sum += points[k].score;
    }
    h.confidence = sum / kHandKeypointCount;
    const HandRegion region = findHand(grey);
    if (!region.found && h.confidence < impl_->noHandWithoutRegion) {
        char buf[240];
        std::snprintf(buf, sizeof buf,
                      "no hand-shaped region was found in the image and the keypoint confidence %.2f is below %.2f "
                      "(is it a hand radiograph?); ROIs are not placed",
                      h.confidence, impl_->noHandWithoutRegion);
        h.problem = buf;
    } else if (h.confidence < impl_->noHand) {
        char buf[200];
        std::snprintf(buf, sizeof buf, "keypoint confidence %.2f is below %.2f: no hand was recognised reliably; ROIs are not placed",
                      h.confidence, impl_->noHand);
        h.problem = buf;
    } else {
        h.pose = handPose(h.points);
        h.rois = placeTw3Rois(h.points);
        h.handFound = h.pose.valid && !h.rois.empty();
        if (!h.handFound) h.problem = "the hand's pose could not be derived from the keypoints";
        for (const auto& roi : h.rois) {   // the hand box holds the wrist ROIs too
            h.pose.x0 = std::min(h.pose.x0, roi.x0);
            h.pose.y0 = std::min(h.pose.y0, roi.y0);
            h.pose.x1 = std::max(h.pose.x1, roi.x1);
            h.pose.y1 = std::max(h.pose.y1, roi.y1);
        }
        h.pose.x0 = std::max(0.0, h.pose.x0);
        h.pose.y0 = std::max(0.0, h.pose.y0);
        h.pose.x1 = std::min(double(r.width()), h.pose.x1);
        h.pose.y1 = std::min(double(r.height()), h.pose.y1);
    }
    return h;
}

void setInferenceThreads(int threads)
{
    if (threads > 0) torch::set_num_threads(threads);
}

PreparedImage prepareWithRecipe(const Radiograph& radiograph, const PreprocessRecipe& recipe, const LandmarkModel* landmarks)
{
    if (!recipe.alignHand) return prepare(radiograph, recipe);
    if (!landmarks)
        throw std::invalid_argument("recipe '" + recipe.name + "' aligns the hand by its keypoints, but no hand landmark model is installed");
    const HandLandmarks h = landmarks->detect(radiograph);
    if (!h.handFound) throw InputError(InputError::Reason::NoHand, radiograph.metadata.sourceFile + ": " + h.problem);
    return prepareAligned(radiograph, recipe, h.points);
}

} // namespace boneage
