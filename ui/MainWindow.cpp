#include "MainWindow.h"

#include "AnchorLayer.h"
#include "AnnotationActions.h"
#include "AnnotationEditor.h"
#include "AnnotationLayer.h"
#include "AnnotationTool.h"
#include "AssessmentPanel.h"
#include "AssessmentWorker.h"
#include "AtlasView.h"
#include "AttentionLayer.h"
#include "BatchAssessment.h"
#include "CaseList.h"
#include "ComparisonView.h"
#include "CropLayer.h"
#include "KeypointLayer.h"
#include "LayerPanel.h"
#include "RadiographView.h"
#include "ReadingForm.h"
#include "RoiGallery.h"
#include "RoiLayer.h"
#include "Settings.h"
#include "SettingsDialog.h"
#include "Worklist.h"

#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/AssessmentJson.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"
#include "inference/ModelsLocation.h"
#include "workspace/LandmarkTrainingJob.h"
#include "workspace/ModelRegistry.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QLineEdit>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace boneage::ui {

MainWindow::MainWindow(const QString& modelsDirectory, QWidget* parent)
    : QMainWindow(parent)
    , modelsDirectory_(QString::fromStdString(boneage::modelsDirectory(modelsDirectory.toStdString())))
    , view_(new RadiographView)
    , roiLayer_(new RoiLayer(this))
    , keypointLayer_(new KeypointLayer(this))
    , attentionLayer_(new AttentionLayer(this))
    , cases_(new CaseList)
    , panel_(new AssessmentPanel)
    , layers_(new LayerPanel)
    , worker_(new AssessmentWorker(this))
    , readout_(new QLabel)
    , windowLevel_(new QLabel)
    , editor_(new AnnotationEditor(this))
    , annotationLayer_(new AnnotationLayer(this))
{
    setWindowTitle(tr("Bone Age Workstation (research use, not a medical device)"));
    setAcceptDrops(true);
    // PRSNet's anchors and AG-CNN's crop box, found by type (findChild) by the screenshot and tests.
    // Made before the view becomes a child: children are deleted in order, layers before the view.
    auto* anchorLayer = new AnchorLayer(this);
    auto* cropLayer = new CropLayer(this);
    setCentralWidget(view_);
    view_->addLayer(roiLayer_);
    view_->addLayer(keypointLayer_);
    view_->addLayer(attentionLayer_);
    view_->addLayer(anchorLayer);
    view_->addLayer(cropLayer);
    view_->addLayer(annotationLayer_);   // last: drawn over the model's layers
    annotationTool_ = new AnnotationTool(view_, editor_, annotationLayer_, this);
    annotationActions_ = new AnnotationActions(editor_, annotationTool_, this);
    editor_->setReader(qEnvironmentVariable("USER", QStringLiteral("reader")));

    // Without a workspace the opened files; with one its worklist.
    worklist_ = new Worklist;
    casesStack_ = new QStackedWidget;
    casesStack_->addWidget(cases_);
    casesStack_->addWidget(worklist_);
    casesDock_ = new QDockWidget(tr("Cases"), this);
    casesDock_->setObjectName(QStringLiteral("cases"));
    casesDock_->setWidget(casesStack_);
    cases_->setMinimumWidth(220);
    addDockWidget(Qt::LeftDockWidgetArea, casesDock_);

    layers_->addLayer(roiLayer_);
    layers_->addLayer(keypointLayer_);
    layers_->addLayer(attentionLayer_);
    layers_->addLayer(anchorLayer);
    layers_->addLayer(cropLayer);
    layers_->addLayer(annotationLayer_);
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(panel_);
    sideLayout->addWidget(new QLabel(tr("<b>Overlays</b>")));
    sideLayout->addWidget(layers_);
    sideLayout->addStretch();
    auto* scroll = new QScrollArea;
    scroll->setWidget(side);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(430);
    auto* sideDock = new QDockWidget(tr("Assessment"), this);
    sideDock->setObjectName(QStringLiteral("assessment"));
    sideDock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, sideDock);

    readingForm_ = new ReadingForm;
    readingDock_ = new QDockWidget(tr("Reading"), this);
    readingDock_->setObjectName(QStringLiteral("reading"));
    readingDock_->setWidget(readingForm_);
    addDockWidget(Qt::RightDockWidgetArea, readingDock_);

    roiGallery_ = new RoiGallery;
    auto* galleryScroll = new QScrollArea;
    galleryScroll->setWidget(roiGallery_);
    galleryScroll->setWidgetResizable(true);
    galleryDock_ = new QDockWidget(tr("ROI gallery"), this);
    galleryDock_->setObjectName(QStringLiteral("roi-gallery"));
    galleryDock_->setWidget(galleryScroll);
    addDockWidget(Qt::RightDockWidgetArea, galleryDock_);
    tabifyDockWidget(readingDock_, galleryDock_);
    readingDock_->raise();
    splitDockWidget(sideDock, readingDock_, Qt::Vertical);
    readingDock_->hide();

    // The reader (whose annotation and readings these are) and Assess All, always at hand.
    auto* toolbar = addToolBar(tr("Workspace"));
    toolbar->setObjectName(QStringLiteral("workspaceToolbar"));
    toolbar->addWidget(new QLabel(tr("Reader: ")));
    readerField_ = new QLineEdit;
    readerField_->setMaximumWidth(160);
    readerField_->setToolTip(tr("Your name: annotations and readings are stored under it, each reader keeps their own"));
    toolbar->addWidget(readerField_);
    connect(readerField_, &QLineEdit::editingFinished, this, [this] {
        const QString name = readerField_->text().trimmed();
        if (name.isEmpty()) readerField_->setText(readerName());
        else if (name != readerName()) setReaderName(name);
    });
    batch_ = new BatchAssessment(this);
    batchProgress_ = new QProgressBar;
    batchProgress_->setMaximumWidth(260);
    batchProgress_->hide();
    batchCancel_ = new QPushButton(tr("Cancel"));
    batchCancel_->setToolTip(tr("Stop Assess All after the model that is running"));
    batchCancel_->hide();
    connect(batchCancel_, &QPushButton::clicked, this, &MainWindow::cancelAssessAll);

    historyDock_ = new QDockWidget(tr("Edit History"), this);
    historyDock_->setObjectName(QStringLiteral("editHistory"));
    auto* history = new QUndoView(editor_->undoStack());
    history->setEmptyLabel(tr("<annotation as loaded>"));
    historyDock_->setWidget(history);
    addDockWidget(Qt::LeftDockWidgetArea, historyDock_);
    historyDock_->hide();

    statusBar()->addWidget(readout_, 1);
    statusBar()->addPermanentWidget(windowLevel_);
    statusBar()->addPermanentWidget(batchProgress_);
    statusBar()->addPermanentWidget(batchCancel_);

    setUpModels();
    setUpPacs();
    createMenus();
    toolbar->addSeparator();
    toolbar->addAction(assessAllAction_);

    connect(worklist_, &Worklist::currentCaseChanged, this, &MainWindow::openWorkspaceCase);
    connect(editor_, &AnnotationEditor::itemChanged, this, &MainWindow::storeAnnotationItem);
    connect(readingForm_, &ReadingForm::saveRequested, this, [this] { saveReading(); });
    connect(batch_, &BatchAssessment::progress, this, [this](int done, int total) {
        batchProgress_->setMaximum(qMax(1, total));
        batchProgress_->setValue(done);
        batchProgress_->setFormat(tr("Assess all: %1 of %2").arg(done).arg(total));
    });
    connect(batch_, &BatchAssessment::caseAssessed, this,
            [this](const QString& caseId, std::shared_ptr<const Radiograph> radiograph, const Assessment& assessment) {
                if (!workspace_ || QString::fromStdString(workspace_->dir()) != batchWorkspaceDir_) return;   // closed meanwhile
                storeAssessment(caseId, *radiograph, assessment, batchVersion_, batchLandmarks_);
                ++batchStored_;
                refreshWorklist();
                if (workspaceCase_ && workspaceCase_->caseId == caseId && !worker_->isRunning()) {
                    workspaceCase_->assessment = assessment;
                    workspaceCase_->producedBy = producedByName(batchVersion_, batchLandmarks_);
                    workspaceCase_->status = RadiographCase::Status::Assessed;
                    workspaceCase_->error.clear();
                    caseAssessmentChanged(workspaceCase_);
                }
            });
    connect(batch_, &BatchAssessment::caseFailed, this, [this](const QString& caseId, const QString& message) {
        ++batchFailed_;
        emit caseOpenFailed(tr("Case %1: %2").arg(caseId, message));
    });
    connect(batch_, &BatchAssessment::finished, this, [this](bool cancelled) {
        batchProgress_->hide();
        batchCancel_->hide();
        updateWorkspaceActions();
        const QString failed = batchFailed_ ? tr(", %n failed", nullptr, batchFailed_) : QString();
        statusBar()->showMessage(cancelled ? tr("Assess all cancelled: %n case(s) assessed and stored%1", nullptr, batchStored_).arg(failed)
                                           : tr("Assess all: %n case(s) assessed and stored%1", nullptr, batchStored_).arg(failed),
                                 15000);
    });

    connect(cases_, &CaseList::currentCaseChanged, this, [this](const std::shared_ptr<RadiographCase>& c) {
        if (!workspace_) showCase(c);
    });
    // The case keeps the reader's edits while other cases are shown.
    connect(editor_, &AnnotationEditor::annotationChanged, this, [this] {
        if (annotatedCase_ && editor_->hasAnnotation()) annotatedCase_->annotation = editor_->annotation();
    });
    connect(annotationTool_, &AnnotationTool::message, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    connect(annotationActions_, &AnnotationActions::message, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    connect(annotationTool_, &AnnotationTool::selectionChanged, this, [this](int index) {
        if (const AnnotationItem* i = editor_->item(index))
            statusBar()->showMessage(tr("%1: %2").arg(AnnotationEditor::displayName(*i), AnnotationEditor::stateText(*i)), 8000);
    });
    connect(annotationActions_->annotateAction(), &QAction::toggled, this, [this](bool on) {
        // The model's own keypoint and box layers would draw under the editable ones: hidden meanwhile.
        if (on) {
            modelLayersWereVisible_[0] = roiLayer_->isVisible();
            modelLayersWereVisible_[1] = keypointLayer_->isVisible();
            roiLayer_->setVisible(false);
            keypointLayer_->setVisible(false);
            if (!editor_->hasAnnotation())
                statusBar()->showMessage(tr("Assess the film first: the annotation starts from the model's keypoints."), 8000);
        } else {
            roiLayer_->setVisible(modelLayersWereVisible_[0]);
            keypointLayer_->setVisible(modelLayersWereVisible_[1]);
        }
    });
    connect(view_, &RadiographView::pixelReadoutChanged, this, &MainWindow::showReadout);
    connect(view_, &RadiographView::windowLevelChanged, this, &MainWindow::showWindowLevel);
    // The gallery shares the main view's window/level; a click on a patch centres the view on its ROI,
    // and a stage chosen there is an edit of the reader's annotation like any other (undoable, stored).
    connect(view_, &RadiographView::windowLevelChanged, roiGallery_, [this] { roiGallery_->setDisplay(viewDisplay()); });
    connect(view_, &RadiographView::invertedChanged, roiGallery_, [this] { roiGallery_->setDisplay(viewDisplay()); });
    connect(roiGallery_, &RoiGallery::roiActivated, this, [this](const QString&, QPointF centre) { view_->centreOn(centre); });
    connect(roiGallery_, &RoiGallery::stageChosen, this, [this](const QString& name, char stage) {
        const int index = editor_->indexOf(ItemKind::Roi, name.toStdString());
        if (index < 0 || !editor_->setStage(index, stage))
            statusBar()->showMessage(tr("%1 cannot be staged: assess the film first, and unlock the ROI if it is locked.").arg(name), 8000);
    });
    connect(editor_, &AnnotationEditor::annotationChanged, this, [this] { showGallery(currentCase().get()); });
    connect(panel_, &AssessmentPanel::assessRequested, this, [this] { assessCurrentCase(); });
    connect(panel_, &AssessmentPanel::forcedAssessmentRequested, this, [this] { assessCurrentCase(true); });
    connect(panel_, &AssessmentPanel::cancelRequested, worker_, &AssessmentWorker::cancel);
    connect(panel_, &AssessmentPanel::modelChosen, attentionLayer_, qOverload<const QString&>(&AttentionLayer::showModel));
    connect(panel_, &AssessmentPanel::modelChosen, anchorLayer, qOverload<const QString&>(&ExplanationBoxLayer::showModel));
    connect(panel_, &AssessmentPanel::modelChosen, cropLayer, qOverload<const QString&>(&ExplanationBoxLayer::showModel));
    connect(panel_, &AssessmentPanel::patientDataEdited, this, [this] {
        if (auto c = currentCase()) {
            cases_->refresh(c.get());
            showLandmarks(c.get());
            updateAtlas();
        }
    });
    connect(worker_, &AssessmentWorker::progress, panel_, &AssessmentPanel::setProgress);
    connect(worker_, &AssessmentWorker::finished, this, [this](const Assessment& a) {
        if (assessing_) {
            assessing_->assessment = a;
            assessing_->status = RadiographCase::Status::Assessed;
            assessing_->producedBy = workspaceHolds(*assessing_) ? producedByName(assessingVersion_, assessingLandmarks_) : QString();
        }
        onAssessmentFinished();
    });
    connect(worker_, &AssessmentWorker::failed, this, [this](const QString& message) {
        if (assessing_) {
            assessing_->status = RadiographCase::Status::Failed;
            assessing_->error = message;
        }
        onAssessmentFinished();
    });
    connect(worker_, &AssessmentWorker::cancelled, this, [this] {
        if (assessing_) assessing_->status = RadiographCase::Status::Open;
        onAssessmentFinished();
    });

    panel_->setInstalledModels(static_cast<int>(enabledPackages().size()), modelsDirectory_);
    panel_->setDevice(inferenceDevice() == "cuda"                      ? tr("GPU (CUDA)")
                      : Settings::device() == Settings::Device::Cpu ? tr("CPU (chosen in the settings)")
                                                                    : tr("CPU (LibTorch sees no GPU)"));
    readerField_->setText(readerName());
    updateTitle();
    updateWorkspaceActions();
    showCase(nullptr);
}

MainWindow::~MainWindow()
{
    worker_->cancel();
    batch_->cancel();
    stopModelsWork();   // records the job's outcome while the workspace is still open
}

std::vector<std::string> MainWindow::enabledPackages() const
{
    // A workspace's version in use replaces the installed bone-age models (the settings' switches
    // and weights are about the installed ones; the weights still apply by package name).
    if (const auto version = activeModelVersion()) return findModelPackages(ModelRegistry(*workspace_).packageFolder(*version));
    const QStringList disabled = Settings::disabledModels();
    std::vector<std::string> packages;
    for (const auto& p : findModelPackages(modelsDirectory_.toStdString()))
        if (!disabled.contains(QFileInfo(QString::fromStdString(p)).fileName())) packages.push_back(p);
    return packages;
}

std::shared_ptr<RadiographCase> MainWindow::currentCase() const { return workspace_ ? workspaceCase_ : cases_->currentCase(); }

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openFilesDialog);
    file->addAction(tr("Open &Folder…"), QKeySequence(tr("Ctrl+Shift+O")), this, &MainWindow::openFolderDialog);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    file->addAction(tr("&New Workspace…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("New workspace: choose an empty folder"));
        if (!dir.isEmpty()) newWorkspace(dir);
    });
    file->addAction(tr("Open &Workspace…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a workspace folder"));
        if (!dir.isEmpty()) openWorkspace(dir);
    });
    closeWorkspaceAction_ = file->addAction(tr("&Close Workspace"), this, &MainWindow::closeWorkspace);
    writableWorkspaceActions_ << file->addAction(tr("&Import into Workspace…"), this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Import radiographs into the workspace"), QString(),
            tr("Radiographs (*.dcm *.dicom *.png *.jpg *.jpeg *.tif *.tiff *.jp2 *.j2k);;All files (*)"));
        if (!files.isEmpty()) importIntoWorkspace(files);
    });
    writableWorkspaceActions_ << file->addAction(tr("Import Fol&der into Workspace…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a folder of radiographs into the workspace"));
        if (!dir.isEmpty()) importIntoWorkspace({dir});
    });
    file->addSeparator();
    file->addAction(tr("&Export Report…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportReportDialog);
    file->addAction(tr("Send to &PACS…"), QKeySequence(tr("Ctrl+Shift+E")), this, &MainWindow::showSendDialog);
    file->addAction(tr("Q&uery PACS…"), QKeySequence(tr("Ctrl+Shift+Q")), this, &MainWindow::showQueryPanel);
    file->addSeparator();
    file->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = editor_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    // QKeySequence::Redo is Ctrl+Shift+Z on Linux; Ctrl+Y is what Windows hands expect.
    QAction* redo = editor_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(annotationActions_->annotateAction());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Fit to Window"), QKeySequence(tr("F")), view_, &RadiographView::fitToWindow);
    view->addAction(tr("&Actual Pixels (1:1)"), QKeySequence(tr("1")), view_, &RadiographView::showActualSize);
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, this, [this] { view_->zoomAt(1.25, view_->rect().center()); });
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, this, [this] { view_->zoomAt(0.8, view_->rect().center()); });
    view->addSeparator();
    QAction* invert = view->addAction(tr("&Invert"), QKeySequence(tr("I")));
    invert->setCheckable(true);
    connect(invert, &QAction::toggled, view_, &RadiographView::setInverted);
    connect(view_, &RadiographView::invertedChanged, invert, &QAction::setChecked);
    presetMenu_ = view->addMenu(tr("Window &Presets"));
    view->addSeparator();
    view->addAction(tr("Rotate &Clockwise"), QKeySequence(tr("R")), view_, &RadiographView::rotateClockwise);
    view->addAction(tr("Rotate C&ounterclockwise"), QKeySequence(tr("Shift+R")), view_, &RadiographView::rotateCounterClockwise);
    view->addAction(tr("Flip &Horizontally"), QKeySequence(tr("H")), view_, &RadiographView::flipHorizontal);
    view->addAction(tr("Flip &Vertically"), QKeySequence(tr("V")), view_, &RadiographView::flipVertical);
    view->addSeparator();
    atlasAction_ = view->addAction(tr("Compare with &Atlas…"), QKeySequence(tr("Ctrl+Shift+A")), this, &MainWindow::showAtlas);
    view->addSeparator();
    QAction* history = historyDock_->toggleViewAction();
    history->setText(tr("&Edit History"));
    view->addAction(history);
    QAction* reading = readingDock_->toggleViewAction();
    reading->setText(tr("Rea&ding Form"));
    view->addAction(reading);
    view->addSeparator();
    view->addAction(tr("&Next Case"), QKeySequence(tr("Ctrl+PgDown")), this, &MainWindow::showNextCase);
    view->addAction(tr("Pre&vious Case"), QKeySequence(tr("Ctrl+PgUp")), this, &MainWindow::showPreviousCase);

    annotationActions_->fillMenu(menuBar()->addMenu(tr("A&nnotation")));

    QMenu* assess = menuBar()->addMenu(tr("&Assessment"));
    assess->addAction(tr("&Assess"), QKeySequence(tr("Ctrl+Return")), this, [this] { assessCurrentCase(); });
    assess->addAction(tr("&Cancel"), QKeySequence(tr("Esc")), worker_, &AssessmentWorker::cancel);
    assess->addSeparator();
    assessAllAction_ = assess->addAction(tr("Assess A&ll"), QKeySequence(tr("Ctrl+Shift+Return")), this, [this] { assessAll(); });
    assessAllAction_->setToolTip(tr("Assess every case of the workspace that has no assessment yet, in the background"));
    cancelAssessAllAction_ = assess->addAction(tr("Cancel Assess All"), this, &MainWindow::cancelAssessAll);

    createModelsMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(annotationActions_->shortcutsAction());
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About"),
                           tr("<b>Bone Age Workstation</b><p>Assesses skeletal age from hand radiographs with the "
                              "installed models.</p><p><b>Research use, not a medical device.</b> Results must be "
                              "reviewed by a radiologist.</p><p>Models: %1</p>")
                               .arg(modelsDirectory_.toHtmlEscaped()));
    });
}

