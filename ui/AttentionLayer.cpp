#include "AttentionLayer.h"

#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>

namespace boneage::ui {

namespace {
// A colour map over the film reads best half transparent: the bones stay visible under it.
constexpr double kDefaultOpacity = 0.45;
}

AttentionLayer::AttentionLayer(QObject* parent) : OverlayLayer(QStringLiteral("attention"), tr("Attention map"), parent)
{
    // Off until asked for: a colour wash over every assessed film would hide the bones it explains.
    setVisible(false);
    setOpacity(kDefaultOpacity);
}

QColor AttentionLayer::colourAt(double v)
{
    // "Jet", as OpenCV's COLORMAP_JET that `boneage assess --attention` uses: blue, cyan, yellow, red.
    v = std::clamp(v, 0.0, 1.0);
    const auto ramp = [v](double centre) { return std::clamp(1.5 - std::abs(4.0 * v - centre), 0.0, 1.0); };
    return QColor::fromRgbF(float(ramp(3)), float(ramp(2)), float(ramp(1)));
}

void AttentionLayer::setMaps(std::vector<ModelMap> maps)
{
    const QString shown = current_ >= 0 && current_ < int(maps_.size()) ? maps_[size_t(current_)].modelId : QString();
    maps_.clear();
    for (auto& m : maps)
        if (!m.map.empty()) maps_.push_back(std::move(m));
    current_ = maps_.empty() ? -1 : 0;
    for (size_t i = 0; i < maps_.size(); ++i)
        if (maps_[i].modelId == shown) current_ = int(i);
    rebuild();
    emit modelsChanged();
}

void AttentionLayer::clearMaps() { setMaps({}); }

QStringList AttentionLayer::models() const
{
    QStringList ids;
    for (const auto& m : maps_) ids << m.modelId;
    return ids;
}

QString AttentionLayer::currentKind() const
{
    return current_ >= 0 ? QString::fromStdString(maps_[size_t(current_)].map.kind) : QString();
}

void AttentionLayer::showModel(int index)
{
    if (index < 0 || index >= int(maps_.size()) || index == current_) return;
    current_ = index;
    rebuild();
    emit modelsChanged();
}

void AttentionLayer::showModel(const QString& modelId)
{
    for (size_t i = 0; i < maps_.size(); ++i)
        if (maps_[i].modelId == modelId) showModel(int(i));
}

void AttentionLayer::rebuild()
{
    clear();
    if (current_ < 0) return;
    const AttentionMap& a = maps_[size_t(current_)].map;
    const int w = a.map.cols, h = a.map.rows;
    // Vertices at the map's pixel centres, plus its outer edges, so the mesh covers exactly the
    // area the map stands for; colours are interpolated between centres (smooth, as the bilinear
    // resampling of the command line's picture).
    const auto coordinate = [](int k, int n) { return k == 0 ? 0.0 : k == n + 1 ? double(n) : k - 0.5; };
    const auto sample = [](int k, int n) { return std::clamp(k - 1, 0, n - 1); };
    vtkNew<vtkPoints> points;
    vtkNew<vtkUnsignedCharArray> colours;
    colours->SetNumberOfComponents(4);
    colours->SetName("attention");
    points->Allocate(vtkIdType(w + 2) * (h + 2));
    colours->Allocate(vtkIdType(w + 2) * (h + 2) * 4);
    for (int j = 0; j < h + 2; ++j)
        for (int i = 0; i < w + 2; ++i) {
            const cv::Point2d s = a.sourcePoint({coordinate(i, w), coordinate(j, h)});
            points->InsertNextPoint(s.x, s.y, 0);
            const QColor c = colourAt(a.map.at<float>(sample(j, h), sample(i, w)));
            const unsigned char rgba[4] = {static_cast<unsigned char>(c.red()), static_cast<unsigned char>(c.green()),
                                           static_cast<unsigned char>(c.blue()), 255};
            colours->InsertNextTypedTuple(rgba);
        }
    vtkNew<vtkCellArray> quads;
    for (int j = 0; j + 1 < h + 2; ++j)
        for (int i = 0; i + 1 < w + 2; ++i) {
            const vtkIdType p = vtkIdType(j) * (w + 2) + i;
            const vtkIdType quad[4] = {p, p + 1, p + 1 + (w + 2), p + (w + 2)};
            quads->InsertNextCell(4, quad);
        }
    vtkNew<vtkPolyData> mesh;
    mesh->SetPoints(points);
    mesh->SetPolys(quads);
    // Four unsigned chars per point: the mapper takes them as colours (its default colour mode), and
    // the layer's opacity scales their alpha.
    mesh->GetPointData()->SetScalars(colours);
    addActor(mesh, Qt::white, 1.0);
    finishUpdate();
}

} // namespace boneage::ui
