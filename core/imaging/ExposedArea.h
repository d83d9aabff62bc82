#pragma once

#include <opencv2/core.hpp>

namespace boneage {

// The part of a film that holds the picture: the film less the bands of flat black or white along its
// edges (a wide margin a PACS export or a scanner added, a black frame around the exposure, a burnt-out
// edge). Each side is walked inward while its line is margin: within kExposedAreaTolerance grey
// levels of its own median but for a few pixels (noise, a dust speck), that median within twice the
// tolerance of the film's darkest or brightest grey (0.5th / 99.5th percentile). Only black or white:
// a flat grey band may be the soft tissue of a low-contrast thumbnail (on the 100 px RSNA films a
// flat-grey rule cut fingers and thumbs off 22 of 1,138 held-out films, which then lost their hand).
// Rows and columns are cut in turn until nothing more goes, so a film's own black frame inside a
// wider pad goes too. A marker or a label stops the walk. No margin is added back: a film padded in
// black ends on the film (or, where the film's own darkest band is not quite the pad's black, on the
// film with that band). A film with no such band gives itself; one that is margin almost everywhere
// (blank, a strip) too.
// grey8: the film as displayed, CV_8UC1.
cv::Rect exposedArea(const cv::Mat& grey8);

inline constexpr int kExposedAreaTolerance = 4;         // grey levels on the 8-bit display
inline constexpr double kExposedAreaOutliers = 0.005;   // share of a line allowed to differ
inline constexpr double kExposedAreaMinimum = 0.2;      // of the film's width and height, else the whole film

} // namespace boneage
