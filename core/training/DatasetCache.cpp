#include "DatasetCache.h"

#include "common/AtomicFile.h"
#include "common/OutputPath.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace boneage {

namespace {

constexpr const char* kFormat = "boneage-cache-1";

std::string oneLine(const std::string& s)
{
    std::string out;
    for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
    return out;
}

// Reads `file` into `out`; it must hold exactly `bytes` bytes (anything else: a damaged cache).
void readExactly(const std::string& file, std::uintmax_t bytes, std::vector<std::uint8_t>& out)
{
    std::error_code ec;
    const std::uintmax_t actual = std::filesystem::file_size(file, ec);
    if (ec || actual != bytes)
        throw CacheError(file + ": " + (ec ? std::string("missing") : std::to_string(actual) + " bytes") + ", expected " +
                         std::to_string(bytes) + "; the cache is damaged, prepare it again.");
    out.resize(static_cast<std::size_t>(bytes));
    std::ifstream in(file, std::ios::binary);
    in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(bytes));
    if (!in) throw CacheError(file + ": could not be read.");
}

} // namespace

DatasetCache DatasetCache::open(const std::string& folder)
{
    namespace fs = std::filesystem;
    DatasetCache c;
    const std::string meta = (fs::path(folder) / "cache.txt").string();
    std::ifstream in(meta);
    if (!in) throw CacheError(folder + ": not a dataset cache (no cache.txt); make one with `boneage prepare`.");
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq != std::string::npos) c.properties_[line.substr(0, eq)] = line.substr(eq + 1);
    }
    if (c.properties_["format"] != kFormat)
        throw CacheError(meta + ": unknown cache format '" + c.properties_["format"] + "' (expected " + kFormat + ").");
    std::size_t count = 0;
    try {
        c.width_ = std::stoi(c.properties_.at("width"));
        c.height_ = std::stoi(c.properties_.at("height"));
        count = std::stoul(c.properties_.at("count"));
    } catch (...) {
        throw CacheError(meta + ": width, height or count missing or not a number.");
    }
    if (c.width_ <= 0 || c.height_ <= 0 || c.width_ > 4096 || c.height_ > 4096)
        throw CacheError(meta + ": implausible image size.");
    if (!c.properties_.count("recipe")) c.properties_["recipe"] = "{}";

    const std::string csv = (fs::path(folder) / "samples.csv").string();
    std::ifstream s(csv);
    if (!s) throw CacheError(csv + ": missing.");
    std::getline(s, line);   // header: index,id,boneage,male, then optional named columns
    std::vector<std::string> columns;
    {
        std::stringstream hs(line);
        for (std::string col; std::getline(hs, col, ',');) columns.push_back(col);
    }
    if (columns.size() < 4 || columns[1] != "id") throw CacheError(csv + ":1: unexpected header '" + line + "'.");
    int lineNo = 1;
    while (std::getline(s, line)) {
        ++lineNo;
        if (line.empty()) continue;
        std::stringstream ss(line);
        std::vector<std::string> field;
        for (std::string f; std::getline(ss, f, ',');) field.push_back(f);
        field.resize(columns.size());
        CacheSample sample;
        sample.id = field[1];
        try {
            sample.boneAgeMonths = std::stof(field[2]);
        } catch (...) {
            throw CacheError(csv + ":" + std::to_string(lineNo) + ": bone age '" + field[2] + "' is not a number.");
        }
        sample.male = field[3] == "1" || field[3] == "True" || field[3] == "true";
        for (size_t k = 4; k < columns.size(); ++k) {
            if (columns[k] == "hand" && !field[k].empty()) sample.hand = field[k][0];
            if (columns[k] == "rois") sample.roiPresent = field[k];
            if (columns[k] == "keypoints" && !field[k].empty()) {
                std::stringstream ks(field[k]);
                for (std::string v; ks >> v;) sample.keypoints.push_back(v == "nan" ? std::nanf("") : std::strtof(v.c_str(), nullptr));
                if (sample.keypoints.size() % 2 != 0)
                    throw CacheError(csv + ":" + std::to_string(lineNo) + ": an odd number of keypoint coordinates.");
                c.hasKeypoints_ = true;
            }
        }
        c.samples_.push_back(sample);
    }
    if (c.samples_.size() != count)
        throw CacheError(csv + ": holds " + std::to_string(c.samples_.size()) + " samples, cache.txt says " +
                         std::to_string(count) + ".");

    readExactly((fs::path(folder) / "images.u8").string(), std::uintmax_t(count) * c.width_ * c.height_, c.pixels_);

    if (c.properties_.count("roi_patches")) {
        try {
            c.roiPatchSize_ = std::stoi(c.properties_.at("roi_patches"));
            c.roiCount_ = std::stoi(c.properties_.count("roi_count") ? c.properties_.at("roi_count") : "18");
        } catch (...) {
            throw CacheError(meta + ": roi_patches or roi_count is not a number.");
        }
        if (c.roiPatchSize_ < 8 || c.roiPatchSize_ > 512 || c.roiCount_ < 1 || c.roiCount_ > 64)
            throw CacheError(meta + ": implausible ROI patch size or count.");
        for (std::size_t i = 0; i < c.samples_.size(); ++i)
            if (c.samples_[i].roiPresent.size() != static_cast<std::size_t>(c.roiCount_) ||
                c.samples_[i].roiPresent.find_first_not_of("01") != std::string::npos)
                throw CacheError(csv + ": sample " + c.samples_[i].id + " has no valid rois column (" + std::to_string(c.roiCount_) +
                                 " characters 0/1); the cache is damaged, prepare it again.");
        readExactly((fs::path(folder) / "rois.u8").string(), std::uintmax_t(count) * c.roiCount_ * c.roiPatchSize_ * c.roiPatchSize_,
                    c.roiPixels_);
    }
    return c;
}

