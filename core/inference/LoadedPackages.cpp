#include "inference/LoadedPackages.h"

#include <chrono>
#include <filesystem>
#include <list>
#include <mutex>
#include <system_error>
#include <utility>

namespace boneage {

namespace {

namespace fs = std::filesystem;

// What identifies a loaded package: its folder and the size and time of everything in it, plus the
// time of the folder holding it (a refinement package installed beside a landmark package).
std::string stateOf(const std::string& directory)
{
    std::error_code ec;
    std::string key = fs::absolute(directory, ec).lexically_normal().string();
    auto stamp = [&](const fs::path& p) {
        const auto t = fs::last_write_time(p, ec);
        key += '|' + p.filename().string() + ':' + (ec ? std::string("?") : std::to_string(t.time_since_epoch().count()));
        if (fs::is_regular_file(p, ec)) key += ':' + std::to_string(fs::file_size(p, ec));
    };
    stamp(fs::path(directory).parent_path().empty() ? fs::path(".") : fs::path(directory).parent_path());
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) stamp(it->path());
    return key;
}

template <class Model>
class Kept {
public:
    template <class Load>
    Model get(const std::string& key, double* milliseconds, Load load)
    {
        const auto start = std::chrono::steady_clock::now();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            for (auto it = entries_.begin(); it != entries_.end(); ++it)
                if (it->first == key) {
                    entries_.splice(entries_.begin(), entries_, it);   // most recently used first
                    if (milliseconds) *milliseconds = since(start);
                    return entries_.front().second;
                }
        }
        // Loaded outside the lock (hundreds of milliseconds); two threads may load the same package
        // once each, and the second simply replaces the first.
        Model m = load();
        std::lock_guard<std::mutex> lock(mutex_);
        entries_.remove_if([&](const auto& e) { return e.first == key; });
        entries_.emplace_front(key, m);
        while (entries_.size() > static_cast<size_t>(LoadedPackages::kCapacity)) entries_.pop_back();
        if (milliseconds) *milliseconds = since(start);
        return m;
    }
    void clear()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        entries_.clear();
    }

private:
    static double since(std::chrono::steady_clock::time_point t)
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
    }
    std::mutex mutex_;
    std::list<std::pair<std::string, Model>> entries_;
};

Kept<LandmarkModel>& keptLandmarks()
{
    static Kept<LandmarkModel> k;
    return k;
}

Kept<InstalledModel>& keptModels()
{
    static Kept<InstalledModel> k;
    return k;
}

} // namespace

LandmarkModel LoadedPackages::landmarks(const std::string& directory, double* milliseconds)
{
    return keptLandmarks().get(stateOf(directory), milliseconds, [&] { return LandmarkModel::load(directory); });
}

InstalledModel LoadedPackages::model(const std::string& directory, TestTimeAugmentation tta, double* milliseconds)
{
    const std::string key = stateOf(directory) + (tta == TestTimeAugmentation::None ? "|tta:none" : "|tta:flips-shifts");
    return keptModels().get(key, milliseconds, [&] {
        InstalledModel m = InstalledModel::load(directory);
        m.setTestTimeAugmentation(tta);
        return m;
    });
}

void LoadedPackages::clear()
{
    keptLandmarks().clear();
    keptModels().clear();
}

} // namespace boneage