int MainWindow::openPaths(const QStringList& paths)
{
    if (workspace_) return importIntoWorkspace(paths);
    int added = 0;
    QStringList problems;
    for (const QString& path : paths) {
        QStringList files;
        if (QFileInfo(path).isDir()) {
            files = radiographFilesIn(path);
            if (files.isEmpty()) problems << tr("%1: no DICOM, PNG, JPEG, TIFF or JPEG 2000 files in this folder.").arg(path);
        } else {
            files << path;
        }
        for (const QString& f : files) {
            auto c = openRadiographCase(f);
            if (c->status == RadiographCase::Status::Unreadable) problems << c->error;
            else Settings::addRecentFile(f);
            cases_->addCase(std::move(c));
            ++added;
        }
    }
    for (const QString& p : problems) emit caseOpenFailed(p);
    if (!problems.isEmpty()) showError(tr("Some files could not be opened"), problems.join(QStringLiteral("\n\n")));
    return added;
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 15000);
    if (!errorDialogs_) return;
    // Not modal: a folder with a bad file must not stop the reader from working on the others.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void MainWindow::showCase(const std::shared_ptr<RadiographCase>& c)
{
    view_->setRadiograph(c ? c->radiograph : nullptr);
    panel_->showCase(c);
    panel_->setRunning(worker_->isRunning() && c && c == assessing_);
    roiGallery_->setRadiograph(c ? c->radiograph : nullptr);
    showLandmarks(c.get());
    showAnnotation(c);
    showGallery(c.get());
    rebuildPresetMenu();
    showWindowLevel();
    if (c && c->status == RadiographCase::Status::Unreadable) statusBar()->showMessage(c->error);
    updateAtlas();
}

