#pragma once
// File > Query PACS (issue 19): find studies on a DICOM node (C-FIND at study level, by patient ID,
// name, study date or accession number) and retrieve one (C-GET, so the PACS needs no route back to
// this workstation). The retrieved hand films are handed on to be opened (or imported into the
// workspace); the other objects of the study (reports, this program's earlier results) are counted,
// not opened. The exchanges run in the background; errors are shown in the panel.
#include "dicomnet/PacsClient.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace boneage::ui {

class DicomNodeBox;

class QueryPanel : public QWidget {
    Q_OBJECT
public:
    explicit QueryPanel(QWidget* parent = nullptr);

    // Ignored while an exchange runs.
    void search();
    void retrieveSelected();
    bool isBusy() const { return busy_; }
    // Where studies are retrieved to, one folder per study (default: the application's data folder,
    // "retrieved").
    void setRetrieveFolder(const QString& folder) { retrieveFolder_ = folder; }
    const QString& retrieveFolder() const { return retrieveFolder_; }
    const std::vector<StudyMatch>& matches() const { return matches_; }

    DicomNodeBox* nodeBox() const { return node_; }
    QLineEdit* patientIdField() const { return patientId_; }
    QLineEdit* patientNameField() const { return patientName_; }
    QLineEdit* studyDateField() const { return studyDate_; }
    QLineEdit* accessionField() const { return accession_; }
    QTableWidget* studyTable() const { return studies_; }   // one row per match, in matches() order
    QLabel* statusLabel() const { return status_; }

signals:
    void searchFinished(int matches, const QString& message);
    // `films`: the hand films retrieved, to open; `others`: how many other objects came with them.
    void studyRetrieved(const QStringList& films, int others, const QString& message);
    void retrieveFailed(const QString& message);

private:
    void setBusy(bool busy);
    void showStatus(const QString& text, bool problem);
    void showMatches();

    DicomNodeBox* node_;
    QLineEdit* patientId_;
    QLineEdit* patientName_;
    QLineEdit* studyDate_;
    QLineEdit* accession_;
    QPushButton* search_;
    QPushButton* retrieve_;
    QTableWidget* studies_;
    QLabel* status_;
    std::vector<StudyMatch> matches_;
    QString retrieveFolder_;
    bool busy_ = false;
};

} // namespace boneage::ui
