#pragma once
// A prepared dataset on disk, written by `boneage prepare` (which has OpenCV/DCMTK) and read by the
// LibTorch-only trainer (which has neither). Plain C++ on purpose: no JSON, no image library.
//
// Layout of a cache folder:
//   cache.txt    key=value lines: format, width, height, count, recipe (the recipe's JSON), source
//   samples.csv  index,id,boneage,male[,hand,keypoints]  (optional columns, named by the header:
//                hand = L/R, keypoints = 2K space-separated numbers x y in cache pixels, nan if not visible)
//   images.u8    count x height x width grey bytes, row-major, in samples.csv order
//   rois.u8      optional (cache.txt roi_patches=S, the recipe's roi_patches): count x 18 x S x S grey
//                bytes, the TW3 ROI patches of each sample in schema order; samples.csv then has a
//                column rois = 18 characters 1/0 (the patch holds its bone / is masked)
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace boneage {

class DirectoryBeingWritten;
struct FolderOutput;

struct CacheError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CacheSample {
    std::string id;
    float boneAgeMonths = 0;
    bool male = false;
    // Optional hand keypoints (core/anatomy/HandKeypoints.h order) in the cached image's pixels:
    // x0 y0 x1 y1 ...; NaN where a point is not visible. Empty when the cache has none.
    std::vector<float> keypoints;
    char hand = 0;   // 'L' / 'R' where known, else 0
    std::string roiPresent;   // with ROI patches: one '1' (seen) or '0' (masked) per ROI, else empty
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
    // ROI patches (0: the cache has none): roiPatches(i) is 18 x S x S bytes.
    int roiPatchSize() const { return roiPatchSize_; }
    int roiCount() const { return roiCount_; }
    const std::uint8_t* roiPatches(std::size_t i) const
    {
        return roiPixels_.data() + i * static_cast<std::size_t>(roiCount_) * roiPatchSize_ * roiPatchSize_;
    }
    const std::string& recipeJson() const { return properties_.at("recipe"); }
    bool hasKeypoints() const { return hasKeypoints_; }
    const std::map<std::string, std::string>& properties() const { return properties_; }

private:
    int width_ = 0, height_ = 0;
    bool hasKeypoints_ = false;
    std::vector<CacheSample> samples_;
    std::vector<std::uint8_t> pixels_;
    int roiPatchSize_ = 0, roiCount_ = 0;
    std::vector<std::uint8_t> roiPixels_;
    std::map<std::string, std::string> properties_;
};

// Writes a cache folder atomically: the images go to a temporary folder beside `folder` as they
// come (a large set never has to fit in memory), and the cache appears at `folder` only when
// finish() succeeds; a writer destroyed before that removes its temporary. finish() replaces a
// previous cache at `folder`, but never a folder holding anything else (datasetCacheOutput()):
// whether a previous cache may be replaced at all is the command's decision (--overwrite).
class DatasetCacheWriter {
public:
    DatasetCacheWriter(const std::string& folder, int width, int height, std::string recipeJson, std::string source);
    ~DatasetCacheWriter();
    DatasetCacheWriter(const DatasetCacheWriter&) = delete;
    DatasetCacheWriter& operator=(const DatasetCacheWriter&) = delete;

    void add(const CacheSample& sample, const std::uint8_t* pixels);   // width*height bytes
    // A cache with ROI patches: call before the first add; then every add passes `roiPatches`
    // (count x size x size bytes) and the sample's roiPresent (count characters).
    void setRoiPatches(int count, int size);
    void add(const CacheSample& sample, const std::uint8_t* pixels, const std::uint8_t* roiPatches);
    std::size_t size() const { return samples_.size(); }
    // An extra key=value line of cache.txt (e.g. keypoints=wrist,thumb1,...).
    void setProperty(const std::string& key, const std::string& value) { extra_[key] = value; }
    void finish();

private:
    std::string folder_;
    int width_, height_;
    std::string recipeJson_, source_;
    std::map<std::string, std::string> extra_;
    std::vector<CacheSample> samples_;
    std::unique_ptr<DirectoryBeingWritten> temporary_;   // before images_: the file closes first
    std::ofstream images_;
    int roiCount_ = 0, roiSize_ = 0;
    std::ofstream rois_;
};

// What a cache folder consists of (cache.txt, samples.csv, images.u8), for the output checks
// (common/OutputPath.h).
const FolderOutput& datasetCacheOutput();

} // namespace boneage
