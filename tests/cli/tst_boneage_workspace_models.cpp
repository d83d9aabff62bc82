// `boneage workspace models | compare | promote | rollback` on a workspace of 60 real RSNA films
// read by "RSNA" (../shared/data/rsna/train-1024; the test fails without it). The candidate is the
// installed model itself, registered as a version: its check-set errors equal the active model's,
// so the interval is [0, 0] and promotion must be refused without --override (a known answer).
#include "BoneageCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {
QJsonObject json(const CommandResult& r)
{
    const QJsonDocument d = QJsonDocument::fromJson(r.out);
    if (!d.isObject()) qWarning() << "not JSON:" << r.out << r.err;
    return d.object();
}
} // namespace

class TestBoneageWorkspaceModels : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    QString ws;

    CommandResult workspace(QStringList args)
    {
        args.prepend("workspace");
        return runBoneage(args);
    }

private slots:
    void initTestCase()
    {
        const QString films = BONEAGE_SHARED_DATA "/rsna/train-1024";
        QVERIFY2(QFile::exists(films + ".csv"), "this test needs ../shared/data/rsna/train-1024 (see its README)");
        QFile all(films + ".csv");
        QVERIFY(all.open(QIODevice::ReadOnly));
        QByteArray labels = all.readLine();
        QStringList inputs;
        for (int i = 0; i < 60; ++i) {
            const QByteArray line = all.readLine();
            labels += line;
            inputs << films + "/" + QString::fromUtf8(line.split(',').front()) + ".jpg";
        }
        const QString csv = writeTestFile(tmp, "labels.csv", labels);
        ws = tmp.filePath("ws");
        QCOMPARE(workspace({"init", ws}).status, 0);
        const CommandResult r = workspace(QStringList{"import", ws} + inputs + QStringList{"--labels", csv, "--reader", "RSNA", "--json"});
        QCOMPARE(r.status, 0);
        QCOMPARE(json(r)["added"].toArray().size(), 60);
    }

    void registerCompareAndRefuse()
    {
        QJsonObject models = json(workspace({"models", ws, "--json"}));
        QCOMPARE(models["versions"].toArray().size(), 0);
        QCOMPARE(models["active"].toObject()["bone-age"].toString(), QString("installed"));

        const QString shipped = BONEAGE_SOURCE_DIR "/models/";
        CommandResult r = workspace({"models", ws, "--add", shipped + "2mnet-compact-w50-female", "--add",
                                     shipped + "2mnet-compact-w50-male", "--base", "installed", "--json"});
        QCOMPARE(r.status, 0);
        QCOMPARE(json(r)["added"].toInt(), 1);
        QVERIFY(QFile::exists(ws + "/models/v1/2mnet-compact-w50-male/weights.pt"));

        r = workspace({"compare", ws, "1", "--json"});
        QVERIFY2(r.status == 0, r.err);
        const QJsonObject c = json(r);
        const int n = c["active"].toObject()["n"].toInt();
        QVERIFY2(n >= 25, qPrintable(QString::number(n)));   // of the 30 check-set films
        QCOMPARE(c["candidate"].toObject()["n"].toInt(), n);
        QCOMPARE(c["candidate"].toObject()["mae"].toDouble(), c["active"].toObject()["mae"].toDouble());
        QCOMPARE(c["difference"].toObject()["mean"].toDouble(), 0.0);
        QCOMPARE(c["difference"].toObject()["upper"].toDouble(), 0.0);
        QVERIFY(!c["promotable"].toBool());
        QCOMPARE(json(workspace({"models", ws, "--json"}))["check_set"].toInt(), 30);

        r = workspace({"promote", ws, "1"});
        QCOMPARE(r.status, 3);
        QVERIFY2(r.err.contains("not shown to be better"), r.err);
        QCOMPARE(json(workspace({"models", ws, "--json"}))["active"].toObject()["bone-age"].toString(), QString("installed"));
    }

    void overrideThenRollback()
    {
        CommandResult r = workspace({"promote", ws, "v1", "--override", "same weights, registered for the test"});
        QCOMPARE(r.status, 0);
        QJsonObject models = json(workspace({"models", ws, "--json"}));
        QCOMPARE(models["active"].toObject()["bone-age"].toInt(), 1);
        QVERIFY(models["versions"].toArray()[0].toObject()["active"].toBool());
        QCOMPARE(models["activations"].toArray().last().toObject()["reason"].toString(),
                 QString("override: same weights, registered for the test"));
        // Assessments name the version that made them.
        r = workspace({"assess", ws, "--json"});
        QCOMPARE(r.status, 0);
        QCOMPARE(workspace({"rollback", ws, "installed"}).status, 0);
        models = json(workspace({"models", ws, "--json"}));
        QCOMPARE(models["active"].toObject()["bone-age"].toString(), QString("installed"));
        QCOMPARE(models["activations"].toArray().size(), 2);
    }

    void wrongInputs()
    {
        CommandResult r = workspace({"promote", ws, "99"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("no model version 99"), r.err);
        QCOMPARE(workspace({"rollback", ws, "latest"}).status, 2);
        QCOMPARE(workspace({"compare", ws, "installed"}).status, 2);
        QCOMPARE(workspace({"promote", ws, "1", "--override", "  "}).status, 2);
        r = workspace({"models", ws, "--add", tmp.filePath("no-such-package")});
        QCOMPARE(r.status, 1);
        QCOMPARE(json(workspace({"models", ws, "--json"}))["versions"].toArray().size(), 1);
        r = workspace({"models", ws, "--grow-check-set", "--add", tmp.filePath("no-such-package")});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains("separate steps"), r.err);
    }
};

QTEST_GUILESS_MAIN(TestBoneageWorkspaceModels)
#include "tst_boneage_workspace_models.moc"
