#include "Preprocessing.h"
#include "Display.h"

#include "common/JsonFields.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <stdexcept>

namespace boneage {

namespace {

const char* contrastName(ContrastStep c)
{
    switch (c) {
    case ContrastStep::Equalize: return "equalize";
    case ContrastStep::Clahe: return "clahe";
    default: return "none";
    }
}

PreprocessRecipe make(const char* name, bool crop, ContrastStep contrast, ResizePolicy resize, int size)
{
    PreprocessRecipe r;
    r.name = name;
    r.cropToHand = crop;
    r.contrast = contrast;
    r.resize = resize;
    r.width = r.height = size;
    return r;
}

} // namespace

nlohmann::json PreprocessRecipe::toJson() const
{
    nlohmann::json j = {{"name", name},
            {"crop_to_hand", cropToHand},
            {"crop_margin", cropMargin},
            {"contrast", contrastName(contrast)},
            {"clahe_clip_limit", claheClipLimit},
            {"clahe_tiles", claheTiles},
            {"resize", resize == ResizePolicy::Stretch ? "stretch" : "keep-aspect-pad"},
            {"width", width},
            {"height", height},
            {"mean", mean},
            {"std", std}};
    // Only when set, so that the recipes of earlier caches and cards compare equal.
    if (alignHand) j["align_hand"] = true;
    if (handBox) {
        j["hand_box"] = true;
        j["hand_box_detail"] = handBoxDetail;
    }
    if (roiPatchSize > 0) j["roi_patches"] = roiPatchSize;
    return j;
}

// Every field is range-checked here, so that any source of a recipe (a model card, a cache, a
// command line) is: a card is a file anyone can edit, and "clahe_tiles": 100000 once asked OpenCV
// for some 10 GB. The bounds are far outside what a recipe needs and well inside what a workstation
// can do: output sides 8..4096 px (0: the image's own size), CLAHE 1..64 tiles per side with a clip
// limit in (0, 1000], the crop margin a fraction in [0, 1], normalisation mean in [-10, 10] and
// std in [0.001, 1000]. Unknown keys are ignored (a later version may add steps this one does not run).
PreprocessRecipe PreprocessRecipe::fromJson(const nlohmann::json& j)
{
    if (!j.is_object()) throw std::invalid_argument("a preprocessing recipe must be a JSON object");
    try {
        PreprocessRecipe r;
        r.name = fields::text(j, "name", "", 128, "");
        r.cropToHand = fields::boolean(j, "crop_to_hand", "", false);
        r.cropMargin = fields::number(j, "crop_margin", "", 0.0, 1.0, 0.05);
        const std::string c = fields::text(j, "contrast", "", 32, "none");
        if (c == "none") r.contrast = ContrastStep::None;
        else if (c == "equalize") r.contrast = ContrastStep::Equalize;
        else if (c == "clahe") r.contrast = ContrastStep::Clahe;
        else throw std::invalid_argument("\"contrast\" is '" + c + "'; it must be none, equalize or clahe");
        r.claheClipLimit = fields::number(j, "clahe_clip_limit", "", 0.001, 1000.0, 2.0);
        r.claheTiles = static_cast<int>(fields::integer(j, "clahe_tiles", "", 1, 64, 8));
        const std::string rs = fields::text(j, "resize", "", 32, "stretch");
        if (rs == "stretch") r.resize = ResizePolicy::Stretch;
        else if (rs == "keep-aspect-pad") r.resize = ResizePolicy::KeepAspectPad;
        else throw std::invalid_argument("\"resize\" is '" + rs + "'; it must be stretch or keep-aspect-pad");
        r.width = static_cast<int>(fields::integer(j, "width", "", 0, 4096, 0));
        r.height = static_cast<int>(fields::integer(j, "height", "", 0, 4096, 0));
        for (const auto& [key, v] : {std::pair<const char*, int>{"width", r.width}, {"height", r.height}})
            if (v > 0 && v < 8) throw std::invalid_argument(std::string("\"") + key + "\" is " + std::to_string(v) + "; it must be 0 (keep the size) or from 8 to 4096");
        if ((r.width == 0) != (r.height == 0))
            throw std::invalid_argument("\"width\" and \"height\" must both be 0 (keep the size) or both be set");
        r.mean = fields::number(j, "mean", "", -10.0, 10.0, 0.0);
        r.std = fields::number(j, "std", "", 0.001, 1000.0, 1.0);
        r.alignHand = fields::boolean(j, "align_hand", "", false);
        r.handBox = fields::boolean(j, "hand_box", "", false);
        r.handBoxDetail = static_cast<int>(fields::integer(j, "hand_box_detail", "", 0, 4096, 0));
        r.roiPatchSize = static_cast<int>(fields::integer(j, "roi_patches", "", 0, 512, 0));
        if (r.roiPatchSize > 0 && r.roiPatchSize < 8) throw std::invalid_argument("\"roi_patches\" is " + std::to_string(r.roiPatchSize) + "; it must be 0 (none) or from 8 to 512");
        if (r.roiPatchSize > 0 && !r.alignHand && !r.handBox)
            throw std::invalid_argument("a recipe with \"roi_patches\" places its main picture by the keypoints too (\"hand_box\" or \"align_hand\")");
        if (r.alignHand && r.handBox) throw std::invalid_argument("a recipe either aligns the hand (\"align_hand\") or cuts its box (\"hand_box\"), not both");
        if (r.handBox && (r.width == 0 || r.cropToHand))
            throw std::invalid_argument("a \"hand_box\" recipe needs a fixed size and no \"crop_to_hand\" (the keypoints place the box)");
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("malformed preprocessing recipe: ") + e.what());
    }
}

