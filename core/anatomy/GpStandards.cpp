#include "GpStandards.h"
#include "GpTablesData.h"   // generated from resources/gp/*.csv

#include "imaging/Radiograph.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace boneage {

std::vector<SdRow> parseStandardDeviationCsv(const std::string& text)
{
    std::vector<SdRow> rows;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (lineNo == 1 || line.find_first_not_of(" \r") == std::string::npos) continue;
        std::stringstream ss(line);
        std::string a, m, f;
        std::getline(ss, a, ',');
        std::getline(ss, m, ',');
        std::getline(ss, f, ',');
        auto value = [&](const std::string& s) {
            const auto t = s.substr(0, s.find_last_not_of(" \r") + 1);
            return t.empty() || t.find_first_not_of(" \r") == std::string::npos ? -1.0 : std::stod(t);
        };
        try {
            rows.push_back({value(a), value(m), value(f)});
        } catch (...) {
            throw std::runtime_error("bone-age-sd.csv:" + std::to_string(lineNo) + ": not numbers: " + line);
        }
    }
    return rows;
}

const std::vector<SdRow>& gpStandardDeviationTable()
{
    static const std::vector<SdRow> table = parseStandardDeviationCsv(kBoneAgeSdCsv);
    return table;
}

double boneAgeStandardDeviation(double age, Sex sex)
{
    std::vector<std::pair<double, double>> pts;
    for (const auto& r : gpStandardDeviationTable()) {
        const double sd = sex == Sex::Male ? r.sdMale : r.sdFemale;
        if (sd > 0) pts.emplace_back(r.ageMonths, sd);
    }
    if (pts.empty() || sex == Sex::Unknown) throw std::invalid_argument("no standard deviation for an unknown sex");
    if (age <= pts.front().first) return pts.front().second;
    if (age >= pts.back().first) return pts.back().second;
    for (size_t i = 1; i < pts.size(); ++i)
        if (age <= pts[i].first) {
            const double t = (age - pts[i - 1].first) / (pts[i].first - pts[i - 1].first);
            return pts[i - 1].second + t * (pts[i].second - pts[i - 1].second);
        }
    return pts.back().second;
}

const char* toString(MaturityClass c)
{
    switch (c) {
    case MaturityClass::Delayed: return "delayed";
    case MaturityClass::Advanced: return "advanced";
    default: return "normal";
    }
}

BoneAgeComparison compareWithChronologicalAge(double boneAge, double chronologicalAge, Sex sex)
{
    BoneAgeComparison c;
    c.differenceMonths = boneAge - chronologicalAge;
    c.standardDeviation = boneAgeStandardDeviation(chronologicalAge, sex);
    c.sds = c.differenceMonths / c.standardDeviation;
    c.maturity = c.sds < -2 ? MaturityClass::Delayed : c.sds > 2 ? MaturityClass::Advanced : MaturityClass::Normal;
    return c;
}

std::string chronologicalAgeProblem(double months)
{
    if (!std::isfinite(months)) return "the chronological age is not a number";
    if (months < kPlausibleAgeMinMonths)
        return "the chronological age is negative (" + std::to_string(std::lround(months)) +
               " months: is the study date before the birth date?)";
    if (months > kPlausibleAgeMaxMonths)
        return "a chronological age of " + yearsAndMonths(months) +
               " lies outside the 0 to 20 years that the bone age standards cover; check the birth and study dates";
    return {};
}

std::string boneAgeEstimateProblem(double months)
{
    if (!std::isfinite(months)) return "the model's output is not a number";
    if (months < kPlausibleAgeMinMonths || months > kPlausibleAgeMaxMonths) {
        char text[160];
        std::snprintf(text, sizeof text, "the model's estimate of %.1f months lies outside 0 to 20 years", months);
        return text;
    }
    return {};
}

std::string yearsAndMonths(double months)
{
    const long total = std::lround(std::max(0.0, months));
    return std::to_string(total / 12) + " y " + std::to_string(total % 12) + " m";
}

const std::vector<double>& gpPlateAges(Sex sex)
{
    static const auto parse = [](char which) {
        std::vector<double> ages;
        std::istringstream in(kGpPlatesCsv);
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line))
            if (line.size() > 2 && line[0] == which) ages.push_back(std::stod(line.substr(2)));
        std::sort(ages.begin(), ages.end());
        return ages;
    };
    static const std::vector<double> male = parse('M'), female = parse('F');
    return sex == Sex::Female ? female : male;
}

} // namespace boneage
