#pragma once
// Models > Train (issue 16): a new training job on the open workspace's read cases (base model,
// what to train, recipe, device, time budget), the queue of jobs (one runs at a time), the running
// job's progress with its ETA, its live curves and its log, Cancel, and Resume for a failed or
// cancelled version that left a checkpoint. The jobs themselves run in TrainingJobRunner's child
// processes.
#include "workspace/TrainingJob.h"

#include <QWidget>

#include <optional>
#include <string>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace boneage::ui {

class TrainingCurves;
class TrainingJobRunner;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    TrainingPanel(TrainingJobRunner* runner, QWidget* parent = nullptr);

    // The workspace (null: none) and the installed models' folder (a base to train from).
    void setWorkspace(Workspace* workspace, const QString& installedModels);
    // Reads the registry again: the bases (installed and finished versions), the versions that can be
    // resumed, the size of the check set.
    void refresh();
    // Queues a job from the form's values; false (and the reason in the panel) when it cannot.
    bool start();
    // Queues the resume of the version chosen in the resume list.
    bool resumeSelected();

    // Versions whose job left a checkpoint and that are failed or cancelled (what Resume offers).
    static bool canResume(const Workspace& workspace, const ModelVersion& version);

    QComboBox* baseField() const { return base_; }
    QComboBox* whatField() const { return what_; }
    QComboBox* recipeField() const { return recipe_; }
    QComboBox* deviceField() const { return device_; }
    QDoubleSpinBox* minutesField() const { return minutes_; }
    QSpinBox* epochsField() const { return epochs_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* cancelButton() const { return cancel_; }
    QPushButton* removeButton() const { return remove_; }
    QComboBox* resumeField() const { return resumable_; }
    QPushButton* resumeButton() const { return resume_; }
    QListWidget* queueList() const { return queue_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* stateLabel() const { return state_; }
    TrainingCurves* curves() const { return curves_; }
    QPlainTextEdit* log() const { return log_; }

signals:
    void message(const QString& text);   // for the status bar
    void versionsChanged();              // a job started or ended: the registry changed

private:
    void refreshQueue();
    void updateButtons();
    void onEvent(int version, const JobEvent& e);
    void onFinished(const ModelVersion& v);
    void appendLog(const QString& line);
    QString plainLine(const QString& line) const;
    QString logText(const JobEvent& e) const;

    TrainingJobRunner* runner_;
    Workspace* workspace_ = nullptr;
    QString installedModels_;

    QComboBox* base_;
    QComboBox* what_;
    QComboBox* recipe_;
    QComboBox* device_;
    QDoubleSpinBox* minutes_;
    QSpinBox* epochs_;
    QLabel* data_;
    QPushButton* start_;
    QListWidget* queue_;
    QPushButton* cancel_;
    QPushButton* remove_;
    QComboBox* resumable_;
    QPushButton* resume_;
    QProgressBar* progress_;
    QLabel* state_;
    TrainingCurves* curves_;
    QPlainTextEdit* log_;
};

} // namespace boneage::ui
