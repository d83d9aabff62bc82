// Hand keypoints, pose, the 18-ROI schema, ROI placement and patch extraction.
#include "anatomy/HandKeypoints.h"
#include "anatomy/Tw3Roi.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <set>

using namespace boneage;

namespace {

// A synthetic upright left hand (PA): wrist at (100, 200), middle MCP 100 px above it, thumb to the right.
HandKeypoints uprightLeftHand()
{
    HandKeypoints p;
    auto set = [&](int i, double x, double y) { p[i] = {x, y, 1.0, true}; };
    set(0, 100, 200);
    set(1, 130, 185), set(2, 150, 160), set(3, 165, 140), set(4, 175, 125);       // thumb
    for (int f = 0; f < 4; ++f) {                                                  // fingers, index to little
        const double x = 125 - 17 * f;
        set(5 + 4 * f, x, 105), set(6 + 4 * f, x, 75), set(7 + 4 * f, x, 55), set(8 + 4 * f, x, 40);
    }
    set(9, 100, 100);   // middle MCP exactly 100 px above the wrist
    set(10, 100, 70), set(11, 100, 50), set(12, 100, 35);
    return p;
}

HandKeypoints transformed(HandKeypoints p, double degrees, bool mirror)
{
    const double a = degrees * std::acos(-1.0) / 180.0;
    for (auto& k : p) {
        double x = k.x - 100, y = k.y - 200;
        if (mirror) x = -x;
        // clockwise on screen (y down)
        const double rx = x * std::cos(a) - y * std::sin(a), ry = x * std::sin(a) + y * std::cos(a);
        k.x = 300 + rx;
        k.y = 300 + ry;
    }
    return p;
}

} // namespace

