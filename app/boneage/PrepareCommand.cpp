#include "CommandLine.h"
#include "Commands.h"
#include "LabelsCsv.h"

#include "imaging/InputError.h"
#include "imaging/Preprocessing.h"
#include "imaging/RadiographLoader.h"
#include "training/DatasetCache.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

namespace boneage::cli {

int runPrepare(const std::vector<std::string>& args)
{
    const Arguments a(args, {"images", "labels", "recipe", "out", "limit"}, {});
    const auto images = a.value("images"), labels = a.value("labels"), recipeName = a.value("recipe"),
               out = a.value("out");
    if (!images || !labels || !recipeName || !out) throw UsageError("--images, --labels, --recipe and --out are required");
    PreprocessRecipe recipe;
    try {
        recipe = recipeByName(*recipeName);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (recipe.width <= 0 || recipe.height <= 0) throw UsageError("the recipe must have a fixed size for a cache");
    auto rows = readLabelsCsv(*labels);
    if (auto limit = a.value("limit")) {
        const auto n = static_cast<size_t>(parseNumber(*limit, "limit"));
        if (rows.size() > n) rows.resize(n);
    }

    const auto start = std::chrono::steady_clock::now();
    DatasetCacheWriter writer(recipe.width, recipe.height, recipe.toJson().dump(), *images + " + " + *labels);
    size_t skipped = 0, done = 0;
    for (const auto& row : rows) {
        ++done;
        const std::string file = findLabelledImage(*images, row.id);
        if (file.empty()) {
            std::cerr << "skipped " << row.id << " (line " << row.line << "): no image named " << row.id << ".* in "
                      << *images << "\n";
            ++skipped;
            continue;
        }
        try {
            LoadOptions o;
            o.sex = row.male ? Sex::Male : Sex::Female;
            const PreparedImage p = prepare(loadRadiograph(file, o), recipe);
            writer.add({row.id, static_cast<float>(row.boneAgeMonths), row.male}, p.grey8.ptr<std::uint8_t>());
        } catch (const InputError& e) {
            std::cerr << "skipped " << row.id << ": " << e.what() << "\n";
            ++skipped;
        }
        if (done % 1000 == 0) std::cerr << "prepared " << done << " / " << rows.size() << "\n";
    }
    if (writer.size() == 0) throw std::runtime_error("no image could be prepared; nothing written");
    writer.finish(*out);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << nlohmann::json{{"cache", *out},     {"recipe", recipe.name}, {"samples", writer.size()},
                                {"skipped", skipped}, {"seconds", seconds}}
                     .dump()
              << "\n";
    return 0;
}

} // namespace boneage::cli
