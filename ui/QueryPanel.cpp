#include "QueryPanel.h"

#include "BackgroundCall.h"
#include "DicomNodeBox.h"
#include "Settings.h"

#include "dicomnet/InstanceKind.h"

#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

#include <string>

namespace boneage::ui {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// YYYYMMDD as YYYY-MM-DD; anything else as it came.
QString dicomDate(const std::string& d)
{
    const QString s = q(d);
    return s.size() == 8 ? s.left(4) + QLatin1Char('-') + s.mid(4, 2) + QLatin1Char('-') + s.mid(6, 2) : s;
}

// What was retrieved: the films to open, and how many other objects.
struct Retrieved {
    QStringList films;
    int others = 0;
};

} // namespace

QueryPanel::QueryPanel(QWidget* parent)
    : QWidget(parent), node_(new DicomNodeBox), patientId_(new QLineEdit), patientName_(new QLineEdit), studyDate_(new QLineEdit),
      accession_(new QLineEdit), search_(new QPushButton(tr("Search"))), retrieve_(new QPushButton(tr("Retrieve and Open"))),
      studies_(new QTableWidget(0, 8)), status_(new QLabel),
      retrieveFolder_(QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("retrieved")))
{
    patientName_->setPlaceholderText(tr("e.g. DOE^J*"));
    patientName_->setToolTip(tr("DICOM wildcards: * any characters, ? one character."));
    studyDate_->setPlaceholderText(tr("YYYYMMDD or YYYYMMDD-YYYYMMDD"));
    for (QLineEdit* e : {patientId_, patientName_, studyDate_, accession_})
        connect(e, &QLineEdit::returnPressed, this, &QueryPanel::search);

    studies_->setHorizontalHeaderLabels({tr("Patient"), tr("Patient ID"), tr("Sex"), tr("Birth date"), tr("Study date"),
                                         tr("Description"), tr("Modalities"), tr("Instances")});
    studies_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    studies_->horizontalHeader()->setStretchLastSection(true);
    studies_->setWordWrap(false);
    studies_->verticalHeader()->hide();
    studies_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    studies_->setSelectionBehavior(QAbstractItemView::SelectRows);
    studies_->setSelectionMode(QAbstractItemView::SingleSelection);
    retrieve_->setEnabled(false);
    retrieve_->setToolTip(tr("Retrieves the chosen study (C-GET) and opens its hand films."));
    connect(studies_, &QTableWidget::itemSelectionChanged, this,
            [this] { retrieve_->setEnabled(!busy_ && !studies_->selectionModel()->selectedRows().isEmpty()); });
    connect(studies_, &QTableWidget::cellDoubleClicked, this, [this] { retrieveSelected(); });
    connect(search_, &QPushButton::clicked, this, &QueryPanel::search);
    connect(retrieve_, &QPushButton::clicked, this, &QueryPanel::retrieveSelected);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("PACS"), node_);
    form->addRow(tr("Patient ID"), patientId_);
    form->addRow(tr("Patient name"), patientName_);
    form->addRow(tr("Study date"), studyDate_);
    form->addRow(tr("Accession number"), accession_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(search_);
    buttons->addStretch(1);
    buttons->addWidget(retrieve_);
    // The question on the left, the answers on the right: the panel docks below the film, wide and low.
    auto* question = new QVBoxLayout;
    question->addLayout(form);
    question->addLayout(buttons);
    question->addWidget(status_);
    question->addStretch(1);
    auto* left = new QWidget;
    left->setLayout(question);
    left->setMaximumWidth(460);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(left);
    layout->addWidget(studies_, 1);
}

void QueryPanel::setBusy(bool busy)
{
    busy_ = busy;
    search_->setEnabled(!busy);
    node_->setEnabled(!busy);
    retrieve_->setEnabled(!busy && !studies_->selectionModel()->selectedRows().isEmpty());
    if (busy) setCursor(Qt::BusyCursor);
    else unsetCursor();
}

void QueryPanel::showStatus(const QString& text, bool problem)
{
    status_->setStyleSheet(problem ? QStringLiteral("color: #b00020") : QString());
    status_->setText(text);
}