DatasetCacheWriter::DatasetCacheWriter(const std::string& folder, int width, int height, std::string recipeJson,
                                       std::string source)
    : folder_(folder), width_(width), height_(height), recipeJson_(std::move(recipeJson)), source_(std::move(source)),
      temporary_(std::make_unique<DirectoryBeingWritten>(folder))
{
    images_.open(std::filesystem::path(temporary_->temporary()) / "images.u8", std::ios::binary | std::ios::trunc);
    if (!images_) throw CacheError(temporary_->temporary() + ": cannot write images.u8 (no permission?)");
}

DatasetCacheWriter::~DatasetCacheWriter() = default;

void DatasetCacheWriter::add(const CacheSample& sample, const std::uint8_t* pixels)
{
    if (!temporary_) throw CacheError(folder_ + ": the cache is already finished");
    if (roiCount_ > 0) throw CacheError(folder_ + ": sample " + sample.id + " lacks its ROI patches");
    images_.write(reinterpret_cast<const char*>(pixels), static_cast<std::streamsize>(width_) * height_);
    if (!images_) throw CacheError(temporary_->temporary() + ": cannot write images.u8 (disk full?)");
    samples_.push_back(sample);
}

void DatasetCacheWriter::setRoiPatches(int count, int size)
{
    if (!samples_.empty()) throw CacheError(folder_ + ": ROI patches must be set before the first sample");
    if (count < 1 || count > 64 || size < 8 || size > 512) throw CacheError(folder_ + ": implausible ROI patch size or count");
    roiCount_ = count;
    roiSize_ = size;
    rois_.open(std::filesystem::path(temporary_->temporary()) / "rois.u8", std::ios::binary | std::ios::trunc);
    if (!rois_) throw CacheError(temporary_->temporary() + ": cannot write rois.u8 (no permission?)");
    extra_["roi_patches"] = std::to_string(size);
    extra_["roi_count"] = std::to_string(count);
}

