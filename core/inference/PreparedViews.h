#pragma once
// One radiograph's prepared pictures, each recipe prepared once (issue 17: the hand is found once, its
// view is prepared once, and every model reads the view its card names). Torch-free.
#include "imaging/Preprocessing.h"
#include "imaging/Radiograph.h"
#include "inference/LandmarkModel.h"

#include <map>
#include <string>

namespace boneage {

class PreparedViews {
public:
    // `hand`: the landmarks found on this radiograph (nullptr: none were looked for); it must outlive
    // this object. The views are cut from the radiograph as the landmark model read it (asRead: inverted
    // for an inverted export).
    // `wholeFilmWithoutHand`: the reader forced an estimate without a recognised hand; a hand_box
    // recipe then reads the whole film as its box (prepareWholeFilmAsHandBox) instead of refusing.
    PreparedViews(const Radiograph& radiograph, const HandLandmarks* hand, bool wholeFilmWithoutHand = false);
    // The picture prepared with `recipe` (from the cache after the first call). A recipe that places
    // the hand by its keypoints throws InputError NoHand when no hand was found, with the reason.
    const PreparedImage& of(const PreprocessRecipe& recipe);
    // Milliseconds spent preparing the picture of `recipe` (0 before `of`).
    double milliseconds(const PreprocessRecipe& recipe) const;

private:
    struct View {
        PreparedImage image;
        double milliseconds = 0;
    };
    Radiograph radiograph_;   // a copy that shares the pixels
    const HandLandmarks* hand_;
    bool wholeFilmWithoutHand_ = false;
    std::map<std::string, View> views_;
};

} // namespace boneage
