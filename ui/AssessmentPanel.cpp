#include "AssessmentPanel.h"

#include "anatomy/GpStandards.h"
#include "AgeText.h"
#include "Settings.h"

#include <QComboBox>
#include <QDoubleValidator>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace boneage::ui {

namespace {

QString months(double m) { return QString::number(m, 'f', 1); }
QString yearsMonths(double m) { return ageText(m); }
QString signedMonths(double m) { return (m >= 0 ? QStringLiteral("+") : QString()) + months(m); }

} // namespace

AssessmentPanel::AssessmentPanel(QWidget* parent)
    : QWidget(parent)
    , patient_(new QLabel)
    , sex_(new QComboBox)
    , birthDate_(new QLineEdit)
    , studyDate_(new QLineEdit)
    , age_(new QLineEdit)
    , ageSource_(new QLabel)
    , request_(new QLabel)
    , assess_(new QPushButton(tr("Assess")))
    , cancel_(new QPushButton(tr("Cancel")))
    , assessAnyway_(new QPushButton(tr("Assess anyway (review required)")))
    , progress_(new QProgressBar)
    , device_(new QLabel)
    , models_(new QTableWidget(0, 4))
    , summary_(new QLabel)
    , disclaimer_(new QLabel(tr("Research use, not a medical device. Results must be reviewed by a radiologist.")))
{
    sex_->addItem(tr("Not recorded: choose"));
    sex_->addItem(tr("Male"));
    sex_->addItem(tr("Female"));
    birthDate_->setPlaceholderText(tr("YYYY-MM-DD"));
    studyDate_->setPlaceholderText(tr("YYYY-MM-DD"));
    age_->setPlaceholderText(tr("months"));
    age_->setValidator(new QDoubleValidator(0, 300, 1, age_));
    ageSource_->setWordWrap(true);
    ageSource_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    request_->setWordWrap(true);
    request_->setStyleSheet(QStringLiteral("color: #c05000; font-weight: bold;"));
    progress_->setTextVisible(true);
    cancel_->setEnabled(false);
    models_->setHorizontalHeaderLabels({tr("Model"), tr("Months"), tr("Bone age"), tr("Time")});
    models_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    models_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    models_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    models_->setWordWrap(false);
    models_->setTextElideMode(Qt::ElideMiddle);
    models_->verticalHeader()->hide();
    models_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    models_->setSelectionMode(QAbstractItemView::NoSelection);
    models_->setMaximumHeight(110);
    // A click on a model's row chooses whose attention map the overlay shows.
    connect(models_, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (QTableWidgetItem* item = models_->item(row, 0)) emit modelChosen(item->text());
    });
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    disclaimer_->setWordWrap(true);
    disclaimer_->setStyleSheet(QStringLiteral("font-weight: bold; color: #b00000;"));

    auto* patientBox = new QGroupBox(tr("Patient and study"));
    auto* form = new QFormLayout(patientBox);
    form->addRow(tr("Patient"), patient_);
    form->addRow(tr("Sex"), sex_);
    form->addRow(tr("Birth date"), birthDate_);
    form->addRow(tr("Study date"), studyDate_);
    form->addRow(tr("Chronological age"), age_);
    form->addRow(QString(), ageSource_);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(assess_);
    buttons->addWidget(cancel_);
    buttons->addWidget(assessAnyway_);
    assessAnyway_->setToolTip(tr("Estimate the bone age although no hand was recognised; the result stays marked for review."));
    auto* resultBox = new QGroupBox(tr("Bone age"));
    auto* results = new QVBoxLayout(resultBox);
    results->addWidget(request_);
    results->addLayout(buttons);
    results->addWidget(progress_);
    results->addWidget(device_);
    results->addWidget(models_);
    results->addWidget(summary_);
    results->addWidget(disclaimer_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(patientBox);
    layout->addWidget(resultBox);
    layout->addStretch();

    connect(assess_, &QPushButton::clicked, this, &AssessmentPanel::assessRequested);
    connect(cancel_, &QPushButton::clicked, this, &AssessmentPanel::cancelRequested);
    connect(assessAnyway_, &QPushButton::clicked, this, &AssessmentPanel::forcedAssessmentRequested);
    connect(sex_, &QComboBox::currentIndexChanged, this, &AssessmentPanel::readPatientFields);
    for (QLineEdit* e : {birthDate_, studyDate_, age_})
        connect(e, &QLineEdit::editingFinished, this, &AssessmentPanel::readPatientFields);
    showCase(nullptr);
}

