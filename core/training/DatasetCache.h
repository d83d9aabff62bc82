#pragma once
// A prepared dataset on disk, written by `boneage prepare` (which has OpenCV/DCMTK) and read by the
// LibTorch-only trainer (which has neither). Plain C++ on purpose: no JSON, no image library.
//
// Layout of a cache folder:
//   cache.txt    key=value lines: format, width, height, count, recipe (the recipe's JSON), source
//   samples.csv  index,id,boneage,male  (room for more columns: keypoints, ROI boxes)
//   images.u8    count x height x width grey bytes, row-major, in samples.csv order
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace boneage {

struct CacheError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CacheSample {
    std::string id;
    float boneAgeMonths = 0;
    bool male = false;
};

class DatasetCache {
public:
    // Throws CacheError naming the file and the problem (missing, wrong size, bad line).
    static DatasetCache open(const std::string& folder);

    int width() const { return width_; }
    int height() const { return height_; }
    std::size_t size() const { return samples_.size(); }
    const CacheSample& sample(std::size_t i) const { return samples_.at(i); }
    const std::uint8_t* image(std::size_t i) const
    {
        return pixels_.data() + i * static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_);
    }
    const std::string& recipeJson() const { return properties_.at("recipe"); }
    const std::map<std::string, std::string>& properties() const { return properties_; }

private:
    int width_ = 0, height_ = 0;
    std::vector<CacheSample> samples_;
    std::vector<std::uint8_t> pixels_;
    std::map<std::string, std::string> properties_;
};

// Writes a cache folder atomically: nothing is visible at `folder` until finish() succeeds.
class DatasetCacheWriter {
public:
    DatasetCacheWriter(int width, int height, std::string recipeJson, std::string source);
    void add(const CacheSample& sample, const std::uint8_t* pixels);   // width*height bytes
    std::size_t size() const { return samples_.size(); }
    void finish(const std::string& folder) const;

private:
    int width_, height_;
    std::string recipeJson_, source_;
    std::vector<CacheSample> samples_;
    std::vector<std::uint8_t> pixels_;
};

} // namespace boneage
