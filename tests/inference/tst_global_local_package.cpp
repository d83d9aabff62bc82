// Seed 003's global-local network end to end (issue 18): a cache holding ROI patches beside the global
// picture (written, read back, damage reported), the trainer feeding those patches (two real steps on
// 2 threads), and the package it writes assessing a prepared picture with its patches: an estimate, a
// contribution per ROI, a masked ROI read as black, and a clear refusal without patches.
#include "imaging/Preprocessing.h"
#include "inference/ModelPackage.h"
#include "training/DatasetCache.h"
#include "training/Trainer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

using namespace boneage;

namespace {

constexpr int kGlobal = 224, kPatch = 64, kRois = 18, kSamples = 12;

// Film i: the global picture and its patches brighten with age; ROI (i % 18) is masked (black, '0').
struct SyntheticFilm {
    std::vector<std::uint8_t> global, patches;
    CacheSample sample;
};

SyntheticFilm film(int i)
{
    std::mt19937 random(static_cast<unsigned>(100 + i));
    std::uniform_int_distribution<int> noise(0, 15);
    SyntheticFilm f;
    const float age = 12.0f + 16.0f * static_cast<float>(i);
    f.global.resize(kGlobal * kGlobal);
    for (auto& p : f.global) p = static_cast<std::uint8_t>(std::min(255, static_cast<int>(age) + noise(random)));
    f.patches.resize(static_cast<size_t>(kRois) * kPatch * kPatch);
    f.sample.id = std::to_string(5000 + i);
    f.sample.boneAgeMonths = age;
    f.sample.male = i % 2 == 0;
    for (int r = 0; r < kRois; ++r) {
        const bool masked = r == i % kRois;
        f.sample.roiPresent += masked ? '0' : '1';
        for (int k = 0; k < kPatch * kPatch; ++k)
            f.patches[static_cast<size_t>(r * kPatch * kPatch + k)] =
                masked ? 0 : static_cast<std::uint8_t>(std::min(255, static_cast<int>(age) + 3 * r + noise(random)));
    }
    return f;
}

void writeCache(const std::string& folder)
{
    DatasetCacheWriter writer(folder, kGlobal, kGlobal, recipeByName("hand-box-224-rois").toJson().dump(), "tst_global_local_package");
    writer.setRoiPatches(kRois, kPatch);
    for (int i = 0; i < kSamples; ++i) {
        const SyntheticFilm f = film(i);
        writer.add(f.sample, f.global.data(), f.patches.data());
    }
    writer.finish();
}

training::TrainOptions options(const std::string& cache, const std::string& out)
{
    training::TrainOptions o;
    o.architecture = "globallocal";
    o.preset = "compact";
    o.dataCache = cache;
    o.validationFraction = 0.25;
    o.epochs = 1;
    o.maxStepsPerEpoch = 2;
    o.threads = 2;
    o.seed = 5;
    o.outDir = out;
    o.halfPrecisionWeights = false;
    o.recipe = training::paperRecipe("globallocal");
    o.recipe.batchSize = 4;
    return o;
}

} // namespace

class TestGlobalLocalPackage : public QObject {
    Q_OBJECT

private slots:
    void cacheKeepsPatchesAndTheirMask()
    {
        QTemporaryDir dir;
        const std::string folder = dir.filePath("cache").toStdString();
        writeCache(folder);
        const DatasetCache c = DatasetCache::open(folder);
        QCOMPARE(c.roiPatchSize(), kPatch);
        QCOMPARE(c.roiCount(), kRois);
        for (int i : {0, 5, kSamples - 1}) {
            const SyntheticFilm f = film(i);
            QCOMPARE(c.sample(size_t(i)).roiPresent, f.sample.roiPresent);
            QVERIFY(std::equal(f.patches.begin(), f.patches.end(), c.roiPatches(size_t(i))));
            QVERIFY(std::equal(f.global.begin(), f.global.end(), c.image(size_t(i))));
        }
        // A sample without its patches is refused, before anything is written for it.
        DatasetCacheWriter w(dir.filePath("other").toStdString(), kGlobal, kGlobal, "{}", "test");
        w.setRoiPatches(kRois, kPatch);
        const SyntheticFilm f = film(0);
        QVERIFY_THROWS_EXCEPTION(CacheError, w.add(f.sample, f.global.data()));
        // A damaged rois column (wrong length, not 0/1) and an implausible patch size are reported,
        // naming the file and what to do.
        const std::string csvPath = folder + "/samples.csv", metaPath = folder + "/cache.txt";
        auto readText = [](const std::string& p) { std::ifstream f(p); return std::string(std::istreambuf_iterator<char>(f), {}); };
        auto writeText = [](const std::string& p, const std::string& t) { std::ofstream(p) << t; };
        const std::string csv = readText(csvPath), meta = readText(metaPath);
        for (const std::string& bad : {std::string(17, '1'), std::string(17, '1') + "x"}) {
            // The first sample's line ends with its 18-character rois column.
            std::string damaged = csv;
            const auto lineEnd = damaged.find('\n', damaged.find('\n') + 1);
            QVERIFY(lineEnd != std::string::npos && lineEnd > 18);
            damaged.replace(lineEnd - 18, 18, bad);
            writeText(csvPath, damaged);
            try {
                DatasetCache::open(folder);
                QFAIL("a damaged rois column was accepted");
            } catch (const CacheError& e) {
                QVERIFY2(std::string(e.what()).find("rois column") != std::string::npos &&
                             std::string(e.what()).find("prepare it again") != std::string::npos, e.what());
            }
        }
        writeText(csvPath, csv);
        std::string bigPatches = meta;
        bigPatches.replace(bigPatches.find("roi_patches=64"), 14, "roi_patches=100000");
        writeText(metaPath, bigPatches);
        QVERIFY_THROWS_EXCEPTION(CacheError, DatasetCache::open(folder));
        writeText(metaPath, meta);
        QCOMPARE(DatasetCache::open(folder).roiPatchSize(), kPatch);   // restored: readable again
        // A truncated rois.u8 is reported as damage, naming the file.
        std::filesystem::resize_file(std::filesystem::path(folder) / "rois.u8", 1000);
        try {
            DatasetCache::open(folder);
            QFAIL("a truncated rois.u8 was accepted");
        } catch (const CacheError& e) {
            QVERIFY2(std::string(e.what()).find("rois.u8") != std::string::npos, e.what());
        }
    }

