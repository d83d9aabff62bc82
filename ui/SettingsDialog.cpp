#include "SettingsDialog.h"

#include "Settings.h"

#include "inference/ModelPackage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace boneage::ui {

SettingsDialog::SettingsDialog(const QString& modelsDirectory, QWidget* parent)
    : QDialog(parent), device_(new QComboBox), language_(new QComboBox), models_(new QListWidget)
{
    setWindowTitle(tr("Settings"));
    device_->addItem(tr("Automatic: the GPU when available, else the CPU"), QStringLiteral("auto"));
    device_->addItem(tr("CPU only"), QStringLiteral("cpu"));
    device_->setCurrentIndex(Settings::device() == Settings::Device::Cpu ? 1 : 0);

    language_->addItem(tr("System language"), QString());
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->setCurrentIndex(qMax(0, language_->findData(Settings::language())));

    const QStringList disabled = Settings::disabledModels();
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
        auto* item = new QListWidgetItem(text, models_);
        item->setData(Qt::UserRole, name);
        item->setCheckState(disabled.contains(name) ? Qt::Unchecked : Qt::Checked);
    }

    auto* form = new QFormLayout;
    form->addRow(tr("Run the models on"), device_);
    form->addRow(tr("Language"), language_);
    auto* note = new QLabel(tr("Device and language changes take effect when the workstation is started again."));
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Installed models (in %1)").arg(modelsDirectory)));
    layout->addWidget(models_);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

void SettingsDialog::accept()
{
    Settings::setDevice(device_->currentData().toString() == QLatin1String("cpu") ? Settings::Device::Cpu
                                                                                 : Settings::Device::Automatic);
    Settings::setLanguage(language_->currentData().toString());
    QStringList disabled;
    for (int i = 0; i < models_->count(); ++i)
        if (models_->item(i)->checkState() != Qt::Checked) disabled << models_->item(i)->data(Qt::UserRole).toString();
    Settings::setDisabledModels(disabled);
    QDialog::accept();
}

} // namespace boneage::ui
