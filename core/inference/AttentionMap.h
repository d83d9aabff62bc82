#pragma once
// What a model looked at, carried from the network to the workstation and `boneage assess` without
// torch: a small map on the model's input grid plus the affine map that places it on the source
// radiograph. Keeping the map small (e.g. 96 x 96) keeps an assessment cheap to copy; the UI draws it
// with the film's own image-to-world matrix, the command line resamples it to the film.
#include "inference/ExplanationBox.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace boneage {

struct PreparedGeometry;

struct AttentionMap {
    std::string kind;   // how it was made: "2M-Net spatial attention ...", "Grad-CAM", ...
    cv::Mat map;        // CV_32F, values in [0,1] (relative: the model's own peak is 1), the input grid
    // Map coordinates -> source radiograph coordinates. Both frames: x right, y down, pixel i covers
    // [i, i+1), so map pixel (u, v) is drawn over the source area around toSource * (u + 0.5, v + 0.5).
    cv::Matx23d toSource = cv::Matx23d(1, 0, 0, 0, 1, 0);

    bool empty() const { return map.empty(); }
    cv::Point2d sourcePoint(cv::Point2d mapPoint) const;
    // The map resampled over a source image of `size` (bilinear; 0 where the map does not reach).
    cv::Mat inSourceFrame(cv::Size size) const;
};

// The affine map from a model's square input grid (inputSize pixels; the network resizes the
// prepared image to it, corners not aligned) through the prepared image (preparedSize) to the source.
cv::Matx23d inputToSource(const PreparedGeometry& geometry, cv::Size preparedSize, int inputSize);

// A box x0,y0,x1,y1 in a model's input pixels (edges, as ModelOutput::boxes) placed on the source
// through `inputToSourceMap` (inputToSource's result): the bounding box of its four mapped corners, so
// a stretch with unequal scales or an aligned hand's turn is followed exactly for the corners.
ExplanationBox boxToSource(const cv::Matx23d& inputToSourceMap, double x0, double y0, double x1, double y1,
                           std::string label, std::optional<double> score = std::nullopt);

// The mean of several models' maps over a source image of `size`, scaled so that its peak is 1
// (empty when there is none): the ensemble's attention that `boneage assess --attention` draws.
cv::Mat meanAttention(const std::vector<AttentionMap>& maps, cv::Size size);

} // namespace boneage
