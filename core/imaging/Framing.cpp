#include "Framing.h"

#include "Display.h"
#include "Preprocessing.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace boneage {

namespace {

// The range the film is displayed over by default: its values, or 0-255 for an 8-bit film without a
// window (Radiograph::defaultDisplay).
std::pair<double, double> displayedRange(const Radiograph& radiograph)
{
    auto [low, high] = radiograph.valueRange();
    if (radiograph.pixels.depth() == CV_8U && radiograph.windows.empty() && radiograph.voiLuts.empty()) low = 0, high = 255;
    return {low, high};
}

double backgroundValue(const Radiograph& radiograph)
{
    const auto [low, high] = radiograph.valueRange();
    return radiograph.highValuesDark() ? high : low;
}

} // namespace

const std::vector<Framing>& allFramings()
{
    static const std::vector<Framing> all = {Framing::HandCrop, Framing::WideMargin, Framing::Turned90, Framing::Turned180,
                                             Framing::Monochrome1, Framing::InvertedExport, Framing::Tilted15,
                                             Framing::Gamma07, Framing::Gamma14, Framing::HalfSize, Framing::BothHands,
                                             Framing::Mirrored, Framing::Turned270, Framing::JpegExport};
    return all;
}

std::optional<Framing> framingFromString(const std::string& name)
{
    for (Framing f : allFramings())
        if (name == toString(f)) return f;
    return std::nullopt;
}

const char* toString(Framing framing)
{
    switch (framing) {
    case Framing::HandCrop: return "hand-crop";
    case Framing::WideMargin: return "wide-margin";
    case Framing::Turned90: return "turned-90";
    case Framing::Turned180: return "turned-180";
    case Framing::Monochrome1: return "monochrome1";
    case Framing::InvertedExport: return "inverted-export";
    case Framing::Tilted15: return "tilted-15";
    case Framing::Gamma07: return "gamma-0.7";
    case Framing::Gamma14: return "gamma-1.4";
    case Framing::HalfSize: return "half-size";
    case Framing::BothHands: return "both-hands";
    case Framing::Mirrored: return "mirrored";
    case Framing::Turned270: return "turned-270";
    case Framing::JpegExport: return "jpeg-export";
    }
    return "?";
}

