#pragma once
// Edits Settings: device, which installed models take part and their weights in the ensemble, the
// atlas folder, the language, our AE title and the DICOM nodes. Device and language apply at the
// next start; the rest at once. A wrong AE title or node keeps the dialog open with the reason.
#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace boneage::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(const QString& modelsDirectory, QWidget* parent = nullptr);

    void accept() override;

    // For tests: the editors, in the dialog's layout (the model table: column 0 the package with its
    // check box, column 1 a QDoubleSpinBox with its weight).
    QComboBox* deviceBox() const { return device_; }
    QComboBox* languageBox() const { return language_; }
    QTableWidget* modelTable() const { return models_; }
    QLineEdit* atlasFolderEdit() const { return atlas_; }
    QDoubleSpinBox* maxIntervalBox() const { return maxInterval_; }
    QLineEdit* callingAeTitleEdit() const { return callingAe_; }
    QPlainTextEdit* dicomNodesEdit() const { return nodes_; }   // one AET@HOST:PORT per line
    QLabel* problemLabel() const { return problem_; }           // why OK did not close the dialog

private:
    void chooseAtlasFolder();

    QComboBox* device_;
    QComboBox* language_;
    QTableWidget* models_;
    QLineEdit* atlas_;
    QDoubleSpinBox* maxInterval_;
    QLineEdit* callingAe_;
    QPlainTextEdit* nodes_;
    QLabel* problem_;
};

} // namespace boneage::ui
