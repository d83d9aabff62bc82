#include "CommandLine.h"
#include "Commands.h"

#include "imaging/InputError.h"
#include "imaging/RadiographJson.h"
#include "imaging/RadiographLoader.h"
#include "imaging/TransferSyntaxes.h"

#include <iomanip>
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

namespace {

// `boneage info --supported`: the DICOM transfer syntaxes and whether this build decodes them.
int printSupported(bool asJson, bool pretty)
{
    if (asJson) {
        nlohmann::json list = nlohmann::json::array();
        for (const TransferSyntax& t : transferSyntaxes())
            list.push_back({{"uid", t.uid}, {"name", t.name}, {"supported", t.supported()},
                            {"decoder", t.decoder ? nlohmann::json(t.decoder) : nlohmann::json()}});
        std::cout << list.dump(pretty ? 2 : -1) << std::endl;
        return 0;
    }
    std::cout << std::left << std::setw(27) << "UID" << std::setw(11) << "supported" << "name\n";
    for (const TransferSyntax& t : transferSyntaxes())
        std::cout << std::setw(27) << t.uid << std::setw(11) << (t.supported() ? "yes" : "no") << t.name
                  << (t.decoder ? std::string(" [") + t.decoder + "]" : std::string()) << "\n";
    std::cout << "Other transfer syntaxes are not supported. Besides DICOM: PNG, JPEG, TIFF and JPEG 2000 "
                 "(.jp2/.j2k) files.\n";
    return 0;
}

} // namespace

int runInfo(const std::vector<std::string>& args)
{
    const Arguments a(args, {"sex", "age-months", "max-megapixels"}, {"pretty", "supported", "json"});
    if (a.flag("supported")) {
        if (!a.positional().empty()) throw UsageError("--supported takes no file");
        return printSupported(a.flag("json"), a.flag("pretty"));
    }
    if (a.flag("json")) throw UsageError("--json goes with --supported (the metadata of files is always JSON)");
    if (a.positional().empty()) throw UsageError("no file given");
    const LoadOptions options = loadOptionsFrom(a);
    int status = 0;
    for (const auto& path : a.positional()) {
        try {
            const Radiograph r = loadRadiograph(path, options);
            // Replace, never throw: the strings are checked already, but one bad byte must not cost a line.
            std::cout << toJson(r).dump(a.flag("pretty") ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace)
                      << std::endl;
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