void MainWindow::showLandmarks(const RadiographCase* c)
{
    const HandLandmarks* l = c && c->assessment && c->assessment->landmarks ? &*c->assessment->landmarks : nullptr;
    if (l && l->handFound) {
        roiLayer_->setRois(l->rois);
        keypointLayer_->setKeypoints(l->points);
    } else {
        roiLayer_->clear();
        keypointLayer_->clear();
    }
    showAttention(c);
    showGallery(c);
}

std::string MainWindow::caseIdOf(const RadiographCase& c) { return (c.caseId.isEmpty() ? c.path : c.caseId).toStdString(); }

void MainWindow::proposeAnnotation(RadiographCase& c)
{
    const HandLandmarks* l = c.assessment && c.assessment->landmarks ? &*c.assessment->landmarks : nullptr;
    if (!l || !l->handFound) return;
    const CaseAnnotation* previous = c.annotation ? &*c.annotation : nullptr;
    c.annotation = CaseAnnotation::fromProposal(caseIdOf(c), editor_->reader().toStdString(), l->points, previous);
}

void MainWindow::showAnnotation(const std::shared_ptr<RadiographCase>& c)
{
    if (c.get() == annotatedCase_ && c) return;   // the same case again (patient data edited): keep the history
    annotatedCase_ = nullptr;                      // loading below is not an edit of any case
    if (c && !c->annotation) proposeAnnotation(*c);
    const Radiograph* r = c ? c->radiograph.get() : nullptr;
    editor_->setFilmBounds(r ? FilmBounds{double(r->width()), double(r->height())} : FilmBounds{});
    editor_->setAnnotation(c && c->annotation ? *c->annotation : CaseAnnotation{});
    annotatedCase_ = c.get();
}

