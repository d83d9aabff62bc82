// PNG/JPEG/TIFF through OpenCV, and the DICOM Secondary Capture writer (round trip, atomic writes).
#include "DicomFactory.h"

#include "imaging/DicomWriter.h"
#include "imaging/Display.h"
#include "imaging/RadiographLoader.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace boneage;

class TestRasterAndWriter : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

    static cv::Mat gradient(int depth)
    {
        cv::Mat m(120, 90, depth);
        const double top = depth == CV_16U ? 4095 : 255;
        for (int y = 0; y < m.rows; ++y)
            for (int x = 0; x < m.cols; ++x) {
                const double v = top * (y * m.cols + x) / double(m.total() - 1);
                if (depth == CV_16U) m.at<ushort>(y, x) = static_cast<ushort>(v);
                else m.at<uchar>(y, x) = static_cast<uchar>(v);
            }
        return m;
    }

private slots:
    void rasterFormatsAtFullDepth_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("lossless");
        QTest::newRow("png 8") << "a.png" << CV_8U << true;
        QTest::newRow("png 16") << "b.png" << CV_16U << true;
        QTest::newRow("tiff 8") << "c.tif" << CV_8U << true;
        QTest::newRow("tiff 16") << "d.tiff" << CV_16U << true;
        QTest::newRow("jpeg") << "e.jpg" << CV_8U << false;
    }
    void rasterFormatsAtFullDepth()
    {
        QFETCH(QString, name);
        QFETCH(int, depth);
        QFETCH(bool, lossless);
        const cv::Mat image = gradient(depth);
        const std::string file = path(name.toUtf8().constData());
        QVERIFY(cv::imwrite(file, image));
        LoadOptions o;
        o.sex = Sex::Male;
        o.chronologicalAgeMonths = 100;
        const Radiograph r = loadRadiograph(file, o);
        QCOMPARE(r.pixels.depth(), depth);
        QCOMPARE(r.width(), 90);
        QCOMPARE(r.metadata.sex, Sex::Male);
        QCOMPARE(*r.metadata.chronologicalAgeMonths, 100.0);
        QCOMPARE(r.metadata.chronologicalAgeSource, std::string("caller"));
        const double err = cv::norm(r.pixels, image, cv::NORM_INF);
        QVERIFY2(lossless ? err == 0 : err < 12, qPrintable(QString::number(err)));
        if (depth == CV_16U) QCOMPARE(r.metadata.bitsStored, 12);
    }

    void greyStoredAsRgbIsAccepted()
    {
        cv::Mat grey = gradient(CV_8U), rgb;
        cv::cvtColor(grey, rgb, cv::COLOR_GRAY2BGR);
        QVERIFY(cv::imwrite(path("rgb.png"), rgb));
        const Radiograph r = loadRadiograph(path("rgb.png"));
        QCOMPARE(r.pixels.channels(), 1);
        QCOMPARE(cv::norm(r.pixels, grey, cv::NORM_INF), 0.0);
        QVERIFY(r.metadata.warnings.empty());
    }

    void writerRoundTrip_data()
    {
        QTest::addColumn<int>("compression");
        QTest::addColumn<int>("depth");
        QTest::newRow("none 8") << int(DicomCompression::None) << CV_8U;
        QTest::newRow("none 16") << int(DicomCompression::None) << CV_16U;
        QTest::newRow("rle 16") << int(DicomCompression::Rle) << CV_16U;
        QTest::newRow("jpeg lossless 16") << int(DicomCompression::JpegLossless) << CV_16U;
        QTest::newRow("jpeg-ls 8") << int(DicomCompression::JpegLsLossless) << CV_8U;
    }
    void writerRoundTrip()
    {
        QFETCH(int, compression);
        QFETCH(int, depth);
        const cv::Mat image = gradient(depth);
        RadiographMetadata m;
        m.patientId = "SAMPLE-9";
        m.patientName = "SAMPLE^Hand";
        m.sex = Sex::Female;
        m.birthDate = Date{2014, 5, 2};
        m.studyDate = Date{2024, 5, 2};
        m.pixelSpacingRowMm = 0.143;
        m.pixelSpacingColumnMm = 0.143;
        m.laterality = "L";
        DicomWriteOptions o;
        o.compression = static_cast<DicomCompression>(compression);
        o.bitsStored = depth == CV_16U ? 12 : 8;
        o.imageComments = "SAMPLE";
        writeSecondaryCapture(image, m, path("out.dcm"), o);
        const Radiograph r = loadRadiograph(path("out.dcm"));
        QCOMPARE(cv::norm(r.pixels, image, cv::NORM_INF), 0.0);
        QCOMPARE(r.metadata.photometric, std::string("MONOCHROME2"));
        QCOMPARE(r.metadata.sopClassUid, std::string("1.2.840.10008.5.1.4.1.1.7"));
        QCOMPARE(r.metadata.patientId, m.patientId);
        QCOMPARE(r.metadata.patientName, m.patientName);
        QCOMPARE(r.metadata.sex, Sex::Female);
        QCOMPARE(*r.metadata.chronologicalAgeMonths, 120.0);
        QCOMPARE(*r.metadata.pixelSpacingRowMm, 0.143);
        QCOMPARE(r.metadata.laterality, std::string("L"));
        QCOMPARE(r.metadata.bitsStored, o.bitsStored);
    }

    void failedWriteKeepsThePreviousFile()
    {
        const cv::Mat image = gradient(CV_8U);
        RadiographMetadata m;
        m.patientId = "FIRST";
        writeSecondaryCapture(image, m, path("keep.dcm"), {});
        const auto before = test::readBytes(path("keep.dcm"));
        // 16-bit pixels cannot be JPEG baseline: the write fails after nothing was touched.
        DicomWriteOptions bad;
        bad.compression = DicomCompression::JpegBaseline;
        m.patientId = "SECOND";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeSecondaryCapture(gradient(CV_16U), m, path("keep.dcm"), bad));
        // A folder that cannot hold the file: the rename fails, the temporary file is removed.
        QVERIFY(QDir(dir.path()).mkdir("sub"));
        QVERIFY_THROWS_EXCEPTION(std::exception, writeSecondaryCapture(image, m, path("sub"), {}));
        QCOMPARE(test::readBytes(path("keep.dcm")), before);
        const QStringList left = QDir(dir.path()).entryList(QStringList() << "*.tmp-*", QDir::Files | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(",")));
    }
};

QTEST_APPLESS_MAIN(TestRasterAndWriter)
#include "tst_raster_and_writer.moc"
