#include "OverlayLayer.h"

#include <vtkActor.h>
#include <vtkCoordinate.h>
#include <vtkMatrix4x4.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

namespace boneage::ui {

namespace {
// Overlays sit between the image (z = 0) and the camera (z < 0): always in front of the film.
constexpr double kOverlayZ = -1.0;
}

OverlayLayer::OverlayLayer(QString id, QString title, QObject* parent)
    : QObject(parent), id_(std::move(id)), title_(std::move(title)), matrix_(vtkSmartPointer<vtkMatrix4x4>::New())
{
}

OverlayLayer::~OverlayLayer() { detach(); }

void OverlayLayer::setVisible(bool visible)
{
    if (visible == visible_) return;
    visible_ = visible;
    applyAppearance();
    emit changed();
}

void OverlayLayer::setOpacity(double opacity)
{
    opacity = qBound(0.0, opacity, 1.0);
    if (opacity == opacity_) return;
    opacity_ = opacity;
    applyAppearance();
    emit changed();
}

void OverlayLayer::clear()
{
    if (renderer_) {
        for (auto& a : actors_) renderer_->RemoveActor(a);
        for (auto& l : labels_) renderer_->RemoveActor2D(l.actor);
    }
    actors_.clear();
    labels_.clear();
    emit changed();
}

void OverlayLayer::attach(vtkRenderer* renderer)
{
    detach();
    renderer_ = renderer;
    for (auto& a : actors_) renderer_->AddActor(a);
    for (auto& l : labels_) renderer_->AddActor2D(l.actor);
}

void OverlayLayer::detach()
{
    if (!renderer_) return;
    for (auto& a : actors_) renderer_->RemoveActor(a);
    for (auto& l : labels_) renderer_->RemoveActor2D(l.actor);
    renderer_ = nullptr;
}

void OverlayLayer::setImageToWorld(const ImageToWorld& map)
{
    map_ = map;
    map_.toMatrix(matrix_);
    for (auto& a : actors_) a->SetUserMatrix(matrix_);
    placeLabels();
}

void OverlayLayer::addActor(vtkPolyData* geometry, const QColor& colour, double lineWidth, double pointSize)
{
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputData(geometry);
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->SetPosition(0, 0, kOverlayZ);
    actor->SetUserMatrix(matrix_);
    vtkProperty* p = actor->GetProperty();
    p->SetColor(colour.redF(), colour.greenF(), colour.blueF());
    p->SetLineWidth(static_cast<float>(lineWidth));
    if (pointSize > 0) {
        p->SetPointSize(static_cast<float>(pointSize));
        p->SetRenderPointsAsSpheres(true);
    }
    p->LightingOff();   // flat colours: overlays are annotations, not lit surfaces
    actors_.push_back(actor);
    if (renderer_) renderer_->AddActor(actor);
}

void OverlayLayer::addLabel(const QString& text, QPointF imagePoint, const QColor& colour, int fontSize)
{
    auto actor = vtkSmartPointer<vtkTextActor>::New();
    actor->SetInput(text.toUtf8().constData());
    vtkTextProperty* tp = actor->GetTextProperty();
    tp->SetColor(colour.redF(), colour.greenF(), colour.blueF());
    tp->SetFontSize(fontSize);
    tp->SetBold(true);
    tp->SetShadow(true);   // readable on bright bone as on dark background
    tp->SetJustificationToLeft();
    tp->SetVerticalJustificationToBottom();
    actor->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    labels_.push_back({actor, imagePoint});
    if (renderer_) renderer_->AddActor2D(actor);
}

void OverlayLayer::finishUpdate()
{
    placeLabels();
    applyAppearance();
    emit changed();
}

void OverlayLayer::placeLabels()
{
    for (auto& l : labels_) {
        const QPointF w = map_.map(l.imagePoint);
        l.actor->GetPositionCoordinate()->SetValue(w.x(), w.y(), kOverlayZ);
    }
}

void OverlayLayer::applyAppearance()
{
    for (auto& a : actors_) {
        a->SetVisibility(visible_);
        a->GetProperty()->SetOpacity(opacity_);
    }
    for (auto& l : labels_) {
        l.actor->SetVisibility(visible_);
        l.actor->GetTextProperty()->SetOpacity(opacity_);
        l.actor->GetTextProperty()->SetShadow(opacity_ > 0.5);
    }
}

} // namespace boneage::ui
