#include "atlas/HandThumbnail.h"

#include "imaging/Preprocessing.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace boneage {

cv::Mat handThumbnail(const cv::Mat& grey8, int size)
{
    CV_Assert(grey8.type() == CV_8UC1 && !grey8.empty());
    const HandRegion hand = findHand(grey8);
    const cv::Mat crop = hand.found ? grey8(hand.box) : grey8;
    const cv::Mat contrasted = applyClahe(crop, 2.0, 8);
    cv::Mat small = resizeKeepAspectPad(contrasted, size, size);
    cv::Mat f;
    small.convertTo(f, CV_32F);
    cv::Scalar mean, sd;
    cv::meanStdDev(f, mean, sd);
    f = (f - mean[0]) / std::max(sd[0], 1e-3);
    return f;
}

cv::Mat medianThumbnail(const std::vector<cv::Mat>& thumbnails)
{
    if (thumbnails.empty()) throw std::invalid_argument("medianThumbnail: no thumbnails");
    const cv::Size size = thumbnails.front().size();
    cv::Mat median(size, CV_32F);
    std::vector<float> values(thumbnails.size());
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x) {
            for (std::size_t i = 0; i < thumbnails.size(); ++i) values[i] = thumbnails[i].at<float>(y, x);
            auto mid = values.begin() + static_cast<long>(values.size() / 2);
            std::nth_element(values.begin(), mid, values.end());
            float m = *mid;
            if (values.size() % 2 == 0) m = (m + *std::max_element(values.begin(), mid)) / 2;
            median.at<float>(y, x) = m;
        }
    return median;
}

double thumbnailDistance(const cv::Mat& a, const cv::Mat& b)
{
    CV_Assert(a.size() == b.size() && a.type() == b.type());
    return cv::norm(a, b, cv::NORM_L2) / std::sqrt(static_cast<double>(a.total()));
}

} // namespace boneage
