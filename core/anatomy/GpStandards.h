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

// "10 y 7 m" for 127 months (rounded to whole months).
std::string yearsAndMonths(double months);

// Ages (months) of the standard plates for a sex, ascending (resources/gp/plates.csv).
const std::vector<double>& gpPlateAges(Sex sex);

} // namespace boneage
