#pragma once
// The views of test-time augmentation, shared by the assessment (inference/ModelPackage.cpp) and the
// LibTorch-only benchmark of one film's assessment (tests/bench/bench_assessment_gpu.cpp).
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace boneage::nn {

// [n,C,h,s] -> [views*n,C,h,s], view-major: the picture and its four shifts by 3 % of its width
// (edges replicated), each also mirrored unless `mirrored` is false (a model that reads ROI patches
// cut from the unmirrored hand): 10 views, or 5.
inline torch::Tensor testTimeViews(const torch::Tensor& x, bool mirrored)
{
    const int64_t s = x.size(3), d = std::max<int64_t>(1, std::lround(0.03 * s));
    const torch::Tensor padded =
        torch::nn::functional::pad(x, torch::nn::functional::PadFuncOptions({d, d, d, d}).mode(torch::kReplicate));
    std::vector<torch::Tensor> v;
    for (const auto& [dx, dy] : std::vector<std::pair<int64_t, int64_t>>{{0, 0}, {d, 0}, {-d, 0}, {0, d}, {0, -d}}) {
        // view(x, y) = x(x + dx, y + dy): the content moves by -dx, -dy, edges replicated.
        const torch::Tensor shifted = padded.slice(2, d + dy, d + dy + x.size(2)).slice(3, d + dx, d + dx + s);
        v.push_back(shifted);
        if (mirrored) v.push_back(shifted.flip({3}));
    }
    return torch::cat(v, 0);
}

} // namespace boneage::nn