void MainWindow::setCaseAnnotation(const CaseAnnotation& annotation)
{
    const auto c = currentCase();
    if (!c) return;
    c->annotation = annotation;
    annotatedCase_ = nullptr;
    showAnnotation(c);
}

void MainWindow::setReaderName(const QString& reader)
{
    editor_->setReader(reader);
    if (readerField_ && readerField_->text() != reader) readerField_->setText(reader);
    // Each reader has their own annotation and readings of a workspace case.
    if (workspaceCase_) {
        loadStoredAnnotation(*workspaceCase_);
        annotatedCase_ = nullptr;
        showAnnotation(workspaceCase_);
        updateReadingForm();
    }
}
QString MainWindow::readerName() const { return editor_->reader(); }

void MainWindow::setAnnotating(bool on) { annotationActions_->annotateAction()->setChecked(on); }
bool MainWindow::isAnnotating() const { return annotationActions_->annotateAction()->isChecked(); }

void MainWindow::showAttention(const RadiographCase* c)
{
    std::vector<AttentionLayer::ModelMap> maps;
    if (c && c->assessment)
        for (const auto& m : c->assessment->models)
            if (m.estimate.attention) maps.push_back({QString::fromStdString(m.estimate.modelId), *m.estimate.attention});
    attentionLayer_->setMaps(std::move(maps));
    // PRSNet's anchors and AG-CNN's crop box come with the maps (same pass); the layers also say
    // whether any enabled package could produce them.
    std::vector<ExplanationBoxLayer::ModelBoxes> anchors, crops;
    if (c && c->assessment)
        for (const auto& m : c->assessment->models) {
            const QString id = QString::fromStdString(m.estimate.modelId);
            if (!m.estimate.anchors.empty()) anchors.push_back({id, m.estimate.anchors});
            if (m.estimate.crop) crops.push_back({id, {*m.estimate.crop}});
        }
    bool prsnet = false, agcnn = false;
    for (const auto& package : enabledPackages()) {
        try {
            const std::string architecture = readModelCard(package).architecture;
            prsnet = prsnet || architecture == "prsnet";
            agcnn = agcnn || architecture == "agcnn";
        } catch (const PackageError&) {
        }
    }
    if (auto* layer = findChild<AnchorLayer*>()) {
        layer->setModelInstalled(prsnet);
        layer->setBoxes(std::move(anchors));
    }
    if (auto* layer = findChild<CropLayer*>()) {
        layer->setModelInstalled(agcnn);
        layer->setBoxes(std::move(crops));
    }
    // The global-local network's explanation: how much each ROI weighed, on the boxes and in the gallery
    // (the first model that reports it; one ships at most).
    std::map<std::string, double> weights;
    QString weighedBy;
    if (c && c->assessment)
        for (const auto& m : c->assessment->models)
            if (!m.estimate.roiContributions.empty() && weights.empty()) {
                for (const auto& r : m.estimate.roiContributions) weights[r.name] = r.months;
                weighedBy = QString::fromStdString(m.estimate.modelId);
            }
    roiLayer_->setWeights(weights);
    roiGallery_->setContributions(weights, weighedBy);
}

