#include "AnnotationLayer.h"

#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace boneage::ui {

namespace {

// Lines of one colour and width: boxes and bones are gathered per style, so a whole annotation costs
// a handful of draw calls.
struct Lines {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    void add(QPointF a, QPointF b)
    {
        const vtkIdType ids[2] = {points->InsertNextPoint(a.x(), a.y(), 0), points->InsertNextPoint(b.x(), b.y(), 0)};
        cells->InsertNextCell(2, ids);
    }
    // Dashes in film pixels, scaled with the box: OpenGL core profile has no line stipple.
    void addDashed(QPointF a, QPointF b, double dash)
    {
        const QPointF d = b - a;
        const double length = std::hypot(d.x(), d.y());
        if (length <= 0) return;
        for (double t = 0; t < length; t += 2 * dash) add(a + d * (t / length), a + d * (std::min(t + dash, length) / length));
    }
    bool isEmpty() const { return cells->GetNumberOfCells() == 0; }
};

struct Dots {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    void add(QPointF p)
    {
        const vtkIdType id = points->InsertNextPoint(p.x(), p.y(), 0);
        cells->InsertNextCell(1, &id);
    }
    bool isEmpty() const { return cells->GetNumberOfCells() == 0; }
};

std::array<QPointF, 4> cornersOf(const AnnotationItem& i)
{
    return {QPointF(i.x, i.y), QPointF(i.x + i.w, i.y), QPointF(i.x + i.w, i.y + i.h), QPointF(i.x, i.y + i.h)};
}

bool isShown(const AnnotationItem& i) { return i.placed; }

} // namespace

AnnotationLayer::AnnotationLayer(QObject* parent) : OverlayLayer(QStringLiteral("annotation"), tr("Annotation"), parent) {}

QColor AnnotationLayer::colourOf(ItemState state)
{
    switch (state) {
    case ItemState::Proposed: return QColor(215, 175, 60);
    case ItemState::Confirmed: return QColor(70, 225, 110);
    case ItemState::Corrected: return QColor(60, 175, 255);
    case ItemState::Skipped: return QColor(135, 135, 135);
    }
    return QColor(215, 175, 60);
}

QColor AnnotationLayer::selectionColour() { return QColor(255, 70, 210); }

QList<OverlayLayer::LegendEntry> AnnotationLayer::legend() const
{
    return {{colourOf(ItemState::Proposed), tr("Proposed by the model (dashed)")},
            {colourOf(ItemState::Confirmed), tr("Confirmed")},
            {colourOf(ItemState::Corrected), tr("Corrected or placed by the reader")},
            {colourOf(ItemState::Skipped), tr("Skipped (not on this film)")},
            {selectionColour(), tr("Selected")}};
}

QString AnnotationLayer::labelOf(const AnnotationItem& item)
{
    QString text = QString::fromStdString(item.name);
    if (item.stage) text += QStringLiteral(" · ") + QChar::fromLatin1(item.stage);
    if (item.locked) text = tr("%1 (locked)").arg(text);
    return text;
}

