// The workspace core on real SQLite and real films (bundled samples and DICOM written here): cases
// keyed by content and SOP Instance UID, refusals that leave the workspace as it was, readings,
// annotations item by item, the lock, the schema version and damaged databases.
#include "DicomFactory.h"

#include "WorkspaceTestSupport.h"

#include "workspace/AnnotationFormats.h"
#include "workspace/ReaderAgreement.h"
#include "workspace/Workspace.h"

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace boneage;
using boneage::test::expectWorkspaceError;
using Reason = WorkspaceError::Reason;
namespace fs = std::filesystem;

namespace {

const std::string kSamples = BONEAGE_SOURCE_DIR "/resources/samples/";

void setUserVersion(const std::string& database, int version)
{
    sqlite3* db = nullptr;
    sqlite3_open(database.c_str(), &db);
    sqlite3_exec(db, ("PRAGMA user_version=" + std::to_string(version)).c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

int countRows(const std::string& database, const std::string& table)
{
    sqlite3* db = nullptr;
    sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, ("SELECT COUNT(*) FROM " + table).c_str(), -1, &q, nullptr);
    const int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    int counter = 0;
    std::string fresh()
    {
        const std::string dir = tmp.filePath(QString("ws%1").arg(++counter)).toStdString();
        Workspace::init(dir);
        return dir;
    }
    std::string file(const char* name) const { return tmp.filePath(name).toStdString(); }

private slots:
    void initRefusesAFolderThatHoldsSomething()
    {
        const std::string dir = fresh();
        QCOMPARE(expectWorkspaceError([&] { Workspace::init(dir); }).reason(), Reason::Exists);
        QDir().mkpath(tmp.filePath("busy"));
        QFile f(tmp.filePath("busy/report.pdf"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QCOMPARE(expectWorkspaceError([&] { Workspace::init(file("busy")); }).reason(), Reason::Exists);
        QVERIFY(QFile::exists(tmp.filePath("busy/report.pdf")));
        QCOMPARE(expectWorkspaceError([&] { Workspace::open(file("nowhere"), Workspace::Access::ReadOnly); }).reason(),
                 Reason::NotAWorkspace);
    }

    void sameFilmTwiceIsOneCase()
    {
        auto ws = Workspace::open(fresh(), Workspace::Access::ReadWrite);
        const ImportOutcome first = ws->importFilm(kSamples + "sample-1402.dcm");
        QCOMPARE(int(first.kind), int(ImportOutcome::Kind::Added));
        QCOMPARE(first.caseId.size(), size_t(16));
        // A copy under another name: the same bytes.
        fs::copy_file(kSamples + "sample-1402.dcm", file("copy.dcm"), fs::copy_options::overwrite_existing);
        const ImportOutcome again = ws->importFilm(file("copy.dcm"));
        QCOMPARE(int(again.kind), int(ImportOutcome::Kind::AlreadyThere));
        QCOMPARE(again.caseId, first.caseId);
        QCOMPARE(ws->listCases().size(), size_t(1));
        QVERIFY(fs::exists(ws->filmPath(*ws->findCase(first.caseId))));
        const CaseRecord c = *ws->findCase(first.caseId);
        QCOMPARE(c.sex, Sex::Female);
        QVERIFY(c.ageMonths.has_value());
        QCOMPARE(c.sexSource, std::string("film"));
    }

    void sameSopInstanceUidIsOneCase()
    {
        // A film sent again from the PACS with another transfer syntax: other bytes, same UID.
        auto ws = Workspace::open(fresh(), Workspace::Access::ReadWrite);
        test::DicomSpec s;
        s.sopInstance = "1.2.826.0.1.3680043.2.1143.4242.1";
        test::writeDicom(s, file("explicit.dcm"));
        s.transferSyntax = "1.2.840.10008.1.2";   // implicit little endian
        test::writeDicom(s, file("implicit.dcm"));
        QVERIFY(fs::file_size(file("explicit.dcm")) != fs::file_size(file("implicit.dcm")) ||
                QFile(QString::fromStdString(file("explicit.dcm"))).readAll() != QFile(QString::fromStdString(file("implicit.dcm"))).readAll());
        const ImportOutcome a = ws->importFilm(file("explicit.dcm"));
        const ImportOutcome b = ws->importFilm(file("implicit.dcm"));
        QCOMPARE(int(a.kind), int(ImportOutcome::Kind::Added));
        QCOMPARE(int(b.kind), int(ImportOutcome::Kind::AlreadyThere));
        QCOMPARE(b.caseId, a.caseId);
        QVERIFY(QString::fromStdString(b.message).contains("SOP Instance UID"));
        s.sopInstance.clear();   // a new UID: another film
        test::writeDicom(s, file("other.dcm"));
        QCOMPARE(int(ws->importFilm(file("other.dcm")).kind), int(ImportOutcome::Kind::Added));
    }

    void refusedInputLeavesTheWorkspaceAsItWas()
    {
        const std::string dir = fresh();
        auto ws = Workspace::open(dir, Workspace::Access::ReadWrite);
        ws->importFilm(kSamples + "sample-1405.dcm");
        ws.reset();
        const std::string database = workspaceDatabasePath(dir);
        auto before = fs::directory_iterator(fs::path(dir) / "films");
        const int filmsBefore = static_cast<int>(std::distance(before, fs::directory_iterator()));
        ws = Workspace::open(dir, Workspace::Access::ReadWrite);

        // Not a radiograph; a PNG without sex; a CT image; a cut DICOM.
        QFile text(QString::fromStdString(file("notes.dcm")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("this is not a film\n");
        text.close();
        const ImportOutcome notFilm = ws->importFilm(file("notes.dcm"));
        QCOMPARE(int(notFilm.kind), int(ImportOutcome::Kind::Refused));
        QVERIFY2(QString::fromStdString(notFilm.message).contains("not a DICOM"), notFilm.message.c_str());

        const ImportOutcome noSex = ws->importFilm(kSamples + "sample-1417.png");
        QCOMPARE(int(noSex.kind), int(ImportOutcome::Kind::Refused));
        QVERIFY2(QString::fromStdString(noSex.message).contains("sex"), noSex.message.c_str());

        test::DicomSpec ct;
        ct.modality = "CT";
        ct.sopClass = "1.2.840.10008.5.1.4.1.1.2";
        test::writeDicom(ct, file("ct.dcm"));
        const ImportOutcome wrongModality = ws->importFilm(file("ct.dcm"));
        QCOMPARE(int(wrongModality.kind), int(ImportOutcome::Kind::Refused));

        fs::copy_file(kSamples + "sample-1402.dcm", file("cut.dcm"), fs::copy_options::overwrite_existing);
        fs::resize_file(file("cut.dcm"), fs::file_size(file("cut.dcm")) / 2);
        QCOMPARE(int(ws->importFilm(file("cut.dcm")).kind), int(ImportOutcome::Kind::Refused));

        QCOMPARE(ws->listCases().size(), size_t(1));
        auto after = fs::directory_iterator(fs::path(dir) / "films");
        QCOMPARE(static_cast<int>(std::distance(after, fs::directory_iterator())), filmsBefore);

        // With the sex given, the PNG comes in, and says where its sex came from.
        ImportOptions options;
        options.sex = Sex::Male;
        options.sexSource = "labels";
        options.labelBoneAgeMonths = 150;
        options.labelReader = "RSNA";
        const ImportOutcome png = ws->importFilm(kSamples + "sample-1417.png", options);
        QCOMPARE(int(png.kind), int(ImportOutcome::Kind::Added));
        QVERIFY(png.readingAdded);
        QCOMPARE(ws->findCase(png.caseId)->sexSource, std::string("labels"));
        QCOMPARE(ws->readings(png.caseId).size(), size_t(1));
        // Importing the labels again adds no second reading.
        QVERIFY(!ws->importFilm(kSamples + "sample-1417.png", options).readingAdded);
        QCOMPARE(ws->readings(png.caseId).size(), size_t(1));
    }

    void readingsAreCheckedAndStatusFollows()
    {
        auto ws = Workspace::open(fresh(), Workspace::Access::ReadWrite);
        const std::string id = ws->importFilm(kSamples + "sample-1855.dcm").caseId;
        QCOMPARE(ws->listCases().front().status, CaseStatus::New);
        Reading r;
        r.caseId = id;
        r.reader = "Dr A";
        r.boneAgeMonths = 15.5 * 12;   // years typed as months: fine
        ws->addReading(r);
        QCOMPARE(ws->listCases().front().status, CaseStatus::Read);
        r.boneAgeMonths = 300;
        QCOMPARE(expectWorkspaceError([&] { ws->addReading(r); }).reason(), Reason::InvalidValue);
        r.boneAgeMonths = 180;
        r.reader = "  ";
        QCOMPARE(expectWorkspaceError([&] { ws->addReading(r); }).reason(), Reason::InvalidValue);
        r.reader = "Dr B";
        r.caseId = "0000000000000000";
        QCOMPARE(expectWorkspaceError([&] { ws->addReading(r); }).reason(), Reason::UnknownCase);
        r.caseId = id;
        r.method = ReadingMethod::Tw3;
        r.confidence = "high";
        ws->addReading(r);
        const CaseSummary s = ws->listCases().front();
        QCOMPARE(s.status, CaseStatus::DoubleRead);
        QCOMPARE(s.readerCount, 2);
        QCOMPARE(*s.meanReadingMonths, (186.0 + 180.0) / 2);

        StoredAssessment a;
        a.caseId = id;
        a.packageId = "model-x";
        a.packageSha256 = "ab";
        a.boneAgeMonths = 183;
        a.resultJson = "{}";
        ws->addAssessment(a);
        const ReaderAgreement g = readerAgreement(*ws);
        QCOMPARE(g.readerVsReader.size(), size_t(1));
        QCOMPARE(g.readerVsReader[0].n, 1);
        QCOMPARE(g.readerVsReader[0].biasMonths, 6.0);   // Dr A - Dr B
        QCOMPARE(g.readerVsModel.size(), size_t(2));
        QCOMPARE(g.readerVsModel[0].maeMonths, 3.0);     // |186 - 183|
    }

    void annotationIsStoredItemByItem()
    {
        const std::string dir = fresh();
        std::string id;
        {
            auto ws = Workspace::open(dir, Workspace::Access::ReadWrite);
            id = ws->importFilm(kSamples + "sample-1491.dcm").caseId;
            HandKeypoints points{};
            for (int i = 0; i < kHandKeypointCount; ++i) points[i] = {100.0 + 10 * i, 400.0 - 15 * i, 0.9, true};
            CaseAnnotation proposal = CaseAnnotation::fromProposal(id, "Dr A", points);
            QVERIFY(proposal.rois().size() > 0);
            ws->saveAnnotation(proposal);
            QCOMPARE(ws->listCases().front().status, CaseStatus::New);   // proposed only: not annotated yet

            AnnotationItem moved = *proposal.find(ItemKind::Keypoint, "thumb4");
            moved.x += 12.25;
            moved.state = ItemState::Corrected;
            ws->saveItem(id, "Dr A", moved);
            AnnotationItem staged = *proposal.find(ItemKind::Roi, "Radius");
            staged.stage = 'F';
            staged.state = ItemState::Confirmed;
            staged.locked = true;
            ws->saveItem(id, "Dr A", staged);
            AnnotationItem cleared = *proposal.find(ItemKind::Keypoint, "pinky_finger4");
            cleared.placed = false;
            cleared.state = ItemState::Proposed;
            ws->saveItem(id, "Dr A", cleared);
            // Another reader's annotation is their own.
            ws->saveItem(id, "Dr B", moved);
            staged.stage = 'Z';
            QCOMPARE(expectWorkspaceError([&] { ws->saveItem(id, "Dr A", staged); }).reason(), Reason::InvalidValue);
        }
        auto ws = Workspace::open(dir, Workspace::Access::ReadOnly);   // reopened: everything is there
        const CaseAnnotation a = ws->annotation(id, "Dr A");
        QCOMPARE(a.items.size(), size_t(kHandKeypointCount + 18));
        QCOMPARE(a.find(ItemKind::Keypoint, "thumb4")->x, 100.0 + 10 * 4 + 12.25);
        QCOMPARE(a.find(ItemKind::Keypoint, "thumb4")->state, ItemState::Corrected);
        QCOMPARE(a.find(ItemKind::Roi, "Radius")->stage, 'F');
        QVERIFY(a.find(ItemKind::Roi, "Radius")->locked);
        QVERIFY(!a.find(ItemKind::Keypoint, "pinky_finger4")->placed);
        QVERIFY(a.find(ItemKind::Keypoint, "wrist")->placed);
        QCOMPARE(ws->annotators(id), (std::vector<std::string>{"Dr A", "Dr B"}));
        const CaseAnnotation b = ws->annotation(id, "Dr B");
        QVERIFY(!b.find(ItemKind::Keypoint, "wrist")->placed);
        QCOMPARE(ws->listCases().front().status, CaseStatus::Annotated);
        QVERIFY(a.isReviewed());
        // A new model proposal keeps what the reader reviewed or locked.
        HandKeypoints other{};
        for (int i = 0; i < kHandKeypointCount; ++i) other[i] = {50.0, 50.0 + i, 0.9, true};
        const CaseAnnotation again = CaseAnnotation::fromProposal(id, "Dr A", other, &a);
        QCOMPARE(again.find(ItemKind::Keypoint, "thumb4")->x, 100.0 + 10 * 4 + 12.25);
        QCOMPARE(again.find(ItemKind::Keypoint, "wrist")->x, 50.0);
        QCOMPARE(again.find(ItemKind::Roi, "Radius")->stage, 'F');
    }

    void aSecondWriterIsRefused()
    {
        const std::string dir = fresh();
        auto first = Workspace::open(dir, Workspace::Access::ReadWrite);
        const WorkspaceError e = expectWorkspaceError([&] { Workspace::open(dir, Workspace::Access::ReadWrite); });
        QCOMPARE(e.reason(), Reason::Locked);
        QVERIFY2(QString(e.what()).contains("open in another program"), e.what());
        QVERIFY2(QString(e.what()).contains(QString::number(QCoreApplication::applicationPid())), e.what());
        // Readers need no lock, and see what the writer committed.
        first->importFilm(kSamples + "sample-1402.dcm");
        QCOMPARE(Workspace::open(dir, Workspace::Access::ReadOnly)->listCases().size(), size_t(1));
        first.reset();
        QVERIFY(Workspace::open(dir, Workspace::Access::ReadWrite) != nullptr);
    }

    void newerSchemaIsRefusedAndOlderIsMigrated()
    {
        const std::string dir = fresh();
        setUserVersion(workspaceDatabasePath(dir), kWorkspaceSchemaVersion + 1);
        for (auto access : {Workspace::Access::ReadOnly, Workspace::Access::ReadWrite}) {
            const WorkspaceError e = expectWorkspaceError([&] { Workspace::open(dir, access); });
            QCOMPARE(e.reason(), Reason::NewerSchema);
            QVERIFY2(QString(e.what()).contains("newer version"), e.what());
        }
        // An empty database (a kill during init) is completed by the next writer.
        const std::string empty = tmp.filePath("empty-ws").toStdString();
        fs::create_directories(empty);
        { QFile f(QString::fromStdString(workspaceDatabasePath(empty))); QVERIFY(f.open(QIODevice::WriteOnly)); }
        QCOMPARE(expectWorkspaceError([&] { Workspace::open(empty, Workspace::Access::ReadOnly); }).reason(), Reason::NewerSchema);
        auto ws = Workspace::open(empty, Workspace::Access::ReadWrite);
        QCOMPARE(ws->listCases().size(), size_t(0));
    }

    void damagedDatabaseIsUnreadable()
    {
        const std::string dir = fresh();
        QFile db(QString::fromStdString(workspaceDatabasePath(dir)));
        QVERIFY(db.open(QIODevice::WriteOnly | QIODevice::Truncate));
        db.write(QByteArray(8192, 'x'));
        db.close();
        for (const char* wal : {"-wal", "-shm"}) fs::remove(workspaceDatabasePath(dir) + wal);
        for (auto access : {Workspace::Access::ReadOnly, Workspace::Access::ReadWrite}) {
            const WorkspaceError e = expectWorkspaceError([&] { Workspace::open(dir, access); });
            QCOMPARE(e.reason(), Reason::Unreadable);
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(dir)), e.what());
        }
        QCOMPARE(db.size(), qint64(8192));   // left as it was, for whoever repairs it
    }

    void leftoversOfAKilledImportAreCleared()
    {
        const std::string dir = fresh();
        auto ws = Workspace::open(dir, Workspace::Access::ReadWrite);
        const std::string id = ws->importFilm(kSamples + "sample-1402.dcm").caseId;
        ws.reset();
        // What a kill -9 between the copy and the commit leaves: a temporary and an unreferenced film.
        const fs::path films = fs::path(dir) / "films";
        fs::copy_file(kSamples + "sample-1405.dcm", films / ".0123456789abcdef.dcm.tmp-99999-x");
        fs::copy_file(kSamples + "sample-1405.dcm", films / "0123456789abcdef.dcm");
        ws = Workspace::open(dir, Workspace::Access::ReadWrite);
        QVERIFY(!fs::exists(films / ".0123456789abcdef.dcm.tmp-99999-x"));
        QVERIFY(!fs::exists(films / "0123456789abcdef.dcm"));
        QVERIFY(fs::exists(ws->filmPath(*ws->findCase(id))));
        QCOMPARE(countRows(workspaceDatabasePath(dir), "cases"), 1);
    }

    void annotationFormatsRoundTrip()
    {
        HandKeypoints points{};
        for (int i = 0; i < kHandKeypointCount; ++i) points[i] = {300.0 + 7 * i, 900.0 - 31 * i, 0.9, true};
        AnnotatedFilm f;
        f.caseId = "00ff00ff00ff00ff";
        f.fileName = f.caseId + ".dcm";
        f.width = 1000, f.height = 1200;
        f.annotation = CaseAnnotation::fromProposal("", "Dr <A> & co", points);
        f.annotation.find(ItemKind::Roi, "MP3")->stage = 'G';
        f.annotation.find(ItemKind::Roi, "MP3")->state = ItemState::Corrected;
        f.annotation.find(ItemKind::Keypoint, "thumb2")->state = ItemState::Skipped;
        QFile coco(tmp.filePath("a.json")), voc(tmp.filePath("a.xml"));
        QVERIFY(coco.open(QIODevice::WriteOnly) && voc.open(QIODevice::WriteOnly));
        coco.write(QByteArray::fromStdString(cocoKeypointsText({f})));
        voc.write(QByteArray::fromStdString(vocText(f)));
        coco.close(), voc.close();
        const auto fromCoco = readCocoKeypoints(coco.fileName().toStdString(), "");
        QCOMPARE(fromCoco.size(), size_t(1));
        QCOMPARE(fromCoco[0].annotation.reader, f.annotation.reader);
        int ignored = -1;
        const AnnotatedFilm fromVoc = readVoc(voc.fileName().toStdString(), "", &ignored);
        QCOMPARE(ignored, 0);
        QCOMPARE(fromVoc.width, 1000);
        for (const AnnotationItem& item : f.annotation.items) {
            const AnnotatedFilm& back = item.kind == ItemKind::Keypoint ? fromCoco[0] : fromVoc;
            const AnnotationItem* b = back.annotation.find(item.kind, item.name);
            QVERIFY(b);
            if (item.kind == ItemKind::Keypoint && item.state == ItemState::Skipped) {
                QVERIFY(!b->placed);   // COCO has no "skipped": an invisible point
                continue;
            }
            QCOMPARE(b->placed, item.placed);
            QCOMPARE(b->x, item.x);
            QCOMPARE(b->y, item.y);
            QCOMPARE(b->w, item.w);
            QCOMPARE(b->state, item.state);
            QCOMPARE(b->stage, item.stage);
        }
        // The shared data's VOC classes (DIP, PIP, ...) are not TW3 ROIs: counted, not taken.
        const QString shared = BONEAGE_SHARED_DATA "/annotations/ossification-rois/train/4200.xml";
        if (QFile::exists(shared)) {
            const AnnotatedFilm s = readVoc(shared.toStdString(), "expert", &ignored);
            QCOMPARE(ignored, 15);   // of its 17 boxes only Radius and Ulna are TW3 ROIs
            QVERIFY(s.annotation.find(ItemKind::Roi, "Radius")->placed);
            QCOMPARE(s.annotation.find(ItemKind::Roi, "Radius")->x, 358.0);
            QCOMPARE(s.width, 880);
        }
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
