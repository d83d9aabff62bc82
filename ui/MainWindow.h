#pragma once
// The workstation's window: open cases on the left, the radiograph in the middle, patient data,
// assessment and overlay layers on the right; files come by menu, drag and drop, the command line
// and the recent-files list.
#include "AssessmentWorker.h"
#include "RadiographCase.h"

#include "workspace/Workspace.h"

#include <QMainWindow>

#include <memory>
#include <optional>
#include <string>
#include <vector>

class QDockWidget;
class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace boneage::ui {

class AnnotationActions;
class AnnotationEditor;
class AnnotationLayer;
class AnnotationTool;
class AssessmentPanel;
class AssessmentWorker;
class BatchAssessment;
class ModelVersionsView;
class QueryPanel;
class SendDialog;
class ReadingForm;
class TrainingJobRunner;
class TrainingPanel;
class Worklist;
class AttentionLayer;
class CaseList;
class KeypointLayer;
class LayerPanel;
class RadiographView;
class RoiGallery;
class RoiLayer;
struct PixelReadout;
class AtlasView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `modelsDirectory`: where the installed packages are; empty finds them as `boneage` does.
    explicit MainWindow(const QString& modelsDirectory = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Files and folders (a folder's radiographs, not its subfolders); returns the cases added,
    // unreadable files included (they are listed with the reason).
    int openPaths(const QStringList& paths);
    // Starts the assessment of the shown case; false (and the reason in the panel) when it cannot.
    // forceWithoutHand: the reader's "Assess anyway" after the hand check withheld the result.
    bool assessCurrentCase(bool forceWithoutHand = false);
    // Off for tests and the screenshot mode: errors then only go to caseOpenFailed / the panel.
    void setErrorDialogsEnabled(bool enabled) { errorDialogs_ = enabled; }
    // The window as shown, with the OpenGL view's content drawn in.
    QImage grabWindowImage();

    RadiographView* view() const { return view_; }
    RoiLayer* roiLayer() const { return roiLayer_; }
    KeypointLayer* keypointLayer() const { return keypointLayer_; }
    AttentionLayer* attentionLayer() const { return attentionLayer_; }
    CaseList* caseList() const { return cases_; }
    AssessmentPanel* assessmentPanel() const { return panel_; }
    AssessmentWorker* worker() const { return worker_; }
    std::shared_ptr<RadiographCase> currentCase() const;
    const QString& modelsDirectory() const { return modelsDirectory_; }
    // Installed bone-age packages minus those switched off in the settings.
    std::vector<std::string> enabledPackages() const;
    // View > Compare with Atlas: the case beside the atlas plates bracketing its bone age.
    void showAtlas();
    // File > Export Report: the shown case's report (docs/report.md) as a PDF at `pdfPath` and/or,
    // into `dicomFolder`, its DICOM SR, Secondary Capture and encapsulated PDF, in the language of the
    // window, with the readings of the workspace case. Returns the files written; throws
    // std::exception with a message for the reader (not assessed, no bone age, cannot write).
    QStringList exportReport(const QString& pdfPath, const QString& dicomFolder = {});
    AtlasView* atlasView() const { return atlas_; }

    // PACS (issue 19, MainWindowPacs.cpp). File > Send to PACS: the shown film and its results to a
    // DICOM node (a new dialog each time; sendDialog() is the last one, null before). File > Query
    // PACS: the query panel's dock; the films it retrieves are opened (imported into the open
    // workspace).
    void showSendDialog();
    void showQueryPanel();
    SendDialog* sendDialog() const { return sendDialog_; }
    QueryPanel* queryPanel() const { return queryPanel_; }
    QDockWidget* queryDock() const { return queryDock_; }

    // Annotation (keypoints and TW3 boxes with undo). Storage is wired from outside: the editor's
    // itemChanged / annotationChanged say what to write (the case's annotation is kept up to date in
    // RadiographCase::annotation as well); setCaseAnnotation loads a stored one for the shown case.
    AnnotationEditor* annotationEditor() const { return editor_; }
    AnnotationTool* annotationTool() const { return annotationTool_; }
    AnnotationActions* annotationActions() const { return annotationActions_; }
    AnnotationLayer* annotationLayer() const { return annotationLayer_; }
    QDockWidget* editHistoryDock() const { return historyDock_; }
    // The reader whose annotations are edited: new annotations carry this name.
    void setReaderName(const QString& reader);
    QString readerName() const;
    // Replaces the shown case's annotation (a new baseline: the undo history is cleared).
    void setCaseAnnotation(const CaseAnnotation& annotation);
    // Annotate mode: the annotation layer shown and the mouse editing it.
    void setAnnotating(bool on);
    bool isAnnotating() const;
    // The id an annotation of this case carries (the film's path).
    static std::string caseIdOf(const RadiographCase& c);

    // Workspace (issue 15): one workspace open at a time, for writing unless read-only. While one is
    // open, the worklist replaces the list of opened files, opened and dropped files are imported into
    // it, Assess All stores each result, every annotation edit (undo and redo too) is stored at once,
    // and the reading form stores the reader's bone age. Errors are shown (a box, or workspaceError
    // when dialogs are off); false then.
    bool newWorkspace(const QString& dir);
    bool openWorkspace(const QString& dir, bool readOnly = false);
    void closeWorkspace();
    Workspace* workspace() const { return workspace_.get(); }
    Worklist* worklist() const { return worklist_; }
    ReadingForm* readingForm() const { return readingForm_; }
    QDockWidget* readingDock() const { return readingDock_; }
    // The 18 ROI patches of the current case (issue 18), in their own dock.
    RoiGallery* roiGallery() const { return roiGallery_; }
    QDockWidget* roiGalleryDock() const { return galleryDock_; }
    BatchAssessment* batchAssessment() const { return batch_; }
    QProgressBar* batchProgress() const { return batchProgress_; }
    QLineEdit* readerField() const { return readerField_; }
    // Files and folders into the open workspace; returns the cases added. Films without the patient's
    // sex: asked once for all of them (refused when dialogs are off); refusals in one summary.
    int importIntoWorkspace(const QStringList& paths);
    // Every case without an assessment, in the background; false when there is nothing to do.
    bool assessAll();
    void cancelAssessAll();
    // The reading form's values as the reader's reading of the shown case.
    bool saveReading();
    // The next / previous case of the worklist (or of the opened files).
    void showNextCase();
    void showPreviousCase();

    // Models (issue 16, MainWindowModels.cpp): training jobs on the workspace (Models > Train), its
    // model versions with comparison, promotion and rollback (Models > Model Versions). With a
    // version in use, the assessments run its packages and name it.
    TrainingJobRunner* trainingRunner() const { return training_; }
    TrainingPanel* trainingPanel() const { return trainingPanel_; }
    ModelVersionsView* modelVersionsView() const { return versionsView_; }
    void showTrainingPanel();
    void showModelVersions();
    // The workspace's bone-age version in use (none: the installed models, or no workspace).
    std::optional<int> activeModelVersion() const;
    std::optional<int> activeLandmarkVersion() const;   // the workspace's landmark version in use; none: the installed one

signals:
    void caseOpenFailed(const QString& message);
    void workspaceError(const QString& message);
    // What the window tells about training (interrupted jobs found on opening, a job's end).
    void trainingNotice(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void showCase(const std::shared_ptr<RadiographCase>& c);
    void showLandmarks(const RadiographCase* c);
    void showAttention(const RadiographCase* c);
    void showGallery(const RadiographCase* c);
    DisplayTransform viewDisplay() const;
    void showAnnotation(const std::shared_ptr<RadiographCase>& c);
    void proposeAnnotation(RadiographCase& c);   // from the assessment's keypoints, keeping reviewed items
    void rebuildPresetMenu();
    void rebuildRecentMenu();
    void showReadout(const PixelReadout& r);
    void showWindowLevel();
    void onAssessmentFinished();
    void openFilesDialog();
    void openFolderDialog();
    void showSettings();
    void exportReportDialog();   // asks where, then exportReport; errors in a message box
    void showError(const QString& title, const QString& message);
    void updateAtlas();   // the atlas action's state and the open atlas view follow the case
    void setWorkspace(std::unique_ptr<Workspace> workspace);
    // Shows the error; true when the reader chose to open the workspace read-only instead.
    bool reportWorkspaceError(const QString& dir, const WorkspaceError& error, bool offerReadOnly);
    void updateTitle();
    void updateWorkspaceActions();
    void refreshWorklist();
    void openWorkspaceCase(const QString& caseId);
    void loadStoredAnnotation(RadiographCase& c);
    void storeAnnotationItem(const AnnotationItem& item);
    void storeAssessment(const QString& caseId, const Radiograph& radiograph, const Assessment& assessment,
                         std::optional<int> modelVersion, std::optional<int> landmarkVersion = std::nullopt);
    // "model version 3", or with a landmark version of the workspace in use "… + hand landmark model version 2".
    static QString producedByName(std::optional<int> modelVersion, std::optional<int> landmarkVersion);
    void updateReadingForm();
    void caseAssessmentChanged(const std::shared_ptr<RadiographCase>& c);   // panel, layers, proposal
    AssessmentRequest assessmentSettings() const;   // packages, landmarks, weights (no case yet)
    std::optional<Sex> askSexFor(const QStringList& files);
    bool workspaceHolds(const RadiographCase& c) const;   // c is a case of the open workspace
    void createModelsMenu();
    void setUpModels();                  // the runner, the panel, the versions view (constructor)
    void modelsWorkspaceChanged();       // after setWorkspace: panels, recovery of interrupted jobs
    void activeModelChanged();           // the assessment panel's packages follow the version in use
    // Asks before a running training job is stopped (closing the workspace or the window); false:
    // the reader wants to keep it running.
    bool confirmStopTraining();
    void stopModelsWork();               // stops the job and the comparison while the workspace is still open
    void setUpPacs();                    // the query panel's dock (constructor)
    void openRetrievedFilms(const QStringList& films, const QString& message);

    QString modelsDirectory_;
    bool errorDialogs_ = true;
    RadiographView* view_;
    RoiLayer* roiLayer_;
    KeypointLayer* keypointLayer_;
    AttentionLayer* attentionLayer_;
    CaseList* cases_;
    AssessmentPanel* panel_;
    LayerPanel* layers_;
    AssessmentWorker* worker_;
    std::shared_ptr<RadiographCase> assessing_;
    QMenu* presetMenu_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QLabel* readout_;
    QLabel* windowLevel_;
    AtlasView* atlas_ = nullptr;
    QAction* atlasAction_ = nullptr;
    AnnotationEditor* editor_;
    AnnotationLayer* annotationLayer_;
    AnnotationTool* annotationTool_;
    AnnotationActions* annotationActions_;
    QDockWidget* historyDock_ = nullptr;
    RadiographCase* annotatedCase_ = nullptr;   // whose annotation the editor holds
    bool modelLayersWereVisible_[2] = {true, true};

    std::unique_ptr<Workspace> workspace_;
    QStackedWidget* casesStack_ = nullptr;
    QDockWidget* casesDock_ = nullptr;
    Worklist* worklist_ = nullptr;
    std::shared_ptr<RadiographCase> workspaceCase_;   // the worklist's case on show
    ReadingForm* readingForm_ = nullptr;
    QDockWidget* readingDock_ = nullptr;
    RoiGallery* roiGallery_ = nullptr;
    QDockWidget* galleryDock_ = nullptr;
    BatchAssessment* batch_ = nullptr;
    QString batchWorkspaceDir_;
    int batchStored_ = 0, batchFailed_ = 0;
    QProgressBar* batchProgress_ = nullptr;
    QPushButton* batchCancel_ = nullptr;
    QLineEdit* readerField_ = nullptr;
    QList<QAction*> writableWorkspaceActions_;   // need a workspace open for writing
    QAction* closeWorkspaceAction_ = nullptr;
    QAction* assessAllAction_ = nullptr;
    QAction* cancelAssessAllAction_ = nullptr;
    std::optional<int> assessingVersion_, batchVersion_;   // the model version the running assessments use
    std::optional<int> assessingLandmarks_, batchLandmarks_;   // and the landmark version

    TrainingJobRunner* training_ = nullptr;
    TrainingPanel* trainingPanel_ = nullptr;
    ModelVersionsView* versionsView_ = nullptr;
    QAction* trainAction_ = nullptr;
    QAction* versionsAction_ = nullptr;
    QProgressBar* trainingProgress_ = nullptr;

    SendDialog* sendDialog_ = nullptr;
    QueryPanel* queryPanel_ = nullptr;
    QDockWidget* queryDock_ = nullptr;
};

} // namespace boneage::ui
