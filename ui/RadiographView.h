#pragma once
// The radiograph on screen, rendered by VTK at the file's full bit depth: window/level (right-drag or
// presets), zoom to the cursor (wheel), pan (left or middle drag), fit and 1:1, invert, quarter turns
// and flips, and the value under the cursor. Overlay layers share the image's placement.
#include "ImageToWorld.h"
#include "VtkRenderWidget.h"

#include "imaging/Radiograph.h"

#include <QList>
#include <QPointF>
#include <QPointer>

#include <memory>

class vtkImageActor;
class vtkImageData;
class vtkLookupTable;
class vtkMatrix4x4;

namespace boneage::ui {

class OverlayLayer;

// The pixel under the cursor: `value` is the modality value the program works with (after rescale
// slope/intercept), `stored` the value as stored in the file.
struct PixelReadout {
    bool inside = false;
    int x = 0, y = 0;
    double value = 0, stored = 0;
};

class RadiographView : public VtkRenderWidget {
    Q_OBJECT
public:
    explicit RadiographView(QWidget* parent = nullptr);
    ~RadiographView() override;

    // Shows the radiograph with its default display (first DICOM window, else the data's range),
    // upright and fitted to the view. Null clears the view.
    void setRadiograph(std::shared_ptr<const Radiograph> radiograph);
    const std::shared_ptr<const Radiograph>& radiograph() const { return radiograph_; }

    // Linear window in modality values, as DICOM defines it (PS3.3 C.11.2.1.2): values at or below
    // centre - 0.5 - (width - 1) / 2 are black, above centre - 0.5 + (width - 1) / 2 white.
    void setWindowLevel(double centre, double width);
    double windowCentre() const { return centre_; }
    double windowWidth() const { return width_; }
    void setInverted(bool inverted);
    bool isInverted() const { return inverted_; }
    // A preset: its window and inversion, or one of the file's VOI LUTs (drawn through the LUT itself;
    // dragging the window afterwards switches to a linear window).
    void applyDisplay(const DisplayTransform& display);
    // The VOI LUT in use (index into the radiograph's voiLuts), or -1 for a linear window.
    int voiLutIndex() const { return lutIndex_; }

    // Device pixels per image pixel.
    double zoom() const { return zoom_; }
    void zoomAt(double factor, QPointF widgetPos);
    void panBy(QPointF widgetDelta);
    void fitToWindow();
    void showActualSize();   // one image pixel on one screen pixel, about the view's centre
    // Pans so that this image point lies in the view's centre (zoom and orientation kept).
    void centreOn(QPointF imagePoint);
    void rotateClockwise();
    void rotateCounterClockwise();
    void flipHorizontal();
    void flipVertical();
    const ImageToWorld& imageToWorld() const { return map_; }

    // Widget (logical pixels, y down) <-> image coordinates (x right, y down, pixel i covers [i, i+1)).
    QPointF imagePointAt(QPointF widgetPos) const;
    QPointF widgetPointFor(QPointF imagePoint) const;
    PixelReadout readoutAt(QPointF widgetPos) const;

    // The layer is drawn with the image until it is destroyed; the view does not own it.
    void addLayer(OverlayLayer* layer);

signals:
    void windowLevelChanged(double centre, double width);
    void invertedChanged(bool inverted);
    void pixelReadoutChanged(const boneage::ui::PixelReadout& readout);

protected:
    void prepareFrame() override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void uploadImage();
    void updateDisplayWindow();
    void orientationChanged();
    void turn(void (ImageToWorld::*change)());
    QPointF widgetCentre() const;
    double devicePixelRatioD() const { return devicePixelRatioF(); }

    std::shared_ptr<const Radiograph> radiograph_;
    vtkSmartPointer<vtkImageData> image_;
    vtkSmartPointer<vtkImageActor> actor_;
    vtkSmartPointer<vtkMatrix4x4> matrix_;
    vtkSmartPointer<vtkLookupTable> invertedGreys_;
    vtkSmartPointer<vtkLookupTable> voiLut_;
    int lutIndex_ = -1;
    QList<QPointer<OverlayLayer>> layers_;

    double centre_ = 128, width_ = 256;
    bool inverted_ = false;
    double valueLow_ = 0, valueHigh_ = 255;   // the data's range: scales window/level dragging
    ImageToWorld map_;
    double zoom_ = 1;
    QPointF viewCentre_;   // world point at the centre of the view
    bool fitted_ = true;   // keeps fitting while the window is resized, until the reader zooms or pans

    // Drag state.
    Qt::MouseButton dragButton_ = Qt::NoButton;
    QPointF dragStart_;
    double dragCentre_ = 0, dragWidth_ = 0;
    QPointF dragViewCentre_;
};

} // namespace boneage::ui
