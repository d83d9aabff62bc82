// Fine-tuning (`boneage finetune`, issue 4): the named blocks stay exactly as they were, weights and
// BatchNorm statistics, while the rest of the network learns; a block name that matches nothing is an
// error that lists the names there are; the new card records the frozen blocks and the package the
// weights came from. Small real runs of the trainer (2M-Net compact, a few steps on 2 threads).
#include "common/JsonText.h"
#include "nn/Registry.h"
#include "training/DatasetCache.h"
#include "training/Trainer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <ATen/autocast_mode.h>
#include <torch/version.h>
#include <torch/torch.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

using namespace boneage;

namespace {

const char* const kRecipe = R"({"name":"whole-stretch-100","width":100,"height":100})";
const std::vector<std::string> kFrozen{"backbone.conv1", "backbone.bn1", "backbone.layer1"};

// 24 synthetic 100 px images whose brightness ramp follows the age, so the network has something to learn.
void writeCache(const std::string& folder)
{
    DatasetCacheWriter writer(folder, 100, 100, kRecipe, "tst_finetune synthetic");
    std::mt19937 random(7);
    std::uniform_int_distribution<int> noise(0, 20);
    std::vector<std::uint8_t> pixels(100 * 100);
    for (int i = 0; i < 24; ++i) {
        const float age = 12.0f + 8.5f * static_cast<float>(i);
        for (int y = 0; y < 100; ++y)
            for (int x = 0; x < 100; ++x)
                pixels[static_cast<size_t>(y * 100 + x)] =
                    static_cast<std::uint8_t>(std::min(255, static_cast<int>(age / 216.0f * x * 2.0f) + noise(random)));
        CacheSample s;
        s.id = std::to_string(1000 + i);
        s.boneAgeMonths = age;
        s.male = i % 2 == 0;
        writer.add(s, pixels.data());
    }
    writer.finish();
}

training::TrainOptions baseOptions(const std::string& cache, const std::string& out)
{
    training::TrainOptions o;
    o.architecture = "2mnet";
    o.preset = "compact";
    o.dataCache = cache;
    o.validationFraction = 0.25;
    o.epochs = 1;
    o.maxStepsPerEpoch = 3;
    o.threads = 2;
    o.seed = 3;
    o.outDir = out;
    o.halfPrecisionWeights = false;
    o.recipe = training::paperRecipe("2mnet");
    o.recipe.optimizer = training::OptimizerKind::Adam;
    o.recipe.learningRate = 1e-2;   // large steps: every trainable weight visibly moves in 3 steps
    o.recipe.schedule = training::ScheduleKind::Constant;
    o.recipe.warmupEpochs = 0;
    o.recipe.batchSize = 8;
    return o;
}

nn::BoneAgeModel loadWeights(const std::string& file)
{
    nn::BoneAgeModel m = nn::createModel("2mnet", "compact");
    nn::loadModel(*m, file);
    return m;
}

bool isFrozen(const std::string& name)
{
    return std::any_of(kFrozen.begin(), kFrozen.end(), [&](const std::string& p) { return name.rfind(p, 0) == 0; });
}

} // namespace

