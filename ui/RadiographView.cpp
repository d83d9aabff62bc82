#include "RadiographView.h"

#include "OverlayLayer.h"

#include "imaging/Display.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <vtkCamera.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkMatrix4x4.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>

namespace boneage::ui {

namespace {

constexpr double kMinZoom = 0.01, kMaxZoom = 64;

int vtkTypeOf(int cvDepth)
{
    switch (cvDepth) {
    case CV_8U: return VTK_UNSIGNED_CHAR;
    case CV_16U: return VTK_UNSIGNED_SHORT;
    case CV_16S: return VTK_SHORT;
    default: return VTK_FLOAT;
    }
}

double valueAt(const cv::Mat& m, int x, int y)
{
    switch (m.depth()) {
    case CV_8U: return m.at<std::uint8_t>(y, x);
    case CV_16U: return m.at<std::uint16_t>(y, x);
    case CV_16S: return m.at<std::int16_t>(y, x);
    case CV_32F: return m.at<float>(y, x);
    default: return 0;
    }
}

} // namespace

RadiographView::RadiographView(QWidget* parent)
    : VtkRenderWidget(parent)
    , actor_(vtkSmartPointer<vtkImageActor>::New())
    , matrix_(vtkSmartPointer<vtkMatrix4x4>::New())
{
    renderer()->SetBackground(0.06, 0.06, 0.07);
    renderer()->GetActiveCamera()->ParallelProjectionOn();
    updateDisplayWindow();
    actor_->GetProperty()->SetInterpolationTypeToLinear();
    actor_->SetUserMatrix(matrix_);
    actor_->VisibilityOff();
    renderer()->AddViewProp(actor_);
    setMinimumSize(200, 200);
}

RadiographView::~RadiographView() = default;

void RadiographView::setRadiograph(std::shared_ptr<const Radiograph> radiograph)
{
    radiograph_ = std::move(radiograph);
    map_ = radiograph_ ? ImageToWorld(radiograph_->width(), radiograph_->height()) : ImageToWorld();
    uploadImage();
    if (radiograph_) std::tie(valueLow_, valueHigh_) = radiograph_->valueRange();
    orientationChanged();
    if (radiograph_) {
        applyDisplay(radiograph_->defaultDisplay());
        fitToWindow();
    }
    update();
}

void RadiographView::uploadImage()
{
    if (!radiograph_ || radiograph_->pixels.empty()) {
        actor_->VisibilityOff();
        image_ = nullptr;
        return;
    }
    const cv::Mat& px = radiograph_->pixels;
    cv::Mat src = px.depth() == CV_8U || px.depth() == CV_16U || px.depth() == CV_16S || px.depth() == CV_32F
                      ? px
                      : cv::Mat();
    if (src.empty()) px.convertTo(src, CV_32F);
    image_ = vtkSmartPointer<vtkImageData>::New();
    image_->SetDimensions(src.cols, src.rows, 1);
    // Voxel centres at i + 0.5: VTK's coordinates then equal the image coordinates overlays use.
    image_->SetOrigin(0.5, 0.5, 0);
    image_->SetSpacing(1, 1, 1);
    image_->AllocateScalars(vtkTypeOf(src.depth()), 1);
    // Row 0 stays at y = 0; the camera looks with y pointing down, so no flip is needed.
    auto* dst = static_cast<std::uint8_t*>(image_->GetScalarPointer());
    const size_t rowBytes = static_cast<size_t>(src.cols) * src.elemSize();
    for (int y = 0; y < src.rows; ++y) std::memcpy(dst + rowBytes * static_cast<size_t>(y), src.ptr(y), rowBytes);
    actor_->SetInputData(image_);
    actor_->VisibilityOn();
}

void RadiographView::setWindowLevel(double centre, double width)
{
    width = std::max(1.0, width);
    if (centre == centre_ && width == width_ && lutIndex_ < 0) return;
    lutIndex_ = -1;   // a window chosen by the reader replaces the file's VOI LUT
    centre_ = centre;
    width_ = width;
    updateDisplayWindow();
    update();
    emit windowLevelChanged(centre_, width_);
}

void RadiographView::setInverted(bool inverted)
{
    if (inverted == inverted_) return;
    if (lutIndex_ >= 0 && voiLut_) {   // invert the LUT's greys in place
        for (vtkIdType i = 0; i < voiLut_->GetNumberOfTableValues(); ++i) {
            double rgba[4];
            voiLut_->GetTableValue(i, rgba);
            voiLut_->SetTableValue(i, 1 - rgba[0], 1 - rgba[1], 1 - rgba[2], 1.0);
        }
        voiLut_->Modified();
    }
    inverted_ = inverted;
    updateDisplayWindow();
    update();
    emit invertedChanged(inverted_);
}

void RadiographView::applyDisplay(const DisplayTransform& display)
{
    const DisplayTransform& d = display;
    if (d.kind == DisplayTransform::Kind::Lut && radiograph_ && d.lutIndex >= 0 &&
        d.lutIndex < static_cast<int>(radiograph_->voiLuts.size()) && !radiograph_->voiLuts[size_t(d.lutIndex)].data.empty()) {
        const VoiLut& lut = radiograph_->voiLuts[size_t(d.lutIndex)];
        // As renderDisplay8 does (core/imaging/Display.cpp): entry i maps value firstMapped + i, values
        // outside take the end entries, greys scale by the LUT's own maximum.
        const double lutMax = std::max<double>(1, *std::max_element(lut.data.begin(), lut.data.end()));
        voiLut_ = vtkSmartPointer<vtkLookupTable>::New();
        voiLut_->SetNumberOfTableValues(static_cast<vtkIdType>(lut.data.size()));
        for (size_t i = 0; i < lut.data.size(); ++i) {
            const double g = d.invert ? 1.0 - lut.data[i] / lutMax : lut.data[i] / lutMax;
            voiLut_->SetTableValue(static_cast<vtkIdType>(i), g, g, g, 1.0);
        }
        // VTK's table index is floor((v - lo) / (hi - lo) * n): with hi = lo + n every integer value
        // lands on its own entry.
        const double lo = lut.firstMapped, hi = lut.firstMapped + static_cast<double>(lut.data.size());
        voiLut_->SetRange(lo, hi);
        lutIndex_ = d.lutIndex;
        inverted_ = d.invert;
        centre_ = (lo + hi) / 2;   // where a later drag of the window starts
        width_ = hi - lo;
        updateDisplayWindow();
        update();
        emit invertedChanged(inverted_);
        emit windowLevelChanged(centre_, width_);
        return;
    }
    DisplayTransform linear = d;
    if (d.kind == DisplayTransform::Kind::Lut && radiograph_) {   // a LUT that cannot be used: the automatic window
        linear = radiograph_->autoDisplay();
        linear.invert = d.invert;
    }
    setInverted(linear.invert);
    setWindowLevel(linear.center, linear.width);
}

void RadiographView::updateDisplayWindow()
{
    // DICOM's linear window maps [c - 0.5 - (w - 1) / 2, c - 0.5 + (w - 1) / 2] to black..white;
    // VTK's greyscale window/level maps [level - window / 2, level + window / 2]. Without a lookup
    // table VTK builds one-byte luminance textures, its fastest path for 16-bit films while the window
    // is dragged; it has no inverted greyscale, so inversion goes through a descending grey table.
    vtkImageProperty* p = actor_->GetProperty();
    if (lutIndex_ >= 0 && voiLut_) {
        p->SetLookupTable(voiLut_);
        p->UseLookupTableScalarRangeOn();
        return;
    }
    const double window = std::max(width_ - 1, 1e-3), level = centre_ - 0.5;
    p->SetColorWindow(window);
    p->SetColorLevel(level);
    if (!inverted_) {
        p->SetLookupTable(nullptr);
        return;
    }
    if (!invertedGreys_) {
        invertedGreys_ = vtkSmartPointer<vtkLookupTable>::New();
        invertedGreys_->SetNumberOfTableValues(256);
        for (int i = 0; i < 256; ++i) {
            const double g = (255 - i) / 255.0;
            invertedGreys_->SetTableValue(i, g, g, g, 1.0);
        }
    }
    invertedGreys_->SetRange(level - window / 2, level + window / 2);
    p->SetLookupTable(invertedGreys_);
    p->UseLookupTableScalarRangeOn();   // the range above is the window: VTK must not rescale it
}

QPointF RadiographView::widgetCentre() const { return QPointF(width() / 2.0, height() / 2.0); }

void RadiographView::zoomAt(double factor, QPointF widgetPos)
{
    if (!radiograph_) return;
    const double newZoom = std::clamp(zoom_ * factor, kMinZoom, kMaxZoom);
    // Keep the world point under the cursor where it is.
    const double dpr = devicePixelRatioD();
    const QPointF offset = (widgetPos - widgetCentre()) * dpr;
    const QPointF under = viewCentre_ + offset / zoom_;
    zoom_ = newZoom;
    viewCentre_ = under - offset / zoom_;
    fitted_ = false;
    update();
}

void RadiographView::panBy(QPointF widgetDelta)
{
    viewCentre_ -= widgetDelta * devicePixelRatioD() / zoom_;
    fitted_ = false;
    update();
}

void RadiographView::fitToWindow()
{
    fitted_ = true;
    if (!radiograph_ || radiograph_->pixels.empty()) return;
    const QPointF size = map_.turnedSize(radiograph_->width(), radiograph_->height());
    const double dpr = devicePixelRatioD();
    // A small margin so that the film's edge stays visible.
    zoom_ = std::clamp(0.98 * std::min(width() * dpr / size.x(), height() * dpr / size.y()), kMinZoom, kMaxZoom);
    viewCentre_ = QPointF(radiograph_->width() / 2.0, radiograph_->height() / 2.0);
    update();
}

void RadiographView::showActualSize()
{
    zoom_ = 1;
    fitted_ = false;
    update();
}

void RadiographView::centreOn(QPointF imagePoint)
{
    if (!radiograph_) return;
    viewCentre_ = map_.map(imagePoint);
    fitted_ = false;
    update();
}

void RadiographView::turn(void (ImageToWorld::*change)())
{
    // Turn about what the reader is looking at: the image point in the view's centre stays there.
    const QPointF looked = map_.unmap(viewCentre_);
    (map_.*change)();
    viewCentre_ = map_.map(looked);
    orientationChanged();
}

void RadiographView::rotateClockwise() { turn(&ImageToWorld::rotateClockwise); }
void RadiographView::rotateCounterClockwise() { turn(&ImageToWorld::rotateCounterClockwise); }
void RadiographView::flipHorizontal() { turn(&ImageToWorld::flipHorizontal); }
void RadiographView::flipVertical() { turn(&ImageToWorld::flipVertical); }

void RadiographView::orientationChanged()
{
    map_.toMatrix(matrix_);
    actor_->SetUserMatrix(matrix_);
    for (const auto& layer : layers_)
        if (layer) layer->setImageToWorld(map_);
    if (fitted_) fitToWindow();
    update();
}

QPointF RadiographView::imagePointAt(QPointF widgetPos) const
{
    const QPointF world = viewCentre_ + (widgetPos - widgetCentre()) * devicePixelRatioD() / zoom_;
    return map_.unmap(world);
}

QPointF RadiographView::widgetPointFor(QPointF imagePoint) const
{
    return widgetCentre() + (map_.map(imagePoint) - viewCentre_) * zoom_ / devicePixelRatioD();
}

PixelReadout RadiographView::readoutAt(QPointF widgetPos) const
{
    PixelReadout r;
    if (!radiograph_ || radiograph_->pixels.empty()) return r;
    const QPointF p = imagePointAt(widgetPos);
    r.x = static_cast<int>(std::floor(p.x()));
    r.y = static_cast<int>(std::floor(p.y()));
    if (r.x < 0 || r.y < 0 || r.x >= radiograph_->width() || r.y >= radiograph_->height()) return r;
    r.inside = true;
    r.value = valueAt(radiograph_->pixels, r.x, r.y);
    // The reader stores modality values (after rescale); the file holds (value - intercept) / slope.
    const auto& m = radiograph_->metadata;
    r.stored = m.rescaleSlope != 0 ? (r.value - m.rescaleIntercept) / m.rescaleSlope : r.value;
    if (radiograph_->pixels.depth() != CV_32F) r.stored = std::round(r.stored);
    return r;
}

void RadiographView::addLayer(OverlayLayer* layer)
{
    layers_.append(layer);
    layer->attach(renderer());
    layer->setImageToWorld(map_);
    connect(layer, &OverlayLayer::changed, this, qOverload<>(&QWidget::update));
    connect(layer, &QObject::destroyed, this, [this, layer] { layers_.removeAll(layer); });
    update();
}

void RadiographView::prepareFrame()
{
    vtkCamera* camera = renderer()->GetActiveCamera();
    // Looking along +z with y up-vector -y: image x goes right and image y goes down on screen.
    camera->SetFocalPoint(viewCentre_.x(), viewCentre_.y(), 0);
    camera->SetPosition(viewCentre_.x(), viewCentre_.y(), -1000);
    camera->SetViewUp(0, -1, 0);
    camera->SetParallelScale(height() * devicePixelRatioD() / 2.0 / zoom_);
    camera->SetClippingRange(1, 2000);
}

void RadiographView::resizeEvent(QResizeEvent* event)
{
    VtkRenderWidget::resizeEvent(event);
    if (fitted_) fitToWindow();
}

void RadiographView::mousePressEvent(QMouseEvent* event)
{
    dragButton_ = event->button();
    dragStart_ = event->position();
    dragCentre_ = centre_;
    dragWidth_ = width_;
    dragViewCentre_ = viewCentre_;
    event->accept();
}

void RadiographView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (radiograph_ && dragButton_ == Qt::RightButton) {
        // One widget width of drag spans the data's whole range: coarse and fine enough for 8 to 16 bits.
        const double perPixel = std::max(valueHigh_ - valueLow_, 1.0) / std::max(width(), 1);
        const QPointF d = pos - dragStart_;
        setWindowLevel(dragCentre_ + d.y() * perPixel, dragWidth_ + d.x() * perPixel);
    } else if (dragButton_ == Qt::LeftButton || dragButton_ == Qt::MiddleButton) {
        viewCentre_ = dragViewCentre_ - (pos - dragStart_) * devicePixelRatioD() / zoom_;
        fitted_ = false;
        update();
    }
    emit pixelReadoutChanged(readoutAt(pos));
}

void RadiographView::mouseReleaseEvent(QMouseEvent* event)
{
    dragButton_ = Qt::NoButton;
    event->accept();
}

void RadiographView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) fitToWindow();
}

void RadiographView::wheelEvent(QWheelEvent* event)
{
    // 1.2x per notch (120 units); touchpads send smaller steps.
    zoomAt(std::pow(1.2, event->angleDelta().y() / 120.0), event->position());
    event->accept();
}

void RadiographView::leaveEvent(QEvent* event)
{
    VtkRenderWidget::leaveEvent(event);
    emit pixelReadoutChanged(PixelReadout{});
}

} // namespace boneage::ui
