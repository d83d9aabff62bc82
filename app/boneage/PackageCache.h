#pragma once
// What `evaluate` and `calibrate` both check when a package reads a prepared cache.
#include "inference/ModelPackage.h"
#include "training/DatasetCache.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

namespace boneage::cli {

// A cache made with another recipe than the package reads would give meaningless estimates.
// `alternative` is appended to the advice (e.g. " or evaluate with --images/--labels").
inline void requirePackageRecipe(const DatasetCache& cache, const std::string& cacheDir, const ModelCard& card,
                                 const std::string& alternative = "")
{
    const nlohmann::json cacheRecipe = nlohmann::json::parse(cache.recipeJson(), nullptr, false);
    if (cacheRecipe != card.recipe.toJson())
        throw std::runtime_error(cacheDir + " was prepared with recipe '" + cacheRecipe.value("name", "?") + "' but " +
                                 card.id + " reads '" + card.recipe.name + "'; prepare the cache with --recipe " +
                                 card.recipe.name + alternative + ".");
}

// One id per line (blank lines skipped), e.g. a package's validation-ids.txt. A UTF-8 byte order
// mark and CRLF line ends (a list saved by a spreadsheet or a Windows editor) are not part of an id.
inline std::set<std::string> readIdList(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file + ": cannot be read");
    std::set<std::string> ids;
    for (std::string line; std::getline(in, line);) {
        if (ids.empty() && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) ids.insert(line);
    }
    return ids;
}

} // namespace boneage::cli
