#include "Radiograph.h"
#include "InputError.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace boneage {

const char* toString(InputError::Reason reason)
{
    switch (reason) {
    case InputError::Reason::NotFound: return "not-found";
    case InputError::Reason::NotAFile: return "not-a-file";
    case InputError::Reason::Empty: return "empty";
    case InputError::Reason::TooLarge: return "too-large";
    case InputError::Reason::UnknownFormat: return "unknown-format";
    case InputError::Reason::Corrupt: return "corrupt";
    case InputError::Reason::Truncated: return "truncated";
    case InputError::Reason::NoPixelData: return "no-pixel-data";
    case InputError::Reason::UnsupportedTransferSyntax: return "unsupported-transfer-syntax";
    case InputError::Reason::UnsupportedImage: return "unsupported-image";
    case InputError::Reason::WrongModality: return "wrong-modality";
    case InputError::Reason::MissingData: return "missing-data";
    case InputError::Reason::NoHand: return "no-hand";
    }
    return "unknown";
}

const char* toString(Sex sex)
{
    switch (sex) {
    case Sex::Male: return "M";
    case Sex::Female: return "F";
    default: return "";
    }
}

std::optional<Sex> parseSex(const std::string& text)
{
    std::string t;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t == "m" || t == "male" || t == "true" || t == "1") return Sex::Male;
    if (t == "f" || t == "female" || t == "false" || t == "0") return Sex::Female;
    return std::nullopt;
}

static bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int daysInMonth(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : d[m - 1];
}

bool Date::isValid() const
{
    return year >= 1800 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
           day <= daysInMonth(year, month);
}

std::string Date::toIso() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::optional<Date> Date::fromDicom(const std::string& da)
{
    std::string s;
    for (char c : da)
        if (std::isdigit(static_cast<unsigned char>(c))) s += c;
    // Old ACR-NEMA style "YYYY.MM.DD" is reduced to digits above.
    if (s.size() != 8) return std::nullopt;
    Date d{std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)), std::stoi(s.substr(6, 2))};
    if (!d.isValid()) return std::nullopt;
    return d;
}

std::optional<Date> Date::fromIso(const std::string& text) { return fromDicom(text); }

double monthsBetween(const Date& from, const Date& to)
{
    int months = (to.year - from.year) * 12 + (to.month - from.month);
    int dayDiff = to.day - from.day;
    if (dayDiff < 0) {
        months -= 1;
        // days from the same day-of-month in the previous month
        int pm = to.month == 1 ? 12 : to.month - 1;
        int py = to.month == 1 ? to.year - 1 : to.year;
        int anchorDay = std::min(from.day, daysInMonth(py, pm));
        dayDiff = daysInMonth(py, pm) - anchorDay + to.day;
    }
    return months + dayDiff / 30.4375;
}

std::optional<double> parseDicomAge(const std::string& as)
{
    std::string s;
    for (char c : as)
        if (!std::isspace(static_cast<unsigned char>(c))) s += c;
    if (s.size() < 2) return std::nullopt;
    char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(s.back())));
    std::string digits = s.substr(0, s.size() - 1);
    if (digits.empty() || digits.size() > 3 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return std::nullopt;
    double n = std::stod(digits);
    switch (unit) {
    case 'D': return n / 30.4375;
    case 'W': return n * 7.0 / 30.4375;
    case 'M': return n;
    case 'Y': return n * 12.0;
    default: return std::nullopt;
    }
}

std::pair<double, double> Radiograph::valueRange() const
{
    if (pixels.empty()) return {0.0, 0.0};
    double lo = 0, hi = 0;
    cv::minMaxLoc(pixels, &lo, &hi);
    return {lo, hi};
}

static DisplayTransform linear(double lo, double hi, bool invert)
{
    DisplayTransform t;
    t.kind = DisplayTransform::Kind::Linear;
    // DICOM's window maps [c - 0.5 - (w-1)/2, c - 0.5 + (w-1)/2] to the output range.
    t.width = std::max(1.0, hi - lo + 1.0);
    t.center = lo + (t.width - 1.0) / 2.0 + 0.5;
    t.invert = invert;
    return t;
}

DisplayTransform Radiograph::fullRangeDisplay() const
{
    auto [lo, hi] = valueRange();
    return linear(lo, hi, highValuesDark());
}

DisplayTransform Radiograph::autoDisplay() const
{
    if (pixels.empty()) return linear(0, 255, highValuesDark());
    // Percentiles from a subsample: fast on 5-megapixel films and accurate to a grey level.
    cv::Mat small;
    const int step = std::max(1, static_cast<int>(std::sqrt(pixels.total() / 250000.0)));
    std::vector<float> values;
    values.reserve(pixels.total() / (step * step) + 1);
    cv::Mat f;
    pixels.convertTo(f, CV_32F);
    for (int y = 0; y < f.rows; y += step) {
        const float* row = f.ptr<float>(y);
        for (int x = 0; x < f.cols; x += step) values.push_back(row[x]);
    }
    auto pct = [&](double p) {
        size_t k = static_cast<size_t>(p * (values.size() - 1));
        std::nth_element(values.begin(), values.begin() + k, values.end());
        return static_cast<double>(values[k]);
    };
    double lo = pct(0.01), hi = pct(0.99);
    if (hi <= lo) hi = lo + 1;
    return linear(lo, hi, highValuesDark());
}

DisplayTransform Radiograph::defaultDisplay() const
{
    if (!windows.empty()) {
        DisplayTransform t;
        t.center = windows.front().center;
        t.width = windows.front().width;
        t.invert = highValuesDark();
        return t;
    }
    if (!voiLuts.empty()) {
        DisplayTransform t;
        t.kind = DisplayTransform::Kind::Lut;
        t.lutIndex = 0;
        t.invert = highValuesDark();
        return t;
    }
    if (pixels.depth() == CV_8U) return linear(0, 255, highValuesDark());
    return fullRangeDisplay();
}

} // namespace boneage
