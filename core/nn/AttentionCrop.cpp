#include "nn/AttentionCrop.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace boneage::nn {

int otsuThreshold(const std::vector<float>& values)
{
    std::array<double, 256> hist{};
    for (float v : values) hist[static_cast<size_t>(std::clamp(std::lround(v), 0L, 255L))] += 1.0;
    const double total = static_cast<double>(values.size());
    double sumAll = 0;
    for (int i = 0; i < 256; ++i) sumAll += i * hist[static_cast<size_t>(i)];
    double w0 = 0, sum0 = 0, best = -1;
    int bestT = 0;
    for (int t = 0; t < 256; ++t) {
        w0 += hist[static_cast<size_t>(t)];
        sum0 += t * hist[static_cast<size_t>(t)];
        const double w1 = total - w0;
        if (w0 == 0 || w1 == 0) continue;
        const double mu0 = sum0 / w0, mu1 = (sumAll - sum0) / w1;
        const double between = w0 * w1 * (mu0 - mu1) * (mu0 - mu1);
        if (between > best) {
            best = between;
            bestT = t;
        }
    }
    // All values on one level: nothing above it.
    if (best < 0) {
        for (int t = 255; t >= 0; --t)
            if (hist[static_cast<size_t>(t)] > 0) return t;
    }
    return bestT;
}

PixelBox largestComponentBox(const std::vector<uint8_t>& mask, int width, int height)
{
    if (width <= 0 || height <= 0 || mask.size() != static_cast<size_t>(width) * static_cast<size_t>(height))
        throw std::invalid_argument("largestComponentBox: mask size does not match width x height");
    std::vector<int> label(mask.size(), 0);
    std::vector<int> stack;
    PixelBox best;
    long bestArea = 0;
    int next = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const size_t start = static_cast<size_t>(y) * width + x;
            if (!mask[start] || label[start]) continue;
            ++next;
            PixelBox box{x, y, x + 1, y + 1};
            long area = 0;
            label[start] = next;
            stack.assign(1, static_cast<int>(start));
            while (!stack.empty()) {
                const int i = stack.back();
                stack.pop_back();
                const int cx = i % width, cy = i / width;
                ++area;
                box.x0 = std::min(box.x0, cx);
                box.y0 = std::min(box.y0, cy);
                box.x1 = std::max(box.x1, cx + 1);
                box.y1 = std::max(box.y1, cy + 1);
                for (int dy = -1; dy <= 1; ++dy)
                    for (int dx = -1; dx <= 1; ++dx) {
                        const int nx = cx + dx, ny = cy + dy;
                        if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                        const size_t j = static_cast<size_t>(ny) * width + nx;
                        if (mask[j] && !label[j]) {
                            label[j] = next;
                            stack.push_back(static_cast<int>(j));
                        }
                    }
            }
            if (area > bestArea) {
                bestArea = area;
                best = box;
            }
        }
    return best;
}

AttentionCrop attentionCrop(const std::vector<float>& heat, int width, int height)
{
    if (heat.size() != static_cast<size_t>(width) * static_cast<size_t>(height) || heat.empty())
        throw std::invalid_argument("attentionCrop: heat map size does not match width x height");
    AttentionCrop r;
    const auto [lo, hi] = std::minmax_element(heat.begin(), heat.end());
    const float range = *hi - *lo;
    r.mask.assign(heat.size(), 0);
    if (range > 0 && std::isfinite(range)) {
        std::vector<float> scaled(heat.size());
        for (size_t i = 0; i < heat.size(); ++i) scaled[i] = (heat[i] - *lo) / range * 255.0f;
        r.threshold = otsuThreshold(scaled);
        for (size_t i = 0; i < heat.size(); ++i)
            r.mask[i] = std::lround(scaled[i]) > r.threshold ? 1 : 0;
        r.box = largestComponentBox(r.mask, width, height);
    }
    if (r.box.empty()) {
        r.box = PixelBox{0, 0, width, height};
        r.fallbackToFullFrame = true;
    }
    return r;
}

} // namespace boneage::nn
