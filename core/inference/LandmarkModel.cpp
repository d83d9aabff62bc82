#include "inference/LandmarkModel.h"
#include "inference/PackageFaults.h"

#include "anatomy/HandAlignment.h"
#include "common/TextClip.h"
#include "imaging/Display.h"
#include "imaging/ExposedArea.h"
#include "imaging/InputError.h"
#include "nn/CpuPair.h"
#include "nn/HandLandmarkNet.h"
#include "nn/StoredWeights.h"

#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace boneage {

using Clock = std::chrono::steady_clock;

namespace {

// A package's fault is a PackageError, whatever raised it (LibTorch, memory, OpenCV on the recipe);
// InputError (the radiograph's own fault) passes. As in ModelPackage.cpp.
// The four quarter turns the network reads (clockwise degrees), and how a point read on the turned
// picture maps back to the picture as prepared (continuous pixel coordinates, corner at 0).
struct QuarterTurn {
    int degrees;
    int cvCode;   // cv::rotate's code; unused for 0
    cv::Point2d back(double u, double v, double w, double h) const
    {
        switch (degrees) {
        case 90: return {v, h - u};        // clockwise: (x, y) -> (h - y, x)
        case 180: return {w - u, h - v};
        case 270: return {w - v, u};       // counter-clockwise: (x, y) -> (y, w - x)
        default: return {u, v};
        }
    }
};
const std::array<QuarterTurn, 4> kQuarterTurns{{{0, 0}, {90, cv::ROTATE_90_CLOCKWISE}, {180, cv::ROTATE_180}, {270, cv::ROTATE_90_COUNTERCLOCKWISE}}};
// How much higher (mean keypoint score, 0-1) a turned reading must score to replace the upright one.
constexpr double kTurnMargin = 0.05;
// How much higher (mean keypoint score) the first reading of one polarity (the film as displayed or
// inverted) must score than the other's to decide it; within it, the second readings decide, by the
// same margin. Chosen on training films (docs/landmarks.md, "Inverted exports").
constexpr double kPolarityMargin = 0.05;
// How much less confident (mean keypoint score) the reading on the aligned hand may be and still be kept.
constexpr double kSecondReadingMargin = 0.1;
// The refinement stage moves a keypoint at most this far (hand scales): it learnt crops aligned by
// the first stage's keypoints with up to about 0.1 of shift, scale and +-12 degrees of turn, so a
// larger move is a misreading (a neighbouring joint), and the first stage's point is kept.
constexpr double kMaxRefinementMove = 0.25;
// The gammas of the tone-stretched readings, in order, for a film whose hand was not found as
// displayed: stretched alone, lighter (the mid-greys of a dark export), darker (a washed-out one).
constexpr std::array<double, 3> kToneStretchGammas{1.0, 0.6, 1.5};
// Below this confidence the film is read again (its tone stretched, each half: LandmarkModel::detect),
// and a second reading counts only at this confidence or more: real hand films read at median 0.66,
// 5th percentile 0.45 (docs/landmarks.md, "No hand found": 350 films of the keypoint splits and the
// expert-box films, none of them the bone-age models' held-out films).
constexpr double kSecondChanceBelow = 0.40;
// An exposed area wider than this many times its height is also read in halves (a film of both hands).
constexpr double kBothHandsAspect = 1.2;

// The displayed picture with its exposed area's 0.5th-99.5th percentile grey stretched to 0-255, then
// the gamma applied (a monotone curve: bone stays bright, the geometry is the film's).
cv::Mat toneStretched(const cv::Mat& shown, const cv::Rect& area, double gamma)
{
    const cv::Mat exposed = shown(area);
    std::array<double, 256> histogram{};
    for (int y = 0; y < exposed.rows; ++y) {
        const std::uint8_t* row = exposed.ptr<std::uint8_t>(y);
        for (int x = 0; x < exposed.cols; ++x) ++histogram[row[x]];
    }
    const double total = double(exposed.total());
    const auto percentile = [&](double q) {
        double seen = 0;
        for (int v = 0; v < 256; ++v)
            if ((seen += histogram[std::size_t(v)]) >= q * total) return v;
        return 255;
    };
    const int low = percentile(0.005), high = std::max(percentile(0.995), low + 1);
    cv::Mat lut(1, 256, CV_8U);
    for (int v = 0; v < 256; ++v) {
        const double g = std::clamp((v - low) / double(high - low), 0.0, 1.0);
        lut.at<std::uint8_t>(v) = cv::saturate_cast<std::uint8_t>(255.0 * std::pow(g, gamma));
    }
    cv::Mat out;
    cv::LUT(shown, lut, out);
    return out;
}
// ... and keeps a keypoint only where its own score is at least this (a point it cannot see, such as
// a finger tip cut off by the crop, keeps the first stage's reading).
constexpr double kMinRefinementScore = 0.05;

bool alignsHand(const std::string& directory)
{
    try {
        return readLandmarkCard(directory).card.recipe.alignHand;
    } catch (const std::exception&) {
        return false;   // a damaged card: not a refinement; loading it says what is wrong
    }
}

} // namespace

