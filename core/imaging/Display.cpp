#include "Display.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace boneage {

double windowLevel(double x, double c, double w)
{
    // DICOM PS3.3 C.11.2.1.2.1, linear function, output range [0, 1].
    if (w < 1) w = 1;
    const double lo = c - 0.5 - (w - 1) / 2, hi = c - 0.5 + (w - 1) / 2;
    if (x <= lo) return 0.0;
    if (x > hi) return 1.0;
    return w == 1 ? 1.0 : ((x - (c - 0.5)) / (w - 1) + 0.5);
}

namespace {

// One output grey level per possible input value: integer images then cost one table look-up a pixel.
std::vector<std::uint8_t> buildTable(const Radiograph& r, const DisplayTransform& t, int first, int count)
{
    std::vector<std::uint8_t> table(static_cast<size_t>(count));
    const VoiLut* lut = nullptr;
    double lutMax = 1;
    if (t.kind == DisplayTransform::Kind::Lut) {
        if (t.lutIndex < 0 || t.lutIndex >= static_cast<int>(r.voiLuts.size()) || r.voiLuts[t.lutIndex].data.empty())
            throw std::invalid_argument("VOI LUT index out of range");
        lut = &r.voiLuts[t.lutIndex];
        // Scale by the LUT's own maximum, not by 2^bits: many writers declare 16 bits for 12-bit data.
        lutMax = std::max<double>(1, *std::max_element(lut->data.begin(), lut->data.end()));
    }
    for (int i = 0; i < count; ++i) {
        const int v = first + i;
        double g;
        if (lut) {
            const int idx = std::clamp(v - lut->firstMapped, 0, static_cast<int>(lut->data.size()) - 1);
            g = lut->data[static_cast<size_t>(idx)] / lutMax;
        } else {
            g = windowLevel(v, t.center, t.width);
        }
        if (t.invert) g = 1.0 - g;
        table[static_cast<size_t>(i)] = static_cast<std::uint8_t>(std::lround(g * 255.0));
    }
    return table;
}

} // namespace

cv::Mat renderDisplay8(const Radiograph& r, const DisplayTransform& t)
{
    const cv::Mat& src = r.pixels;
    cv::Mat out(src.size(), CV_8U);
    if (src.empty()) return out;
    switch (src.depth()) {
    case CV_8U: {
        auto table = buildTable(r, t, 0, 256);
        cv::Mat lut(1, 256, CV_8U, table.data());
        cv::LUT(src, lut, out);
        break;
    }
    case CV_16U:
    case CV_16S: {
        const bool s = src.depth() == CV_16S;
        const int first = s ? -32768 : 0;
        auto table = buildTable(r, t, first, 65536);
        const std::uint8_t* tab = table.data();
        cv::parallel_for_(cv::Range(0, src.rows), [&](const cv::Range& rows) {
            for (int y = rows.start; y < rows.end; ++y) {
                std::uint8_t* o = out.ptr<std::uint8_t>(y);
                if (s) {
                    const std::int16_t* p = src.ptr<std::int16_t>(y);
                    for (int x = 0; x < src.cols; ++x) o[x] = tab[p[x] + 32768];
                } else {
                    const std::uint16_t* p = src.ptr<std::uint16_t>(y);
                    for (int x = 0; x < src.cols; ++x) o[x] = tab[p[x]];
                }
            }
        });
        break;
    }
    default: {
        cv::Mat f;
        src.convertTo(f, CV_64F);
        const VoiLut* lut = t.kind == DisplayTransform::Kind::Lut && t.lutIndex >= 0 &&
                                    t.lutIndex < static_cast<int>(r.voiLuts.size())
                                ? &r.voiLuts[t.lutIndex]
                                : nullptr;
        double lutMax = 1;
        if (lut && !lut->data.empty())
            lutMax = std::max<double>(1, *std::max_element(lut->data.begin(), lut->data.end()));
        for (int y = 0; y < f.rows; ++y) {
            const double* p = f.ptr<double>(y);
            std::uint8_t* o = out.ptr<std::uint8_t>(y);
            for (int x = 0; x < f.cols; ++x) {
                double g;
                if (lut && !lut->data.empty()) {
                    const long idx = std::clamp<long>(std::lround(p[x]) - lut->firstMapped, 0,
                                                      static_cast<long>(lut->data.size()) - 1);
                    g = lut->data[static_cast<size_t>(idx)] / lutMax;
                } else {
                    g = windowLevel(p[x], t.center, t.width);
                }
                if (t.invert) g = 1.0 - g;
                o[x] = static_cast<std::uint8_t>(std::lround(g * 255.0));
            }
        }
    }
    }
    return out;
}

} // namespace boneage