void QueryPanel::search()
{
    if (busy_) return;
    DicomNode node;
    StudyQuery query;
    try {
        node = node_->node();
        query.patientId = patientId_->text().trimmed().toStdString();
        query.patientName = patientName_->text().trimmed().toStdString();
        query.accessionNumber = accession_->text().trimmed().toStdString();
        const QString date = studyDate_->text().trimmed();
        static const QRegularExpression dateRange(QStringLiteral("^(\\d{8})?(-(\\d{8})?)?$"));
        if (!dateRange.match(date).hasMatch())
            throw std::invalid_argument(tr("The study date '%1' is not a date: write YYYYMMDD, or a range YYYYMMDD-YYYYMMDD").arg(date).toStdString());
        query.studyDate = date.toStdString();
    } catch (const std::exception& e) {
        showStatus(QString::fromStdString(e.what()), true);
        emit searchFinished(0, status_->text());
        return;
    }
    const QString name = q(node.toString());
    setBusy(true);
    showStatus(tr("Searching %1…").arg(name), false);
    const PacsOptions options = DicomNodeBox::pacsOptions();
    runInBackground<std::vector<StudyMatch>>(
        this, [node, query, options] { return findStudies(node, query, options); },
        [this, name](const CallOutcome<std::vector<StudyMatch>>& outcome) {
            setBusy(false);
            if (!outcome.value) {
                showStatus(outcome.error, true);
                emit searchFinished(0, status_->text());
                return;
            }
            Settings::rememberDicomNode(name);
            matches_ = *outcome.value;
            showMatches();
            showStatus(matches_.empty() ? tr("No study on %1 matches.").arg(name) : tr("Studies on %1: %2.").arg(name).arg(matches_.size()),
                       false);
            emit searchFinished(int(matches_.size()), status_->text());
        });
}

void QueryPanel::showMatches()
{
    studies_->setRowCount(0);
    for (const StudyMatch& m : matches_) {
        const int row = studies_->rowCount();
        studies_->insertRow(row);
        const QString cells[] = {q(m.patientName), q(m.patientId), q(m.patientSex), dicomDate(m.patientBirthDate), dicomDate(m.studyDate),
                                 q(m.studyDescription), q(m.modalitiesInStudy), m.instances < 0 ? QString() : QString::number(m.instances)};
        for (int col = 0; col < 8; ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            item->setToolTip(tr("Study %1, accession %2").arg(q(m.studyInstanceUid), q(m.accessionNumber)));
            studies_->setItem(row, col, item);
        }
    }
}

void QueryPanel::retrieveSelected()
{
    if (busy_) return;
    const auto rows = studies_->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.first().row() >= int(matches_.size())) {
        showStatus(tr("Choose a study to retrieve."), true);
        emit retrieveFailed(status_->text());
        return;
    }
    const StudyMatch study = matches_[std::size_t(rows.first().row())];
    QString problem;
    const auto chosen = node_->nodeOrProblem(problem);
    if (!chosen) {
        showStatus(problem, true);
        emit retrieveFailed(status_->text());
        return;
    }
    const DicomNode node = *chosen;
    // One folder per study, named by its UID (a UID is digits and dots: a safe file name).
    const std::string folder = QDir(retrieveFolder_).filePath(q(study.studyInstanceUid)).toStdString();
    const QString name = q(node.toString());
    setBusy(true);
    showStatus(tr("Retrieving the study of %1 from %2…").arg(q(study.patientName), name), false);
    const PacsOptions options = DicomNodeBox::pacsOptions();
    runInBackground<Retrieved>(
        this,
        [node, study, folder, options] {
            Retrieved r;
            for (const std::string& f : retrieveStudy(node, study.studyInstanceUid, folder, options)) {
                if (instanceKind(f).film) r.films << q(f);
                else ++r.others;
            }
            return r;
        },
        [this, name](const CallOutcome<Retrieved>& outcome) {
            setBusy(false);
            if (!outcome.value) {
                showStatus(outcome.error, true);
                emit retrieveFailed(status_->text());
                return;
            }
            const Retrieved& r = *outcome.value;
            if (r.films.isEmpty())
                showStatus(tr("The study holds no hand film (%1 other objects: reports, results, other images).").arg(r.others), true);
            else
                showStatus(tr("Retrieved from %1: %2 films to open, %3 other objects (reports, results).").arg(name).arg(r.films.size()).arg(r.others),
                           false);
            emit studyRetrieved(r.films, r.others, status_->text());
        });
}

} // namespace boneage::ui
