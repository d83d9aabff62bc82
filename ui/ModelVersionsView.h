#pragma once
// Models > Model Versions (issue 16): the workspace's model versions beside the one in use (version,
// state, created, base, training cases, check-set MAE, message; lineage and curves of the selected
// one), Compare (the paired comparison on the check set, in a worker thread), Promote (only when the
// comparison shows the candidate better), Override (a written reason, kept in the registry) and
// Rollback (to a version used before, or to the installed models). Nothing is promoted by itself.
// Landmark versions are listed beside the bone-age ones with their check-set keypoint error; their
// comparison (workspace/LandmarkComparison) and promotion act on the landmark model in use, which is
// separate from the bone-age one.
#include "workspace/CheckSetComparison.h"
#include "workspace/LandmarkComparison.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace boneage::ui {

class ComparisonView;
class TrainingCurves;

class ModelVersionsView : public QWidget {
    Q_OBJECT
public:
    explicit ModelVersionsView(QWidget* parent = nullptr);
    ~ModelVersionsView() override;   // stops a running comparison and waits for the film in progress

    void setWorkspace(Workspace* workspace, const QString& installedModels);
    void refresh();
    // Off (tests): Rollback does not ask, Override only through overrideSelected.
    void setConfirmationsEnabled(bool on) { confirm_ = on; }

    // The row of a version (> 0) or of the installed models (0); false when there is none.
    bool select(int version);
    int selectedVersion() const;   // -1: nothing selected; 0: the installed models

    bool compareSelected();        // starts the comparison in the background
    bool isComparing() const { return watcher_.isRunning() || landmarkWatcher_.isRunning(); }
    void cancelComparison();
    // Shows a comparison's result and makes it the one Promote and Override act on.
    void showComparison(const CheckSetComparison& comparison);
    const std::optional<CheckSetComparison>& comparison() const { return comparison_; }
    const std::optional<LandmarkComparison>& landmarkComparison() const { return landmarkComparison_; }
    bool promoteSelected();
    bool overrideSelected(const QString& reason);
    bool rollbackToSelected();

    QTableWidget* table() const { return table_; }
    QTextBrowser* lineage() const { return lineage_; }
    TrainingCurves* curves() const { return curves_; }
    ComparisonView* comparisonView() const { return comparisonView_; }
    QPushButton* compareButton() const { return compare_; }
    QPushButton* cancelButton() const { return cancel_; }
    QPushButton* promoteButton() const { return promote_; }
    QPushButton* overrideButton() const { return override_; }
    QPushButton* rollbackButton() const { return rollback_; }
    QPushButton* growCheckSetButton() const { return grow_; }
    QProgressBar* progressBar() const { return progress_; }

signals:
    void activeVersionChanged();
    void comparisonFinished();
    void message(const QString& text);

private:
    struct Outcome {
        std::optional<CheckSetComparison> comparison;
        QString error;
    };
    struct LandmarkOutcome {
        std::optional<LandmarkComparison> comparison;
        QString error;
    };
    void showSelection();
    void updateButtons();
    void onComparisonDone();
    bool compareLandmarks(int candidate);
    void onLandmarkComparisonDone();
    QString landmarkSummary(const LandmarkComparison& comparison) const;
    std::string selectedKind() const;   // "bone-age" or "landmarks" of the selected version (installed: bone-age)
    bool activate(std::optional<int> version, const std::function<std::string(ModelRegistry&)>& how,
                  const std::string& what = "bone-age");
    QString baseName(const std::string& base) const;

    Workspace* workspace_ = nullptr;
    QString installedModels_;
    bool confirm_ = true;
    std::optional<CheckSetComparison> comparison_;
    QFutureWatcher<Outcome> watcher_;
    std::optional<LandmarkComparison> landmarkComparison_;
    QFutureWatcher<LandmarkOutcome> landmarkWatcher_;
    std::shared_ptr<std::atomic<bool>> cancelFlag_;
    std::string comparingIn_;   // the workspace folder the running comparison belongs to

    QTableWidget* table_;
    QTextBrowser* lineage_;
    TrainingCurves* curves_;
    ComparisonView* comparisonView_;
    QLabel* active_;
    QPushButton* compare_;
    QPushButton* cancel_;
    QPushButton* promote_;
    QPushButton* override_;
    QPushButton* rollback_;
    QPushButton* grow_;
    QProgressBar* progress_;
};

} // namespace boneage::ui
