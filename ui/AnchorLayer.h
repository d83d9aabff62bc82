#pragma once
// Boxes a model reports about where it looked, drawn over the film: PRSNet's selected anchors with
// their scores (AnchorLayer) and AG-CNN's attention crop (CropLayer, CropLayer.h). The boxes arrive
// in source radiograph pixels (inference/ExplanationBox.h) and are drawn as VTK lines in image pixel
// coordinates through the film's own image-to-world matrix, so they stay registered through zoom,
// pan, turns and flips like every other overlay. One set per model that produced them; a chooser in
// the layer panel picks whose (the results' model choice picks it too).
#include "OverlayLayer.h"

#include "inference/ExplanationBox.h"

#include <QStringList>

#include <vector>

namespace boneage::ui {

class ExplanationBoxLayer : public OverlayLayer {
    Q_OBJECT
public:
    struct ModelBoxes {
        QString modelId;
        std::vector<ExplanationBox> boxes;
    };

    ExplanationBoxLayer(QString id, QString title, QObject* parent = nullptr);

    // Replaces the boxes (one set per model, in the assessment's order; models without boxes are
    // left out). The model shown before stays chosen when it is among them, else the first is shown.
    void setBoxes(std::vector<ModelBoxes> boxes);
    void clearBoxes();
    QStringList models() const;
    int currentModel() const { return current_; }   // -1 when there is nothing to show
    const std::vector<ExplanationBox>& currentBoxes() const;
    void showModel(int index);
    void showModel(const QString& modelId);

    // Whether an installed model can produce these boxes at all; when not, the panel says so.
    void setModelInstalled(bool installed);
    bool isModelInstalled() const { return installed_; }
    // Why the layer cannot be switched on now (empty when it can).
    QString unavailableReason() const;

signals:
    void modelsChanged();   // the list of models or the chosen one

protected:
    virtual void draw(const std::vector<ExplanationBox>& boxes) = 0;
    virtual QString noModelText() const = 0;        // "No installed PRSNet model"
    virtual QString notAssessedText() const = 0;    // "Assess the film to see ..."
    // A rectangle's outline in image pixels; dashed: dashes of about `dash` pixels.
    void addBox(const ExplanationBox& box, const QColor& colour, double lineWidth, double dash = 0);

private:
    void rebuild();

    std::vector<ModelBoxes> sets_;
    int current_ = -1;
    bool installed_ = false;
};

// PRSNet's selected anchors (its top-k parts), each with its score, coloured by rank.
class AnchorLayer : public ExplanationBoxLayer {
    Q_OBJECT
public:
    explicit AnchorLayer(QObject* parent = nullptr);
    QList<LegendEntry> legend() const override;
    static QColor colourOfRank(int rank);   // 0 = the first selected part
    static QString labelOf(int rank, const ExplanationBox& box);   // "part 1: 0.83"

protected:
    void draw(const std::vector<ExplanationBox>& boxes) override;
    QString noModelText() const override;
    QString notAssessedText() const override;
};

} // namespace boneage::ui
