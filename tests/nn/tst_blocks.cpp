// Building blocks: ResNet widths/parameter counts, the 2M-Net attention blocks, the jigsaw generator,
// the input-frame convention of explanation maps.
#include "NnTestSupport.h"
#include "nn/Blocks.h"

using namespace boneage::nn;

class TestBlocks : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTwoThreads(); }

    void resnetParameterCountsMatchTorchvision()
    {
        // torchvision's resnet18/34/50 without their 1000-class fc layer.
        auto count = [](int depth, double w) {
            ResNet r(ResNetOptions().depth(depth).widthMultiplier(w));
            int64_t n = 0;
            for (const auto& p : r->parameters()) n += p.numel();
            return n;
        };
        QCOMPARE(count(18, 1.0), int64_t(11689512 - 513000));
        QCOMPARE(count(34, 1.0), int64_t(21797672 - 513000));
        QCOMPARE(count(50, 1.0), int64_t(25557032 - 2049000));
        // Width 0.5 quarters the 3x3 convolutions: about a quarter of the parameters.
        const double ratio = double(count(18, 0.5)) / double(count(18, 1.0));
        QVERIFY(ratio > 0.24 && ratio < 0.26);
    }

    void resnetStagesHaveTheDocumentedShapes()
    {
        ResNet r(ResNetOptions().depth(50).widthMultiplier(0.25).inChannels(1));
        torch::NoGradGuard g;
        torch::Tensor x = r->stem(torch::rand({2, 1, 64, 96}));
        QCOMPARE(x.sizes().vec(), (std::vector<int64_t>{2, 16, 16, 24}));
        for (int s = 1; s <= 4; ++s) {
            x = r->stage(s, x);
            QCOMPARE(x.size(1), r->stageChannels(s));
        }
        QCOMPARE(x.sizes().vec(), (std::vector<int64_t>{2, 512, 2, 3}));
    }

    void nonLocalBlockStartsAsIdentityAndNormalisesAttention()
    {
        torch::manual_seed(3);
        NonLocalSpatialBlock block(16);
        torch::Tensor x = torch::randn({2, 16, 6, 8});
        torch::NoGradGuard g;
        QVERIFY(torch::allclose(block(x), x));
        const torch::Tensor a = block->lastAttention();
        QCOMPARE(a.sizes().vec(), (std::vector<int64_t>{2, 48, 12}));  // keys max-pooled 2x2
        QVERIFY(torch::allclose(a.sum(-1), torch::ones({2, 48}), 1e-5, 1e-5));
        // Once the projection is switched on, the output departs from the input.
        block->named_parameters()["bn.weight"].fill_(1.0);
        QVERIFY(!torch::allclose(block(x), x));
    }

    void channelBlockIsTheNegativeCorrelationOfEq3()
    {
        NegativeCorrelationChannelBlock block;
        // Two channels of two pixels: x1 = (1, 0), x2 = (1, 1).
        torch::Tensor x = torch::tensor({1.f, 0.f, 1.f, 1.f}).view({1, 2, 1, 2});
        torch::NoGradGuard g;
        QVERIFY(torch::equal(block(x), x));  // gamma starts at 0
        block->named_parameters()["gamma"].fill_(1.0);
        const torch::Tensor y = block(x);
        // Energies: x1.x1 = 1, x1.x2 = 1, x2.x2 = 2. Weights exp(-e) / sum:
        // row 1: (e^-1, e^-1)/(2e^-1) = (0.5, 0.5); row 2: (e^-1, e^-2)/(e^-1 + e^-2).
        const double w21 = std::exp(-1.0) / (std::exp(-1.0) + std::exp(-2.0)), w22 = 1.0 - w21;
        const torch::Tensor expected = torch::tensor({1.f + 1.0f, 0.f + 0.5f,
                                                      float(1.0 + w21 * 1 + w22 * 1), float(1.0 + w21 * 0 + w22 * 1)})
                                           .view({1, 2, 1, 2});
        QVERIFY(torch::allclose(y, expected, 1e-5, 1e-5));
        QVERIFY(torch::allclose(block->lastAttention()[0][1], torch::tensor({float(w21), float(w22)}), 1e-5, 1e-5));
    }

    void cbamScalesChannelsThenPositions()
    {
        torch::manual_seed(4);
        Cbam cbam(32);
        torch::Tensor x = torch::randn({2, 32, 9, 7});
        torch::NoGradGuard g;
        torch::Tensor y = cbam(x);
        QCOMPARE(y.sizes(), x.sizes());
        const torch::Tensor map = cbam->lastSpatialMap();
        QCOMPARE(map.sizes().vec(), (std::vector<int64_t>{2, 1, 9, 7}));
        QVERIFY(map.min().item<double>() > 0.0 && map.max().item<double>() < 1.0);
        QVERIFY((y.abs() <= x.abs() + 1e-6).all().item<bool>());  // both scales are in (0,1)
        // With every weight and bias at zero both sigmoids give 0.5: output = x / 4.
        for (auto& p : cbam->parameters()) p.zero_();
        QVERIFY(torch::allclose(cbam(x), x * 0.25));
        // A spatial kernel that reads the channel mean only (centre tap) brightens bright places.
        cbam->named_parameters()["spatial.weight"][0][0][3][3].fill_(10.0);
        cbam(x);
        const torch::Tensor m = cbam->lastSpatialMap()[0][0];
        const torch::Tensor mean = x[0].mean(0);
        QCOMPARE(m.flatten().argmax().item<int64_t>(), mean.flatten().argmax().item<int64_t>());
    }

    void jigsawIsATilePermutationAndRestores()
    {
        JigsawGenerator gen(7);
        const int n = 4;
        torch::Tensor x = torch::arange(2 * 1 * 16 * 16, torch::kFloat).view({2, 1, 16, 16});
        JigsawResult r = gen.shuffle(x, n);
        QCOMPARE(r.images.sizes(), x.sizes());
        QCOMPARE(r.permutation.sizes().vec(), (std::vector<int64_t>{2, 16}));
        for (int64_t b = 0; b < 2; ++b) {
            // The permutation holds every tile exactly once ...
            QVERIFY(torch::equal(std::get<0>(r.permutation[b].sort()), torch::arange(16, torch::kLong)));
            // ... and each output tile is the input tile it names.
            for (int64_t p = 0; p < 16; ++p) {
                const int64_t q = r.permutation[b][p].item<int64_t>();
                const auto tile = [&](const torch::Tensor& t, int64_t i) {
                    return t[b][0].slice(0, (i / n) * 4, (i / n) * 4 + 4).slice(1, (i % n) * 4, (i % n) * 4 + 4);
                };
                QVERIFY(torch::equal(tile(r.images, p), tile(x, q)));
            }
        }
        QVERIFY(!torch::equal(r.images, x));
        QVERIFY(torch::equal(JigsawGenerator::restore(r.images, r.permutation, n), x));
        // A new shuffle on every call.
        QVERIFY(!torch::equal(gen.shuffle(x, n).permutation, r.permutation));
        // Same seed, same shuffles.
        JigsawGenerator again(7);
        QVERIFY(torch::equal(again.shuffle(x, n).permutation, r.permutation));
    }

    void jigsawKeepsRemainderAndNOfOne()
    {
        JigsawGenerator gen(1);
        torch::Tensor x = torch::rand({1, 1, 10, 11});
        JigsawResult r = gen.shuffle(x, 3);   // tiles of 3x3, last row and last 2 columns stay
        QVERIFY(torch::equal(r.images.narrow(2, 9, 1), x.narrow(2, 9, 1)));
        QVERIFY(torch::equal(r.images.narrow(3, 9, 2), x.narrow(3, 9, 2)));
        QVERIFY(torch::equal(JigsawGenerator::restore(r.images, r.permutation, 3), x));
        QVERIFY(torch::equal(gen.shuffle(x, 1).images, x));
    }

    void mapsAreResizedIntoTheInputFrame()
    {
        // One hot cell (row 1, col 2) of a 4x4 grid over a 32x32 input lands on pixels [16,24) x [8,16).
        torch::Tensor m = torch::zeros({1, 4, 4});
        m[0][1][2] = 1.0;
        const torch::Tensor up = mapToInputFrame(m, 32, 32);
        QCOMPARE(up.sizes().vec(), (std::vector<int64_t>{1, 32, 32}));
        const int64_t arg = up.flatten().argmax().item<int64_t>();
        const int64_t y = arg / 32, x = arg % 32;
        QVERIFY(y >= 8 && y < 16);
        QVERIFY(x >= 16 && x < 24);
        // Symmetric around the cell centre (20, 12).
        QVERIFY(std::abs(up[0][12][16].item<double>() - up[0][12][23].item<double>()) < 1e-5);
    }
};

QTEST_APPLESS_MAIN(TestBlocks)
#include "tst_blocks.moc"
