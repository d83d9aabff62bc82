#pragma once
// The workspace's cases as a table beside the film: status (new, assessed, annotated, read,
// double-read), case id, sex, age, the model's estimate, the readers' mean reading and the file it
// came from; filtered by status and text, sorted by any column, walked with next / previous.
#include "workspace/Workspace.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace boneage::ui {

class WorklistModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Status, Case, SexColumn, Age, Model, Reading, File, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole + 1;
    static constexpr int kStatusRole = Qt::UserRole + 2;   // CaseStatus as int
    static constexpr int kCaseIdRole = Qt::UserRole + 3;

    using QAbstractTableModel::QAbstractTableModel;
    // Rows keep their place when the same cases come again (a status changed): no reset, the
    // selection stays.
    void setCases(std::vector<CaseSummary> cases);
    const std::vector<CaseSummary>& cases() const { return cases_; }
    int rowOf(const QString& caseId) const;   // -1 when absent

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString statusText(CaseStatus status);

private:
    std::vector<CaseSummary> cases_;
};

class Worklist : public QWidget {
    Q_OBJECT
public:
    explicit Worklist(QWidget* parent = nullptr);

    void setCases(std::vector<CaseSummary> cases);
    int caseCount() const;
    int visibleCount() const;                 // after the filters
    QString currentCaseId() const;            // empty when none is selected
    bool selectCase(const QString& caseId);   // false when absent or filtered out
    std::optional<CaseSummary> summary(const QString& caseId) const;
    // The next / previous case in the table's order (sorted and filtered as shown).
    bool selectNext();
    bool selectPrevious();

    void setStatusFilter(std::optional<CaseStatus> status);
    void setTextFilter(const QString& text);

    QTableView* table() const { return table_; }
    QComboBox* statusFilter() const { return status_; }
    QLineEdit* textFilter() const { return text_; }
    WorklistModel* model() const { return model_; }

signals:
    void currentCaseChanged(const QString& caseId);   // empty: none

private:
    bool selectRow(int row);
    void updateCount();

    WorklistModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QComboBox* status_;
    QLineEdit* text_;
    QLabel* count_;
    QString current_;
};

} // namespace boneage::ui