const std::vector<PreprocessRecipe>& namedRecipes()
{
    static const std::vector<PreprocessRecipe> recipes = [] {
        std::vector<PreprocessRecipe> v;
        // As the shared 100 px RSNA copy was made: the whole film squeezed to a square, no contrast step.
        v.push_back(make("whole-stretch-100", false, ContrastStep::None, ResizePolicy::Stretch, 100));
        v.push_back(make("whole-stretch-128", false, ContrastStep::None, ResizePolicy::Stretch, 128));
        // Hand crops with local contrast, aspect kept: for models trained on full-resolution films.
        v.push_back(make("hand-clahe-256", true, ContrastStep::Clahe, ResizePolicy::KeepAspectPad, 256));
        v.push_back(make("hand-clahe-512", true, ContrastStep::Clahe, ResizePolicy::KeepAspectPad, 512));
        // Seed 003 equalizes histograms before its 224 px global path.
        v.push_back(make("hand-equalize-224", true, ContrastStep::Equalize, ResizePolicy::KeepAspectPad, 224));
        // Seed 000 / 002 paper input sizes.
        v.push_back(make("hand-clahe-448", true, ContrastStep::Clahe, ResizePolicy::KeepAspectPad, 448));
        // The hand upright, as a left hand, cropped by its keypoints (the landmark model runs first).
        PreprocessRecipe aligned = make("hand-aligned-256", false, ContrastStep::Clahe, ResizePolicy::Stretch, 256);
        aligned.alignHand = true;
        v.push_back(aligned);
        // The framing-independent view of issue 17 at the 100 px set's detail: quarter turns and the
        // keypoints' box only, so a box cut from a squeezed 100 px film equals the box cut from the
        // full film and squeezed (the models train on the 100 px set and read full films).
        // handBoxDetail 90: about the median longer side of the hand box on the 100 px films (86 px on 60
        // films, p10 61, p90 97, measured with the bottom margin 0.22; the margin is 0.30 now).
        PreprocessRecipe box = make("hand-box-100", false, ContrastStep::None, ResizePolicy::Stretch, 100);
        box.handBox = true;
        box.handBoxDetail = 90;
        v.push_back(box);
        // Seed 003's two inputs (issue 18): the hand's box at 224 px, histogram-equalised as the paper's
        // global pathway, at the film's full detail, and the 18 TW3 ROI patches of 64 px cut from the film
        // at its own resolution (the paper's patch size).
        PreprocessRecipe rois = make("hand-box-224-rois", false, ContrastStep::Equalize, ResizePolicy::Stretch, 224);
        rois.handBox = true;
        rois.roiPatchSize = 64;
        v.push_back(rois);
        return v;
    }();
    return recipes;
}

