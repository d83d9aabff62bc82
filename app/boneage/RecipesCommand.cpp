#include "CommandLine.h"
#include "Commands.h"

#include "imaging/Preprocessing.h"
#include "imaging/RadiographLoader.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <iostream>

namespace boneage::cli {

int runRecipes(const std::vector<std::string>& args)
{
    const Arguments a(args, {"prepare", "recipe", "out"}, {});
    if (auto file = a.value("prepare")) {
        const auto recipe = a.value("recipe");
        const auto out = a.value("out");
        if (!recipe || !out) throw UsageError("--prepare needs --recipe and --out");
        const PreparedImage p = prepare(loadRadiograph(*file), recipeByName(*recipe));
        if (!cv::imwrite(*out, p.grey8)) throw std::runtime_error(*out + ": cannot write the image");
        std::cout << nlohmann::json{{"file", *file},
                                    {"recipe", *recipe},
                                    {"hand_found", p.hand.found},
                                    {"crop", {p.geometry.crop.x, p.geometry.crop.y, p.geometry.crop.width, p.geometry.crop.height}},
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
