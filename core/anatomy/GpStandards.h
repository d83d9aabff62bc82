#pragma once
// Greulich-Pyle reference facts: the standard deviation of bone age by chronological age and sex
// (for the SDS), the standard plate ages, and how a reading is classed. Plain C++.
#include <string>
#include <vector>

namespace boneage {

enum class Sex;

struct SdRow {
    double ageMonths;
    double sdMale, sdFemale;   // negative: not given for that sex at that age
};

// The table shipped in resources/gp/bone-age-sd.csv (compiled in).
const std::vector<SdRow>& gpStandardDeviationTable();
// Parses the CSV format of that file; throws std::runtime_error naming the line.
std::vector<SdRow> parseStandardDeviationCsv(const std::string& text);

// SD of bone age at a chronological age, interpolated linearly between the table's ages and clamped
// at its ends; rows without a value for the sex are skipped.
double boneAgeStandardDeviation(double chronologicalAgeMonths, Sex sex);

enum class MaturityClass { Delayed, Normal, Advanced };
const char* toString(MaturityClass c);

struct BoneAgeComparison {
    double differenceMonths = 0;   // bone age - chronological age
    double standardDeviation = 0;
    double sds = 0;
    MaturityClass maturity = MaturityClass::Normal;   // beyond -2 / +2 SD
};
BoneAgeComparison compareWithChronologicalAge(double boneAgeMonths, double chronologicalAgeMonths, Sex sex);

// The ages the program reports and compares: bone age standards (Greulich-Pyle, TW3) end at 18-19
// years and start at birth, so an estimate or a chronological age outside 0 to 20 years is not a
// result but a sign of a wrong input (a birth date of 1800, a network run on something else).
constexpr double kPlausibleAgeMinMonths = 0.0;
constexpr double kPlausibleAgeMaxMonths = 240.0;
// Empty when `months` is a chronological age that can be compared with the standards; else why not,
// in words a reader can act on (the SDS is then not computed).
std::string chronologicalAgeProblem(double months);
// Empty when a model's estimate lies in 0..20 years (and is a number); else why it is refused.
std::string boneAgeEstimateProblem(double months);

// "10 y 7 m" for 127 months (rounded to whole months).
std::string yearsAndMonths(double months);

// Ages (months) of the standard plates for a sex, ascending (resources/gp/plates.csv).
const std::vector<double>& gpPlateAges(Sex sex);

} // namespace boneage
