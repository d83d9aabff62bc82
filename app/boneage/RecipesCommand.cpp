#include "CommandLine.h"
#include "Commands.h"
#include "OutputFiles.h"

#include "imaging/Preprocessing.h"
#include "imaging/RadiographLoader.h"
#ifdef BONEAGE_WITH_TORCH
#include "inference/LandmarkModel.h"
#include "ModelsLocation.h"
#endif

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <iostream>
#include <optional>
#include <vector>

namespace boneage::cli {

int runRecipes(const std::vector<std::string>& args)
{
    const Arguments a(args, {"prepare", "recipe", "out", "models"}, {"overwrite"});
    if (auto file = a.value("prepare")) {
        const auto recipe = a.value("recipe");
        const auto out = a.value("out");
        if (!recipe || !out) throw UsageError("--prepare needs --recipe and --out");
        checkOutputOption(a, "out", {{"--prepare", *file}});
        const PreprocessRecipe& r = recipeByName(*recipe);
#ifdef BONEAGE_WITH_TORCH
        std::optional<LandmarkModel> landmarks;
        if (r.needsKeypoints()) {
            const auto dir = LandmarkModel::find(modelsDirectory(a.value("models").value_or("")));
            if (dir) landmarks = LandmarkModel::load(*dir);
        }
        const PreparedImage p = prepareWithRecipe(loadRadiograph(*file), r, landmarks ? &*landmarks : nullptr);
#else
        const PreparedImage p = prepare(loadRadiograph(*file), r);
#endif
        writeImageAtomically(*out, p.grey8);
        std::cout << nlohmann::json{{"file", *file},
                                    {"recipe", *recipe},
                                    {"hand_found", p.hand.found},
                                    {"crop", p.geometry.hasAffine ? std::vector<int>{p.hand.box.x, p.hand.box.y, p.hand.box.width, p.hand.box.height}
                                                                  : std::vector<int>{p.geometry.crop.x, p.geometry.crop.y, p.geometry.crop.width, p.geometry.crop.height}},
                                    {"out", *out}}
                         .dump()
                  << "\n";
        return 0;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : namedRecipes()) list.push_back(r.toJson());
    std::cout << list.dump(2) << "\n";
    return 0;
}

} // namespace boneage::cli
