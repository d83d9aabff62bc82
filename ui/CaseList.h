#pragma once
// The open cases beside the image: thumbnail, patient, sex, age and where the assessment stands.
#include "RadiographCase.h"

#include <QListWidget>

#include <memory>
#include <vector>

namespace boneage::ui {

class CaseList : public QListWidget {
    Q_OBJECT
public:
    explicit CaseList(QWidget* parent = nullptr);

    void addCase(std::shared_ptr<RadiographCase> c);   // appended and selected
    void refresh(const RadiographCase* c);             // after its data or status changed
    std::shared_ptr<RadiographCase> currentCase() const;
    int caseCount() const { return static_cast<int>(cases_.size()); }
    std::shared_ptr<RadiographCase> caseAt(int row) const;

signals:
    void currentCaseChanged(std::shared_ptr<boneage::ui::RadiographCase> c);

private:
    QString describe(const RadiographCase& c) const;

    std::vector<std::shared_ptr<RadiographCase>> cases_;   // same order as the rows
};

} // namespace boneage::ui
