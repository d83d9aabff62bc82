#include "OutputPath.h"

#include "AtomicFile.h"

#include <algorithm>
#include <filesystem>

namespace boneage {

namespace fs = std::filesystem;

namespace {

fs::path withoutTrailingSlash(const std::string& path)
{
    fs::path p(path);
    if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
    return p;
}

fs::path resolved(const std::string& path)
{
    std::error_code ec;
    const fs::path absolute = fs::absolute(withoutTrailingSlash(path), ec);
    const fs::path canonical = fs::weakly_canonical(absolute, ec);
    return ec ? absolute.lexically_normal() : canonical;
}

// `inner` is `outer` or lies somewhere below it.
bool within(const std::string& inner, const std::string& outer)
{
    const fs::path i = resolved(inner), o = resolved(outer);
    return std::mismatch(o.begin(), o.end(), i.begin(), i.end()).first == o.end();
}

std::string shown(const OutputRequest& r) { return r.name.empty() ? r.path : r.name + " " + r.path; }

// "'a'", "'a' and 'b'", "'a', 'b' and 'c'", "'a', 'b', 'c' and 3 more"
std::string listed(const std::vector<std::string>& names)
{
    const size_t shownCount = names.size() > 3 ? 3 : names.size();
    std::string s;
    for (size_t i = 0; i < shownCount; ++i) {
        const bool last = i + 1 == shownCount && names.size() <= 3;
        s += std::string(i == 0 ? "" : last ? " and " : ", ") + "'" + names[i] + "'";
    }
    if (names.size() > shownCount) s += " and " + std::to_string(names.size() - shownCount) + " more";
    return s;
}

void refuseInputs(const OutputRequest& r, bool folderOutput)
{
    for (const auto& [name, path] : r.inputs) {
        if (path.empty()) continue;
        if (samePath(r.path, path))
            throw OutputRefused(shown(r) + " is the " + name + " input: an output never replaces what the command reads "
                                "(--overwrite or not). Choose another name; nothing was changed.");
        // Swapping in a folder deletes the old one with everything below it.
        if (folderOutput && within(path, r.path))
            throw OutputRefused(shown(r) + " contains the " + name + " input " + path + ": replacing the folder would "
                                "delete it. Choose another folder; nothing was changed.");
    }
}

} // namespace

bool samePath(const std::string& a, const std::string& b)
{
    std::error_code ea, eb;
    if (fs::exists(a, ea) && fs::exists(b, eb)) {
        std::error_code ec;
        return fs::equivalent(a, b, ec);   // also hard links and bind mounts
    }
    return resolved(a) == resolved(b);
}

void checkOutputFile(const OutputRequest& r)
{
    removeStaleTemporaries(r.path);
    refuseInputs(r, false);
    std::error_code ec;
    const fs::file_status status = fs::status(r.path, ec);
    if (fs::is_directory(status))
        throw OutputRefused(shown(r) + " is a folder; give the name of the file to write. Nothing was changed.");
    if (fs::exists(status) && !fs::is_regular_file(status))
        throw OutputRefused(shown(r) + " exists and is not a regular file; choose another name. Nothing was changed.");
    if (fs::exists(status) && !r.overwrite)
        throw OutputRefused(shown(r) + " exists; add --overwrite to replace it, or choose another name. Nothing was changed.");
    const fs::path parent = fs::absolute(r.path, ec).parent_path();
    if (!fs::is_directory(parent, ec))
        throw OutputRefused(shown(r) + ": the folder " + parent.string() + " does not exist; create it first.");
}

void requireOnlyOwnEntries(const std::string& folder, const std::string& shownAs, const FolderOutput& output)
{
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw OutputRefused(shownAs + " is a file, not a folder; give a new or empty folder for " + output.kind +
                            ". Nothing was changed.");
    std::vector<std::string> entries;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        entries.push_back(it->path().filename().string());
    if (ec) throw OutputRefused(shownAs + ": its contents cannot be listed (" + ec.message() + "). Nothing was changed.");
    if (entries.empty()) return;
    std::sort(entries.begin(), entries.end());
    const bool finished = std::find(entries.begin(), entries.end(), output.marker) != entries.end();
    const std::set<std::string> own = finished && output.ownEntries ? output.ownEntries(folder) : std::set<std::string>{};
    std::vector<std::string> foreign;
    for (const auto& e : entries)
        if (!own.count(e)) foreign.push_back(e);
    if (!foreign.empty())
        throw OutputRefused(shownAs + " holds " + listed(foreign) + (foreign.size() > 1 ? ", which are" : ", which is") +
                            " not part of " + output.kind + ". Nothing was changed: " + output.kind +
                            " replaces its whole folder, so give a new or empty folder (--overwrite only replaces a folder "
                            "that holds " + output.kind + " and nothing else).");
}

void checkOutputFolder(const OutputRequest& r, const FolderOutput& output)
{
    removeStaleTemporaries(r.path);
    refuseInputs(r, true);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(r.path, ec))) return;
    requireOnlyOwnEntries(r.path, shown(r), output);
    if (!fs::is_empty(r.path, ec) && !r.overwrite)
        throw OutputRefused(shown(r) + " holds " + output.kind + " from an earlier run; add --overwrite to replace it, "
                            "or choose another folder. Nothing was changed.");
}

void checkOutputFiles(const OutputRequest& r, const std::vector<std::string>& names, const std::string& advice)
{
    for (const auto& n : names) removeStaleTemporaries((fs::path(r.path) / n).string());
    refuseInputs(r, false);
    std::error_code ec;
    const fs::file_status status = fs::status(r.path, ec);
    if (!fs::exists(status)) return;
    if (!fs::is_directory(status))
        throw OutputRefused(shown(r) + " is a file, not a folder; give a new or existing folder. Nothing was changed.");
    std::vector<std::string> existing;
    for (const auto& n : names)
        if (fs::exists(fs::symlink_status(fs::path(r.path) / n, ec))) existing.push_back(n);
    if (!existing.empty() && !r.overwrite)
        throw OutputRefused(shown(r) + " already holds " + listed(existing) + " from an earlier run; add --overwrite to "
                            "replace the files this command writes (the folder's other files are kept)" +
                            (advice.empty() ? "" : ", " + advice) + ", or choose another folder. Nothing was changed.");
}

} // namespace boneage
