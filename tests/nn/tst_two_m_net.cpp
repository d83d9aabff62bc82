// 2M-Net (seed 000): both presets' shapes, learning, persistence, determinism, explanations and the
// progressive training step.
#include "NnTestSupport.h"
#include "nn/CpuPair.h"
#include "nn/TwoMNet.h"

using namespace boneage::nn;

class TestTwoMNet : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTwoThreads(); }

    void paperPresetShapesAndSize()
    {
        testing::checkOutputShape("2mnet", "paper", 1);
        torch::manual_seed(1);
        BoneAgeModel m = createModel("2mnet", "paper");
        // Paper Table 6: 11.8 M. ResNet-18 without fc (11.18 M) + non-local block + three MLP heads.
        const double millions = double(m->parameterCount()) / 1e6;
        qInfo("2M-Net paper preset: %.3f M parameters", millions);
        QVERIFY(millions > 11.3 && millions < 12.0);
    }

    void compactPresetShapes()
    {
        testing::checkOutputShape("2mnet", "compact", 3);
        testing::checkOutputShape("2mnet", "compact-w50", 2);
        testing::checkOutputShape("2mnet", "compact128", 1);
    }

    void compactOneStepLowersLoss() { testing::checkOneStepLowersLoss("2mnet", "compact", 4, 1e-3); }
    void compactOverfitsEightSamples() { testing::checkOverfits("2mnet", "compact", 8, 30, 2e-3, 12.0); }
    void compactW50OneStepLowersLoss() { testing::checkOneStepLowersLoss("2mnet", "compact-w50", 2, 1e-3); }
    void compactSaveLoad() { testing::checkSaveLoad("2mnet", "compact"); }
    void paperSaveLoad() { testing::checkSaveLoad("2mnet", "paper"); }
    void compactDeterminism() { testing::checkDeterminism("2mnet", "compact"); }
    void compactGradCam() { testing::checkGradCam("2mnet", "compact"); }

    void progressiveStepUpdatesThreeTimesPerBatch()
    {
        torch::manual_seed(5);
        BoneAgeModel m = createModel("2mnet", "compact");
        auto* net = dynamic_cast<TwoMNetImpl*>(m.get());
        QVERIFY(net);
        m->train();
        const TrainingBatch b = testing::fixedBatch(m->preset(), 2);
        torch::optim::SGD opt(m->parameters(), torch::optim::SGDOptions(0.01));
        const TrainingStepResult r = m->trainingStep(b, opt);
        QCOMPARE(int(r.parts.size()), 3);
        for (const char* name : {"l1.group3", "l1.group4", "l1.multiScale"}) QVERIFY(r.parts.count(name));
        // Step 1 (N = 4) ends at conv group 3: it must not touch conv group 4 or the other heads.
        opt.zero_grad();
        net->forwardStep(net->jigsaw().shuffle(b.input.image, 4).images, 0).sum().backward();
        for (const auto& p : m->named_parameters()) {
            const bool reached = p.value().grad().defined() && p.value().grad().abs().sum().item<double>() > 0;
            if (p.key().rfind("backbone.layer4", 0) == 0 || p.key().rfind("head4", 0) == 0 ||
                p.key().rfind("headMultiScale", 0) == 0)
                QVERIFY2(!reached, p.key().c_str());
        }
        QVERIFY(m->named_parameters()["head3.0.weight"].grad().abs().sum().item<double>() > 0);
    }

    // The attention pass reads one picture on the CPU as a pair of copies (nn/CpuPair.h): the first
    // answer of the pair, age and attention map, is the picture's own.
    void aPairGivesThePicturesOwnAnswer()
    {
        torch::manual_seed(7);
        BoneAgeModel m = createModel("2mnet", "compact-w50");
        m->eval();
        ModelInput one = exampleInput(m->preset(), 1);
        one.attentionQuery = torch::tensor({40.f, 52.f}).view({1, 2});
        ModelInput pair = one;
        pair.image = cpuPair(one.image);
        pair.sex = cpuPair(one.sex);
        pair.attentionQuery = cpuPair(one.attentionQuery);
        torch::NoGradGuard g;
        const ModelOutput a = m->forward(one), b = m->forward(pair);
        QCOMPARE(b.boneAgeMonths.size(0), int64_t(2));
        QVERIFY2(std::abs(a.boneAgeMonths[0].item<double>() - b.boneAgeMonths[0].item<double>()) < 1e-3,
                 qPrintable(QString("%1 alone, %2 in a pair").arg(a.boneAgeMonths[0].item<double>()).arg(b.boneAgeMonths[0].item<double>())));
        QVERIFY(torch::allclose(a.maps.at("spatialAttention")[0], b.maps.at("spatialAttention")[0], 1e-4, 1e-5));
    }

    void explanationsHaveTheDocumentedShapesAndFrame()
    {
        torch::manual_seed(6);
        BoneAgeModel m = createModel("2mnet", "compact");
        m->eval();
        ModelInput in = exampleInput(m->preset(), 2);
        const int64_t H = in.image.size(2), W = in.image.size(3);  // 96 x 96, attention grid 12 x 12 (stride 8)
        // Queries in input pixels: the top-left pixel and the bottom-right one.
        in.attentionQuery = torch::tensor({0.f, 0.f, float(W - 1), float(H - 1)}).view({2, 2});
        torch::NoGradGuard g;
        ModelOutput out = m->forward(in);
        const torch::Tensor query = out.vectors.at("spatialAttentionQuery");
        QVERIFY(torch::allclose(query, torch::tensor({4.f, 4.f, float(W - 4), float(H - 4)}).view({2, 2})));
        const torch::Tensor map = out.maps.at("spatialAttention");
        QCOMPARE(map.sizes().vec(), (std::vector<int64_t>{2, H, W}));
        // The map is one softmax row over the 6 x 6 pooled keys: mean 1/36 after resizing.
        QVERIFY(std::abs(map.mean().item<double>() - 1.0 / 36.0) < 0.1 / 36.0);
        // Different queries read different rows.
        ModelInput centre = in;
        centre.attentionQuery = torch::tensor({48.f, 48.f, 48.f, 48.f}).view({2, 2});
        QVERIFY(!torch::allclose(m->forward(centre).maps.at("spatialAttention"), map));
        const torch::Tensor ch3 = out.vectors.at("channelAttention.group3"), ch4 = out.vectors.at("channelAttention.group4");
        // Width 0.25: conv groups 3 and 4 have 64 and 128 channels.
        QCOMPARE(ch3.sizes().vec(), (std::vector<int64_t>{2, 64, 64}));
        QCOMPARE(ch4.sizes().vec(), (std::vector<int64_t>{2, 128, 128}));
        QVERIFY(torch::allclose(ch4.sum(-1), torch::ones({2, 128}), 1e-4, 1e-4));
        QCOMPARE(out.vectors.at("channelWeights.group4").sizes().vec(), (std::vector<int64_t>{2, 128}));
    }
};

QTEST_APPLESS_MAIN(TestTwoMNet)
#include "tst_two_m_net.moc"