void DatasetCacheWriter::add(const CacheSample& sample, const std::uint8_t* pixels, const std::uint8_t* roiPatches)
{
    if (!temporary_) throw CacheError(folder_ + ": the cache is already finished");
    if (roiCount_ == 0) throw CacheError(folder_ + ": this cache has no ROI patches (setRoiPatches)");
    if (!roiPatches || sample.roiPresent.size() != static_cast<std::size_t>(roiCount_))
        throw CacheError(folder_ + ": sample " + sample.id + " lacks its ROI patches");
    rois_.write(reinterpret_cast<const char*>(roiPatches), static_cast<std::streamsize>(roiCount_) * roiSize_ * roiSize_);
    if (!rois_) throw CacheError(temporary_->temporary() + ": cannot write rois.u8 (disk full?)");
    images_.write(reinterpret_cast<const char*>(pixels), static_cast<std::streamsize>(width_) * height_);
    if (!images_) throw CacheError(temporary_->temporary() + ": cannot write images.u8 (disk full?)");
    samples_.push_back(sample);
}

void DatasetCacheWriter::finish()
{
    namespace fs = std::filesystem;
    if (!temporary_) throw CacheError(folder_ + ": the cache is already finished");
    const std::string dir = temporary_->temporary();
    images_.close();
    if (!images_) throw CacheError(dir + ": cannot write images.u8 (disk full?)");
    if (roiCount_ > 0) {
        rois_.close();
        if (!rois_) throw CacheError(dir + ": cannot write rois.u8 (disk full?)");
    }
    {
        std::ofstream csv(fs::path(dir) / "samples.csv");
        bool keypoints = false;
        for (const auto& sample : samples_) keypoints = keypoints || !sample.keypoints.empty();
        csv << "index,id,boneage,male" << (keypoints ? ",hand,keypoints" : "") << (roiCount_ > 0 ? ",rois" : "") << "\n";
        for (std::size_t i = 0; i < samples_.size(); ++i) {
            csv << i << ',' << samples_[i].id << ',' << samples_[i].boneAgeMonths << ',' << (samples_[i].male ? 1 : 0);
            if (keypoints) {
                csv << ',' << (samples_[i].hand ? std::string(1, samples_[i].hand) : std::string()) << ',';
                for (std::size_t k = 0; k < samples_[i].keypoints.size(); ++k) {
                    char v[32];
                    const float x = samples_[i].keypoints[k];
                    if (std::isnan(x)) std::snprintf(v, sizeof v, "nan");
                    else std::snprintf(v, sizeof v, "%.2f", x);
                    csv << (k ? " " : "") << v;
                }
            }
            if (roiCount_ > 0) csv << ',' << samples_[i].roiPresent;
            csv << '\n';
        }
        csv.flush();
        if (!csv) throw CacheError(dir + ": cannot write samples.csv (disk full?)");
    }
    {   // last: a temporary without cache.txt is plainly unfinished
        std::ofstream meta(fs::path(dir) / "cache.txt");
        meta << "format=" << kFormat << "\nwidth=" << width_ << "\nheight=" << height_ << "\ncount=" << samples_.size()
             << "\nrecipe=" << oneLine(recipeJson_) << "\nsource=" << oneLine(source_) << "\n";
        for (const auto& [key, value] : extra_) meta << key << '=' << oneLine(value) << "\n";
        meta.flush();
        if (!meta) throw CacheError(dir + ": cannot write cache.txt (disk full?)");
    }
    temporary_->commit([&](const std::string& existing) { requireOnlyOwnEntries(existing, folder_, datasetCacheOutput()); });
    temporary_.reset();
}

const FolderOutput& datasetCacheOutput()
{
    static const FolderOutput output{"a dataset cache", "cache.txt", [](const std::string&) {
                                         return std::set<std::string>{"cache.txt", "samples.csv", "images.u8", "rois.u8"};
                                     }};
    return output;
}

} // namespace boneage
