#include "AtlasView.h"

#include "atlas/AtlasError.h"
#include "anatomy/GpStandards.h"
#include "imaging/Display.h"
#include "imaging/Preprocessing.h"
#include "imaging/RadiographLoader.h"
#include "inference/ModelsLocation.h"
#include "AgeText.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace boneage::ui {

namespace {

QString months(double m)
{
    return QObject::tr("%1 (%2 months)").arg(ageText(m)).arg(std::lround(m));
}

// "M 4 y 6 m (54 months)", as AtlasPlate::ageLabel writes it, in the reader's language.
QString plateLabel(const AtlasPlate& p)
{
    const QString sex = p.sex == Sex::Male     ? AtlasView::tr("M", "the sex of a boy's plate")
                        : p.sex == Sex::Female ? AtlasView::tr("F", "the sex of a girl's plate")
                                               : QString::fromLatin1(toString(p.sex));
    return AtlasView::tr("%1 %2", "a plate: its sex and its age").arg(sex, months(p.ageMonths));
}

// The hand in a film, so that the film and the plates are framed alike whatever the films' borders.
// The margin is generous: findHand's threshold can miss dim fingertips.
QRectF handRect(const Radiograph& film)
{
    try {
        const HandRegion hand = findHand(renderDisplay8(film, film.defaultDisplay()), 0.15);
        if (hand.found) return QRectF(hand.box.x, hand.box.y, hand.box.width, hand.box.height);
    } catch (const std::exception&) {
        // Framing only: the whole film will do.
    }
    return {};
}

} // namespace

// --- AtlasPane ----------------------------------------------------------------------------------

AtlasPane::AtlasPane(QWidget* parent) : RadiographView(parent) { setMinimumSize(160, 200); }

void AtlasPane::showFilm(std::shared_ptr<const Radiograph> film, QRectF reference)
{
    if (film && reference.isEmpty()) reference = QRectF(0, 0, film->width(), film->height());
    reference_ = reference;
    setRadiograph(std::move(film));
    applyFraming(framing_);
}

double AtlasPane::referenceFitZoom() const
{
    if (reference_.isEmpty()) return zoom();
    const double dpr = devicePixelRatioF();
    return 0.98 * std::min(width() * dpr / reference_.width(), height() * dpr / reference_.height());
}

AtlasPane::Framing AtlasPane::framing() const
{
    if (!radiograph() || reference_.isEmpty()) return framing_;
    Framing f;
    f.relativeZoom = zoom() / referenceFitZoom();
    const QPointF c = imagePointAt(QPointF(width() / 2.0, height() / 2.0));
    f.centre = QPointF((c.x() - reference_.x()) / reference_.width(), (c.y() - reference_.y()) / reference_.height());
    return f;
}

void AtlasPane::applyFraming(const Framing& framing)
{
    framing_ = framing;
    if (!radiograph() || reference_.isEmpty()) return;
    const QPointF middle(width() / 2.0, height() / 2.0);
    fitToWindow();
    zoomAt(framing.relativeZoom * referenceFitZoom() / zoom(), middle);
    const QPointF target(reference_.x() + framing.centre.x() * reference_.width(),
                         reference_.y() + framing.centre.y() * reference_.height());
    panBy(middle - widgetPointFor(target));
}

void AtlasPane::readerMoved()
{
    framing_ = framing();
    emit framedByReader(framing_);
}

void AtlasPane::wheelEvent(QWheelEvent* event)
{
    RadiographView::wheelEvent(event);
    readerMoved();
}

void AtlasPane::mouseMoveEvent(QMouseEvent* event)
{
    RadiographView::mouseMoveEvent(event);
    if (event->buttons() & (Qt::LeftButton | Qt::MiddleButton)) readerMoved();
}

void AtlasPane::mouseDoubleClickEvent(QMouseEvent* event)
{
    // Double-click frames the hand again, in all three views.
    if (event->button() != Qt::LeftButton) return;
    applyFraming(Framing{});
    readerMoved();
}

void AtlasPane::resizeEvent(QResizeEvent* event)
{
    RadiographView::resizeEvent(event);
    applyFraming(framing_);
}

// --- AtlasView ----------------------------------------------------------------------------------

