#include "DicomNodeBox.h"

#include "Settings.h"

#include <QLineEdit>

#include <stdexcept>

namespace boneage::ui {

DicomNodeBox::DicomNodeBox(QWidget* parent) : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMinimumContentsLength(28);
    lineEdit()->setPlaceholderText(tr("AET@HOST:PORT, e.g. PACS@10.0.0.5:104"));
    setToolTip(tr("The PACS or DICOM node: its AE title, host and port. Configured nodes are in File > Settings."));
    reload();
}

DicomNode DicomNodeBox::node() const
{
    const QString text = currentText().trimmed();
    if (text.isEmpty()) throw std::invalid_argument(tr("Name the DICOM node: AET@HOST:PORT, e.g. PACS@10.0.0.5:104").toStdString());
    return DicomNode::parse(text.toStdString());
}

std::optional<DicomNode> DicomNodeBox::nodeOrProblem(QString& problem) const
{
    try {
        return node();
    } catch (const std::exception& e) {
        problem = QString::fromStdString(e.what());
        return std::nullopt;
    }
}

PacsOptions DicomNodeBox::pacsOptions()
{
    PacsOptions options;
    options.callingAeTitle = Settings::callingAeTitle().toStdString();
    options.timeoutSeconds = 30;
    return options;
}

void DicomNodeBox::reload()
{
    const QString typed = currentText();
    clear();
    addItems(Settings::dicomNodes());
    setCurrentText(typed.isEmpty() && count() > 0 ? itemText(0) : typed);
}

} // namespace boneage::ui
