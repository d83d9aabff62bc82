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

// The framing-independent view of the hand (issue 17): the film turned by a quarter turn so that the
// fingers point up (the keypoints' wrist -> middle MCP direction rounded to 90 degrees), mirrored to a
// left hand when `asLeft` and the keypoints say right hand, and cut to the box of the keypoints in
// that frame, widened by margins that are fractions of that box (so that the box of a film squeezed
// to a square is the squeezed box of the film: the 100 px training films and full films agree).
// Quarter turns, mirrors and axis-aligned boxes only: no resampling before the one resize.
struct HandBoxView {
    bool valid = false;
    int turnDegrees = 0;      // clockwise quarter turn applied to the film
    bool mirrored = false;
    cv::Rect2d filmBox;       // the cut box in the film's pixels (may reach beyond the film: black)
    int width = 0, height = 0;
    cv::Matx23d toView = cv::Matx23d(1, 0, 0, 0, 1, 0);   // film pixels -> view pixels
};
HandBoxView handBoxView(const HandKeypoints& points, int filmWidth, int filmHeight, int width, int height, bool asLeft = true);
// The view's picture: the box cut (black beyond the film), shrunk by area so that its longer side is
// at most `detail` pixels (0: no limit), turned, mirrored, and resized to the view's size.
cv::Mat renderHandBoxView(const cv::Mat& grey8, const HandBoxView& view, int detail);

// A recipe with align_hand: window to 8 bit, align by the keypoints to the recipe's width (square),
// then the recipe's contrast step; the geometry holds the affine map. Throws std::invalid_argument
// when the recipe is not square or the keypoints give no pose.
PreparedImage prepareAligned(const Radiograph& radiograph, const PreprocessRecipe& recipe, const HandKeypoints& points);
// Either keypoint recipe (align_hand or hand_box) from the radiograph and its keypoints.
PreparedImage prepareWithKeypoints(const Radiograph& radiograph, const PreprocessRecipe& recipe, const HandKeypoints& points);
// A hand_box recipe's view when no hand was found and the reader asked for an estimate anyway: the
// whole film as the box, as it lies (no turn, no mirror). Throws std::invalid_argument for align_hand.
PreparedImage prepareWholeFilmAsHandBox(const Radiograph& radiograph, const PreprocessRecipe& recipe);

} // namespace boneage
