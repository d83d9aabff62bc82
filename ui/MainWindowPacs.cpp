// File > Send to PACS and File > Query PACS (issue 19): the window's side of core/dicomnet. The
// dialog and the panel do the exchanges in the background; the window supplies the result objects
// (through exportReport) and opens what is retrieved.
#include "MainWindow.h"

#include "DicomNodeBox.h"
#include "QueryPanel.h"
#include "RadiographCase.h"
#include "SendDialog.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QStatusBar>

namespace boneage::ui {

void MainWindow::setUpPacs()
{
    queryPanel_ = new QueryPanel;
    queryDock_ = new QDockWidget(tr("PACS query"), this);
    queryDock_->setObjectName(QStringLiteral("pacsQuery"));
    queryDock_->setWidget(queryPanel_);
    addDockWidget(Qt::BottomDockWidgetArea, queryDock_);
    queryDock_->hide();
    connect(queryPanel_, &QueryPanel::studyRetrieved, this,
            [this](const QStringList& films, int, const QString& message) { openRetrievedFilms(films, message); });
}

void MainWindow::showQueryPanel()
{
    queryPanel_->nodeBox()->reload();
    queryDock_->show();
    queryDock_->raise();
    queryPanel_->patientIdField()->setFocus();
}

void MainWindow::openRetrievedFilms(const QStringList& films, const QString& message)
{
    statusBar()->showMessage(message, 15000);
    if (!films.isEmpty()) openPaths(films);   // into the workspace when one is open
}

void MainWindow::showSendDialog()
{
    const auto c = currentCase();
    if (!c || !c->radiograph) {
        showError(tr("Send to PACS"), tr("Open a film first."));
        return;
    }
    QString whyNoResults;
    if (c->radiograph->metadata.studyInstanceUid.empty())
        whyNoResults = tr("The film has no Study Instance UID (a PNG or JPEG export, or a DICOM file without it), so its results "
                          "would not join its study in the PACS. File > Export Report writes them to files instead.");
    else if (!c->assessment)
        whyNoResults = tr("The film is not assessed yet: assess it first to send its results.");
    const QString path = c->path;
    delete sendDialog_;
    // The results are those of the case shown when the dialog opened, written when Send is pressed.
    sendDialog_ = new SendDialog(
        path,
        [this, weak = std::weak_ptr<RadiographCase>(c)](const QString& folder) {
            const auto shown = weak.lock();
            if (!shown || shown != currentCase())
                throw std::runtime_error(tr("The case changed: open Send to PACS again for the film shown now.").toStdString());
            const QStringList written = exportReport(QString(), folder);
            return written;
        },
        whyNoResults, this);
    sendDialog_->setAttribute(Qt::WA_DeleteOnClose, false);
    sendDialog_->show();
}

} // namespace boneage::ui