DisplayTransform MainWindow::viewDisplay() const
{
    DisplayTransform t;
    t.center = view_->windowCentre();
    t.width = view_->windowWidth();
    t.invert = view_->isInverted();
    if (view_->voiLutIndex() >= 0) {
        t.kind = DisplayTransform::Kind::Lut;
        t.lutIndex = view_->voiLutIndex();
    }
    return t;
}

void MainWindow::showGallery(const RadiographCase* c)
{
    // The model's ROIs, turned with their bones; where the reader moved or resized one, the reader's box.
    std::vector<Tw3Roi> rois;
    const HandLandmarks* l = c && c->assessment && c->assessment->landmarks ? &*c->assessment->landmarks : nullptr;
    if (l && l->handFound) rois = l->rois;
    // The editor's annotation is this case's (it is loaded before annotatedCase_ is set, hence the id).
    const bool annotated = c && editor_->hasAnnotation() && editor_->annotation().caseId == caseIdOf(*c);
    if (annotated)
        for (const Tw3Roi& own : editor_->annotation().rois())
            if (const AnnotationItem* item = editor_->annotation().find(ItemKind::Roi, own.name); item && item->state != ItemState::Proposed)
                for (Tw3Roi& r : rois)
                    if (r.name == own.name) r = own;
    roiGallery_->setRois(rois);
    roiGallery_->setAnnotation(annotated ? &editor_->annotation() : nullptr);
    if (c && c->radiograph) roiGallery_->setDisplay(viewDisplay());
}

