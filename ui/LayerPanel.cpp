#include "LayerPanel.h"

#include "OverlayLayer.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QSlider>
#include <QVBoxLayout>

namespace boneage::ui {

namespace {

QLabel* swatch(const QColor& colour)
{
    QPixmap p(12, 12);
    p.fill(colour);
    auto* label = new QLabel;
    label->setPixmap(p);
    return label;
}

} // namespace

LayerPanel::LayerPanel(QWidget* parent) : QWidget(parent), rows_(new QVBoxLayout(this))
{
    rows_->addStretch();
}

void LayerPanel::addLayer(OverlayLayer* layer)
{
    auto* row = new QWidget;
    auto* v = new QVBoxLayout(row);
    v->setContentsMargins(0, 0, 0, 4);
    auto* top = new QHBoxLayout;
    auto* toggle = new QCheckBox(layer->title());
    toggle->setChecked(layer->isVisible());
    auto* opacity = new QSlider(Qt::Horizontal);
    opacity->setRange(0, 100);
    opacity->setValue(qRound(layer->opacity() * 100));
    opacity->setToolTip(tr("Opacity"));
    opacity->setMaximumWidth(110);
    top->addWidget(toggle, 1);
    top->addWidget(opacity);
    v->addLayout(top);
    auto* legend = new QWidget;
    auto* grid = new QVBoxLayout(legend);
    grid->setContentsMargins(20, 0, 0, 0);
    grid->setSpacing(1);
    for (const auto& entry : layer->legend()) {
        auto* line = new QHBoxLayout;
        line->addWidget(swatch(entry.colour));
        line->addWidget(new QLabel(entry.text), 1);
        grid->addLayout(line);
    }
    v->addWidget(legend);
    rows_->insertWidget(rows_->count() - 1, row);

    connect(toggle, &QCheckBox::toggled, layer, &OverlayLayer::setVisible);
    connect(opacity, &QSlider::valueChanged, layer, [layer](int v) { layer->setOpacity(v / 100.0); });
    // Follow changes made elsewhere (menu, --overlay).
    connect(layer, &OverlayLayer::changed, toggle, [toggle, opacity, layer, legend] {
        toggle->setChecked(layer->isVisible());
        opacity->setValue(qRound(layer->opacity() * 100));
        legend->setVisible(layer->isVisible() && !layer->isEmpty());
        toggle->setToolTip(layer->isEmpty() ? LayerPanel::tr("Nothing to show for this film yet") : QString());
    });
    legend->setVisible(layer->isVisible() && !layer->isEmpty());
}

void LayerPanel::addUnavailableLayer(const QString& title, const QString& reason)
{
    auto* toggle = new QCheckBox(title);
    toggle->setEnabled(false);
    toggle->setToolTip(reason);
    rows_->insertWidget(rows_->count() - 1, toggle);
}

} // namespace boneage::ui
