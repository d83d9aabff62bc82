#include "LayerPanel.h"

#include "AnchorLayer.h"
#include "AttentionLayer.h"
#include "OverlayLayer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLinearGradient>
#include <QPainter>
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

QLabel* colourBar()
{
    QPixmap p(160, 12);
    QPainter painter(&p);
    QLinearGradient g(0, 0, p.width(), 0);
    for (int i = 0; i <= 10; ++i) g.setColorAt(i / 10.0, AttentionLayer::colourAt(i / 10.0));
    painter.fillRect(p.rect(), g);
    painter.end();
    auto* label = new QLabel;
    label->setPixmap(p);
    return label;
}

// The attention row's extras: which model's map, and a colour bar instead of swatches (the values
// are continuous and relative, so the legend says low and high, not units).
void addAttentionControls(AttentionLayer* layer, QVBoxLayout* legend)
{
    auto* chooser = new QComboBox;
    chooser->setToolTip(LayerPanel::tr("Whose attention map is shown (also: click a model in the results)"));
    auto* kind = new QLabel;
    kind->setWordWrap(true);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(LayerPanel::tr("low")));
    bar->addWidget(colourBar());
    bar->addWidget(new QLabel(LayerPanel::tr("high")));
    bar->addStretch();
    legend->addWidget(chooser);
    legend->addLayout(bar);
    legend->addWidget(new QLabel(LayerPanel::tr("Relative, per model: each map's peak is high.")));
    legend->addWidget(kind);
    const auto refresh = [layer, chooser, kind] {
        const QSignalBlocker block(chooser);
        chooser->clear();
        chooser->addItems(layer->models());
        chooser->setCurrentIndex(layer->currentModel());
        kind->setText(layer->currentKind());
    };
    QObject::connect(layer, &AttentionLayer::modelsChanged, chooser, refresh);
    QObject::connect(chooser, qOverload<int>(&QComboBox::activated), layer, qOverload<int>(&AttentionLayer::showModel));
    refresh();
}

// The box layers' extras: whose boxes (only when more than one model produced them).
void addBoxControls(ExplanationBoxLayer* layer, QVBoxLayout* legend)
{
    auto* chooser = new QComboBox;
    chooser->setToolTip(LayerPanel::tr("Whose boxes are shown (also: click a model in the results)"));
    legend->addWidget(chooser);
    const auto refresh = [layer, chooser] {
        const QSignalBlocker block(chooser);
        chooser->clear();
        chooser->addItems(layer->models());
        chooser->setCurrentIndex(layer->currentModel());
        chooser->setVisible(layer->models().size() > 1);
    };
    QObject::connect(layer, &ExplanationBoxLayer::modelsChanged, chooser, refresh);
    QObject::connect(chooser, qOverload<int>(&QComboBox::activated), layer, qOverload<int>(&ExplanationBoxLayer::showModel));
    refresh();
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
    auto* attention = qobject_cast<AttentionLayer*>(layer);
    if (attention) addAttentionControls(attention, grid);
    auto* boxes = qobject_cast<ExplanationBoxLayer*>(layer);
    if (boxes) addBoxControls(boxes, grid);
    v->addWidget(legend);
    // Box layers say why they cannot be switched on ("No installed PRSNet model", "Assess the film ...").
    auto* reason = new QLabel;
    reason->setObjectName(QStringLiteral("unavailableReason"));
    reason->setWordWrap(true);
    reason->setContentsMargins(20, 0, 0, 0);
    reason->setEnabled(false);
    v->addWidget(reason);
    const auto updateReason = [toggle, reason, boxes] {
        if (!boxes) {
            reason->hide();
            return;
        }
        const QString why = boxes->unavailableReason();
        toggle->setEnabled(why.isEmpty());
        toggle->setToolTip(why);
        reason->setText(why);
        reason->setVisible(!why.isEmpty());
    };
    rows_->insertWidget(rows_->count() - 1, row);

    connect(toggle, &QCheckBox::toggled, layer, &OverlayLayer::setVisible);
    connect(opacity, &QSlider::valueChanged, layer, [layer](int v) { layer->setOpacity(v / 100.0); });
    // Follow changes made elsewhere (menu, --overlay).
    connect(layer, &OverlayLayer::changed, toggle, [toggle, opacity, layer, legend, attention, updateReason] {
        toggle->setChecked(layer->isVisible());
        opacity->setValue(qRound(layer->opacity() * 100));
        legend->setVisible(layer->isVisible() && !layer->isEmpty());
        toggle->setToolTip(layer->isEmpty() ? LayerPanel::tr("Nothing to show for this film yet") : QString());
        // The attention map exists only after an assessment: until then there is nothing to switch on.
        if (attention) {
            toggle->setEnabled(!layer->isEmpty());
            if (layer->isEmpty()) toggle->setToolTip(LayerPanel::tr("Assess the film to compute the models' attention maps"));
        }
        updateReason();
    });
    updateReason();
    legend->setVisible(layer->isVisible() && !layer->isEmpty());
    if (attention) {
        toggle->setEnabled(!layer->isEmpty());
        if (layer->isEmpty()) toggle->setToolTip(tr("Assess the film to compute the models' attention maps"));
    }
}

void LayerPanel::addUnavailableLayer(const QString& title, const QString& reason)
{
    auto* toggle = new QCheckBox(title);
    toggle->setEnabled(false);
    toggle->setToolTip(reason);
    rows_->insertWidget(rows_->count() - 1, toggle);
}

} // namespace boneage::ui
