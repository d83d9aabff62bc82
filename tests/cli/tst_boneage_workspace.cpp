// `boneage workspace` as scripts call it: every command, its JSON fields and exit status, the
// COCO / VOC round trip between two workspaces, and the refusals (lock, newer schema, bad values,
// outputs). Runs the real program on the bundled sample films.
#include "BoneageCommand.h"

#include "workspace/Workspace.h"

#include <sqlite3.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

const QString kSamples = BONEAGE_SOURCE_DIR "/resources/samples/";

QJsonObject json(const CommandResult& r)
{
    QJsonParseError error;
    const QJsonDocument d = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError) qWarning() << "not JSON:" << r.out << r.err;
    return d.object();
}

} // namespace

class TestBoneageWorkspace : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    QString ws, films, labels;

    QString path(const QString& name) const { return tmp.filePath(name); }
    CommandResult workspace(QStringList args)
    {
        args.prepend("workspace");
        return runBoneage(args);
    }

private slots:
    void initTestCase()
    {
        ws = path("ws");
        // A clinic's folder: the five sample films and a stray text file.
        films = path("incoming");
        QDir().mkpath(films + "/nested");
        for (const char* f : {"sample-1402.dcm", "sample-1491.dcm", "sample-1405.dcm", "sample-1855.dcm"})
            QVERIFY(QFile::copy(kSamples + f, films + "/" + f));
        QVERIFY(QFile::copy(kSamples + "sample-1417.png", films + "/nested/sample-1417.png"));
        writeTestFile(tmp, "incoming/readme.txt", "not a film\n");
        labels = writeTestFile(tmp, "labels.csv",
                               "id,boneage,male\nsample-1402,24,False\nsample-1491,48,True\nsample-1405,120,False\n"
                               "sample-1855,186,True\nsample-1417,162,True\nsample-9999,100,True\n");
    }

    void initAndImport()
    {
        CommandResult r = workspace({"init", ws});
        QCOMPARE(r.status, 0);
        r = workspace({"init", ws});
        QCOMPARE(r.status, 4);
        QVERIFY2(r.err.contains("already a workspace"), r.err);

        // Without labels the PNG has no sex: refused with the reason, the rest comes in.
        r = workspace({"import", ws, films, "--json"});
        QCOMPARE(r.status, 1);
        QJsonObject j = json(r);
        QCOMPARE(j["added"].toArray().size(), 4);
        QCOMPARE(j["refused"].toArray().size(), 2);
        QVERIFY(QJsonDocument(j["refused"].toArray()).toJson().contains("sex"));
        QVERIFY(QJsonDocument(j["refused"].toArray()).toJson().contains("readme.txt"));

        // With the site's labels: the PNG gets its sex, every label becomes a reading by RSNA.
        r = workspace({"import", ws, films, "--labels", labels, "--reader", "RSNA", "--json"});
        QCOMPARE(r.status, 1);   // readme.txt is still not a film
        j = json(r);
        QCOMPARE(j["added"].toArray().size(), 1);
        QCOMPARE(j["already_there"].toArray().size(), 4);
        QCOMPARE(j["readings_added"].toInt(), 5);
        QCOMPARE(j["labels_without_film"].toInt(), 1);
        // Again: nothing new.
        r = workspace({"import", ws, films + "/sample-1402.dcm", "--labels", labels, "--reader", "RSNA", "--json"});
        QCOMPARE(r.status, 0);
        QCOMPARE(json(r)["readings_added"].toInt(), 0);
        QVERIFY(workspace({"import", ws, films}).out.contains("already"));
    }

    void listShowsTheCases()
    {
        const CommandResult r = workspace({"list", ws, "--json"});
        QCOMPARE(r.status, 0);
        const QJsonObject j = json(r);
        QCOMPARE(j["count"].toInt(), 5);
        for (const auto& v : j["cases"].toArray()) {
            const QJsonObject c = v.toObject();
            QCOMPARE(c["status"].toString(), QString("read"));
            QCOMPARE(c["id"].toString().size(), 16);
            QVERIFY(QFile::exists(ws + "/" + c["film"].toString()));
            if (c["file"].toString() == "sample-1417.png") {
                QCOMPARE(c["sex"].toString(), QString("M"));
                QCOMPARE(c["sex_source"].toString(), QString("labels"));
                QCOMPARE(c["mean_reading_months"].toDouble(), 162.0);
            }
            if (c["file"].toString() == "sample-1402.dcm") QCOMPARE(c["chronological_age_months"].toDouble(), 26.4);
        }
        QCOMPARE(json(workspace({"list", ws, "--status", "new", "--json"}))["count"].toInt(), 0);
        const CommandResult text = workspace({"list", ws, "--sort", "age"});
        QVERIFY(text.out.contains("sample-1855.dcm"));
        QCOMPARE(workspace({"list", ws, "--status", "finished"}).status, 2);
    }

    void readRecordsAReading()
    {
        CommandResult r = workspace({"read", ws, "sample-1402", "--reader", "Dr B", "--bone-age-months", "30", "--method",
                                     "tw3", "--confidence", "high", "--comment", "carpals advanced", "--json"});
        QCOMPARE(r.status, 0);
        QCOMPARE(json(r)["method"].toString(), QString("tw3"));
        r = workspace({"read", ws, "sample-1402", "--reader", "Dr B", "--bone-age-months", "300"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("outside 0-240 months"), r.err);
        r = workspace({"read", ws, "no-such-case", "--reader", "Dr B", "--bone-age-months", "30"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("has no case"), r.err);
        r = workspace({"read", ws, "sample-1402", "--reader", "Dr B", "--bone-age-months", "30", "--method", "atlas"});
        QCOMPARE(r.status, 2);
        const QJsonArray cases = json(workspace({"list", ws, "--status", "double-read", "--json"}))["cases"].toArray();
        QCOMPARE(cases.size(), 1);
        QCOMPARE(cases[0].toObject()["mean_reading_months"].toDouble(), 27.0);
    }

    void statsCompareReaders()
    {
        const CommandResult r = workspace({"stats", ws, "--json"});
        QCOMPARE(r.status, 0);
        const QJsonObject j = json(r);
        const QJsonArray pairs = j["reader_vs_reader"].toArray();
        QCOMPARE(pairs.size(), 1);
        const QJsonObject p = pairs[0].toObject();
        QCOMPARE(p["reader_a"].toString(), QString("Dr B"));
        QCOMPARE(p["reader_b"].toString(), QString("RSNA"));
        QCOMPARE(p["n"].toInt(), 1);
        QCOMPARE(p["mae_months"].toDouble(), 6.0);
        QCOMPARE(p["bias_months"].toDouble(), 6.0);
        QCOMPARE(j["cases"].toInt(), 5);
    }

    void annotationsRoundTripThroughCocoAndVoc()
    {
        // The samples' expert keypoints come in as reader "Expert"; the ROIs follow as proposals.
        CommandResult r = workspace({"import", ws, kSamples + "keypoints.json", "--reader", "Expert", "--json"});
        QCOMPARE(r.status, 0);
        QCOMPARE(json(r)["annotations"].toObject()["films"].toInt(), 5);
        const QString out = path("export");
        r = workspace({"export", ws, "--coco", out + "-a.json", "--voc", out + "-voc", "--readings", out + "-readings.csv",
                       "--cache", out + "-cache", "--recipe", "whole-stretch-100", "--json"});
        QCOMPARE(r.status, 0);
        QCOMPARE(json(r)["cache"].toObject()["cases"].toInt(), 5);
        QVERIFY(QFile::exists(out + "-cache/cache.txt"));
        QCOMPARE(QDir(out + "-voc").entryList({"*.xml"}).size(), 5);
        QFile csv(out + "-readings.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), 1 + 6);
        // An existing output needs --overwrite; the workspace is never an output.
        QCOMPARE(workspace({"export", ws, "--coco", out + "-a.json"}).status, 1);
        QCOMPARE(workspace({"export", ws, "--coco", out + "-a.json", "--overwrite"}).status, 0);
        QVERIFY(workspace({"export", ws, "--readings", ws + "/r.csv"}).status != 0);

        // A second workspace with the same films takes both files back and exports the same.
        const QString ws2 = path("ws2");
        QCOMPARE(workspace({"init", ws2}).status, 0);
        QCOMPARE(workspace({"import", ws2, films + "/nested", films + "/sample-1402.dcm", films + "/sample-1491.dcm",
                            films + "/sample-1405.dcm", films + "/sample-1855.dcm", "--sex", "M"}).status, 0);
        r = workspace({"import", ws2, out + "-a.json", out + "-voc", "--json"});
        QCOMPARE(r.status, 0);
        QCOMPARE(json(r)["annotations"].toObject()["films"].toInt(), 10);
        QCOMPARE(workspace({"export", ws2, "--coco", out + "-b.json", "--voc", out + "-voc2"}).status, 0);
        auto read = [](const QString& f) {
            QFile file(f);
            file.open(QIODevice::ReadOnly);
            return QJsonDocument::fromJson(file.readAll()).object();
        };
        // The same annotations of the same images (the order follows the import order, the ids that).
        auto byImage = [&](const QString& f) {
            QMap<QString, QJsonObject> out;
            for (const auto& v : read(f)["annotations"].toArray()) {
                QJsonObject a = v.toObject();
                a.remove("id");
                out[a["image_id"].toString()] = a;
            }
            for (const auto& v : read(f)["images"].toArray()) out["image " + v.toObject()["id"].toString()] = v.toObject();
            return out;
        };
        const auto exported = byImage(out + "-a.json"), again = byImage(out + "-b.json");
        QCOMPARE(exported.size(), 10);
        QCOMPARE(again, exported);
        for (const QString& name : QDir(out + "-voc").entryList({"*.xml"})) {
            QFile a(out + "-voc/" + name), b(out + "-voc2/" + name);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QCOMPARE(b.readAll(), a.readAll());
        }
    }

    void workspaceThatCannotBeUsed()
    {
        // Open for writing in this process: a second writer is refused, readers are not.
        {
            auto holder = boneage::Workspace::open(ws.toStdString(), boneage::Workspace::Access::ReadWrite);
            const CommandResult r = workspace({"read", ws, "sample-1491", "--reader", "Dr C", "--bone-age-months", "50"});
            QCOMPARE(r.status, 4);
            QVERIFY2(r.err.contains("open in another program"), r.err);
            QCOMPARE(workspace({"list", ws}).status, 0);
        }
        QCOMPARE(workspace({"list", path("incoming")}).status, 4);
        // A workspace from a newer program.
        const QString newer = path("newer");
        QCOMPARE(workspace({"init", newer}).status, 0);
        sqlite3* db = nullptr;
        sqlite3_open((newer + "/workspace.sqlite").toUtf8().constData(), &db);
        sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        const CommandResult r = workspace({"import", newer, films + "/sample-1402.dcm"});
        QCOMPARE(r.status, 4);
        QVERIFY2(r.err.contains("newer version"), r.err);
    }
};

QTEST_GUILESS_MAIN(TestBoneageWorkspace)
#include "tst_boneage_workspace.moc"