Radiograph reframe(const Radiograph& radiograph, Framing framing)
{
    Radiograph out = radiograph;
    out.pixels = cv::Mat();   // a copy of a Radiograph shares its pixels: never write into the input's
    const cv::Mat& p = radiograph.pixels;
    switch (framing) {
    case Framing::HandCrop: {
        const HandRegion hand = findHand(renderDisplay8(radiograph, radiograph.defaultDisplay()), 0.04);
        out.pixels = hand.found ? p(hand.box & cv::Rect(0, 0, p.cols, p.rows)).clone() : p.clone();
        break;
    }
    case Framing::WideMargin:
        cv::copyMakeBorder(p, out.pixels, p.rows * 3 / 10, p.rows * 3 / 10, p.cols * 3 / 10, p.cols * 3 / 10,
                           cv::BORDER_CONSTANT, cv::Scalar(backgroundValue(radiograph)));
        break;
    case Framing::Tilted15: {
        const cv::Point2f centre(float(p.cols) / 2.0f, float(p.rows) / 2.0f);
        cv::Mat turn = cv::getRotationMatrix2D(centre, 15.0, 1.0);
        const cv::Rect2f box = cv::RotatedRect(centre, cv::Size2f(float(p.cols), float(p.rows)), 15.0f).boundingRect2f();
        turn.at<double>(0, 2) += box.width / 2.0 - centre.x;
        turn.at<double>(1, 2) += box.height / 2.0 - centre.y;
        cv::warpAffine(p, out.pixels, turn, cv::Size(int(std::ceil(box.width)), int(std::ceil(box.height))), cv::INTER_LINEAR,
                       cv::BORDER_CONSTANT, cv::Scalar(backgroundValue(radiograph)));
        break;
    }
    case Framing::Gamma07:
    case Framing::Gamma14: {
        // On the displayed grey (bone bright), so that 0.7 lightens the mid-greys whatever the polarity.
        const auto [low, high] = displayedRange(radiograph);
        const double gamma = framing == Framing::Gamma07 ? 0.7 : 1.4, span = std::max(high - low, 1e-9);
        const bool dark = radiograph.highValuesDark();
        cv::Mat grey;
        p.convertTo(grey, CV_64F, 1.0 / span, -low / span);   // 0..1 over the range
        if (dark) grey = 1.0 - grey;
        grey = cv::max(grey, 0.0);
        grey = cv::min(grey, 1.0);
        cv::pow(grey, gamma, grey);
        if (dark) grey = 1.0 - grey;
        grey.convertTo(out.pixels, p.type(), span, low);
        out.voiLuts.clear();   // a LUT shaped for the old values would undo or double the new curve
        break;
    }
    case Framing::BothHands: {
        cv::Mat mirrored;
        cv::flip(p, mirrored, 1);
        cv::hconcat(std::vector<cv::Mat>{mirrored, p}, out.pixels);
        break;
    }
    case Framing::HalfSize:
        cv::resize(p, out.pixels, cv::Size(std::max(1, p.cols / 2), std::max(1, p.rows / 2)), 0, 0, cv::INTER_AREA);
        if (out.metadata.pixelSpacingRowMm) *out.metadata.pixelSpacingRowMm *= double(p.rows) / out.pixels.rows;
        if (out.metadata.pixelSpacingColumnMm) *out.metadata.pixelSpacingColumnMm *= double(p.cols) / out.pixels.cols;
        break;
    case Framing::Turned90: cv::rotate(p, out.pixels, cv::ROTATE_90_CLOCKWISE); break;
    case Framing::Turned180: cv::rotate(p, out.pixels, cv::ROTATE_180); break;
    case Framing::Turned270: cv::rotate(p, out.pixels, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    case Framing::Mirrored: cv::flip(p, out.pixels, 1); break;
    case Framing::JpegExport: {
        // Quality 40: what a teleradiology or screen export may use; the picture as shown, bone bright.
        std::vector<std::uint8_t> jpeg;
        cv::imencode(".jpg", renderDisplay8(radiograph, radiograph.defaultDisplay()), jpeg, {cv::IMWRITE_JPEG_QUALITY, 40});
        out.pixels = cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
        out.windows.clear();
        out.voiLuts.clear();
        out.metadata.photometric = "MONOCHROME2";
        out.metadata.presentationLutInverse = false;
        out.metadata.readInverted = false;
        out.metadata.bitsStored = 8;
        out.metadata.isSigned = false;
        out.metadata.rescaleSlope = 1.0;
        out.metadata.rescaleIntercept = 0.0;
        out.metadata.format = "JPEG";
        break;
    }
    case Framing::Monochrome1:
    case Framing::InvertedExport: {
        // value -> low + high - value: the same picture once the reader honours MONOCHROME1 (the
        // inverted export: the negative, with nothing in the file to say so). An 8-bit
        // film without a window is displayed over 0-255 (Radiograph::defaultDisplay): mirrored there.
        const auto [low, high] = displayedRange(radiograph);
        cv::Mat inverted;
        p.convertTo(inverted, CV_64F, -1.0, low + high);
        inverted.convertTo(out.pixels, p.type());
        if (framing == Framing::Monochrome1) {
            const bool wasDark = radiograph.highValuesDark();
            out.metadata.photometric = wasDark ? "MONOCHROME2" : "MONOCHROME1";
            out.metadata.presentationLutInverse = false;
            out.metadata.readInverted = false;
        }
        // The file's windows mirrored with the values (DICOM's window is centred at c - 0.5, hence the
        // + 1); VOI LUTs cannot be, so they go (the window or the full range then shows the film).
        for (auto& w : out.windows) w.center = low + high - w.center + 1;
        out.voiLuts.clear();
        break;
    }
    }
    return out;
}

} // namespace boneage