void AssessmentPanel::showCase(std::shared_ptr<RadiographCase> c)
{
    case_ = std::move(c);
    const QSignalBlocker b(sex_);
    const Radiograph* r = case_ ? case_->radiograph.get() : nullptr;
    const RadiographMetadata* m = r ? &r->metadata : nullptr;
    patient_->setText(case_ ? case_->patientLabel() : QString());
    sex_->setCurrentIndex(!case_ ? 0 : case_->sex == Sex::Male ? 1 : case_->sex == Sex::Female ? 2 : 0);
    birthDate_->setText(case_ && case_->birthDate ? QString::fromStdString(case_->birthDate->toIso()) : QString());
    studyDate_->setText(case_ && case_->studyDate ? QString::fromStdString(case_->studyDate->toIso()) : QString());
    age_->setText(case_ && case_->chronologicalAgeMonths ? months(*case_->chronologicalAgeMonths) : QString());
    // What the file records is shown, not edited: a correction belongs in the PACS.
    sex_->setEnabled(m && m->sex == Sex::Unknown);
    birthDate_->setReadOnly(!m || m->birthDate.has_value());
    studyDate_->setReadOnly(!m || m->studyDate.has_value());
    age_->setReadOnly(!m || m->chronologicalAgeMonths.has_value());
    refreshResults();
    refreshState();
}

void AssessmentPanel::readPatientFields()
{
    if (!case_ || !case_->radiograph) return;
    const Sex sex = sex_->currentIndex() == 1 ? Sex::Male : sex_->currentIndex() == 2 ? Sex::Female : Sex::Unknown;
    const bool sexChanged = sex != case_->sex;
    case_->sex = sex;
    case_->birthDate = Date::fromIso(birthDate_->text().trimmed().toStdString());
    case_->studyDate = Date::fromIso(studyDate_->text().trimmed().toStdString());
    if (!age_->isReadOnly()) {
        const auto before = case_->chronologicalAgeMonths;
        bool ok = false;
        const double typed = age_->text().toDouble(&ok);
        case_->chronologicalAgeMonths = ok ? std::optional<double>(typed) : std::nullopt;
        if (case_->chronologicalAgeMonths != before) case_->ageSource = tr("entered");
        case_->updateAgeFromDates();
        if (case_->chronologicalAgeMonths) age_->setText(months(*case_->chronologicalAgeMonths));
    }
    if (sexChanged && case_->assessment) {
        // Estimates were made for the other sex's standard: they no longer apply.
        case_->assessment.reset();
        case_->status = RadiographCase::Status::Open;
    }
    refreshResults();
    refreshState();
    emit patientDataEdited();
}

void AssessmentPanel::setInstalledModels(int count, const QString& directory)
{
    installedModels_ = count;
    modelsDirectory_ = directory;
    refreshState();
}

void AssessmentPanel::setRunning(bool running)
{
    running_ = running;
    if (running) progress_->setValue(0);
    refreshState();
}

void AssessmentPanel::setProgress(int done, int total, const QString& step)
{
    progress_->setMaximum(qMax(1, total));
    progress_->setValue(done);
    progress_->setFormat(step.isEmpty() ? tr("%v of %m") : tr("%v of %m: %1").arg(step));
}

void AssessmentPanel::setDevice(const QString& device)
{
    device_->setText(tr("Device: %1").arg(device));
}

QString AssessmentPanel::blockingReason() const
{
    if (!case_) return tr("Open a radiograph to assess.");
    if (!case_->radiograph) return tr("This file cannot be read: %1").arg(case_->error);
    if (installedModels_ == 0)
        return tr("No bone age model is installed in %1. Install a model package there.").arg(modelsDirectory_);
    if (case_->sex == Sex::Unknown)
        return tr("The patient's sex is not recorded in the file. Choose it above: the bone age standards "
                  "differ for boys and girls, so the workstation will not guess it.");
    return {};
}

