#pragma once
// The hand upright, by its keypoints: the geometric half of the "hand-aligned" preprocessing recipes
// (the keypoints come from the landmark model in core/inference). Plain C++ and OpenCV.
#include "anatomy/HandKeypoints.h"
#include "imaging/Preprocessing.h"

#include <opencv2/core.hpp>

namespace boneage {

// The map from image pixels to an upright hand of size x size: rotated about the wrist so that the
// wrist -> middle MCP axis points up, mirrored to a left hand (PA view: thumb on the image's right)
// when `asLeft` and the keypoints say right hand, cut to a square around the rotated keypoints with a
// margin of a quarter of the hand scale (and 0.35 scale below the wrist keypoint, for the distal
// radius and ulna). Empty optional-like result: `valid` false when the pose cannot be derived.
struct HandAlignment {
    bool valid = false;
    bool mirrored = false;
    cv::Matx23d toAligned = cv::Matx23d(1, 0, 0, 0, 1, 0);
    int size = 0;
};
HandAlignment handAlignment(const HandKeypoints& points, int size, bool asLeft = true);

// The aligned image (area-averaged when shrinking; outside the film is black). Empty when !valid.
cv::Mat alignHand(const cv::Mat& image, const HandAlignment& alignment);

// A recipe with align_hand: window to 8 bit, align by the keypoints to the recipe's width (square),
// then the recipe's contrast step; the geometry holds the affine map. Throws std::invalid_argument
// when the recipe is not square or the keypoints give no pose.
PreparedImage prepareAligned(const Radiograph& radiograph, const PreprocessRecipe& recipe, const HandKeypoints& points);

} // namespace boneage
