#pragma once
// Named, reusable preprocessing recipes: how a radiograph becomes a model's input. A model card
// names its recipe (or embeds it as JSON) so that inference prepares images exactly as training did.
#include "Radiograph.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>

#include <string>
#include <vector>

namespace boneage {

enum class ContrastStep { None, Equalize, Clahe };
enum class ResizePolicy { Stretch, KeepAspectPad };

struct PreprocessRecipe {
    std::string name;
    bool cropToHand = false;      // threshold + largest component + margin
    double cropMargin = 0.05;     // fraction of the hand box added on each side
    ContrastStep contrast = ContrastStep::None;
    double claheClipLimit = 2.0;
    int claheTiles = 8;
    ResizePolicy resize = ResizePolicy::Stretch;
    int width = 0, height = 0;    // 0: keep the size
    double mean = 0.0, std = 1.0; // float = (grey / 255 - mean) / std
    // Hand upright, cropped and mirrored to a left hand by its keypoints (core/anatomy alignHand):
    // needs the hand landmark model, so `prepare` refuses it; core/inference prepares it.
    bool alignHand = false;
    // The framing-independent view (issue 17; core/anatomy handBoxView): the film turned by quarter
    // turns until the fingers point up, mirrored to a left hand, cut to the box of the keypoints with
    // margins relative to that box, and stretched to the recipe's size. Needs the landmark model too.
    bool handBox = false;
    // With handBox: the cut box is first shrunk (area average, aspect kept) so that its longer side is
    // at most this many pixels, the detail a 100 px film's hand has (0: no limit).
    int handBoxDetail = 0;
    // The 18 TW3 ROI patches (core/anatomy Tw3Roi), cut from the film at its own resolution, turned
    // upright with their bones and mirrored to a left hand, this many pixels square, beside the main
    // picture (the global-local network's local pathway). 0: none. Needs the keypoints.
    int roiPatchSize = 0;

    bool needsKeypoints() const { return alignHand || handBox || roiPatchSize > 0; }

    nlohmann::json toJson() const;
    static PreprocessRecipe fromJson(const nlohmann::json& j);   // throws std::invalid_argument
};

// The recipes the project names; recipeByName throws std::invalid_argument listing them.
const std::vector<PreprocessRecipe>& namedRecipes();
const PreprocessRecipe& recipeByName(const std::string& name);

struct HandRegion {
    bool found = false;
    cv::Rect box;                 // in the image's pixels, margin included
    double areaFraction = 0;      // hand mask area / image area
};

// Finds the hand: Otsu threshold on a downscaled, smoothed copy, then the largest connected
// component that is not a filled rectangle (burnt-in labels) and not tiny (lead markers).
HandRegion findHand(const cv::Mat& grey8, double margin = 0.05);

cv::Mat equalize(const cv::Mat& grey8);
cv::Mat applyClahe(const cv::Mat& grey, double clipLimit, int tiles);   // CV_8U or CV_16U

// Geometry of a prepared image: prepared = (source - crop.tl()) * scale + pad, or, for an aligned
// hand, prepared = affine * source (rotation, mirror, scale and shift).
struct PreparedGeometry {
    cv::Rect crop;
    double scaleX = 1, scaleY = 1;
    double padX = 0, padY = 0;
    bool hasAffine = false;
    cv::Matx23d affine = cv::Matx23d(1, 0, 0, 0, 1, 0);
    cv::Point2d toSource(cv::Point2d p) const;
    cv::Point2d fromSource(cv::Point2d p) const;
};

cv::Mat resizeStretch(const cv::Mat& image, int width, int height, PreparedGeometry* geometry = nullptr);
cv::Mat resizeKeepAspectPad(const cv::Mat& image, int width, int height, PreparedGeometry* geometry = nullptr);
cv::Mat normalizeToFloat(const cv::Mat& grey8, double mean, double std);

struct PreparedImage {
    cv::Mat grey8;           // after crop, contrast and resize (for display and caches)
    cv::Mat input;           // CV_32F, normalised: what a model reads
    PreparedGeometry geometry;
    HandRegion hand;
    // With a recipe's roiPatchSize S: the 18 ROI patches stacked vertically (CV_8U, 18 S rows, S
    // columns, schema order) and whether each holds its bone (0: masked, all black: the ROI's keypoint
    // was not seen or its box lies off the film). Empty otherwise.
    cv::Mat roiPatches;
    std::vector<std::uint8_t> roiPresent;
};

// Window to 8 bit (the radiograph's default display, bone bright), then the recipe's steps.
// Throws std::invalid_argument for a recipe that aligns the hand (it needs keypoints).
PreparedImage prepare(const Radiograph& radiograph, const PreprocessRecipe& recipe);
// The same from the radiograph already windowed to 8 bit (a caller that needs that picture too).
PreparedImage prepareDisplayed(const cv::Mat& grey8, const PreprocessRecipe& recipe);
// The contrast step of a recipe on an 8-bit image (the part `prepare` and aligned recipes share).
cv::Mat applyContrast(const cv::Mat& grey8, const PreprocessRecipe& recipe);

} // namespace boneage
