// File > Export Report: the shown case's report through core/report (docs/report.md).
#include "MainWindow.h"

#include "AtlasView.h"
#include "RadiographCase.h"
#include "Translations.h"

#include "report/BoneAgeReport.h"
#include "report/EncapsulatedPdf.h"
#include "report/ReportPdf.h"
#include "report/ResultCapture.h"
#include "report/StructuredReport.h"
#include "common/AtomicFile.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

#include <filesystem>
#include <stdexcept>

namespace boneage::ui {

QStringList MainWindow::exportReport(const QString& pdfPath, const QString& dicomFolder)
{
    const auto c = currentCase();
    if (!c || !c->radiograph) throw std::runtime_error(tr("Open a film first.").toStdString());
    if (!c->assessment) throw std::runtime_error(tr("Assess the film first: the report holds the models' result.").toStdString());
    std::vector<Reading> readings;
    if (workspace_ && !c->caseId.isEmpty()) readings = workspace_->readings(c->caseId.toStdString());
    ReportOverlays overlays;
    overlays.attention = !c->assessment->attentionMaps().empty();
    // The report's words follow the window's: the translation installed at start-up or in the settings.
    const QString language = installedTranslation();
    const std::string atlas = AtlasView::configuredAtlasFolder().toStdString();
    const BoneAgeReport report = makeBoneAgeReport(c->path.toStdString(), *c->filmAsStored(), *c->assessment, readings,
                                                   std::filesystem::exists(atlas + "/atlas.json") ? atlas : std::string(),
                                                   overlays, language.toStdString());
    QStringList written;
    const QByteArray pdf = reportPdf(report);
    if (!pdfPath.isEmpty()) {
        writeTextAtomically(pdfPath.toStdString(), std::string(pdf.constData(), std::size_t(pdf.size())));
        written << pdfPath;
    }
    if (!dicomFolder.isEmpty()) {
        QDir().mkpath(dicomFolder);
        const QDir d(dicomFolder);
        writeStructuredReport(report, d.filePath(QStringLiteral("bone-age-sr.dcm")).toStdString());
        writeResultCapture(report, d.filePath(QStringLiteral("bone-age-sc.dcm")).toStdString());
        writeEncapsulatedPdf(report, pdf, d.filePath(QStringLiteral("bone-age-report.dcm")).toStdString());
        written << d.filePath(QStringLiteral("bone-age-sr.dcm")) << d.filePath(QStringLiteral("bone-age-sc.dcm"))
                << d.filePath(QStringLiteral("bone-age-report.dcm"));
    }
    return written;
}

void MainWindow::exportReportDialog()
{
    const auto c = currentCase();
    if (!c || !c->assessment) {
        showError(tr("Export Report"), tr("Assess the film first: the report holds the models' result."));
        return;
    }
    const QString suggested = QFileInfo(c->path).completeBaseName() + QStringLiteral("-bone-age.pdf");
    const QString pdf = QFileDialog::getSaveFileName(this, tr("Export the report as PDF"), suggested, tr("PDF (*.pdf)"));
    if (pdf.isEmpty()) return;
    QString dicom;
    if (QMessageBox::question(this, tr("Export Report"),
                              tr("Also write the DICOM objects (structured report, secondary capture, encapsulated PDF) "
                                 "into a folder, to send to the PACS?")) == QMessageBox::Yes)
        dicom = QFileDialog::getExistingDirectory(this, tr("Folder for the DICOM objects"), QFileInfo(pdf).absolutePath());
    try {
        const QStringList written = exportReport(pdf, dicom);
        statusBar()->showMessage(tr("Report written: %1").arg(written.join(QStringLiteral(", "))), 10000);
    } catch (const std::exception& e) {
        showError(tr("Export Report"), QString::fromStdString(e.what()));
    }
}

} // namespace boneage::ui
