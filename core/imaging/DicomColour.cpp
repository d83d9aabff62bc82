#include "DicomColour.h"

#include <algorithm>
#include <cmath>

namespace boneage::dicom {

namespace {

double luminance(double r, double g, double b) { return 0.299 * r + 0.587 * g + 0.114 * b; }

template <typename T>
cv::Mat greyFrom(const ColourFrame& f, const T* data)
{
    const int shift = f.highBit + 1 - f.bitsStored;
    const std::uint32_t mask = static_cast<std::uint32_t>((1ull << f.bitsStored) - 1);
    const auto value = [&](std::size_t i) { return static_cast<double>((std::uint32_t(data[i]) >> shift) & mask); };
    const std::size_t n = static_cast<std::size_t>(f.rows) * static_cast<std::size_t>(f.cols);
    const bool eight = f.bitsStored <= 8;
    cv::Mat out(f.rows, f.cols, eight ? CV_8U : CV_16U);
    const double top = static_cast<double>(mask);
    auto put = [&](std::size_t i, double v) {
        v = std::clamp(std::round(v), 0.0, top);
        if (eight) out.ptr<std::uint8_t>()[i] = static_cast<std::uint8_t>(v);
        else out.ptr<std::uint16_t>()[i] = static_cast<std::uint16_t>(v);
    };
    if (f.photometric == "YBR_FULL_422") {
        // Two luminance samples, then Cb and Cr, for each pair of pixels in a row (PS3.3 C.7.6.3.1.2).
        for (std::size_t i = 0; i < n; ++i) put(i, value((i / 2) * 4 + i % 2));
    } else if (f.photometric == "YBR_FULL") {
        for (std::size_t i = 0; i < n; ++i) put(i, value(f.planar ? i : 3 * i));
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t r = f.planar ? i : 3 * i, g = f.planar ? n + i : 3 * i + 1, b = f.planar ? 2 * n + i : 3 * i + 2;
            put(i, luminance(value(r), value(g), value(b)));
        }
    }
    return out;
}

} // namespace

cv::Mat colourToGrey(const ColourFrame& f)
{
    return f.words ? greyFrom(f, f.words) : greyFrom(f, f.bytes);
}

cv::Mat paletteToGrey(const std::vector<std::int32_t>& indices, int rows, int cols, const Palette& p)
{
    const bool eight = p.bits <= 8;
    const double top = eight ? 255.0 : 65535.0;
    const int n = static_cast<int>(std::min({p.red.size(), p.green.size(), p.blue.size()}));
    // One grey level per palette entry, then a look-up per pixel.
    std::vector<double> grey(static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k)
        grey[std::size_t(k)] = std::clamp(std::round(luminance(p.red[std::size_t(k)], p.green[std::size_t(k)],
                                                               p.blue[std::size_t(k)])), 0.0, top);
    cv::Mat out(rows, cols, eight ? CV_8U : CV_16U);
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const double g = grey[static_cast<std::size_t>(std::clamp(indices[i] - p.firstMapped, 0, n - 1))];
        if (eight) out.ptr<std::uint8_t>()[i] = static_cast<std::uint8_t>(g);
        else out.ptr<std::uint16_t>()[i] = static_cast<std::uint16_t>(g);
    }
    return out;
}

} // namespace boneage::dicom
