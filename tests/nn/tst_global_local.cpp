// Global-local fusion network (seed 003): shapes, learning, persistence, determinism, the softened-label
// loss and the ROI input checks.
#include "NnTestSupport.h"
#include "nn/GlobalLocalNet.h"

using namespace boneage::nn;

class TestGlobalLocal : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTwoThreads(); }

    void paperPresetShapes()
    {
        testing::checkOutputShape("globallocal", "paper", 1);
        torch::manual_seed(1);
        BoneAgeModel m = createModel("globallocal", "paper");
        qInfo("global-local paper preset: %lld parameters", static_cast<long long>(m->parameterCount()));
        QVERIFY(m->preset().needsRoiPatches);
    }
    void compactPresetShapes() { testing::checkOutputShape("globallocal", "compact", 2); }
    void compactOneStepLowersLoss() { testing::checkOneStepLowersLoss("globallocal", "compact", 4, 1e-3); }
    void compactOverfitsEightSamples() { testing::checkOverfits("globallocal", "compact", 8, 30, 2e-3, 15.0); }
    void compactSaveLoad() { testing::checkSaveLoad("globallocal", "compact"); }
    void compactDeterminism() { testing::checkDeterminism("globallocal", "compact"); }
    void compactGradCam() { testing::checkGradCam("globallocal", "compact"); }

    void softenedLabelLossByHand()
    {
        // Errors 2, -3, 5, -10 months: inside the +-3 band the loss is 0, outside it is |e| - 3.
        const torch::Tensor target = torch::tensor({120.f, 120.f, 120.f, 120.f});
        const torch::Tensor predicted = torch::tensor({122.f, 117.f, 125.f, 110.f});
        const double expected = (0 + 0 + 2 + 7) / 4.0 / kAgeScaleMonths;
        QVERIFY(std::abs(GlobalLocalNetImpl::smoothedL1(predicted, target).item<double>() - expected) < 1e-7);
    }

    void roiPatchesAreRequiredAndUsed()
    {
        torch::manual_seed(2);
        BoneAgeModel m = createModel("globallocal", "compact");
        m->eval();
        ModelInput in = exampleInput(m->preset(), 1);
        torch::NoGradGuard g;
        const torch::Tensor a = m->forward(in).boneAgeMonths;
        QCOMPARE(m->forward(in).boxes.at("rois").sizes().vec(), (std::vector<int64_t>{1, 18, 4}));
        in.roiPatches = torch::zeros_like(in.roiPatches);
        QVERIFY(!torch::allclose(a, m->forward(in).boneAgeMonths));
        in.roiPatches = torch::Tensor();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m->forward(in));
        in = exampleInput(m->preset(), 1);
        in.image = torch::rand({1, 1, 96, 96});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m->forward(in));
    }
};

QTEST_APPLESS_MAIN(TestGlobalLocal)
#include "tst_global_local.moc"
