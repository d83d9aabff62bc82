#include "RoiGallery.h"

#include "imaging/Display.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace boneage::ui {

// One ROI: its patch, a frame (selection; colour by weight when a model reported one) and a caption.
class RoiTile : public QWidget {
public:
    RoiTile(RoiGallery* gallery, QString name) : QWidget(gallery), gallery_(gallery), name_(std::move(name))
    {
        setFixedSize(RoiGallery::kTileSize + 8, RoiGallery::kTileSize + 34);
        setCursor(Qt::PointingHandCursor);
        setToolTip(name_);
    }
    const QString& name() const { return name_; }
    QImage patch;
    QString caption;
    QColor frame;       // invalid: no weight shown
    bool selected = false;
    QPointF centre;

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        const QRect box(4, 4, RoiGallery::kTileSize, RoiGallery::kTileSize);
        p.fillRect(box, Qt::black);
        if (!patch.isNull()) p.drawImage(box, patch);
        else p.drawText(box, Qt::AlignCenter | Qt::TextWordWrap, RoiGallery::tr("not placed"));
        if (frame.isValid()) p.setPen(QPen(frame, 4));
        else p.setPen(QPen(palette().color(QPalette::Mid), 1));
        p.drawRect(box.adjusted(-1, -1, 1, 1));
        if (selected) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine));
            p.drawRect(rect().adjusted(1, 1, -2, -2));
        }
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(2, RoiGallery::kTileSize + 8, width() - 4, 26), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, caption);
    }
    void mousePressEvent(QMouseEvent* e) override
    {
        if (e->button() != Qt::LeftButton) return;
        gallery_->selectRoi(name_);
        if (!patch.isNull()) emit gallery_->roiActivated(name_, centre);
    }

private:
    RoiGallery* gallery_;
    QString name_;
};

RoiGallery::RoiGallery(QWidget* parent) : QWidget(parent)
{
    redraw_ = new QTimer(this);
    redraw_->setSingleShot(true);
    redraw_->setInterval(40);
    connect(redraw_, &QTimer::timeout, this, &RoiGallery::rebuildPatches);
    auto* layout = new QVBoxLayout(this);
    heading_ = new QLabel;
    heading_->setWordWrap(true);
    heading_->setTextFormat(Qt::RichText);
    layout->addWidget(heading_);
    grid_ = new QGridLayout;
    grid_->setSpacing(2);
    layout->addLayout(grid_);
    const auto& schema = tw3RoiSchema();
    for (size_t i = 0; i < schema.size(); ++i) {
        auto* tile = new RoiTile(this, QString::fromStdString(schema[i].name));
        tiles_.push_back(tile);
        grid_->addWidget(tile, static_cast<int>(i / 6), static_cast<int>(i % 6));
    }
    // Staging the selected bone: one button per TW3 stage, and one that clears it.
    stageRow_ = new QWidget;
    auto* row = new QHBoxLayout(stageRow_);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Stage:")));
    stages_ = new QButtonGroup(this);
    stages_->setExclusive(false);
    const QString letters = QStringLiteral("ABCDEFGHI");
    for (int k = 0; k < letters.size(); ++k) {
        auto* b = new QToolButton;
        b->setText(letters.mid(k, 1));
        b->setCheckable(true);
        b->setObjectName(QStringLiteral("stage-") + letters.mid(k, 1));
        stages_->addButton(b, k + 1);
        row->addWidget(b);
    }
    auto* clear = new QToolButton;
    clear->setText(tr("Clear"));
    clear->setObjectName(QStringLiteral("stage-clear"));
    stages_->addButton(clear, 0);
    row->addWidget(clear);
    row->addStretch();
    layout->addWidget(stageRow_);
    layout->addStretch();
    connect(stages_, &QButtonGroup::idClicked, this, [this](int id) {
        if (selected_.isEmpty()) return;
        emit stageChosen(selected_, id == 0 ? char(0) : char('A' + id - 1));
        updateStageButtons();   // the editor's answer (setAnnotation) checks the right one
    });
    refreshCaptions();
}

void RoiGallery::setRadiograph(std::shared_ptr<const Radiograph> radiograph)
{
    radiograph_ = std::move(radiograph);
    film_.release();   // never matched by address against a later film
    filmOf_ = nullptr;
    if (radiograph_) display_ = radiograph_->defaultDisplay();
    rebuildPatches();
}

void RoiGallery::setDisplay(const DisplayTransform& display)
{
    display_ = display;
    scheduleRebuild();
}

void RoiGallery::scheduleRebuild() { redraw_->start(); }

void RoiGallery::setRois(const std::vector<Tw3Roi>& rois)
{
    rois_ = rois;
    rebuildPatches();
}

void RoiGallery::setAnnotation(const CaseAnnotation* annotation)
{
    items_.clear();
    if (annotation)
        for (const AnnotationItem& item : annotation->items)
            if (item.kind == ItemKind::Roi) items_[item.name] = item;
    refreshCaptions();
    updateStageButtons();
}

void RoiGallery::setContributions(const std::map<std::string, double>& months, const QString& modelId)
{
    contributions_ = months;
    contributionModel_ = modelId;
    refreshCaptions();
}