struct LandmarkModel::Impl {
    ModelCard card;   // the common fields (directory, id, weights, recipe, input size)
    double width = 0.5;
    double noHand = kDefaultNoHandThreshold;
    double noHandWithoutRegion = kDefaultNoHandWithoutRegionThreshold;
    mutable nn::HandLandmarkNet net{nullptr};   // run under the mutex; forward() is not const
    mutable std::mutex mutex;
    std::shared_ptr<const Impl> refinement;   // the refinement stage, when installed beside
};

std::optional<std::string> LandmarkModel::find(const std::string& modelsDirectory)
{
    for (const auto& dir : findModelPackages(modelsDirectory, "boneage-landmarks-1"))
        if (!alignsHand(dir)) return dir;
    return std::nullopt;
}

std::optional<std::string> LandmarkModel::findRefinement(const std::string& modelsDirectory)
{
    for (const auto& dir : findModelPackages(modelsDirectory, "boneage-landmarks-1"))
        if (alignsHand(dir)) return dir;
    return std::nullopt;
}

bool LandmarkModel::hasRefinement() const { return impl_->refinement != nullptr; }

LandmarkModel LandmarkModel::load(const std::string& directory, Refinement refinement)
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
    // A refinement package loads (`boneage package verify` checks it so) but reads no film alone (detect).
    if (refinement == Refinement::Beside && !impl->card.recipe.alignHand) {
        const auto parent = std::filesystem::path(directory).parent_path().string();
        if (const auto dir = findRefinement(parent.empty() ? "." : parent))
            impl->refinement = load(*dir, Refinement::None).impl_;   // its faults are its own PackageError
    }
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
    return predictWith(*impl_, images, width, height);
}

