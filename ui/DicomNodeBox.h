#pragma once
// The DICOM node to talk to: an editable list of the configured nodes (Settings::dicomNodes), the
// last used first; the reader may type another as AET@HOST:PORT.
#include "dicomnet/DicomNode.h"
#include "dicomnet/PacsClient.h"

#include <QComboBox>

#include <optional>

namespace boneage::ui {

class DicomNodeBox : public QComboBox {
    Q_OBJECT
public:
    explicit DicomNodeBox(QWidget* parent = nullptr);

    // The node written in the box; throws std::invalid_argument saying how to write it.
    DicomNode node() const;
    // The same without throwing: none, and `problem` says how to write it.
    std::optional<DicomNode> nodeOrProblem(QString& problem) const;
    // Our AE title and the timeouts, from the settings.
    static PacsOptions pacsOptions();
    // Reads the settings' nodes again, keeping what is typed.
    void reload();
};

} // namespace boneage::ui
