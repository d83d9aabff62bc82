// JPEG 2000 through OpenJPEG: DICOM JPEG 2000 (lossless and lossy), HTJ2K-labelled data, several
// frames, colour, .j2k/.jp2 files; damaged, cut and inconsistent codestreams end in an InputError.
// Every codestream is written here by OpenJPEG's encoder from known pixels.
#include "DicomFactory.h"
#include "Jpeg2000Encoder.h"

#include "imaging/Display.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace boneage;
using boneage::test::DicomSpec;
using Reason = InputError::Reason;

namespace {

double worstError(const Radiograph& r, const std::vector<int>& expected)
{
    cv::Mat v;
    r.pixels.convertTo(v, CV_32S);
    double worst = 0;
    for (size_t i = 0; i < expected.size(); ++i)
        worst = std::max(worst, std::abs(double(v.ptr<int>()[i] - expected[i])));
    return worst;
}

// A film-like test image: a ramp with a bright disc, so that lossy coding has edges to get wrong.
std::vector<int> filmValues(const DicomSpec& s)
{
    std::vector<int> v = test::rampValues(s);
    const long lo = s.isSigned ? -(1L << (s.bitsStored - 1)) : 0;
    const long hi = s.isSigned ? (1L << (s.bitsStored - 1)) - 1 : (1L << s.bitsStored) - 1;
    for (int y = 0; y < s.rows; ++y)
        for (int x = 0; x < s.cols; ++x)
            if ((x - s.cols / 2) * (x - s.cols / 2) + (y - s.rows / 2) * (y - s.rows / 2) < s.rows * s.rows / 16)
                v[size_t(y) * s.cols + x] = static_cast<int>(lo + (hi - lo) * 9 / 10);
    return v;
}

} // namespace

class TestJpeg2000 : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

    InputError expectError(const std::string& file)
    {
        try {
            loadRadiograph(file);
        } catch (const InputError& e) {
            if (!QString(e.what()).contains(QString::fromStdString(file)))
                throw std::runtime_error(std::string("message does not name the file: ") + e.what());
            return e;
        }
        throw std::runtime_error(file + " was accepted");
    }

    // A 12-bit film as JPEG 2000 lossless DICOM, its codestream, and the spec that made it.
    std::vector<unsigned char> losslessCodestream(DicomSpec& s)
    {
        s.bitsAllocated = 16;
        s.bitsStored = 12;
        s.rows = 70;
        s.cols = 90;
        s.values = filmValues(s);
        return test::encodeJpeg2000(s.values, s.cols, s.rows, 1, 12, false);
    }

