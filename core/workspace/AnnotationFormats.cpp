#include "AnnotationFormats.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QFileInfo>
#include <QXmlStreamReader>

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace boneage {

namespace {

std::string idText(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : std::to_string(v.get<long long>()); }

std::string xmlEscaped(const std::string& s)
{
    std::string out;
    for (const char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

// The shortest text that reads back as the same double (an exported box re-imported is the same box).
std::string number(double v)
{
    char b[32];
    const auto r = std::to_chars(b, b + sizeof b, v);
    return std::string(b, r.ptr);
}

} // namespace

std::string cocoKeypointsText(const std::vector<AnnotatedFilm>& films)
{
    nlohmann::json images = nlohmann::json::array(), annotations = nlohmann::json::array();
    std::map<std::string, bool> seen;
    int next = 1;
    for (const AnnotatedFilm& f : films) {
        if (!seen[f.caseId]) {
            images.push_back({{"id", f.caseId}, {"file_name", f.fileName}, {"width", f.width}, {"height", f.height}});
            seen[f.caseId] = true;
        }
        const HandKeypoints points = f.annotation.keypoints();
        const HandPose pose = handPose(points);
        const bool right = pose.valid && pose.side == 'R';
        nlohmann::json kpts = nlohmann::json::array(), none = nlohmann::json::array(), states = nlohmann::json::array();
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        int visible = 0;
        for (int i = 0; i < kHandKeypointCount; ++i) {
            const AnnotationItem* item = f.annotation.find(ItemKind::Keypoint, handKeypointNames()[i]);
            const bool v = points[i].visible;
            kpts.push_back(v ? points[i].x : 0.0);
            kpts.push_back(v ? points[i].y : 0.0);
            kpts.push_back(v ? 2 : 0);
            for (int k = 0; k < 3; ++k) none.push_back(0);
            states.push_back(item && item->placed ? toString(item->state) : "");
            if (v) {
                ++visible;
                x0 = std::min(x0, points[i].x), y0 = std::min(y0, points[i].y);
                x1 = std::max(x1, points[i].x), y1 = std::max(y1, points[i].y);
            }
        }
        const nlohmann::json box = visible ? nlohmann::json::array({x0, y0, x1 - x0, y1 - y0}) : nlohmann::json::array({0, 0, 0, 0});
        annotations.push_back({{"id", std::to_string(next++)},
                               {"image_id", f.caseId},
                               {"category_id", 1},
                               {"iscrowd", 0},
                               {"bbox", box},
                               {"num_keypoints", visible},
                               {"lefthand_valid", !right && visible > 0},
                               {"righthand_valid", right && visible > 0},
                               {"lefthand_kpts", right ? none : kpts},
                               {"righthand_kpts", right ? kpts : none},
                               {"lefthand_box", right ? nlohmann::json::array({0, 0, 0, 0}) : box},
                               {"righthand_box", right ? box : nlohmann::json::array({0, 0, 0, 0})},
                               {"reader", f.annotation.reader},
                               {"keypoint_states", states}});
    }
    nlohmann::json names = nlohmann::json::array();
    for (const auto& n : handKeypointNames()) names.push_back(n);
    nlohmann::json skeleton = nlohmann::json::array();
    for (int finger = 0; finger < 5; ++finger) {
        for (int k = 1; k < 4; ++k) skeleton.push_back({1 + finger * 4 + k - 1, 1 + finger * 4 + k});
    }
    for (int finger = 0; finger < 5; ++finger) skeleton.push_back({0, 4 + finger * 4});
    const nlohmann::json out = {
        {"info", {{"description", "Bone Age Workstation workspace export (research use, not a medical device)"}}},
        {"images", images},
        {"annotations", annotations},
        {"categories", {{{"supercategory", "hand"}, {"id", 1}, {"name", "hand"}, {"keypoints", names}, {"skeleton", skeleton}}}}};
    return out.dump(1) + "\n";
}

static std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<AnnotatedFilm> readCocoKeypoints(const std::string& path, const std::string& defaultReader)
{
    return parseCocoKeypoints(readText(path), path, defaultReader);
}

std::vector<AnnotatedFilm> parseCocoKeypoints(const std::string& text, const std::string& path, const std::string& defaultReader)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": not valid JSON (" + e.what() + ")");
    }
    std::vector<AnnotatedFilm> out;
    try {
        std::map<std::string, AnnotatedFilm> images;
        for (const auto& im : j.at("images")) {
            AnnotatedFilm f;
            f.caseId = idText(im.at("id"));
            f.fileName = im.value("file_name", f.caseId);
            f.width = im.at("width").get<int>();
            f.height = im.at("height").get<int>();
            images[f.caseId] = f;
        }
        for (const auto& a : j.at("annotations")) {
            const std::string id = idText(a.at("image_id"));
            const auto image = images.find(id);
            if (image == images.end()) throw std::runtime_error("an annotation of image " + id + ", which the file does not list");
            for (const char* side : {"lefthand", "righthand"}) {
                if (!a.value(std::string(side) + "_valid", false)) continue;
                const auto& k = a.at(std::string(side) + "_kpts");
                if (k.size() != 3 * kHandKeypointCount)
                    throw std::runtime_error("image " + id + ": " + side + "_kpts holds " + std::to_string(k.size()) +
                                             " numbers, not " + std::to_string(3 * kHandKeypointCount));
                AnnotatedFilm f = image->second;
                const std::string reader = a.value("reader", defaultReader);
                if (reader.empty()) throw std::runtime_error("image " + id + ": the annotation names no reader (give --reader)");
                f.annotation = CaseAnnotation::emptyTemplate("", reader);
                const auto states = a.value("keypoint_states", nlohmann::json::array());
                for (int p = 0; p < kHandKeypointCount; ++p) {
                    const double x = k[3 * p].get<double>(), y = k[3 * p + 1].get<double>(), v = k[3 * p + 2].get<double>();
                    if (!std::isfinite(x) || !std::isfinite(y)) throw std::runtime_error("image " + id + ": a coordinate is not a number");
                    AnnotationItem& item = f.annotation.items[static_cast<std::size_t>(p)];
                    item.placed = v > 0;
                    item.x = item.placed ? x : 0;
                    item.y = item.placed ? y : 0;
                    // An annotation from elsewhere is a reader's placement: confirmed.
                    const std::string state = p < static_cast<int>(states.size()) && states[p].is_string() ? states[p].get<std::string>() : "";
                    item.state = parseItemState(state).value_or(ItemState::Confirmed);
                }
                out.push_back(std::move(f));
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": not a COCO hand keypoint file (" + e.what() + ")");
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
    return out;
}

std::string vocText(const AnnotatedFilm& f)
{
    std::ostringstream s;
    s << "<annotation>\n\t<folder>films</folder>\n\t<filename>" << xmlEscaped(f.fileName) << "</filename>\n"
      << "\t<source>\n\t\t<database>Bone Age Workstation workspace</database>\n\t</source>\n"
      << "\t<reader>" << xmlEscaped(f.annotation.reader) << "</reader>\n"
      << "\t<size>\n\t\t<width>" << f.width << "</width>\n\t\t<height>" << f.height
      << "</height>\n\t\t<depth>1</depth>\n\t</size>\n\t<segmented>0</segmented>\n";
    for (const AnnotationItem& item : f.annotation.items) {
        if (item.kind != ItemKind::Roi || !item.placed) continue;
        s << "\t<object>\n\t\t<name>" << xmlEscaped(item.name) << "</name>\n\t\t<pose>Unspecified</pose>\n"
          << "\t\t<truncated>0</truncated>\n\t\t<difficult>" << (item.state == ItemState::Skipped ? 1 : 0) << "</difficult>\n"
          << "\t\t<state>" << toString(item.state) << "</state>\n";
        if (item.stage) s << "\t\t<stage>" << item.stage << "</stage>\n";
        s << "\t\t<bndbox>\n\t\t\t<xmin>" << number(item.x) << "</xmin>\n\t\t\t<ymin>" << number(item.y)
          << "</ymin>\n\t\t\t<xmax>" << number(item.x + item.w) << "</xmax>\n\t\t\t<ymax>" << number(item.y + item.h)
          << "</ymax>\n\t\t</bndbox>\n\t</object>\n";
    }
    s << "</annotation>\n";
    return s.str();
}

AnnotatedFilm readVoc(const std::string& path, const std::string& defaultReader, int* ignored)
{
    return parseVoc(readText(path), path, QFileInfo(QString::fromStdString(path)).completeBaseName().toStdString(),
                    defaultReader, ignored);
}

AnnotatedFilm parseVoc(const std::string& text, const std::string& path, const std::string& stem,
                       const std::string& defaultReader, int* ignored)
{
    QXmlStreamReader xml(QByteArray::fromStdString(text));
    AnnotatedFilm f;
    std::string reader = defaultReader;
    struct Object {
        std::string name, state, stage;
        double xmin = NAN, ymin = NAN, xmax = NAN, ymax = NAN;
    };
    std::vector<Object> objects;
    std::vector<std::string> path_;   // element names from the root
    Object current;
    auto toNumber = [&](const QString& text) {
        bool ok = false;
        const double v = text.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v)) throw std::runtime_error(path + ": '" + text.toStdString() + "' is not a number");
        return v;
    };
    int depth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            ++depth;
            if (depth > 16) throw std::runtime_error(path + ": nested too deeply for a VOC file");
            path_.push_back(xml.name().toString().toStdString());
            const std::string here = path_.back();
            const std::string parent = path_.size() >= 2 ? path_[path_.size() - 2] : "";
            if (here == "object") current = Object{};
            const bool leaf = here == "filename" || here == "reader" || here == "width" || here == "height" ||
                              here == "name" || here == "state" || here == "stage" || here == "xmin" || here == "ymin" ||
                              here == "xmax" || here == "ymax";
            if (!leaf) continue;
            const QString text = xml.readElementText();
            path_.pop_back();
            --depth;
            if (parent == "annotation" && here == "filename") f.fileName = text.toStdString();
            else if (parent == "annotation" && here == "reader" && !text.trimmed().isEmpty()) reader = text.trimmed().toStdString();
            else if (parent == "size" && here == "width") f.width = static_cast<int>(toNumber(text));
            else if (parent == "size" && here == "height") f.height = static_cast<int>(toNumber(text));
            else if (parent == "object" && here == "name") current.name = text.trimmed().toStdString();
            else if (parent == "object" && here == "state") current.state = text.trimmed().toStdString();
            else if (parent == "object" && here == "stage") current.stage = text.trimmed().toStdString();
            else if (parent == "bndbox" && here == "xmin") current.xmin = toNumber(text);
            else if (parent == "bndbox" && here == "ymin") current.ymin = toNumber(text);
            else if (parent == "bndbox" && here == "xmax") current.xmax = toNumber(text);
            else if (parent == "bndbox" && here == "ymax") current.ymax = toNumber(text);
        } else if (xml.isEndElement()) {
            if (!path_.empty() && path_.back() == "object") objects.push_back(current);
            if (!path_.empty()) path_.pop_back();
            --depth;
        }
    }
    if (xml.hasError()) throw std::runtime_error(path + ": not a valid XML file (" + xml.errorString().toStdString() + ")");
    if (f.width <= 0 || f.height <= 0) throw std::runtime_error(path + ": the VOC file gives no image <size>");
    if (reader.empty()) throw std::runtime_error(path + ": the annotation names no reader (give --reader)");
    f.annotation = CaseAnnotation::emptyTemplate("", reader);
    int skipped = 0;
    for (const Object& o : objects) {
        AnnotationItem* item = f.annotation.find(ItemKind::Roi, o.name);
        if (!item) {
            ++skipped;
            continue;
        }
        if (!std::isfinite(o.xmin) || !std::isfinite(o.ymin) || !std::isfinite(o.xmax) || !std::isfinite(o.ymax) ||
            o.xmax < o.xmin || o.ymax < o.ymin)
            throw std::runtime_error(path + ": the box of " + o.name + " is incomplete or inverted");
        item->placed = true;
        item->x = o.xmin, item->y = o.ymin, item->w = o.xmax - o.xmin, item->h = o.ymax - o.ymin;
        item->state = parseItemState(o.state).value_or(ItemState::Confirmed);
        item->stage = o.stage.size() == 1 && isTw3Stage(o.stage[0]) ? o.stage[0] : 0;
    }
    if (ignored) *ignored = skipped;
    f.caseId = stem;
    return f;
}

} // namespace boneage
