#pragma once

#include <opencv2/core.hpp>

namespace boneage {

// The part of a film that holds the picture: the film less the flat lines along its edges (a wide
// margin a PACS export or a scanner added, a black frame, a collimated edge, the empty film above the
// fingertips). Each side is walked inward while its line is flat: within kExposedAreaTolerance grey
// levels of its own median but for a few pixels (noise, a dust speck, the last pixels of a
// fingertip). Bands of different values one after another go alike (a film with its own dark frame,
// padded in another grey). A lead marker or a label stops the walk, so nothing that is not flat is
// cut. No margin is added back: a film and the same film padded end on the same area. A film with no
// flat edge gives itself; one that is flat almost everywhere (blank, a gradient, a strip) too.
// grey8: the film as displayed, CV_8UC1.
cv::Rect exposedArea(const cv::Mat& grey8);

inline constexpr int kExposedAreaTolerance = 12;        // grey levels on the 8-bit display
inline constexpr double kExposedAreaOutliers = 0.005;   // share of a line allowed to differ
inline constexpr double kExposedAreaMinimum = 0.2;      // of the film's width and height, else the whole film

} // namespace boneage
