#pragma once
// The 18 TW3 regions of interest as labelled squares turned with their bones: RUS bones and carpals in
// two colours, or, when a model that reads the ROIs reported how much each weighed for this case, each
// ROI coloured by its weight (pale: little, saturated red-orange: the most).
#include "OverlayLayer.h"

#include "anatomy/Tw3Roi.h"

#include <map>
#include <string>
#include <vector>

namespace boneage::ui {

class RoiLayer : public OverlayLayer {
    Q_OBJECT
public:
    explicit RoiLayer(QObject* parent = nullptr);

    // Replaces the boxes; an ROI with an empty name gets no label.
    void setRois(const std::vector<Tw3Roi>& rois);
    // Months each ROI added to a model's estimate, by name (empty: colour by group again).
    void setWeights(const std::map<std::string, double>& months);
    const std::map<std::string, double>& weights() const { return weights_; }
    // The colour of a weight's share of the largest |weight| (0..1).
    static QColor weightColour(double share);
    QList<LegendEntry> legend() const override;

    static QColor colourOf(const std::string& group);

private:
    void redraw();
    std::vector<Tw3Roi> rois_;
    std::map<std::string, double> weights_;
};

} // namespace boneage::ui
