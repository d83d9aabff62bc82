#include "RoiLayer.h"

#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace boneage::ui {

RoiLayer::RoiLayer(QObject* parent) : OverlayLayer(QStringLiteral("rois"), tr("TW3 regions"), parent) {}

QColor RoiLayer::colourOf(const std::string& group)
{
    return group == "carpal" ? QColor(0, 220, 255) : QColor(255, 210, 0);
}

QList<OverlayLayer::LegendEntry> RoiLayer::legend() const
{
    if (!weights_.empty())
        return {{weightColour(1.0), tr("ROI that weighed most for the model's estimate")}, {weightColour(0.0), tr("ROI that weighed least")}};
    return {{colourOf("RUS"), tr("RUS bones (radius, ulna, short bones)")}, {colourOf("carpal"), tr("Carpal bones")}};
}

void RoiLayer::setRois(const std::vector<Tw3Roi>& rois)
{
    rois_ = rois;
    redraw();
}

void RoiLayer::setWeights(const std::map<std::string, double>& months)
{
    weights_ = months;
    redraw();
}

QColor RoiLayer::weightColour(double share)
{
    return QColor::fromHsvF(0.05, 0.15 + 0.85 * std::clamp(share, 0.0, 1.0), 1.0);
}

void RoiLayer::redraw()
{
    clear();
    double largest = 0;
    for (const auto& [name, m] : weights_) largest = std::max(largest, std::abs(m));
    // One actor per colour: by group (two draw calls for 18 squares), or by weight in five steps.
    auto keyOf = [&](const Tw3Roi& r) -> std::string {
        if (weights_.empty()) return r.group == "carpal" ? "carpal" : "RUS";
        const auto it = weights_.find(r.name);
        const double share = it == weights_.end() || largest <= 0 ? 0 : std::abs(it->second) / largest;
        return "w" + std::to_string(static_cast<int>(std::lround(share * 4)));
    };
    auto colourOfKey = [&](const std::string& key) {
        return key[0] == 'w' ? weightColour((key[1] - '0') / 4.0) : colourOf(key);
    };
    std::map<std::string, std::vector<const Tw3Roi*>> byColour;
    for (const auto& r : rois_) byColour[keyOf(r)].push_back(&r);
    for (const auto& [key, members] : byColour) {
        vtkNew<vtkPoints> points;
        vtkNew<vtkCellArray> lines;
        for (const Tw3Roi* r : members) {
            const vtkIdType first = points->GetNumberOfPoints();
            // The ROI's own square, turned with its bone (an axis-aligned ROI: its box).
            for (const cv::Point2d& c : r->corners()) points->InsertNextPoint(c.x, c.y, 0);
            const vtkIdType loop[5] = {first, first + 1, first + 2, first + 3, first};
            lines->InsertNextCell(5, loop);
        }
        vtkNew<vtkPolyData> geometry;
        geometry->SetPoints(points);
        geometry->SetLines(lines);
        addActor(geometry, colourOfKey(key), key == "w4" ? 3.0 : 2.0);
    }
    for (const auto& r : rois_)
        if (!r.name.empty())
            addLabel(QString::fromStdString(r.name), QPointF(r.corners()[0].x, r.corners()[0].y), colourOfKey(keyOf(r)), 11);
    finishUpdate();
}

} // namespace boneage::ui
