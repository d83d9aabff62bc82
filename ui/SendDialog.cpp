#include "SendDialog.h"

#include "BackgroundCall.h"
#include "DicomNodeBox.h"
#include "Settings.h"

#include "dicomnet/InstanceKind.h"
#include "dicomnet/PacsClient.h"

#include <QCheckBox>
#include <QColor>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QVBoxLayout>

#include <memory>
#include <string>
#include <vector>

namespace boneage::ui {

SendDialog::SendDialog(const QString& film, ResultWriter writeResults, const QString& whyNoResults, QWidget* parent)
    : QDialog(parent), filmPath_(film), writeResults_(std::move(writeResults)), node_(new DicomNodeBox),
      echo_(new QPushButton(tr("Test Connection"))), send_(new QPushButton(tr("Send"))), film_(new QCheckBox),
      sr_(new QCheckBox(tr("Structured report (DICOM SR): each model's estimate, the interval, the readings, the ROIs and keypoints"))),
      sc_(new QCheckBox(tr("Secondary capture: the film with the overlays and the result burned in"))),
      pdf_(new QCheckBox(tr("The PDF report, encapsulated in DICOM"))), outcomes_(new QTableWidget(0, 3)), status_(new QLabel)
{
    setWindowTitle(tr("Send to PACS"));
    echo_->setToolTip(tr("Asks the node whether it answers and accepts this workstation (C-ECHO)."));

    // The film itself only when it is a DICOM file: a PNG or JPEG export has no study to go back to.
    const InstanceKind kind = instanceKind(film.toStdString());
    film_->setText(tr("The film (%1)").arg(QFileInfo(film).fileName()));
    if (!kind.dicom) {
        film_->setEnabled(false);
        film_->setText(tr("The film (%1): not a DICOM file, so it cannot be sent").arg(QFileInfo(film).fileName()));
    }
    film_->setChecked(false);   // the PACS usually has the film already
    for (QCheckBox* b : {sr_, sc_, pdf_}) {
        b->setChecked(whyNoResults.isEmpty());
        b->setEnabled(whyNoResults.isEmpty());
        if (!whyNoResults.isEmpty()) b->setToolTip(whyNoResults);
    }

    auto* nodeRow = new QHBoxLayout;
    nodeRow->addWidget(node_, 1);
    nodeRow->addWidget(echo_);
    auto* what = new QGroupBox(tr("What to send"));
    auto* whatLayout = new QVBoxLayout(what);
    for (QCheckBox* b : {film_, sr_, sc_, pdf_}) whatLayout->addWidget(b);
    if (!whyNoResults.isEmpty()) {
        auto* why = new QLabel(whyNoResults);
        why->setWordWrap(true);
        whatLayout->addWidget(why);
    }
    auto* note = new QLabel(tr("The results go into the study of the film, as a new series. Research software, not a certified "
                               "medical device: the results must be reviewed by a radiologist."));
    note->setWordWrap(true);
    whatLayout->addWidget(note);

    outcomes_->setHorizontalHeaderLabels({tr("Object"), tr("SOP Instance UID"), tr("Outcome")});
    outcomes_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    outcomes_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Interactive);
    outcomes_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    outcomes_->setColumnWidth(1, 220);
    outcomes_->setWordWrap(false);
    outcomes_->setTextElideMode(Qt::ElideMiddle);
    outcomes_->verticalHeader()->hide();
    outcomes_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    outcomes_->setSelectionBehavior(QAbstractItemView::SelectRows);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(send_, QDialogButtonBox::ActionRole);
    send_->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(echo_, &QPushButton::clicked, this, &SendDialog::testConnection);
    connect(send_, &QPushButton::clicked, this, &SendDialog::sendChosen);