void MainWindow::rebuildPresetMenu()
{
    presetMenu_->clear();
    const auto c = currentCase();
    const Radiograph* r = c ? c->radiograph.get() : nullptr;
    presetMenu_->setEnabled(r != nullptr);
    if (!r) return;
    const auto add = [this](const QString& text, const DisplayTransform& t, const QKeySequence& key = {}) {
        QAction* a = presetMenu_->addAction(text, this, [this, t] { view_->applyDisplay(t); });
        a->setShortcut(key);
    };
    add(tr("Default"), r->defaultDisplay(), QKeySequence(tr("D")));
    for (const auto& w : r->windows) {
        DisplayTransform t;
        t.center = w.center;
        t.width = w.width;
        t.invert = r->highValuesDark();
        const QString name = w.explanation.empty() ? tr("DICOM window") : QString::fromStdString(w.explanation);
        add(tr("%1 (centre %2, width %3)").arg(name).arg(w.center).arg(w.width), t);
    }
    for (size_t i = 0; i < r->voiLuts.size(); ++i) {
        DisplayTransform t;
        t.kind = DisplayTransform::Kind::Lut;
        t.lutIndex = static_cast<int>(i);
        t.invert = r->highValuesDark();
        const std::string& e = r->voiLuts[i].explanation;
        add(e.empty() ? tr("DICOM VOI LUT %1").arg(i + 1) : tr("%1 (DICOM VOI LUT)").arg(QString::fromStdString(e)), t);
    }
    add(tr("Automatic (1st to 99th percentile)"), r->autoDisplay(), QKeySequence(tr("A")));
    add(tr("Full range"), r->fullRangeDisplay());
}

