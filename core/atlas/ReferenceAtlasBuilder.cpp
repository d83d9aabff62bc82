#include "atlas/ReferenceAtlasBuilder.h"

#include "atlas/AtlasError.h"
#include "atlas/HandThumbnail.h"

#include "anatomy/GpStandards.h"
#include "common/AtomicFile.h"
#include "imaging/Display.h"
#include "imaging/Preprocessing.h"
#include "imaging/RadiographLoader.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace boneage {

namespace fs = std::filesystem;

FolderOutput referenceAtlasOutput(const std::vector<std::string>& extraFiles)
{
    return {"an atlas", kAtlasManifestName, [extraFiles](const std::string& folder) {
                std::set<std::string> own{kAtlasManifestName};
                for (const auto& extra : extraFiles) own.insert(fs::path(extra).filename().string());
                try {
                    const AtlasPack earlier = AtlasPack::load(folder);
                    for (const auto& plate : earlier.allPlates())
                        if (fs::path(plate.imageFile).has_filename() && !fs::path(plate.imageFile).has_parent_path())
                            own.insert(plate.imageFile);
                } catch (const AtlasError&) {
                    // Not a readable atlas: only the manifest's name is its own, so the rest is refused.
                }
                return own;
            }};
}

cv::Mat displayGrey8(const std::string& imagePath)
{
    const Radiograph r = loadRadiograph(imagePath);
    return renderDisplay8(r, r.defaultDisplay());
}

namespace {

struct ReadCase {
    const LabelledCase* labelled;
    cv::Mat thumbnail;
};

// Fewer films than this make a poor median (a small group can be half rotated films): the films of
// the sex nearest in age to the plate stand in (see referenceMedian).
constexpr std::size_t kMinimumMedianFilms = 15;

std::string plateFileName(Sex sex, double ageMonths)
{
    char name[32];
    std::snprintf(name, sizeof name, "%s-%03ld.png", toString(sex), std::lround(ageMonths));
    return name;
}

std::string substituteId(std::string text, const std::string& id)
{
    const auto at = text.find("{id}");
    if (at != std::string::npos) text.replace(at, 4, id);
    return text;
}

// The plate picture: the whole film at its default display, downsized. Not cropped to the hand:
// findHand's threshold misses dim fingertips on some films, and a plate must never lose anatomy
// (the viewer frames the hand itself).
cv::Mat plateImage(const std::string& path, int maxSide)
{
    const cv::Mat crop = displayGrey8(path);
    const int longest = std::max(crop.cols, crop.rows);
    if (longest > maxSide) {
        const double s = static_cast<double>(maxSide) / longest;
        cv::Mat small;
        cv::resize(crop, small, cv::Size(std::max(1, static_cast<int>(std::lround(crop.cols * s))),
                                         std::max(1, static_cast<int>(std::lround(crop.rows * s)))),
                   0, 0, cv::INTER_AREA);
        return small;
    }
    return crop;
}

std::size_t nearestPlate(const std::vector<double>& ages, double boneAge)
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < ages.size(); ++i)
        if (std::abs(ages[i] - boneAge) < std::abs(ages[best] - boneAge)) best = i;   // ties keep the younger
    return best;
}

} // namespace

