#include "TrainingCurves.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace boneage::ui {

TrainingCurves::TrainingCurves(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    setUp(loss_, tr("Training loss"), tr("loss"));
    setUp(check_, tr("Check-set MAE"), tr("months"));
    layout->addWidget(loss_.view);
    layout->addWidget(check_.view);
}

void TrainingCurves::setUp(Plot& plot, const QString& title, const QString& yTitle)
{
    plot.chart = new QChart;
    plot.chart->setTitle(title);
    plot.chart->legend()->setAlignment(Qt::AlignBottom);
    plot.chart->setMargins(QMargins(4, 4, 4, 4));
    plot.x = new QValueAxis;
    plot.x->setTitleText(tr("epoch"));
    plot.x->setLabelFormat(QStringLiteral("%d"));
    plot.y = new QValueAxis;
    plot.y->setTitleText(yTitle);
    plot.chart->addAxis(plot.x, Qt::AlignBottom);
    plot.chart->addAxis(plot.y, Qt::AlignLeft);
    plot.view = new QChartView(plot.chart);
    plot.view->setRenderHint(QPainter::Antialiasing);
    plot.view->setMinimumSize(260, 200);
    reset(plot);
}

void TrainingCurves::reset(Plot& plot)
{
    for (auto& [name, s] : plot.series) {
        plot.chart->removeSeries(s);
        delete s;
    }
    plot.series.clear();
    plot.empty = true;
    plot.maxX = 1;
    plot.minY = 0;
    plot.maxY = 1;
    plot.x->setRange(0, 1);
    plot.x->setTickCount(2);   // whole epochs only (the labels are integers)
    plot.y->setRange(0, 1);
}

void TrainingCurves::add(Plot& plot, const QString& package, double x, double y)
{
    if (!std::isfinite(x) || !std::isfinite(y)) return;
    QLineSeries*& s = plot.series[package];
    if (!s) {
        s = new QLineSeries;
        s->setName(package);
        s->setPointsVisible(true);
        plot.chart->addSeries(s);
        s->attachAxis(plot.x);
        s->attachAxis(plot.y);
    }
    s->append(x, y);
    nameSeries(plot);
    // QValueAxis does not follow its series: the ranges grow with the points (from 0, so that a
    // change of the MAE is seen at its true size).
    plot.maxX = plot.empty ? std::max(1.0, x) : std::max(plot.maxX, x);
    plot.minY = plot.empty ? std::min(0.0, y) : std::min(plot.minY, y);
    plot.maxY = plot.empty ? y : std::max(plot.maxY, y);
    plot.empty = false;
    plot.x->setRange(0, std::ceil(plot.maxX));
    plot.x->setTickCount(std::min(11, static_cast<int>(std::ceil(plot.maxX)) + 1));
    plot.y->setRange(plot.minY, plot.maxY > plot.minY ? plot.maxY * 1.1 : plot.minY + 1);
    plot.y->applyNiceNumbers();
}

void TrainingCurves::nameSeries(Plot& plot)
{
    // Packages of one ensemble share most of their names (2mnet-compact-w50-female / -male): the
    // legend shows what differs, so that it is not cut off in a narrow chart.
    QString common;
    if (plot.series.size() > 1) {
        common = plot.series.begin()->first;
        for (const auto& [name, s] : plot.series) {
            int n = 0;
            while (n < common.size() && n < name.size() && common[n] == name[n]) ++n;
            common.truncate(n);
        }
        common.truncate(common.lastIndexOf(QLatin1Char('-')) + 1);
    }
    for (auto& [name, s] : plot.series) s->setName(common.isEmpty() ? name : QStringLiteral("…") + name.mid(common.size() - 1));
}

void TrainingCurves::clear()
{
    reset(loss_);
    reset(check_);
}

void TrainingCurves::addPoint(const QString& package, double epoch, double loss, double checkMae)
{
    add(loss_, package, epoch, loss);
    if (checkMae >= 0) add(check_, package, epoch, checkMae);
}

void TrainingCurves::setCurves(const std::string& curvesJson)
{
    clear();
    setKeypointError(false);
    const nlohmann::json j = nlohmann::json::parse(curvesJson, nullptr, false);
    if (!j.is_object()) return;
    for (const auto& [name, rows] : j.items()) {
        if (!rows.is_array()) continue;
        for (const auto& r : rows) {
            if (!r.is_object()) continue;
            const auto num = [&](const char* k) { return r.contains(k) && r[k].is_number() ? r[k].get<double>() : -1.0; };
            if (r.contains("check_error")) setKeypointError(true);
            addPoint(QString::fromStdString(name), num("epoch"), num("train_loss"), r.contains("check_error") ? num("check_error") : num("check_mae"));
        }
    }
}

void TrainingCurves::setKeypointError(bool keypointError)
{
    check_.chart->setTitle(keypointError ? tr("Check-set keypoint error") : tr("Check-set MAE"));
    check_.y->setTitleText(keypointError ? tr("fraction of the hand scale") : tr("months"));
}

int TrainingCurves::points(const Plot& plot)
{
    int n = 0;
    for (const auto& [name, s] : plot.series) n += static_cast<int>(s->count());
    return n;
}

int TrainingCurves::lossPoints() const { return points(loss_); }
int TrainingCurves::checkPoints() const { return points(check_); }

QStringList TrainingCurves::packages() const
{
    QStringList out;
    for (const auto& [name, s] : loss_.series) out << name;
    return out;
}

} // namespace boneage::ui