// Keypoints of images already prepared with the package's recipe, in those images' pixels.
std::vector<std::vector<HandKeypoint>> LandmarkModel::predictWith(const Impl& impl, const std::vector<const std::uint8_t*>& images,
                                                                  int width, int height)
{
    const int S = impl.card.inputSize;
    torch::Tensor x = torch::empty({static_cast<int64_t>(images.size()), 1, height, width}, torch::kUInt8);
    for (size_t i = 0; i < images.size(); ++i)
        std::memcpy(x[static_cast<int64_t>(i)].data_ptr<uint8_t>(), images[i], static_cast<size_t>(width) * height);
    torch::Tensor in = x.to(torch::kFloat).div_(255.0);
    namespace F = torch::nn::functional;
    if (width != S || height != S)
        in = F::interpolate(in, F::InterpolateFuncOptions().size(std::vector<int64_t>{S, S}).mode(torch::kBilinear).align_corners(false));
    nn::HandLandmarkOutput out;
    {
        std::lock_guard<std::mutex> lock(impl.mutex);
        torch::NoGradGuard g;
        if (nn::readAsCpuPair(in)) {   // several times faster on the CPU (nn/CpuPair.h)
            out = impl.net->forward(nn::cpuPair(in));
            out.points = out.points.slice(0, 0, 1);
            out.scores = out.scores.slice(0, 0, 1);
            out.heatmaps = out.heatmaps.slice(0, 0, 1);
        } else {
            out = impl.net->forward(in);
        }
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
    if (impl_->card.recipe.alignHand)
        throw PackageError(impl_->card.directory + ": this landmark package is a refinement stage (its recipe " + impl_->card.recipe.name +
                           " reads the hand cut by another model's keypoints); it cannot read a film on its own. Install it beside a "
                           "first-stage landmark package such as hand-landmarks-128px.");
    const auto t0 = Clock::now();
    const cv::Mat shown = renderDisplay8(r, r.defaultDisplay());
    // The first reading sees the film's exposed area, not the flat margin around it: in a film padded
    // with a wide margin the hand shrinks to a few pixels of the 128 px picture and was lost (issue 17's
    // framing check: one held-out film of 106). The later readings work on the whole film.
    const cv::Rect area = exposedArea(shown);
    HandLandmarks h = readPicture(r, shown, area);
    const auto elapsed = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); };
    h.prepareMilliseconds = elapsed() - h.inferenceMilliseconds;   // all but the network's own time
    // A film wider than tall may hold both hands; it is read in halves too (below), however confident
    // the whole: on a synthetic film of both hands the whole read a mixed hand at 0.48.
    const bool wide = area.width > kBothHandsAspect * area.height;
    if (h.handFound && h.confidence >= kSecondChanceBelow && !wide) return h;
    // Not found, or found with little confidence, on the film as displayed: second chances, each of
    // which counts only when it is confident itself (kSecondChanceBelow; a lateral view of a fist,
    // held-out film 3885, was otherwise accepted at 0.30), the most confident winning.
    // - The tone stretched: a darker or flatter export of a film (another gamma or window: evaluate
    //   --framings gamma-1.4 lost 7 of 106 held-out hands) puts the hand in a narrow band of dark greys
    //   that the network, which learnt gamma 0.74-1.35, reads with too little confidence, or misplaces.
    // - Each half of the exposed area along its longer side: a film of both hands (the two hands'
    //   keypoints mixed into one unconfident reading). Where both halves hold a hand and only one is a
    //   left hand, the left (the standards' hand) is read.
    double inference = h.inferenceMilliseconds;
    std::vector<HandLandmarks> chances;
    if (!(h.handFound && h.confidence >= kSecondChanceBelow))
        for (const double gamma : kToneStretchGammas) {
            chances.push_back(readPicture(r, toneStretched(shown, area, gamma), area));
            chances.back().toneStretchGamma = gamma;
        }
    const size_t stretched = chances.size();
    const bool across = area.width >= area.height;   // halves along the longer side
    for (int half = 0; half < 2; ++half) {
        const cv::Rect part = across ? cv::Rect(area.x + half * (area.width / 2), area.y, area.width / 2, area.height)
                                     : cv::Rect(area.x, area.y + half * (area.height / 2), area.width, area.height / 2);
        if (part.width < 16 || part.height < 16) continue;
        chances.push_back(readPicture(r, shown, part));
        chances.back().readRegion = half == 0 ? (across ? "left half" : "top half") : (across ? "right half" : "bottom half");
    }
    const auto counts = [](const HandLandmarks& c) { return c.handFound && c.confidence >= kSecondChanceBelow; };
    if (chances.size() - stretched == 2) {
        HandLandmarks &first = chances[chances.size() - 2], &second = chances.back();
        if (counts(first) && counts(second) && (first.pose.side == 'L') != (second.pose.side == 'L'))
            (first.pose.side == 'L' ? second : first).handFound = false;   // the right hand of the two
    }
    HandLandmarks best = h;
    for (const auto& c : chances) {
        inference += c.inferenceMilliseconds;
        if (counts(c) && (!best.handFound || c.confidence > best.confidence)) best = c;
    }
    if (!best.handFound) best = h;   // the film's own reading, and its reason
    best.inferenceMilliseconds = inference;
    best.prepareMilliseconds = elapsed() - inference;
    return best;
}

