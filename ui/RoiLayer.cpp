#include "RoiLayer.h"

#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include <map>

namespace boneage::ui {

RoiLayer::RoiLayer(QObject* parent) : OverlayLayer(QStringLiteral("rois"), tr("TW3 regions"), parent) {}

QColor RoiLayer::colourOf(const std::string& group)
{
    return group == "carpal" ? QColor(0, 220, 255) : QColor(255, 210, 0);
}

QList<OverlayLayer::LegendEntry> RoiLayer::legend() const
{
    return {{colourOf("RUS"), tr("RUS bones (radius, ulna, short bones)")}, {colourOf("carpal"), tr("Carpal bones")}};
}

void RoiLayer::setRois(const std::vector<Tw3Roi>& rois)
{
    clear();
    // One actor per colour: 18 boxes cost two draw calls.
    std::map<std::string, std::vector<const Tw3Roi*>> byGroup;
    for (const auto& r : rois) byGroup[r.group == "carpal" ? "carpal" : "RUS"].push_back(&r);
    for (const auto& [group, members] : byGroup) {
        vtkNew<vtkPoints> points;
        vtkNew<vtkCellArray> lines;
        for (const Tw3Roi* r : members) {
            const vtkIdType first = points->GetNumberOfPoints();
            points->InsertNextPoint(r->x0, r->y0, 0);
            points->InsertNextPoint(r->x1, r->y0, 0);
            points->InsertNextPoint(r->x1, r->y1, 0);
            points->InsertNextPoint(r->x0, r->y1, 0);
            const vtkIdType loop[5] = {first, first + 1, first + 2, first + 3, first};
            lines->InsertNextCell(5, loop);
        }
        vtkNew<vtkPolyData> geometry;
        geometry->SetPoints(points);
        geometry->SetLines(lines);
        addActor(geometry, colourOf(group), 2.0);
    }
    for (const auto& r : rois)
        if (!r.name.empty())
            addLabel(QString::fromStdString(r.name), QPointF(r.x0, r.y0), colourOf(r.group), 11);
    finishUpdate();
}

} // namespace boneage::ui
