// `boneage workspace train --what landmarks` (issue 16, the landmark branch) on a workspace of the
// bundled samples reframed ten ways (tests/workspace/ReframedSamples.h: 50 read cases, a check set
// of 30). The readers' keypoints are the samples' bundled expert annotations
// (resources/samples/keypoints.json), carried into each framing by its known geometry and saved as
// corrected; the mirrored framing is left as the model's unreviewed proposal, which must not count.
// No ../shared needed. Real jobs in real child processes, short budgets:
//  - too few corrected hands: refused with what to do, nothing recorded (no version, no check set);
//  - a job ends with a finished landmark version: lineage (hands, hash of their keypoints), the
//    package started from the base (started_from, frozen blocks), curves with the check-set error,
//    the check-set hands none of the training hands, not active;
//  - compare: the paired keypoint-error comparison with its interval; promote: a candidate that is
//    the model in use again is refused (exit 3), the job's version is promoted only when shown
//    better, else with --override (reason kept); one active version per kind;
//  - landmarks / assess --workspace name and use the active landmark version; rollback;
//  - a cancelled landmark job resumes from its checkpoint.
#include "BoneageCommand.h"
#include "../workspace/ReframedSamples.h"

#include "anatomy/HandKeypoints.h"
#include "workspace/ModelRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

namespace {

const QJsonObject json(const QByteArray& out)
{
    const int start = out.lastIndexOf("\n{\n");
    const QJsonDocument d = QJsonDocument::fromJson(start >= 0 ? out.mid(start + 1) : out);
    if (!d.isObject()) qWarning() << "not JSON:" << out.right(2000);
    return d.object();
}

CommandResult runLong(const QStringList& args)
{
    QProcess p;
    p.start(BONEAGE_EXE, args);
    if (!p.waitForFinished(600000)) return {-1, {}, "timeout"};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

// A point of the untouched film (w x h) in framing `variant` of ReframedSamples.h.
std::pair<double, double> reframedPoint(double x, double y, int w, int h, int variant)
{
    switch (variant) {
    case 1: return {h - y, x};             // quarter turn clockwise
    case 2: return {w - x, h - y};         // half turn
    case 3: return {y, w - x};             // quarter turn anticlockwise
    case 4: return {x - w / 10, y - h / 10};
    case 5: return {x - w / 20, y};
    case 6: return {x + w / 4, y + h / 4};
    case 8: return {w - x, y};             // mirror
    case 9: return {x * (w * 3 / 4) / double(w), y * (h * 3 / 4) / double(h)};
    default: return {x, y};               // as is, inverted
    }
}

} // namespace

class TestBoneageWorkspaceLandmarks : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    QString ws;
    const QString models = BONEAGE_SOURCE_DIR "/models";
    std::map<std::string, boneage::AnnotatedHand> expert;   // by RSNA id

