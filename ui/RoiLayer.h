#pragma once
// The 18 TW3 regions of interest as labelled boxes: RUS bones and carpals in two colours.
#include "OverlayLayer.h"

#include "anatomy/Tw3Roi.h"

#include <vector>

namespace boneage::ui {

class RoiLayer : public OverlayLayer {
    Q_OBJECT
public:
    explicit RoiLayer(QObject* parent = nullptr);

    // Replaces the boxes; an ROI with an empty name gets no label.
    void setRois(const std::vector<Tw3Roi>& rois);
    QList<LegendEntry> legend() const override;

    static QColor colourOf(const std::string& group);
};

} // namespace boneage::ui