void MainWindow::rebuildRecentMenu()
{
    recentMenu_->clear();
    const QStringList files = Settings::recentFiles();
    for (const QString& f : files) recentMenu_->addAction(f, this, [this, f] { openPaths({f}); });
    if (files.isEmpty()) recentMenu_->addAction(tr("No recent files"))->setEnabled(false);
}

void MainWindow::showReadout(const PixelReadout& r)
{
    if (!r.inside) {
        readout_->clear();
        return;
    }
    const auto c = currentCase();
    const bool rescaled = c && c->radiograph &&
                          (c->radiograph->metadata.rescaleSlope != 1.0 || c->radiograph->metadata.rescaleIntercept != 0.0);
    QString text = tr("x %1, y %2: value %3").arg(r.x).arg(r.y).arg(r.value);
    if (rescaled) text += tr(" (stored %1)").arg(r.stored);
    readout_->setText(text);
}

void MainWindow::showWindowLevel()
{
    if (!view_->radiograph()) {
        windowLevel_->clear();
        return;
    }
    windowLevel_->setText(tr("Window centre %1, width %2%3")
                              .arg(view_->windowCentre(), 0, 'f', 0)
                              .arg(view_->windowWidth(), 0, 'f', 0)
                              .arg(view_->isInverted() ? tr(", inverted") : QString()));
}

AssessmentRequest MainWindow::assessmentSettings() const
{
    AssessmentRequest request;
    request.packages = enabledPackages();
    request.ensembleWeights = Settings::ensembleWeightsForAssessment();
    request.maxIntervalWidthMonths = Settings::maxIntervalWidthMonths();
    // The fitted ensemble beside the installed packages; a broken file costs the interval only (the
    // panel says there is none, and why).
    if (const auto file = findEnsembleCalibration(modelsDirectory_.toStdString())) {
        try {
            request.ensembleCalibration = readEnsembleCalibration(*file);
        } catch (const std::exception& e) {
            qWarning("%s", e.what());
        }
    }
    // The workspace's landmark version in use (issue 16), else the installed landmark package.
    if (const auto version = activeLandmarkVersion()) {
        try {
            request.landmarkPackage = landmarkBasePackage(ModelRegistry(*workspace_).packageFolder(*version));
            return request;
        } catch (const std::exception&) {   // its package is gone: the installed one, as without a version
        }
    }
    if (auto landmarks = LandmarkModel::find(modelsDirectory_.toStdString())) request.landmarkPackage = *landmarks;
    return request;
}

bool MainWindow::assessCurrentCase(bool forceWithoutHand)
{
    const auto c = currentCase();
    if (worker_->isRunning() || !panel_->blockingReason().isEmpty() || !c) return false;
    AssessmentRequest request = assessmentSettings();
    request.radiograph = c->filmAsStored();   // its result says how the stored film reads (RadiographCase.h)
    request.sex = c->sex;
    request.chronologicalAgeMonths = c->chronologicalAgeMonths;
    request.forceWithoutHand = forceWithoutHand;
    assessing_ = c;
    assessingVersion_ = activeModelVersion();
    assessingLandmarks_ = activeLandmarkVersion();
    c->status = RadiographCase::Status::Assessing;
    c->error.clear();
    cases_->refresh(c.get());
    panel_->setRunning(true);
    worker_->start(request);
    return true;
}

