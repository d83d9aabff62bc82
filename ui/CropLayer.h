#pragma once
// AG-CNN's attention crop (the box its local branch looked at) as one dashed rectangle over the film.
#include "AnchorLayer.h"

namespace boneage::ui {

class CropLayer : public ExplanationBoxLayer {
    Q_OBJECT
public:
    explicit CropLayer(QObject* parent = nullptr);
    QList<LegendEntry> legend() const override;
    static QColor colour();

protected:
    void draw(const std::vector<ExplanationBox>& boxes) override;
    QString noModelText() const override;
    QString notAssessedText() const override;
};

} // namespace boneage::ui