void AssessmentPanel::refreshState()
{
    const QString reason = blockingReason();
    request_->setText(reason);
    request_->setVisible(!reason.isEmpty() && case_ != nullptr);
    assess_->setEnabled(reason.isEmpty() && !running_);
    cancel_->setEnabled(running_);
    // Offered only where the hand check withheld the result: never the first choice.
    const Assessment* a = case_ && case_->assessment ? &*case_->assessment : nullptr;
    assessAnyway_->setVisible(a && a->withheld && (a->hasFlag("no_hand") || a->hasFlag("hand_not_checked")));
    assessAnyway_->setEnabled(reason.isEmpty() && !running_);
    progress_->setVisible(running_);
    ageSource_->setText(case_ && case_->chronologicalAgeMonths && !case_->ageSource.isEmpty()
                            ? tr("From %1").arg(case_->ageSource)
                            : QString());
}

void AssessmentPanel::refreshResults()
{
    models_->setRowCount(0);
    summary_->clear();
    const Assessment* a = case_ && case_->assessment ? &*case_->assessment : nullptr;
    models_->setVisible(a != nullptr && !a->models.empty());
    disclaimer_->setVisible(a != nullptr);
    if (case_ && case_->status == RadiographCase::Status::Failed) {
        summary_->setText(tr("<b>The assessment failed:</b> %1").arg(case_->error.toHtmlEscaped()));
        return;
    }
    if (!a) return;
    for (const auto& m : a->models) {
        const int row = models_->rowCount();
        models_->insertRow(row);
        const auto& e = m.estimate;
        models_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(e.modelId)));
        models_->item(row, 0)->setToolTip(QString::fromStdString(m.package));
        models_->setItem(row, 1, new QTableWidgetItem(months(e.boneAgeMonths)));
        models_->setItem(row, 2, new QTableWidgetItem(yearsMonths(e.boneAgeMonths)));
        models_->setItem(row, 3, new QTableWidgetItem(tr("%1 ms").arg(qRound(m.loadMilliseconds + e.prepareMilliseconds + e.inferenceMilliseconds))));
        models_->item(row, 3)->setToolTip(tr("load %1 ms, preprocessing %2 ms, network %3 ms")
                                              .arg(qRound(m.loadMilliseconds))
                                              .arg(qRound(e.prepareMilliseconds))
                                              .arg(qRound(e.inferenceMilliseconds)));
    }
    QStringList lines;
    if (a->reviewRequired()) lines << reviewText(*a);
    const auto boneAge = a->boneAgeMonths();
    if (boneAge) {
        QString line = tr("<b>Bone age %1 months (%2)</b>").arg(months(*boneAge), yearsMonths(*boneAge));
        if (a->ensemble && a->ensemble->weighted)
            line += tr(": weighted mean of %n model(s) (weights in the settings), spread %1 months", nullptr,
                       static_cast<int>(a->ensemble->models))
                        .arg(months(a->ensemble->spreadMonths));
        else if (a->ensemble && a->ensemble->fitted)
            line += tr(": fitted ensemble of %1 models, spread %2 months").arg(a->ensemble->models).arg(months(a->ensemble->spreadMonths));
        else if (a->ensemble)
            line += tr(": mean of %1 models, spread %2 months").arg(a->ensemble->models).arg(months(a->ensemble->spreadMonths));
        lines << line;
        if (const auto& i = a->interval)
            lines << tr("%1 % prediction interval: %2 to %3 months (%4 to %5), calibrated on held-out films")
                         .arg(qRound(100 * i->nominal))
                         .arg(months(qMax(0.0, i->lowerMonths)), months(i->upperMonths), yearsMonths(qMax(0.0, i->lowerMonths)),
                              yearsMonths(i->upperMonths));
        else if (!a->intervalNote.empty())
            lines << tr("No prediction interval: %1").arg(QString::fromStdString(a->intervalNote).toHtmlEscaped());
    }
    const auto age = case_->chronologicalAgeMonths;
    const bool ageUsable = age && chronologicalAgeProblem(*age).empty();
    if (boneAge && age && !ageUsable) {
        lines << (*age < 0 ? tr("<span style=\"color:#c05000\">No SDS: the study date is before the birth date. Correct the dates to "
                               "compare the bone age with the chronological age.</span>")
                           : tr("<span style=\"color:#c05000\">No SDS: a chronological age of %1 lies outside the 0 to 20 years "
                               "that the standards cover. Check the birth and study dates.</span>")
                                 .arg(yearsMonths(*age)));
    } else if (boneAge && age) {
        // From the case's age, which the reader may have corrected since the run.
        const BoneAgeComparison c = compareWithChronologicalAge(*boneAge, *age, a->sex);
        // Green only for a result nothing stands against: a forced estimate is never shown as "normal" in green.
        const QString colour = c.maturity == MaturityClass::Normal && !a->reviewRequired() ? QStringLiteral("#208020")
                                                                                           : QStringLiteral("#c05000");
        const QString verdict = c.maturity == MaturityClass::Delayed    ? tr("delayed (below -2 SD)")
                                : c.maturity == MaturityClass::Advanced ? tr("advanced (above +2 SD)")
                                                                        : tr("normal (within ±2 SD)");
        lines << tr("Chronological age %1 months (%2)").arg(months(*age), yearsMonths(*age));
        lines << tr("Difference %1 months, SDS %2 (Greulich-Pyle SD %3 months): <b><span style=\"color:%4\">%5</span></b>")
                     .arg(signedMonths(c.differenceMonths), (c.sds >= 0 ? QStringLiteral("+") : QString()) + QString::number(c.sds, 'f', 2), months(c.standardDeviation), colour, verdict);
    } else if (boneAge) {
        lines << tr("Chronological age unknown: enter the birth and study dates or the age to compare.");
    }
    if (!case_->producedBy.isEmpty()) lines << tr("Model: %1").arg(case_->producedBy.toHtmlEscaped());
    if (a->landmarks && a->landmarks->handFound)
        lines << tr("Hand landmarks found (confidence %1)").arg(a->landmarks->confidence, 0, 'f', 2);
    if (case_->radiograph && case_->radiograph->metadata.readInverted)
        lines << tr("Read inverted: bone was darker than soft tissue (an inverted export)");
    if (a->landmarks && a->landmarks->handFound && a->landmarks->toneStretchGamma > 0)
        lines << tr("Hand found on the film's tone stretched (a dark or flat export): check the keypoints");
    for (const auto& skipped : a->skippedPackages) lines << tr("Model skipped: %1").arg(QString::fromStdString(skipped).toHtmlEscaped());
    summary_->setText(lines.join(QStringLiteral("<br>")));
    if (!a->device().empty()) setDevice(a->device() == "cuda" ? tr("GPU (CUDA)") : tr("CPU"));
}

