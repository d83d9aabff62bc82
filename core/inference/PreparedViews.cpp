#include "inference/PreparedViews.h"

#include "anatomy/HandAlignment.h"
#include "imaging/InputError.h"

#include <chrono>

namespace boneage {

PreparedViews::PreparedViews(const Radiograph& radiograph, const HandLandmarks* hand, bool wholeFilmWithoutHand)
    : radiograph_(hand ? asRead(radiograph, *hand) : radiograph), hand_(hand), wholeFilmWithoutHand_(wholeFilmWithoutHand)
{
}

const PreparedImage& PreparedViews::of(const PreprocessRecipe& recipe)
{
    const std::string key = recipe.toJson().dump();
    if (const auto it = views_.find(key); it != views_.end()) return it->second.image;
    const auto t0 = std::chrono::steady_clock::now();
    View v;
    if (recipe.needsKeypoints() && wholeFilmWithoutHand_ && recipe.handBox && (!hand_ || !hand_->handFound)) {
        v.image = prepareWholeFilmAsHandBox(radiograph_, recipe);
    } else if (recipe.needsKeypoints()) {
        if (!hand_)
            throw InputError(InputError::Reason::NoHand, "recipe '" + recipe.name + "' reads the hand found by the landmark model, and no "
                             "landmark model was run (install the hand landmark package)");
        if (!hand_->handFound)
            throw InputError(InputError::Reason::NoHand, "recipe '" + recipe.name + "' reads the hand found by the landmark model: " + hand_->problem);
        try {
            v.image = prepareWithKeypoints(radiograph_, recipe, hand_->points);
        } catch (const std::invalid_argument& e) {
            throw InputError(InputError::Reason::NoHand, std::string("the hand's view could not be prepared: ") + e.what());
        }
    } else {
        v.image = prepare(radiograph_, recipe);
    }
    v.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return views_.emplace(key, std::move(v)).first->second.image;
}

double PreparedViews::milliseconds(const PreprocessRecipe& recipe) const
{
    const auto it = views_.find(recipe.toJson().dump());
    return it == views_.end() ? 0.0 : it->second.milliseconds;
}

} // namespace boneage
