#pragma once
// Atlas comparison: the film on the left, the two atlas plates bracketing its bone age (for the
// patient's sex) on the right, as a reader lays a GP atlas open next to the light box. Previous /
// Next step both plates through the pack; zooming or panning any of the three views does the same
// to the others, in relative terms (each view framed on its hand), so the same bones stay in view.
// A missing or malformed pack, or a case without sex, is a message in the view, never a crash.
#include "RadiographView.h"

#include "atlas/AtlasPack.h"
#include "imaging/Radiograph.h"

#include <QRectF>
#include <QWidget>

#include <map>
#include <memory>
#include <optional>

class QLabel;
class QPushButton;

namespace boneage::ui {

// A RadiographView that reports the reader's zoom and pan as a framing relative to a reference
// rectangle (the hand), and can be given another view's framing.
class AtlasPane : public RadiographView {
    Q_OBJECT
public:
    struct Framing {
        double relativeZoom = 1;          // 1: the reference rectangle fitted to the view
        QPointF centre = {0.5, 0.5};      // the view's centre, as a fraction of the reference rectangle
    };

    explicit AtlasPane(QWidget* parent = nullptr);
    // Shows the film framed on `reference` (image coordinates; empty: the whole film).
    void showFilm(std::shared_ptr<const Radiograph> film, QRectF reference = {});
    Framing framing() const;
    void applyFraming(const Framing& framing);

signals:
    void framedByReader(const boneage::ui::AtlasPane::Framing& framing);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    double referenceFitZoom() const;
    void readerMoved();

    QRectF reference_;
    Framing framing_;
};

class AtlasView : public QWidget {
    Q_OBJECT
public:
    explicit AtlasView(QWidget* parent = nullptr);

    // The pack shown: QSettings "atlas/folder", else the shipped resources/atlas/rsna-reference.
    static QString configuredAtlasFolder();
    // Loads a pack; on failure the view shows why and returns false.
    bool setAtlasFolder(const QString& folder);
    const std::optional<AtlasPack>& pack() const { return pack_; }

    // The case to compare: the plates bracket `boneAgeMonths`, else the chronological age (and the
    // view says so). An unknown sex shows no plates: the standards differ by sex.
    void setCase(std::shared_ptr<const Radiograph> film, Sex sex, std::optional<double> boneAgeMonths,
                 std::optional<double> chronologicalAgeMonths);

    // The two plates on screen (younger first); none where the pack has no plate there.
    std::optional<AtlasPlate> lowerPlate() const;
    std::optional<AtlasPlate> upperPlate() const;
    bool canShowPrevious() const;
    bool canShowNext() const;
    void showPrevious();
    void showNext();

    AtlasPane* caseView() const { return casePane_; }
    AtlasPane* lowerView() const { return lowerPane_; }
    AtlasPane* upperView() const { return upperPane_; }
    QString message() const;
    QString lowerCaption() const;
    QString upperCaption() const;
    // The view as shown, the OpenGL panes' pictures drawn in.
    QImage grabImage();

private:
    void showPlates();
    void showPlate(AtlasPane* pane, QLabel* caption, std::optional<std::size_t> index);
    void linkFraming(AtlasPane* from, const AtlasPane::Framing& framing);
    QString plateCaption(const AtlasPlate& plate) const;

    std::optional<AtlasPack> pack_;
    QString packError_;
    std::vector<AtlasPlate> plates_;   // of the case's sex, youngest first
    std::map<std::size_t, std::shared_ptr<const Radiograph>> plateImages_;
    std::size_t lower_ = 0;            // plates lower_ and lower_ + 1 are shown
    Sex sex_ = Sex::Unknown;
    std::optional<double> targetMonths_;
    QString targetText_;
    bool linking_ = false;

    QLabel* message_;
    QLabel* notice_;
    AtlasPane* casePane_;
    AtlasPane* lowerPane_;
    AtlasPane* upperPane_;
    QLabel* caseCaption_;
    QLabel* lowerCaption_;
    QLabel* upperCaption_;
    QPushButton* previous_;
    QPushButton* next_;
};

} // namespace boneage::ui
