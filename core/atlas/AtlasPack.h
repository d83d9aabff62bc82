#pragma once
// An atlas pack: a folder with a manifest `atlas.json` and one image per plate. Institutions load
// their licensed Greulich-Pyle plates this way; the program ships a reference pack built from
// labelled public cases (ReferenceAtlasBuilder). Reading validates every entry and throws AtlasError
// naming the file and the entry, so a bad pack is a message, never a crash later in the viewer.
//
// Manifest (format "boneage-atlas-1"):
//   {"format": "boneage-atlas-1", "name": "...", "description": "...",
//    "plates": [{"sex": "M", "age_months": 90, "image": "M-090.png", "source": "GP plate 21",
//                "reference_case": {"id": "1234", "bone_age_months": 90, "distance": 0.41,
//                                   "chosen_by": "typical", "candidates": 12}}, ...]}
// `reference_case` is optional (reference packs only). Image paths are relative to the manifest.
#include "AtlasPlate.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace boneage {

inline constexpr const char* kAtlasManifestName = "atlas.json";
inline constexpr const char* kAtlasFormat = "boneage-atlas-1";

// The plates either side of a bone age, as indices into AtlasPack::plates(sex). At a plate's exact
// age both are that plate; below the first plate only `above` is set, beyond the last only `below`.
struct AtlasBracket {
    std::optional<std::size_t> below;   // the plate at or below the age
    std::optional<std::size_t> above;   // the plate at or above the age
    bool isExact() const { return below && above && *below == *above; }
    bool isOutsideRange() const { return !below || !above; }
};

class AtlasPack {
public:
    AtlasPack() = default;

    // Reads `folder`/atlas.json; checks that every image exists. Throws AtlasError.
    static AtlasPack load(const std::string& folder);
    // Parses a manifest's JSON; `manifestPath` only names the file in messages. Throws AtlasError.
    static AtlasPack fromJson(const nlohmann::json& manifest, const std::string& manifestPath = kAtlasManifestName);
    nlohmann::json toJson() const;
    // Writes `folder`/atlas.json atomically (the images must already be there).
    void save(const std::string& folder) const;

    std::string name, description;
    const std::string& folder() const { return folder_; }
    void setFolder(const std::string& folder) { folder_ = folder; }

    void addPlate(AtlasPlate plate);
    const std::vector<AtlasPlate>& allPlates() const { return plates_; }
    // The plates of one sex, youngest first.
    std::vector<AtlasPlate> plates(Sex sex) const;
    // The image of a plate as a path (the pack's folder joined with the relative file).
    std::string imagePath(const AtlasPlate& plate) const;

    AtlasBracket bracketing(Sex sex, double boneAgeMonths) const;
    // Stepping through the plates of a sex: the index after / before `index`, none at the ends.
    std::optional<std::size_t> next(Sex sex, std::size_t index) const;
    std::optional<std::size_t> previous(Sex sex, std::size_t index) const;

private:
    std::string folder_;
    std::vector<AtlasPlate> plates_;
};

} // namespace boneage
