// Packages kept loaded between assessments (issue 18, core/inference/LoadedPackages): the second
// request for an unchanged package is served without loading; a package whose files change, or whose
// folder gains a refinement stage, is loaded again; the test-time augmentation mode is kept apart.
// Copies of the shipped packages in a temporary models folder.
#include "inference/LoadedPackages.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace boneage;
namespace fs = std::filesystem;

namespace {
const std::string kModels = BONEAGE_SOURCE_DIR "/models";

void copyPackage(const std::string& from, const std::string& to)
{
    fs::remove_all(to);
    fs::copy(from, to, fs::copy_options::recursive);
}
} // namespace

class TestLoadedPackages : public QObject {
    Q_OBJECT

private slots:
    void init() { LoadedPackages::clear(); }

    void unchangedPackageIsNotLoadedAgain()
    {
        QTemporaryDir dir;
        const std::string pkg = dir.filePath("bone-age").toStdString();
        copyPackage(kModels + "/2mnet-compact-w50-male", pkg);
        double first = 0, second = 0;
        const InstalledModel a = LoadedPackages::model(pkg, TestTimeAugmentation::FlipsAndShifts, &first);
        const InstalledModel b = LoadedPackages::model(pkg, TestTimeAugmentation::FlipsAndShifts, &second);
        QCOMPARE(b.card().id, a.card().id);
        QVERIFY2(second < 5 && second < first / 4, qPrintable(QString("first %1 ms, second %2 ms").arg(first).arg(second)));
        QCOMPARE(b.testTimeAugmentation(), TestTimeAugmentation::FlipsAndShifts);
        // The other mode is its own instance: setting it never changes a model another caller holds.
        const InstalledModel plain = LoadedPackages::model(pkg, TestTimeAugmentation::None);
        QCOMPARE(plain.testTimeAugmentation(), TestTimeAugmentation::None);
        QCOMPARE(a.testTimeAugmentation(), TestTimeAugmentation::FlipsAndShifts);
    }

    void changedPackageIsLoadedAgain()
    {
        QTemporaryDir dir;
        const std::string pkg = dir.filePath("bone-age").toStdString();
        copyPackage(kModels + "/2mnet-compact-w50-male", pkg);
        const std::string before = LoadedPackages::model(pkg, TestTimeAugmentation::None).card().id;
        // Another package installed under the same folder name (a promotion, a rollback).
        copyPackage(kModels + "/2mnet-compact-w50-female", pkg);
        const std::string after = LoadedPackages::model(pkg, TestTimeAugmentation::None).card().id;
        QVERIFY2(after != before, after.c_str());
        // A damaged package is not served from memory: its fault shows (the weights' SHA-256).
        fs::resize_file(pkg + "/weights.pt", fs::file_size(pkg + "/weights.pt") - 100);
        QVERIFY_THROWS_EXCEPTION(PackageError, LoadedPackages::model(pkg, TestTimeAugmentation::None));
    }

    void refinementInstalledBesideIsPickedUp()
    {
        QTemporaryDir dir;
        const std::string models = dir.filePath("models").toStdString();
        fs::create_directories(models);
        copyPackage(kModels + "/hand-landmarks-128px", models + "/hand-landmarks-128px");
        QVERIFY(!LoadedPackages::landmarks(models + "/hand-landmarks-128px").hasRefinement());
        copyPackage(kModels + "/hand-landmarks-refine-256", models + "/hand-landmarks-refine-256");
        QVERIFY(LoadedPackages::landmarks(models + "/hand-landmarks-128px").hasRefinement());
        double ms = 0;
        QVERIFY(LoadedPackages::landmarks(models + "/hand-landmarks-128px", &ms).hasRefinement());
        QVERIFY2(ms < 5, qPrintable(QString("%1 ms").arg(ms)));
    }
};

QTEST_APPLESS_MAIN(TestLoadedPackages)
#include "tst_loaded_packages.moc"
