#include "AnchorLayer.h"

#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include <algorithm>
#include <cmath>

namespace boneage::ui {

ExplanationBoxLayer::ExplanationBoxLayer(QString id, QString title, QObject* parent)
    : OverlayLayer(std::move(id), std::move(title), parent)
{
    // Off until asked for, as the attention map: an assessment should not clutter the film.
    setVisible(false);
}

void ExplanationBoxLayer::setBoxes(std::vector<ModelBoxes> boxes)
{
    const QString shown = current_ >= 0 && current_ < int(sets_.size()) ? sets_[size_t(current_)].modelId : QString();
    sets_.clear();
    for (auto& s : boxes)
        if (!s.boxes.empty()) sets_.push_back(std::move(s));
    current_ = sets_.empty() ? -1 : 0;
    for (size_t i = 0; i < sets_.size(); ++i)
        if (sets_[i].modelId == shown) current_ = int(i);
    rebuild();
    emit modelsChanged();
}

void ExplanationBoxLayer::clearBoxes() { setBoxes({}); }

QStringList ExplanationBoxLayer::models() const
{
    QStringList ids;
    for (const auto& s : sets_) ids << s.modelId;
    return ids;
}

const std::vector<ExplanationBox>& ExplanationBoxLayer::currentBoxes() const
{
    static const std::vector<ExplanationBox> none;
    return current_ >= 0 ? sets_[size_t(current_)].boxes : none;
}

void ExplanationBoxLayer::showModel(int index)
{
    if (index < 0 || index >= int(sets_.size()) || index == current_) return;
    current_ = index;
    rebuild();
    emit modelsChanged();
}

void ExplanationBoxLayer::showModel(const QString& modelId)
{
    for (size_t i = 0; i < sets_.size(); ++i)
        if (sets_[i].modelId == modelId) showModel(int(i));
}

void ExplanationBoxLayer::setModelInstalled(bool installed)
{
    if (installed == installed_) return;
    installed_ = installed;
    emit modelsChanged();
    emit changed();
}

QString ExplanationBoxLayer::unavailableReason() const
{
    if (!isEmpty()) return {};
    return installed_ ? notAssessedText() : noModelText();
}

void ExplanationBoxLayer::rebuild()
{
    clear();
    if (current_ < 0) return;
    draw(sets_[size_t(current_)].boxes);
    finishUpdate();
}

void ExplanationBoxLayer::addBox(const ExplanationBox& b, const QColor& colour, double lineWidth, double dash)
{
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> lines;
    const double corners[5][2] = {{b.x0, b.y0}, {b.x1, b.y0}, {b.x1, b.y1}, {b.x0, b.y1}, {b.x0, b.y0}};
    if (dash <= 0) {
        for (int i = 0; i < 4; ++i) points->InsertNextPoint(corners[i][0], corners[i][1], 0);
        const vtkIdType loop[5] = {0, 1, 2, 3, 0};
        lines->InsertNextCell(5, loop);
    } else {
        // Modern OpenGL has no line stipple: the dashes are geometry, one segment per dash.
        for (int side = 0; side < 4; ++side) {
            const double ax = corners[side][0], ay = corners[side][1], bx = corners[side + 1][0], by = corners[side + 1][1];
            const double length = std::hypot(bx - ax, by - ay);
            const int n = std::max(1, int(std::lround(length / (2 * dash))));
            for (int k = 0; k < n; ++k) {
                const double t0 = double(k) / n, t1 = (k + 0.5) / n;
                const vtkIdType first = points->InsertNextPoint(ax + t0 * (bx - ax), ay + t0 * (by - ay), 0);
                points->InsertNextPoint(ax + t1 * (bx - ax), ay + t1 * (by - ay), 0);
                const vtkIdType segment[2] = {first, first + 1};
                lines->InsertNextCell(2, segment);
            }
        }
    }
    vtkNew<vtkPolyData> geometry;
    geometry->SetPoints(points);
    geometry->SetLines(lines);
    addActor(geometry, colour, lineWidth);
}

AnchorLayer::AnchorLayer(QObject* parent) : ExplanationBoxLayer(QStringLiteral("anchors"), tr("PRSNet anchors"), parent) {}

QColor AnchorLayer::colourOfRank(int rank)
{
    static const QColor colours[] = {QColor(255, 60, 60), QColor(255, 170, 0), QColor(90, 230, 90), QColor(80, 170, 255)};
    return colours[std::clamp(rank, 0, 3)];
}

QString AnchorLayer::labelOf(int rank, const ExplanationBox& box)
{
    return box.score ? tr("part %1: %2").arg(rank + 1).arg(*box.score, 0, 'f', 2) : tr("part %1").arg(rank + 1);
}

QList<OverlayLayer::LegendEntry> AnchorLayer::legend() const
{
    return {{colourOfRank(0), tr("1st selected part (label: its anchor score)")},
            {colourOfRank(1), tr("2nd selected part")},
            {colourOfRank(2), tr("3rd selected part")}};
}

QString AnchorLayer::noModelText() const { return tr("No installed PRSNet model"); }
QString AnchorLayer::notAssessedText() const { return tr("Assess the film with a PRSNet model to see its selected anchors"); }

void AnchorLayer::draw(const std::vector<ExplanationBox>& boxes)
{
    // Drawn from the last to the first, so where boxes overlap the best part's outline is on top.
    for (int k = int(boxes.size()) - 1; k >= 0; --k) addBox(boxes[size_t(k)], colourOfRank(k), 2.5);
    for (size_t k = 0; k < boxes.size(); ++k)
        addLabel(labelOf(int(k), boxes[k]), QPointF(boxes[k].x0, boxes[k].y0), colourOfRank(int(k)), 12);
}

} // namespace boneage::ui
