#include "LabelsCsv.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace boneage::cli {

namespace {

std::vector<std::string> split(const std::string& line)
{
    std::vector<std::string> out;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) {
        cell.erase(0, cell.find_first_not_of(" \t\""));
        const auto end = cell.find_last_not_of(" \t\r\"");
        cell = end == std::string::npos ? "" : cell.substr(0, end + 1);
        out.push_back(cell);
    }
    return out;
}

} // namespace

std::vector<LabelRow> readLabelsCsv(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open the labels file.");
    std::string line;
    if (!std::getline(in, line)) throw std::runtime_error(path + ": the labels file is empty.");
    if (line.rfind("\xFF\xFE", 0) == 0 || line.rfind("\xFE\xFF", 0) == 0)
        throw std::runtime_error(path + ": the labels file is UTF-16 text; save it as CSV (UTF-8 or plain) instead.");
    // Spreadsheet programs start a "CSV UTF-8" file with a byte order mark and end lines with CRLF.
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    const auto withoutCr = [](std::string& l) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
    };
    withoutCr(line);
    const auto header = split(line);
    auto column = [&](const char* name) {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end())
            throw std::runtime_error(path + ":1: the header must name the columns id, boneage and male (found '" + line + "').");
        return static_cast<size_t>(it - header.begin());
    };
    const size_t cid = column("id"), cage = column("boneage"), cmale = column("male");
    std::vector<LabelRow> rows;
    std::map<std::string, size_t> firstRow;   // id -> index in rows
    int lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        withoutCr(line);
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        const auto cells = split(line);
        const std::string where = path + ":" + std::to_string(lineNo) + ": ";
        if (cells.size() < header.size())
            throw std::runtime_error(where + "expected " + std::to_string(header.size()) + " columns, found " +
                                     std::to_string(cells.size()) + ".");
        LabelRow r;
        r.line = lineNo;
        r.id = cells[cid];
        if (r.id.empty() || r.id.find('/') != std::string::npos || r.id == "." || r.id == "..")
            throw std::runtime_error(where + "the id '" + r.id + "' is empty or not a plain file name.");
        try {
            size_t used = 0;
            r.boneAgeMonths = std::stod(cells[cage], &used);
            if (used != cells[cage].size()) throw std::invalid_argument("trailing");
        } catch (...) {
            throw std::runtime_error(where + "bone age '" + cells[cage] + "' is not a number of months.");
        }
        if (r.boneAgeMonths < 0 || r.boneAgeMonths > 300)
            throw std::runtime_error(where + "bone age " + cells[cage] + " months is outside 0..300.");
        const std::string& m = cells[cmale];
        if (m == "True" || m == "true" || m == "1" || m == "M") r.male = true;
        else if (m == "False" || m == "false" || m == "0" || m == "F") r.male = false;
        else throw std::runtime_error(where + "male must be True or False, not '" + m + "'.");
        // One image, one label: a second row for an id would count the film twice (or train on two
        // answers for it).
        if (const auto first = firstRow.find(r.id); first != firstRow.end()) {
            const LabelRow& f = rows[first->second];
            const auto labels = [](const LabelRow& x) {
                std::ostringstream s;
                s << x.boneAgeMonths << " months, " << (x.male ? "male" : "female");
                return s.str();
            };
            if (f.boneAgeMonths != r.boneAgeMonths || f.male != r.male)
                throw std::runtime_error(where + "id '" + r.id + "' is also on line " + std::to_string(f.line) +
                                         " with different labels (line " + std::to_string(f.line) + ": " + labels(f) +
                                         "; line " + std::to_string(lineNo) + ": " + labels(r) +
                                         "). Keep the correct row and delete the other.");
            std::cerr << "warning: " << where << "id '" << r.id << "' repeats line " << f.line
                      << " with the same labels; it is used once.\n";
            continue;
        }
        firstRow.emplace(r.id, rows.size());
        rows.push_back(r);
    }
    return rows;
}

std::string findLabelledImage(const std::string& folder, const std::string& id)
{
    namespace fs = std::filesystem;
    for (const char* ext : {".png", ".jpg", ".jpeg", ".dcm", ".tif", ".tiff", ""}) {
        const fs::path p = fs::path(folder) / (id + ext);
        if (fs::is_regular_file(p)) return p.string();
    }
    return {};
}

} // namespace boneage::cli