const PreprocessRecipe& recipeByName(const std::string& name)
{
    std::string known;
    for (const auto& r : namedRecipes()) {
        if (r.name == name) return r;
        known += (known.empty() ? "" : ", ") + r.name;
    }
    throw std::invalid_argument("unknown preprocessing recipe '" + name + "' (known: " + known + ")");
}

HandRegion findHand(const cv::Mat& grey8, double margin)
{
    HandRegion result;
    if (grey8.empty()) return result;
    CV_Assert(grey8.type() == CV_8UC1);
    if (grey8.cols < 16 || grey8.rows < 16) return result;
    const double scale = std::min(1.0, 256.0 / std::max(grey8.cols, grey8.rows));
    cv::Mat small, bin;
    // Explicit size: a 3000x20 strip would otherwise round to zero rows (found by fuzzing).
    const cv::Size smallSize(std::max(1, static_cast<int>(std::lround(grey8.cols * scale))),
                             std::max(1, static_cast<int>(std::lround(grey8.rows * scale))));
    cv::resize(grey8, small, smallSize, 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(small, small, cv::Size(5, 5), 0);
    cv::threshold(small, bin, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // A film with no structure (blank, or a uniform test image) has no hand to find: Otsu still
    // splits it, so require the two classes to differ by a visible amount.
    const double fgPixels = cv::countNonZero(bin);
    if (fgPixels == 0 || fgPixels == double(bin.total())) return result;
    if (cv::mean(small, bin)[0] - cv::mean(small, ~bin)[0] < 12.0) return result;
    // Opening cuts thin bridges between the hand and markers or labels at the film's edge.
    cv::morphologyEx(bin, bin, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));

    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(bin, labels, stats, centroids, 8, CV_32S);
    const double total = static_cast<double>(small.total());
    int best = -1;
    double bestArea = 0;
    for (int i = 1; i < n; ++i) {
        const double area = stats.at<int>(i, cv::CC_STAT_AREA);
        const double boxArea = double(stats.at<int>(i, cv::CC_STAT_WIDTH)) * stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const double fill = area / std::max(1.0, boxArea);
        if (area < 0.02 * total) continue;   // lead markers, text
        if (fill > 0.9 && area < 0.5 * total) continue;   // a solid rectangle: a label or a collimator blade
        if (area > bestArea) { bestArea = area; best = i; }
    }
    if (best < 0) return result;
    if (bestArea > 0.97 * total) return result;   // the whole film is "foreground": nothing stands out
    cv::Rect box(stats.at<int>(best, cv::CC_STAT_LEFT), stats.at<int>(best, cv::CC_STAT_TOP),
                 stats.at<int>(best, cv::CC_STAT_WIDTH), stats.at<int>(best, cv::CC_STAT_HEIGHT));
    const int mx = static_cast<int>(std::lround(box.width * margin)), my = static_cast<int>(std::lround(box.height * margin));
    box = cv::Rect(box.x - mx, box.y - my, box.width + 2 * mx, box.height + 2 * my);
    // Back to full resolution.
    cv::Rect full(static_cast<int>(std::floor(box.x / scale)), static_cast<int>(std::floor(box.y / scale)),
                  static_cast<int>(std::ceil(box.width / scale)), static_cast<int>(std::ceil(box.height / scale)));
    full &= cv::Rect(0, 0, grey8.cols, grey8.rows);
    result.found = full.area() > 0;
    result.box = full;
    result.areaFraction = bestArea / total;
    return result;
}

cv::Mat equalize(const cv::Mat& grey8)
{
    cv::Mat out;
    cv::equalizeHist(grey8, out);
    return out;
}

cv::Mat applyClahe(const cv::Mat& grey, double clipLimit, int tiles)
{
    cv::Mat out;
    cv::createCLAHE(clipLimit, cv::Size(tiles, tiles))->apply(grey, out);
    return out;
}

cv::Point2d PreparedGeometry::toSource(cv::Point2d p) const
{
    if (hasAffine) {
        cv::Matx23d inverse;
        cv::invertAffineTransform(affine, inverse);
        return {inverse(0, 0) * p.x + inverse(0, 1) * p.y + inverse(0, 2), inverse(1, 0) * p.x + inverse(1, 1) * p.y + inverse(1, 2)};
    }
    return {(p.x - padX) / scaleX + crop.x, (p.y - padY) / scaleY + crop.y};
}

cv::Point2d PreparedGeometry::fromSource(cv::Point2d p) const
{
    if (hasAffine) return {affine(0, 0) * p.x + affine(0, 1) * p.y + affine(0, 2), affine(1, 0) * p.x + affine(1, 1) * p.y + affine(1, 2)};
    return {(p.x - crop.x) * scaleX + padX, (p.y - crop.y) * scaleY + padY};
}

cv::Mat resizeStretch(const cv::Mat& image, int width, int height, PreparedGeometry* g)
{
    cv::Mat out;
    const bool shrink = width < image.cols || height < image.rows;
    cv::resize(image, out, cv::Size(width, height), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
    if (g) {
        g->scaleX = double(width) / image.cols;
        g->scaleY = double(height) / image.rows;
        g->padX = g->padY = 0;
    }
    return out;
}

cv::Mat resizeKeepAspectPad(const cv::Mat& image, int width, int height, PreparedGeometry* g)
{
    const double s = std::min(double(width) / image.cols, double(height) / image.rows);
    const int w = std::max(1, static_cast<int>(std::lround(image.cols * s)));
    const int h = std::max(1, static_cast<int>(std::lround(image.rows * s)));
    cv::Mat scaled;
    cv::resize(image, scaled, cv::Size(w, h), 0, 0, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat out(height, width, image.type(), cv::Scalar(0));
    const int px = (width - w) / 2, py = (height - h) / 2;
    scaled.copyTo(out(cv::Rect(px, py, w, h)));
    if (g) {
        g->scaleX = double(w) / image.cols;
        g->scaleY = double(h) / image.rows;
        g->padX = px;
        g->padY = py;
    }
    return out;
}

cv::Mat normalizeToFloat(const cv::Mat& grey8, double mean, double std)
{
    cv::Mat out;
    grey8.convertTo(out, CV_32F, 1.0 / (255.0 * std), -mean / std);
    return out;
}

cv::Mat applyContrast(const cv::Mat& grey8, const PreprocessRecipe& recipe)
{
    switch (recipe.contrast) {
    case ContrastStep::Equalize: return equalize(grey8);
    case ContrastStep::Clahe: return applyClahe(grey8, recipe.claheClipLimit, recipe.claheTiles);
    case ContrastStep::None: break;
    }
    return grey8;
}

PreparedImage prepare(const Radiograph& radiograph, const PreprocessRecipe& recipe)
{
    return prepareDisplayed(renderDisplay8(radiograph, radiograph.defaultDisplay()), recipe);
}

PreparedImage prepareDisplayed(const cv::Mat& grey, const PreprocessRecipe& recipe)
{
    if (recipe.needsKeypoints())
        throw std::invalid_argument("recipe '" + recipe.name + "' places the hand by its keypoints: it needs the hand landmark model");
    PreparedImage p;
    p.geometry.crop = cv::Rect(0, 0, grey.cols, grey.rows);
    if (recipe.cropToHand) {
        p.hand = findHand(grey, recipe.cropMargin);
        if (p.hand.found) p.geometry.crop = p.hand.box;
    }
    cv::Mat roi = applyContrast(grey(p.geometry.crop), recipe);
    if (recipe.width > 0 && recipe.height > 0) {
        roi = recipe.resize == ResizePolicy::Stretch ? resizeStretch(roi, recipe.width, recipe.height, &p.geometry)
                                                     : resizeKeepAspectPad(roi, recipe.width, recipe.height, &p.geometry);
    }
    p.grey8 = roi.isContinuous() && roi.data != grey.data ? roi : roi.clone();
    p.input = normalizeToFloat(p.grey8, recipe.mean, recipe.std);
    return p;
}

} // namespace boneage
