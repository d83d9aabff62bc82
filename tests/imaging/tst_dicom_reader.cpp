// DICOM reading: pixel layouts, modality and display transforms, transfer syntaxes, metadata.
#include "DicomFactory.h"

#include "imaging/Display.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace boneage;
using boneage::test::DicomSpec;

class TestDicomReader : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

    Radiograph roundTrip(const DicomSpec& spec, const char* name = "t.dcm")
    {
        test::writeDicom(spec, path(name));
        return loadRadiograph(path(name));
    }

private slots:
    void storedValuesAtFullDepth_data()
    {
        QTest::addColumn<int>("allocated");
        QTest::addColumn<int>("stored");
        QTest::addColumn<int>("highBit");
        QTest::addColumn<bool>("isSigned");
        QTest::newRow("8 bit") << 8 << 8 << 7 << false;
        QTest::newRow("10 bit") << 16 << 10 << 9 << false;
        QTest::newRow("12 bit") << 16 << 12 << 11 << false;
        QTest::newRow("12 bit, high bit 15") << 16 << 12 << 15 << false;
        QTest::newRow("16 bit") << 16 << 16 << 15 << false;
        QTest::newRow("12 bit signed") << 16 << 12 << 11 << true;
        QTest::newRow("16 bit signed") << 16 << 16 << 15 << true;
        QTest::newRow("8 bit signed") << 8 << 8 << 7 << true;
    }
    void storedValuesAtFullDepth()
    {
        QFETCH(int, allocated);
        QFETCH(int, stored);
        QFETCH(int, highBit);
        QFETCH(bool, isSigned);
        DicomSpec s;
        s.bitsAllocated = allocated;
        s.bitsStored = stored;
        s.highBit = highBit;
        s.isSigned = isSigned;
        const auto expected = test::rampValues(s);
        const Radiograph r = roundTrip(s);
        QCOMPARE(r.width(), s.cols);
        QCOMPARE(r.height(), s.rows);
        QCOMPARE(r.metadata.bitsStored, stored);
        QCOMPARE(r.metadata.isSigned, isSigned);
        cv::Mat v;
        r.pixels.convertTo(v, CV_32S);
        for (int i = 0; i < s.rows * s.cols; i += 97) QCOMPARE(v.ptr<int>()[i], expected[static_cast<size_t>(i)]);
        QCOMPARE(v.ptr<int>()[s.rows * s.cols - 1], expected.back());
        const auto [lo, hi] = r.valueRange();
        QCOMPARE(lo, double(*std::min_element(expected.begin(), expected.end())));
        QCOMPARE(hi, double(*std::max_element(expected.begin(), expected.end())));
    }

    void rescaleSlopeIntercept()
    {
        DicomSpec s;
        s.writeRescale = true;
        s.slope = 1;
        s.intercept = -1024;
        Radiograph r = roundTrip(s);
        QCOMPARE(r.pixels.depth(), CV_16S);
        QCOMPARE(r.valueRange().first, -1024.0);
        QCOMPARE(r.valueRange().second, 4095.0 - 1024.0);

        s.slope = 0.5;
        s.intercept = 10;
        r = roundTrip(s);
        QCOMPARE(r.pixels.depth(), CV_32F);
        QCOMPARE(r.valueRange().second, 4095 * 0.5 + 10);
        QCOMPARE(r.metadata.rescaleSlope, 0.5);
    }

    void monochrome1IsDisplayedInverted()
    {
        DicomSpec s;
        s.photometric = "MONOCHROME1";
        const Radiograph r = roundTrip(s);
        QVERIFY(r.highValuesDark());
        const cv::Mat d = renderDisplay8(r, r.defaultDisplay());
        // Ramp: the first pixel holds the lowest value, which MONOCHROME1 shows white.
        QCOMPARE(int(d.at<uchar>(0, 0)), 255);
        QCOMPARE(int(d.at<uchar>(s.rows - 1, s.cols - 1)), 0);

        s.photometric = "MONOCHROME2";
        const Radiograph r2 = roundTrip(s);
        const cv::Mat d2 = renderDisplay8(r2, r2.defaultDisplay());
        QCOMPARE(int(d2.at<uchar>(0, 0)), 0);
        QCOMPARE(int(d2.at<uchar>(s.rows - 1, s.cols - 1)), 255);
    }

    void allWindowsListedFirstIsDefault()
    {
        DicomSpec s;
        s.windows = {{2048, 4096}, {1000, 200}, {3000, 500}};
        s.windowExplanations = {"FULL", "SOFT", "BONE"};
        const Radiograph r = roundTrip(s);
        QCOMPARE(int(r.windows.size()), 3);
        QCOMPARE(r.windows[1].center, 1000.0);
        QCOMPARE(r.windows[2].width, 500.0);
        QCOMPARE(QString::fromStdString(r.windows[2].explanation), QString("BONE"));
        const DisplayTransform t = r.defaultDisplay();
        QCOMPARE(t.center, 2048.0);
        QCOMPARE(t.width, 4096.0);

        // The DICOM linear window function, at and around its edges (PS3.3 C.11.2.1.2.1).
        QCOMPARE(windowLevel(899.5 - 99.5 - 1, 1000, 200), 0.0);
        QCOMPARE(windowLevel(999.5 + 99.5 + 1, 1000, 200), 1.0);
        QVERIFY(qAbs(windowLevel(999.5, 1000, 200) - 0.5) < 1e-9);
        DisplayTransform narrow;
        narrow.center = 1000;
        narrow.width = 200;
        const cv::Mat d = renderDisplay8(r, narrow);
        cv::Mat v;
        r.pixels.convertTo(v, CV_64F);
        for (int i = 0; i < int(v.total()); i += 37) {
            const double expected = std::round(windowLevel(v.ptr<double>()[i], 1000, 200) * 255);
            QCOMPARE(double(d.ptr<uchar>()[i]), expected);
        }
    }

    void voiLutIsUsedWhenNoWindow()
    {
        DicomSpec s;
        s.bitsStored = 12;
        s.voiLut = true;
        s.voiFirst = 0;
        s.voiBits = 12;
        s.voiData.resize(4096);
        // A LUT that saturates at half range: values >= 2048 are white.
        for (int i = 0; i < 4096; ++i) s.voiData[size_t(i)] = static_cast<unsigned short>(std::min(4095, i * 2));
        const Radiograph r = roundTrip(s);
        QCOMPARE(int(r.voiLuts.size()), 1);
        QCOMPARE(int(r.voiLuts[0].data.size()), 4096);
        const DisplayTransform t = r.defaultDisplay();
        QVERIFY(t.kind == DisplayTransform::Kind::Lut);
        const cv::Mat d = renderDisplay8(r, t);
        QCOMPARE(int(d.at<uchar>(s.rows - 1, s.cols - 1)), 255);
        QCOMPARE(int(d.at<uchar>(s.rows / 2 + 1, 0)), 255);
        QVERIFY(d.at<uchar>(s.rows / 4, 0) > 100 && d.at<uchar>(s.rows / 4, 0) < 155);
    }

    void compressedTransferSyntaxes_data()
    {
        QTest::addColumn<QString>("uid");
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("lossless");
        QTest::newRow("implicit little endian") << "1.2.840.10008.1.2" << 12 << true;
        QTest::newRow("big endian") << "1.2.840.10008.1.2.2" << 12 << true;
        QTest::newRow("deflated") << "1.2.840.10008.1.2.1.99" << 12 << true;
        QTest::newRow("deflated 8") << "1.2.840.10008.1.2.1.99" << 8 << true;
        QTest::newRow("RLE 16") << "1.2.840.10008.1.2.5" << 16 << true;
        QTest::newRow("RLE 8") << "1.2.840.10008.1.2.5" << 8 << true;
        QTest::newRow("JPEG lossless SV1") << "1.2.840.10008.1.2.4.70" << 12 << true;
        QTest::newRow("JPEG lossless 14") << "1.2.840.10008.1.2.4.57" << 16 << true;
        QTest::newRow("JPEG-LS lossless") << "1.2.840.10008.1.2.4.80" << 12 << true;
        QTest::newRow("JPEG-LS near-lossless") << "1.2.840.10008.1.2.4.81" << 12 << false;
        QTest::newRow("JPEG baseline") << "1.2.840.10008.1.2.4.50" << 8 << false;
        QTest::newRow("JPEG extended 12 bit") << "1.2.840.10008.1.2.4.51" << 12 << false;
        QTest::newRow("JPEG spectral selection (retired)") << "1.2.840.10008.1.2.4.53" << 12 << false;
        QTest::newRow("JPEG progressive (retired)") << "1.2.840.10008.1.2.4.55" << 12 << false;
    }
    void compressedTransferSyntaxes()
    {
        QFETCH(QString, uid);
        QFETCH(int, bits);
        QFETCH(bool, lossless);
        DicomSpec s;
        s.transferSyntax = uid.toStdString();
        s.bitsAllocated = bits > 8 ? 16 : 8;
        s.bitsStored = bits;
        s.rows = 80;
        s.cols = 96;
        const auto expected = test::rampValues(s);
        const Radiograph r = roundTrip(s);
        QCOMPARE(QString::fromStdString(r.metadata.transferSyntax), uid);
        QCOMPARE(r.width(), 96);
        cv::Mat v;
        r.pixels.convertTo(v, CV_32S);
        const double tolerance = lossless ? 0 : (1 << bits) * 0.03;
        double worst = 0;
        for (size_t i = 0; i < expected.size(); ++i)
            worst = std::max(worst, std::abs(double(v.ptr<int>()[i] - expected[i])));
        QVERIFY2(worst <= tolerance, qPrintable(QString("max error %1").arg(worst)));
    }

    void deflatedFileSmallerThanItsPixels()
    {
        // The bug this guards against: the declared pixel length was compared with the size of the
        // compressed file, so every well-compressed deflated file was refused as cut short.
        DicomSpec s;
        s.rows = 300;
        s.cols = 200;
        s.transferSyntax = "1.2.840.10008.1.2.1.99";
        s.patientName = "Deflated^Film";
        const auto expected = test::rampValues(s);
        test::writeDicom(s, path("deflated.dcm"));
        const auto bytes = test::readBytes(path("deflated.dcm"));
        QVERIFY(bytes.size() < size_t(s.rows) * s.cols * 2 / 4);
        for (const Radiograph& r : {loadRadiograph(path("deflated.dcm")),
                                    decodeRadiograph(bytes.data(), bytes.size(), "memory")}) {
            QCOMPARE(r.metadata.transferSyntax, std::string("1.2.840.10008.1.2.1.99"));
            QCOMPARE(r.metadata.patientName, std::string("Deflated^Film"));
            cv::Mat v;
            r.pixels.convertTo(v, CV_32S);
            QVERIFY(std::equal(expected.begin(), expected.end(), v.ptr<int>()));
        }
        // Inflating is bounded by the file-size limit, not by what the stream would produce.
        LoadOptions small;
        small.limits.maxFileBytes = bytes.size() + 1000;
        try {
            loadRadiograph(path("deflated.dcm"), small);
            QFAIL("inflated past the limit");
        } catch (const InputError& e) {
            QCOMPARE(e.reason(), InputError::Reason::TooLarge);
        }
    }

    void characterSets_data()
    {
        QTest::addColumn<QString>("charset");
        QTest::addColumn<QByteArray>("stored");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<bool>("warning");
        QTest::newRow("ISO_IR 100 (Latin-1)") << "ISO_IR 100" << QByteArray("M\xFCller^J\xF6rg") << "Müller^Jörg" << false;
        QTest::newRow("ISO_IR 192 (UTF-8)") << "ISO_IR 192" << QByteArray("Müller^Jörg") << "Müller^Jörg" << false;
        QTest::newRow("ISO_IR 144 (Cyrillic)") << "ISO_IR 144" << QByteArray("\xBB\xEE\xDA\xE1\xD8\xDD^\xBC\xD8\xE5\xD0\xD8\xDB")
                                               << "Люксин^Михаил" << false;
        // PS3.5 H.3.1 and I.2: Japanese and Korean names with ISO 2022 escape sequences.
        QTest::newRow("ISO 2022 IR 87 (Japanese)")
            << "\\ISO 2022 IR 87"
            << QByteArray("Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B")
            << "Yamada^Tarou=山田^太郎=やまだ^たろう" << false;
        QTest::newRow("ISO 2022 IR 149 (Korean)")
            << "\\ISO 2022 IR 149"
            << QByteArray("Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf")
            << "Hong^Gildong=洪^吉洞=홍^길동" << false;
        QTest::newRow("8-bit name, no character set") << "" << QByteArray("M\xFCller") << "M\uFFFDller" << true;
        QTest::newRow("unknown character set") << "ISO_IR 999" << QByteArray("M\xFCller") << "M\uFFFDller" << true;
        QTest::newRow("invalid UTF-8") << "ISO_IR 192" << QByteArray("M\xFCller") << "M\uFFFDller" << true;
    }
    void characterSets()
    {
        QFETCH(QString, charset);
        QFETCH(QByteArray, stored);
        QFETCH(QString, shown);
        QFETCH(bool, warning);
        DicomSpec s;
        s.characterSet = charset.toStdString();
        s.patientName = stored.toStdString();
        const Radiograph r = roundTrip(s);
        QCOMPARE(QString::fromStdString(r.metadata.patientName), shown);
        const bool warned = std::any_of(r.metadata.warnings.begin(), r.metadata.warnings.end(),
                                        [](const std::string& w) { return w.find("replaced") != std::string::npos; });
        QCOMPARE(warned, warning);
    }

    void patientAndStudy()
    {
        DicomSpec s;
        s.birthDate = "20150310";
        s.studyDate = "20250910";
        s.pixelSpacing = "0.15\\0.16";
        s.imagerPixelSpacing = "0.2\\0.2";
        s.laterality = "L";
        Radiograph r = roundTrip(s);
        const auto& m = r.metadata;
        QCOMPARE(m.sex, Sex::Female);
        QCOMPARE(m.birthDate->toIso(), std::string("2015-03-10"));
        QCOMPARE(*m.chronologicalAgeMonths, 126.0);
        QCOMPARE(m.chronologicalAgeSource, std::string("dates"));
        QCOMPARE(*m.pixelSpacingRowMm, 0.15);
        QCOMPARE(*m.pixelSpacingColumnMm, 0.16);
        QCOMPARE(m.pixelSpacingSource, std::string("PixelSpacing"));
        QCOMPARE(m.laterality, std::string("L"));
        QCOMPARE(m.modality, std::string("DX"));
        QCOMPARE(m.bodyPart, std::string("HAND"));
        QCOMPARE(m.patientId, std::string("TEST-1"));

        // No dates: Patient's Age; Imager Pixel Spacing when Pixel Spacing is absent.
        s.birthDate.clear();
        s.pixelSpacing.clear();
        s.patientAge = "011Y";
        r = roundTrip(s);
        QCOMPARE(*r.metadata.chronologicalAgeMonths, 132.0);
        QCOMPARE(r.metadata.chronologicalAgeSource, std::string("PatientAge"));
        QCOMPARE(r.metadata.pixelSpacingSource, std::string("ImagerPixelSpacing"));
        QCOMPARE(*r.metadata.pixelSpacingRowMm, 0.2);

        // Missing sex in the file: the caller's value fills it; the file's value wins otherwise.
        s.sex.clear();
        test::writeDicom(s, path("nosex.dcm"));
        QCOMPARE(loadRadiograph(path("nosex.dcm")).metadata.sex, Sex::Unknown);
        LoadOptions o;
        o.sex = Sex::Male;
        QCOMPARE(loadRadiograph(path("nosex.dcm"), o).metadata.sex, Sex::Male);
        s.sex = "F";
        test::writeDicom(s, path("sex.dcm"));
        QCOMPARE(loadRadiograph(path("sex.dcm"), o).metadata.sex, Sex::Female);
    }

    void bodyPartOtherThanHandIsAWarning()
    {
        DicomSpec s;
        s.bodyPart = "CHEST";
        const Radiograph r = roundTrip(s);
        QVERIFY(!r.metadata.warnings.empty());
        QVERIFY(QString::fromStdString(r.metadata.warnings.front()).contains("CHEST"));
    }

    void datesAndAges()
    {
        QCOMPARE(monthsBetween({2010, 3, 15}, {2020, 9, 15}), 126.0);
        QVERIFY(qAbs(monthsBetween({2010, 3, 31}, {2010, 4, 30}) - 30 / 30.4375) < 0.05);
        QCOMPARE(*parseDicomAge("010Y"), 120.0);
        QCOMPARE(*parseDicomAge("018M"), 18.0);
        QVERIFY(qAbs(*parseDicomAge("004W") - 28 / 30.4375) < 1e-9);
        QVERIFY(!parseDicomAge("10"));
        QVERIFY(!parseDicomAge("0A0Y"));
        QVERIFY(!Date::fromDicom("20231345"));
        QVERIFY(!Date::fromDicom("20230229"));
        QVERIFY(Date::fromDicom("20240229"));
        QCOMPARE(*parseSex("female"), Sex::Female);
        QCOMPARE(*parseSex("True"), Sex::Male);
        QVERIFY(!parseSex("x"));
    }
};

QTEST_APPLESS_MAIN(TestDicomReader)
#include "tst_dicom_reader.moc"
