// Hand keypoints, pose, the 18-ROI schema, ROI placement, patch extraction and hand alignment.
#include "anatomy/HandKeypoints.h"
#include "anatomy/HandAlignment.h"
#include "anatomy/Tw3Roi.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
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
        // Boxes are sized from the bone they hold: side = size_per_length * |anchor -> toward|, within
        // 0.7-1.4 x size * (wrist -> middle MCP); the wrist ROIs (whose keypoints span s) at size * s.
        const auto& spec = tw3RoiSchema();
        const HandKeypoints hand = uprightLeftHand();
        for (size_t i = 0; i < rois.size(); ++i) {
            const double length = std::hypot(hand[spec[i].toward].x - hand[spec[i].anchor].x, hand[spec[i].toward].y - hand[spec[i].anchor].y);
            const double expected = std::clamp(spec[i].sizePerLength * length, 0.7 * spec[i].size * 100, 1.4 * spec[i].size * 100);
            QVERIFY2(std::abs(rois[i].side() - expected) < 1e-6, rois[i].name.c_str());
            QVERIFY(spec[i].sizePerLength > 0);
        }
        // A longer middle phalanx gets a larger MP3 box (the bone, not the hand, sizes it).
        HandKeypoints longer = hand;
        longer[11].y -= 6;
        longer[12].y -= 6;
        QVERIFY(find(placeTw3Rois(longer), "MP3").side() > find(rois, "MP3").side() + 1);
        QVERIFY(std::abs(find(placeTw3Rois(longer), "Capitate").side() - find(rois, "Capitate").side()) < 1e-9);
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
                    // The box turns with the hand: same side, angle + deg (a mirror first negates it),
                    // and a mirrored (right) hand's patch is mirrored back to a left hand.
                    QVERIFY2(std::abs(moved[i].side() - rois[i].side()) < 1e-6, rois[i].name.c_str());
                    const double want = (mirror ? -rois[i].angleDegrees : rois[i].angleDegrees) + deg;
                    const double diff = std::remainder(moved[i].angleDegrees - want, 360.0);
                    QVERIFY2(std::abs(diff) < 1e-6, qPrintable(QString("%1: angle %2, expected %3").arg(rois[i].name.c_str())
                                                                 .arg(moved[i].angleDegrees).arg(want)));
                    QCOMPARE(moved[i].mirrored, mirror);
                }
            }
        // Upright, a finger's box stands upright (its top toward the fingertip) and MC3, placed from
        // the MCP toward the wrist, too; the enclosing box of a turned square is larger than the square.
        QVERIFY(std::abs(find(rois, "MP3").angleDegrees) < 1e-9);
        QVERIFY(std::abs(find(rois, "MC3").angleDegrees) < 1e-9);
        const Tw3Roi dp1 = find(rois, "DP1");
        QVERIFY(dp1.angleDegrees > 20 && dp1.angleDegrees < 70);   // the thumb points up and to the right
        QVERIFY(dp1.x1 - dp1.x0 > dp1.side() * 1.2);
    }

    void turnedBoxGeometry()
    {
        const Tw3Roi r = Tw3Roi::turned("X", "RUS", 200, 200, 100, 30);
        QVERIFY(std::abs(r.side() - 100) < 1e-9);
        QVERIFY(std::abs(r.cx() - 200) < 1e-9 && std::abs(r.cy() - 200) < 1e-9);
        const auto c = r.corners();
        for (int i = 0; i < 4; ++i) QVERIFY(std::abs(std::hypot(c[i].x - c[(i + 1) % 4].x, c[i].y - c[(i + 1) % 4].y) - 100) < 1e-9);
        // Top edge's midpoint lies 50 px from the centre in the direction the box faces (30 degrees clockwise from up).
        const double mx = 0.5 * (c[0].x + c[1].x), my = 0.5 * (c[0].y + c[1].y);
        QVERIFY(std::abs(mx - (200 + 50 * std::sin(M_PI / 6))) < 1e-9 && std::abs(my - (200 - 50 * std::cos(M_PI / 6))) < 1e-9);
        // Inside the square, not merely inside its enclosing box: a corner of the enclosing box is outside.
        QVERIFY(r.contains(200, 200));
        QVERIFY(r.contains(mx + 0.9 * (200 - mx), my + 0.9 * (200 - my)));
        QVERIFY(!r.contains(r.x0 + 1, r.y0 + 1));
        const Tw3Roi plain{"Y", "RUS", 0, 0, 10, 10};
        QVERIFY(plain.contains(1, 1) && !plain.contains(10, 5));
    }

    void turnedPatchHoldsItsMarks()
    {
        // A black film with two marks around (200, 200): one 25 px to the right of it, one 25 px below.
        cv::Mat film(400, 400, CV_8U, cv::Scalar(0));
        cv::circle(film, cv::Point(225, 200), 4, cv::Scalar(250), cv::FILLED);
        cv::circle(film, cv::Point(200, 225), 4, cv::Scalar(120), cv::FILLED);
        auto at = [](const cv::Mat& p, int u, int v) { return int(p.at<uint8_t>(v, u)); };
        // The box faces right (90 degrees): its top is the film's right, its right the film's bottom.
        const cv::Mat p = extractRoiPatch(film, Tw3Roi::turned("X", "RUS", 200, 200, 100, 90), 64);
        QCOMPARE(p.rows, 64);
        QVERIFY2(at(p, 32, 16) > 200, "the right-hand mark is not at the patch's top");
        QVERIFY2(at(p, 48, 32) > 90 && at(p, 48, 32) < 150, "the lower mark is not at the patch's right");
        QCOMPARE(at(p, 16, 32), 0);
        QCOMPARE(at(p, 32, 48), 0);
        // Mirrored (a right hand read as a left one): the lower mark moves to the patch's left.
        const cv::Mat m = extractRoiPatch(film, Tw3Roi::turned("X", "RUS", 200, 200, 100, 90, true), 64);
        QVERIFY(at(m, 32, 16) > 200);
        QVERIFY(at(m, 16, 32) > 90 && at(m, 16, 32) < 150);
        QCOMPARE(at(m, 48, 32), 0);
        // At 35 degrees the marks turn with the box: a mark placed on the box's up axis is at the top.
        cv::Mat film2(400, 400, CV_8U, cv::Scalar(0));
        const double t = 35 * M_PI / 180;
        cv::circle(film2, cv::Point(int(std::lround(200 + 30 * std::sin(t))), int(std::lround(200 - 30 * std::cos(t)))), 4, cv::Scalar(250),
                   cv::FILLED);
        const cv::Mat q = extractRoiPatch(film2, Tw3Roi::turned("X", "RUS", 200, 200, 100, 35), 64);
        QVERIFY(at(q, 32, 13) > 150);   // 30 px of 100 above the centre: row 32 - 19
        // Shrinking (a 400 px box into 64 px) keeps a thin line visible instead of aliasing it away.
        cv::Mat lines(800, 800, CV_8U, cv::Scalar(0));
        cv::line(lines, cv::Point(0, 400), cv::Point(799, 400), cv::Scalar(255), 2);
        const cv::Mat s = extractRoiPatch(lines, Tw3Roi::turned("X", "RUS", 400, 400, 400, 0), 64);
        QVERIFY(at(s, 32, 31) + at(s, 32, 32) > 40);
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

    // Whatever the rotation and side, the aligned keypoints are an upright left hand inside the square.
    void alignmentMakesAnUprightLeftHand()
    {
        for (double degrees : {-60.0, 0.0, 35.0, 120.0, 180.0}) {
            for (bool mirror : {false, true}) {
                const HandKeypoints p = transformed(uprightLeftHand(), degrees, mirror);
                const HandAlignment a = handAlignment(p, 256);
                QVERIFY(a.valid);
                QCOMPARE(a.mirrored, mirror);
                HandKeypoints q = p;
                for (auto& k : q) {
                    const double x = a.toAligned(0, 0) * k.x + a.toAligned(0, 1) * k.y + a.toAligned(0, 2);
                    const double y = a.toAligned(1, 0) * k.x + a.toAligned(1, 1) * k.y + a.toAligned(1, 2);
                    QVERIFY2(x > 0 && x < 256 && y > 0 && y < 256, qPrintable(QString("%1 deg: point outside").arg(degrees)));
                    k.x = x, k.y = y;
                }
                const HandPose pose = handPose(q);
                QVERIFY2(std::abs(pose.angleDegrees) < 0.5, qPrintable(QString("%1 deg -> %2").arg(degrees).arg(pose.angleDegrees)));
                QCOMPARE(pose.side, 'L');
                // The scale: the hand (plus margins and the forearm below the wrist) fills the square.
                QVERIFY(pose.scale > 256 * 0.3 && pose.scale < 256 * 0.6);
                // Without asLeft a right hand stays a right hand.
                QCOMPARE(handAlignment(p, 256, false).mirrored, false);
            }
        }
        HandKeypoints noWrist = uprightLeftHand();
        noWrist[0].visible = false;
        QVERIFY(!handAlignment(noWrist, 256).valid);
        QVERIFY(alignHand(cv::Mat(10, 10, CV_8UC1, cv::Scalar(0)), handAlignment(noWrist, 256)).empty());
    }

    // The pixels move with the keypoints, also when a large film is shrunk (area step first).
    void alignedPixelsFollowTheKeypoints()
    {
        for (double zoom : {1.0, 6.0}) {
            HandKeypoints p = transformed(uprightLeftHand(), 70, true);
            for (auto& k : p) k.x *= zoom, k.y *= zoom;
            cv::Mat image(static_cast<int>(600 * zoom), static_cast<int>(600 * zoom), CV_8UC1, cv::Scalar(0));
            cv::circle(image, cv::Point2d(p[12].x, p[12].y), static_cast<int>(8 * zoom), cv::Scalar(250), cv::FILLED);   // middle tip
            cv::circle(image, cv::Point2d(p[0].x, p[0].y), static_cast<int>(8 * zoom), cv::Scalar(120), cv::FILLED);     // wrist
            const HandAlignment a = handAlignment(p, 200);
            const cv::Mat out = alignHand(image, a);
            QCOMPARE(out.cols, 200);
            QCOMPARE(out.rows, 200);
            auto at = [&](const HandKeypoint& k) {
                const double x = a.toAligned(0, 0) * k.x + a.toAligned(0, 1) * k.y + a.toAligned(0, 2);
                const double y = a.toAligned(1, 0) * k.x + a.toAligned(1, 1) * k.y + a.toAligned(1, 2);
                return int(out.at<std::uint8_t>(static_cast<int>(y), static_cast<int>(x)));
            };
            QVERIFY2(std::abs(at(p[12]) - 250) < 20, qPrintable(QString("zoom %1: tip %2").arg(zoom).arg(at(p[12]))));
            QVERIFY2(std::abs(at(p[0]) - 120) < 20, qPrintable(QString("zoom %1: wrist %2").arg(zoom).arg(at(p[0]))));
            QCOMPARE(at(p[8]), 0);   // index tip: nothing drawn there
        }
    }

    // An aligned recipe's geometry maps both ways; plain `prepare` refuses such a recipe.
    void alignedRecipeGeometry()
    {
        const PreprocessRecipe& r = recipeByName("hand-aligned-256");
        QVERIFY(r.alignHand);
        QCOMPARE(PreprocessRecipe::fromJson(r.toJson()).alignHand, true);
        QVERIFY(!recipeByName("hand-clahe-256").toJson().contains("align_hand"));
        Radiograph film;
        film.pixels = cv::Mat(600, 600, CV_8UC1, cv::Scalar(30));
        film.metadata.bitsStored = 8;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, prepare(film, r));
        const HandKeypoints p = transformed(uprightLeftHand(), -40, true);
        const PreparedImage prepared = prepareAligned(film, r, p);
        QCOMPARE(prepared.grey8.cols, 256);
        QVERIFY(prepared.geometry.hasAffine);
        for (const auto& k : p) {
            const cv::Point2d there = prepared.geometry.fromSource({k.x, k.y});
            const cv::Point2d back = prepared.geometry.toSource(there);
            QVERIFY(std::abs(back.x - k.x) < 1e-6 && std::abs(back.y - k.y) < 1e-6);
        }
    }

    // Issue 17's framing-independent view: the film turned by quarter turns, mirrored, padded with a
    // wide margin or squeezed to another aspect gives the same view of the hand (the same pixels for
    // exact framings, nearly the same for the squeeze), and the keypoints land on the same view points.
    void handBoxViewDoesNotMoveWithTheFraming()
    {
        cv::Mat film(600, 560, CV_8UC1);
        cv::RNG rng(7);
        rng.fill(film, cv::RNG::UNIFORM, 0, 256);
        cv::GaussianBlur(film, film, cv::Size(0, 0), 6);
        cv::normalize(film, film, 0, 255, cv::NORM_MINMAX);
        const HandKeypoints hand = transformed(uprightLeftHand(), 12, false);   // a little tilted: no quarter turn
        const HandBoxView reference = handBoxView(hand, film.cols, film.rows, 100, 100);
        QVERIFY(reference.valid);
        QCOMPARE(reference.turnDegrees, 0);
        QVERIFY(!reference.mirrored);
        const cv::Mat expected = renderHandBoxView(film, reference, 0);
        QCOMPARE(expected.size(), cv::Size(100, 100));
        const auto at = [](const HandBoxView& v, const HandKeypoint& k) {
            return cv::Point2d(v.toView(0, 0) * k.x + v.toView(0, 1) * k.y + v.toView(0, 2), v.toView(1, 0) * k.x + v.toView(1, 1) * k.y + v.toView(1, 2));
        };
        const auto check = [&](const char* what, const cv::Mat& framed, const HandKeypoints& points, double maxMeanDifference,
                               double maxPointShift) {
            const HandBoxView v = handBoxView(points, framed.cols, framed.rows, 100, 100);
            QVERIFY2(v.valid, what);
            const cv::Mat view = renderHandBoxView(framed, v, 0);
            const double difference = cv::norm(view, expected, cv::NORM_L1) / double(view.total());
            QVERIFY2(difference <= maxMeanDifference, qPrintable(QString("%1: mean grey difference %2").arg(what).arg(difference)));
            for (int k = 0; k < kHandKeypointCount; ++k) {
                const cv::Point2d a = at(v, points[k]), b = at(reference, hand[k]);
                QVERIFY2(std::hypot(a.x - b.x, a.y - b.y) <= maxPointShift, qPrintable(QString("%1: keypoint %2 moved").arg(what).arg(k)));
            }
        };
        // Quarter turns (clockwise): (x, y) -> (h - y, x), (w - x, h - y), (y, w - x).
        const double w = film.cols, h = film.rows;
        for (const auto& [code, name] : {std::pair<int, const char*>{cv::ROTATE_90_CLOCKWISE, "turned 90"}, {cv::ROTATE_180, "turned 180"},
                                         {cv::ROTATE_90_COUNTERCLOCKWISE, "turned 270"}}) {
            cv::Mat turned;
            cv::rotate(film, turned, code);
            HandKeypoints p = hand;
            for (auto& k : p) {
                const double x = k.x, y = k.y;
                if (code == cv::ROTATE_90_CLOCKWISE) k.x = h - y, k.y = x;
                else if (code == cv::ROTATE_180) k.x = w - x, k.y = h - y;
                else k.x = y, k.y = w - x;
            }
            check(name, turned, p, 0.0, 1e-6);
        }
        cv::Mat wide;
        cv::copyMakeBorder(film, wide, 180, 180, 170, 170, cv::BORDER_CONSTANT, cv::Scalar(0));
        HandKeypoints shifted = hand;
        for (auto& k : shifted) k.x += 170, k.y += 180;
        check("wide margin", wide, shifted, 0.0, 1e-6);
        cv::Mat mirrored;
        cv::flip(film, mirrored, 1);
        HandKeypoints right = hand;
        for (auto& k : right) k.x = w - k.x;
        QCOMPARE(handPose(right).side, 'R');
        check("right hand", mirrored, right, 0.0, 1e-6);
        // Squeezed to a square as the 100 px RSNA copy was made: the box is the squeezed box.
        cv::Mat squeezed;
        cv::resize(film, squeezed, cv::Size(300, 300), 0, 0, cv::INTER_AREA);
        HandKeypoints small = hand;
        for (auto& k : small) k.x *= 300.0 / w, k.y *= 300.0 / h;
        check("squeezed", squeezed, small, 3.0, 1e-6);
        // The detail limit shrinks the cut before the resize: the view keeps its size.
        QCOMPARE(renderHandBoxView(film, reference, 40).size(), cv::Size(100, 100));
        // Keypoints that give no pose: no view.
        HandKeypoints none = hand;
        none[9].visible = false;
        QVERIFY(!handBoxView(none, film.cols, film.rows, 100, 100).valid);
    }

    // The hand-box recipe round-trips through JSON, needs keypoints, and refuses contradictions.
    void handBoxRecipe()
    {
        const PreprocessRecipe& r = recipeByName("hand-box-100");
        QVERIFY(r.handBox && r.needsKeypoints() && !r.alignHand);
        const PreprocessRecipe back = PreprocessRecipe::fromJson(r.toJson());
        QVERIFY(back.handBox);
        QCOMPARE(back.handBoxDetail, r.handBoxDetail);
        QVERIFY(!recipeByName("whole-stretch-100").toJson().contains("hand_box"));
        auto j = r.toJson();
        j["align_hand"] = true;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PreprocessRecipe::fromJson(j));
        j = r.toJson();
        j["crop_to_hand"] = true;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PreprocessRecipe::fromJson(j));
        Radiograph film;
        film.pixels = cv::Mat(600, 600, CV_8UC1, cv::Scalar(30));
        film.metadata.bitsStored = 8;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, prepare(film, r));
        const PreparedImage p = prepareWithKeypoints(film, r, transformed(uprightLeftHand(), 100, false));
        QCOMPARE(p.grey8.size(), cv::Size(100, 100));
        QVERIFY(p.geometry.hasAffine);
        QVERIFY(p.roiPatches.empty());   // a recipe without roi_patches cuts none
    }

    void roiPatchRecipeCutsMarkedBones()
    {
        const PreprocessRecipe& r = recipeByName("hand-box-224-rois");
        QCOMPARE(r.roiPatchSize, 64);
        QVERIFY(r.needsKeypoints());
        QCOMPARE(PreprocessRecipe::fromJson(r.toJson()).roiPatchSize, 64);
        auto j = r.toJson();
        j["hand_box"] = false;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PreprocessRecipe::fromJson(j));   // patches need the keypoints' view
        j = r.toJson();
        j["roi_patches"] = 3;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PreprocessRecipe::fromJson(j));
        // A film with a textured background and one bright mark at each ROI's centre, the hand turned
        // by 100 degrees: every patch holds its mark at its centre, and is dark elsewhere.
        const HandKeypoints hand = transformed(uprightLeftHand(), 100, false);
        Radiograph film;
        film.pixels = cv::Mat(600, 600, CV_8UC1);
        cv::randu(film.pixels, cv::Scalar(20), cv::Scalar(60));
        film.metadata.bitsStored = 8;
        const auto rois = placeTw3Rois(hand);
        for (const auto& roi : rois) cv::circle(film.pixels, cv::Point(int(std::lround(roi.cx())), int(std::lround(roi.cy()))), 2, cv::Scalar(250), cv::FILLED);
        const PreparedImage p = prepareWithKeypoints(film, r, hand);
        QCOMPARE(p.roiPatches.rows, 18 * 64);
        QCOMPARE(p.roiPatches.cols, 64);
        QCOMPARE(int(p.roiPresent.size()), 18);
        for (int i = 0; i < 18; ++i) {
            QVERIFY(p.roiPresent[size_t(i)] == 1);
            const cv::Mat patch = p.roiPatches(cv::Rect(0, i * 64, 64, 64));
            double centre = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) centre = std::max(centre, double(patch.at<uint8_t>(32 + dy, 32 + dx)));
            cv::Mat bright;
            cv::threshold(patch, bright, 200, 255, cv::THRESH_BINARY);
            const double brightShare = cv::countNonZero(bright) / 4096.0;
            QVERIFY2(centre > 200 && brightShare < 0.1,
                     qPrintable(QString("%1: centre %2, bright share %3").arg(rois[size_t(i)].name.c_str()).arg(centre).arg(brightShare)));
        }
        // A keypoint not seen masks the ROIs placed from it (black patch, present 0), never a crash.
        HandKeypoints missing = hand;
        missing[12].visible = false;   // middle fingertip: DP3 is placed toward it
        const PreparedImage q = prepareWithKeypoints(film, r, missing);
        QCOMPARE(int(q.roiPresent[1]), 0);   // DP3, second in the schema
        QCOMPARE(cv::countNonZero(q.roiPatches(cv::Rect(0, 64, 64, 64))), 0);
        QCOMPARE(int(q.roiPresent[0]), 1);
        // No hand (the whole film read as the box): every ROI masked.
        const PreparedImage none = prepareWholeFilmAsHandBox(film, r);
        QCOMPARE(cv::countNonZero(none.roiPatches), 0);
        QCOMPARE(std::count(none.roiPresent.begin(), none.roiPresent.end(), 0), 18L);
    }
};

QTEST_APPLESS_MAIN(TestTw3Rois)
#include "tst_tw3_rois.moc"
