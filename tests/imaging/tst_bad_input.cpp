// Every kind of bad input gets an InputError with a reason and a message that names the file and
// says what is wrong; nothing crashes, hangs or allocates for absurd declared sizes.
#include "DicomFactory.h"

#include "imaging/Display.h"
#include "imaging/InputError.h"
#include "imaging/Preprocessing.h"
#include "imaging/RadiographLoader.h"

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace boneage;
using boneage::test::DicomSpec;
using Reason = InputError::Reason;

class TestBadInput : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

    // Loads and returns the error; fails the test if loading succeeds or throws anything else.
    InputError expectError(const std::string& file, const LoadOptions& options = {})
    {
        try {
            loadRadiograph(file, options);
        } catch (const InputError& e) {
            const QString message = QString::fromUtf8(e.what());
            if (!message.contains(QString::fromStdString(file)))
                throw std::runtime_error("message does not name the file: " + message.toStdString());
            return e;
        }
        throw std::runtime_error(file + " was accepted");
    }
    void expectReason(const std::string& file, Reason reason, const char* mustSay,
                      const LoadOptions& options = {})
    {
        try {
            const InputError e = expectError(file, options);
            QVERIFY2(e.reason() == reason, qPrintable(QString("reason %1 for: %2").arg(toString(e.reason()), e.what())));
            QVERIFY2(QString(e.what()).contains(mustSay, Qt::CaseInsensitive), e.what());
        } catch (const std::runtime_error& e) {
            QFAIL(e.what());
        }
    }

    static bool hasWarning(const Radiograph& r, const QString& text)
    {
        return std::any_of(r.metadata.warnings.begin(), r.metadata.warnings.end(),
                           [&](const std::string& w) { return QString::fromStdString(w).contains(text); });
    }
    // The default display of a ramp film spans black to white: never one flat (black) picture.
    static bool hasContrast(const Radiograph& r)
    {
        double lo, hi;
        cv::minMaxLoc(renderDisplay8(r, r.defaultDisplay()), &lo, &hi);
        return hi - lo > 200;
    }