int RoiGallery::tileCount() const { return static_cast<int>(tiles_.size()); }

QImage RoiGallery::patchOf(const QString& name)
{
    if (redraw_->isActive()) {
        redraw_->stop();
        rebuildPatches();
    }
    for (const RoiTile* t : tiles_)
        if (t->name() == name) return t->patch;
    return {};
}

QString RoiGallery::captionOf(const QString& name) const
{
    for (const RoiTile* t : tiles_)
        if (t->name() == name) return t->caption;
    return {};
}

void RoiGallery::selectRoi(const QString& name)
{
    selected_ = name;
    for (RoiTile* t : tiles_) {
        t->selected = t->name() == name;
        t->update();
    }
    updateStageButtons();
}

void RoiGallery::rebuildPatches()
{
    redraw_->stop();
    const auto same = [](const DisplayTransform& a, const DisplayTransform& b) {
        return a.kind == b.kind && a.center == b.center && a.width == b.width && a.lutIndex == b.lutIndex && a.invert == b.invert;
    };
    if (!radiograph_) {
        film_.release();
        filmOf_ = nullptr;
    } else if (!rois_.empty() && (film_.empty() || filmOf_ != radiograph_.get() || !same(filmDisplay_, display_))) {
        film_ = renderDisplay8(*radiograph_, display_);
        filmOf_ = radiograph_.get();
        filmDisplay_ = display_;
    }
    const cv::Mat film = radiograph_ && !rois_.empty() ? film_ : cv::Mat();
    for (RoiTile* t : tiles_) {
        t->patch = QImage();
        const auto it = std::find_if(rois_.begin(), rois_.end(), [&](const Tw3Roi& r) { return QString::fromStdString(r.name) == t->name(); });
        if (!film.empty() && it != rois_.end() && it->side() > 0) {
            // Upright with its bone, never mirrored: the reader sees the film's own hand.
            Tw3Roi shown = *it;
            shown.mirrored = false;
            const cv::Mat p = extractRoiPatch(film, shown, kTileSize);
            t->patch = QImage(p.data, p.cols, p.rows, static_cast<int>(p.step), QImage::Format_Grayscale8).copy();
            t->centre = QPointF(it->cx(), it->cy());
        }
        t->update();
    }
    refreshCaptions();
}

void RoiGallery::refreshCaptions()
{
    double largest = 0;
    for (const auto& [name, m] : contributions_) largest = std::max(largest, std::abs(m));
    for (RoiTile* t : tiles_) {
        const std::string name = t->name().toStdString();
        QStringList parts{t->name()};
        const auto roi = std::find_if(rois_.begin(), rois_.end(), [&](const Tw3Roi& r) { return r.name == name; });
        if (roi != rois_.end()) parts << tr("%1 px").arg(std::lround(roi->side()));
        if (const auto it = items_.find(name); it != items_.end()) {
            parts << QString::fromUtf8(toString(it->second.state));
            if (it->second.stage) parts << tr("stage %1").arg(QChar(it->second.stage));
        }
        t->frame = QColor();
        if (const auto c = contributions_.find(name); c != contributions_.end()) {
            parts << tr("%1%2 mo").arg(c->second >= 0 ? QStringLiteral("+") : QString()).arg(c->second, 0, 'f', 1);
            // Weight as colour: pale to saturated orange with the share of the largest |contribution|.
            const double share = largest > 0 ? std::abs(c->second) / largest : 0;
            t->frame = QColor::fromHsvF(0.08, 0.15 + 0.85 * share, 1.0);
        }
        t->caption = parts.join(QStringLiteral(" · "));
        t->update();
    }
    // The heading: what the gallery shows, and the ROIs that weighed most, ranked.
    QString text = tr("<b>TW3 ROIs</b> at film resolution, upright with their bones; click one to centre the view on it.");
    if (rois_.empty()) text += QStringLiteral("<br>") + tr("No ROIs: the hand was not found or no case is open.");
    if (!contributions_.empty()) {
        std::vector<std::pair<double, std::string>> ranked;
        for (const auto& [name, m] : contributions_) ranked.emplace_back(std::abs(m), name);
        std::sort(ranked.rbegin(), ranked.rend());
        QStringList top;
        for (size_t i = 0; i < std::min<size_t>(5, ranked.size()); ++i)
            top << QStringLiteral("%1 (%2 mo)").arg(QString::fromStdString(ranked[i].second)).arg(contributions_.at(ranked[i].second), 0, 'f', 1);
        text += QStringLiteral("<br>") + tr("Weighed most for %1 (estimate minus the estimate with the ROI masked): %2")
                                             .arg(contributionModel_.toHtmlEscaped(), top.join(QStringLiteral(", ")));
    }
    heading_->setText(text);
}

void RoiGallery::updateStageButtons()
{
    const auto it = items_.find(selected_.toStdString());
    const bool stageable = it != items_.end() && it->second.placed && !it->second.locked;
    stageRow_->setEnabled(stageable);
    for (QAbstractButton* b : stages_->buttons()) {
        const int id = stages_->id(b);
        b->setChecked(it != items_.end() && id > 0 && it->second.stage == char('A' + id - 1));
    }
}

} // namespace boneage::ui
