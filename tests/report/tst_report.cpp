// Issue 19, reports: the PDF, the DICOM SR (TID 1500), the Secondary Capture and the encapsulated PDF
// of a real assessment (the shipped models on the bundled samples), read back with DCMTK, `dsrdump`
// and `pdftotext` (poppler-utils, installed by scripts/setup.sh).
#include "atlas/AtlasPack.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/EnsembleCalibration.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"
#include "report/BoneAgeReport.h"
#include "report/EncapsulatedPdf.h"
#include "report/ReportPdf.h"
#include "report/ResultCapture.h"
#include "report/StructuredReport.h"
#include "Translations.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <cmath>
#include <cstdio>

using namespace boneage;

namespace {

const std::string kModels = BONEAGE_SOURCE_DIR "/models";
const std::string kAtlas = BONEAGE_SOURCE_DIR "/resources/atlas/rsna-reference";

Assessment assess(const Radiograph& r)
{
    AssessmentOptions o;
    o.landmarkPackage = LandmarkModel::find(kModels).value();
    if (const auto e = findEnsembleCalibration(kModels)) o.ensembleCalibration = readEnsembleCalibration(*e);
    return assessRadiograph(r, r.metadata.sex, findModelPackages(kModels), o);
}

QString pdfText(const QByteArray& pdf, const QTemporaryDir& dir)
{
    const QString path = dir.filePath("text-check.pdf");
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(pdf);
    f.close();
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

std::string str(DcmItem& ds, const DcmTagKey& tag)
{
    OFString v;
    ds.findAndGetOFString(tag, v);
    return v.c_str();
}

Reading reading(std::int64_t id, const std::string& reader, double months, const std::string& at)
{
    Reading r;
    r.id = id;
    r.caseId = "case";
    r.reader = reader;
    r.boneAgeMonths = months;
    r.createdAt = at;
    return r;
}

} // namespace

class TestReport : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    Radiograph film;
    Assessment assessment;
    const std::string filmPath = BONEAGE_SOURCE_DIR "/resources/samples/sample-1491.dcm";

