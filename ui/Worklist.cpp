#include "Worklist.h"

#include "AgeText.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace boneage::ui {

namespace {

// The text filter over every column, and the status filter.
class WorklistFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setStatus(std::optional<CaseStatus> status)
    {
        status_ = status;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        if (status_ && sourceModel()->index(row, 0, parent).data(WorklistModel::kStatusRole).toInt() != static_cast<int>(*status_))
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    std::optional<CaseStatus> status_;
};

QString monthsText(const std::optional<double>& months) { return months ? QString::number(*months, 'f', 1) : QString(); }

} // namespace

QString WorklistModel::statusText(CaseStatus status)
{
    switch (status) {
    case CaseStatus::New: return tr("new");
    case CaseStatus::Assessed: return tr("assessed");
    case CaseStatus::Annotated: return tr("annotated");
    case CaseStatus::Read: return tr("read");
    case CaseStatus::DoubleRead: return tr("double-read");
    }
    return {};
}

void WorklistModel::setCases(std::vector<CaseSummary> cases)
{
    const bool sameRows = cases.size() == cases_.size() &&
                          std::equal(cases.begin(), cases.end(), cases_.begin(),
                                     [](const CaseSummary& a, const CaseSummary& b) { return a.record.id == b.record.id; });
    if (sameRows) {
        cases_ = std::move(cases);
        if (!cases_.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    cases_ = std::move(cases);
    endResetModel();
}

int WorklistModel::rowOf(const QString& caseId) const
{
    const std::string id = caseId.toStdString();
    for (size_t i = 0; i < cases_.size(); ++i)
        if (cases_[i].record.id == id) return static_cast<int>(i);
    return -1;
}

int WorklistModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(cases_.size()); }
int WorklistModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant WorklistModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const CaseSummary& s = cases_[static_cast<size_t>(index.row())];
    const CaseRecord& r = s.record;
    if (role == kStatusRole) return static_cast<int>(s.status);
    if (role == kCaseIdRole) return QString::fromStdString(r.id);
    const auto number = [](const std::optional<double>& v) { return v ? QVariant(*v) : QVariant(-1.0); };
    if (role == kSortRole) {
        switch (index.column()) {
        case Status: return static_cast<int>(s.status);
        case Age: return number(r.ageMonths);
        case Model: return number(s.modelBoneAgeMonths);
        case Reading: return number(s.meanReadingMonths);
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Status: return statusText(s.status);
        case Case: return QString::fromStdString(r.id);
        case SexColumn: return r.sex == Sex::Male ? tr("male") : r.sex == Sex::Female ? tr("female") : tr("unknown");
        case Age: return r.ageMonths ? ageText(*r.ageMonths) : QString();
        case Model: return monthsText(s.modelBoneAgeMonths);
        case Reading: return monthsText(s.meanReadingMonths);
        case File: return QString::fromStdString(r.originalName);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Model && s.modelBoneAgeMonths) return ageText(*s.modelBoneAgeMonths);
    if (role == Qt::ToolTipRole && index.column() == Reading && s.meanReadingMonths)
        return tr("%1, mean of %n reader(s)", nullptr, s.readerCount).arg(ageText(*s.meanReadingMonths));
    if (role == Qt::ToolTipRole)
        return tr("Case %1, imported %2 from %3").arg(QString::fromStdString(r.id), QString::fromStdString(r.importedAt),
                                                     QString::fromStdString(r.originalName));
    if (role == Qt::ForegroundRole && index.column() == Status && s.status == CaseStatus::New) return QColor(Qt::darkGray);
    return {};
}

QVariant WorklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Status: return tr("Status");
    case Case: return tr("Case");
    case SexColumn: return tr("Sex");
    case Age: return tr("Age");
    case Model: return tr("Model (months)");
    case Reading: return tr("Reading (months)");
    case File: return tr("File");
    }
    return {};
}