class TestTw3Rois : public QObject {
    Q_OBJECT
private slots:
    void schemaHasTheEighteenRois()
    {
        const auto& s = tw3RoiSchema();
        QCOMPARE(s.size(), size_t(18));
        std::set<std::string> names;
        int carpal = 0, wrist = 0;
        for (const auto& r : s) {
            names.insert(r.name);
            carpal += r.group == "carpal";
            wrist += r.region == "wrist";
        }
        QCOMPARE(names.size(), size_t(18));
        QCOMPARE(carpal, 5);
        QCOMPARE(wrist, 8);   // radius, ulna, MC1 base and the five carpals (domain notes)
        for (const char* n : {"DP1", "DP3", "DP5", "MP3", "MP5", "PP1", "PP3", "PP5", "MC1", "MC3", "MC5", "Radius", "Ulna",
                              "Capitate", "Hamate", "Triquetral", "Lunate", "Scaphoid"})
            QVERIFY2(names.count(n), n);
        // The compiled schema is the shipped resource file.
        QFile f(BONEAGE_SOURCE_DIR "/resources/anatomy/tw3-rois.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(parseTw3RoiSchema(f.readAll().toStdString()).size(), s.size());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, parseTw3RoiSchema("{\"format\": \"other\"}"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 parseTw3RoiSchema(R"({"format":"boneage-tw3-rois-1","rois":[{"name":"X","group":"RUS",
                                   "region":"finger","anchor":"nose","toward":"wrist","along":0,"lateral":0,"size":0.2}]})"));
    }

    void poseOrientationAndSide()
    {
        const HandPose up = handPose(uprightLeftHand());
        QVERIFY(up.valid);
        QCOMPARE(up.scale, 100.0);
        QVERIFY(std::abs(up.angleDegrees) < 1e-9);
        QCOMPARE(up.side, 'L');
        QCOMPARE(up.x0, 74.0 - 25);   // keypoints plus a quarter of the hand scale
        QCOMPARE(up.x1, 175.0 + 25);
        QCOMPARE(up.y0, 35.0 - 25);
        QCOMPARE(up.y1, 200.0 + 25);
        const HandPose right = handPose(transformed(uprightLeftHand(), 0, true));   // mirrored: a right hand
        QCOMPARE(right.side, 'R');
        const HandPose turned = handPose(transformed(uprightLeftHand(), 90, false));   // fingers pointing right
        QVERIFY(std::abs(turned.angleDegrees - 90) < 1e-6);
        QCOMPARE(turned.side, 'L');
        HandKeypoints missing = uprightLeftHand();
        missing[9].visible = false;
        QVERIFY(!handPose(missing).valid);
        QVERIFY(placeTw3Rois(missing).empty());
    }

    void placementFollowsTheHand()
    {
        const auto rois = placeTw3Rois(uprightLeftHand());
        QCOMPARE(rois.size(), size_t(18));
        auto find = [&](const std::vector<Tw3Roi>& v, const std::string& n) {
            for (const auto& r : v)
                if (r.name == n) return r;
            return Tw3Roi{};
        };
        const Tw3Roi mc3 = find(rois, "MC3"), pp3 = find(rois, "PP3"), radius = find(rois, "Radius"), ulna = find(rois, "Ulna");
        // PP3 (distal side of the middle MCP) lies above MC3 (proximal side); both hold the joint's column.
        QVERIFY(pp3.cy() < 100 && mc3.cy() > 100);
        QVERIFY(std::abs(pp3.cx() - 100) < 1e-9 && std::abs(mc3.cx() - 100) < 1e-9);
        // Radius on the thumb side (right for this left hand), ulna on the little-finger side, both proximal.
        QVERIFY(radius.cx() > 100 && ulna.cx() < 100);
        QVERIFY(radius.cy() > 200 && ulna.cy() > 200);
        // Boxes scale with the hand: side = size * (wrist -> middle MCP).
        const auto& spec = tw3RoiSchema();
        for (size_t i = 0; i < rois.size(); ++i) QVERIFY(std::abs((rois[i].x1 - rois[i].x0) - spec[i].size * 100) < 1e-9);
        // Rotating and mirroring the hand moves every ROI centre with it (mirror: radius stays thumbside).
        for (const double deg : {35.0, -120.0})
            for (const bool mirror : {false, true}) {
                const auto moved = placeTw3Rois(transformed(uprightLeftHand(), deg, mirror));
                QCOMPARE(moved.size(), rois.size());
                for (size_t i = 0; i < rois.size(); ++i) {
                    const auto expected = transformed([&] {
                        HandKeypoints c{};
                        c[0] = {rois[i].cx(), rois[i].cy(), 1, true};
                        return c;
                    }(), deg, mirror)[0];
                    QVERIFY2(std::hypot(moved[i].cx() - expected.x, moved[i].cy() - expected.y) < 1e-6, rois[i].name.c_str());
                }
            }
    }

    void patchExtraction()
    {
        cv::Mat img(200, 300, CV_8U);
        for (int y = 0; y < img.rows; ++y)
            for (int x = 0; x < img.cols; ++x) img.at<uint8_t>(y, x) = static_cast<uint8_t>(x < 150 ? 50 : 200);
        const cv::Mat p = extractRoiPatch(img, Tw3Roi{"X", "RUS", 100, 20, 200, 120}, 64);
        QCOMPARE(p.rows, 64);
        QCOMPARE(p.cols, 64);
        QCOMPARE(int(p.at<uint8_t>(32, 5)), 50);     // left half of the box: x < 150
        QCOMPARE(int(p.at<uint8_t>(32, 60)), 200);
        const cv::Mat outside = extractRoiPatch(img, Tw3Roi{"X", "RUS", 250, 150, 350, 250}, 64);
        QCOMPARE(int(outside.at<uint8_t>(60, 60)), 0);   // beyond the image: black
        QCOMPARE(int(outside.at<uint8_t>(5, 5)), 200);
    }

    void cocoReader()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("k.json").toStdString();
        std::string kp;
        for (int i = 0; i < 21; ++i) kp += (i ? "," : "") + std::to_string(10 * i) + "," + std::to_string(5 * i) + ",2";
        std::ofstream(path) << R"({"images":[{"id":"7","width":400,"height":500,"file_name":"7.png"}],
            "annotations":[{"image_id":"7","lefthand_valid":false,"righthand_valid":true,"lefthand_kpts":[],
            "righthand_kpts":[)" << kp << R"(]}],"categories":[]})";
        const auto hands = readCocoHandKeypoints(path);
        QCOMPARE(hands.size(), size_t(1));
        QCOMPARE(hands[0].side, 'R');
        QCOMPARE(hands[0].width, 400);
        QCOMPARE(hands[0].points[20].x, 200.0);
        QVERIFY(hands[0].points[20].visible);
        std::ofstream(path) << R"({"images":[],"annotations":[{"image_id":"9"}]})";
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readCocoHandKeypoints(path));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readCocoHandKeypoints(dir.filePath("none.json").toStdString()));
    }

    void sharedAnnotationsWhenPresent()
    {
        const std::string path = BONEAGE_SHARED_DATA "/annotations/hand-keypoints/all_coco.json";
        if (!QFile::exists(QString::fromStdString(path))) QSKIP("../shared/data not present");
        const auto hands = readCocoHandKeypoints(path);
        QCOMPARE(hands.size(), size_t(568));
        int left = 0, agree = 0;
        for (const auto& h : hands) {
            left += h.side == 'L';
            agree += handPose(h.points).side == h.side;   // the thumb-side rule matches the annotators
        }
        QCOMPARE(left, 539);
        QCOMPARE(agree, 568);
    }
};

QTEST_APPLESS_MAIN(TestTw3Rois)
#include "tst_tw3_rois.moc"
