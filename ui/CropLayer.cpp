#include "CropLayer.h"

#include <algorithm>

namespace boneage::ui {

CropLayer::CropLayer(QObject* parent) : ExplanationBoxLayer(QStringLiteral("crop"), tr("AG-CNN crop box"), parent) {}

QColor CropLayer::colour() { return QColor(255, 64, 255); }

QList<OverlayLayer::LegendEntry> CropLayer::legend() const
{
    return {{colour(), tr("AG-CNN attention crop (dashed)")}};
}

QString CropLayer::noModelText() const { return tr("No installed AG-CNN model"); }
QString CropLayer::notAssessedText() const { return tr("Assess the film with an AG-CNN model to see its crop box"); }

void CropLayer::draw(const std::vector<ExplanationBox>& boxes)
{
    for (const auto& b : boxes) {
        // Dashes of about 1/60 of the box's perimeter: visible at any zoom, distinct from the anchors.
        const double dash = std::max(3.0, 2 * (b.width() + b.height()) / 60.0);
        addBox(b, colour(), 2.5, dash);
        addLabel(tr("AG-CNN crop"), QPointF(b.x0, b.y0), colour(), 12);
    }
}

} // namespace boneage::ui