    void trainsOnPatchesAndAssessesWithThem()
    {
        QTemporaryDir dir;
        const std::string cache = dir.filePath("cache").toStdString(), out = dir.filePath("pkg").toStdString();
        writeCache(cache);
        const training::TrainResult r = training::train(options(cache, out));
        QCOMPARE(r.epochsRun, 1);

        InstalledModel m = InstalledModel::load(out);
        QVERIFY(m.readsRoiPatches());
        QCOMPARE(m.card().recipe.roiPatchSize, kPatch);
        // Its card declares no test-time augmentation (shifted views measured no gain): the plain view
        // is kept even when the caller asks for the views.
        QCOMPARE(m.card().json.value("test_time_augmentation", std::string()), std::string("none"));
        QVERIFY(!m.card().testTimeAugmentation);
        QVERIFY(m.testTimeAugmentation() == TestTimeAugmentation::None);
        m.setTestTimeAugmentation(TestTimeAugmentation::FlipsAndShifts);
        QVERIFY(m.testTimeAugmentation() == TestTimeAugmentation::None);

        // The package reads a prepared picture with its patches; the same picture with one ROI masked
        // gives another estimate (the local pathway is read), and the contributions say which.
        const SyntheticFilm f = film(7);
        PreparedImage p;
        p.grey8 = cv::Mat(kGlobal, kGlobal, CV_8UC1, const_cast<std::uint8_t*>(f.global.data())).clone();
        p.roiPatches = cv::Mat(kRois * kPatch, kPatch, CV_8UC1, const_cast<std::uint8_t*>(f.patches.data())).clone();
        for (char c : f.sample.roiPresent) p.roiPresent.push_back(c == '1');
        p.geometry.crop = cv::Rect(0, 0, kGlobal, kGlobal);
        const BoneAgeEstimate e = m.assessPrepared(p, Sex::Female, true);
        QVERIFY(std::isfinite(e.boneAgeMonths));
        QCOMPARE(int(e.roiContributions.size()), kRois);
        QCOMPARE(e.roiContributions[0].name, std::string("DP1"));
        QVERIFY(!e.roiContributions[7].present);   // film 7 has ROI 7 masked
        QVERIFY(std::abs(e.roiContributions[7].months) < 1e-3);   // masking a black patch changes nothing
        double moved = 0;
        for (const auto& c : e.roiContributions) moved = std::max(moved, std::abs(c.months));
        QVERIFY2(moved > 1e-6, "no ROI changes the estimate: the local pathway is not read");

        // Batched from the cache, as `boneage evaluate --data` reads it: the same estimate.
        const DatasetCache c = DatasetCache::open(cache);
        const double batched = m.predictPrepared({c.image(7)}, kGlobal, kGlobal, {false}, {c.roiPatches(7)}, kPatch).front();
        QVERIFY2(std::abs(batched - e.boneAgeMonths) < 1e-3, qPrintable(QString("%1 vs %2").arg(batched).arg(e.boneAgeMonths)));

        // Without patches: a clear refusal naming the recipe, no estimate.
        PreparedImage bare = p;
        bare.roiPatches.release();
        try {
            m.assessPrepared(bare, Sex::Female);
            QFAIL("assessed without ROI patches");
        } catch (const PackageError& err) {
            QVERIFY2(std::string(err.what()).find("hand-box-224-rois") != std::string::npos, err.what());
        }
        QVERIFY_THROWS_EXCEPTION(PackageError, m.predictPrepared({c.image(7)}, kGlobal, kGlobal, {false}));
    }

    void cacheWithoutPatchesIsRefusedBeforeTraining()
    {
        QTemporaryDir dir;
        const std::string cache = dir.filePath("plain").toStdString();
        {
            DatasetCacheWriter w(cache, kGlobal, kGlobal, R"({"name":"plain","width":224,"height":224})", "test");
            for (int i = 0; i < 4; ++i) {
                const SyntheticFilm f = film(i);
                CacheSample s = f.sample;
                s.roiPresent.clear();
                w.add(s, f.global.data());
            }
            w.finish();
        }
        try {
            training::train(options(cache, dir.filePath("pkg").toStdString()));
            QFAIL("trained the global-local network without ROI patches");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("hand-box-224-rois") != std::string::npos, e.what());
        }
        QVERIFY(!std::filesystem::exists(dir.filePath("pkg/model.json").toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestGlobalLocalPackage)
#include "tst_global_local_package.moc"