void MainWindow::onAssessmentFinished()
{
    const auto done = std::move(assessing_);
    assessing_.reset();
    panel_->setRunning(false);
    if (!done) return;
    if (done->status == RadiographCase::Status::Assessed && done->assessment && done->assessment->models.empty() &&
        !done->assessment->withheld) {
        done->status = RadiographCase::Status::Failed;
        done->error = done->assessment->otherSexModels
                          ? tr("No installed model assesses this sex (only models for the other sex are installed).")
                          : tr("No installed model could be run.");
        for (const auto& s : done->assessment->skippedPackages) done->error += QLatin1Char(' ') + QString::fromStdString(s);
    }
    cases_->refresh(done.get());
    if (done->status == RadiographCase::Status::Assessed && done->assessment && workspaceHolds(*done) && workspace_->isWritable()) {
        storeAssessment(done->caseId, *done->filmAsStored(), *done->assessment, assessingVersion_, assessingLandmarks_);
        refreshWorklist();
    }
    caseAssessmentChanged(done);
}

void MainWindow::caseAssessmentChanged(const std::shared_ptr<RadiographCase>& c)
{
    // A stored annotation stays as the reader left it; otherwise the new keypoints are proposed.
    if (c->status == RadiographCase::Status::Assessed && !c->annotationStored) proposeAnnotation(*c);
    // An inverted export (the hand found only with bone dark): the film is shown as the models read it.
    if (c->showFilmAsRead() && c == currentCase()) {
        view_->setRadiograph(c->radiograph);
        roiGallery_->setRadiograph(c->radiograph);
        rebuildPresetMenu();
        showWindowLevel();
        if (c->radiograph->metadata.readInverted)
            statusBar()->showMessage(tr("The hand was found only with bone shown dark: the film is an inverted export and is now shown "
                                        "and read inverted."), 15000);
    }
    if (c == currentCase()) {
        panel_->showCase(c);
        showLandmarks(c.get());
        annotatedCase_ = nullptr;   // the proposal is new: load it
        showAnnotation(c);
        updateAtlas();
        updateReadingForm();
    }
}

QImage MainWindow::grabWindowImage()
{
    QImage image = grab().toImage();
    // QWidget::grab may leave the OpenGL view blank: paint what VTK drew over its place.
    const QImage gl = view_->grabFramebuffer();
    QPainter painter(&image);
    painter.drawImage(QRect(view_->mapTo(this, QPoint(0, 0)), view_->size()), gl);
    return image;
}

void MainWindow::openFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open radiographs"), QString(),
        tr("Radiographs (*.dcm *.dicom *.png *.jpg *.jpeg *.tif *.tiff *.jp2 *.j2k);;All files (*)"));
    if (!files.isEmpty()) openPaths(files);
}

void MainWindow::openFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of radiographs"));
    if (!dir.isEmpty()) openPaths({dir});
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(modelsDirectory_, this);
    if (dialog.exec() != QDialog::Accepted) return;
    activeModelChanged();   // the installed models switched on and off (a workspace's version in use stays)
    if (atlas_) {   // the atlas folder applies at once
        atlas_->setAtlasFolder(AtlasView::configuredAtlasFolder());
        updateAtlas();
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        openPaths(paths);
        event->acceptProposedAction();
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!confirmStopTraining()) {
        event->ignore();
        return;
    }
    worker_->cancel();
    batch_->cancel();
    stopModelsWork();
    event->accept();
}

void MainWindow::showAtlas()
{
    if (!atlas_) {
        // Its own window: three films side by side need more room than a dock beside the film.
        atlas_ = new AtlasView(this);
        atlas_->setWindowFlag(Qt::Window);
        atlas_->resize(1400, 850);
        atlas_->setAtlasFolder(AtlasView::configuredAtlasFolder());
    }
    atlas_->show();
    atlas_->raise();
    updateAtlas();
}

void MainWindow::updateAtlas()
{
    const auto c = currentCase();
    const std::optional<double> estimate = c && c->assessment ? c->assessment->boneAgeMonths() : std::nullopt;
    const bool sexKnown = c && (c->sex == Sex::Male || c->sex == Sex::Female);
    if (atlasAction_) {
        atlasAction_->setEnabled(c && c->radiograph && sexKnown && (estimate || c->chronologicalAgeMonths));
        atlasAction_->setStatusTip(atlasAction_->isEnabled()
                                       ? tr("The film beside the atlas plates bracketing its bone age")
                                       : tr("Needs the patient's sex and a bone age estimate (or the chronological age)"));
    }
    if (atlas_ && atlas_->isVisible())
        atlas_->setCase(c ? c->radiograph : nullptr, c ? c->sex : Sex::Unknown, estimate,
                        c ? c->chronologicalAgeMonths : std::nullopt);
}

} // namespace boneage::ui