QString AssessmentPanel::reviewText(const Assessment& a) const
{
    QStringList why;
    for (const auto& f : a.reviewFlags) {
        if (f.code == "no_hand")
            why << tr("No hand was recognised on this image (%1). Check that it is a hand radiograph, upright and uncropped.")
                       .arg(QString::fromStdString(a.landmarks ? a.landmarks->problem : std::string()).toHtmlEscaped());
        else if (f.code == "hand_not_checked")
            why << tr("The hand could not be checked: no hand landmark model is installed or it could not run.");
        else if (f.code == "no_plausible_estimate")
            why << tr("No model gave an estimate within 0 to 20 years.");
        else if (f.code == "interval_too_wide" && a.interval)
            why << tr("The models are unsure of this case: the %1 % interval is %2 months wide, more than the %3 months set in the settings.")
                       .arg(qRound(100 * a.interval->nominal))
                       .arg(months(a.interval->widthMonths()))
                       .arg(Settings::maxIntervalWidthMonths(), 0, 'f', 0);
    }
    for (const auto& e : a.refusedEstimates)
        why << tr("%1 estimated %2 months, outside 0 to 20 years: not used.")
                   .arg(QString::fromStdString(e.modelId).toHtmlEscaped(), months(e.boneAgeMonths));
    const QString head = a.withheld ? tr("Review required: no bone age is reported.")
                         : a.forced ? tr("Review required: estimated at your request although no hand was recognised.")
                                    : tr("Review required.");
    return QStringLiteral("<span style=\"color:#c05000\"><b>%1</b><br>%2</span>").arg(head, why.join(QStringLiteral("<br>")));
}

QString AssessmentPanel::resultText() const { return summary_->text(); }

} // namespace boneage::ui
