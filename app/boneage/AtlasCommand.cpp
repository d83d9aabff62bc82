// `boneage atlas build|list`: builds a reference atlas pack from labelled local cases (for sites
// without licensed Greulich-Pyle plates) and lists the plates of a pack.
#include "CommandLine.h"
#include "Commands.h"
#include "LabelsCsv.h"

#include "atlas/AtlasError.h"
#include "atlas/AtlasPack.h"
#include "atlas/ReferenceAtlasBuilder.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace boneage::cli {

namespace {

int buildAtlas(const std::vector<std::string>& args)
{
    const Arguments a(args, {"images", "labels", "out", "max-side", "window", "max-fallback", "name", "source", "description", "include"},
                      {"overwrite"});
    const auto images = a.value("images"), labels = a.value("labels"), out = a.value("out");
    if (!images || !labels || !out) throw UsageError("--images, --labels and --out are required");
    ReferenceAtlasOptions options;
    if (auto v = a.value("max-side")) options.maxSide = static_cast<int>(parseNumber(*v, "max-side"));
    if (options.maxSide < 16 || options.maxSide > 4096) throw UsageError("--max-side must be between 16 and 4096 pixels");
    if (auto v = a.value("window")) options.windowMonths = parseNumber(*v, "window");
    if (auto v = a.value("max-fallback")) options.maxFallbackMonths = parseNumber(*v, "max-fallback");
    if (auto v = a.value("name")) options.name = *v;
    if (auto v = a.value("source")) options.sourceTemplate = *v;
    if (auto v = a.value("description")) options.description = *v;
    options.extraFiles = a.values("include");
    checkOutputFolder({*out, "--out", a.flag("overwrite"), {{"--images", *images}, {"--labels", *labels}}},
                      referenceAtlasOutput(options.extraFiles));

    std::vector<LabelledCase> cases;
    for (const auto& row : readLabelsCsv(*labels)) {
        const std::string file = findLabelledImage(*images, row.id);
        if (file.empty()) {
            std::cerr << "skipped " << row.id << " (line " << row.line << "): no image named " << row.id << ".* in " << *images << "\n";
            continue;
        }
        cases.push_back({row.id, row.boneAgeMonths, row.male ? Sex::Male : Sex::Female, file});
    }
    const auto start = std::chrono::steady_clock::now();
    const auto report = buildReferenceAtlas(cases, *out, options, [](const std::string& s) { std::cerr << s << "\n"; });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const auto& p : report.problems) std::cerr << "skipped: " << p << "\n";
    for (const auto& p : report.skippedPlates) std::cerr << "no plate: " << p << "\n";
    std::printf("%s: %zu plates (%zu M, %zu F) from %d films in %.1f s\n", out->c_str(), report.pack.allPlates().size(),
                report.pack.plates(Sex::Male).size(), report.pack.plates(Sex::Female).size(), report.casesRead, seconds);
    return 0;
}

int listAtlas(const std::vector<std::string>& args)
{
    const Arguments a(args, {}, {"json"});
    if (a.positional().size() != 1) throw UsageError("atlas list takes one atlas folder");
    const AtlasPack pack = AtlasPack::load(a.positional()[0]);
    if (a.flag("json")) {
        std::cout << pack.toJson().dump(2) << "\n";
        return 0;
    }
    std::cout << (pack.name.empty() ? a.positional()[0] : pack.name) << "\n";
    for (Sex sex : {Sex::Male, Sex::Female})
        for (const auto& p : pack.plates(sex)) {
            std::printf("  %-24s %-12s %s", p.ageLabel().c_str(), p.imageFile.c_str(), p.source.c_str());
            if (p.reference)
                std::printf(" (bone age %ld, %s, distance %.3f)", std::lround(p.reference->boneAgeMonths),
                            p.reference->chosenBy.c_str(), p.reference->distance);
            std::printf("\n");
        }
    return 0;
}

} // namespace

int runAtlas(const std::vector<std::string>& args)
{
    if (args.empty()) throw UsageError("atlas needs a subcommand: build or list");
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "build") return buildAtlas(rest);
    if (args[0] == "list") return listAtlas(rest);
    throw UsageError("unknown atlas subcommand '" + args[0] + "' (build or list)");
}

} // namespace boneage::cli
