#pragma once
// The reader's own bone age for the shown workspace case, beside the model's result: the age (in
// months, or in years and months), the method (Greulich-Pyle, TW3, other), the confidence and a
// comment; Save stores it. Below: each reader's latest reading of the case and how far the readers
// are from each other and from the model.
#include "workspace/Workspace.h"

#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace boneage::ui {

class ReadingForm : public QWidget {
    Q_OBJECT
public:
    explicit ReadingForm(QWidget* parent = nullptr);

    // The case the form is for (empty: none) and whether a reading can be stored now.
    void setCase(const QString& caseId, bool writable, const QString& whyNot = {});
    QString caseId() const { return caseId_; }
    // The case's readings (every reader) and the model's estimate, for the agreement below the form.
    void setReadings(const std::vector<Reading>& readings, std::optional<double> modelMonths, const QString& reader);
    // The reading as entered (case id and reader left for the caller).
    Reading reading() const;
    void setBoneAgeMonths(double months);

    QDoubleSpinBox* monthsField() const { return months_; }
    QSpinBox* yearsPart() const { return years_; }
    QSpinBox* monthsPart() const { return monthsPart_; }
    QComboBox* methodField() const { return method_; }
    QComboBox* confidenceField() const { return confidence_; }
    QLineEdit* commentField() const { return comment_; }
    QPushButton* saveButton() const { return save_; }
    QLabel* agreementLabel() const { return agreement_; }

signals:
    void saveRequested();

private:
    QString caseId_;
    QLabel* caseLabel_;
    QDoubleSpinBox* months_;
    QSpinBox* years_;
    QSpinBox* monthsPart_;
    QComboBox* method_;
    QComboBox* confidence_;
    QLineEdit* comment_;
    QPushButton* save_;
    QLabel* state_;
    QLabel* agreement_;
};

// Each reader's latest reading of a case (in the order they first read it).
std::vector<Reading> latestReadings(const std::vector<Reading>& readings);

} // namespace boneage::ui
