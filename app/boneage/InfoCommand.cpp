#include "CommandLine.h"
#include "Commands.h"

#include "imaging/InputError.h"
#include "imaging/RadiographJson.h"
#include "imaging/RadiographLoader.h"

#include <iostream>

namespace boneage::cli {

LoadOptions loadOptionsFrom(const Arguments& a)
{
    LoadOptions o;
    if (auto s = a.value("sex")) {
        o.sex = parseSex(*s);
        if (!o.sex) throw UsageError("--sex must be M or F, not '" + *s + "'");
    }
    if (auto age = a.value("age-months")) o.chronologicalAgeMonths = parseNumber(*age, "age-months");
    if (auto mp = a.value("max-megapixels")) {
        const double v = parseNumber(*mp, "max-megapixels");
        if (v <= 0) throw UsageError("--max-megapixels must be positive");
        o.limits.maxPixels = static_cast<std::uint64_t>(v * 1e6);
    }
    return o;
}

int runInfo(const std::vector<std::string>& args)
{
    const Arguments a(args, {"sex", "age-months", "max-megapixels"}, {"pretty"});
    if (a.positional().empty()) throw UsageError("no file given");
    const LoadOptions options = loadOptionsFrom(a);
    int status = 0;
    for (const auto& path : a.positional()) {
        try {
            const Radiograph r = loadRadiograph(path, options);
            std::cout << toJson(r).dump(a.flag("pretty") ? 2 : -1) << std::endl;
        } catch (const InputError& e) {
            std::cerr << "error: " << e.what() << std::endl;
            status = 1;
        } catch (const std::exception& e) {
            std::cerr << "error: " << path << ": " << e.what() << std::endl;
            status = 1;
        }
    }
    return status;
}

} // namespace boneage::cli