ReferenceAtlasReport buildReferenceAtlas(const std::vector<LabelledCase>& cases, const std::string& outFolder,
                                         const ReferenceAtlasOptions& options,
                                         const std::function<void(const std::string&)>& progress)
{
    if (options.maxSide < 16) throw AtlasError("the largest plate side must be at least 16 pixels");
    ReferenceAtlasReport report;
    report.pack.name = options.name;
    report.pack.description = options.description;
    const auto say = [&](const std::string& s) { if (progress) progress(s); };

    // Thumbnails of every readable film; unreadable ones are reported and skipped.
    std::vector<ReadCase> read;
    read.reserve(cases.size());
    for (const auto& c : cases) {
        if (c.sex != Sex::Male && c.sex != Sex::Female) {
            report.problems.push_back(c.imagePath + ": case " + c.id + " has no sex; skipped");
            continue;
        }
        try {
            read.push_back({&c, handThumbnail(displayGrey8(c.imagePath))});
        } catch (const std::exception& e) {
            report.problems.push_back(std::string(e.what()) + " (case " + c.id + " skipped)");
        }
        if (read.size() % 100 == 0 && !read.empty()) say("read " + std::to_string(read.size()) + " films");
    }
    report.casesRead = static_cast<int>(read.size());
    if (read.empty()) throw AtlasError("none of the " + std::to_string(cases.size()) + " labelled films could be read");

    struct Choice {
        AtlasPlate plate;
        std::string imagePath;
    };
    std::vector<Choice> choices;
    for (Sex sex : {Sex::Male, Sex::Female}) {
        const std::vector<double>& given = sex == Sex::Male ? options.maleAges : options.femaleAges;
        const std::vector<double> ages = given.empty() ? gpPlateAges(sex) : given;
        if (ages.empty()) continue;
        std::vector<std::vector<const ReadCase*>> groups(ages.size());
        std::vector<const ReadCase*> ofSex;
        for (const auto& r : read) {
            if (r.labelled->sex != sex) continue;
            ofSex.push_back(&r);
            const std::size_t i = nearestPlate(ages, r.labelled->boneAgeMonths);
            if (std::abs(ages[i] - r.labelled->boneAgeMonths) <= options.windowMonths) groups[i].push_back(&r);
        }
        std::set<const ReadCase*> used;
        std::vector<std::optional<Choice>> chosen(ages.size());
        // The median a group is compared with: the group's own when it has enough films for a median
        // to mean something, else that of the films of this sex nearest in age to the plate (a lone
        // film would otherwise be "typical" of itself, however rotated or dim).
        const auto referenceMedian = [&](const std::vector<const ReadCase*>& group, double age) {
            std::vector<const ReadCase*> set = group;
            if (set.size() < kMinimumMedianFilms) {
                set = ofSex;
                std::sort(set.begin(), set.end(), [age](const ReadCase* a, const ReadCase* b) {
                    return std::abs(a->labelled->boneAgeMonths - age) < std::abs(b->labelled->boneAgeMonths - age);
                });
                set.resize(std::min(set.size(), kMinimumMedianFilms));
            }
            std::vector<cv::Mat> thumbs;
            for (const auto* r : set) thumbs.push_back(r->thumbnail);
            return medianThumbnail(thumbs);
        };
        // Plate i shows `best`; `how` and `candidates` go into the manifest with it.
        const auto choose = [&](std::size_t i, const ReadCase* best, double distance, const char* how, std::size_t candidates) {
            used.insert(best);
            AtlasPlate p;
            p.sex = sex;
            p.ageMonths = ages[i];
            p.imageFile = plateFileName(sex, ages[i]);
            p.source = substituteId(options.sourceTemplate, best->labelled->id);
            p.reference = ReferenceCase{best->labelled->id, best->labelled->boneAgeMonths, distance, how, static_cast<int>(candidates)};
            chosen[i] = Choice{p, best->labelled->imagePath};
        };
        for (std::size_t i = 0; i < ages.size(); ++i) {
            const auto& group = groups[i];
            if (group.empty()) continue;
            const cv::Mat median = referenceMedian(group, ages[i]);
            const ReadCase* best = nullptr;
            double bestDistance = std::numeric_limits<double>::infinity();
            for (const auto* r : group) {
                const double d = thumbnailDistance(r->thumbnail, median);
                // Equal distances (e.g. one or two cases): the one nearer the plate's age.
                if (d < bestDistance - 1e-9 ||
                    (std::abs(d - bestDistance) <= 1e-9 &&
                     std::abs(r->labelled->boneAgeMonths - ages[i]) < std::abs(best->labelled->boneAgeMonths - ages[i]))) {
                    best = r;
                    bestDistance = d;
                }
            }
            choose(i, best, bestDistance, "typical", group.size());
        }
        // Empty groups: an unused case nearest in age (the most typical of those within 3 months of the
        // nearest), so that a sparse age range still has a plate. The plate with the nearest case is
        // served first: a case 6 months from one plate is not spent on a plate 9 months from it.
        const auto nearestUnused = [&](double age) {
            double nearest = std::numeric_limits<double>::infinity();
            for (const auto* r : ofSex)
                if (!used.count(r)) nearest = std::min(nearest, std::abs(r->labelled->boneAgeMonths - age));
            return nearest;
        };
        for (;;) {
            std::optional<std::size_t> next;
            double nextNearest = options.maxFallbackMonths;
            for (std::size_t i = 0; i < ages.size(); ++i) {
                if (chosen[i]) continue;
                const double d = nearestUnused(ages[i]);
                if (d <= nextNearest && (!next || d < nextNearest)) next = i, nextNearest = d;
            }
            if (!next) break;
            const std::size_t i = *next;
            std::vector<const ReadCase*> near;
            for (const auto* r : ofSex)
                if (!used.count(r) && std::abs(r->labelled->boneAgeMonths - ages[i]) <= nextNearest + 3) near.push_back(r);
            const cv::Mat median = referenceMedian({}, ages[i]);
            const ReadCase* best = nullptr;
            double bestDistance = std::numeric_limits<double>::infinity();
            for (const auto* r : near) {
                const double d = thumbnailDistance(r->thumbnail, median);
                if (d < bestDistance) best = r, bestDistance = d;
            }
            choose(i, best, bestDistance, "nearest age", near.size());
        }
        for (std::size_t i = 0; i < ages.size(); ++i)
            if (!chosen[i]) {
                AtlasPlate p;
                p.sex = sex;
                p.ageMonths = ages[i];
                report.skippedPlates.push_back(p.ageLabel() + ": no case within " +
                                               std::to_string(std::lround(options.maxFallbackMonths)) + " months");
            }
        for (auto& c : chosen)
            if (c) choices.push_back(std::move(*c));
    }
    if (choices.empty()) throw AtlasError("no plate could be filled: no labelled case lies near any plate age");

    replaceDirectoryAtomically(outFolder, [&](const std::string& tmp) {
        for (const auto& c : choices) {
            say("plate " + c.plate.ageLabel() + ": case " + c.plate.reference->id);
            const cv::Mat image = plateImage(c.imagePath, options.maxSide);
            const std::string out = (fs::path(tmp) / c.plate.imageFile).string();
            if (!cv::imwrite(out, image, {cv::IMWRITE_PNG_COMPRESSION, 9}))
                throw AtlasError(out + ": could not write the plate image");
            report.pack.addPlate(c.plate);
        }
        for (const auto& extra : options.extraFiles) {
            std::error_code ec;
            fs::copy_file(extra, fs::path(tmp) / fs::path(extra).filename(), fs::copy_options::overwrite_existing, ec);
            if (ec) throw AtlasError(extra + ": could not be copied into the atlas (" + ec.message() + ")");
        }
        report.pack.save(tmp);
    }, [&](const std::string& existing) { requireOnlyOwnEntries(existing, outFolder, referenceAtlasOutput(options.extraFiles)); });
    report.pack.setFolder(outFolder);
    return report;
}

} // namespace boneage
