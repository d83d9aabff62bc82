#pragma once
// One paired comparison on the check set, as the reader judges it (issue 16): MAE and bias of the
// model in use and of the candidate, both by age band, the 95 % interval of the MAE difference with
// the verdict, and a Bland-Altman plot (each model's estimate minus the reference against their mean,
// with each model's bias and 95 % limits of agreement).
#include "workspace/CheckSetComparison.h"

#include <QWidget>

class QChart;
class QLabel;
class QScatterSeries;
class QTableWidget;
class QValueAxis;

namespace boneage::ui {

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);

    void clear(const QString& note = {});
    void showComparison(const CheckSetComparison& comparison);

    // "the installed models" or "model version N".
    static QString versionName(std::optional<int> version);

    QLabel* summary() const { return summary_; }
    QTableWidget* bands() const { return bands_; }
    QChart* blandAltman() const { return chart_; }
    int plottedCases(bool candidate) const;   // points of one model's series

private:
    QLabel* summary_;
    QTableWidget* bands_;
    QChart* chart_;
    QValueAxis *x_, *y_;
    QScatterSeries* points_[2] = {nullptr, nullptr};   // in use, candidate
};

} // namespace boneage::ui
