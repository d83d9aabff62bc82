#include "SettingsDialog.h"

#include "Settings.h"

#include "dicomnet/DicomNode.h"
#include "inference/ModelPackage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace boneage::ui {

SettingsDialog::SettingsDialog(const QString& modelsDirectory, QWidget* parent)
    : QDialog(parent), device_(new QComboBox), language_(new QComboBox), models_(new QTableWidget(0, 2)), atlas_(new QLineEdit),
      maxInterval_(new QDoubleSpinBox), callingAe_(new QLineEdit), nodes_(new QPlainTextEdit), problem_(new QLabel)
{
    setWindowTitle(tr("Settings"));
    device_->addItem(tr("Automatic: the GPU when available, else the CPU"), QStringLiteral("auto"));
    device_->addItem(tr("CPU only"), QStringLiteral("cpu"));
    device_->setCurrentIndex(Settings::device() == Settings::Device::Cpu ? 1 : 0);

    // Each language in its own name, so a reader who cannot read the current one still finds theirs.
    language_->addItem(tr("System language"), QStringLiteral("system"));
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    language_->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    language_->setCurrentIndex(qMax(0, language_->findData(Settings::language())));

    models_->setHorizontalHeaderLabels({tr("Model"), tr("Weight")});
    models_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    models_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    models_->verticalHeader()->hide();
    models_->setSelectionMode(QAbstractItemView::NoSelection);
    models_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    const QStringList disabled = Settings::disabledModels();
    const QMap<QString, double> weights = Settings::ensembleWeights();
    for (const auto& package : findModelPackages(modelsDirectory.toStdString())) {
        const QString name = QFileInfo(QString::fromStdString(package)).fileName();
        QString text = name;
        try {
            const ModelCard card = readModelCard(package);
            text = QStringLiteral("%1 (%2%3)")
                       .arg(name, QString::fromStdString(card.architecture),
                            card.sex == Sex::Male     ? tr(", boys")
                            : card.sex == Sex::Female ? tr(", girls")
                                                      : QString());
        } catch (const std::exception& e) {
            text = tr("%1 (cannot be used: %2)").arg(name, QString::fromStdString(e.what()));
        }
        const int row = models_->rowCount();
        models_->insertRow(row);
        auto* item = new QTableWidgetItem(text);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setData(Qt::UserRole, name);
        item->setToolTip(QString::fromStdString(package));
        item->setCheckState(disabled.contains(name) ? Qt::Unchecked : Qt::Checked);
        models_->setItem(row, 0, item);
        auto* weight = new QDoubleSpinBox;
        weight->setRange(0.0, 10.0);
        weight->setDecimals(2);
        weight->setSingleStep(0.1);
        weight->setValue(weights.value(name, 1.0));
        weight->setToolTip(tr("Weight in the ensemble mean (1 = equal; 0 = shown but not averaged)"));
        models_->setCellWidget(row, 1, weight);
    }
    models_->setMinimumHeight(120);

    auto* chooseAtlas = new QPushButton(tr("Choose…"));
    connect(chooseAtlas, &QPushButton::clicked, this, &SettingsDialog::chooseAtlasFolder);
    atlas_->setText(Settings::atlasFolder());
    atlas_->setPlaceholderText(tr("The shipped reference atlas"));
    auto* atlasRow = new QHBoxLayout;
    atlasRow->addWidget(atlas_, 1);
    atlasRow->addWidget(chooseAtlas);

    maxInterval_->setRange(0, 480);
    maxInterval_->setDecimals(0);
    maxInterval_->setSingleStep(6);
    maxInterval_->setSuffix(tr(" months"));
    maxInterval_->setSpecialValueText(tr("never"));
    maxInterval_->setValue(Settings::maxIntervalWidthMonths());
    maxInterval_->setToolTip(tr("A result whose 90 % prediction interval is wider than this is marked \"review required\"."));

    callingAe_->setText(Settings::callingAeTitle());
    callingAe_->setMaxLength(16);
    callingAe_->setToolTip(tr("The AE title this workstation calls the PACS with; the PACS must know it."));
    nodes_->setPlainText(Settings::dicomNodes().join(QLatin1Char('\n')));
    nodes_->setPlaceholderText(tr("One node per line: AET@HOST:PORT, e.g. PACS@10.0.0.5:104"));
    nodes_->setTabChangesFocus(true);
    nodes_->setFixedHeight(nodes_->fontMetrics().lineSpacing() * 4 + 12);
    problem_->setStyleSheet(QStringLiteral("color: #b00020"));
    problem_->setWordWrap(true);
    problem_->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Run the models on"), device_);
    form->addRow(tr("Language"), language_);
    form->addRow(tr("Atlas folder"), atlasRow);
    form->addRow(tr("Review when the interval is wider than"), maxInterval_);
    form->addRow(tr("Our AE title"), callingAe_);
    form->addRow(tr("DICOM nodes (PACS)"), nodes_);
    auto* modelsNote = new QLabel(tr("Ticked models are run. With weights left at 1 the ensemble uses the weights fitted on held-out "
                                     "films (models/ensemble.json) and shows its calibrated interval; any other weight replaces "
                                     "them, and no interval is shown."));
    modelsNote->setWordWrap(true);
    auto* note = new QLabel(tr("Device and language changes take effect when the workstation is started again."));
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto* modelsLabel = new QLabel(tr("Installed models (in %1)").arg(modelsDirectory));
    modelsLabel->setWordWrap(true);
    layout->addWidget(modelsLabel);
    layout->addWidget(models_);
    layout->addWidget(modelsNote);
    layout->addWidget(note);
    layout->addWidget(problem_);
    layout->addWidget(buttons);
    resize(640, 560);
}

void SettingsDialog::chooseAtlasFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose an atlas folder"), atlas_->text());
    if (!dir.isEmpty()) atlas_->setText(dir);
}

void SettingsDialog::accept()
{
    // The network settings first: a mistake there keeps the dialog open, nothing saved yet.
    QStringList nodes;
    try {
        checkAeTitle(callingAe_->text().trimmed().toStdString(), tr("Our AE title").toStdString());
        for (const QString& line : nodes_->toPlainText().split(QLatin1Char('\n'))) {
            if (line.trimmed().isEmpty()) continue;
            nodes << QString::fromStdString(DicomNode::parse(line.trimmed().toStdString()).toString());
        }
    } catch (const std::exception& e) {
        problem_->setText(QString::fromStdString(e.what()));
        problem_->show();
        return;
    }
    Settings::setCallingAeTitle(callingAe_->text());
    Settings::setDicomNodes(nodes);
    Settings::setDevice(device_->currentData().toString() == QLatin1String("cpu") ? Settings::Device::Cpu
                                                                                 : Settings::Device::Automatic);
    Settings::setLanguage(language_->currentData().toString());
    Settings::setAtlasFolder(atlas_->text());
    Settings::setMaxIntervalWidthMonths(maxInterval_->value());
    QStringList disabled;
    QMap<QString, double> weights = Settings::ensembleWeights();   // keeps those of packages not installed now
    for (int row = 0; row < models_->rowCount(); ++row) {
        const QString name = models_->item(row, 0)->data(Qt::UserRole).toString();
        if (models_->item(row, 0)->checkState() != Qt::Checked) disabled << name;
        if (auto* weight = qobject_cast<QDoubleSpinBox*>(models_->cellWidget(row, 1))) weights[name] = weight->value();
    }
    Settings::setDisabledModels(disabled);
    Settings::setEnsembleWeights(weights);
    QDialog::accept();
}

} // namespace boneage::ui
