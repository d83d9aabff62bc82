// Test-time augmentation of the bone-age packages: the estimate is exactly the mean of the network on
// the ten views (the image and its mirror, unshifted and shifted by 3 % left/right/up/down, edges
// replicated), computed here view by view with OpenCV and the plain single-view path.
#include "inference/ModelPackage.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QtTest>

#include <cmath>

using namespace boneage;

namespace {

const std::string kPackage = BONEAGE_SOURCE_DIR "/models/2mnet-compact-w50-male";

// view(x, y) = image(x + dx, y + dy), edges replicated.
cv::Mat shifted(const cv::Mat& image, int dx, int dy)
{
    cv::Mat padded, out;
    const int d = 8;
    cv::copyMakeBorder(image, padded, d, d, d, d, cv::BORDER_REPLICATE);
    padded(cv::Rect(d + dx, d + dy, image.cols, image.rows)).copyTo(out);
    return out;
}

} // namespace

class TestTestTimeAugmentation : public QObject {
    Q_OBJECT
private slots:
    void meanOverTheTenViews()
    {
        InstalledModel model = InstalledModel::load(kPackage);
        const int s = model.card().inputSize;   // prepared at the network's size: no resize in between
        QCOMPARE(model.testTimeAugmentation(), TestTimeAugmentation::FlipsAndShifts);   // the default
        // A hand-like test picture: a bright blob with "fingers", off-centre so that shifts and the
        // mirror change what the network sees.
        cv::Mat image(s, s, CV_8UC1, cv::Scalar(20));
        cv::ellipse(image, {s / 2 + 6, s * 2 / 3}, {s / 5, s / 6}, 10, 0, 360, cv::Scalar(200), cv::FILLED);
        for (int f = 0; f < 4; ++f)
            cv::line(image, {s / 3 + f * s / 9, s / 2}, {s / 4 + f * s / 7, s / 8}, cv::Scalar(170 + 10 * f), 4);
        const int d = static_cast<int>(std::lround(0.03 * s));
        std::vector<cv::Mat> views;
        for (const auto& [dx, dy] : std::vector<std::pair<int, int>>{{0, 0}, {d, 0}, {-d, 0}, {0, d}, {0, -d}}) {
            const cv::Mat v = shifted(image, dx, dy);
            cv::Mat mirrored;
            cv::flip(v, mirrored, 1);
            views.push_back(v);
            views.push_back(mirrored);
        }
        std::vector<const std::uint8_t*> pointers;
        for (const auto& v : views) pointers.push_back(v.ptr<std::uint8_t>());
        InstalledModel plain = InstalledModel::load(kPackage);
        plain.setTestTimeAugmentation(TestTimeAugmentation::None);
        const std::vector<double> each = plain.predictPrepared(pointers, s, s, std::vector<bool>(views.size(), true));
        double mean = 0;
        for (double a : each) mean += a / double(each.size());
        double spread = 0;
        for (double a : each) spread = std::max(spread, std::abs(a - each.front()));
        QVERIFY2(spread > 0.01, "the views should not all give the same estimate, or the test proves nothing");

        const double tta = model.predictPrepared({image.ptr<std::uint8_t>()}, s, s, {true}).front();
        QVERIFY2(std::abs(tta - mean) < 1e-3, qPrintable(QString("TTA %1 vs mean of views %2").arg(tta).arg(mean)));
        QVERIFY(std::abs(tta - each.front()) > 1e-4);   // not the plain view
        // Batched: the same answer for an image whether alone or among others.
        const std::vector<double> batch = model.predictPrepared({views[3].ptr<std::uint8_t>(), image.ptr<std::uint8_t>()}, s, s, {true, true});
        QVERIFY(std::abs(batch[1] - tta) < 1e-3);
    }
};

QTEST_APPLESS_MAIN(TestTestTimeAugmentation)
#include "tst_test_time_augmentation.moc"
