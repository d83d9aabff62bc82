#pragma once
// AG-CNN's attention crop (seed 004, after Guan et al.'s AG-CNN), in plain C++ so it is exact, testable
// by hand and free of OpenCV: heat map -> 0..255 -> Otsu threshold -> largest 8-connected component ->
// its bounding box. The model (RsnaReplicas.cpp) crops the input image to that box and resizes the
// crop to the input size for the local branch.
#include <cstdint>
#include <vector>

namespace boneage::nn {

// Pixel box, x1/y1 exclusive, in the frame of the map it was found in.
struct PixelBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
};

// Otsu's threshold of values on the 0..255 scale (rounded to 256 integer levels): the t in 0..255 that
// maximises the between-class variance w0 w1 (mu0 - mu1)^2 of {v <= t} and {v > t}; the smallest such
// t on ties. Foreground is v > t (as OpenCV's THRESH_BINARY | THRESH_OTSU).
int otsuThreshold(const std::vector<float>& values0to255);

// Bounding box of the largest 8-connected component of a row-major mask (non-zero = foreground); the
// first one in raster order on ties; an empty box when the mask has no foreground.
PixelBox largestComponentBox(const std::vector<uint8_t>& mask, int width, int height);

// The whole chain on a heat map of any range: min-max rescaled to 0..255, Otsu, largest component.
// A constant map (no contrast) or an empty foreground gives the whole frame (the paper's "empty
// attention mask" case; the local branch then sees the full image).
struct AttentionCrop {
    PixelBox box;
    std::vector<uint8_t> mask;   // the thresholded map (0/1), row-major
    int threshold = 0;           // Otsu's t on the 0..255 scale
    bool fallbackToFullFrame = false;
};
AttentionCrop attentionCrop(const std::vector<float>& heat, int width, int height);

} // namespace boneage::nn