private slots:
    void emptyFile()
    {
        test::writeBytes(path("empty.dcm"), {});
        expectReason(path("empty.dcm"), Reason::Empty, "empty");
    }

    void missingPathAndDirectory()
    {
        expectReason(path("does-not-exist.dcm"), Reason::NotFound, "no such file");
        expectReason(dir.path().toStdString(), Reason::NotAFile, "folder");
    }

    void randomBytes()
    {
        std::mt19937 rng(7);
        std::vector<unsigned char> bytes(5000);
        for (auto& b : bytes) b = static_cast<unsigned char>(rng());
        bytes[0] = 0x42;   // not accidentally a magic number
        test::writeBytes(path("random.bin"), bytes);
        expectReason(path("random.bin"), Reason::UnknownFormat, "not a DICOM, PNG, JPEG, TIFF or JPEG 2000");

        // Random bytes behind a valid DICOM preamble.
        std::vector<unsigned char> dicm(128, 0);
        dicm.insert(dicm.end(), {'D', 'I', 'C', 'M'});
        dicm.insert(dicm.end(), bytes.begin(), bytes.end());
        test::writeBytes(path("random.dcm"), dicm);
        const InputError e = expectError(path("random.dcm"));
        QVERIFY2(e.reason() == Reason::Corrupt || e.reason() == Reason::Truncated, e.what());
    }

    void truncatedDicom_data()
    {
        QTest::addColumn<QString>("uid");
        QTest::addColumn<double>("keep");
        QTest::newRow("uncompressed, in the pixels") << "1.2.840.10008.1.2.1" << 0.6;
        QTest::newRow("uncompressed, in the header") << "1.2.840.10008.1.2.1" << 0.02;
        QTest::newRow("JPEG lossless, in the fragment") << "1.2.840.10008.1.2.4.70" << 0.7;
        QTest::newRow("RLE, in the fragment") << "1.2.840.10008.1.2.5" << 0.7;
    }
    void truncatedDicom()
    {
        QFETCH(QString, uid);
        QFETCH(double, keep);
        DicomSpec s;
        s.rows = 256;
        s.cols = 256;
        s.transferSyntax = uid.toStdString();
        test::writeDicom(s, path("whole.dcm"));
        auto bytes = test::readBytes(path("whole.dcm"));
        bytes.resize(static_cast<size_t>(bytes.size() * keep));
        test::writeBytes(path("cut.dcm"), bytes);
        const InputError e = expectError(path("cut.dcm"));
        QVERIFY2(e.reason() == Reason::Truncated || e.reason() == Reason::Corrupt, e.what());
        if (keep > 0.5) QVERIFY2(e.reason() == Reason::Truncated, e.what());
    }

    void dicomWithoutPixelData()
    {
        test::writeStructuredReport(path("sr.dcm"));
        expectReason(path("sr.dcm"), Reason::NoPixelData, "Basic Text SR");
    }

    void jpeg2000HeaderWithoutImage()
    {
        // JPEG 2000 is decoded (tst_jpeg2000); a codestream that is only a header is damaged.
        test::writeJpeg2000HeaderOnlyDicom(path("j2k.dcm"));
        const InputError e = expectError(path("j2k.dcm"));
        QVERIFY2(e.reason() == Reason::Corrupt || e.reason() == Reason::Truncated, e.what());
        QVERIFY2(QString(e.what()).contains("JPEG 2000"), e.what());
    }

    void decoderThatCrashesIsContained_data()
    {
        // Found by the CI fuzz slice: each of these killed the whole program inside a third-party
        // decoder before compressed pixel data was decoded in a child process (IsolatedDecode.h).
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("what");
        QTest::newRow("HTJ2K MEL segment: assert() in libopenjp2") << "htj2k-mel-assert.dcm" << "JPEG 2000 image data";
        QTest::newRow("RLE segment offsets: read overflow in DCMTK") << "rle-segment-offsets.dcm" << "compressed image data";
    }
    void decoderThatCrashesIsContained()
    {
        QFETCH(QString, file);
        QFETCH(QString, what);
        const std::string input = BONEAGE_SOURCE_DIR "/tests/fuzz/corpus/dicom/" + file.toStdString();
        try {
            const InputError e = expectError(input);
            QVERIFY2(e.reason() == Reason::Corrupt, e.what());
            QVERIFY2(QString(e.what()).contains(what + " is damaged"), e.what());
        } catch (const std::runtime_error& e) {
            QFAIL(e.what());
        }
        // The program goes on: the next film loads.
        DicomSpec s;
        test::writeDicom(s, path("next.dcm"));
        QCOMPARE(loadRadiograph(path("next.dcm")).width(), s.cols);
    }

    void unsupportedTransferSyntaxIsNamed()
    {
        // JPEG 2000 Part 2 multi-component: DCMTK parses the encapsulation, nothing here decodes it.
        DicomSpec s;
        test::writeEncapsulatedDicom(s, {{0xFF, 0x4F, 0xFF, 0x51}}, "1.2.840.10008.1.2.4.92", path("part2.dcm"));
        expectReason(path("part2.dcm"), Reason::UnsupportedTransferSyntax,
                     "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only) (transfer syntax "
                     "1.2.840.10008.1.2.4.92) is not supported");
    }

    void framesThatDisagreeWithThePixelData_data()
    {
        QTest::addColumn<int>("frames");
        QTest::addColumn<int>("declared");
        QTest::addColumn<int>("reason");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("5 declared, 3 present") << 3 << 5 << int(Reason::Truncated) << "cut short";
        QTest::newRow("1 declared, 3 present") << 3 << 1 << int(Reason::Corrupt) << "Number of Frames are wrong";
        QTest::newRow("0 declared") << 1 << 0 << int(Reason::Corrupt) << "Number of Frames is 0";
        QTest::newRow("-2 declared") << 1 << -2 << int(Reason::Corrupt) << "Number of Frames is -2";
    }
    void framesThatDisagreeWithThePixelData()
    {
        QFETCH(int, frames);
        QFETCH(int, declared);
        QFETCH(int, reason);
        QFETCH(QString, mustSay);
        DicomSpec s;
        s.frames = frames;
        s.declaredFrames = declared;
        test::writeDicom(s, path("frames.dcm"));
        if (declared <= 0) {
            // The factory writes no Number of Frames for these: patch the IS value in.
            auto bytes = test::readBytes(path("frames.dcm"));
            const std::string value = declared == 0 ? "0 " : "-2";
            bool patched = false;
            for (size_t i = 0; i + 10 < bytes.size() && !patched; ++i)
                if (bytes[i] == 0x28 && bytes[i + 1] == 0x00 && bytes[i + 2] == 0x10 && bytes[i + 3] == 0x00 &&
                    bytes[i + 4] == 'U' && bytes[i + 5] == 'S') {
                    // Rows (0028,0010) follows (0028,0008): insert Number of Frames before it.
                    const unsigned char element[] = {0x28, 0x00, 0x08, 0x00, 'I', 'S', 0x02, 0x00,
                                                     static_cast<unsigned char>(value[0]),
                                                     static_cast<unsigned char>(value[1])};
                    bytes.insert(bytes.begin() + long(i), element, element + sizeof element);
                    patched = true;
                }
            QVERIFY(patched);
            test::writeBytes(path("frames.dcm"), bytes);
        }
        expectReason(path("frames.dcm"), Reason(reason), qPrintable(mustSay));
    }

    void rowsThatDisagreeWithThePixelData()
    {
        // Twice the pixels the header declares: reading it as declared would show half a film.
        DicomSpec s;
        s.declaredRows = s.rows / 2;
        test::writeDicom(s, path("rows.dcm"));
        expectReason(path("rows.dcm"), Reason::Corrupt, "48x32 pixels at 16 bits (3072 bytes)");
        // Too few: cut short.
        s.declaredRows = s.rows * 2;
        test::writeDicom(s, path("rows2.dcm"));
        expectReason(path("rows2.dcm"), Reason::Truncated, "cut short");
        // An odd number of 8-bit pixels gets one pad byte: that is not a disagreement.
        DicomSpec odd;
        odd.rows = 15;
        odd.cols = 15;
        odd.bitsAllocated = 8;
        odd.bitsStored = 8;
        test::writeDicom(odd, path("odd.dcm"));
        QCOMPARE(loadRadiograph(path("odd.dcm")).width(), 15);
    }

    void rescaleSlopeZeroIsReadAsOne()
    {
        DicomSpec s;
        s.rescaleSlopeText = "0";
        s.rescaleInterceptText = "-1024";
        test::writeDicom(s, path("slope0.dcm"));
        const Radiograph r = loadRadiograph(path("slope0.dcm"));
        QCOMPARE(r.metadata.rescaleSlope, 1.0);
        QCOMPARE(r.valueRange().first, -1024.0);
        QVERIFY(hasWarning(r, "Rescale Slope is 0"));
        QVERIFY(hasContrast(r));
    }

    void numbersThatAreNotNumbersAreIgnored_data()
    {
        QTest::addColumn<QString>("slope");
        QTest::addColumn<QString>("intercept");
        QTest::addColumn<QString>("center");
        QTest::addColumn<QString>("width");
        QTest::addColumn<QString>("warning");
        QTest::newRow("slope NaN") << "NaN" << "0" << "" << "" << "Rescale Slope/Intercept ('NaN', '0')";
        QTest::newRow("slope inf") << "inf" << "0" << "" << "" << "is not a finite number";
        QTest::newRow("slope 1e400") << "1e400" << "0" << "" << "" << "is not a finite number";
        QTest::newRow("slope -Infinity") << "-Infinity" << "0" << "" << "" << "is not a finite number";
        QTest::newRow("intercept NaN") << "1" << "NaN" << "" << "" << "is not a finite number";
        QTest::newRow("slope 1e35") << "1e35" << "0" << "" << "" << "beyond 1e30";
        QTest::newRow("slope not a number at all") << "abc" << "0" << "" << "" << "is not a finite number";
        QTest::newRow("window center NaN") << "" << "" << "NaN" << "400" << "window 1 (center 'NaN', width '400')";
        QTest::newRow("window width inf") << "" << "" << "2000" << "inf" << "is not a finite number";
        QTest::newRow("window center 1e400") << "" << "" << "1e400" << "400" << "is not a finite number";
        QTest::newRow("window far outside the values") << "" << "" << "1e20" << "400" << "outside the image's values";
        QTest::newRow("second window NaN") << "" << "" << "2000\\NaN" << "4000\\10" << "window 2";
    }
    void numbersThatAreNotNumbersAreIgnored()
    {
        QFETCH(QString, slope);
        QFETCH(QString, intercept);
        QFETCH(QString, center);
        QFETCH(QString, width);
        QFETCH(QString, warning);
        DicomSpec s;
        s.rescaleSlopeText = slope.toStdString();
        s.rescaleInterceptText = intercept.toStdString();
        s.windowCenterText = center.toStdString();
        s.windowWidthText = width.toStdString();
        test::writeDicom(s, path("nan.dcm"));
        const Radiograph r = loadRadiograph(path("nan.dcm"));
        QVERIFY2(hasWarning(r, warning), qPrintable(QString::fromStdString(r.metadata.warnings.empty() ? "" : r.metadata.warnings[0])));
        QCOMPARE(r.metadata.rescaleSlope, 1.0);
        QCOMPARE(r.metadata.rescaleIntercept, 0.0);
        for (const auto& w : r.windows) QVERIFY(std::isfinite(w.center) && std::isfinite(w.width));
        QVERIFY(hasContrast(r));
        QCOMPARE(r.valueRange().second, 4095.0);
    }

    void truncatedDeflatedDicom()
    {
        DicomSpec s;
        s.rows = 256;
        s.cols = 256;
        s.transferSyntax = "1.2.840.10008.1.2.1.99";
        test::writeDicom(s, path("deflated.dcm"));
        auto bytes = test::readBytes(path("deflated.dcm"));
        bytes.resize(bytes.size() * 2 / 3);
        test::writeBytes(path("cut-deflated.dcm"), bytes);
        expectReason(path("cut-deflated.dcm"), Reason::Truncated, "deflated DICOM data is cut short");
        // Bytes that are no deflate stream at all.
        std::fill(bytes.begin() + long(bytes.size() / 2), bytes.end(), 0xFF);
        test::writeBytes(path("bad-deflated.dcm"), bytes);
        const InputError e = expectError(path("bad-deflated.dcm"));
        QVERIFY2(e.reason() == Reason::Corrupt || e.reason() == Reason::Truncated, e.what());
    }

    void wrongModality()
    {
        DicomSpec s;
        s.modality = "CT";
        s.sopClass = "1.2.840.10008.5.1.4.1.1.2";
        test::writeDicom(s, path("ct.dcm"));
        expectReason(path("ct.dcm"), Reason::WrongModality, "CT");
    }

    void dicomDeclaringHugeImage()
    {
        DicomSpec s;
        s.rows = 16;
        s.cols = 16;
        test::writeDicom(s, path("small.dcm"));
        // Patch Rows/Columns to 60000 after writing: the declared size is what must be refused.
        auto bytes = test::readBytes(path("small.dcm"));
        for (size_t i = 0; i + 10 < bytes.size(); ++i) {
            const bool rows = bytes[i] == 0x28 && bytes[i + 1] == 0x00 && bytes[i + 2] == 0x10 && bytes[i + 3] == 0x00;
            const bool cols = bytes[i] == 0x28 && bytes[i + 1] == 0x00 && bytes[i + 2] == 0x11 && bytes[i + 3] == 0x00;
            if ((rows || cols) && bytes[i + 4] == 'U' && bytes[i + 5] == 'S') {
                bytes[i + 8] = 0x60;   // 60000 = 0xEA60
                bytes[i + 9] = 0xEA;
            }
        }
        test::writeBytes(path("huge.dcm"), bytes);
        expectReason(path("huge.dcm"), Reason::TooLarge, "60000x60000");
    }

    void pngDeclaringHugeImage()
    {
        cv::Mat small(32, 32, CV_8U, cv::Scalar(100));
        std::vector<uchar> png;
        cv::imencode(".png", small, png);
        // IHDR width/height at bytes 16..23, big endian: 100000 = 0x000186A0.
        const unsigned char dim[4] = {0x00, 0x01, 0x86, 0xA0};
        std::copy(dim, dim + 4, png.begin() + 16);
        std::copy(dim, dim + 4, png.begin() + 20);
        test::writeBytes(path("huge.png"), std::vector<unsigned char>(png.begin(), png.end()));
        expectReason(path("huge.png"), Reason::TooLarge, "100000x100000");
    }

    void sizeLimitIsConfigurable()
    {
        cv::Mat image(200, 300, CV_8U, cv::Scalar(100));
        QVERIFY(cv::imwrite(path("ok.png"), image));
        QCOMPARE(loadRadiograph(path("ok.png")).width(), 300);
        LoadOptions strict;
        strict.limits.maxPixels = 50000;
        expectReason(path("ok.png"), Reason::TooLarge, "300x200", strict);
        LoadOptions smallFiles;
        smallFiles.limits.maxFileBytes = 10;
        expectReason(path("ok.png"), Reason::TooLarge, "limit", smallFiles);
    }

    void truncatedRasterImages()
    {
        cv::Mat image(300, 300, CV_8U);
        cv::randu(image, 0, 255);
        std::vector<uchar> jpg, png;
        cv::imencode(".jpg", image, jpg);
        cv::imencode(".png", image, png);
        test::writeBytes(path("cut.jpg"), std::vector<unsigned char>(jpg.begin(), jpg.begin() + long(jpg.size() / 2)));
        test::writeBytes(path("cut.png"), std::vector<unsigned char>(png.begin(), png.begin() + long(png.size() / 2)));
        expectReason(path("cut.jpg"), Reason::Truncated, "cut short");
        const InputError e = expectError(path("cut.png"));
        QVERIFY2(e.reason() == Reason::Corrupt, e.what());
        // A header cut in the middle.
        test::writeBytes(path("header.png"), std::vector<unsigned char>(png.begin(), png.begin() + 20));
        QVERIFY(expectError(path("header.png")).reason() == Reason::Corrupt);
    }

    void fuzzerFindingsStayFixed()
    {
        // Inputs the fuzzers found (tests/fuzz/README.md): each must end in an InputError, from disk
        // and from memory, quickly and without allocating what the bytes declare; what does load
        // must go through display and the hand crop.
        const QDir regressions(BONEAGE_SOURCE_DIR "/tests/imaging/data/fuzz-regressions");
        const QStringList files = regressions.entryList(QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString& name : files) {
            const std::string file = regressions.filePath(name).toStdString();
            const auto bytes = test::readBytes(file);
            if (name.startsWith("dicom-")) {
                QVERIFY_THROWS_EXCEPTION(InputError, loadRadiograph(file));
                QVERIFY_THROWS_EXCEPTION(InputError, decodeRadiograph(bytes.data(), bytes.size(), file));
                continue;
            }
            try {
                const Radiograph r = decodeRadiograph(bytes.data(), bytes.size(), file);
                const HandRegion hand = findHand(renderDisplay8(r, r.defaultDisplay()));
                QVERIFY(!hand.found || hand.box.area() > 0);
            } catch (const InputError&) {
            }
        }
    }

    void standaloneJpeg2000FileWithoutImage()
    {
        test::writeBytes(path("x.jp2"), {0x00, 0x00, 0x00, 0x0c, 'j', 'P', ' ', ' ', 0x0d, 0x0a, 0x87, 0x0a});
        const InputError e = expectError(path("x.jp2"));
        QVERIFY2(e.reason() == Reason::Corrupt || e.reason() == Reason::Truncated, e.what());
        QVERIFY2(QString(e.what()).contains("JPEG 2000"), e.what());
    }
};

QTEST_APPLESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