class TestFinetune : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::string cache_, base_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        cache_ = dir_.filePath("cache").toStdString();
        base_ = dir_.filePath("base").toStdString();
        writeCache(cache_);
        training::train(baseOptions(cache_, base_));
        QVERIFY(QFile::exists(QString::fromStdString(base_ + "/weights.pt")));
    }

    void frozenBlocksKeepWeightsAndStatisticsTheRestLearns()
    {
        const std::string out = dir_.filePath("tuned").toStdString();
        training::TrainOptions o = baseOptions(cache_, out);
        o.initialWeights = base_ + "/weights.pt";
        o.freezePrefixes = kFrozen;
        o.startedFromJson = json::object({{"package", json::quote(base_)}, {"id", json::quote("base-model")}});
        training::train(o);

        nn::BoneAgeModel before = loadWeights(base_ + "/weights.pt");
        nn::BoneAgeModel after = loadWeights(out + "/weights.pt");
        const auto a = before->named_parameters(), b = after->named_parameters();
        int frozen = 0, moved = 0, trainable = 0;
        for (const auto& p : a) {
            const bool same = torch::equal(p.value(), b[p.key()]);
            if (isFrozen(p.key())) {
                ++frozen;
                QVERIFY2(same, ("frozen parameter changed: " + p.key()).c_str());
            } else {
                ++trainable;
                moved += same ? 0 : 1;
            }
        }
        QVERIFY(frozen >= 10);
        QVERIFY2(moved > trainable * 9 / 10, qPrintable(QString("%1 of %2 trainable parameters moved").arg(moved).arg(trainable)));
        // Frozen blocks run in eval mode: their BatchNorm running statistics do not follow the new data.
        const auto ba = before->named_buffers(), bb = after->named_buffers();
        int frozenBuffers = 0, movedStatistics = 0;
        for (const auto& buffer : ba) {
            if (buffer.key().find("running_mean") == std::string::npos) continue;
            const bool same = torch::equal(buffer.value(), bb[buffer.key()]);
            if (isFrozen(buffer.key())) {
                ++frozenBuffers;
                QVERIFY2(same, ("frozen BatchNorm statistics changed: " + buffer.key()).c_str());
            } else if (!same) {
                ++movedStatistics;
            }
        }
        QVERIFY(frozenBuffers >= 3);
        QVERIFY(movedStatistics > 0);

        std::ifstream file(out + "/model.json");
        const nlohmann::json card = nlohmann::json::parse(file);
        QCOMPARE(card["training"]["frozen"].get<std::vector<std::string>>(), kFrozen);
        QCOMPARE(card["started_from"]["id"].get<std::string>(), std::string("base-model"));
        QCOMPARE(card["started_from"]["package"].get<std::string>(), base_);
    }

    void aBlockNameThatMatchesNothingIsAnErrorListingTheNames()
    {
        training::TrainOptions o = baseOptions(cache_, dir_.filePath("typo").toStdString());
        o.initialWeights = base_ + "/weights.pt";
        o.freezePrefixes = {"backbone.layr1"};
        try {
            training::train(o);
            QFAIL("a misspelt block was accepted");
        } catch (const std::runtime_error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("backbone.layr1") != std::string::npos, e.what());
            QVERIFY2(message.find("backbone.layer1") != std::string::npos, e.what());
            QVERIFY2(message.find("head3") != std::string::npos, e.what());
        }
        QVERIFY(!QFile::exists(dir_.filePath("typo/weights.pt")));
    }

    // Ensemble members: another seed changes data order and augmentation; --split-seed keeps the
    // held-out cases of the model they continue, without it the seed draws another split.
    void aSplitSeedKeepsTheHeldOutCasesOfAnotherSeed()
    {
        const auto idsOf = [](const std::string& folder) {
            std::ifstream file(folder + "/validation-ids.txt");
            std::stringstream text;
            text << file.rdbuf();
            return text.str();
        };
        training::TrainOptions same = baseOptions(cache_, dir_.filePath("split-kept").toStdString());
        same.initialWeights = base_ + "/weights.pt";
        same.seed = 4;
        same.splitSeed = 3;
        training::train(same);
        training::TrainOptions other = same;
        other.outDir = dir_.filePath("split-new").toStdString();
        other.splitSeed.reset();
        training::train(other);
        QVERIFY(!idsOf(base_).empty());
        QCOMPARE(idsOf(same.outDir), idsOf(base_));
        QVERIFY(idsOf(other.outDir) != idsOf(base_));
        std::ifstream file(same.outDir + "/model.json");
        const nlohmann::json card = nlohmann::json::parse(file);
        QVERIFY(card["training_data"]["validation"].get<std::string>().find("seed 3") != std::string::npos);
    }

    // --ema: the package holds the average, not the last weights. One step from w0 to w1 gives
    // 0.1 w0 + 0.9 w1 (the warm-up caps the first decay at 1/10), BatchNorm statistics included.
    void theWeightAverageIsWhatIsPackaged()
    {
        training::TrainOptions plain = baseOptions(cache_, dir_.filePath("ema-off").toStdString());
        plain.initialWeights = base_ + "/weights.pt";
        plain.maxStepsPerEpoch = 1;
        training::train(plain);
        training::TrainOptions averaged = plain;
        averaged.outDir = dir_.filePath("ema-on").toStdString();
        averaged.emaDecay = 0.5;
        training::train(averaged);

        nn::BoneAgeModel w0 = loadWeights(base_ + "/weights.pt"), w1 = loadWeights(plain.outDir + "/weights.pt"),
                         ema = loadWeights(averaged.outDir + "/weights.pt");
        const auto a = w0->named_parameters(), b = w1->named_parameters();
        int compared = 0, moved = 0;
        for (const auto& p : ema->named_parameters()) {
            const torch::Tensor expected = 0.1 * a[p.key()] + 0.9 * b[p.key()];
            QVERIFY2(torch::allclose(p.value(), expected, 1e-4, 1e-6), p.key().c_str());
            moved += torch::equal(p.value(), b[p.key()]) ? 0 : 1;
            ++compared;
        }
        QVERIFY(moved > compared / 2);   // not simply the last weights
        const auto ab = w0->named_buffers(), bb = w1->named_buffers();
        for (const auto& buffer : ema->named_buffers())
            if (buffer.key().find("running_mean") != std::string::npos)
                QVERIFY2(torch::allclose(buffer.value(), 0.1 * ab[buffer.key()] + 0.9 * bb[buffer.key()], 1e-4, 1e-6),
                         buffer.key().c_str());
        std::ifstream file(averaged.outDir + "/model.json");
        QCOMPARE(nlohmann::json::parse(file)["training"]["weight_average_decay"].get<double>(), 0.5);
    }

    // Issue 20's bf16 option: the steps run under autocast (the weights then differ from a float32
    // run's of the same seed, and stay finite; Adam moves a weight by about lr per update, 9 updates
    // here, so the bound below only catches a blow-up: accuracy is measured on real runs,
    // docs/training.md), the card says so, the autocast is off again
    // afterwards, and on the CPU every step is still reported with its running loss.
    void bf16AutocastTrainsAndTheCardSaysSo()
    {
        training::TrainOptions plain = baseOptions(cache_, dir_.filePath("fp32").toStdString());
        plain.initialWeights = base_ + "/weights.pt";
        int reports = 0;
        bool finite = true;
        training::train(plain, [&](const training::TrainProgress& p) {
            ++reports;
            finite = finite && std::isfinite(p.loss) && p.loss > 0 && std::isfinite(p.runningMae);
        });
        QCOMPARE(reports, plain.maxStepsPerEpoch + 1);   // each step, and the epoch's end
        QVERIFY(finite);
        training::TrainOptions bf16 = plain;
        bf16.outDir = dir_.filePath("bf16").toStdString();
        bf16.bf16Autocast = true;
        const training::TrainResult r = training::train(bf16);
        QVERIFY(std::isfinite(r.bestValidationMae));
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        QVERIFY(!at::autocast::is_autocast_enabled(c10::DeviceType::CPU));
#else
        QVERIFY(!at::autocast::is_cpu_enabled());
#endif

        nn::BoneAgeModel a = loadWeights(plain.outDir + "/weights.pt"), b = loadWeights(bf16.outDir + "/weights.pt");
        const auto pb = b->named_parameters();
        double largest = 0;
        int differ = 0;
        for (const auto& p : a->named_parameters()) {
            differ += torch::equal(p.value(), pb[p.key()]) ? 0 : 1;
            largest = std::max(largest, (p.value() - pb[p.key()]).abs().max().item<double>());
        }
        QVERIFY2(differ > 0, "bf16 autocast changed nothing: was it on?");
        QVERIFY2(std::isfinite(largest) && largest < 1.0, qPrintable(QString("bf16 moved a weight by %1 from the float32 run").arg(largest)));
        for (const auto& [dir, expected] : {std::pair<std::string, bool>{plain.outDir, false}, {bf16.outDir, true}}) {
            std::ifstream file(dir + "/model.json");
            const nlohmann::json card = nlohmann::json::parse(file);
            QCOMPARE(card["training"]["bf16_autocast"].get<bool>(), expected);
            QCOMPARE(card["training"]["cache_on_device"].get<bool>(), false);   // a CPU run
        }
    }

    // The average travels in the checkpoint: two epochs in one go and one epoch plus a resumed one
    // package the same weights; a checkpoint resumed with the other --ema setting is refused.
    // --overwrite over an earlier run's folder: a run stopped before its first epoch ended writes no
    // package, and never takes the earlier run's weights-best.pt for its own.
    void anEarlierRunsBestWeightsAreNotThisRuns()
    {
        const std::string out = dir_.filePath("earlier-run").toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(out)));
        std::ofstream(out + "/weights-best.pt") << "an earlier run's best weights";
        std::ofstream(out + "/model.json") << "{\"earlier\": true}\n";
        const std::atomic<bool> stop{true};
        const training::TrainResult r = training::train(baseOptions(cache_, out), {}, &stop);
        QVERIFY(r.cancelled);
        std::ifstream card(out + "/model.json");
        std::stringstream text;
        text << card.rdbuf();
        QCOMPARE(text.str(), std::string("{\"earlier\": true}\n"));
        QVERIFY(!QFile::exists(QString::fromStdString(out + "/weights.pt")));
    }

    void aResumedWeightAverageEndsWhereTheWholeRunEnds()
    {
        training::TrainOptions whole = baseOptions(cache_, dir_.filePath("ema-whole").toStdString());
        whole.initialWeights = base_ + "/weights.pt";
        whole.epochs = 2;
        whole.maxStepsPerEpoch = 2;
        whole.emaDecay = 0.9;
        training::train(whole);
        training::TrainOptions first = whole;
        first.outDir = dir_.filePath("ema-resumed").toStdString();
        first.epochs = 1;
        training::train(first);
        training::TrainOptions wrong = first;
        wrong.epochs = 2;
        wrong.emaDecay = 0;
        wrong.resumeCheckpoint = first.outDir + "/checkpoint.pt";
        try {
            training::train(wrong);
            QFAIL("a checkpoint with a weight average was resumed without one");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("--ema") != std::string::npos, e.what());
        }
        training::TrainOptions rest = wrong;
        rest.emaDecay = 0.9;
        training::train(rest);
        nn::BoneAgeModel a = loadWeights(whole.outDir + "/weights.pt"), b = loadWeights(rest.outDir + "/weights.pt");
        const auto pb = b->named_parameters();
        for (const auto& p : a->named_parameters())
            QVERIFY2(torch::allclose(p.value(), pb[p.key()], 1e-5, 1e-7), p.key().c_str());
    }

    void aCardWithoutLineageSaysNull()
    {
        std::ifstream file(base_ + "/model.json");
        const nlohmann::json card = nlohmann::json::parse(file);
        QVERIFY(card.contains("started_from"));
        QVERIFY(card["started_from"].is_null());
        QVERIFY(card["training"]["frozen"].empty());
    }
};

QTEST_GUILESS_MAIN(TestFinetune)
#include "tst_finetune.moc"
