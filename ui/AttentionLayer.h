#pragma once
// The attention map of the chosen model as a colour map over the film (blue low, red high). Each map
// arrives on the model's input grid with the affine map to the source radiograph; the layer draws it
// as a mesh in image pixel coordinates, so it shares the film's image-to-world matrix like every
// other overlay and stays registered through zoom, pan, turns and flips. Values are relative per
// model (each map's peak is 1): the legend is a colour bar, not units.
#include "OverlayLayer.h"

#include "inference/AttentionMap.h"

#include <QStringList>

#include <vector>

namespace boneage::ui {

class AttentionLayer : public OverlayLayer {
    Q_OBJECT
public:
    struct ModelMap {
        QString modelId;
        AttentionMap map;
    };

    explicit AttentionLayer(QObject* parent = nullptr);

    // Replaces the maps (one per model, in the assessment's order). The model shown before stays
    // chosen when it is among them, else the first is shown.
    void setMaps(std::vector<ModelMap> maps);
    void clearMaps();
    QStringList models() const;
    int currentModel() const { return current_; }   // -1 when there is no map
    QString currentKind() const;                     // how the shown map was made
    void showModel(int index);
    void showModel(const QString& modelId);

    // The colour map, for the legend's bar: 0 (low) .. 1 (high).
    static QColor colourAt(double value);

signals:
    void modelsChanged();   // the list of models or the chosen one

private:
    void rebuild();

    std::vector<ModelMap> maps_;
    int current_ = -1;
};

} // namespace boneage::ui