void AnnotationLayer::setAnnotation(const CaseAnnotation& annotation, int selected)
{
    clear();
    const auto& items = annotation.items;
    const AnnotationItem* chosen = selected >= 0 && selected < static_cast<int>(items.size()) ? &items[size_t(selected)] : nullptr;

    // Bones: thin lines between consecutive placed keypoints of each finger, for orientation only.
    Lines bones;
    const AnnotationItem* wrist = annotation.find(ItemKind::Keypoint, handKeypointNames()[0]);
    const auto usable = [](const AnnotationItem* i) { return i && i->placed && i->state != ItemState::Skipped; };
    for (int finger = 0; finger < 5; ++finger) {
        const AnnotationItem* previous = usable(wrist) ? wrist : nullptr;
        for (int k = 0; k < 4; ++k) {
            const AnnotationItem* p = annotation.find(ItemKind::Keypoint, handKeypointNames()[size_t(1 + 4 * finger + k)]);
            if (!usable(p)) {
                previous = nullptr;
                continue;
            }
            if (previous) bones.add(QPointF(previous->x, previous->y), QPointF(p->x, p->y));
            previous = p;
        }
    }
    const auto addLines = [this](Lines& l, const QColor& colour, double width) {
        if (l.isEmpty()) return;
        vtkNew<vtkPolyData> g;
        g->SetPoints(l.points);
        g->SetLines(l.cells);
        addActor(g, colour, width);
    };
    const auto addDots = [this](Dots& d, const QColor& colour, double size) {
        if (d.isEmpty()) return;
        vtkNew<vtkPolyData> g;
        g->SetPoints(d.points);
        g->SetVerts(d.cells);
        addActor(g, colour, 1.0, size);
    };
    addLines(bones, QColor(200, 200, 200), 1.0);

    // Boxes, one actor per state; proposed and skipped ones dashed.
    std::map<ItemState, Lines> boxes;
    for (const AnnotationItem& i : items) {
        // The selected box is drawn in the selection's colour only: lines at the same depth hide
        // those drawn after them.
        if (i.kind != ItemKind::Roi || !isShown(i) || &i == chosen) continue;
        const auto c = cornersOf(i);
        const bool dashed = i.state == ItemState::Proposed || i.state == ItemState::Skipped;
        const double dash = std::max(2.0, (i.w + i.h) / 14);
        for (int k = 0; k < 4; ++k) {
            if (dashed) boxes[i.state].addDashed(c[size_t(k)], c[size_t((k + 1) % 4)], dash);
            else boxes[i.state].add(c[size_t(k)], c[size_t((k + 1) % 4)]);
        }
    }
    for (auto& [state, lines] : boxes) addLines(lines, colourOf(state), state == ItemState::Proposed || state == ItemState::Skipped ? 1.5 : 2.0);

    // The selection under its item: a wider box with handles, or a ring around the point.
    if (chosen && isShown(*chosen)) {
        if (chosen->kind == ItemKind::Roi) {
            Lines outline;
            Dots handles;
            const auto c = cornersOf(*chosen);
            for (int k = 0; k < 4; ++k) {
                outline.add(c[size_t(k)], c[size_t((k + 1) % 4)]);
                handles.add(c[size_t(k)]);
                handles.add((c[size_t(k)] + c[size_t((k + 1) % 4)]) / 2);
            }
            addLines(outline, selectionColour(), 3.0);
            if (!chosen->locked && chosen->state != ItemState::Skipped) addDots(handles, selectionColour(), 9.0);
        } else {
            Dots ring;
            ring.add(QPointF(chosen->x, chosen->y));
            addDots(ring, selectionColour(), 16.0);
        }
    }

    // Keypoints, one actor per state; proposed ones smaller.
    std::map<ItemState, Dots> dots;
    for (const AnnotationItem& i : items)
        if (i.kind == ItemKind::Keypoint && isShown(i)) dots[i.state].add(QPointF(i.x, i.y));
    for (auto& [state, d] : dots)
        addDots(d, colourOf(state), state == ItemState::Proposed ? 7.0 : state == ItemState::Skipped ? 6.0 : 9.0);

    for (const AnnotationItem& i : items) {
        if (!isShown(i)) continue;
        const bool isChosen = &i == chosen;
        if (i.kind == ItemKind::Roi)
            addLabel(labelOf(i), QPointF(i.x, i.y), isChosen ? selectionColour() : colourOf(i.state), isChosen ? 13 : 11);
        else if (isChosen || i.locked)   // keypoint names only where asked: 21 labels would hide the hand
            addLabel(labelOf(i), QPointF(i.x + 4, i.y - 4), isChosen ? selectionColour() : colourOf(i.state), 12);
    }
    finishUpdate();
}

} // namespace boneage::ui