AtlasView::AtlasView(QWidget* parent)
    : QWidget(parent)
    , message_(new QLabel)
    , notice_(new QLabel)
    , casePane_(new AtlasPane)
    , lowerPane_(new AtlasPane)
    , upperPane_(new AtlasPane)
    , caseCaption_(new QLabel)
    , lowerCaption_(new QLabel)
    , upperCaption_(new QLabel)
    , previous_(new QPushButton(tr("◀ Previous plate")))
    , next_(new QPushButton(tr("Next plate ▶")))
{
    setWindowTitle(tr("Atlas comparison (research use, not a medical device)"));
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    notice_->setWordWrap(true);
    notice_->setStyleSheet(QStringLiteral("font-style: italic;"));

    auto* panes = new QHBoxLayout;
    const auto column = [&](AtlasPane* pane, QLabel* caption, int stretch) {
        auto* box = new QVBoxLayout;
        caption->setWordWrap(true);
        caption->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        caption->setMinimumHeight(caption->fontMetrics().height() * 2 + 4);
        box->addWidget(pane, 1);
        box->addWidget(caption);
        panes->addLayout(box, stretch);
    };
    column(casePane_, caseCaption_, 1);
    column(lowerPane_, lowerCaption_, 1);
    column(upperPane_, upperCaption_, 1);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(previous_);
    buttons->addWidget(next_);
    buttons->addWidget(notice_, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(message_);
    layout->addLayout(panes, 1);
    layout->addLayout(buttons);

    connect(previous_, &QPushButton::clicked, this, &AtlasView::showPrevious);
    connect(next_, &QPushButton::clicked, this, &AtlasView::showNext);
    for (AtlasPane* pane : {casePane_, lowerPane_, upperPane_})
        connect(pane, &AtlasPane::framedByReader, this, [this, pane](const AtlasPane::Framing& f) { linkFraming(pane, f); });
    showPlates();
}

QString AtlasView::configuredAtlasFolder()
{
    const QString chosen = QSettings().value(QStringLiteral("atlas/folder")).toString();
    if (!chosen.isEmpty()) return chosen;
    return QDir(QString::fromStdString(resourcesDirectory())).filePath(QStringLiteral("atlas/rsna-reference"));
}

bool AtlasView::setAtlasFolder(const QString& folder)
{
    pack_.reset();
    packError_.clear();
    plateImages_.clear();
    try {
        pack_ = AtlasPack::load(folder.toStdString());
    } catch (const std::exception& e) {
        packError_ = tr("The atlas cannot be shown: %1. Choose an atlas folder (setting \"atlas/folder\").")
                         .arg(QString::fromStdString(e.what()));
    }
    if (pack_) {
        const QString name = QString::fromStdString(pack_->name.empty() ? folder.toStdString() : pack_->name);
        const bool reference = std::any_of(pack_->allPlates().begin(), pack_->allPlates().end(),
                                           [](const AtlasPlate& p) { return p.reference.has_value(); });
        notice_->setText(reference ? tr("%1: a reference built from labelled cases, NOT the Greulich–Pyle atlas. "
                                        "Research use, not a medical device.").arg(name)
                                   : tr("%1. Research use, not a medical device.").arg(name));
    } else {
        notice_->clear();
    }
    setCase(casePane_->radiograph(), sex_, std::nullopt, std::nullopt);
    return pack_.has_value();
}

void AtlasView::setCase(std::shared_ptr<const Radiograph> film, Sex sex, std::optional<double> boneAgeMonths,
                        std::optional<double> chronologicalAgeMonths)
{
    const bool newFilm = film != casePane_->radiograph();
    sex_ = sex;
    if (boneAgeMonths || chronologicalAgeMonths || newFilm) {
        targetMonths_ = boneAgeMonths ? boneAgeMonths : chronologicalAgeMonths;
        targetText_ = boneAgeMonths ? tr("Bone age estimate %1").arg(months(*boneAgeMonths))
                      : chronologicalAgeMonths
                          ? tr("No bone age estimate yet: the plates bracket the chronological age, %1").arg(months(*chronologicalAgeMonths))
                          : tr("No bone age estimate and no chronological age: the plates start at the youngest; "
                               "use Previous / Next");
    }
    if (newFilm) casePane_->showFilm(film, film ? handRect(*film) : QRectF());
    const QString sexText = sex == Sex::Male ? tr("male") : sex == Sex::Female ? tr("female") : tr("sex not recorded");
    const QString ageText = boneAgeMonths ? tr("bone age estimate %1").arg(months(*boneAgeMonths))
                            : chronologicalAgeMonths ? tr("chronological age %1, no estimate yet").arg(months(*chronologicalAgeMonths))
                                                     : QString();
    if (film && (boneAgeMonths || chronologicalAgeMonths || newFilm))
        caseCaption_->setText(ageText.isEmpty() ? tr("This film — %1").arg(sexText) : tr("This film — %1, %2").arg(sexText, ageText));
    if (!film) caseCaption_->clear();

    plates_.clear();
    plateImages_.clear();
    lower_ = 0;
    if (pack_ && (sex == Sex::Male || sex == Sex::Female)) {
        plates_ = pack_->plates(sex);
        const std::size_t n = plates_.size();
        if (n >= 2 && targetMonths_) {
            const AtlasBracket b = pack_->bracketing(sex, *targetMonths_);
            if (!b.below) lower_ = 0;
            else if (!b.above) lower_ = n - 2;
            else lower_ = std::min(*b.below, n - 2);   // at an exact age: that plate and the next older
        }
    }
    showPlates();
}

std::optional<AtlasPlate> AtlasView::lowerPlate() const
{
    if (lower_ < plates_.size()) return plates_[lower_];
    return std::nullopt;
}

std::optional<AtlasPlate> AtlasView::upperPlate() const
{
    if (lower_ + 1 < plates_.size()) return plates_[lower_ + 1];
    return std::nullopt;
}

bool AtlasView::canShowPrevious() const { return lower_ > 0 && !plates_.empty(); }
bool AtlasView::canShowNext() const { return lower_ + 2 < plates_.size(); }

void AtlasView::showPrevious()
{
    if (!canShowPrevious()) return;
    --lower_;
    showPlates();
}

void AtlasView::showNext()
{
    if (!canShowNext()) return;
    ++lower_;
    showPlates();
}

QString AtlasView::message() const { return message_->text(); }
QString AtlasView::lowerCaption() const { return lowerCaption_->text(); }
QString AtlasView::upperCaption() const { return upperCaption_->text(); }

QString AtlasView::plateCaption(const AtlasPlate& p) const
{
    QString text = plateLabel(p);
    if (p.reference) {
        const auto& r = *p.reference;
        text += tr(" — reference case %1, research use").arg(QString::fromStdString(r.id));
        if (r.chosenBy == "nearest age")
            text += tr("\n(its own bone age: %1, nearest in age)").arg(months(r.boneAgeMonths));
        else if (std::lround(r.boneAgeMonths) != std::lround(p.ageMonths))
            text += tr("\n(its own bone age: %1)").arg(months(r.boneAgeMonths));
    } else {
        text += QStringLiteral(" — ") + QString::fromStdString(p.source);
    }
    return text;
}

void AtlasView::showPlate(AtlasPane* pane, QLabel* caption, std::optional<std::size_t> index)
{
    if (!index || *index >= plates_.size()) {
        pane->showFilm(nullptr);
        caption->clear();
        return;
    }
    const AtlasPlate& p = plates_[*index];
    auto& image = plateImages_[*index];
    QString problem;
    if (!image) {
        try {
            image = std::make_shared<Radiograph>(loadRadiograph(pack_->imagePath(p)));
        } catch (const std::exception& e) {
            problem = tr("\nThe plate image cannot be read: %1").arg(QString::fromStdString(e.what()));
        }
    }
    pane->showFilm(image, image ? handRect(*image) : QRectF());
    pane->setToolTip(QString::fromStdString(p.source));
    caption->setText(plateCaption(p) + problem);
}

void AtlasView::showPlates()
{
    QString text;
    if (!pack_) {
        text = packError_.isEmpty() ? tr("No atlas loaded.") : packError_;
    } else if (sex_ != Sex::Male && sex_ != Sex::Female) {
        text = tr("The patient's sex is not recorded: atlas plates differ by sex. Enter it in the Assessment panel.");
    } else if (plates_.empty()) {
        text = tr("This atlas has no plates for sex %1.").arg(QString::fromLatin1(toString(sex_)));
    } else if (targetMonths_) {
        const AtlasBracket b = pack_->bracketing(sex_, *targetMonths_);
        const auto label = [this](std::size_t i) { return plateLabel(plates_[i]); };
        if (b.isExact()) text = tr("%1: at plate %2.").arg(targetText_, label(*b.below));
        else if (!b.below) text = tr("%1: younger than the youngest plate, %2.").arg(targetText_, label(*b.above));
        else if (!b.above) text = tr("%1: older than the oldest plate, %2.").arg(targetText_, label(*b.below));
        else text = tr("%1: between plates %2 and %3.").arg(targetText_, label(*b.below), label(*b.above));
    } else {
        text = targetText_;
    }
    message_->setText(text);

    const bool any = pack_ && !plates_.empty();
    showPlate(lowerPane_, lowerCaption_, any ? std::optional<std::size_t>(lower_) : std::nullopt);
    showPlate(upperPane_, upperCaption_, any ? std::optional<std::size_t>(lower_ + 1) : std::nullopt);
    previous_->setEnabled(canShowPrevious());
    next_->setEnabled(canShowNext());
    // New plates take the framing the reader is looking at.
    linkFraming(casePane_->radiograph() ? casePane_ : lowerPane_,
                (casePane_->radiograph() ? casePane_ : lowerPane_)->framing());
}

void AtlasView::linkFraming(AtlasPane* from, const AtlasPane::Framing& framing)
{
    if (linking_) return;
    linking_ = true;
    for (AtlasPane* pane : {casePane_, lowerPane_, upperPane_})
        if (pane != from) pane->applyFraming(framing);
    linking_ = false;
}

QImage AtlasView::grabImage()
{
    QImage image = grab().toImage();
    QPainter painter(&image);
    for (AtlasPane* pane : {casePane_, lowerPane_, upperPane_})
        painter.drawImage(QRect(pane->mapTo(this, QPoint(0, 0)), pane->size()), pane->grabFramebuffer());
    return image;
}

} // namespace boneage::ui
