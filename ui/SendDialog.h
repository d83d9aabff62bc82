#pragma once
// File > Send to PACS (issue 19): the shown film and its results (the DICOM structured report, the
// secondary capture with the overlays burned in, the PDF report encapsulated in DICOM) to a DICOM
// node, with a connection test (C-ECHO). The exchange runs in the background; each object's outcome
// is listed. The result objects are written at the moment of sending, so they hold the readings
// recorded until then.
#include <QDialog>
#include <QStringList>

#include <functional>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace boneage::ui {

class DicomNodeBox;

class SendDialog : public QDialog {
    Q_OBJECT
public:
    // Writes the result objects into `folder` and returns the structured report, the secondary
    // capture and the encapsulated PDF, in this order; throws std::exception with a reason.
    using ResultWriter = std::function<QStringList(const QString& folder)>;

    // `film`: the shown film's file; offered when it is a DICOM file. `whyNoResults`: when not empty,
    // the results cannot be sent (not assessed) and this says why; `writeResults` is then not called.
    SendDialog(const QString& film, ResultWriter writeResults, const QString& whyNoResults, QWidget* parent = nullptr);

    // Test the connection (C-ECHO) / send what is ticked. Ignored while an exchange runs.
    void testConnection();
    void sendChosen();
    bool isBusy() const { return busy_; }

    DicomNodeBox* nodeBox() const { return node_; }
    QCheckBox* filmBox() const { return film_; }
    QCheckBox* structuredReportBox() const { return sr_; }
    QCheckBox* secondaryCaptureBox() const { return sc_; }
    QCheckBox* pdfBox() const { return pdf_; }
    QTableWidget* outcomeTable() const { return outcomes_; }   // object, SOP instance UID, outcome
    QLabel* statusLabel() const { return status_; }

signals:
    void echoFinished(bool answered, const QString& message);
    void sendFinished(int stored, int notStored, const QString& message);

private:
    void setBusy(bool busy);
    void showStatus(const QString& text, bool problem);

    QString filmPath_;
    ResultWriter writeResults_;
    DicomNodeBox* node_;
    QPushButton* echo_;
    QPushButton* send_;
    QCheckBox* film_;
    QCheckBox* sr_;
    QCheckBox* sc_;
    QCheckBox* pdf_;
    QTableWidget* outcomes_;
    QLabel* status_;
    bool busy_ = false;
};

} // namespace boneage::ui
