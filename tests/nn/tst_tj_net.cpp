// TJ-Net (seed 001): shapes, learning, persistence, determinism, explanations, the joint loss, the alpha
// schedule, expected-value decoding and the fine-tuning prefixes.
#include "NnTestSupport.h"
#include "nn/TjNet.h"

#include <set>

using namespace boneage::nn;

class TestTjNet : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTwoThreads(); }

    void paperPresetShapes()
    {
        testing::checkOutputShape("tjnet", "paper", 1);
        torch::manual_seed(1);
        BoneAgeModel m = createModel("tjnet", "paper");
        qInfo("TJ-Net paper preset: %lld parameters", static_cast<long long>(m->parameterCount()));
        QVERIFY(m->preset().takesSex);
    }

    void compactPresetShapes()
    {
        testing::checkOutputShape("tjnet", "compact", 3);
        testing::checkOutputShape("tjnet", "compact128", 1);
    }

    void compactOneStepLowersLoss() { testing::checkOneStepLowersLoss("tjnet", "compact", 8, 1e-3); }
    void compactOverfitsEightSamples() { testing::checkOverfits("tjnet", "compact", 8, 40, 2e-3, 15.0); }
    void compactSaveLoad() { testing::checkSaveLoad("tjnet", "compact"); }
    void compactDeterminism() { testing::checkDeterminism("tjnet", "compact"); }
    void compactGradCam() { testing::checkGradCam("tjnet", "compact"); }

    void sexInputIsRequiredAndUsed()
    {
        torch::manual_seed(2);
        BoneAgeModel m = createModel("tjnet", "compact");
        m->eval();
        ModelInput in = exampleInput(m->preset(), 2);
        torch::NoGradGuard g;
        in.sex = torch::zeros({2});
        const torch::Tensor female = m->forward(in).boneAgeMonths;
        in.sex = torch::ones({2});
        QVERIFY(!torch::allclose(female, m->forward(in).boneAgeMonths));
        in.sex = torch::Tensor();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m->forward(in));
    }

    void explanationsHaveTheDocumentedShapesAndFrame()
    {
        torch::manual_seed(6);
        BoneAgeModel m = createModel("tjnet", "compact");
        m->eval();
        const ModelInput in = exampleInput(m->preset(), 2);
        torch::NoGradGuard g;
        ModelOutput out = m->forward(in);
        for (const char* name : {"cbam1", "cbam2", "cbam3"}) {
            QVERIFY2(out.maps.count(name), name);
            const torch::Tensor map = out.maps.at(name);
            QCOMPARE(map.sizes().vec(), (std::vector<int64_t>{2, 96, 96}));
            // Sigmoid outputs resized bilinearly stay in (0,1).
            QVERIFY(map.min().item<double>() > 0.0 && map.max().item<double>() < 1.0);
        }
        const torch::Tensor p = out.vectors.at("ageClassProbabilities");
        QCOMPARE(p.sizes().vec(), (std::vector<int64_t>{2, 77}));
        QVERIFY(torch::allclose(p.sum(1), torch::ones({2}), 1e-5, 1e-5));
        // The estimate is the expected value over the bins the probabilities are given for.
        const torch::Tensor centres = out.vectors.at("ageClassCentresMonths");
        QVERIFY(torch::allclose((p * centres).sum(1), out.boneAgeMonths, 1e-4, 1e-4));
        const torch::Tensor male = out.vectors.at("sexProbabilityMale");
        QCOMPARE(male.sizes().vec(), (std::vector<int64_t>{2}));
        QVERIFY(male.min().item<double>() >= 0.0 && male.max().item<double>() <= 1.0);
    }

    void binsAndExpectedValueDecoding()
    {
        // Class k covers [3k, 3k+3) months; ages past the last bin fall into class 76.
        const torch::Tensor classes = TjNetImpl::ageClassOf(torch::tensor({0.0, 2.99, 3.0, 100.0, 228.0, 240.0}));
        QCOMPARE(classes.numel(), int64_t(6));
        const std::vector<int64_t> expected = {0, 0, 1, 33, 76, 76};
        for (size_t i = 0; i < expected.size(); ++i) QCOMPARE(classes[long(i)].item<int64_t>(), expected[i]);
        // One-hot on class 10 -> its centre 31.5 months; half on class 0 and half on class 2 -> 4.5 months.
        torch::Tensor p = torch::zeros({2, 77});
        p[0][10] = 1.0;
        p[1][0] = 0.5;
        p[1][2] = 0.5;
        const torch::Tensor age = TjNetImpl::expectedAgeMonths(p);
        QCOMPARE(age[0].item<double>(), 31.5);
        QCOMPARE(age[1].item<double>(), 0.5 * 1.5 + 0.5 * 7.5);
    }

    void alphaSchedule()
    {
        TjNetOptions o;
        QCOMPARE(TjNetImpl::alphaForProgress(o, 0.0), 1.5);
        QCOMPARE(TjNetImpl::alphaForProgress(o, 0.49), 1.5);
        QCOMPARE(TjNetImpl::alphaForProgress(o, 0.5), 77.0);
        QCOMPARE(TjNetImpl::alphaForProgress(o, 1.0), 77.0);
        QCOMPARE(TjNetImpl::alphaForProgress(o.alphaSwitchProgress(0.8), 0.7), 1.5);
        torch::manual_seed(3);
        BoneAgeModel m = createModel("tjnet", "compact");
        auto* net = dynamic_cast<TjNetImpl*>(m.get());
        QVERIFY(net);
        QCOMPARE(net->alpha(), 1.5);
        m->setTrainingProgress(0.9);   // through the common interface, as the trainer calls it
        QCOMPARE(net->alpha(), 77.0);
        // alpha changes the loss on the same batch by exactly (77 - 1.5) * e^2.
        m->eval();
        const TrainingBatch b = testing::fixedBatch(m->preset(), 4);
        torch::NoGradGuard g;
        const auto l = net->logits(b.input);
        const auto low = TjNetImpl::jointLoss(l, b.boneAgeMonths, b.input.sex, 1.5);
        const auto high = TjNetImpl::jointLoss(l, b.boneAgeMonths, b.input.sex, 77.0);
        const double e = low.mad.item<double>();
        QVERIFY(e > 0);
        QVERIFY(std::abs((high.total - low.total).item<double>() - 75.5 * e * e) < 1e-3 * (1 + 75.5 * e * e));
        QCOMPARE(m->loss(b).item<double>(), high.total.item<double>());
    }

    void jointLossMatchesAHandComputation()
    {
        // Batch of 3: sexes M, M, F; ages 10 (class 3), 10 (class 3), 50 (class 16) months.
        // Sex weights: male 1 - 2/3, female 1 - 1/3. Age weights: class 3 1 - 2/3, class 16 1 - 1/3.
        TjNetImpl::Logits l;
        l.sex = torch::tensor({0.0, 1.0, 2.0, 0.0, 0.5, 0.5}).view({3, 2});
        l.age = torch::zeros({3, 77});
        l.age[0][3] = 2.0;
        l.age[2][16] = 1.0;
        const torch::Tensor ages = torch::tensor({10.0, 10.0, 50.0}).to(torch::kFloat);
        const torch::Tensor sex = torch::tensor({1.0, 1.0, 0.0}).to(torch::kFloat);
        l.sex = l.sex.to(torch::kFloat);
        const auto parts = TjNetImpl::jointLoss(l, ages, sex, 2.0);

        auto logSoftmax = [](std::vector<double> z, size_t k) {
            double s = 0;
            for (double v : z) s += std::exp(v);
            return z[k] - std::log(s);
        };
        const double sexCe = ((1.0 / 3) * -logSoftmax({0, 1}, 1) + (1.0 / 3) * -logSoftmax({2, 0}, 1) +
                              (2.0 / 3) * -logSoftmax({0.5, 0.5}, 0)) / 3.0;
        std::vector<double> z0(77, 0.0), z1(77, 0.0), z2(77, 0.0);
        z0[3] = 2.0;
        z2[16] = 1.0;
        const double ageCe = ((1.0 / 3) * -logSoftmax(z0, 3) + (1.0 / 3) * -logSoftmax(z1, 3) +
                              (2.0 / 3) * -logSoftmax(z2, 16)) / 3.0;
        auto expectation = [](const std::vector<double>& z) {
            double s = 0, e = 0;
            for (size_t k = 0; k < z.size(); ++k) s += std::exp(z[k]);
            for (size_t k = 0; k < z.size(); ++k) e += std::exp(z[k]) / s * (3.0 * double(k) + 1.5);
            return e;
        };
        const double mad = (std::abs(expectation(z0) - 10) + std::abs(expectation(z1) - 10) +
                            std::abs(expectation(z2) - 50)) / 3.0 / 12.0;
        QVERIFY(std::abs(parts.sexCrossEntropy.item<double>() - sexCe) < 1e-5);
        QVERIFY(std::abs(parts.ageCrossEntropy.item<double>() - ageCe) < 1e-5);
        QVERIFY(std::abs(parts.mad.item<double>() - mad) < 1e-4);
        QVERIFY(std::abs(parts.total.item<double>() - (2.0 * mad * mad + sexCe + ageCe)) < 1e-3);
    }

    void fineTuningPrefixesCoverBlocksOneToThree()
    {
        torch::manual_seed(4);
        BoneAgeModel m = createModel("tjnet", "compact");
        const std::vector<std::string> prefixes = TjNetImpl::blockPrefixes(3);
        QCOMPARE(prefixes, (std::vector<std::string>{"block1.", "block2.", "block3."}));
        std::set<std::string> cbams;
        int64_t frozen = 0;
        for (const auto& p : m->named_parameters()) {
            const bool isFrozen = std::any_of(prefixes.begin(), prefixes.end(),
                                              [&](const std::string& s) { return p.key().rfind(s, 0) == 0; });
            if (p.key().find(".cbam.") != std::string::npos) cbams.insert(p.key().substr(0, p.key().find(".cbam.")));
            if (isFrozen) {
                p.value().set_requires_grad(false);
                frozen += p.value().numel();
            }
        }
        // The three CBAMs are inside the frozen blocks; block 4 and the heads stay trainable.
        QCOMPARE(cbams, (std::set<std::string>{"block1", "block2", "block3"}));
        QVERIFY(frozen > 0 && frozen < m->parameterCount());
        const auto before = m->named_parameters()["block2.body.0.conv.weight"].clone();
        const auto headBefore = m->named_parameters()["ageClassifier.0.weight"].clone();
        std::vector<torch::Tensor> trainable;
        for (const auto& p : m->parameters())
            if (p.requires_grad()) trainable.push_back(p);
        torch::optim::Adam opt(trainable, torch::optim::AdamOptions(1e-3));
        m->train();
        m->trainingStep(testing::fixedBatch(m->preset(), 4), opt);
        QVERIFY(torch::equal(before, m->named_parameters()["block2.body.0.conv.weight"]));
        QVERIFY(!torch::equal(headBefore, m->named_parameters()["ageClassifier.0.weight"]));
    }
};

QTEST_APPLESS_MAIN(TestTjNet)
#include "tst_tj_net.moc"
