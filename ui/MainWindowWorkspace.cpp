// MainWindow with a workspace open (issue 15): opening and creating one, the worklist, importing,
// Assess All, storing annotation edits and readings. The workspace has one writer (this window) and
// its connection stays on the GUI thread: background results come back here to be stored.
#include "MainWindow.h"

#include "AnnotationEditor.h"
#include "AssessmentPanel.h"
#include "BatchAssessment.h"
#include "CaseList.h"
#include "ComparisonView.h"
#include "ReadingForm.h"
#include "Worklist.h"

#include "imaging/RadiographLoader.h"
#include "inference/AssessmentJson.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStatusBar>

#include <exception>
#include <map>

namespace boneage::ui {

bool MainWindow::newWorkspace(const QString& dir)
{
    try {
        Workspace::init(dir.toStdString());
    } catch (const WorkspaceError& e) {
        reportWorkspaceError(dir, e, false);
        return false;
    }
    return openWorkspace(dir);
}

bool MainWindow::openWorkspace(const QString& dir, bool readOnly)
{
    if (!confirmStopTraining()) return false;
    try {
        setWorkspace(Workspace::open(dir.toStdString(), readOnly ? Workspace::Access::ReadOnly : Workspace::Access::ReadWrite));
        return true;
    } catch (const WorkspaceError& e) {
        const bool offer = !readOnly && (e.reason() == WorkspaceError::Reason::Locked || e.reason() == WorkspaceError::Reason::ReadOnly);
        if (reportWorkspaceError(dir, e, offer)) return openWorkspace(dir, true);
        return false;
    }
}

bool MainWindow::reportWorkspaceError(const QString& dir, const WorkspaceError& error, bool offerReadOnly)
{
    using Reason = WorkspaceError::Reason;
    QString what;
    switch (error.reason()) {
    case Reason::Locked:
        what = tr("The workspace is open in another program (the command line or a second workstation). Close it there, "
                  "or open the workspace read-only to look without changing it.");
        break;
    case Reason::NewerSchema:
        what = tr("The workspace was made or upgraded by a newer version of the program. Update the workstation to open it.");
        break;
    case Reason::ReadOnly:
        what = tr("The workspace cannot be written here (read-only folder or file). You can open it read-only: nothing "
                  "you do is stored then.");
        break;
    case Reason::Unreadable:
        what = tr("The workspace cannot be read: its database is damaged or not accessible. Restore it from a backup.");
        break;
    case Reason::NotAWorkspace: what = tr("This folder is not a workspace. Use File > New Workspace to make one."); break;
    case Reason::Exists: what = tr("A new workspace needs an empty folder."); break;
    case Reason::DiskFull: what = tr("The disk is full. Free some space and try again."); break;
    default: what = tr("The workspace could not be used."); break;
    }
    const QString message = tr("%1\n\n%2").arg(what, QString::fromStdString(error.what()));
    emit workspaceError(message);
    statusBar()->showMessage(what, 15000);
    if (!errorDialogs_) return false;
    QMessageBox box(QMessageBox::Warning, tr("Workspace %1").arg(QDir::toNativeSeparators(dir)), message, QMessageBox::Cancel, this);
    QPushButton* readOnly = offerReadOnly ? box.addButton(tr("Open &Read-Only"), QMessageBox::AcceptRole) : nullptr;
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return readOnly && box.clickedButton() == readOnly;
}

void MainWindow::setWorkspace(std::unique_ptr<Workspace> workspace)
{
    batch_->cancel();
    stopModelsWork();   // a training job or comparison of the workspace that is closing
    workspaceCase_.reset();
    annotatedCase_ = nullptr;
    workspace_ = std::move(workspace);
    casesStack_->setCurrentWidget(workspace_ ? static_cast<QWidget*>(worklist_) : cases_);
    casesDock_->setWindowTitle(workspace_ ? tr("Worklist") : tr("Cases"));
    readingDock_->setVisible(workspace_ != nullptr);
    // The worklist's columns need more room than the list of opened files.
    if (workspace_) resizeDocks({casesDock_}, {560}, Qt::Horizontal);
    worklist_->setCases({});
    refreshWorklist();
    updateTitle();
    updateWorkspaceActions();
    showCase(currentCase());
    updateReadingForm();
    modelsWorkspaceChanged();
    if (workspace_)
        statusBar()->showMessage(workspace_->isWritable() ? tr("Workspace opened: %n case(s)", nullptr, worklist_->caseCount())
                                                          : tr("Workspace opened read-only: %n case(s); nothing is stored", nullptr,
                                                               worklist_->caseCount()),
                                 10000);
}

void MainWindow::closeWorkspace()
{
    if (!workspace_ || !confirmStopTraining()) return;
    setWorkspace(nullptr);
}

void MainWindow::updateTitle()
{
    const QString base = tr("Bone Age Workstation (research use, not a medical device)");
    if (!workspace_) {
        setWindowTitle(base);
        return;
    }
    const QString dir = QDir::toNativeSeparators(QString::fromStdString(workspace_->dir()));
    setWindowTitle(workspace_->isWritable() ? tr("%1 – %2").arg(dir, base) : tr("%1 (read-only) – %2").arg(dir, base));
}

void MainWindow::updateWorkspaceActions()
{
    const bool writable = workspace_ && workspace_->isWritable();
    for (QAction* a : writableWorkspaceActions_) a->setEnabled(writable);
    if (closeWorkspaceAction_) closeWorkspaceAction_->setEnabled(workspace_ != nullptr);
    if (trainAction_) trainAction_->setEnabled(workspace_ != nullptr);
    if (versionsAction_) versionsAction_->setEnabled(workspace_ != nullptr);
    if (assessAllAction_) assessAllAction_->setEnabled(writable && !batch_->isRunning());
    if (cancelAssessAllAction_) cancelAssessAllAction_->setEnabled(batch_->isRunning());
}

void MainWindow::refreshWorklist()
{
    if (!workspace_) return;
    try {
        worklist_->setCases(workspace_->listCases());
    } catch (const WorkspaceError& e) {
        showError(tr("The worklist could not be read"), QString::fromStdString(e.what()));
    }
}

bool MainWindow::workspaceHolds(const RadiographCase& c) const
{
    return workspace_ && !c.caseId.isEmpty() && c.workspaceDir == QString::fromStdString(workspace_->dir());
}

void MainWindow::openWorkspaceCase(const QString& caseId)
{
    if (!workspace_) return;
    std::shared_ptr<RadiographCase> c;
    if (!caseId.isEmpty()) {
        try {
            const auto record = workspace_->findCase(caseId.toStdString());
            if (record) {
                c = openRadiographCase(QString::fromStdString(workspace_->filmPath(*record)));
                c->caseId = caseId;
                c->workspaceDir = QString::fromStdString(workspace_->dir());
                c->sex = record->sex;   // as imported (the film's, or given at import)
                if (!c->chronologicalAgeMonths && record->ageMonths) {
                    c->chronologicalAgeMonths = record->ageMonths;
                    c->ageSource = tr("the workspace");
                }
                // The stored result is shown as it was stored: the models do not run again.
                const auto stored = workspace_->assessments(record->id);
                if (!stored.empty() && c->radiograph) {
                    try {
                        c->assessment = assessmentFromJson(nlohmann::json::parse(stored.back().resultJson));
                        c->status = RadiographCase::Status::Assessed;
                        c->showFilmAsRead();   // an inverted export, as it was read
                        // A version's result is stored as "vN <models>" (as `boneage workspace assess` does).
                        const QRegularExpressionMatch m =
                            QRegularExpression(QStringLiteral("^v(\\d+) ")).match(QString::fromStdString(stored.back().packageId));
                        const QRegularExpressionMatch lm = QRegularExpression(QStringLiteral(" \\+ landmarks v(\\d+)$"))
                                                               .match(QString::fromStdString(stored.back().packageId));
                        c->producedBy = producedByName(m.hasMatch() ? std::optional<int>(m.captured(1).toInt()) : std::nullopt,
                                                       lm.hasMatch() ? std::optional<int>(lm.captured(1).toInt()) : std::nullopt);
                    } catch (const std::exception& e) {
                        c->error = tr("The stored assessment cannot be read: %1").arg(QString::fromStdString(e.what()));
                    }
                }
                if (assessing_ && assessing_->caseId == caseId && workspaceHolds(*assessing_)) c = assessing_;   // running
                else loadStoredAnnotation(*c);
            }
        } catch (const WorkspaceError& e) {
            showError(tr("The case could not be opened"), QString::fromStdString(e.what()));
        }
    }
    workspaceCase_ = c;
    showCase(c);
    updateReadingForm();
}

void MainWindow::loadStoredAnnotation(RadiographCase& c)
{
    c.annotation.reset();
    c.annotationStored = false;
    if (!workspaceHolds(c)) return;
    const std::string reader = readerName().toStdString();
    const auto annotators = workspace_->annotators(c.caseId.toStdString());
    if (std::find(annotators.begin(), annotators.end(), reader) != annotators.end()) {
        c.annotation = workspace_->annotation(c.caseId.toStdString(), reader);
        c.annotationStored = true;
    }
    // Else the proposal from the stored assessment's keypoints (showAnnotation).
}

void MainWindow::storeAnnotationItem(const AnnotationItem& item)
{
    RadiographCase* c = annotatedCase_;
    if (!c || !workspaceHolds(*c)) return;
    if (!workspace_->isWritable()) {
        statusBar()->showMessage(tr("The workspace is open read-only: this edit is not stored."), 8000);
        return;
    }
    const std::string id = c->caseId.toStdString(), reader = readerName().toStdString();
    try {
        if (!c->annotationStored) {
            // The first edit of a proposal stores all of it: the items not edited are part of the reading too.
            CaseAnnotation whole = editor_->annotation();
            whole.caseId = id;
            whole.reader = reader;
            workspace_->saveAnnotation(whole);
            c->annotationStored = true;
        } else {
            workspace_->saveItem(id, reader, item);
        }
    } catch (const WorkspaceError& e) {
        showError(tr("The annotation edit was not stored"), QString::fromStdString(e.what()));
        return;
    }
    const auto summary = worklist_->summary(c->caseId);
    if (summary && (summary->status == CaseStatus::New || summary->status == CaseStatus::Assessed)) refreshWorklist();
}

void MainWindow::storeAssessment(const QString& caseId, const Radiograph& radiograph, const Assessment& assessment,
                                 std::optional<int> modelVersion, std::optional<int> landmarkVersion)
{
    if (!workspace_ || !workspace_->isWritable()) return;
    StoredAssessment stored;
    stored.caseId = caseId.toStdString();
    std::tie(stored.packageId, stored.packageSha256) = assessmentIdentity(assessment);
    if (modelVersion) stored.packageId = "v" + std::to_string(*modelVersion) + " " + stored.packageId;
    if (landmarkVersion) stored.packageId += " + landmarks v" + std::to_string(*landmarkVersion);   // as `workspace assess`
    stored.boneAgeMonths = assessment.withheld ? std::nullopt : assessment.boneAgeMonths();
    stored.resultJson = storedAssessmentJson("case " + stored.caseId, radiograph, assessment)
                            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    try {
        workspace_->addAssessment(stored);
    } catch (const WorkspaceError& e) {
        showError(tr("The assessment was not stored"), QString::fromStdString(e.what()));
    }
}

std::optional<Sex> MainWindow::askSexFor(const QStringList& files)
{
    if (!errorDialogs_ || files.isEmpty()) return std::nullopt;
    QStringList names;
    for (const QString& f : files) names << QFileInfo(f).fileName();
    QMessageBox box(QMessageBox::Question, tr("Patient's sex"),
                    tr("%n film(s) do not record the patient's sex, which the bone age standards need:\n\n%1\n\n"
                       "Import them as the films of a boy or of a girl?",
                       nullptr, static_cast<int>(files.size()))
                        .arg(names.mid(0, 12).join(QLatin1Char('\n')) + (names.size() > 12 ? tr("\n…") : QString())),
                    QMessageBox::NoButton, this);
    QPushButton* male = box.addButton(tr("&Male"), QMessageBox::AcceptRole);
    QPushButton* female = box.addButton(tr("&Female"), QMessageBox::AcceptRole);
    box.addButton(tr("Do &Not Import"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() == male) return Sex::Male;
    if (box.clickedButton() == female) return Sex::Female;
    return std::nullopt;
}

int MainWindow::importIntoWorkspace(const QStringList& paths)
{
    if (!workspace_) return 0;
    if (!workspace_->isWritable()) {
        showError(tr("Nothing imported"), tr("The workspace is open read-only: films cannot be imported."));
        return 0;
    }
    QStringList files, refused;
    for (const QString& path : paths) {
        if (QFileInfo(path).isDir()) {
            const QStringList in = radiographFilesIn(path);
            if (in.isEmpty()) refused << tr("%1: no DICOM, PNG, JPEG, TIFF or JPEG 2000 files in this folder.").arg(path);
            files << in;
        } else {
            files << path;
        }
    }
    int added = 0, already = 0;
    QString first;
    std::map<QString, QString> withoutSex;   // file -> the refusal
    const auto import = [&](const QString& file, const ImportOptions& options) {
        const ImportOutcome out = workspace_->importFilm(file.toStdString(), options);
        if (out.kind == ImportOutcome::Kind::Refused) return QString::fromStdString(out.message);
        (out.kind == ImportOutcome::Kind::Added ? added : already)++;
        if (first.isEmpty()) first = QString::fromStdString(out.caseId);
        return QString();
    };
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        for (const QString& f : files) {
            const QString problem = import(f, {});
            if (problem.isEmpty()) continue;
            // A film that loads but does not say the sex can still come in: the reader gives the sex.
            bool lacksSex = false;
            try {
                lacksSex = loadRadiograph(f.toStdString()).metadata.sex == Sex::Unknown;
            } catch (const std::exception&) {
            }
            if (lacksSex) withoutSex[f] = problem;
            else refused << problem;
        }
        QApplication::restoreOverrideCursor();
        QStringList needSex;
        for (const auto& [f, problem] : withoutSex) needSex << f;
        const std::optional<Sex> sex = askSexFor(needSex);
        QApplication::setOverrideCursor(Qt::WaitCursor);
        for (const auto& [f, problem] : withoutSex) {
            if (!sex) {
                refused << problem;
                continue;
            }
            ImportOptions options;
            options.sex = sex;
            const QString again = import(f, options);
            if (!again.isEmpty()) refused << again;
        }
    } catch (const WorkspaceError& e) {
        refused << QString::fromStdString(e.what());
    }
    QApplication::restoreOverrideCursor();
    refreshWorklist();
    if (!first.isEmpty() && worklist_->currentCaseId().isEmpty()) worklist_->selectCase(first);
    statusBar()->showMessage(tr("Imported: %1 new, %2 already in the workspace, %3 refused").arg(added).arg(already).arg(refused.size()), 15000);
    for (const QString& r : refused) emit caseOpenFailed(r);
    if (!refused.isEmpty())
        showError(tr("%n file(s) were not imported", nullptr, static_cast<int>(refused.size())), refused.join(QStringLiteral("\n\n")));
    return added;
}

bool MainWindow::assessAll()
{
    if (!workspace_ || !workspace_->isWritable() || batch_->isRunning()) return false;
    std::vector<BatchCase> todo;
    for (const CaseSummary& s : workspace_->listCases())
        if (s.assessmentCount == 0)
            todo.push_back({QString::fromStdString(s.record.id), QString::fromStdString(workspace_->filmPath(s.record)), s.record.sex,
                            s.record.ageMonths});
    if (todo.empty()) {
        statusBar()->showMessage(tr("Every case of the workspace is assessed."), 8000);
        return false;
    }
    AssessmentRequest settings = assessmentSettings();
    if (settings.packages.empty()) {
        showError(tr("Assess all"), tr("No bone age model is installed in %1.").arg(modelsDirectory_));
        return false;
    }
    settings.attentionMaps = false;   // not stored: the reader's own Assess shows them
    batchVersion_ = activeModelVersion();
    batchLandmarks_ = activeLandmarkVersion();
    batchWorkspaceDir_ = QString::fromStdString(workspace_->dir());
    batchStored_ = batchFailed_ = 0;
    batchProgress_->show();
    batchCancel_->show();
    batch_->start(std::move(todo), settings);
    updateWorkspaceActions();
    return true;
}

void MainWindow::cancelAssessAll() { batch_->cancel(); }

bool MainWindow::saveReading()
{
    const auto c = workspaceCase_;
    if (!workspace_ || !c || !workspaceHolds(*c)) return false;
    Reading reading = readingForm_->reading();
    reading.caseId = c->caseId.toStdString();
    reading.reader = readerName().toStdString();
    try {
        workspace_->addReading(reading);
    } catch (const WorkspaceError& e) {
        showError(tr("The reading was not stored"), QString::fromStdString(e.what()));
        return false;
    }
    refreshWorklist();
    updateReadingForm();
    statusBar()->showMessage(tr("Reading of case %1 stored: %2 months").arg(c->caseId).arg(reading.boneAgeMonths, 0, 'f', 1), 8000);
    return true;
}

void MainWindow::updateReadingForm()
{
    const auto c = workspaceCase_;
    if (!workspace_ || !c) {
        readingForm_->setCase({}, false);
        return;
    }
    readingForm_->setCase(c->caseId, workspace_->isWritable(), tr("The workspace is open read-only: readings are not stored."));
    try {
        const auto summary = worklist_->summary(c->caseId);
        readingForm_->setReadings(workspace_->readings(c->caseId.toStdString()), summary ? summary->modelBoneAgeMonths : std::nullopt,
                                  readerName());
    } catch (const WorkspaceError& e) {
        showError(tr("The readings could not be read"), QString::fromStdString(e.what()));
    }
}

void MainWindow::showNextCase()
{
    if (workspace_) worklist_->selectNext();
    else if (cases_->currentRow() + 1 < cases_->count()) cases_->setCurrentRow(cases_->currentRow() + 1);
}

void MainWindow::showPreviousCase()
{
    if (workspace_) worklist_->selectPrevious();
    else if (cases_->currentRow() > 0) cases_->setCurrentRow(cases_->currentRow() - 1);
}

} // namespace boneage::ui
