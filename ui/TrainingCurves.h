#pragma once
// A training run's curves (Qt Charts): the training loss and the check-set MAE per epoch, one line
// per package (e.g. the boys' and the girls' model of a per-sex pair). Filled point by point while a
// job runs, or at once from a version's stored curves.
#include <QString>
#include <QWidget>

#include <map>
#include <string>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace boneage::ui {

class TrainingCurves : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCurves(QWidget* parent = nullptr);

    void clear();
    // checkMae < 0: not measured at this epoch (only the loss is drawn).
    void addPoint(const QString& package, double epoch, double loss, double checkMae);
    // A version's curvesJson (package -> [{epoch, train_loss, check_mae, ...}]); "[]" or bad JSON: empty.
    // A landmark version's rows hold check_error (mean keypoint error, fraction of the hand scale)
    // instead: the check plot then says so.
    void setCurves(const std::string& curvesJson);
    // The check plot's measure: the bone-age MAE in months (false) or the landmark model's keypoint error.
    void setKeypointError(bool keypointError);

    int lossPoints() const;    // over all packages
    int checkPoints() const;
    QStringList packages() const;
    QChart* lossChart() const { return loss_.chart; }
    QChart* checkChart() const { return check_.chart; }

private:
    struct Plot {
        QChart* chart = nullptr;
        QChartView* view = nullptr;
        QValueAxis *x = nullptr, *y = nullptr;
        std::map<QString, QLineSeries*> series;
        double maxX = 1, minY = 0, maxY = 1;
        bool empty = true;
    };
    void setUp(Plot& plot, const QString& title, const QString& yTitle);
    void add(Plot& plot, const QString& package, double x, double y);
    static void reset(Plot& plot);
    static void nameSeries(Plot& plot);
    static int points(const Plot& plot);

    Plot loss_, check_;
};

} // namespace boneage::ui
