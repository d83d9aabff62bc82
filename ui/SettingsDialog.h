#pragma once
// Edits Settings: device, which installed models take part, language.
#include <QDialog>

class QComboBox;
class QListWidget;

namespace boneage::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(const QString& modelsDirectory, QWidget* parent = nullptr);

    void accept() override;

private:
    QComboBox* device_;
    QComboBox* language_;
    QListWidget* models_;
};

} // namespace boneage::ui
