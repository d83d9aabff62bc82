#pragma once
// The workstation's window: open cases on the left, the radiograph in the middle, patient data,
// assessment and overlay layers on the right; files come by menu, drag and drop, the command line
// and the recent-files list.
#include "RadiographCase.h"

#include <QMainWindow>

#include <memory>
#include <string>
#include <vector>

class QDockWidget;
class QLabel;
class QMenu;

namespace boneage::ui {

class AnnotationActions;
class AnnotationEditor;
class AnnotationLayer;
class AnnotationTool;
class AssessmentPanel;
class AssessmentWorker;
class AttentionLayer;
class CaseList;
class KeypointLayer;
class LayerPanel;
class RadiographView;
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
    AtlasView* atlasView() const { return atlas_; }

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

signals:
    void caseOpenFailed(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void showCase(const std::shared_ptr<RadiographCase>& c);
    void showLandmarks(const RadiographCase* c);
    void showAttention(const RadiographCase* c);
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
    void showError(const QString& title, const QString& message);
    void updateAtlas();   // the atlas action's state and the open atlas view follow the case

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
};

} // namespace boneage::ui
