#include "atlas/AtlasPack.h"

#include "atlas/AtlasError.h"
#include "common/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace boneage {

namespace fs = std::filesystem;

namespace {

// Plates older than 25 years or younger than birth are typing errors, not atlas plates.
constexpr double kMaxPlateAgeMonths = 300;

[[noreturn]] void fail(const std::string& where, const std::string& what)
{
    throw AtlasError(where + ": " + what);
}

std::string requireString(const nlohmann::json& entry, const char* key, const std::string& where)
{
    if (!entry.contains(key)) fail(where, std::string("'") + key + "' is missing");
    if (!entry[key].is_string() || entry[key].get<std::string>().empty())
        fail(where, std::string("'") + key + "' must be a non-empty text");
    return entry[key].get<std::string>();
}

AtlasPlate plateFromJson(const nlohmann::json& entry, const std::string& where)
{
    if (!entry.is_object()) fail(where, "a plate must be an object with sex, age_months, image and source");
    AtlasPlate p;
    const std::string sex = requireString(entry, "sex", where);
    if (sex == "M") p.sex = Sex::Male;
    else if (sex == "F") p.sex = Sex::Female;
    else fail(where, "'sex' is '" + sex + "'; it must be \"M\" or \"F\"");
    if (!entry.contains("age_months")) fail(where, "'age_months' is missing");
    if (!entry["age_months"].is_number()) fail(where, "'age_months' must be a number of months");
    p.ageMonths = entry["age_months"].get<double>();
    if (!std::isfinite(p.ageMonths) || p.ageMonths < 0 || p.ageMonths > kMaxPlateAgeMonths)
        fail(where, "'age_months' is " + entry["age_months"].dump() + "; it must be between 0 and 300 months");
    p.imageFile = requireString(entry, "image", where);
    const fs::path image(p.imageFile);
    // Packs are copied between machines: an absolute path or one leaving the folder would break.
    if (image.is_absolute() || p.imageFile.find("..") != std::string::npos)
        fail(where, "'image' is '" + p.imageFile + "'; it must be a file name relative to the manifest's folder");
    p.source = requireString(entry, "source", where);
    if (entry.contains("reference_case")) {
        const auto& r = entry["reference_case"];
        const std::string w = where + ", reference_case";
        if (!r.is_object()) fail(w, "must be an object");
        ReferenceCase rc;
        rc.id = requireString(r, "id", w);
        if (!r.value("bone_age_months", nlohmann::json()).is_number()) fail(w, "'bone_age_months' must be a number");
        rc.boneAgeMonths = r["bone_age_months"].get<double>();
        if (r.contains("distance") && r["distance"].is_number()) rc.distance = r["distance"].get<double>();
        if (r.contains("chosen_by") && r["chosen_by"].is_string()) rc.chosenBy = r["chosen_by"].get<std::string>();
        if (r.contains("candidates") && r["candidates"].is_number_integer()) rc.candidates = r["candidates"].get<int>();
        p.reference = rc;
    }
    return p;
}

} // namespace

AtlasPack AtlasPack::fromJson(const nlohmann::json& manifest, const std::string& manifestPath)
{
    if (!manifest.is_object()) fail(manifestPath, "the manifest must be a JSON object with \"format\" and \"plates\"");
    if (!manifest.contains("format") || manifest["format"] != kAtlasFormat)
        fail(manifestPath, std::string("not an atlas manifest: \"format\" must be \"") + kAtlasFormat + "\"");
    if (!manifest.contains("plates") || !manifest["plates"].is_array())
        fail(manifestPath, "\"plates\" is missing or not a list");
    AtlasPack pack;
    pack.name = manifest.value("name", std::string());
    pack.description = manifest.value("description", std::string());
    const auto& plates = manifest["plates"];
    for (std::size_t i = 0; i < plates.size(); ++i) {
        std::ostringstream where;
        where << manifestPath << ": plate " << (i + 1);
        if (plates[i].is_object() && plates[i].contains("image") && plates[i]["image"].is_string())
            where << " (" << plates[i]["image"].get<std::string>() << ")";
        AtlasPlate p = plateFromJson(plates[i], where.str());
        for (const auto& q : pack.plates_)
            if (q.sex == p.sex && q.ageMonths == p.ageMonths)
                fail(where.str(), "a second plate for " + p.ageLabel() + "; each sex and age may appear once");
        pack.plates_.push_back(std::move(p));
    }
    if (pack.plates_.empty()) fail(manifestPath, "the atlas has no plates");
    return pack;
}

