#pragma once
// Patient and study data (from DICOM, editable where the file lacks them), the Assess button with
// progress and cancel, and the results: each model, the ensemble, and the comparison with the
// chronological age (difference, SDS, delayed / normal / advanced at ±2 SD).
#include "RadiographCase.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace boneage::ui {

class AssessmentPanel : public QWidget {
    Q_OBJECT
public:
    explicit AssessmentPanel(QWidget* parent = nullptr);

    void showCase(std::shared_ptr<RadiographCase> c);   // null: nothing open
    void setInstalledModels(int count, const QString& directory);
    void setRunning(bool running);
    void setProgress(int done, int total, const QString& step);
    void setDevice(const QString& device);
    // Why Assess is not possible now ("" when it is).
    QString blockingReason() const;
    // The results' text under the models' table (bone age, comparison, the model that made it).
    QString resultText() const;

signals:
    void assessRequested();
    // "Assess anyway": the reader asks for estimates although no hand was recognised.
    void forcedAssessmentRequested();
    void cancelRequested();
    void patientDataEdited();
    void modelChosen(const QString& modelId);   // a click on a model's row of the results

private:
    void readPatientFields();
    void refreshResults();
    void refreshState();
    QString reviewText(const Assessment& a) const;

    std::shared_ptr<RadiographCase> case_;
    int installedModels_ = 0;
    QString modelsDirectory_;
    bool running_ = false;

    QLabel* patient_;
    QComboBox* sex_;
    QLineEdit* birthDate_;
    QLineEdit* studyDate_;
    QLineEdit* age_;
    QLabel* ageSource_;
    QLabel* request_;
    QPushButton* assess_;
    QPushButton* cancel_;
    QPushButton* assessAnyway_;
    QProgressBar* progress_;
    QLabel* device_;
    QTableWidget* models_;
    QLabel* summary_;
    QLabel* disclaimer_;
};

} // namespace boneage::ui
