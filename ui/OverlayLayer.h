#pragma once
// One overlay over the radiograph (TW3 ROIs, hand keypoints, ...): VTK props drawn in image pixel
// coordinates, shown or hidden and faded as one. The view gives every layer the same image-to-world
// map as the image, which is what keeps overlays registered through rotation and flips; zoom and pan
// move the camera only. Labels are 2-D text placed at a world point, so they are never mirrored.
#include "ImageToWorld.h"

#include <QColor>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QString>

#include <vtkSmartPointer.h>

#include <vector>

class vtkActor;
class vtkMatrix4x4;
class vtkPolyData;
class vtkRenderer;
class vtkTextActor;

namespace boneage::ui {

class OverlayLayer : public QObject {
    Q_OBJECT
public:
    struct LegendEntry {
        QColor colour;
        QString text;
    };

    OverlayLayer(QString id, QString title, QObject* parent = nullptr);
    ~OverlayLayer() override;

    QString id() const { return id_; }         // "rois", "keypoints": the --overlay names
    QString title() const { return title_; }   // translated, for the layer panel
    bool isVisible() const { return visible_; }
    double opacity() const { return opacity_; }
    bool isEmpty() const { return actors_.empty() && labels_.empty(); }
    virtual QList<LegendEntry> legend() const { return {}; }

    void setVisible(bool visible);
    void setOpacity(double opacity);
    void clear();

    // Called by the view.
    void attach(vtkRenderer* renderer);
    void detach();
    void setImageToWorld(const ImageToWorld& map);

signals:
    void changed();   // content, visibility or opacity: the view redraws

protected:
    // Lines and points in image coordinates, drawn just above the image.
    void addActor(vtkPolyData* geometry, const QColor& colour, double lineWidth, double pointSize = 0);
    void addLabel(const QString& text, QPointF imagePoint, const QColor& colour, int fontSize = 12);
    void finishUpdate();

private:
    struct Label {
        vtkSmartPointer<vtkTextActor> actor;
        QPointF imagePoint;
    };
    void applyAppearance();
    void placeLabels();

    QString id_, title_;
    bool visible_ = true;
    double opacity_ = 1.0;
    ImageToWorld map_;
    vtkSmartPointer<vtkMatrix4x4> matrix_;
    vtkRenderer* renderer_ = nullptr;
    std::vector<vtkSmartPointer<vtkActor>> actors_;
    std::vector<Label> labels_;
};

} // namespace boneage::ui