AtlasPack AtlasPack::load(const std::string& folder)
{
    const fs::path dir(folder);
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw AtlasError(folder + ": no such atlas folder (an atlas pack is a folder with an atlas.json manifest)");
    const fs::path manifestPath = dir / kAtlasManifestName;
    std::ifstream in(manifestPath, std::ios::binary);
    if (!in)
        throw AtlasError(manifestPath.string() + ": missing; this folder is not an atlas pack (see the manifest format in docs/workstation.md)");
    nlohmann::json manifest;
    try {
        manifest = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw AtlasError(manifestPath.string() + ": not valid JSON (" + e.what() + ")");
    }
    AtlasPack pack = fromJson(manifest, manifestPath.string());
    pack.folder_ = folder;
    for (std::size_t i = 0; i < pack.plates_.size(); ++i) {
        const auto& p = pack.plates_[i];
        if (!fs::is_regular_file(pack.imagePath(p), ec))
            throw AtlasError(manifestPath.string() + ": plate " + std::to_string(i + 1) + " (" + p.ageLabel() + "): image '" +
                             p.imageFile + "' is not in the atlas folder");
    }
    return pack;
}

nlohmann::json AtlasPack::toJson() const
{
    nlohmann::json plates = nlohmann::json::array();
    for (const auto& p : plates_) {
        nlohmann::json e = {{"sex", toString(p.sex)}, {"age_months", p.ageMonths}, {"image", p.imageFile}, {"source", p.source}};
        if (p.reference) {
            const auto& r = *p.reference;
            // Rounded: the manifest is read by people too, and 4 decimals tell the ranking apart.
            e["reference_case"] = {{"id", r.id},
                                   {"bone_age_months", r.boneAgeMonths},
                                   {"distance", std::round(r.distance * 1e4) / 1e4},
                                   {"chosen_by", r.chosenBy},
                                   {"candidates", r.candidates}};
        }
        plates.push_back(std::move(e));
    }
    return {{"format", kAtlasFormat}, {"name", name}, {"description", description}, {"plates", plates}};
}

void AtlasPack::save(const std::string& folder) const
{
    writeTextAtomically((fs::path(folder) / kAtlasManifestName).string(), toJson().dump(2) + "\n");
}

void AtlasPack::addPlate(AtlasPlate plate) { plates_.push_back(std::move(plate)); }

std::vector<AtlasPlate> AtlasPack::plates(Sex sex) const
{
    std::vector<AtlasPlate> out;
    for (const auto& p : plates_)
        if (p.sex == sex) out.push_back(p);
    std::stable_sort(out.begin(), out.end(), [](const AtlasPlate& a, const AtlasPlate& b) { return a.ageMonths < b.ageMonths; });
    return out;
}

std::string AtlasPack::imagePath(const AtlasPlate& plate) const
{
    return (fs::path(folder_) / plate.imageFile).string();
}

AtlasBracket AtlasPack::bracketing(Sex sex, double boneAgeMonths) const
{
    const auto list = plates(sex);
    AtlasBracket b;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].ageMonths <= boneAgeMonths) b.below = i;
        if (list[i].ageMonths >= boneAgeMonths && !b.above) b.above = i;
    }
    return b;
}

std::optional<std::size_t> AtlasPack::next(Sex sex, std::size_t index) const
{
    const std::size_t n = plates(sex).size();
    if (index + 1 < n) return index + 1;
    return std::nullopt;
}

std::optional<std::size_t> AtlasPack::previous(Sex sex, std::size_t index) const
{
    const std::size_t n = plates(sex).size();
    if (index > 0 && index - 1 < n) return index - 1;
    return std::nullopt;
}

} // namespace boneage
