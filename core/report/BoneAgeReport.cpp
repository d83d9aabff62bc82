#include "report/BoneAgeReport.h"

#include "atlas/AtlasPack.h"
#include "common/Sha256.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <stdexcept>

namespace boneage {

namespace {

// "2.25." followed by the decimal value of the first 128 bits of a hex digest (PS3.5 B.2: a UID
// derived from a UUID-sized number). 39 digits at most, so the UID stays under 64 characters.
std::string uidFromDigest(const std::string& hex)
{
    // 128-bit number as two 64-bit halves, converted to decimal by repeated division.
    std::uint64_t hi = std::stoull(hex.substr(0, 16), nullptr, 16), lo = std::stoull(hex.substr(16, 16), nullptr, 16);
    std::string digits;
    while (hi != 0 || lo != 0) {
        // (hi * 2^64 + lo) / 10, remainder, without 128-bit integers.
        const unsigned __int128 value = (static_cast<unsigned __int128>(hi) << 64) | lo;
        const unsigned __int128 quotient = value / 10;
        digits.push_back(static_cast<char>('0' + static_cast<int>(value - quotient * 10)));
        hi = static_cast<std::uint64_t>(quotient >> 64);
        lo = static_cast<std::uint64_t>(quotient);
    }
    if (digits.empty()) digits = "0";
    std::reverse(digits.begin(), digits.end());
    return "2.25." + digits;
}

std::string digestOf(const std::string& text)
{
    Sha256 h;
    h.update(text.data(), text.size());
    return h.hexDigest();
}

std::string localNowIso()
{
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &local);
    return buf;
}

} // namespace

std::string BoneAgeReport::studyInstanceUid() const
{
    const std::string& own = radiograph.metadata.studyInstanceUid;
    return own.empty() ? uidFromDigest(digestOf("boneage-study|" + sourceSha256)) : own;
}

std::string BoneAgeReport::resultUid(const std::string& kind) const
{
    std::string identity = "boneage-result|" + kind + "|" + sourceSha256 + "|" + radiograph.metadata.sopInstanceUid;
    for (const auto& m : assessment.models) identity += "|" + m.weightsSha256;
    for (const auto& r : readings) identity += "|reading " + std::to_string(r.id) + " " + r.createdAt;
    return uidFromDigest(digestOf(identity));
}

std::vector<Reading> latestReadingPerReader(const std::vector<Reading>& readings)
{
    std::map<std::string, Reading> latest;
    for (const auto& r : readings) {
        const auto it = latest.find(r.reader);
        if (it == latest.end() || r.createdAt > it->second.createdAt || (r.createdAt == it->second.createdAt && r.id > it->second.id))
            latest[r.reader] = r;
    }
    std::vector<Reading> out;
    for (auto& [reader, r] : latest) out.push_back(r);
    std::sort(out.begin(), out.end(), [](const Reading& a, const Reading& b) { return a.createdAt < b.createdAt; });
    return out;
}

BoneAgeReport makeBoneAgeReport(const std::string& sourceFile, const Radiograph& radiograph, const Assessment& assessment,
                                const std::vector<Reading>& readings, const std::string& atlasFolder,
                                const ReportOverlays& overlays, const std::string& language)
{
    if (assessment.withheld || !assessment.boneAgeMonths())
        throw std::invalid_argument(sourceFile + ": no bone age was reported for this film (" +
                                    (assessment.reviewFlags.empty() ? std::string("no model ran") : assessment.reviewFlags.front().message) +
                                    "), so there is no result to report. Review the film; `boneage assess --force` estimates anyway.");
    BoneAgeReport r;
    r.sourceFile = sourceFile;
    r.sourceSha256 = sha256OfFile(sourceFile);
    r.radiograph = radiograph;
    r.assessment = assessment;
    r.readings = latestReadingPerReader(readings);
    r.overlays = overlays;
    r.language = language;
    r.createdAt = localNowIso();
    r.softwareVersion = BONEAGE_VERSION;
    if (!atlasFolder.empty()) {
        // A damaged atlas pack costs the report its plates, not the report (the result stands alone).
        AtlasPack pack;
        try {
            pack = AtlasPack::load(atlasFolder);
        } catch (const std::exception& e) {
            r.atlasProblem = e.what();
            return r;
        }
        const Sex sex = assessment.sex;
        const std::vector<AtlasPlate> plates = pack.plates(sex);
        const AtlasBracket b = pack.bracketing(sex, *assessment.boneAgeMonths());
        std::vector<std::size_t> chosen;
        if (b.below) chosen.push_back(*b.below);
        if (b.above && (!b.below || *b.above != *b.below)) chosen.push_back(*b.above);
        for (std::size_t i : chosen) {
            std::string path = pack.imagePath(plates[i]);
            if (!std::filesystem::is_regular_file(path)) path.clear();
            r.plates.push_back({plates[i], path, pack.name});
        }
    }
    return r;
}

} // namespace boneage
