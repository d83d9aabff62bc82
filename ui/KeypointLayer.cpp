#include "KeypointLayer.h"

#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include <array>

namespace boneage::ui {

namespace {

const std::array<QColor, 5>& fingerColours()
{
    static const std::array<QColor, 5> c = {QColor(255, 80, 80), QColor(255, 170, 0), QColor(80, 220, 80),
                                             QColor(60, 160, 255), QColor(220, 90, 255)};
    return c;
}

QColor wristColour() { return QColor(255, 255, 255); }

} // namespace

KeypointLayer::KeypointLayer(QObject* parent) : OverlayLayer(QStringLiteral("keypoints"), tr("Hand keypoints"), parent) {}

QList<OverlayLayer::LegendEntry> KeypointLayer::legend() const
{
    const auto& c = fingerColours();
    return {{c[0], tr("Thumb")}, {c[1], tr("Index finger")}, {c[2], tr("Middle finger")}, {c[3], tr("Ring finger")},
            {c[4], tr("Little finger")}, {wristColour(), tr("Wrist")}};
}

void KeypointLayer::setKeypoints(const HandKeypoints& points)
{
    clear();
    // Keypoint order: wrist, then four points per finger from thumb to little finger, base to tip.
    // Each finger is drawn from the wrist out; a point that is not visible breaks its chain.
    for (int finger = 0; finger < 5; ++finger) {
        vtkNew<vtkPoints> xyz;
        vtkNew<vtkCellArray> bones, dots;
        vtkIdType previous = points[0].visible ? xyz->InsertNextPoint(points[0].x, points[0].y, 0) : -1;
        for (int k = 0; k < 4; ++k) {
            const HandKeypoint& p = points[static_cast<size_t>(1 + 4 * finger + k)];
            if (!p.visible) {
                previous = -1;
                continue;
            }
            const vtkIdType id = xyz->InsertNextPoint(p.x, p.y, 0);
            dots->InsertNextCell(1, &id);
            if (previous >= 0) {
                const vtkIdType bone[2] = {previous, id};
                bones->InsertNextCell(2, bone);
            }
            previous = id;
        }
        if (xyz->GetNumberOfPoints() == 0) continue;
        const QColor colour = fingerColours()[static_cast<size_t>(finger)];
        vtkNew<vtkPolyData> lines;
        lines->SetPoints(xyz);
        lines->SetLines(bones);
        addActor(lines, colour, 2.0);
        vtkNew<vtkPolyData> markers;
        markers->SetPoints(xyz);
        markers->SetVerts(dots);
        addActor(markers, colour, 1.0, 7.0);
    }
    if (points[0].visible) {
        vtkNew<vtkPoints> xyz;
        vtkNew<vtkCellArray> dot;
        const vtkIdType id = xyz->InsertNextPoint(points[0].x, points[0].y, 0);
        dot->InsertNextCell(1, &id);
        vtkNew<vtkPolyData> wrist;
        wrist->SetPoints(xyz);
        wrist->SetVerts(dot);
        addActor(wrist, wristColour(), 1.0, 9.0);
    }
    finishUpdate();
}

} // namespace boneage::ui