Worklist::Worklist(QWidget* parent)
    : QWidget(parent)
    , model_(new WorklistModel(this))
    , proxy_(new WorklistFilter(this))
    , table_(new QTableView)
    , status_(new QComboBox)
    , text_(new QLineEdit)
    , count_(new QLabel)
{
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(WorklistModel::kSortRole);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder);   // the import order until a header is clicked
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);

    status_->addItem(tr("All cases"), -1);
    for (CaseStatus s : {CaseStatus::New, CaseStatus::Assessed, CaseStatus::Annotated, CaseStatus::Read, CaseStatus::DoubleRead})
        status_->addItem(WorklistModel::statusText(s), static_cast<int>(s));
    status_->setToolTip(tr("Show the cases of one status"));
    text_->setPlaceholderText(tr("Filter: case, file, sex…"));
    text_->setClearButtonEnabled(true);

    auto* filters = new QHBoxLayout;
    filters->addWidget(status_);
    filters->addWidget(text_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(table_, 1);
    layout->addWidget(count_);

    connect(status_, &QComboBox::currentIndexChanged, this, [this] {
        const int s = status_->currentData().toInt();
        setStatusFilter(s < 0 ? std::nullopt : std::optional<CaseStatus>(static_cast<CaseStatus>(s)));
    });
    connect(text_, &QLineEdit::textChanged, this, [this](const QString& t) {
        proxy_->setFilterFixedString(t);
        updateCount();
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& index) {
        const QString id = index.isValid() ? index.siblingAtColumn(0).data(WorklistModel::kCaseIdRole).toString() : QString();
        if (id == current_) return;
        current_ = id;
        emit currentCaseChanged(id);
    });
    updateCount();
}

void Worklist::setCases(std::vector<CaseSummary> cases)
{
    const QString keep = current_;
    model_->setCases(std::move(cases));
    if (!keep.isEmpty() && currentCaseId() != keep) {
        const QSignalBlocker block(table_->selectionModel());   // the same case: not a new selection
        selectCase(keep);
        current_ = currentCaseId();
    }
    table_->resizeColumnsToContents();
    updateCount();
}

int Worklist::caseCount() const { return model_->rowCount(); }
int Worklist::visibleCount() const { return proxy_->rowCount(); }

QString Worklist::currentCaseId() const
{
    const QModelIndex index = table_->selectionModel()->currentIndex();
    return index.isValid() ? index.siblingAtColumn(0).data(WorklistModel::kCaseIdRole).toString() : QString();
}

bool Worklist::selectRow(int row)
{
    if (row < 0 || row >= proxy_->rowCount()) return false;
    const QModelIndex index = proxy_->index(row, 0);
    table_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index);
    return true;
}

bool Worklist::selectCase(const QString& caseId)
{
    const int source = model_->rowOf(caseId);
    if (source < 0) return false;
    const QModelIndex index = proxy_->mapFromSource(model_->index(source, 0));
    return index.isValid() && selectRow(index.row());
}

std::optional<CaseSummary> Worklist::summary(const QString& caseId) const
{
    const int row = model_->rowOf(caseId);
    return row < 0 ? std::nullopt : std::optional<CaseSummary>(model_->cases()[static_cast<size_t>(row)]);
}

bool Worklist::selectNext()
{
    const QModelIndex index = table_->selectionModel()->currentIndex();
    return selectRow(index.isValid() ? index.row() + 1 : 0);
}

bool Worklist::selectPrevious()
{
    const QModelIndex index = table_->selectionModel()->currentIndex();
    return selectRow(index.isValid() ? index.row() - 1 : proxy_->rowCount() - 1);
}

void Worklist::setStatusFilter(std::optional<CaseStatus> status)
{
    static_cast<WorklistFilter*>(proxy_)->setStatus(status);
    const int wanted = status ? static_cast<int>(*status) : -1;
    if (status_->currentData().toInt() != wanted) {
        const QSignalBlocker block(status_);
        status_->setCurrentIndex(status_->findData(wanted));
    }
    updateCount();
}

void Worklist::setTextFilter(const QString& text) { text_->setText(text); }

void Worklist::updateCount()
{
    count_->setText(visibleCount() == caseCount() ? tr("%n case(s)", nullptr, caseCount())
                                                  : tr("%1 of %n case(s) shown", nullptr, caseCount()).arg(visibleCount()));
}

} // namespace boneage::ui
