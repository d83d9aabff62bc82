#pragma once
// What "typical" is measured on: a small normalised picture of the hand. The hand is cropped
// (findHand), given CLAHE contrast (so that exposure differences between films matter less than
// anatomy), fitted into a square keeping its aspect ratio, and scaled to zero mean and unit SD.
// Rotated or both-hands films, casts, dim films and large labels then lie far from their age
// group's median thumbnail.
#include <opencv2/core.hpp>

#include <vector>

namespace boneage {

inline constexpr int kHandThumbnailSize = 64;

// `grey8`: the film as displayed (bone bright). Returns a CV_32F square of `size` x `size`.
cv::Mat handThumbnail(const cv::Mat& grey8, int size = kHandThumbnailSize);

// The element-wise median of equally sized CV_32F thumbnails.
cv::Mat medianThumbnail(const std::vector<cv::Mat>& thumbnails);

// Root-mean-square difference of two thumbnails (0: identical; about 1.4 for unrelated pictures).
double thumbnailDistance(const cv::Mat& a, const cv::Mat& b);

} // namespace boneage
