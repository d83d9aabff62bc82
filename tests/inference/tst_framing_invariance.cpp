// Issue 17's invariance check on the bundled samples: the shipped models' estimate of a film and of
// the same film in every framing of core/imaging/Framing (cropped to the hand, a wide margin, turned by
// 90, 180 and 270 degrees, mirrored, tilted, stored MONOCHROME1, exported inverted or as a JPEG, other
// gammas, half size, beside its mirror image) may differ by at most 3 months (median) and 6 months
// (90th percentile) over all copies, and no framed copy may lose its hand. The same figures on
// held-out films: `boneage evaluate --framing` (docs/training.md).
#include "imaging/Framing.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/LandmarkModel.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace boneage;

namespace {

const std::string kSource = BONEAGE_SOURCE_DIR;

double quantile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    const double pos = q * double(v.size() - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
}

} // namespace

class TestFramingInvariance : public QObject {
    Q_OBJECT

private slots:
    void shippedModelsDoNotMoveWithTheFraming()
    {
        const std::vector<std::string> packages = findModelPackages(kSource + "/models");
        QVERIFY(!packages.empty());
        AssessmentOptions options;
        options.landmarkPackage = LandmarkModel::find(kSource + "/models").value();
        options.testTimeAugmentation = true;   // as the models ship
        const auto estimate = [&](const Radiograph& r, const QString& what) {
            const Assessment a = assessRadiograph(r, r.metadata.sex, packages, options);
            if (!a.boneAgeMonths()) qWarning("%s: no estimate (%s)", qPrintable(what), a.reviewFlags.empty() ? "" : a.reviewFlags.front().message.c_str());
            return a.boneAgeMonths();
        };
        std::vector<double> moved;
        for (const char* name : {"sample-1402.dcm", "sample-1405.dcm", "sample-1491.dcm", "sample-1855.dcm", "sample-1417.png"}) {
            LoadOptions load;
            if (std::string(name) == "sample-1417.png") load.sex = Sex::Male;   // samples.csv: 1417 is a boy
            const Radiograph film = loadRadiograph(kSource + "/resources/samples/" + name, load);
            const auto original = estimate(film, name);
            QVERIFY2(original.has_value(), name);
            for (Framing f : allFramings()) {
                const QString what = QString("%1 %2").arg(name, toString(f));
                const auto framed = estimate(reframe(film, f), what);
                QVERIFY2(framed.has_value(), qPrintable(what + ": the hand was lost"));
                moved.push_back(std::abs(*framed - *original));
                qInfo("%s: %.1f -> %.1f months (moved %.2f)", qPrintable(what), *original, *framed, moved.back());
            }
        }
        const double median = quantile(moved, 0.5), p90 = quantile(moved, 0.9);
        qInfo("moved over %zu framed copies: median %.2f, 90th percentile %.2f months", moved.size(), median, p90);
        QVERIFY2(median <= 3.0, qPrintable(QString("median %1 months").arg(median)));
        QVERIFY2(p90 <= 6.0, qPrintable(QString("90th percentile %1 months").arg(p90)));
    }
};

QTEST_GUILESS_MAIN(TestFramingInvariance)
#include "tst_framing_invariance.moc"
