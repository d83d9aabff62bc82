#pragma once
// The 21 hand keypoints as dots joined along each finger (wrist -> base -> ... -> tip), one colour a finger.
#include "OverlayLayer.h"

#include "anatomy/HandKeypoints.h"

namespace boneage::ui {

class KeypointLayer : public OverlayLayer {
    Q_OBJECT
public:
    explicit KeypointLayer(QObject* parent = nullptr);

    // Points not marked visible are left out (and so are the bones that reach them).
    void setKeypoints(const HandKeypoints& points);
    QList<LegendEntry> legend() const override;
};

} // namespace boneage::ui