    BoneAgeReport report(const std::vector<Reading>& readings = {}) const
    {
        return makeBoneAgeReport(filmPath, film, assessment, readings, kAtlas);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QProcess::execute(QStringLiteral("pdftotext"), {QStringLiteral("-v")}) == 0,
                 "pdftotext (poppler-utils) is missing: scripts/setup.sh installs it");
        film = loadRadiograph(filmPath);
        assessment = assess(film);
        QVERIFY(!assessment.withheld);
        QVERIFY(assessment.boneAgeMonths().has_value());
        QVERIFY(assessment.landmarks && assessment.landmarks->handFound);
        QCOMPARE(int(assessment.landmarks->rois.size()), 18);
    }
    void cleanup() { installTranslations(QLocale(QStringLiteral("en")), true); }

    void pdfHoldsTheResultAndWhatItRestsOn()
    {
        const BoneAgeReport r = report({reading(4, "Dr. Weiss", 150.0, "2026-11-30T10:00:00"),
                                        reading(2, "Dr. Weiss", 140.0, "2026-11-29T10:00:00"),
                                        reading(7, "Dr. Li", 155.5, "2026-11-30T11:00:00")});
        QCOMPARE(int(r.readings.size()), 2);   // each reader's latest
        QCOMPARE(r.readings.front().boneAgeMonths, 150.0);
        QCOMPARE(int(r.plates.size()), 2);     // the plates either side of the estimate
        QVERIFY(r.plates[0].plate.ageMonths <= *assessment.boneAgeMonths() && *assessment.boneAgeMonths() <= r.plates[1].plate.ageMonths);

        const QByteArray pdf = reportPdf(r);
        QVERIFY(pdf.startsWith("%PDF"));
        const QString text = pdfText(pdf, dir);
        QVERIFY2(!text.isEmpty(), "pdftotext read nothing");
        const QString flat = QString(text).replace(QLatin1Char('\n'), QLatin1Char(' '));
        char estimate[32];
        std::snprintf(estimate, sizeof estimate, "%.1f months", *assessment.boneAgeMonths());
        for (const QString& must : {QStringLiteral("Bone age report"), QStringLiteral("Research software, not a certified medical device"),
                                    QString::fromStdString(film.metadata.patientId), QString::fromLatin1(estimate),
                                    QStringLiteral("Dr. Weiss"), QStringLiteral("Dr. Li"), QStringLiteral("155.5"),
                                    QStringLiteral("Greulich-Pyle"), QStringLiteral("SDS"), QStringLiteral("Atlas plate")})
            QVERIFY2(flat.contains(must), qPrintable(QStringLiteral("the PDF lacks '%1'").arg(must)));
        QVERIFY2(!flat.contains(QStringLiteral("140.0 months (")), "an older reading of the same reader was reported");
        for (const auto& m : assessment.models) {
            QVERIFY2(flat.contains(QString::fromStdString(m.estimate.modelId)), m.estimate.modelId.c_str());
            // The digest may be broken across lines by the layout: compare without spaces.
            QVERIFY2(QString(flat).remove(QLatin1Char(' ')).contains(QString::fromStdString(m.weightsSha256)), m.weightsSha256.c_str());
        }
        if (assessment.interval) {
            QVERIFY(flat.contains(QStringLiteral("90 % prediction interval")));
            QVERIFY(flat.contains(QString::number(assessment.interval->lowerMonths, 'f', 1)));
        }
    }

    void pdfFollowsTheLanguage()
    {
        QCOMPARE(installTranslations(QLocale(QStringLiteral("de"))), QStringLiteral("de"));
        const QString german = pdfText(reportPdf(report()), dir);
        QVERIFY2(german.contains(QStringLiteral("Knochenalter")), qPrintable(german.left(400)));
        QVERIFY(!german.contains(QStringLiteral("Bone age report")));
        QCOMPARE(installTranslations(QLocale(QStringLiteral("zh_CN"))), QStringLiteral("zh_CN"));
        const QString chinese = pdfText(reportPdf(report()), dir);
        QVERIFY2(chinese.contains(QStringLiteral("骨龄")), qPrintable(chinese.left(400)));
    }

    void structuredReportIsTid1500AndReadsBack()
    {
        const BoneAgeReport r = report({reading(3, "Weiss^Anna", 150.0, "2026-11-30T10:00:00")});
        const std::string path = dir.filePath("sr.dcm").toStdString();
        writeStructuredReport(r, path);

        DcmFileFormat file;
        QVERIFY(file.loadFile(path.c_str()).good());
        DcmDataset& ds = *file.getDataset();
        QCOMPARE(str(ds, DCM_SOPClassUID), std::string(UID_ComprehensiveSRStorage));
        QCOMPARE(str(ds, DCM_SOPInstanceUID), r.resultUid("sr"));
        QCOMPARE(str(ds, DCM_StudyInstanceUID), film.metadata.studyInstanceUid);   // the film's study
        QVERIFY(!film.metadata.studyInstanceUid.empty());
        QCOMPARE(str(ds, DCM_PatientID), film.metadata.patientId);
        QCOMPARE(str(ds, DCM_Modality), std::string("SR"));
        QVERIFY(str(ds, DCM_SeriesInstanceUID) != film.metadata.seriesInstanceUid);

        DSRDocument doc;
        QVERIFY(doc.read(ds).good());
        QVERIFY(doc.isValid());
        DSRDocumentTree& tree = doc.getTree();
        QVERIFY(tree.gotoRoot() > 0);
        OFString id, source;
        tree.getCurrentContentItem().getConceptName();
        QCOMPARE(std::string(tree.getCurrentContentItem().getConceptName().getCodeValue().c_str()), std::string("126000"));
        tree.getCurrentContentItem().getTemplateIdentification(id, source);
        QCOMPARE(std::string(id.c_str()), std::string("1500"));

        // Every node, depth first: the bone ages in months, the SCOORDs on the film.
        int boneAges = 0, polylines = 0, points = 0, personObservers = 0;
        bool ensembleFound = false;
        const double expected = std::round(*assessment.boneAgeMonths() * 10) / 10;
        if (tree.gotoRoot() > 0) do {
            DSRContentItem& item = tree.getCurrentContentItem();
            if (item.getValueType() == DSRTypes::VT_Num && item.getConceptName().getCodeValue() == "BAW-0001") {
                ++boneAges;
                QCOMPARE(std::string(item.getNumericValue().getMeasurementUnit().getCodeValue().c_str()), std::string("mo"));
                QCOMPARE(std::string(item.getNumericValue().getMeasurementUnit().getCodingSchemeDesignator().c_str()), std::string("UCUM"));
                if (std::abs(std::stod(item.getNumericValue().getNumericValue().c_str()) - expected) < 1e-6) ensembleFound = true;
            }
            if (item.getValueType() == DSRTypes::VT_SCoord) {
                const DSRSpatialCoordinatesValue* c = item.getSpatialCoordinatesPtr();
                QVERIFY(c);
                if (c->getGraphicType() == DSRTypes::GT_Polyline) ++polylines;
                if (c->getGraphicType() == DSRTypes::GT_Point) ++points;
            }
            if (item.getValueType() == DSRTypes::VT_PName) {
                ++personObservers;
                QCOMPARE(std::string(item.getStringValue().c_str()), std::string("Weiss^Anna"));
            }
        } while (tree.iterate());
        QCOMPARE(boneAges, int(assessment.models.size()) + 1 + 1);   // each model, the result, the reading
        QVERIFY(ensembleFound);
        QCOMPARE(polylines, 18);
        QCOMPARE(points, 21);
        QCOMPARE(personObservers, 1);

        // DCMTK's own dump reads it without complaint and shows the measurements.
        QProcess dump;
        dump.start(QStringLiteral("dsrdump"), {QString::fromStdString(path)});
        QVERIFY(dump.waitForFinished(60000));
        const QString out = QString::fromUtf8(dump.readAllStandardOutput()) + QString::fromUtf8(dump.readAllStandardError());
        QVERIFY2(dump.exitCode() == 0, qPrintable(out.left(2000)));
        QVERIFY2(out.contains(QStringLiteral("Imaging Measurement Report")) && out.contains(QStringLiteral("Bone age")) &&
                     out.contains(QStringLiteral("Image Library")) && !out.contains(QStringLiteral("Warning")) &&
                     !out.contains(QStringLiteral("Error")),
                 qPrintable(out.left(3000)));
    }

    void secondaryCaptureBurnsTheResultIn()
    {
        const BoneAgeReport r = report();
        const std::string path = dir.filePath("sc.dcm").toStdString();
        writeResultCapture(r, path);
        DcmFileFormat file;
        QVERIFY(file.loadFile(path.c_str()).good());
        DcmDataset& ds = *file.getDataset();
        QCOMPARE(str(ds, DCM_SOPClassUID), std::string(UID_SecondaryCaptureImageStorage));
        QCOMPARE(str(ds, DCM_SOPInstanceUID), r.resultUid("sc"));
        QCOMPARE(str(ds, DCM_StudyInstanceUID), film.metadata.studyInstanceUid);
        QCOMPARE(str(ds, DCM_PhotometricInterpretation), std::string("RGB"));
        QCOMPARE(str(ds, DCM_BurnedInAnnotation), std::string("YES"));
        DcmItem* source = nullptr;
        QVERIFY(ds.findAndGetSequenceItem(DCM_SourceImageSequence, source, 0).good());
        QCOMPARE(str(*source, DCM_ReferencedSOPInstanceUID), film.metadata.sopInstanceUid);
        Uint16 rows = 0, columns = 0;
        ds.findAndGetUint16(DCM_Rows, rows);
        ds.findAndGetUint16(DCM_Columns, columns);
        QCOMPARE(int(columns), film.width());   // the sample is under 2048 px: kept at its size
        QVERIFY(rows > film.height());          // the result band below the film
        const Uint8* pixels = nullptr;
        unsigned long count = 0;
        QVERIFY(ds.findAndGetUint8Array(DCM_PixelData, pixels, &count).good());
        const unsigned long expectedBytes = static_cast<unsigned long>(rows) * columns * 3;
        QVERIFY2(count == expectedBytes + (expectedBytes % 2), qPrintable(QString::number(count)));   // OB padded to even
        // The band holds text: white pixels below the film.
        int bright = 0;
        for (int y = film.height(); y < rows; ++y)
            for (int x = 0; x < columns; ++x) bright += pixels[(std::size_t(y) * columns + x) * 3] > 200;
        QVERIFY2(bright > 500, qPrintable(QString::number(bright)));
        // The ROI overlay is drawn over the film: coloured (not grey) pixels inside the film.
        int coloured = 0;
        for (int y = 0; y < film.height(); ++y)
            for (int x = 0; x < columns; ++x) {
                const Uint8* p = pixels + (std::size_t(y) * columns + x) * 3;
                coloured += std::abs(int(p[0]) - int(p[2])) > 80;
            }
        QVERIFY2(coloured > 1000, qPrintable(QString::number(coloured)));
    }

    void encapsulatedPdfHoldsThePdf()
    {
        const BoneAgeReport r = report();
        const QByteArray pdf = reportPdf(r);
        const std::string path = dir.filePath("pdf.dcm").toStdString();
        writeEncapsulatedPdf(r, pdf, path);
        DcmFileFormat file;
        QVERIFY(file.loadFile(path.c_str()).good());
        DcmDataset& ds = *file.getDataset();
        QCOMPARE(str(ds, DCM_SOPClassUID), std::string(UID_EncapsulatedPDFStorage));
        QCOMPARE(str(ds, DCM_MIMETypeOfEncapsulatedDocument), std::string("application/pdf"));
        QCOMPARE(str(ds, DCM_StudyInstanceUID), film.metadata.studyInstanceUid);
        Uint32 length = 0;
        QVERIFY(ds.findAndGetUint32(DCM_EncapsulatedDocumentLength, length).good());
        QCOMPARE(qsizetype(length), pdf.size());
        const Uint8* bytes = nullptr;
        unsigned long count = 0;
        QVERIFY(ds.findAndGetUint8Array(DCM_EncapsulatedDocument, bytes, &count).good());
        QCOMPARE(count % 2, 0ul);
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(bytes), qsizetype(length)), pdf);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeEncapsulatedPdf(r, QByteArray("not a pdf"), path));
        QVERIFY(file.loadFile(path.c_str()).good());   // the refused call left the earlier object whole
    }

    void uidsAreTheSameForTheSameResult()
    {
        const BoneAgeReport a = report({reading(3, "Weiss", 150.0, "2026-11-30T10:00:00")});
        const BoneAgeReport b = report({reading(3, "Weiss", 150.0, "2026-11-30T10:00:00")});
        const BoneAgeReport c = report({reading(5, "Weiss", 152.0, "2026-11-30T12:00:00")});
        QCOMPARE(a.resultUid("sr"), b.resultUid("sr"));
        QVERIFY(a.resultUid("sr") != c.resultUid("sr"));   // a new reading is a new report
        QVERIFY(a.resultUid("sr") != a.resultUid("sc"));
        QVERIFY(a.resultUid("sr").rfind("2.25.", 0) == 0);
        QVERIFY(a.resultUid("sr").size() <= 64);
        for (char ch : a.resultUid("sr").substr(5)) QVERIFY(ch >= '0' && ch <= '9');
    }

    void filmWithoutDicomGetsAStudyOfItsOwn()
    {
        const std::string png = BONEAGE_SOURCE_DIR "/resources/samples/sample-1417.png";
        LoadOptions o;
        o.sex = Sex::Male;
        const Radiograph r = loadRadiograph(png, o);
        const Assessment a = assess(r);
        QVERIFY(!a.withheld);
        const BoneAgeReport first = makeBoneAgeReport(png, r, a, {}, kAtlas);
        const BoneAgeReport again = makeBoneAgeReport(png, r, a, {}, kAtlas);
        QVERIFY(first.studyInstanceUid().rfind("2.25.", 0) == 0);
        QCOMPARE(first.studyInstanceUid(), again.studyInstanceUid());
        const std::string path = dir.filePath("png-sr.dcm").toStdString();
        writeStructuredReport(first, path);
        DcmFileFormat file;
        QVERIFY(file.loadFile(path.c_str()).good());
        DSRDocument doc;
        QVERIFY(doc.read(*file.getDataset()).good());
        QVERIFY(doc.isValid());
        QCOMPARE(str(*file.getDataset(), DCM_StudyInstanceUID), first.studyInstanceUid());
    }

    void damagedAtlasCostsThePlatesOnly()
    {
        QTemporaryDir broken;
        QFile manifest(broken.filePath(QStringLiteral("atlas.json")));
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write("{ not json");
        manifest.close();
        const BoneAgeReport r = makeBoneAgeReport(filmPath, film, assessment, {}, broken.path().toStdString());
        QVERIFY(r.plates.empty());
        QVERIFY2(r.atlasProblem.find("atlas.json") != std::string::npos, r.atlasProblem.c_str());
        const QString text = pdfText(reportPdf(r), dir);
        QVERIFY2(text.contains(QStringLiteral("No atlas plates")), qPrintable(text.right(400)));
    }

    void noBoneAgeNoReport()
    {
        Assessment withheld = assessment;
        withheld.withheld = true;
        withheld.models.clear();
        withheld.ensemble.reset();
        withheld.reviewFlags.push_back({"no_hand", "no hand was recognised in the film"});
        try {
            makeBoneAgeReport(filmPath, film, withheld, {}, kAtlas);
            QFAIL("a report without a bone age was made");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(QStringLiteral("no hand was recognised")), e.what());
        }
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
