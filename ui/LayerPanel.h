#pragma once
// One row per overlay layer: show/hide, opacity, and its legend. Layers the installed models cannot
// produce yet are listed disabled, with the reason.
#include <QWidget>

class QVBoxLayout;

namespace boneage::ui {

class OverlayLayer;

class LayerPanel : public QWidget {
    Q_OBJECT
public:
    explicit LayerPanel(QWidget* parent = nullptr);

    void addLayer(OverlayLayer* layer);
    void addUnavailableLayer(const QString& title, const QString& reason);

private:
    QVBoxLayout* rows_;
};

} // namespace boneage::ui
