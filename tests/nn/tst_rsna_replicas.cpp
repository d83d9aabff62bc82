// Seed 004: InceptionV3 / Xception backbones, the three RSNA replicas, AG-CNN with its Otsu attention
// crop, and the weighted ensemble.
#include "NnTestSupport.h"
#include "nn/RsnaReplicas.h"

using namespace boneage::nn;

namespace {

int64_t countParameters(torch::nn::Module& m)
{
    int64_t n = 0;
    for (const auto& p : m.parameters()) n += p.numel();
    return n;
}

int64_t countWithPrefix(BoneAgeModelImpl& m, const std::string& prefix, bool with)
{
    int64_t n = 0;
    for (const auto& p : m.named_parameters())
        if ((p.key().rfind(prefix, 0) == 0) == with) n += p.value().numel();
    return n;
}

} // namespace

class TestRsnaReplicas : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTwoThreads(); }

    // ----- attention crop (plain C++) -----
    void otsuThresholdByHand()
    {
        // Two levels, four pixels each: every t in [10, 199] separates them equally well; the smallest wins.
        QCOMPARE(otsuThreshold({10, 10, 10, 10, 200, 200, 200, 200}), 10);
        // {0,0,100,200}: t in [0,99] gives 2*2*(0-150)^2 = 90000, t in [100,199] gives
        // 3*1*(33.3-200)^2 = 83333, so t = 0.
        QCOMPARE(otsuThreshold({0, 0, 100, 200}), 0);
        // {0,100,100,200}: t = 0 gives 1*3*(0-133.3)^2 = 53333, t = 100 gives 3*1*(66.7-200)^2 = 53333;
        // equal, the smallest (0) wins.
        QCOMPARE(otsuThreshold({0, 100, 100, 200}), 0);
        // {0,0,0,90,100,250}: t = 0 -> 3*3*(0-146.7)^2 = 193600; t = 90 -> 4*2*(22.5-175)^2 = 186050;
        // t = 100 -> 5*1*(38-250)^2 = 224720. So t = 100.
        QCOMPARE(otsuThreshold({0, 0, 0, 90, 100, 250}), 100);
    }

    void largestComponentByHand()
    {
        // 6 x 5 mask: a 3-pixel L at top left, a 4-pixel diagonal chain (8-connected only) at right.
        const std::vector<uint8_t> mask = {
            1, 1, 0, 0, 1, 0,
            1, 0, 0, 0, 0, 1,
            0, 0, 0, 0, 1, 0,
            0, 0, 0, 1, 0, 0,
            0, 0, 0, 0, 0, 0,
        };
        const PixelBox b = largestComponentBox(mask, 6, 5);
        QCOMPARE(b.x0, 3);
        QCOMPARE(b.y0, 0);
        QCOMPARE(b.x1, 6);
        QCOMPARE(b.y1, 4);
        QVERIFY(largestComponentBox(std::vector<uint8_t>(30, 0), 6, 5).empty());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, largestComponentBox(mask, 5, 5));
    }

    void attentionCropByHand()
    {
        // 10 x 8 heat: background 1, a 3 x 3 hot square (value 9) at x 2..4, y 1..3, one hot pixel at (8,6).
        std::vector<float> heat(80, 1.0f);
        for (int y = 1; y <= 3; ++y)
            for (int x = 2; x <= 4; ++x) heat[y * 10 + x] = 9.0f;
        heat[6 * 10 + 8] = 9.0f;
        const AttentionCrop c = attentionCrop(heat, 10, 8);
        QVERIFY(!c.fallbackToFullFrame);
        QCOMPARE(c.threshold, 0);   // two levels 0 and 255 after rescaling: the smallest separating t
        QCOMPARE(c.box.x0, 2);
        QCOMPARE(c.box.y0, 1);
        QCOMPARE(c.box.x1, 5);
        QCOMPARE(c.box.y1, 4);
        QCOMPARE(int(std::count(c.mask.begin(), c.mask.end(), 1)), 10);
        // No contrast: the whole frame.
        const AttentionCrop flat = attentionCrop(std::vector<float>(80, 3.0f), 10, 8);
        QVERIFY(flat.fallbackToFullFrame);
        QCOMPARE(flat.box.x1, 10);
        QCOMPARE(flat.box.y1, 8);
    }

    // ----- backbones and heads against the paper's Table 3 -----
    void backboneParameterCountsMatchPublishedTotals()
    {
        // torchvision inception_v3 (27,161,264) without fc (2,049,000) and AuxLogits (3,326,696).
        InceptionV3 inception(3, 1.0);
        QCOMPARE(inception->outChannels(), int64_t(2048));
        const int64_t inceptionParams = countParameters(*inception);
        QCOMPARE(inceptionParams, int64_t(21785568));
        // Keras' InceptionV3 (Table 3's non-trainable 21,802,784) has BN without scale (beta only) but
        // counts moving mean and variance: 3 values per BN channel where torch has 2 parameters.
        QCOMPARE(inceptionParams + batchNormChannels(*inception), int64_t(21802784));
        // Keras' Xception without top: 20,861,480 = trainable 20,806,952 + 2 x 27,264 BN statistics.
        Xception xception(3, 1.0);
        QCOMPARE(xception->outChannels(), int64_t(2048));
        const int64_t xceptionParams = countParameters(*xception);
        QCOMPARE(xceptionParams, int64_t(20806952));
        QCOMPARE(xceptionParams + 2 * batchNormChannels(*xception), int64_t(20861480));
    }

    void headParameterCountsMatchTable3()
    {
        torch::manual_seed(1);
        BoneAgeModel inc = createModel("rsna-inceptionv3", "paper");
        QCOMPARE(countWithPrefix(*inc, "backbone.", false), int64_t(3083065));
        BoneAgeModel xc = createModel("rsna-xception", "paper");
        QCOMPARE(countWithPrefix(*xc, "backbone.", false), int64_t(20885));
        BoneAgeModel rp = createModel("rsna-resnet50-patches", "paper");
        QCOMPARE(countWithPrefix(*rp, "backbone.", false), int64_t(28715));
        BoneAgeModel ag = createModel("agcnn", "paper");
        QCOMPARE(countWithPrefix(*ag, "fusion.", true), int64_t(1082113));
        QCOMPARE(countWithPrefix(*ag, "globalHead.", true), int64_t(524801));
        // Global branch: 1-channel ResNet-50 without fc + head (Table 3: 22,984,449; see README).
        const int64_t globalBranch = countWithPrefix(*ag, "globalBranch.", true) + countWithPrefix(*ag, "globalHead.", true);
        qInfo("AG-CNN global branch %lld parameters (paper 22,984,449)", static_cast<long long>(globalBranch));
        QCOMPARE(globalBranch, int64_t(23501760 + 524801));
    }

    // ----- shapes -----
    void paperPresetShapes()
    {
        for (const char* arch : {"rsna-inceptionv3", "rsna-xception", "rsna-resnet50-patches", "agcnn"})
            testing::checkOutputShape(arch, "paper", 1);
    }

    void compactPresetShapes()
    {
        for (const char* arch : {"rsna-inceptionv3", "rsna-xception", "rsna-resnet50-patches", "agcnn", "rsna-ensemble"})
            testing::checkOutputShape(arch, "compact", 2);
    }

    // ----- learning, persistence, determinism -----
    void compactOneStepLowersLoss()
    {
        for (const char* arch : {"rsna-inceptionv3", "rsna-xception", "rsna-resnet50-patches", "agcnn", "rsna-ensemble"})
            testing::checkOneStepLowersLoss(arch, "compact", 4, 1e-3);
    }

    void compactOverfitsEightSamples()
    {
        testing::checkOverfits("rsna-xception", "compact", 8, 30, 2e-3, 15.0);
        testing::checkOverfits("rsna-inceptionv3", "compact", 8, 30, 1e-3, 20.0);
        // Dropout 0.5 before AG-CNN's outputs: measured in eval mode (fusion branch), after the BN
        // statistics have followed the 8 samples.
        testing::checkOverfits("agcnn", "compact", 8, 60, 2e-3, 20.0, true);
    }

    void patchesModelOverfitsEightSamplesOnFixedPatches()
    {
        // The synthetic targets depend on where the blob is; a random 64 px patch of the 96 px image
        // may not contain it, so random-patch training cannot fit them. With the evaluation patches
        // in training too, the model must fit the 8 samples.
        torch::manual_seed(12);
        BoneAgeModel m = createModel("rsna-resnet50-patches", "compact");
        dynamic_cast<RsnaResNetPatchesImpl&>(*m).setRandomTrainingPatches(false);
        m->train();
        const TrainingBatch b = testing::fixedBatch(m->preset(), 8);
        const double before = testing::trainModeMae(*m, b);
        torch::optim::Adam opt(m->parameters(), torch::optim::AdamOptions(2e-3));
        for (int i = 0; i < 40; ++i) m->trainingStep(b, opt);
        const double after = testing::trainModeMae(*m, b);
        qInfo("rsna-resnet50-patches/compact (fixed patches) MAE %.2f -> %.2f months after 40 steps", before, after);
        QVERIFY(after < 15.0);
        QVERIFY(after < 0.5 * before);
    }

    void compactSaveLoad()
    {
        for (const char* arch : {"rsna-inceptionv3", "rsna-xception", "rsna-resnet50-patches", "agcnn", "rsna-ensemble"})
            testing::checkSaveLoad(arch, "compact");
    }

    void compactDeterminism()
    {
        for (const char* arch : {"rsna-resnet50-patches", "agcnn", "rsna-ensemble"}) testing::checkDeterminism(arch, "compact");
    }

    void compactGradCam()
    {
        for (const char* arch : {"rsna-inceptionv3", "rsna-xception", "rsna-resnet50-patches", "agcnn"})
            testing::checkGradCam(arch, "compact");
    }

    // ----- explanations and model-specific behaviour -----
    void patchesAreOverlappingAndAggregated()
    {
        torch::manual_seed(2);
        BoneAgeModel m = createModel("rsna-resnet50-patches", "compact");
        m->eval();
        torch::NoGradGuard g;
        const ModelOutput out = m->forward(exampleInput(m->preset(), 2));
        const torch::Tensor boxes = out.boxes.at("patches");
        // 64 px patches of a 96 px image: x centred (16), y at 0, 16, 32.
        const torch::Tensor expected = torch::tensor({16.f, 0.f, 80.f, 64.f, 16.f, 16.f, 80.f, 80.f, 16.f, 32.f, 80.f, 96.f})
                                           .view({1, 3, 4}).expand({2, 3, 4});
        QVERIFY(torch::equal(boxes, expected));
        QVERIFY(torch::allclose(out.scores.at("patches").mean(1), out.boneAgeMonths));
        // Training draws new random patches, reproducibly from the augmentation seed.
        m->train();
        m->reseedAugmentation(7);
        const torch::Tensor a = m->forward(exampleInput(m->preset(), 2)).boxes.at("patches");
        m->reseedAugmentation(7);
        QVERIFY(torch::equal(a, m->forward(exampleInput(m->preset(), 2)).boxes.at("patches")));
        QVERIFY(!torch::equal(a, expected));
    }

    void agcnnExplanationsAndCrop()
    {
        torch::manual_seed(3);
        BoneAgeModel m = createModel("agcnn", "compact");
        m->eval();
        torch::NoGradGuard g;
        const ModelInput in = exampleInput(m->preset(), 2);
        const ModelOutput out = m->forward(in);
        const torch::Tensor heat = out.maps.at("attention"), mask = out.maps.at("attentionMask");
        const torch::Tensor boxes = out.boxes.at("attentionCrop");
        QCOMPARE(heat.sizes().vec(), (std::vector<int64_t>{2, 96, 96}));
        QCOMPARE(boxes.sizes().vec(), (std::vector<int64_t>{2, 1, 4}));
        QVERIFY(heat.min().item<double>() >= 0 && heat.max().item<double>() <= 1.0 + 1e-6);
        QVERIFY(torch::equal(mask, (mask > 0.5).to(torch::kFloat)));
        for (int64_t i = 0; i < 2; ++i) {
            // The box is the largest component of the returned heat map's Otsu mask, recomputed here.
            torch::Tensor h = heat[i].contiguous();
            const AttentionCrop c = attentionCrop(std::vector<float>(h.data_ptr<float>(), h.data_ptr<float>() + h.numel()), 96, 96);
            const torch::Tensor b = boxes[i][0];
            QCOMPARE(b[0].item<int>(), c.box.x0);
            QCOMPARE(b[1].item<int>(), c.box.y0);
            QCOMPARE(b[2].item<int>(), c.box.x1);
            QCOMPARE(b[3].item<int>(), c.box.y1);
            // Every mask pixel of the box's component lies inside the box; the box is within the frame.
            QVERIFY(b[0].item<int>() >= 0 && b[2].item<int>() <= 96 && b[1].item<int>() >= 0 && b[3].item<int>() <= 96);
        }
        QCOMPARE(out.vectors.at("prediction.global").sizes().vec(), (std::vector<int64_t>{2}));
        QCOMPARE(out.vectors.at("prediction.local").sizes().vec(), (std::vector<int64_t>{2}));
    }

    void agcnnBranchesLearnFromTheirOwnLossOnly()
    {
        torch::manual_seed(4);
        BoneAgeModel m = createModel("agcnn", "compact");
        auto* net = dynamic_cast<AgCnnImpl*>(m.get());
        QVERIFY(net);
        m->train();
        const TrainingBatch b = testing::fixedBatch(m->preset(), 2);
        AgCnnImpl::Branches r = net->run(b.input);
        ((r.fusion - b.boneAgeMonths) / 50.0).pow(2).mean().backward();
        auto touched = [&](const std::string& prefix) {
            for (const auto& p : m->named_parameters())
                if (p.key().rfind(prefix, 0) == 0 && p.value().grad().defined() && p.value().grad().abs().sum().item<double>() > 0)
                    return true;
            return false;
        };
        QVERIFY(touched("fusion."));
        QVERIFY(!touched("globalBranch."));
        QVERIFY(!touched("localBranch."));
        QVERIFY(!touched("globalHead."));
    }

    void ensembleWeights()
    {
        const std::vector<double> w = RsnaEnsembleImpl::normalisedWeights(RsnaEnsembleImpl::paperWeights());
        QCOMPARE(int(w.size()), 3);
        QVERIFY(std::abs(w[0] - 5.0 / 7.0) < 1e-12);
        QVERIFY(std::abs(w[1] - 1.0 / 7.0) < 1e-12);
        QVERIFY(std::abs(w[2] - 1.0 / 7.0) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RsnaEnsembleImpl::normalisedWeights({0.0, 0.0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RsnaEnsembleImpl::normalisedWeights({1.0, -0.5}));
        QCOMPARE(std::string(RsnaEnsembleImpl::memberArchitectures()[0]), std::string("rsna-resnet50-patches"));

        torch::manual_seed(5);
        BoneAgeModel m = createModel("rsna-ensemble", "compact");
        m->eval();
        torch::NoGradGuard g;
        const ModelOutput out = m->forward(exampleInput(m->preset(), 3));
        torch::Tensor expected = torch::zeros({3});
        for (size_t i = 0; i < 3; ++i)
            expected += w[i] * out.vectors.at(std::string("member.") + RsnaEnsembleImpl::memberArchitectures()[i]);
        QVERIFY(torch::allclose(out.boneAgeMonths, expected, 1e-4, 1e-4));
        QVERIFY(torch::allclose(out.vectors.at("ensembleWeights"), torch::tensor({5.f / 7, 1.f / 7, 1.f / 7})));
        QVERIFY(out.boxes.count("patches"));
    }
};

QTEST_APPLESS_MAIN(TestRsnaReplicas)
#include "tst_rsna_replicas.moc"