private slots:
    void losslessRoundTripIsExact_data()
    {
        QTest::addColumn<int>("allocated");
        QTest::addColumn<int>("stored");
        QTest::addColumn<bool>("isSigned");
        QTest::addColumn<QString>("uid");
        QTest::newRow("8 bit") << 8 << 8 << false << "1.2.840.10008.1.2.4.90";
        QTest::newRow("12 bit in 16") << 16 << 12 << false << "1.2.840.10008.1.2.4.90";
        QTest::newRow("16 bit") << 16 << 16 << false << "1.2.840.10008.1.2.4.90";
        QTest::newRow("signed 16 bit") << 16 << 16 << true << "1.2.840.10008.1.2.4.90";
        QTest::newRow("signed 12 bit") << 16 << 12 << true << "1.2.840.10008.1.2.4.90";
        QTest::newRow("lossless codestream, .91") << 16 << 12 << false << "1.2.840.10008.1.2.4.91";
        QTest::newRow("HTJ2K lossless UID") << 16 << 12 << false << "1.2.840.10008.1.2.4.201";
        QTest::newRow("HTJ2K RPCL UID") << 16 << 12 << false << "1.2.840.10008.1.2.4.202";
        QTest::newRow("HTJ2K UID") << 16 << 12 << false << "1.2.840.10008.1.2.4.203";
    }
    void losslessRoundTripIsExact()
    {
        QFETCH(int, allocated);
        QFETCH(int, stored);
        QFETCH(bool, isSigned);
        QFETCH(QString, uid);
        DicomSpec s;
        s.bitsAllocated = allocated;
        s.bitsStored = stored;
        s.isSigned = isSigned;
        s.rows = 64;
        s.cols = 80;
        s.values = filmValues(s);
        const auto codestream = test::encodeJpeg2000(s.values, s.cols, s.rows, 1, stored, isSigned);
        test::writeEncapsulatedDicom(s, {codestream}, uid.toStdString(), path("j2k.dcm"));
        const Radiograph r = loadRadiograph(path("j2k.dcm"));
        QCOMPARE(QString::fromStdString(r.metadata.transferSyntax), uid);
        QCOMPARE(r.width(), s.cols);
        QCOMPARE(r.height(), s.rows);
        QCOMPARE(r.metadata.bitsStored, stored);
        QCOMPARE(r.metadata.isSigned, isSigned);
        QCOMPARE(worstError(r, s.values), 0.0);
        QCOMPARE(r.metadata.warnings, std::vector<std::string>());
    }

    void highThroughputCodestreams_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("uid");
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("isSigned");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("HTJ2K lossless 12 bit") << "ht-12bit-lossless.j2c" << "1.2.840.10008.1.2.4.201" << 12 << false << 0.0;
        QTest::newRow("HTJ2K RPCL, signed 16 bit") << "ht-16bit-signed-lossless.j2c" << "1.2.840.10008.1.2.4.202" << 16
                                                   << true << 0.0;
        QTest::newRow("HTJ2K lossy 12 bit") << "ht-12bit-lossy.j2c" << "1.2.840.10008.1.2.4.203" << 12 << false << 41.0;
    }
    void highThroughputCodestreams()
    {
        // Real HT block coding (JPEG 2000 Part 15): codestreams made by OpenJPH, as no encoder for
        // it is packaged in Debian (see data/htj2k/make-htj2k.js, which holds the same formulas).
        QFETCH(QString, file);
        QFETCH(QString, uid);
        QFETCH(int, bits);
        QFETCH(bool, isSigned);
        QFETCH(double, tolerance);
        const auto codestream = test::readBytes(BONEAGE_SOURCE_DIR "/tests/imaging/data/htj2k/" + file.toStdString());
        QVERIFY2(codestream.size() > 100, "test data missing");
        DicomSpec s;
        s.rows = 48;
        s.cols = 64;
        s.bitsAllocated = 16;
        s.bitsStored = bits;
        s.isSigned = isSigned;
        std::vector<int> expected;
        for (int y = 0; y < s.rows; ++y)
            for (int x = 0; x < s.cols; ++x)
                expected.push_back(file.contains("lossy") ? int(std::lround(2047 + 2000 * std::sin(x / 7.0) * std::cos(y / 5.0)))
                                   : isSigned         ? (x * 613 + y * 397) % 65536 - 32768
                                                      : (x * 61 + y * 37) % 4096);
        test::writeEncapsulatedDicom(s, {codestream}, uid.toStdString(), path("ht.dcm"));
        const Radiograph r = loadRadiograph(path("ht.dcm"));
        QCOMPARE(QString::fromStdString(r.metadata.transferSyntax), uid);
        QCOMPARE(r.metadata.isSigned, isSigned);
        const double worst = worstError(r, expected);
        QVERIFY2(worst <= tolerance, qPrintable(QString("max error %1").arg(worst)));
        // The same codestream as a .j2c file.
        const Radiograph raw = decodeRadiograph(codestream.data(), codestream.size(), file.toStdString());
        QVERIFY(worstError(raw, expected) <= tolerance);
    }

    void lossyIsClose()
    {
        DicomSpec s;
        s.rows = 128;
        s.cols = 96;
        s.values = filmValues(s);
        test::Jpeg2000Encoding lossy;
        lossy.lossless = false;
        lossy.ratio = 8;
        const auto codestream = test::encodeJpeg2000(s.values, s.cols, s.rows, 1, 12, false, lossy);
        test::writeEncapsulatedDicom(s, {codestream}, "1.2.840.10008.1.2.4.91", path("lossy.dcm"));
        const Radiograph r = loadRadiograph(path("lossy.dcm"));
        cv::Mat v, e(s.rows, s.cols, CV_32S, s.values.data());
        r.pixels.convertTo(v, CV_32S);
        const double meanError = cv::norm(v, e, cv::NORM_L1) / double(v.total());
        // Lossy: not exact, but within 1 % of the range on average and 10 % at worst (the disc's edge).
        QVERIFY2(meanError > 0 && meanError < 41, qPrintable(QString::number(meanError)));
        QVERIFY2(worstError(r, s.values) < 410, qPrintable(QString::number(worstError(r, s.values))));
    }

    void firstFrameOfSeveral_data()
    {
        QTest::addColumn<bool>("offsetTable");
        QTest::addColumn<int>("split");
        QTest::newRow("offset table, one fragment a frame") << true << 1;
        QTest::newRow("offset table, three fragments a frame") << true << 3;
        QTest::newRow("no offset table, one fragment a frame") << false << 1;
        QTest::newRow("no offset table, three fragments a frame") << false << 3;
    }
    void firstFrameOfSeveral()
    {
        QFETCH(bool, offsetTable);
        QFETCH(int, split);
        DicomSpec s;
        const auto first = losslessCodestream(s);
        DicomSpec other = s;
        for (int& v : other.values) v = 4095 - v;
        const auto second = test::encodeJpeg2000(other.values, s.cols, s.rows, 1, 12, false);
        test::writeEncapsulatedDicom(s, {first, second, second}, "1.2.840.10008.1.2.4.90", path("frames.dcm"),
                                     offsetTable, split);
        const Radiograph r = loadRadiograph(path("frames.dcm"));
        QCOMPARE(worstError(r, s.values), 0.0);
        QCOMPARE(int(r.metadata.warnings.size()), 1);
        QVERIFY(QString::fromStdString(r.metadata.warnings[0]).contains("3 frames"));
    }

    void colourIsReadAsGrey_data()
    {
        QTest::addColumn<QString>("photometric");
        QTest::addColumn<bool>("transform");
        QTest::newRow("RGB") << "RGB" << false;
        QTest::newRow("YBR_RCT (reversible colour transform)") << "YBR_RCT" << true;
    }
    void colourIsReadAsGrey()
    {
        QFETCH(QString, photometric);
        QFETCH(bool, transform);
        DicomSpec s;
        s.rows = 32;
        s.cols = 40;
        s.bitsAllocated = 8;
        s.bitsStored = 8;
        s.samplesPerPixel = 3;
        s.photometric = photometric.toStdString();
        s.planar = 1;
        const size_t n = size_t(s.rows) * s.cols;
        s.rawSamples.resize(3 * n);
        for (size_t i = 0; i < n; ++i) {
            s.rawSamples[i] = int(i % 256);         // R
            s.rawSamples[n + i] = int(i / 8 % 256); // G
            s.rawSamples[2 * n + i] = 200;           // B
        }
        test::Jpeg2000Encoding how;
        how.colourTransform = transform;
        const auto codestream = test::encodeJpeg2000(s.rawSamples, s.cols, s.rows, 3, 8, false, how);
        test::writeEncapsulatedDicom(s, {codestream}, "1.2.840.10008.1.2.4.90", path("colour.dcm"));
        const Radiograph r = loadRadiograph(path("colour.dcm"));
        QCOMPARE(r.pixels.type(), CV_8UC1);
        for (size_t i = 0; i < n; i += 7) {
            const double grey = 0.299 * s.rawSamples[i] + 0.587 * s.rawSamples[n + i] + 0.114 * 200;
            QVERIFY(std::abs(r.pixels.ptr<uchar>()[i] - grey) <= 0.5);
        }
        QVERIFY(QString::fromStdString(r.metadata.warnings.back()).contains("converted to grey"));
    }

    void damagedCodestreamIsAnInputError_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("cut at 60 %") << "cut";
        QTest::newRow("cut in the header") << "header";
        QTest::newRow("only a J2K header") << "header-only";
        QTest::newRow("not a codestream") << "garbage";
    }
    void damagedCodestreamIsAnInputError()
    {
        QFETCH(QString, damage);
        DicomSpec s;
        auto codestream = losslessCodestream(s);
        if (damage == "cut") codestream.resize(codestream.size() * 6 / 10);
        if (damage == "header") codestream.resize(30);
        if (damage == "garbage") codestream.assign(400, 0x5A);
        if (damage == "header-only")
            test::writeJpeg2000HeaderOnlyDicom(path("bad.dcm"));
        else
            test::writeEncapsulatedDicom(s, {codestream}, "1.2.840.10008.1.2.4.90", path("bad.dcm"));
        try {
            const InputError e = expectError(path("bad.dcm"));
            QVERIFY2(e.reason() == Reason::Corrupt || e.reason() == Reason::Truncated, e.what());
            QVERIFY2(QString(e.what()).contains("JPEG 2000"), e.what());
            if (damage == "cut") QVERIFY2(e.reason() == Reason::Truncated, e.what());
        } catch (const std::runtime_error& e) {
            QFAIL(e.what());
        }
    }

    void overwrittenBytesNeverCrash()
    {
        // Damaged entropy-coded data may decode to wrong pixels (JPEG 2000 has no checksum), but the
        // result is an InputError or an image of the declared size, never a crash or a bigger image.
        DicomSpec s;
        const auto good = losslessCodestream(s);
        std::mt19937 rng(2000);
        int refused = 0;
        for (int round = 0; round < 60; ++round) {
            auto codestream = good;
            const size_t from = round < 30 ? 4 : codestream.size() / 4;   // header, then anywhere
            for (int k = 0; k < 6; ++k)
                codestream[from + rng() % (codestream.size() - from - 2)] = static_cast<unsigned char>(rng());
            test::writeEncapsulatedDicom(s, {codestream}, "1.2.840.10008.1.2.4.90", path("noise.dcm"));
            try {
                const Radiograph r = loadRadiograph(path("noise.dcm"));
                QCOMPARE(r.width(), s.cols);
                QCOMPARE(r.height(), s.rows);
            } catch (const InputError& e) {
                ++refused;
                QVERIFY2(QString(e.what()).contains("JPEG 2000"), e.what());
            }
        }
        QVERIFY(refused > 0);
    }

    void codestreamThatDisagreesWithTheHeader_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("other size") << "size" << "90x70 pixels but the DICOM header declares 90x35";
        QTest::newRow("three components for one sample") << "components" << "3 components";
        QTest::newRow("16-bit samples in 8 bits allocated") << "depth" << "16 bits";
    }
    void codestreamThatDisagreesWithTheHeader()
    {
        QFETCH(QString, what);
        QFETCH(QString, mustSay);
        DicomSpec s;
        auto codestream = losslessCodestream(s);
        DicomSpec header = s;
        if (what == "size") header.declaredRows = s.rows / 2;
        if (what == "components") {
            std::vector<int> three(s.values);
            three.insert(three.end(), s.values.begin(), s.values.end());
            three.insert(three.end(), s.values.begin(), s.values.end());
            codestream = test::encodeJpeg2000(three, s.cols, s.rows, 3, 12, false);
        }
        if (what == "depth") {
            header.bitsAllocated = 8;
            header.bitsStored = 8;
            codestream = test::encodeJpeg2000(s.values, s.cols, s.rows, 1, 16, false);
        }
        test::writeEncapsulatedDicom(header, {codestream}, "1.2.840.10008.1.2.4.90", path("odd.dcm"));
        try {
            const InputError e = expectError(path("odd.dcm"));
            QVERIFY2(e.reason() == Reason::Corrupt, e.what());
            QVERIFY2(QString(e.what()).contains(mustSay), e.what());
        } catch (const std::runtime_error& e) {
            QFAIL(e.what());
        }
    }

    void precisionOtherThanBitsStoredIsAWarning()
    {
        // Bits Stored 16, codestream 12 bits: the codestream's values are right, the header is not.
        DicomSpec s;
        const auto codestream = losslessCodestream(s);
        DicomSpec header = s;
        header.bitsStored = 16;
        test::writeEncapsulatedDicom(header, {codestream}, "1.2.840.10008.1.2.4.90", path("prec.dcm"));
        const Radiograph r = loadRadiograph(path("prec.dcm"));
        QCOMPARE(worstError(r, s.values), 0.0);
        QCOMPARE(r.metadata.bitsStored, 12);
        QVERIFY(QString::fromStdString(r.metadata.warnings.at(0)).contains("Bits Stored is 16"));
    }

    void frameCountBeyondTheFragmentsIsRefused()
    {
        DicomSpec s;
        const auto codestream = losslessCodestream(s);
        s.declaredFrames = 1000;
        test::writeEncapsulatedDicom(s, {codestream}, "1.2.840.10008.1.2.4.90", path("frames.dcm"));
        try {
            const InputError e = expectError(path("frames.dcm"));
            QVERIFY2(e.reason() == Reason::Corrupt && QString(e.what()).contains("1000 frames"), e.what());
        } catch (const std::runtime_error& e) {
            QFAIL(e.what());
        }
    }

    void standaloneFiles_data()
    {
        QTest::addColumn<bool>("jp2");
        QTest::addColumn<int>("components");
        QTest::newRow(".j2k grey 12 bit") << false << 1;
        QTest::newRow(".jp2 grey 12 bit") << true << 1;
        QTest::newRow(".jp2 colour") << true << 3;
    }
    void standaloneFiles()
    {
        QFETCH(bool, jp2);
        QFETCH(int, components);
        DicomSpec s;
        losslessCodestream(s);
        std::vector<int> planes;
        for (int k = 0; k < components; ++k) planes.insert(planes.end(), s.values.begin(), s.values.end());
        test::Jpeg2000Encoding how;
        how.jp2 = jp2;
        const auto bytes = test::encodeJpeg2000(planes, s.cols, s.rows, components, 12, false, how);
        test::writeBytes(path("film.img"), bytes);   // the name says nothing: the content decides
        const Radiograph r = loadRadiograph(path("film.img"));
        QCOMPARE(QString::fromStdString(r.metadata.format), QString("JPEG 2000"));
        QCOMPARE(r.pixels.depth(), CV_16U);
        QVERIFY(worstError(r, s.values) <= (components == 1 ? 0.0 : 1.0));   // colour: luminance, rounded
        QCOMPARE(r.metadata.warnings.empty(), components == 1);
        const cv::Mat shown = renderDisplay8(r, r.defaultDisplay());
        double lo, hi;
        cv::minMaxLoc(shown, &lo, &hi);
        QVERIFY(hi - lo > 200);
        // From memory too, and cut short.
        QCOMPARE(decodeRadiograph(bytes.data(), bytes.size(), "mem").width(), s.cols);
        test::writeBytes(path("cut.img"), std::vector<unsigned char>(bytes.begin(), bytes.begin() + long(bytes.size() / 2)));
        try {
            const InputError e = expectError(path("cut.img"));
            QVERIFY2(e.reason() == Reason::Truncated || e.reason() == Reason::Corrupt, e.what());
        } catch (const std::runtime_error& e) {
            QFAIL(e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestJpeg2000)
#include "tst_jpeg2000.moc"
