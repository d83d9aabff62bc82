#pragma once
// The reader's annotation over the film: keypoints and TW3 boxes coloured by state (proposed dim and
// dashed, confirmed, corrected, skipped grey and dashed), the selected item highlighted with its
// handles, each box labelled with its name, TW3 stage and lock. Draws what it is given: the editor's
// annotation, or the view's preview of a drag in progress.
#include "OverlayLayer.h"

#include "workspace/CaseAnnotation.h"

namespace boneage::ui {

class AnnotationLayer : public OverlayLayer {
    Q_OBJECT
public:
    explicit AnnotationLayer(QObject* parent = nullptr);

    // `selected`: index into annotation.items, -1 for none.
    void setAnnotation(const CaseAnnotation& annotation, int selected);
    QList<LegendEntry> legend() const override;

    static QColor colourOf(ItemState state);
    static QColor selectionColour();
    // The box's label: "DP3", "DP3 · E", with the lock.
    static QString labelOf(const AnnotationItem& item);
};

} // namespace boneage::ui