    auto* form = new QFormLayout;
    form->addRow(tr("Send to"), nodeRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(what);
    layout->addWidget(outcomes_, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    resize(720, 480);
}

void SendDialog::setBusy(bool busy)
{
    busy_ = busy;
    echo_->setEnabled(!busy);
    send_->setEnabled(!busy);
    node_->setEnabled(!busy);
    if (busy) setCursor(Qt::BusyCursor);
    else unsetCursor();
}

void SendDialog::showStatus(const QString& text, bool problem)
{
    status_->setStyleSheet(problem ? QStringLiteral("color: #b00020") : QString());
    status_->setText(text);
}

void SendDialog::testConnection()
{
    if (busy_) return;
    QString problem;
    const auto chosen = node_->nodeOrProblem(problem);
    if (!chosen) {
        showStatus(problem, true);
        emit echoFinished(false, status_->text());
        return;
    }
    const DicomNode node = *chosen;
    const QString name = QString::fromStdString(node.toString());
    setBusy(true);
    showStatus(tr("Asking %1…").arg(name), false);
    const PacsOptions options = DicomNodeBox::pacsOptions();
    runInBackground<qint64>(
        this,
        [node, options] {
            QElapsedTimer t;
            t.start();
            echo(node, options);
            return t.elapsed();
        },
        [this, name](const CallOutcome<qint64>& outcome) {
            setBusy(false);
            if (outcome.value) {
                Settings::rememberDicomNode(name);
                showStatus(tr("%1 answered (C-ECHO, %2 ms).").arg(name).arg(*outcome.value), false);
            } else {
                showStatus(outcome.error, true);
            }
            emit echoFinished(outcome.value.has_value(), status_->text());
        });
}

void SendDialog::sendChosen()
{
    if (busy_) return;
    QString problem;
    const auto chosen = node_->nodeOrProblem(problem);
    if (!chosen) {
        showStatus(problem, true);
        emit sendFinished(0, 0, status_->text());
        return;
    }
    const DicomNode node = *chosen;
    std::vector<std::string> files;
    QStringList labels;
    if (film_->isEnabled() && film_->isChecked()) {
        files.push_back(filmPath_.toStdString());
        labels << tr("Film");
    }
    // The results are written now, into a folder that lives until the sending is over.
    auto folder = std::make_shared<QTemporaryDir>();
    if (sr_->isChecked() || sc_->isChecked() || pdf_->isChecked()) {
        QStringList written;
        try {
            if (!folder->isValid()) throw std::runtime_error(tr("Cannot make a temporary folder for the result objects.").toStdString());
            written = writeResults_(folder->path());
            if (written.size() != 3) throw std::runtime_error(tr("The result objects could not all be written.").toStdString());
        } catch (const std::exception& e) {
            showStatus(QString::fromStdString(e.what()), true);
            emit sendFinished(0, 0, status_->text());
            return;
        }
        const QCheckBox* boxes[] = {sr_, sc_, pdf_};
        const QString names[] = {tr("Structured report"), tr("Secondary capture"), tr("PDF report")};
        for (int i = 0; i < 3; ++i)
            if (boxes[i]->isChecked()) {
                files.push_back(written[i].toStdString());
                labels << names[i];
            }
    }
    if (files.empty()) {
        showStatus(tr("Tick what to send."), true);
        emit sendFinished(0, 0, status_->text());
        return;
    }
    const QString name = QString::fromStdString(node.toString());
    setBusy(true);
    outcomes_->setRowCount(0);
    showStatus(tr("Sending %1 objects to %2…").arg(files.size()).arg(name), false);
    const PacsOptions options = DicomNodeBox::pacsOptions();
    runInBackground<std::vector<SentFile>>(
        this, [node, files, options, folder] { return send(node, files, options); },
        [this, name, labels](const CallOutcome<std::vector<SentFile>>& outcome) {
            setBusy(false);
            if (!outcome.value) {
                showStatus(outcome.error, true);
                emit sendFinished(0, labels.size(), status_->text());
                return;
            }
            int stored = 0;
            for (std::size_t i = 0; i < outcome.value->size(); ++i) {
                const SentFile& f = (*outcome.value)[i];
                stored += f.stored ? 1 : 0;
                const int row = outcomes_->rowCount();
                outcomes_->insertRow(row);
                outcomes_->setItem(row, 0, new QTableWidgetItem(i < std::size_t(labels.size()) ? labels[int(i)] : QString()));
                auto* uid = new QTableWidgetItem(QString::fromStdString(f.sopInstanceUid));
                uid->setToolTip(uid->text());
                outcomes_->setItem(row, 1, uid);
                outcomes_->setItem(row, 2, new QTableWidgetItem(f.stored ? tr("stored") : QString::fromStdString(f.problem)));
                if (!f.stored) outcomes_->item(row, 2)->setForeground(QColor(0xb0, 0x00, 0x20));
            }
            const int notStored = int(outcome.value->size()) - stored;
            if (notStored == 0) {
                Settings::rememberDicomNode(name);
                showStatus(tr("%1 of %2 objects stored on %3.").arg(stored).arg(stored).arg(name), false);
            } else {
                showStatus(tr("%1 of %2 objects stored on %3; see the table for what was refused.")
                               .arg(stored)
                               .arg(outcome.value->size())
                               .arg(name),
                           true);
            }
            emit sendFinished(stored, notStored, status_->text());
        });
}

} // namespace boneage::ui
