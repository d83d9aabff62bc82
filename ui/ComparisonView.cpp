#include "ComparisonView.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace boneage::ui {

namespace {

QString signedMonths(double v) { return (v >= 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', 2); }

struct Agreement {
    double bias = 0, sd = 0;
};

Agreement agreementOf(const std::vector<PairedCase>& cases, bool candidate)
{
    Agreement a;
    if (cases.empty()) return a;
    for (const PairedCase& c : cases) a.bias += (candidate ? c.candidate : c.active) - c.reference;
    a.bias /= static_cast<double>(cases.size());
    for (const PairedCase& c : cases) a.sd += std::pow((candidate ? c.candidate : c.active) - c.reference - a.bias, 2);
    a.sd = cases.size() > 1 ? std::sqrt(a.sd / static_cast<double>(cases.size() - 1)) : 0;
    return a;
}

} // namespace

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent), summary_(new QLabel), bands_(new QTableWidget(0, 5)), chart_(new QChart), x_(new QValueAxis), y_(new QValueAxis)
{
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    summary_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);   // every line of the verdict stays visible
    bands_->setHorizontalHeaderLabels({tr("Age band"), tr("Cases"), tr("MAE in use"), tr("MAE candidate"), tr("Bias in use / candidate")});
    bands_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    bands_->horizontalHeader()->setStretchLastSection(true);
    bands_->verticalHeader()->hide();
    bands_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    bands_->setMinimumWidth(380);
    chart_->setTitle(tr("Bland-Altman: each model against the reference (the mean reading)"));
    chart_->legend()->setAlignment(Qt::AlignBottom);
    x_->setTitleText(tr("mean of model and reference (months)"));
    x_->setLabelFormat(QStringLiteral("%.0f"));
    y_->setLabelFormat(QStringLiteral("%.0f"));
    y_->setTitleText(tr("model − reference (months)"));
    chart_->addAxis(x_, Qt::AlignBottom);
    chart_->addAxis(y_, Qt::AlignLeft);
    auto* view = new QChartView(chart_);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(360, 260);
    auto* below = new QHBoxLayout;
    below->addWidget(bands_, 2);
    below->addWidget(view, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addLayout(below, 1);
    clear();
}

QString ComparisonView::versionName(std::optional<int> version)
{
    return version ? tr("model version %1").arg(*version) : tr("the installed models");
}

void ComparisonView::clear(const QString& note)
{
    summary_->setText(note.isEmpty() ? tr("Select a finished version and press Compare: it is measured against the model in use "
                                          "on the workspace's check set.")
                                     : note);
    bands_->setRowCount(0);
    chart_->removeAllSeries();
    points_[0] = points_[1] = nullptr;
    x_->setRange(0, 240);
    y_->setRange(-24, 24);
}

void ComparisonView::showComparison(const CheckSetComparison& c)
{
    clear();
    const PairedComparison& r = c.result;
    const QString active = versionName(c.activeVersion), candidate = versionName(c.candidateVersion);
    QStringList lines;
    lines << tr("Check set: %n case(s) compared", nullptr, r.active.n) +
                 (c.skipped ? tr(", %n skipped (the film could not be assessed)", nullptr, c.skipped) : QString());
    lines << tr("In use (%1): MAE %2 months, bias %3 months").arg(active).arg(r.active.mae, 0, 'f', 2).arg(signedMonths(r.active.bias));
    lines << tr("Candidate (%1): MAE %2 months, bias %3 months")
                 .arg(candidate)
                 .arg(r.candidate.mae, 0, 'f', 2)
                 .arg(signedMonths(r.candidate.bias));
    lines << tr("MAE difference (candidate − in use) %1 months, 95 % interval [%2, %3] (paired bootstrap, %4 resamples)")
                 .arg(signedMonths(r.meanDifference), signedMonths(r.lower), signedMonths(r.upper))
                 .arg(r.resamples);
    lines << (r.candidateIsBetter()
                  ? tr("<b><span style=\"color:#208020\">Better: the whole interval lies below 0. It may be promoted.</span></b>")
                  : tr("<b><span style=\"color:#c05000\">Not shown to be better: the interval's upper bound is not below 0. "
                       "Promotion needs an override with a written reason.</span></b>"));
    summary_->setText(lines.join(QStringLiteral("<br>")));

    for (const AgeBandComparison& b : r.byAgeBand) {
        const int row = bands_->rowCount();
        bands_->insertRow(row);
        bands_->setItem(row, 0, new QTableWidgetItem(tr("%1–%2 years").arg(b.fromYears).arg(b.toYears)));
        bands_->setItem(row, 1, new QTableWidgetItem(QString::number(b.active.n)));
        bands_->setItem(row, 2, new QTableWidgetItem(QString::number(b.active.mae, 'f', 2)));
        bands_->setItem(row, 3, new QTableWidgetItem(QString::number(b.candidate.mae, 'f', 2)));
        bands_->setItem(row, 4, new QTableWidgetItem(tr("%1 / %2").arg(signedMonths(b.active.bias), signedMonths(b.candidate.bias))));
    }

    double minX = 1e9, maxX = -1e9, minY = -1, maxY = 1;
    for (const PairedCase& p : c.cases)
        for (double m : {p.active, p.candidate}) {
            minX = std::min(minX, (m + p.reference) / 2);
            maxX = std::max(maxX, (m + p.reference) / 2);
            minY = std::min(minY, m - p.reference);
            maxY = std::max(maxY, m - p.reference);
        }
    if (c.cases.empty()) return;
    const QColor colours[2] = {QColor(0x30, 0x60, 0xc0), QColor(0xd0, 0x60, 0x10)};
    for (const bool isCandidate : {false, true}) {
        auto* points = new QScatterSeries;
        points->setName(isCandidate ? tr("candidate: %1").arg(candidate) : tr("in use: %1").arg(active));
        points->setMarkerSize(8);
        points->setColor(colours[isCandidate]);
        points->setBorderColor(colours[isCandidate]);
        for (const PairedCase& p : c.cases) {
            const double m = isCandidate ? p.candidate : p.active;
            points->append((m + p.reference) / 2, m - p.reference);
        }
        chart_->addSeries(points);
        points_[isCandidate] = points;
        points->attachAxis(x_);
        points->attachAxis(y_);
        // The bias (solid) and the 95 % limits of agreement (bias ± 1.96 SD, dashed).
        const Agreement a = agreementOf(c.cases, isCandidate);
        for (const double k : {0.0, -1.96, 1.96}) {
            const double y = a.bias + k * a.sd;
            auto* line = new QLineSeries;
            line->append(minX, y);
            line->append(maxX, y);
            QPen pen(colours[isCandidate]);
            pen.setWidthF(1.5);
            if (k != 0) pen.setStyle(Qt::DashLine);
            line->setPen(pen);
            chart_->addSeries(line);
            line->attachAxis(x_);
            line->attachAxis(y_);
            chart_->legend()->markers(line).constFirst()->setVisible(false);
            minY = std::min(minY, y);
            maxY = std::max(maxY, y);
        }
    }
    const double padX = std::max(1.0, (maxX - minX) * 0.05), padY = std::max(1.0, (maxY - minY) * 0.08);
    x_->setRange(minX - padX, maxX + padX);
    y_->setRange(minY - padY, maxY + padY);
    x_->applyNiceNumbers();
    y_->applyNiceNumbers();
}

int ComparisonView::plottedCases(bool candidate) const
{
    const QScatterSeries* s = points_[candidate ? 1 : 0];
    return s ? static_cast<int>(s->count()) : 0;
}

} // namespace boneage::ui
