// Colour DICOM (secondary captures of films) is read as its luminance, with a warning: RGB, YBR_FULL,
// YBR_FULL_422 and PALETTE COLOR, both planar configurations, native and after decompression.
// Multi-frame images give their first frame, with a warning.
#include "DicomFactory.h"

#include "imaging/Display.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace boneage;
using boneage::test::DicomSpec;

namespace {

// Three planes (R, G, B or Y, Cb, Cr) of a test picture: horizontal and vertical ramps and a constant.
struct Planes {
    std::vector<int> a, b, c;
};

Planes testPlanes(int rows, int cols)
{
    Planes p;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            p.a.push_back(x * 255 / (cols - 1));
            p.b.push_back(y * 255 / (rows - 1));
            p.c.push_back(60);
        }
    return p;
}

} // namespace

class TestDicomColour : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

private slots:
    void colourBecomesLuminance_data()
    {
        QTest::addColumn<QString>("photometric");
        QTest::addColumn<int>("planar");
        QTest::addColumn<QString>("uid");
        QTest::addColumn<double>("tolerance");
        const char* native = "1.2.840.10008.1.2.1";
        QTest::newRow("RGB, planar 0") << "RGB" << 0 << native << 0.0;
        QTest::newRow("RGB, planar 1") << "RGB" << 1 << native << 0.0;
        QTest::newRow("RGB, implicit little endian") << "RGB" << 0 << "1.2.840.10008.1.2" << 0.0;
        QTest::newRow("YBR_FULL, planar 0") << "YBR_FULL" << 0 << native << 0.0;
        QTest::newRow("YBR_FULL, planar 1") << "YBR_FULL" << 1 << native << 0.0;
        QTest::newRow("YBR_FULL_422") << "YBR_FULL_422" << 0 << native << 0.0;
        QTest::newRow("RGB, RLE") << "RGB" << 0 << "1.2.840.10008.1.2.5" << 0.0;
        QTest::newRow("RGB, planar 1, RLE") << "RGB" << 1 << "1.2.840.10008.1.2.5" << 0.0;
        QTest::newRow("RGB, JPEG-LS lossless") << "RGB" << 0 << "1.2.840.10008.1.2.4.80" << 0.0;
        QTest::newRow("RGB, JPEG lossless") << "RGB" << 0 << "1.2.840.10008.1.2.4.70" << 0.0;
        QTest::newRow("RGB, JPEG baseline (YBR_FULL_422 inside)") << "RGB" << 0 << "1.2.840.10008.1.2.4.50" << 12.0;
    }
    void colourBecomesLuminance()
    {
        QFETCH(QString, photometric);
        QFETCH(int, planar);
        QFETCH(QString, uid);
        QFETCH(double, tolerance);
        DicomSpec s;
        s.rows = 48;
        s.cols = 64;
        s.bitsAllocated = 8;
        s.bitsStored = 8;
        s.samplesPerPixel = 3;
        s.photometric = photometric.toStdString();
        s.planar = planar;
        s.transferSyntax = uid.toStdString();
        const Planes p = testPlanes(s.rows, s.cols);
        const size_t n = p.a.size();
        std::vector<double> expected(n);
        const bool ybr = photometric.startsWith("YBR");
        for (size_t i = 0; i < n; ++i)
            expected[i] = ybr ? p.a[i] : std::round(0.299 * p.a[i] + 0.587 * p.b[i] + 0.114 * p.c[i]);
        if (photometric == "YBR_FULL_422") {
            // Y1 Y2 Cb Cr for each pair of pixels.
            for (size_t i = 0; i < n; i += 2) s.rawSamples.insert(s.rawSamples.end(), {p.a[i], p.a[i + 1], 128, 128});
        } else if (planar == 1) {
            s.rawSamples = p.a;
            s.rawSamples.insert(s.rawSamples.end(), p.b.begin(), p.b.end());
            s.rawSamples.insert(s.rawSamples.end(), p.c.begin(), p.c.end());
        } else {
            for (size_t i = 0; i < n; ++i) s.rawSamples.insert(s.rawSamples.end(), {p.a[i], p.b[i], p.c[i]});
        }
        if (ybr)   // a grey picture in YCbCr: the chroma is neutral
            for (size_t i = 0; i < s.rawSamples.size(); ++i)
                if (photometric == "YBR_FULL" && (planar ? i >= n : i % 3 != 0)) s.rawSamples[i] = 128;
        test::writeDicom(s, path("colour.dcm"));
        const Radiograph r = loadRadiograph(path("colour.dcm"));
        QCOMPARE(r.pixels.type(), CV_8UC1);
        QCOMPARE(r.width(), s.cols);
        QCOMPARE(QString::fromStdString(r.metadata.photometric), QString("MONOCHROME2"));
        double worst = 0;
        for (size_t i = 0; i < n; ++i) worst = std::max(worst, std::abs(r.pixels.ptr<uchar>()[i] - expected[i]));
        QVERIFY2(worst <= tolerance, qPrintable(QString("max error %1").arg(worst)));
        QVERIFY(!r.metadata.warnings.empty());
        // DCMTK's JPEG encoder stores RGB as YBR_FULL_422; the warning names what the file says.
        const QString stored = uid.endsWith(".50") ? "YBR_FULL_422" : photometric;
        QVERIFY2(QString::fromStdString(r.metadata.warnings.back()).contains("colour image (" + stored + ") converted to grey"),
                 r.metadata.warnings.back().c_str());
    }

    void sixteenBitColour()
    {
        DicomSpec s;
        s.rows = 20;
        s.cols = 30;
        s.bitsAllocated = 16;
        s.bitsStored = 12;
        s.samplesPerPixel = 3;
        s.photometric = "RGB";
        const size_t n = size_t(s.rows) * s.cols;
        for (size_t i = 0; i < n; ++i) s.rawSamples.insert(s.rawSamples.end(), {int(i * 6), 4000, 0});
        test::writeDicom(s, path("rgb16.dcm"));
        const Radiograph r = loadRadiograph(path("rgb16.dcm"));
        QCOMPARE(r.pixels.type(), CV_16UC1);
        QCOMPARE(r.metadata.bitsStored, 12);
        QCOMPARE(int(r.pixels.ptr<std::uint16_t>()[100]), int(std::round(0.299 * 600 + 0.587 * 4000)));
    }

    void paletteColour()
    {
        DicomSpec s;
        s.rows = 16;
        s.cols = 16;
        s.bitsAllocated = 8;
        s.bitsStored = 8;
        s.photometric = "PALETTE COLOR";
        s.values.resize(256);
        for (int i = 0; i < 256; ++i) s.values[size_t(i)] = i;
        for (int i = 0; i < 256; ++i) {
            s.paletteRed.push_back(static_cast<unsigned short>(i * 257));
            s.paletteGreen.push_back(static_cast<unsigned short>((255 - i) * 257));
            s.paletteBlue.push_back(128 * 257);
        }
        test::writeDicom(s, path("palette.dcm"));
        const Radiograph r = loadRadiograph(path("palette.dcm"));
        QCOMPARE(r.pixels.type(), CV_16UC1);
        for (int i = 0; i < 256; i += 15) {
            const double grey = std::round(0.299 * s.paletteRed[size_t(i)] + 0.587 * s.paletteGreen[size_t(i)] +
                                           0.114 * s.paletteBlue[size_t(i)]);
            QCOMPARE(double(r.pixels.ptr<std::uint16_t>()[i]), grey);
        }
        QVERIFY(QString::fromStdString(r.metadata.warnings.back()).contains("PALETTE COLOR"));

        // Without its palette the image cannot be read: a clear refusal.
        s.paletteRed.clear();
        test::writeDicom(s, path("nopalette.dcm"));
        try {
            loadRadiograph(path("nopalette.dcm"));
            QFAIL("accepted a palette image without a palette");
        } catch (const InputError& e) {
            QCOMPARE(e.reason(), InputError::Reason::UnsupportedImage);
            QVERIFY(QString(e.what()).contains("palette"));
        }
    }

    void otherColourModelsAreRefusedByName()
    {
        DicomSpec s;
        s.samplesPerPixel = 4;
        s.photometric = "CMYK";
        s.bitsAllocated = 8;
        s.bitsStored = 8;
        test::writeDicom(s, path("cmyk.dcm"));
        try {
            loadRadiograph(path("cmyk.dcm"));
            QFAIL("accepted CMYK");
        } catch (const InputError& e) {
            QCOMPARE(e.reason(), InputError::Reason::UnsupportedImage);
            QVERIFY(QString(e.what()).contains("CMYK"));
        }
    }

    void firstFrameOfMultiFrame_data()
    {
        QTest::addColumn<QString>("uid");
        QTest::addColumn<int>("samples");
        QTest::newRow("native") << "1.2.840.10008.1.2.1" << 1;
        QTest::newRow("big endian") << "1.2.840.10008.1.2.2" << 1;
        QTest::newRow("RLE") << "1.2.840.10008.1.2.5" << 1;
        QTest::newRow("JPEG lossless") << "1.2.840.10008.1.2.4.70" << 1;
        QTest::newRow("JPEG-LS") << "1.2.840.10008.1.2.4.80" << 1;
        QTest::newRow("RGB native") << "1.2.840.10008.1.2.1" << 3;
        QTest::newRow("RGB RLE") << "1.2.840.10008.1.2.5" << 3;
    }
    void firstFrameOfMultiFrame()
    {
        QFETCH(QString, uid);
        QFETCH(int, samples);
        DicomSpec s;
        s.rows = 40;
        s.cols = 50;
        s.frames = 3;
        s.frameStep = 700;
        s.transferSyntax = uid.toStdString();
        s.samplesPerPixel = samples;
        if (samples == 3) {
            s.photometric = "RGB";
            s.bitsAllocated = 8;
            s.bitsStored = 8;
            s.frameStep = 90;
        }
        const auto expected = test::rampValues(s);
        test::writeDicom(s, path("frames.dcm"));
        const Radiograph r = loadRadiograph(path("frames.dcm"));
        cv::Mat v;
        r.pixels.convertTo(v, CV_32S);
        for (size_t i = 0; i < expected.size(); ++i)
            if (std::abs(v.ptr<int>()[i] - expected[i]) > (samples == 3 ? 1 : 0))
                QFAIL(qPrintable(QString("pixel %1: %2, frame 1 holds %3").arg(i).arg(v.ptr<int>()[i]).arg(expected[i])));
        QVERIFY(std::any_of(r.metadata.warnings.begin(), r.metadata.warnings.end(), [](const std::string& w) {
            return w.find("multi-frame image (3 frames): only the first frame is read") != std::string::npos;
        }));
    }
};

QTEST_APPLESS_MAIN(TestDicomColour)
#include "tst_dicom_colour.moc"