    static CommandResult workspace(QStringList args)
    {
        args.prepend("workspace");
        return runBoneage(args);
    }
    const QJsonObject modelsJson() { return json(workspace({"models", ws, "--json"}).out); }
    const QJsonObject versionOf(int number)
    {
        for (const QJsonValue v : modelsJson()["versions"].toArray())
            if (v["version"].toInt() == number) return v.toObject();
        return {};
    }
    // Saves reader-a's keypoints of every case whose framing is in `variants`: corrected, except the
    // mirror (8), left as an unreviewed proposal.
    void annotate(const std::set<int>& variants)
    {
        auto w = boneage::Workspace::open(ws.toStdString(), boneage::Workspace::Access::ReadWrite);
        std::map<std::string, std::pair<int, int>> untouched;   // RSNA id -> film size of framing 0
        for (const auto& c : w->listCases()) {
            const QString name = QString::fromStdString(c.record.originalName).section('.', 0, 0);
            if (name.section('-', 1) == "0") untouched[name.section('-', 0, 0).toStdString()] = {c.record.width, c.record.height};
        }
        for (const auto& c : w->listCases()) {
            const QString name = QString::fromStdString(c.record.originalName).section('.', 0, 0);
            const std::string id = name.section('-', 0, 0).toStdString();
            const int variant = name.section('-', 1).toInt();
            if (!variants.count(variant)) continue;
            const boneage::AnnotatedHand& hand = expert.at(id);
            const auto [fw, fh] = untouched.at(id);
            boneage::HandKeypoints points = hand.points;
            for (auto& p : points) {
                std::tie(p.x, p.y) = reframedPoint(p.x * fw / hand.width, p.y * fh / hand.height, fw, fh, variant);
            }
            boneage::CaseAnnotation a = boneage::CaseAnnotation::fromProposal(c.record.id, "reader-a", points);
            if (variant != 8)
                for (auto& item : a.items)
                    if (item.kind == boneage::ItemKind::Keypoint && item.placed) item.state = boneage::ItemState::Corrected;
            w->saveAnnotation(a);
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        ws = tmp.filePath("ws");
        boneage::Workspace::init(ws.toStdString());
        {
            auto w = boneage::Workspace::open(ws.toStdString(), boneage::Workspace::Access::ReadWrite);
            QCOMPARE(boneage::test::importReframedSamples(*w, BONEAGE_SOURCE_DIR "/resources/samples",
                                                          tmp.filePath("reframed").toStdString()),
                     50);
        }
        for (const auto& h : boneage::readCocoHandKeypoints(BONEAGE_SOURCE_DIR "/resources/samples/keypoints.json"))
            expert[h.id.substr(std::string("sample-").size())] = h;
        QCOMPARE(expert.size(), size_t(5));
    }

    // 10 corrected hands (framings 0 and 1) and 5 proposals: too few on either side of the check set.
    void tooFewCorrectedHandsAreRefused()
    {
        annotate({0, 1, 8});
        const CommandResult r = workspace({"train", ws, "--base", models, "--what", "landmarks", "--minutes", "1"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("too few hands with keypoints a reader confirmed or corrected"), r.err.constData());
        QVERIFY2(r.err.contains("Nothing was recorded"), r.err.constData());
        const QJsonObject m = modelsJson();
        QCOMPARE(m["versions"].toArray().size(), 0);
        QCOMPARE(m["check_set"].toInt(), 0);   // not even the check set was drawn
        QVERIFY(!QDir(ws + "/jobs").exists() || QDir(ws + "/jobs").isEmpty());
    }

    // The refinement stage (installed beside the first stage since issue 18) is never the base: given
    // itself, it is refused with what to give; given the models folder, the first stage is chosen.
    void theRefinementStageIsNeverTheBase()
    {
        const CommandResult r = workspace({"train", ws, "--base", models + "/hand-landmarks-refine-256", "--what", "landmarks", "--minutes", "1"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("is the landmark refinement stage"), r.err.constData());
        QCOMPARE(modelsJson()["versions"].toArray().size(), 0);
    }

    void aLandmarkJobGivesAFinishedVersion()
    {
        annotate({2, 3, 4, 5, 6, 7, 9});   // 45 corrected hands; the 5 mirrored ones stay proposals
        const CommandResult r = runLong({"workspace", "train", ws, "--base", models, "--what", "landmarks", "--minutes", "1",
                                         "--epochs", "3", "--json"});
        QVERIFY2(r.status == 0, r.out.right(3000) + r.err);
        const QJsonObject summary = json(r.out);
        QCOMPARE(summary["version"].toInt(), 1);
        QCOMPARE(summary["state"].toString(), QString("done"));
        const QJsonObject v = versionOf(1);
        QCOMPARE(v["what"].toString(), QString("landmarks"));
        QVERIFY(!v["active"].toBool());
        QCOMPARE(modelsJson()["active"]["landmarks"].toString(), QString("installed"));
        QCOMPARE(v["base_sha256"].toString().size(), 64);
        QCOMPARE(v["data_hash"].toString().size(), 64);
        const QJsonObject lineage = v["metrics"]["lineage"].toObject();
        QCOMPARE(lineage["frozen"].toString(), QString("encoder.conv1,encoder.bn1,encoder.layer1"));

        auto w = boneage::Workspace::open(ws.toStdString(), boneage::Workspace::Access::ReadOnly);
        const auto check = boneage::ModelRegistry(*w).checkSet();
        QCOMPARE(check.size(), size_t(30));
        std::set<std::string> mirrored, training;
        for (const auto& c : w->listCases())
            if (QString::fromStdString(c.record.originalName).contains("-8.")) mirrored.insert(c.record.id);
        for (const QJsonValue id : lineage["training_case_ids"].toArray()) training.insert(id.toString().toStdString());
        // The training hands: the corrected read cases outside the check set, and only those.
        QCOMPARE(int(training.size()), v["training_cases"].toInt());
        int correctedOutside = 0;
        for (const auto& c : w->listCases())
            if (!mirrored.count(c.record.id) && std::find(check.begin(), check.end(), c.record.id) == check.end()) ++correctedOutside;
        QCOMPARE(int(training.size()), correctedOutside);
        for (const std::string& id : training) {
            QVERIFY(std::find(check.begin(), check.end(), id) == check.end());   // never a check-set hand
            QVERIFY(!mirrored.count(id));                                        // never an unreviewed proposal
        }
        for (const QJsonValue id : lineage["validation_case_ids"].toArray()) QVERIFY(training.count(id.toString().toStdString()));
        int checkHands = 0;
        for (const std::string& id : check) checkHands += mirrored.count(id) ? 0 : 1;
        QCOMPARE(lineage["check_set_hands"].toInt(), checkHands);
        // The job's files: the check-set hands are only in its check labels.
        for (const char* part : {"labels-train.csv", "labels-val.csv"}) {
            QFile f(ws + "/jobs/v1/" + part);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray text = f.readAll();
            for (const std::string& id : check) QVERIFY2(!text.contains(QByteArray::fromStdString(id)), part);
        }
        // Curves with the check-set keypoint error per epoch (for the eye only).
        const QJsonArray curve = v["curves"]["hand-landmarks-128px"].toArray();
        QVERIFY(!curve.isEmpty() && curve.size() <= 3);
        QVERIFY(curve.first()["check_error"].toDouble() > 0);
        QVERIFY(curve.first()["validation_error"].toDouble() > 0);
        // The package: started from the base (its weights' SHA-256), the encoder stem frozen.
        QFile card(ws + "/models/v1/hand-landmarks-128px/model.json");
        QVERIFY(card.open(QIODevice::ReadOnly));
        const QJsonObject c = QJsonDocument::fromJson(card.readAll()).object();
        QFile baseCard(models + "/hand-landmarks-128px/model.json");
        QVERIFY(baseCard.open(QIODevice::ReadOnly));
        const QJsonObject b = QJsonDocument::fromJson(baseCard.readAll()).object();
        QCOMPARE(c["started_from"]["id"].toString(), QString("hand-landmarks-128px"));
        QCOMPARE(c["started_from"]["weights_sha256"].toString(), b["weights"]["sha256"].toString());
        QVERIFY(c["training"]["frozen"].toArray().contains(QJsonValue("encoder.layer1")));
        QVERIFY(!QFile::exists(ws + "/models/v1/hand-landmarks-128px/checkpoint.pt"));
        // The installed refinement stage went with it, unchanged (its weights are the installed ones).
        QFile refineCard(ws + "/models/v1/hand-landmarks-refine-256/model.json"), installedRefine(models + "/hand-landmarks-refine-256/model.json");
        QVERIFY(refineCard.open(QIODevice::ReadOnly) && installedRefine.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(refineCard.readAll())["weights"]["sha256"].toString(),
                 QJsonDocument::fromJson(installedRefine.readAll())["weights"]["sha256"].toString());
    }

    void theGateComparesKeypointErrors()
    {
        // The model in use registered again as a candidate: identical errors, an interval of [0, 0],
        // not better: promote refuses (exit 3) and changes nothing.
        const CommandResult add = workspace({"models", ws, "--add", models + "/hand-landmarks-128px", "--what", "landmarks", "--json"});
        QCOMPARE(add.status, 0);
        QCOMPARE(json(add.out)["added"].toInt(), 2);
        const CommandResult same = workspace({"promote", ws, "2", "--models", models, "--json"});
        QVERIFY2(same.status == 3, same.err.constData());
        QVERIFY2(same.err.contains("not shown to be better than the landmark model in use"), same.err.constData());
        QCOMPARE(json(same.out)["difference"]["upper"].toDouble(), 0.0);
        QCOMPARE(modelsJson()["active"]["landmarks"].toString(), QString("installed"));

        const CommandResult compare = workspace({"compare", ws, "1", "--models", models, "--json"});
        QVERIFY2(compare.status == 0, compare.err.constData());
        const QJsonObject j = json(compare.out);
        qInfo("check set: installed %.4f, v1 %.4f, difference %+.4f [%+.4f, %+.4f]", j["active"]["mean_error"].toDouble(),
              j["candidate"]["mean_error"].toDouble(), j["difference"]["mean"].toDouble(), j["difference"]["lower"].toDouble(),
              j["difference"]["upper"].toDouble());
        QCOMPARE(j["what"].toString(), QString("landmarks"));
        QCOMPARE(j["active"]["version"].toString(), QString("installed"));
        QCOMPARE(j["candidate"]["version"].toInt(), 1);
        QCOMPARE(j["candidate"]["n"].toInt(), versionOf(1)["metrics"]["lineage"]["check_set_hands"].toInt());
        QVERIFY(j["active"]["mean_error"].toDouble() > 0 && j["candidate"]["mean_error"].toDouble() > 0);
        const QJsonObject d = j["difference"].toObject();
        QVERIFY(d["lower"].toDouble() <= d["mean"].toDouble() && d["mean"].toDouble() <= d["upper"].toDouble());
        QCOMPARE(j["promotable"].toBool(), d["upper"].toDouble() < 0);
        // The comparison stays with the version; models lists its keypoint error.
        QCOMPARE(versionOf(1)["metrics"]["candidate"]["mean_error"].toDouble(), j["candidate"]["mean_error"].toDouble());

        const CommandResult promote = workspace({"promote", ws, "1", "--models", models});
        if (j["promotable"].toBool()) {
            QVERIFY2(promote.status == 0, promote.err.constData());
        } else {
            QVERIFY2(promote.status == 3, promote.err.constData());
            QCOMPARE(modelsJson()["active"]["landmarks"].toString(), QString("installed"));
            QCOMPARE(workspace({"promote", ws, "1", "--models", models, "--override", "test: the readers prefer it"}).status, 0);
            QCOMPARE(modelsJson()["activations"].toArray().last()["reason"].toString(), QString("override: test: the readers prefer it"));
        }
        const QJsonObject m = modelsJson();
        QCOMPARE(m["active"]["landmarks"].toInt(), 1);
        QCOMPARE(m["active"]["bone-age"].toString(), QString("installed"));   // one active version per kind
        QVERIFY(versionOf(1)["active"].toBool());
    }

    void commandsUseTheActiveLandmarkVersion()
    {
        const QString film = QDir(ws + "/films").entryList(QDir::Files).first();
        const CommandResult l = runBoneage({"landmarks", ws + "/films/" + film, "--workspace", ws, "--models", models, "--json"});
        QVERIFY2(l.status == 0 || l.status == 3, l.err.constData());
        QCOMPARE(json(l.out)["model_version"].toInt(), 1);
        // The version's first stage, refined by the stage that came with it (when a hand was found).
        if (l.status == 0) QCOMPARE(json(l.out)["refinement_model"].toString(), QString("hand-landmarks-refine-256"));
        const CommandResult a = runBoneage({"assess", ws + "/films/" + film, "--workspace", ws, "--models", models, "--sex", "F",
                                            "--no-tta", "--force", "--json"});
        QVERIFY2(a.status == 0 || a.status == 3, a.err.constData());
        QCOMPARE(json(a.out)["model_versions"]["landmarks"].toInt(), 1);
        QCOMPARE(json(a.out)["model_versions"]["bone-age"].toString(), QString("installed"));
        const CommandResult none = runBoneage({"landmarks", ws + "/films/" + film, "--workspace", tmp.filePath("nothing"), "--models", models});
        QCOMPARE(none.status, 1);   // not a workspace: said with what to do
        QVERIFY2(none.err.contains("boneage workspace init"), none.err.constData());
    }

    void rollbackKnowsTheKind()
    {
        QCOMPARE(workspace({"rollback", ws, "installed", "--what", "landmarks"}).status, 0);
        QCOMPARE(modelsJson()["active"]["landmarks"].toString(), QString("installed"));
        QCOMPARE(workspace({"rollback", ws, "1", "--what", "bone-age"}).status, 2);   // version 1 is a landmark model
        QCOMPARE(workspace({"rollback", ws, "1"}).status, 0);                          // its kind from the version
        QCOMPARE(modelsJson()["active"]["landmarks"].toInt(), 1);
        QCOMPARE(modelsJson()["active"]["bone-age"].toString(), QString("installed"));
    }

    // A landmark job stopped after its first checkpoint is cancelled, resumable, and --resume
    // finishes it from that checkpoint.
    void aCancelledLandmarkJobResumes()
    {
        QProcess train;
        train.setProcessChannelMode(QProcess::MergedChannels);
        train.start(BONEAGE_EXE, {"workspace", "train", ws, "--base", models, "--what", "landmarks", "--minutes", "0.5", "--epochs", "40"});
        QVERIFY(train.waitForStarted());
        const QString checkpoint = ws + "/jobs/v3/out/hand-landmarks-128px/checkpoint.pt";
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(checkpoint), 300000);
        train.terminate();   // as Cancel does: the job stops after its step and keeps the checkpoint
        QVERIFY(train.waitForFinished(300000));
        QCOMPARE(train.exitCode(), 130);
        QCOMPARE(versionOf(3)["state"].toString(), QString("cancelled"));
        QVERIFY(QFile::exists(checkpoint));
        const CommandResult resumed = runLong({"workspace", "train", ws, "--resume", "3", "--json"});
        QVERIFY2(resumed.status == 0, resumed.out.right(2000) + resumed.err);
        QCOMPARE(versionOf(3)["state"].toString(), QString("done"));
        QVERIFY(QFile::exists(ws + "/models/v3/hand-landmarks-128px/model.json"));
        QCOMPARE(modelsJson()["active"]["landmarks"].toInt(), 1);   // a finished version is not active
    }
};

QTEST_GUILESS_MAIN(TestBoneageWorkspaceLandmarks)
#include "tst_boneage_workspace_landmarks.moc"
