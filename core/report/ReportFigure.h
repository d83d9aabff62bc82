#pragma once
// The film as the report shows it: the default window, with the chosen overlays drawn over it (the
// 18 TW3 ROIs as turned squares, the hand keypoints, the models' mean attention). Qt GUI painting only.
#include "report/BoneAgeReport.h"

#include <QImage>

namespace boneage {

// At the film's own size (the Secondary Capture) or scaled so that its longer side is `maxSide`
// pixels (0: the film's size). RGB32.
QImage reportFigure(const BoneAgeReport& report, int maxSide = 0);

// The film's grey picture in its default window, as a QImage (Grayscale8), for plates and figures.
QImage greyPicture(const cv::Mat& grey8);

} // namespace boneage
