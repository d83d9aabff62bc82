#include "CaseList.h"

#include "anatomy/GpStandards.h"
#include "AgeText.h"

#include <QFileInfo>
#include <QPixmap>

namespace boneage::ui {

CaseList::CaseList(QWidget* parent) : QListWidget(parent)
{
    setIconSize(QSize(64, 64));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setUniformItemSizes(true);
    setWordWrap(true);
    connect(this, &QListWidget::currentRowChanged, this, [this](int row) { emit currentCaseChanged(caseAt(row)); });
}

std::shared_ptr<RadiographCase> CaseList::caseAt(int row) const
{
    return row >= 0 && row < caseCount() ? cases_[static_cast<size_t>(row)] : nullptr;
}

std::shared_ptr<RadiographCase> CaseList::currentCase() const { return caseAt(currentRow()); }

QString CaseList::describe(const RadiographCase& c) const
{
    const QString sex = c.sex == Sex::Male ? tr("male") : c.sex == Sex::Female ? tr("female") : tr("sex unknown");
    const QString age = c.chronologicalAgeMonths
                            ? tr("age %1").arg(ageText(*c.chronologicalAgeMonths))
                            : tr("age unknown");
    if (c.status == RadiographCase::Status::Unreadable)
        return QStringLiteral("%1\n%2").arg(QFileInfo(c.path).fileName(), c.statusText());
    return QStringLiteral("%1\n%2\n%3").arg(c.patientLabel(), tr("%1, %2", "a case's line: sex, age").arg(sex, age), c.statusText());
}

void CaseList::addCase(std::shared_ptr<RadiographCase> c)
{
    auto* item = new QListWidgetItem(describe(*c));
    QPixmap icon(64, 64);
    icon.fill(Qt::black);
    if (!c->thumbnail.isNull()) icon = QPixmap::fromImage(c->thumbnail.scaled(64, 64, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    item->setIcon(QIcon(icon));
    item->setToolTip(c->error.isEmpty() ? c->path : c->path + QLatin1Char('\n') + c->error);
    cases_.push_back(std::move(c));
    addItem(item);
    setCurrentRow(count() - 1);
}

void CaseList::refresh(const RadiographCase* c)
{
    for (size_t i = 0; i < cases_.size(); ++i)
        if (cases_[i].get() == c) {
            QListWidgetItem* it = item(static_cast<int>(i));
            it->setText(describe(*c));
            it->setToolTip(c->error.isEmpty() ? c->path : c->path + QLatin1Char('\n') + c->error);
        }
}

} // namespace boneage::ui
