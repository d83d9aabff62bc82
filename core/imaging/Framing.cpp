#include "Framing.h"

#include "Display.h"
#include "Preprocessing.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace boneage {

const std::vector<Framing>& allFramings()
{
    static const std::vector<Framing> all = {Framing::HandCrop, Framing::WideMargin, Framing::Turned90, Framing::Turned180,
                                             Framing::Monochrome1, Framing::InvertedExport};
    return all;
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
    case Framing::WideMargin: {
        const auto [low, high] = radiograph.valueRange();
        const double background = radiograph.highValuesDark() ? high : low;
        cv::copyMakeBorder(p, out.pixels, p.rows * 3 / 10, p.rows * 3 / 10, p.cols * 3 / 10, p.cols * 3 / 10,
                           cv::BORDER_CONSTANT, cv::Scalar(background));
        break;
    }
    case Framing::Turned90: cv::rotate(p, out.pixels, cv::ROTATE_90_CLOCKWISE); break;
    case Framing::Turned180: cv::rotate(p, out.pixels, cv::ROTATE_180); break;
    case Framing::Monochrome1:
    case Framing::InvertedExport: {
        // value -> low + high - value: the same picture once the reader honours MONOCHROME1 (the
        // inverted export: the negative, with nothing in the file to say so). An 8-bit
        // film without a window is displayed over 0-255 (Radiograph::defaultDisplay): mirrored there.
        auto [low, high] = radiograph.valueRange();
        if (p.depth() == CV_8U && radiograph.windows.empty() && radiograph.voiLuts.empty()) low = 0, high = 255;
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