HandLandmarks LandmarkModel::readPicture(const Radiograph& r, const cv::Mat& shown, const cv::Rect& area) const
{
    HandLandmarks h;
    h.imageWidth = r.width();
    h.imageHeight = r.height();
    h.modelId = impl_->card.id;
    const auto t0 = Clock::now();
    // The picture read as displayed and inverted: an inverted export (a PNG or JPEG of the negative,
    // or MONOCHROME1 data labelled MONOCHROME2) shows bone dark, and nothing in the file says so. The
    // network knows hands with bright bone; read both ways, the polarity in which it finds the hand is
    // the film's.
    const cv::Mat negative = 255 - shown;
    const std::array<PreparedImage, 2> polarity{prepareDisplayed(shown(area), impl_->card.recipe),
                                                prepareDisplayed(negative(area), impl_->card.recipe)};
    const PreparedImage& p = polarity[0];   // both have the same geometry
    const auto onFilm = [&](const HandKeypoint& k) {
        const cv::Point2d q = p.geometry.toSource({k.x, k.y});
        return HandKeypoint{q.x + area.x, q.y + area.y, k.score, true};
    };
    // Clinics send films turned by 90 or 180 degrees (issue 17); the network learnt hands within
    // +-25 degrees of upright (a +-90 degree run was less precise, docs/landmarks.md). So it reads the
    // prepared picture in its four quarter turns, in one batch, and the turn with the highest mean
    // keypoint score wins. Turning the squeezed picture is exact: a square picture turned equals the
    // turned film squeezed. The upright reading keeps the hand unless another turn scores clearly
    // higher (kTurnMargin), so an upright film is found upright.
    // (A non-square recipe would change the picture's shape with a quarter turn: upright only.)
    const size_t turns = p.grey8.cols == p.grey8.rows ? kQuarterTurns.size() : 1;
    std::vector<cv::Mat> turned(2 * turns);
    std::vector<const std::uint8_t*> batch;
    for (size_t i = 0; i < 2 * turns; ++i) {
        const cv::Mat& picture = polarity[i / turns].grey8;
        const size_t t = i % turns;
        if (t == 0) turned[i] = picture;
        else cv::rotate(picture, turned[i], kQuarterTurns[t].cvCode);
        turned[i] = turned[i].isContinuous() ? turned[i] : turned[i].clone();
        batch.push_back(turned[i].ptr<std::uint8_t>());
    }
    const auto t1 = Clock::now();
    const auto readings = predictPrepared(batch, p.grey8.cols, p.grey8.rows);
    h.inferenceMilliseconds = std::chrono::duration<double, std::milli>(Clock::now() - t1).count();
    h.prepareMilliseconds = std::chrono::duration<double, std::milli>(t1 - t0).count();
    std::vector<double> meanScore(readings.size(), 0);
    for (size_t t = 0; t < readings.size(); ++t)
        for (const auto& k : readings[t]) {
            if (!std::isfinite(k.x) || !std::isfinite(k.y) || !std::isfinite(k.score))
                throw PackageError(impl_->card.directory + ": the landmark network gave keypoints that are not finite numbers (its weights hold "
                                   "NaN or infinity?); the package is damaged. Reinstall it.");
            meanScore[t] += k.score / kHandKeypointCount;
        }
    const auto bestTurn = [&](size_t first) {
        size_t best = first;
        for (size_t t = first + 1; t < first + turns; ++t)
            if (meanScore[t] > meanScore[best] + (best == first ? kTurnMargin : 0.0)) best = t;
        return best;
    };
    // The first reading's best turn in one polarity, read again on the hand (below): keypoints on the
    // film, confidence, and whether the second reading was kept.
    struct Reading {
        HandKeypoints points;
        double confidence = 0;
        bool onHand = false;
        int turnDegrees = 0;
    };
    const double W = p.grey8.cols, H = p.grey8.rows;
    const auto readOn = [&](size_t best, const cv::Mat& grey) {
        Reading reading;
        reading.turnDegrees = kQuarterTurns[best % turns].degrees;
        HandKeypoints onPicture;   // in the prepared picture's pixels
        for (int k = 0; k < kHandKeypointCount; ++k) {
            const HandKeypoint& r = readings[best][k];
            const cv::Point2d upright = kQuarterTurns[best % turns].back(r.x, r.y, W, H);
            onPicture[k] = {upright.x, upright.y, r.score, true};
        }
        reading.confidence = meanScore[best];
        // A second reading on the hand itself: the film cut around the first reading's keypoints, the
        // hand upright and at the size a typical film shows it (HandAlignment: a square around the
        // keypoints, a quarter of the hand scale of margin), rendered from the film at its own
        // resolution. The network learnt hands within +-25 degrees of upright and at one typical size;
        // a hand lying at 45 degrees, cropped close or lost in a wide margin is read less precisely,
        // and differently from one framing to the next. All framings of a film end on nearly the same
        // aligned picture, so their keypoints (and the hand's view the bone-age models read) agree.
        // The second reading is kept unless it is clearly less confident (kSecondReadingMargin).
        if (handPose(onPicture).valid) {
            HandKeypoints firstOnFilm;
            for (int k = 0; k < kHandKeypointCount; ++k) firstOnFilm[k] = onFilm(onPicture[k]);
            const HandAlignment aligned = handAlignment(firstOnFilm, impl_->card.inputSize);
            const cv::Mat picture = aligned.valid ? alignHand(grey, aligned) : cv::Mat();
            if (!picture.empty()) {
                const cv::Mat continuous = picture.isContinuous() ? picture : picture.clone();
                const auto t2 = Clock::now();
                const auto second = predictPrepared({continuous.ptr<std::uint8_t>()}, continuous.cols, continuous.rows).front();
                h.inferenceMilliseconds += std::chrono::duration<double, std::milli>(Clock::now() - t2).count();
                double score = 0;
                bool finite = true;
                for (const auto& k : second) {
                    finite = finite && std::isfinite(k.x) && std::isfinite(k.y) && std::isfinite(k.score);
                    score += k.score / kHandKeypointCount;
                }
                if (finite && score >= reading.confidence - kSecondReadingMargin) {
                    cv::Matx23d back;
                    cv::invertAffineTransform(aligned.toAligned, back);
                    for (int k = 0; k < kHandKeypointCount; ++k) {
                        const double x = second[k].x, y = second[k].y;
                        reading.points[k] = {back(0, 0) * x + back(0, 1) * y + back(0, 2), back(1, 0) * x + back(1, 1) * y + back(1, 2),
                                             second[k].score, true};
                    }
                    reading.confidence = score;
                    reading.onHand = true;
                }
            }
        }
        if (!reading.onHand)
            for (int k = 0; k < kHandKeypointCount; ++k) reading.points[k] = onFilm(onPicture[k]);
        return reading;
    };
    // The polarity: the first reading's when it is clear (kPolarityMargin); else (faint, low-contrast
    // films, where both first readings score low) each polarity is read again on its hand and the
    // more confident second reading decides, by the same margin; the film as displayed wins a tie.
    const size_t bestDisplayed = bestTurn(0), bestInverted = bestTurn(turns);
    h.displayedPolarityScore = meanScore[bestDisplayed];
    h.invertedPolarityScore = meanScore[bestInverted];
    Reading chosen;
    if (std::abs(h.invertedPolarityScore - h.displayedPolarityScore) > kPolarityMargin) {
        h.readInverted = h.invertedPolarityScore > h.displayedPolarityScore;
        chosen = h.readInverted ? readOn(bestInverted, negative) : readOn(bestDisplayed, shown);
    } else {
        const Reading displayed = readOn(bestDisplayed, shown), inverted = readOn(bestInverted, negative);
        h.readInverted = inverted.confidence > displayed.confidence + kPolarityMargin;
        chosen = h.readInverted ? inverted : displayed;
    }
    h.points = chosen.points;
    h.confidence = chosen.confidence;
    h.readOnHand = chosen.onHand;
    h.readTurnDegrees = chosen.turnDegrees;
    // The film as read from here on: the refinement and the hand finder.
    const cv::Mat& grey = h.readInverted ? negative : shown;
    const cv::Mat exposed = grey(area);
    if (impl_->refinement) refine(grey, h);
    const HandRegion region = findHand(exposed);   // within a flat margin, the exposure is a "solid rectangle"
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

// The refinement stage: the film cut around the keypoints as its recipe says (the hand upright, as a
// left hand, at the film's own resolution), read once, each point mapped back to the film. The
// confidence (and so "no hand found") stays the first stage's: its thresholds were measured on it.
void LandmarkModel::refine(const cv::Mat& grey, HandLandmarks& h) const
{
    const Impl& r = *impl_->refinement;
    h.refinementModelId = r.card.id;
    const HandPose pose = handPose(h.points);
    const HandAlignment aligned = pose.valid ? handAlignment(h.points, r.card.inputSize) : HandAlignment{};
    if (!aligned.valid) return;
    cv::Mat picture = applyContrast(alignHand(grey, aligned), r.card.recipe);
    if (!picture.isContinuous()) picture = picture.clone();
    const auto t = Clock::now();
    const auto read = predictWith(r, {picture.ptr<std::uint8_t>()}, picture.cols, picture.rows).front();
    h.inferenceMilliseconds += std::chrono::duration<double, std::milli>(Clock::now() - t).count();
    cv::Matx23d back;
    cv::invertAffineTransform(aligned.toAligned, back);
    for (int k = 0; k < kHandKeypointCount; ++k) {
        const double x = read[k].x, y = read[k].y;
        if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(read[k].score) || read[k].score < kMinRefinementScore) continue;
        const double fx = back(0, 0) * x + back(0, 1) * y + back(0, 2), fy = back(1, 0) * x + back(1, 1) * y + back(1, 2);
        if (std::hypot(fx - h.points[k].x, fy - h.points[k].y) > kMaxRefinementMove * pose.scale) continue;
        h.points[k].x = fx;
        h.points[k].y = fy;
        ++h.refinedPoints;
    }
}

Radiograph asRead(const Radiograph& radiograph, const HandLandmarks& hand)
{
    Radiograph r = radiograph;
    if (hand.readInverted) r.metadata.readInverted = !r.metadata.readInverted;
    return r;
}

void setInferenceThreads(int threads)
{
    if (threads > 0) torch::set_num_threads(threads);
}

int inferenceThreads()
{
    return torch::get_num_threads();
}

PreparedImage prepareWithRecipe(const Radiograph& radiograph, const PreprocessRecipe& recipe, const LandmarkModel* landmarks)
{
    if (!recipe.needsKeypoints()) return prepare(radiograph, recipe);
    if (!landmarks)
        throw std::invalid_argument("recipe '" + recipe.name + "' places the hand by its keypoints, but no hand landmark model is installed");
    const HandLandmarks h = landmarks->detect(radiograph);
    if (!h.handFound) throw InputError(InputError::Reason::NoHand, radiograph.metadata.sourceFile + ": " + h.problem);
    return prepareWithKeypoints(asRead(radiograph, h), recipe, h.points);
}

} // namespace boneage
