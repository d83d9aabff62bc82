#pragma once
// The ROI gallery (issue 18): the 18 TW3 ROIs of the current case side by side, each cut from the film
// at its own resolution, turned upright with its bone (core/anatomy extractRoiPatch) and drawn with the
// main view's window/level, with its name, its annotation state and TW3 stage, and, when a model that
// reads ROIs assessed the case, how much it weighed. A click on a tile asks the view to centre on that
// ROI; the stage buttons under the selected tile stage that bone (through the annotation editor, so the
// change is one undoable edit written to the workspace like any other).
#include "anatomy/Tw3Roi.h"
#include "imaging/Radiograph.h"
#include "workspace/CaseAnnotation.h"

#include <QWidget>

#include <map>
#include <memory>
#include <vector>

class QButtonGroup;
class QGridLayout;
class QLabel;
class QTimer;

namespace boneage::ui {

class RoiTile;

class RoiGallery : public QWidget {
    Q_OBJECT
public:
    explicit RoiGallery(QWidget* parent = nullptr);

    // The film and how the main view shows it; null clears the gallery.
    void setRadiograph(std::shared_ptr<const Radiograph> radiograph);
    void setDisplay(const DisplayTransform& display);
    // The ROIs to show (the reader's annotation where there is one, else the model's placement).
    void setRois(const std::vector<Tw3Roi>& rois);
    // Each ROI's annotation item (state, stage); null: no annotation (the model's proposal only).
    void setAnnotation(const CaseAnnotation* annotation);
    // Months each ROI added to a model's estimate (RoiContribution), by ROI name; empty: none.
    void setContributions(const std::map<std::string, double>& months, const QString& modelId = {});

    int tileCount() const;
    // The tile's patch as drawn (for tests and screenshots); null image when the ROI is not shown.
    // Draws a pending display change first.
    QImage patchOf(const QString& name);
    QString selectedRoi() const { return selected_; }
    void selectRoi(const QString& name);
    // The text under a tile ("DP3 · corrected · stage E · +2.1 mo"), for tests.
    QString captionOf(const QString& name) const;

    static constexpr int kTileSize = 112;

signals:
    void roiActivated(const QString& name, QPointF centre);   // a click on a tile: centre the view here
    void stageChosen(const QString& name, char stage);        // 'A'..'I', 0 clears

private:
    void rebuildPatches();
    void scheduleRebuild();
    void refreshCaptions();
    void updateStageButtons();

    std::shared_ptr<const Radiograph> radiograph_;
    DisplayTransform display_;
    std::vector<Tw3Roi> rois_;
    std::map<std::string, AnnotationItem> items_;
    std::map<std::string, double> contributions_;
    QString contributionModel_;
    QString selected_;
    QGridLayout* grid_ = nullptr;
    std::vector<RoiTile*> tiles_;
    QLabel* heading_ = nullptr;
    QButtonGroup* stages_ = nullptr;
    QWidget* stageRow_ = nullptr;
    // Window/level drags send many changes: the patches are redrawn once the drag pauses (40 ms).
    QTimer* redraw_ = nullptr;
    // The film rendered with the display last used (rendered again only when either changes).
    cv::Mat film_;
    const Radiograph* filmOf_ = nullptr;
    DisplayTransform filmDisplay_;
};

} // namespace boneage::ui
